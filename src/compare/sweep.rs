//! Large groups (docs/reference.md section 4): how many members of a group each member
//! conflicts with and agrees with, and which members it may conflict
//! with, found without comparing every pair. A group of 2,000 figures that
//! all differ has two million conflicting pairs; the work here grows with
//! the members, not the pairs.
//!
//! Counts and dates: two figures conflict only when their intervals are
//! disjoint, so the members are sorted by their bounds once; the members
//! wholly below a figure are a prefix of those sorted by upper bound, the
//! ones wholly above a suffix of those sorted by lower bound, and each is
//! counted by a binary search. For a `NonDecreasing` measure, the disjoint
//! pairs that a grown toll exempts (both dated, the later one above) are
//! counted by a sweep over one bound with a Fenwick tree over the dates.
//! Actors: the members are grouped by their set of actors and the sets
//! compared with each other, so the work grows with the members and the
//! square of the distinct sets. Text claims never conflict nor agree.
//!
//! The pair rule itself stays in [`crate::compare::pair::relate`]: every
//! pair that is reported is still judged by it, and the oracle test
//! (tests/it/oracle.rs) checks the counts here against it.

use foldhash::{HashMap, HashMapExt};

use crate::compare::groups::Member;
use crate::compare::pair::{Relation, relate};
use crate::compare::part_of::PartOf;
use crate::model::{Measure, MeasureKind, Trend};

/// The members of one group, indexed for counting.
pub(crate) struct Sweep {
    shape: Shape,
}

enum Shape {
    /// Count and Date measures: member indices sorted by their bounds.
    Intervals {
        /// `(upper bound, member)` of the compared members with one, sorted.
        by_hi: Vec<(i128, usize)>,
        /// `(lower bound, member)` of every compared member, sorted.
        by_lo: Vec<(i128, usize)>,
        /// Per member, the disjoint pairs a grown toll exempts.
        exempt: Vec<usize>,
    },
    /// Actor measures: members by their set of actors.
    Actors {
        /// Per member, the index of its set (compared members only).
        set_of: Vec<usize>,
        /// The compared members of each set, in timeline order.
        sets: Vec<Vec<usize>>,
        /// How the sets stand to each other, `relations[p][q]`.
        relations: Vec<Vec<Relation>>,
    },
    /// Text: no pair conflicts or agrees.
    Nothing,
}

impl Sweep {
    /// Indexes the `compared` members (indices into `members`).
    pub(crate) fn new(members: &[Member], compared: &[usize], measure: &Measure, part_of: &PartOf) -> Sweep {
        let shape = match measure.kind {
            MeasureKind::Count | MeasureKind::Date => intervals(members, compared, measure),
            MeasureKind::Actor => actors(members, compared, measure, part_of),
            MeasureKind::Text => Shape::Nothing,
        };
        Sweep { shape }
    }

    /// Counts and dates only: the `members` by their bounds, for
    /// [`Sweep::overlapping`] (no exemptions counted).
    pub(crate) fn bounds(members: &[Member], indexed: &[usize]) -> Sweep {
        let (by_hi, by_lo) = sorted_bounds(members, indexed);
        Sweep { shape: Shape::Intervals { by_hi, by_lo, exempt: Vec::new() } }
    }

    /// Counts and dates: how many indexed members overlap `me` (itself
    /// included, when indexed); `None` for other kinds.
    pub(crate) fn overlapping(&self, me: &Member) -> Option<usize> {
        match &self.shape {
            Shape::Intervals { by_hi, by_lo, .. } => {
                let (below, above) = disjoint_ranges(by_hi, by_lo, me);
                Some(above - below)
            }
            Shape::Actors { .. } | Shape::Nothing => None,
        }
    }

    /// How many compared members the compared member `i` conflicts with.
    pub(crate) fn conflicting(&self, members: &[Member], i: usize) -> usize {
        match &self.shape {
            Shape::Intervals { by_hi, by_lo, exempt } => {
                let (below, above) = disjoint_ranges(by_hi, by_lo, &members[i]);
                below + (by_lo.len() - above) - exempt.get(i).copied().unwrap_or(0)
            }
            Shape::Actors { set_of, sets, relations } => {
                let p = set_of[i];
                let mut n = 0;
                for (q, set) in sets.iter().enumerate() {
                    if matches!(relations[p][q], Relation::Conflict(_)) {
                        n += set.len() - usize::from(p == q);
                    }
                }
                n
            }
            Shape::Nothing => 0,
        }
    }

    /// How many compared members the compared member `i` agrees with.
    pub(crate) fn agreeing(&self, members: &[Member], i: usize) -> usize {
        match &self.shape {
            Shape::Intervals { by_hi, by_lo, .. } => {
                let (below, above) = disjoint_ranges(by_hi, by_lo, &members[i]);
                // Every compared member has an interval: those not disjoint
                // overlap, and overlapping figures agree.
                by_lo.len() - 1 - below - (by_lo.len() - above)
            }
            Shape::Actors { set_of, sets, relations } => {
                let p = set_of[i];
                let mut n = 0;
                for (q, set) in sets.iter().enumerate() {
                    if relations[p][q] == Relation::Agree {
                        n += set.len() - usize::from(p == q);
                    }
                }
                n
            }
            Shape::Nothing => 0,
        }
    }

    /// The members that may conflict with `i` (a superset: every member
    /// that does is among them; ask `relate` which do), appended to `out`.
    pub(crate) fn candidates(&self, members: &[Member], i: usize, out: &mut Vec<usize>) {
        match &self.shape {
            Shape::Intervals { by_hi, by_lo, .. } => {
                let (below, above) = disjoint_ranges(by_hi, by_lo, &members[i]);
                out.extend(by_hi[..below].iter().map(|&(_, j)| j));
                out.extend(by_lo[above..].iter().map(|&(_, j)| j));
            }
            Shape::Actors { set_of, sets, relations } => {
                let p = set_of[i];
                for (q, set) in sets.iter().enumerate() {
                    if matches!(relations[p][q], Relation::Conflict(_)) {
                        out.extend(set.iter().copied().filter(|&j| j != i));
                    }
                }
            }
            Shape::Nothing => {}
        }
    }
}

/// For a member: how many compared members lie wholly below it (a prefix
/// of `by_hi`), and where those wholly above it begin in `by_lo`.
fn disjoint_ranges(by_hi: &[(i128, usize)], by_lo: &[(i128, usize)], me: &Member) -> (usize, usize) {
    let Some(interval) = me.figure.interval else { return (0, by_lo.len()) };
    let below = by_hi.partition_point(|&(hi, _)| hi < interval.lo);
    let above = match interval.hi {
        Some(hi) => by_lo.partition_point(|&(lo, _)| lo <= hi),
        None => by_lo.len(),
    };
    (below, above)
}

/// `(upper bound, member)` of the members with one, and `(lower bound,
/// member)` of every member with an interval, each sorted.
type Bounds = (Vec<(i128, usize)>, Vec<(i128, usize)>);

fn sorted_bounds(members: &[Member], indexed: &[usize]) -> Bounds {
    let mut by_hi = Vec::with_capacity(indexed.len());
    let mut by_lo = Vec::with_capacity(indexed.len());
    for &i in indexed {
        if let Some(interval) = members[i].figure.interval {
            by_lo.push((interval.lo, i));
            if let Some(hi) = interval.hi {
                by_hi.push((hi, i));
            }
        }
    }
    by_hi.sort_unstable();
    by_lo.sort_unstable();
    (by_hi, by_lo)
}

fn intervals(members: &[Member], compared: &[usize], measure: &Measure) -> Shape {
    let (by_hi, by_lo) = sorted_bounds(members, compared);
    let mut exempt = vec![0; members.len()];
    if measure.trend == Trend::NonDecreasing {
        grown(members, compared, &mut exempt);
    }
    Shape::Intervals { by_hi, by_lo, exempt }
}

/// Counts, for each member, the disjoint partners a grown toll exempts
/// (docs/reference.md section 4): both dated, the dates disjoint, the later figure
/// wholly above the earlier. From a member's side that is a partner wholly
/// above it and dated after it, or wholly below it and dated before it.
fn grown(members: &[Member], compared: &[usize], exempt: &mut [usize]) {
    let dated: Vec<usize> = compared.iter().copied().filter(|&i| members[i].figure.as_of.is_some()).collect();
    let span = |i: usize| {
        let f = &members[i].figure;
        let d = f.as_of.expect("only dated members are kept");
        let interval = f.interval.expect("count and date members have an interval");
        (interval, d.first_minute, d.last_minute)
    };
    // Above and later: lo_j > hi_i and first_j > last_i.
    let points: Vec<(i128, i64)> = dated.iter().map(|&j| (span(j).0.lo, span(j).1)).collect();
    let queries: Vec<(i128, i64, usize)> = dated
        .iter()
        .filter_map(|&i| {
            let (interval, _, last) = span(i);
            Some((interval.hi?, last, i))
        })
        .collect();
    dominated(&points, &queries, exempt);
    // Below and earlier: hi_j < lo_i and last_j < first_i, counted as
    // -hi_j > -lo_i and -last_j > -first_i.
    let points: Vec<(i128, i64)> = dated
        .iter()
        .filter_map(|&j| {
            let (interval, _, last) = span(j);
            Some((-interval.hi?, -last))
        })
        .collect();
    let queries: Vec<(i128, i64, usize)> = dated
        .iter()
        .map(|&i| {
            let (interval, first, _) = span(i);
            (-interval.lo, -first, i)
        })
        .collect();
    dominated(&points, &queries, exempt);
}

/// Adds to `counts[q.2]`, for each query `q`, the number of points with
/// both coordinates strictly greater than the query's: one sweep down the
/// first coordinate, a Fenwick tree over the second.
fn dominated(points: &[(i128, i64)], queries: &[(i128, i64, usize)], counts: &mut [usize]) {
    let mut points = points.to_vec();
    points.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let mut queries = queries.to_vec();
    queries.sort_unstable_by_key(|q| std::cmp::Reverse(q.0));
    let mut ys: Vec<i64> = points.iter().map(|p| p.1).collect();
    ys.sort_unstable();
    ys.dedup();
    let mut tree = vec![0usize; ys.len() + 1];
    let mut added = 0;
    let mut next = 0;
    for &(qx, qy, member) in &queries {
        while next < points.len() && points[next].0 > qx {
            // 1-based rank of the point's y.
            let mut k = ys.partition_point(|&y| y < points[next].1) + 1;
            while k < tree.len() {
                tree[k] += 1;
                k += k & k.wrapping_neg();
            }
            added += 1;
            next += 1;
        }
        // Points added with y <= qy.
        let mut k = ys.partition_point(|&y| y <= qy);
        let mut at_most = 0;
        while k > 0 {
            at_most += tree[k];
            k -= k & k.wrapping_neg();
        }
        counts[member] += added - at_most;
    }
}

fn actors(members: &[Member], compared: &[usize], measure: &Measure, part_of: &PartOf) -> Shape {
    let mut set_of = vec![usize::MAX; members.len()];
    let mut index: HashMap<Vec<&str>, usize> = HashMap::new();
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for &i in compared {
        let mut key: Vec<&str> = members[i].claim.value.actors().iter().map(String::as_str).collect();
        key.sort_unstable();
        key.dedup();
        let next = sets.len();
        let p = *index.entry(key).or_insert(next);
        if p == next {
            sets.push(Vec::new());
        }
        sets[p].push(i);
        set_of[i] = p;
    }
    // The relation of two members depends only on their sets: judge it
    // once per pair of sets, on their first members.
    let relations = sets
        .iter()
        .map(|a| {
            sets.iter()
                .map(|b| relate(&members[a[0]].figure, &members[b[0]].figure, measure, part_of))
                .collect()
        })
        .collect();
    Shape::Actors { set_of, sets, relations }
}
