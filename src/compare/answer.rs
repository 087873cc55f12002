//! The answer of a group: what a fact-checker would say of one subject and
//! measure before the details — the range of the current figures, the
//! latest figure of the best-rated claimant and what it replaced, the
//! figures that a later count outgrew, and the open conflicts. Decided
//! here, from the analysis; each report format puts it in words
//! (`render::report::answer`).
//!
//! The range of a count includes open-ended figures (`130 – at least 174`)
//! and leaves out a figure outgrown by one that was outgrown in turn: the
//! deputy minister's 67, outgrown by the prosecutor's 130 and that by the
//! victims' association's at least 174, no longer marks the low end, while
//! the 130 does — the last step of each chain is the dispute the line is
//! about. The outgrown figures are named all the same.

use crate::compare::credibility::Ratings;
use crate::compare::groups::{Group, Member, Standing};
use crate::compare::pair::ConflictKind;
use crate::model::MeasureKind;

/// The answer of one group, as indices into its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub range: Range,
    /// The latest current figure of the best-rated claimant.
    pub best: Option<Best>,
    /// Each outgrown current figure (timeline order) with the figures that
    /// outgrew it.
    pub outgrown: Vec<(usize, Vec<usize>)>,
    /// The conflicting pairs of members kept in the analysis (all of them
    /// up to `max_pairs_per_group`), the earlier first, in order.
    pub conflicts: Vec<(usize, usize, ConflictKind)>,
    /// How many conflicting pairs the group has, kept or not.
    pub pairs: usize,
    /// How many members were compared.
    pub compared: usize,
}

/// The current figures of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Range {
    /// A count: from `lo` (the lowest bound) to `hi` (the highest bounded
    /// end), and `at_least`, an open-ended figure above them all; `lo` and
    /// `hi` are `None` when every figure is open-ended.
    Counts { lo: Option<i128>, hi: Option<i128>, at_least: Option<i128> },
    /// Dates, actors, texts: the members whose values are listed.
    Values(Vec<usize>),
}

/// The best-rated claimant's latest figure and what it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Best {
    pub member: usize,
    /// The same claimant's figure it replaced, if any (the latest).
    pub revised_from: Option<usize>,
    /// Other claimants' figures it superseded explicitly (`supersedes`).
    pub supersedes: Vec<usize>,
}

/// The answer of a group; `None` when no member is current.
pub(crate) fn answer(g: &Group, ratings: &Ratings) -> Option<Answer> {
    let current: Vec<usize> =
        (0..g.members.len()).filter(|&i| g.members[i].standing == Standing::Current).collect();
    if current.is_empty() {
        return None;
    }
    let outgrown: Vec<(usize, Vec<usize>)> = current
        .iter()
        .filter(|&&i| !g.members[i].outgrown_by.is_empty())
        .map(|&i| (i, g.members[i].outgrown_by.iter().filter_map(|&e| g.member_at(e)).collect::<Vec<_>>()))
        .collect();
    let in_range: Vec<usize> = current.iter().copied().filter(|&i| !left_out(g, i)).collect();
    Some(Answer {
        range: range(g, &in_range),
        best: best_latest(g, &current, ratings).map(|member| replaced(g, member)),
        outgrown,
        conflicts: conflicts(g),
        pairs: g.pairs,
        compared: g.compared(),
    })
}

/// Whether a current figure was outgrown by one that was outgrown in turn.
fn left_out(g: &Group, i: usize) -> bool {
    g.members[i]
        .outgrown_by
        .iter()
        .filter_map(|&e| g.member_at(e))
        .any(|j| !g.members[j].outgrown_by.is_empty())
}

/// The range of the figures `members` (current, none left out).
fn range(g: &Group, members: &[usize]) -> Range {
    let intervals: Vec<_> = members.iter().filter_map(|&i| g.members[i].figure.interval).collect();
    if g.measure.kind != MeasureKind::Count || intervals.len() != members.len() {
        return Range::Values(members.to_vec());
    }
    let bounded: Vec<(i128, i128)> = intervals.iter().filter_map(|i| Some((i.lo, i.hi?))).collect();
    let lo = bounded.iter().map(|b| b.0).min();
    let hi = bounded.iter().map(|b| b.1).max();
    let top = intervals.iter().filter(|i| i.hi.is_none()).map(|i| i.lo).max();
    // An open-ended figure at or below a bounded end agrees with it and says less.
    let at_least = top.filter(|&t| hi.is_none_or(|hi| t > hi));
    Range::Counts { lo, hi, at_least }
}

/// The latest current figure of the best-rated claimant (unrated counts
/// as F); among equals, the latest as_of.
fn best_latest(g: &Group, current: &[usize], ratings: &Ratings) -> Option<usize> {
    current.iter().copied().min_by(|&a, &b| {
        let (a, b) = (&g.members[a], &g.members[b]);
        let key = |m: &Member| ratings.effective(&m.claim.claimant);
        let when = |m: &Member| m.figure.as_of.map(|d| d.last_minute);
        key(a).cmp(&key(b)).then_with(|| when(b).cmp(&when(a)))
    })
}

/// What the best figure replaced: the same claimant's figure it revised
/// (the latest such), and other claimants' figures it superseded.
fn replaced(g: &Group, best: usize) -> Best {
    let me = &g.members[best];
    let replaced: Vec<usize> =
        (0..g.members.len()).filter(|&i| g.members[i].superseded_by.contains(&me.entry)).collect();
    let same = |i: &usize| g.members[*i].claim.claimant == me.claim.claimant;
    Best {
        member: best,
        revised_from: replaced.iter().copied().rfind(same),
        supersedes: replaced.iter().copied().filter(|i| !same(i)).collect(),
    }
}

/// The conflicting pairs of members, the earlier first.
fn conflicts(g: &Group) -> Vec<(usize, usize, ConflictKind)> {
    g.members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.conflicts.iter().filter(move |&&(j, _)| i < j).map(move |&(j, k)| (i, j, k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::analysis::Analysis;
    use crate::testing;

    /// The answer of the first group of a store, in short: the range, the
    /// best figure's id with what it revised (`<`) or superseded (`<<`),
    /// and the outgrown figures (`id < by`).
    fn short(sources: &[&str], claims: &[&str], supersedes: &[(&str, &str)]) -> String {
        let mut snap = testing::spec_snapshot(sources, claims);
        for e in &mut snap.entries {
            if let crate::model::Record::Claim(c) = &mut e.record {
                c.supersedes = supersedes.iter().filter(|s| s.0 == c.id).map(|s| s.1.to_owned()).collect();
            }
        }
        let analysis = Analysis::of(&snap);
        let g = &analysis.groups[0];
        let a = answer(g, &analysis.ratings).expect("a current member");
        let id = |i: usize| g.members[i].claim.id.as_str();
        let range = match &a.range {
            Range::Counts { lo, hi, at_least } => format!("{lo:?} {hi:?} {at_least:?}"),
            Range::Values(ms) => ms.iter().map(|&i| id(i)).collect::<Vec<_>>().join(","),
        };
        let best = a.best.as_ref().map_or(String::new(), |b| {
            let mut s = id(b.member).to_owned();
            if let Some(r) = b.revised_from {
                s.push_str(&format!(" < {}", id(r)));
            }
            for &o in &b.supersedes {
                s.push_str(&format!(" << {}", id(o)));
            }
            s
        });
        let outgrown: Vec<String> = a
            .outgrown
            .iter()
            .map(|(i, by)| {
                format!("{} < {}", id(*i), by.iter().map(|&j| id(j)).collect::<Vec<_>>().join(","))
            })
            .collect();
        format!("{range} | {best} | {}", outgrown.join("; "))
    }

    #[test]
    fn the_range_includes_open_ended_figures_and_leaves_out_stale_ones() {
        let cases: &[(&[&str], &str)] = &[
            // Bounded figures: lowest to highest; an open one below them says less.
            (
                &["a x Exact(144) @2024-03-25", "b y Exact(150) @2024-03-25", "c z AtLeast(40) @2024-03-22"],
                "Some(144) Some(150) None",
            ),
            // An open-ended figure above them is included.
            (&["a x Exact(130) @2002-11", "b y AtLeast(174) @2007-10"], "Some(130) Some(130) Some(174)"),
            // Only open-ended figures.
            (&["a x AtLeast(40) @2024-03-22", "b y AtLeast(61) @2024-03-22"], "None None Some(61)"),
            // The 67, outgrown by the 130 that was outgrown in turn, is left out.
            (
                &["v w Exact(67) @2002-10-26", "p x Exact(130) @2002-11", "a y AtLeast(174) @2007-10"],
                "Some(130) Some(130) Some(174)",
            ),
            // Outgrown by one that stands: kept, and named.
            (&["v w Exact(67) @2002-10-26", "p x Exact(130) @2002-11"], "Some(67) Some(130) None"),
        ];
        for (claims, range) in cases {
            let got = short(&[], claims, &[]);
            assert_eq!(got.split(" | ").next(), Some(*range), "{claims:?}: {got}");
        }
    }

    #[test]
    fn the_best_rated_claimant_and_what_it_replaced() {
        let sources = ["fsb C", "prosecutor B", "moh B", "nord-ost A"];
        // Another claimant's figure superseded explicitly: "supersedes".
        assert_eq!(
            short(
                &sources,
                &["f50 fsb Exact(50) m:any @2002-10-26", "p40 prosecutor Exact(40) m:any @2002-11"],
                &[("p40", "f50")]
            ),
            "Some(40) Some(40) None | p40 << f50 | "
        );
        // The same claimant's earlier figure: "revised from".
        assert_eq!(
            short(&sources, &["m90 moh Exact(90) @2002-10-26", "m118 moh AtLeast(118) @2002-10-27"], &[]),
            "None None Some(118) | m118 < m90 | "
        );
        // The siege: the association is rated best; both outgrown figures named.
        assert_eq!(
            short(
                &sources,
                &[
                    "v vasilyev Exact(67) @2002-10-26",
                    "p prosecutor Exact(130) @2002-11",
                    "a nord-ost AtLeast(174) @2007-10"
                ],
                &[]
            ),
            "Some(130) Some(130) Some(174) | a | v < p; p < a"
        );
    }
}
