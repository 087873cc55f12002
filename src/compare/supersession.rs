//! Supersession (docs/reference.md section 4): figures get updated. A claim is
//! superseded when another compared claim of its group (same subject and
//! measure) lists it in `supersedes` (explicit, any claimant), or has the
//! same claimant and an `as_of` that begins after this claim's `as_of`
//! ends (implicit: a claimant's later figure replaces its earlier one,
//! whatever the trend).
//!
//! Only compared claims (not Deprecated, not reviewed False) supersede; a
//! superseded claim still supersedes the ones before it, so chains hold
//! (93 ← 115 ← 133); Deprecated and False claims may themselves be
//! superseded; claims with a Text value take no part. A `supersedes` entry
//! that names the claim itself or a claim of another group is ignored here
//! (it is `bad-supersedes` in `check`).
//!
//! The *direct* superseders of a claim are its explicit superseders and,
//! by the implicit rule, the claimant's next compared figures: those whose
//! `as_of` begins first after this one's ends. Later figures of the same
//! claimant supersede it through that chain, so listing them too would only
//! repeat the chain. Pure, and independent of file order.

use foldhash::{HashMap, HashMapExt};

use crate::model::Claim;
use crate::model::date::PartialDate;
use crate::store::contents::Contents;

/// The direct superseders of every superseded claim, by entry index.
#[derive(Debug, Clone, Default)]
pub struct Supersession {
    by: HashMap<usize, Vec<usize>>,
}

impl Supersession {
    /// The supersession of every group of the snapshot.
    pub fn of(contents: &Contents) -> Supersession {
        let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, e) in contents.entries.iter().enumerate() {
            if let Some(c) = e.record.as_claim().filter(|c| takes_part(c)) {
                groups.entry((c.subject.as_str(), c.measure.as_str())).or_default().push(i);
            }
        }
        let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
        for members in groups.values() {
            group(contents, members, &mut by);
        }
        for superseders in by.values_mut() {
            superseders.sort_by(|&a, &b| order(contents, a).cmp(&order(contents, b)));
            superseders.dedup();
        }
        Supersession { by }
    }

    /// The direct superseders of the claim at this entry (entry indices,
    /// by id); empty when it is current.
    pub fn superseded_by(&self, entry: usize) -> &[usize] {
        self.by.get(&entry).map_or(&[], Vec::as_slice)
    }

    /// Whether a later or corrected figure replaced the claim at `entry`.
    pub fn is_superseded(&self, entry: usize) -> bool {
        self.by.contains_key(&entry)
    }
}

/// Whether a claim takes part in supersession at all.
fn takes_part(c: &Claim) -> bool {
    !matches!(c.value, crate::model::Value::Text(_))
}

/// A claim's sort key for listing superseders: id, then entry.
fn order(contents: &Contents, entry: usize) -> (&str, usize) {
    (contents.entries[entry].record.id(), entry)
}

fn claim(contents: &Contents, entry: usize) -> &Claim {
    contents.entries[entry].record.as_claim().expect("supersession groups hold claims")
}

/// Both rules over the claims of one group (entry indices).
fn group(contents: &Contents, members: &[usize], by: &mut HashMap<usize, Vec<usize>>) {
    let mut ids: HashMap<&str, Vec<usize>> = HashMap::with_capacity(members.len());
    for &m in members {
        ids.entry(claim(contents, m).id.as_str()).or_default().push(m);
    }
    // Explicit: `supersedes` of compared claims, within the group.
    for &y in members {
        let c = claim(contents, y);
        if !c.is_compared() {
            continue;
        }
        for target in &c.supersedes {
            for &x in ids.get(target.as_str()).into_iter().flatten() {
                if x != y {
                    by.entry(x).or_default().push(y);
                }
            }
        }
    }
    // Implicit: per claimant, each claim's next compared figures in time.
    let mut claimants: HashMap<&str, Vec<(usize, PartialDate)>> = HashMap::new();
    for &m in members {
        let c = claim(contents, m);
        if let Some(when) = c.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok()) {
            claimants.entry(c.claimant.as_str()).or_default().push((m, when));
        }
    }
    for dated in claimants.values() {
        let mut later: Vec<(usize, PartialDate)> =
            dated.iter().copied().filter(|&(m, _)| claim(contents, m).is_compared()).collect();
        later.sort_by_key(|&(m, when)| (when.first_minute, order(contents, m)));
        for &(x, when) in dated {
            let next = later.partition_point(|(_, w)| w.first_minute <= when.last_minute);
            let Some(&(_, first)) = later.get(next) else { continue };
            let successors = later[next..].iter().take_while(|(_, w)| w.first_minute == first.first_minute);
            by.entry(x).or_default().extend(successors.map(|&(y, _)| y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Claims as `ID CLAIMANT VALUE @AS_OF [sup:A,B] [Deprecated] [False]
    /// [m:MEASURE]`; expected as `id ← superseder, superseder` for each
    /// superseded claim. Checked in both file orders.
    fn check(claims: &[&str], expected: &[&str]) {
        for reversed in [false, true] {
            let mut specs: Vec<String> = claims.iter().map(|s| spec(s)).collect();
            if reversed {
                specs.reverse();
            }
            let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
            let mut snap = crate::testing::spec_snapshot(&["ic B", "mvd B", "irna C", "moh A"], &specs);
            for (i, s) in claims.iter().enumerate() {
                let sup = s.split_whitespace().find_map(|w| w.strip_prefix("sup:"));
                let id = s.split_whitespace().next().expect("an id");
                let entry = snap
                    .entries
                    .iter_mut()
                    .find(|e| e.record.id() == id)
                    .unwrap_or_else(|| panic!("claim {i} in the snapshot"));
                if let (Some(sup), crate::model::Record::Claim(c)) = (sup, &mut entry.record) {
                    c.supersedes = sup.split(',').map(str::to_owned).collect();
                }
            }
            let s = Supersession::of(&snap);
            let mut got: Vec<String> = (0..snap.entries.len())
                .filter(|&i| s.is_superseded(i))
                .map(|i| {
                    let by: Vec<&str> =
                        s.superseded_by(i).iter().map(|&j| snap.entries[j].record.id()).collect();
                    format!("{} ← {}", snap.entries[i].record.id(), by.join(", "))
                })
                .collect();
            got.sort();
            assert_eq!(got, expected, "{claims:?} (reversed: {reversed})");
        }
    }

    /// Drops the `sup:` token, which the spec builder does not know.
    fn spec(s: &str) -> String {
        s.split_whitespace().filter(|w| !w.starts_with("sup:")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_claimants_later_figures_supersede_its_earlier_ones_as_a_chain() {
        check(
            &[
                "a93 ic Exact(93) @2024-03-23T13:00",
                "b115 ic Exact(115) @2024-03-23T16:00",
                "c133 ic Exact(133) @2024-03-23T20:00",
            ],
            &["a93 ← b115", "b115 ← c133"],
        );
    }

    #[test]
    fn whatever_the_trend() {
        check(
            &["a103 irna Exact(103) @2024-01-03T15:00", "b95 irna Exact(95) @2024-01-03T22:00"],
            &["a103 ← b95"],
        );
    }

    #[test]
    fn overlapping_or_missing_as_of_is_no_supersession() {
        check(&["a ic Exact(93) @2024-03-23", "b ic Exact(115) @2024-03-23T16:00"], &[]);
        check(&["a ic Exact(93)", "b ic Exact(115) @2024-03-24"], &[]);
    }

    #[test]
    fn other_claimants_other_groups_and_texts_do_not_supersede_implicitly() {
        check(&["a ic Exact(93) @2024-03-23", "b mvd Exact(115) @2024-03-24"], &[]);
        check(&["a ic Exact(93) @2024-03-23", "b ic Exact(115) @2024-03-24 m:any"], &[]);
        check(&["a ic Text(\"x\") @2024-03-23 m:summary", "b ic Text(\"y\") @2024-03-24 m:summary"], &[]);
    }

    #[test]
    fn explicit_supersession_crosses_claimants() {
        check(
            &["a103 irna Exact(103) @2024-01-03", "b95 moh Exact(95) @2024-01-03 sup:a103"],
            &["a103 ← b95"],
        );
    }

    #[test]
    fn only_compared_claims_supersede_but_any_claim_may_be_superseded() {
        check(&["a ic Exact(93) @2024-03-23", "b ic Exact(115) @2024-03-24 Deprecated"], &[]);
        check(&["a ic Exact(93) @2024-03-23 False", "b ic Exact(115) @2024-03-24"], &["a ← b"]);
        check(&["a irna Exact(103) @2024-01-03 False", "b moh Exact(95) @2024-01-03 False sup:a"], &[]);
        // A Deprecated figure in between: the next compared one supersedes.
        check(
            &[
                "a ic Exact(93) @2024-03-23",
                "b ic Exact(115) @2024-03-24 Deprecated",
                "c ic Exact(133) @2024-03-25",
            ],
            &["a ← c", "b ← c"],
        );
    }

    #[test]
    fn bad_targets_are_ignored() {
        check(&["a ic Exact(93) @2024-03-23 sup:a"], &[]);
        check(&["a ic Exact(93) sup:b", "b mvd Exact(1) m:any"], &[]);
        check(&["a ic Exact(93) sup:nonesuch"], &[]);
    }

    #[test]
    fn a_cycle_supersedes_every_claim_in_it() {
        check(&["a ic Exact(1) sup:b", "b mvd Exact(2) sup:a"], &["a ← b", "b ← a"]);
    }
}
