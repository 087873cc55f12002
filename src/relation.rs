//! Relatedness of actors through `part_of` (SPEC section 4): `iskp` is part
//! of `islamic-state`, so a claim naming one agrees with a claim naming the
//! other. Links are followed transitively. Cycles are a `part-of-cycle`
//! finding of their own; here they merely stop the walk, never loop it.

use std::collections::{HashMap, HashSet};

use crate::snapshot::Snapshot;

/// The transitive `part_of` closure of the store's sources.
#[derive(Debug, Clone, Default)]
pub struct PartOf {
    /// Every source with part_of links, to all the bodies it is part of,
    /// directly or through others (itself excluded).
    ancestors: HashMap<String, HashSet<String>>,
}

impl PartOf {
    /// The closure of the snapshot's Source records.
    pub fn of(snapshot: &Snapshot) -> PartOf {
        PartOf::from_links(
            snapshot
                .entries
                .iter()
                .filter_map(|e| e.record.as_source())
                .map(|s| (s.id.as_str(), &s.part_of[..])),
        )
    }

    /// The closure of `(source, its part_of)` links.
    pub fn from_links<'a>(links: impl IntoIterator<Item = (&'a str, &'a [String])>) -> PartOf {
        let mut direct: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, parents) in links {
            direct.entry(id).or_default().extend(parents.iter().map(String::as_str));
        }
        let mut ancestors = HashMap::with_capacity(direct.len());
        for (&id, parents) in &direct {
            if parents.is_empty() {
                continue;
            }
            let mut seen: HashSet<String> = HashSet::new();
            let mut stack: Vec<&str> = parents.clone();
            while let Some(next) = stack.pop() {
                if next != id && seen.insert(next.to_owned()) {
                    stack.extend(direct.get(next).into_iter().flatten().copied());
                }
            }
            ancestors.insert(id.to_owned(), seen);
        }
        PartOf { ancestors }
    }

    /// Whether `part` is part of `whole`, directly or transitively.
    pub fn is_part_of(&self, part: &str, whole: &str) -> bool {
        self.ancestors.get(part).is_some_and(|a| a.contains(whole))
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
    fn cycles_terminate() {
        let cycle: &[(&str, &[&str])] = &[("a", &["b"]), ("b", &["c"]), ("c", &["a"]), ("d", &[])];
        check(cycle, "a", "c", true);
        check(cycle, "a", "d", false);
        let self_loop: &[(&str, &[&str])] = &[("a", &["a"])];
        check(self_loop, "a", "b", false);
    }
}
