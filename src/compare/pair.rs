//! The pair rule of docs/reference.md section 4: whether two claims of one group
//! conflict, agree, or neither, and whether they are independent. Grouping
//! and the walk over pairs live in `analysis`; this module sees two claims
//! and their measure, nothing else.

use crate::compare::part_of::PartOf;
use crate::model::date::PartialDate;
use crate::model::interval::Interval;
use crate::model::{Claim, Measure, MeasureKind, Trend, Value};

/// Why two claims cannot both be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictKind {
    /// Intervals that share no value.
    Disjoint,
    /// A later figure of a NonDecreasing measure wholly below an earlier one.
    DownwardRevision,
    /// Different actors, neither part of the other.
    Actor,
}

impl ConflictKind {
    /// The kind as written in outputs (`downward-revision`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Disjoint => "disjoint",
            ConflictKind::DownwardRevision => "downward-revision",
            ConflictKind::Actor => "actor",
        }
    }
}

/// How two claims of one group stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    /// The two conflict, in this way.
    Conflict(ConflictKind),
    /// Overlapping intervals, or the same or related actors.
    Agree,
    /// Neither: a toll that grew, different actors of a `multi` measure,
    /// texts.
    Neither,
}

/// One conflicting pair, ids sorted (docs/reference.md section 9).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Conflict {
    /// The subject's id.
    pub subject: String,
    /// The measure's id.
    pub measure: String,
    /// How the two claims conflict.
    pub kind: ConflictKind,
    /// The two claims' ids, sorted.
    pub claims: [String; 2],
}

/// A claim ready for comparison: the interval of its value and the span of
/// its `as_of`, computed once.
#[derive(Debug, Clone, Copy)]
pub struct Figure<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// Its value's interval; `None` for actors and texts.
    pub interval: Option<Interval>,
    /// Its `as_of`, when it has one.
    pub as_of: Option<PartialDate>,
}

impl<'a> Figure<'a> {
    /// The figure of a claim under its measure; `None` when the claim cannot
    /// be compared: its value is not of the measure's kind, or it is a count
    /// or date without an interval (an inverted `Between`, a bad date).
    /// Those are `value-kind`, `bad-interval` and `bad-date` errors.
    pub fn new(claim: &'a Claim, measure: &Measure) -> Option<Figure<'a>> {
        if claim.value.kind() != measure.kind {
            return None;
        }
        let interval = Interval::of(&claim.value, Some(measure));
        if matches!(measure.kind, MeasureKind::Count | MeasureKind::Date) && interval.is_none() {
            return None;
        }
        let as_of = claim.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok());
        Some(Figure { claim, interval, as_of })
    }
}

/// How two figures of one group (same subject and measure, both compared)
/// stand to each other. Symmetric: `relate(a, b) == relate(b, a)`.
pub(crate) fn relate(a: &Figure, b: &Figure, measure: &Measure, part_of: &PartOf) -> Relation {
    match (&a.claim.value, &b.claim.value) {
        (Value::Actor(_) | Value::Actors(_), Value::Actor(_) | Value::Actors(_)) => {
            if actors_related(a.claim.value.actors(), b.claim.value.actors(), part_of) {
                Relation::Agree
            } else if measure.multi {
                Relation::Neither
            } else {
                Relation::Conflict(ConflictKind::Actor)
            }
        }
        (Value::Text(_) | Value::Actor(_) | Value::Actors(_), _)
        | (_, Value::Text(_) | Value::Actor(_) | Value::Actors(_)) => Relation::Neither,
        _ => match (a.interval, b.interval) {
            (Some(ia), Some(ib)) if ia.is_disjoint(&ib) => disjoint(a, ia, b, ib, measure),
            (Some(_), Some(_)) => Relation::Agree,
            _ => Relation::Neither,
        },
    }
}

/// Whether some actor of one set is the same as, or part of (either way,
/// transitively), some actor of the other: `Actor(x)` is the set {x},
/// `Actors([...])` its list (docs/reference.md section 4).
pub(crate) fn actors_related(a: &[String], b: &[String], part_of: &PartOf) -> bool {
    a.iter().any(|x| b.iter().any(|y| part_of.related(x, y)))
}

/// Two disjoint intervals: a conflict, unless a NonDecreasing figure grew.
fn disjoint(a: &Figure, ia: Interval, b: &Figure, ib: Interval, measure: &Measure) -> Relation {
    if measure.trend == Trend::NonDecreasing
        && let (Some(ta), Some(tb)) = (a.as_of, b.as_of)
        && ta.is_disjoint(&tb)
    {
        let later_is_a = ta.first_minute > tb.last_minute;
        let (earlier, later) = if later_is_a { (ib, ia) } else { (ia, ib) };
        return if later.is_above(&earlier) {
            Relation::Neither
        } else {
            Relation::Conflict(ConflictKind::DownwardRevision)
        };
    }
    Relation::Conflict(ConflictKind::Disjoint)
}

/// Whether two claims are independent origins: different claimants,
/// neither claimant part of the other (transitively: ISKP confirming the
/// Islamic State is one origin), and neither claimant among the other's
/// intermediaries (`via`, in any citation). Ten outlets repeating one
/// ministry are one origin.
pub(crate) fn independent(a: &Claim, b: &Claim, part_of: &PartOf) -> bool {
    // The test of `dependence`, without spelling the reason: groups of
    // agreeing claims ask it for every pair.
    !part_of.related(&a.claimant, &b.claimant)
        && ![(a, b), (b, a)].iter().any(|(x, y)| x.citations.iter().any(|c| c.via.contains(&y.claimant)))
}

/// Why two claims are not independent, in words; `None` when they are.
pub(crate) fn dependence(a: &Claim, b: &Claim, part_of: &PartOf) -> Option<String> {
    if a.claimant == b.claimant {
        return Some(format!("same claimant {}", &a.claimant));
    }
    for (x, y) in [(a, b), (b, a)] {
        if part_of.is_part_of(&x.claimant, &y.claimant) {
            return Some(format!("{} is part of {}: one origin", &x.claimant, &y.claimant));
        }
    }
    for (x, y) in [(a, b), (b, a)] {
        if x.citations.iter().any(|c| c.via.contains(&y.claimant)) {
            return Some(format!("{} is an intermediary (via) of the claim by {}", &y.claimant, &x.claimant));
        }
    }
    None
}

#[cfg(test)]
#[path = "pair_tests.rs"]
mod tests;
