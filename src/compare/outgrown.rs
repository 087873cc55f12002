//! Outgrown figures (docs/reference.md section 4, third edition): for a `NonDecreasing`
//! measure, a current claim is outgrown when a later current claim of its
//! group by another claimant lies wholly above it — the pair the conflict
//! rule lets pass because a toll may grow (the prosecutor's 130 of November
//! 2002 against the victims' association's "at least 174" of 2007). An
//! outgrown claim stays current, compared and graded; the report, the
//! answer lines and the timelines say what outgrew it.
//!
//! `outgrown_by` names the first such claims in time: those whose as_of
//! begins first after this claim's as_of ends, as `superseded_by` names the
//! next figure. Work is `O(n log n)` in the group's members: the later
//! claims are sorted by the start of their as_of, and a tree of the
//! highest lower bound of each span finds the first that lies above.

use crate::compare::groups::{Member, Standing};
use crate::model::{Measure, Trend};
use crate::store::contents::Contents;

/// For each member of a group (timeline order), the entry indices of the
/// claims that outgrew it, sorted by id (then entry); empty for most.
pub(crate) fn outgrown_by(members: &[Member], measure: &Measure, contents: &Contents) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); members.len()];
    if measure.trend != Trend::NonDecreasing {
        return out;
    }
    // Current members with an as_of and an interval, by the start of as_of.
    let mut later: Vec<Candidate> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.standing == Standing::Current)
        .filter_map(|(i, m)| {
            let when = m.figure.as_of?;
            let interval = m.figure.interval?;
            Some(Candidate { member: i, first: when.first_minute, lo: interval.lo })
        })
        .collect();
    later.sort_by_key(|c| (c.first, c.member));
    let tree = MaxTree::of(later.iter().map(|c| c.lo));
    for (i, m) in members.iter().enumerate() {
        if m.standing != Standing::Current {
            continue;
        }
        let (Some(when), Some(interval)) = (m.figure.as_of, m.figure.interval) else { continue };
        let Some(hi) = interval.hi else { continue }; // "at least" is never outgrown
        let start = later.partition_point(|c| c.first <= when.last_minute);
        let Some(first) = tree.first_above(start, hi) else { continue };
        let first_minute = later[first].first;
        let mut by: Vec<usize> = later[first..]
            .iter()
            .take_while(|c| c.first == first_minute)
            .filter(|c| c.lo > hi && members[c.member].claim.claimant != m.claim.claimant)
            .map(|c| members[c.member].entry)
            .collect();
        by.sort_by(|&a, &b| (contents.entries[a].record.id(), a).cmp(&(contents.entries[b].record.id(), b)));
        out[i] = by;
    }
    out
}

/// A current member that may outgrow earlier ones.
struct Candidate {
    member: usize,
    /// First minute of its as_of.
    first: i64,
    /// Lower bound of its interval.
    lo: i128,
}

/// A segment tree of the highest value of each span of a list, to find the
/// first position at or after a start whose value exceeds a bound.
struct MaxTree {
    size: usize,
    max: Vec<i128>,
}

impl MaxTree {
    fn of(values: impl ExactSizeIterator<Item = i128>) -> MaxTree {
        let size = values.len().next_power_of_two().max(1);
        let mut max = vec![i128::MIN; 2 * size];
        for (i, v) in values.enumerate() {
            max[size + i] = v;
        }
        for i in (1..size).rev() {
            max[i] = max[2 * i].max(max[2 * i + 1]);
        }
        MaxTree { size, max }
    }

    /// The first position `>= start` whose value is above `bound`.
    fn first_above(&self, start: usize, bound: i128) -> Option<usize> {
        self.descend(1, 0, self.size, start, bound)
    }

    fn descend(&self, node: usize, lo: usize, hi: usize, start: usize, bound: i128) -> Option<usize> {
        if hi <= start || self.max[node] <= bound {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = lo + (hi - lo) / 2;
        self.descend(2 * node, lo, mid, start, bound)
            .or_else(|| self.descend(2 * node + 1, mid, hi, start, bound))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::compare::analysis::Analysis;
    use crate::store::contents::Contents;
    use crate::testing;

    /// A snapshot of claim specs (`testing::claim`), where a `sup:a,b`
    /// token lists the claims a claim supersedes.
    fn store(claims: &[&str]) -> Contents {
        let mut supersedes = Vec::new();
        let specs: Vec<String> = claims
            .iter()
            .map(|spec| {
                let (sup, rest): (Vec<&str>, Vec<&str>) =
                    spec.split_whitespace().partition(|w| w.starts_with("sup:"));
                supersedes
                    .push(sup.first().map(|s| s[4..].split(',').map(str::to_owned).collect::<Vec<_>>()));
                rest.join(" ")
            })
            .collect();
        let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
        let mut snap = testing::spec_snapshot(&[], &specs);
        for (e, sup) in snap.entries.iter_mut().zip(supersedes) {
            if let (crate::model::Record::Claim(c), Some(sup)) = (&mut e.record, sup) {
                c.supersedes = sup;
            }
        }
        snap
    }

    /// Each outgrown claim as `id < by, by`, sorted by id.
    fn outgrown(snap: &Contents) -> Vec<String> {
        let analysis = Analysis::of(snap);
        let mut found: Vec<String> = analysis
            .groups
            .iter()
            .flat_map(|g| &g.members)
            .filter(|m| !m.outgrown_by.is_empty())
            .map(|m| {
                let by: Vec<&str> = m.outgrown_by.iter().map(|&e| snap.entries[e].record.id()).collect();
                format!("{} < {}", m.claim.id, by.join(", "))
            })
            .collect();
        found.sort();
        found
    }

    /// Checks the outgrown claims of a store, in file order and reversed.
    #[track_caller]
    fn check(claims: &[&str], expected: &[&str]) {
        let mut snap = store(claims);
        assert_eq!(outgrown(&snap), expected, "{claims:?}");
        snap.entries.reverse();
        assert_eq!(outgrown(&snap), expected, "reversed: {claims:?}");
    }

    #[test]
    fn a_toll_grown_by_one_claimant() {
        // The same claimant's later figure supersedes: nothing is outgrown.
        check(&["a x Exact(90) @2002-10-26", "b x Exact(118) @2002-10-27"], &[]);
        // Another claimant's later, higher figure outgrows.
        check(&["a x Exact(130) @2002-11", "b y AtLeast(174) @2007-10"], &["a < b"]);
        // Not later: the same day, or no as_of, is a conflict or an agreement, never outgrown.
        check(&["a x Exact(67) @2002-10-26", "b y Exact(90) @2002-10-26"], &[]);
        check(&["a x Exact(67)", "b y Exact(90) @2002-10-27"], &[]);
        check(&["a x Exact(67) @2002-10-26", "b y Exact(90)"], &[]);
        // Not wholly above: overlapping figures agree.
        check(&["a x Exact(130) @2002-11", "b y Exact(130) @2007-10"], &[]);
        check(&["a x Between(120,140) @2002-11", "b y Exact(135) @2007-10"], &[]);
        // Later and lower is a downward revision, not the other way round.
        check(&["a x Exact(130) @2002-11", "b y Exact(100) @2007-10"], &[]);
    }

    #[test]
    fn a_toll_grown_by_several_names_the_first_in_time() {
        check(
            &["a w Exact(67) @2002-10-26", "b x Exact(130) @2002-11", "c y AtLeast(174) @2007-10"],
            &["a < b", "b < c"],
        );
        // Every claimant at the same first moment is named, by id (the 70 lies above the 67 too;
        // the 70 and the 130 of one month are no growth of each other).
        check(
            &[
                "a w Exact(67) @2002-10-26",
                "c x Exact(130) @2002-11",
                "b y Exact(129) @2002-11",
                "d z Exact(70) @2002-11",
            ],
            &["a < b, c, d"],
        )
    }

    #[test]
    fn with_supersession_mixed_in() {
        // The 117 and the 118 are superseded by the 130: only current claims are outgrown or outgrow.
        check(
            &[
                "v w Exact(67) @2002-10-26",
                "m x Exact(90) @2002-10-26",
                "n x AtLeast(118) @2002-10-27",
                "c y Exact(117) @2002-10-28",
                "p z Exact(130) @2002-11 sup:c,n",
                "a q AtLeast(174) @2007-10",
            ],
            &["p < a", "v < p"],
        );
        // A superseded figure outgrows nothing: the 67 is outgrown by the 130 that replaced the 150.
        check(
            &["v w Exact(67) @2002-10-26", "t y Exact(150) @2002-10-27", "p z Exact(130) @2002-11 sup:t"],
            &["v < p"],
        );
        // Retracted claims neither.
        check(&["a x Exact(67) @2002-10-26", "b y Exact(130) @2002-11 Deprecated"], &[]);
    }

    #[test]
    fn between_about_and_at_least() {
        // About(100) at 10% is 90–110: 111 lies above, 110 does not.
        check(&["a x About(100) @2024-01", "b y Exact(111) @2024-02"], &["a < b"]);
        check(&["a x About(100) @2024-01", "b y Exact(110) @2024-02"], &[]);
        check(&["a x Between(10,20) @2024-01", "b y Between(21,30) @2024-02"], &["a < b"]);
        check(&["a x Between(10,20) @2024-01", "b y Between(20,30) @2024-02"], &[]);
        // An open-ended figure is never outgrown; it may outgrow.
        check(&["a x AtLeast(40) @2024-01", "b y Exact(149) @2024-02"], &[]);
        check(&["a x AtMost(10) @2024-01", "b y AtLeast(11) @2024-02"], &["a < b"]);
    }

    #[test]
    fn figures_that_may_go_either_way_are_never_outgrown() {
        check(&["a x Exact(130) m:any @2002-11", "b y Exact(174) m:any @2007-10"], &[]);
        check(&["a x Date(\"2014\") m:founded @2016", "b y Date(\"2015\") m:founded @2024"], &[]);
    }

    /// Claim specs of one toll from small numbers: claimant, value, month, kind.
    fn spec(i: usize, (claimant, value, month, kind): (u8, u8, u8, u8)) -> String {
        let value = u64::from(value) * 10;
        let value = match kind {
            0 => format!("Exact({value})"),
            1 => format!("AtLeast({value})"),
            2 => format!("Between({value},{})", value + 15),
            _ => format!("About({value})"),
        };
        format!("c{i} s{claimant} {value} @2024-{:02}", month + 1)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Outgrown does not depend on the order of the files.
        #[test]
        fn does_not_depend_on_file_order(
            claims in proptest::collection::vec((0u8..4, 0u8..20, 0u8..12, 0u8..4), 1..12),
            seed in any::<u64>(),
        ) {
            let specs: Vec<String> = claims.iter().enumerate().map(|(i, &c)| spec(i, c)).collect();
            let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
            let mut snap = store(&specs);
            let before = outgrown(&snap);
            // A deterministic shuffle from the seed.
            let mut state = seed | 1;
            for i in (1..snap.entries.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                snap.entries.swap(i, (state % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(before, outgrown(&snap));
        }
    }
}
