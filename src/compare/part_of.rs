//! Relatedness of actors through `part_of` (docs/reference.md section 4): `iskp` is part
//! of `islamic-state`, so a claim naming one agrees with a claim naming the
//! other. Links are followed transitively. Cycles are a `part-of-cycle`
//! finding of their own; here they merely stop the walk, never loop it.

use std::collections::{HashMap, HashSet};

use crate::store::contents::Contents;

/// The `part_of` links of the store's sources, followed transitively on
/// demand. (A closure computed up front costs the square of a chain's
/// length: 3,000 chained sources took 40 s and 330 MB; each question here
/// costs only the ancestors of the part it asks about.)
#[derive(Debug, Clone, Default)]
pub struct PartOf {
    /// Every source with part_of links, to the bodies it is directly part of.
    direct: HashMap<String, Vec<String>>,
}

impl PartOf {
    /// The links of the snapshot's Source records.
    pub fn of(contents: &Contents) -> PartOf {
        PartOf::from_links(
            contents
                .entries
                .iter()
                .filter_map(|e| e.record.as_source())
                .map(|s| (s.id.as_str(), &s.part_of[..])),
        )
    }

    /// The links `(source, its part_of)`.
    pub fn from_links<'a>(links: impl IntoIterator<Item = (&'a str, &'a [String])>) -> PartOf {
        let mut direct: HashMap<String, Vec<String>> = HashMap::new();
        for (id, parents) in links {
            if !parents.is_empty() {
                direct.entry(id.to_owned()).or_default().extend(parents.iter().cloned());
            }
        }
        PartOf { direct }
    }

    /// Whether `part` is part of `whole`, directly or transitively (never
    /// of itself, even through a cycle).
    pub fn is_part_of(&self, part: &str, whole: &str) -> bool {
        if part == whole {
            return false;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = vec![part];
        while let Some(next) = stack.pop() {
            for parent in self.direct.get(next).into_iter().flatten() {
                if parent == whole {
                    return true;
                }
                if parent != part && seen.insert(parent) {
                    stack.push(parent);
                }
            }
        }
        false
    }

    /// Every body `part` is part of, directly or transitively (never
    /// itself, even through a cycle): `is_part_of(part, w)` for each `w`.
    pub fn wholes(&self, part: &str) -> Vec<&String> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut wholes = Vec::new();
        let mut stack: Vec<&str> = vec![part];
        while let Some(next) = stack.pop() {
            for parent in self.direct.get(next).into_iter().flatten() {
                if parent != part && seen.insert(parent) {
                    wholes.push(parent);
                    stack.push(parent);
                }
            }
        }
        wholes
    }

    /// Whether two actors are the same or one is part of the other.
    pub fn related(&self, a: &str, b: &str) -> bool {
        a == b || self.is_part_of(a, b) || self.is_part_of(b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closure(links: &[(&str, &[&str])]) -> PartOf {
        let owned: Vec<(String, Vec<String>)> =
            links.iter().map(|(id, p)| (id.to_string(), p.iter().map(|s| s.to_string()).collect())).collect();
        PartOf::from_links(owned.iter().map(|(id, p)| (id.as_str(), &p[..])))
    }

    fn check(links: &[(&str, &[&str])], a: &str, b: &str, expected: bool) {
        assert_eq!(closure(links).related(a, b), expected, "{a} ~ {b} in {links:?}");
        assert_eq!(closure(links).related(b, a), expected, "{b} ~ {a} in {links:?}");
    }

    #[test]
    fn relatedness() {
        let tree: &[(&str, &[&str])] = &[
            ("khuroson-ovozi", &["iskp"]),
            ("iskp", &["islamic-state"]),
            ("amaq", &["islamic-state"]),
            ("islamic-state", &[]),
        ];
        check(tree, "iskp", "iskp", true);
        check(tree, "iskp", "islamic-state", true);
        check(tree, "khuroson-ovozi", "islamic-state", true); // transitively
        check(tree, "khuroson-ovozi", "amaq", false); // siblings' children are not related
        check(tree, "iskp", "amaq", false); // siblings are not related
        check(tree, "unknown", "iskp", false);
        check(tree, "unknown", "unknown", true);
    }

    #[test]
    fn long_chains_cost_only_what_is_asked() {
        let ids: Vec<String> = (0..200_000).map(|i| format!("s{i}")).collect();
        let parents: Vec<Vec<String>> =
            (0..ids.len()).map(|i| ids.get(i + 1).into_iter().cloned().collect()).collect();
        let chain = PartOf::from_links(ids.iter().map(String::as_str).zip(parents.iter().map(|p| &p[..])));
        assert!(chain.is_part_of("s0", "s199999"));
        assert!(!chain.is_part_of("s199999", "s0"));
        assert!(chain.related("s199999", "s7"));
    }

    #[test]
    fn cycles_terminate() {
        let cycle: &[(&str, &[&str])] = &[("a", &["b"]), ("b", &["c"]), ("c", &["a"]), ("d", &[])];
        check(cycle, "a", "c", true);
        check(cycle, "a", "d", false);
        let self_loop: &[(&str, &[&str])] = &[("a", &["a"])];
        check(self_loop, "a", "b", false);
    }
}
