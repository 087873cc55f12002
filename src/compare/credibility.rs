//! Suggested Admiralty credibility grades (docs/reference.md section 4): each compared
//! claim gets a grade 1–6 from how the other claims of its group stand to
//! it, and the reasons in words. Sources' current ratings decide between 4
//! and 5; an unrated claimant counts as F.

use std::collections::HashMap;

pub use crate::compare::groups::Credibility;
use crate::compare::groups::{Group, Member, NAMED};
use crate::compare::pair::{ConflictKind, Relation, dependence, relate};
use crate::compare::part_of::PartOf;
use crate::model::{Claim, MeasureKind, Reliability};
use crate::store::contents::Contents;

/// The current rating of every source.
#[derive(Debug, Clone, Default)]
pub struct Ratings<'a> {
    current: HashMap<&'a str, Reliability>,
}

impl<'a> Ratings<'a> {
    /// Every source's latest rating in these contents.
    pub fn of(contents: &'a Contents) -> Ratings<'a> {
        let mut current = HashMap::new();
        for s in contents.entries.iter().filter_map(|e| e.record.as_source()) {
            if let Some(r) = s.ratings.last() {
                current.entry(s.id.as_str()).or_insert(r.reliability);
            }
        }
        Ratings { current }
    }

    /// The latest rating of a source; `None` when unrated or unknown.
    pub fn current(&self, source: &str) -> Option<Reliability> {
        self.current.get(source).copied()
    }

    /// The rating grades are judged by: unrated counts as F.
    pub fn effective(&self, source: &str) -> Reliability {
        self.current(source).unwrap_or(Reliability::F)
    }

    /// `rated B`, or `unrated (F)`.
    pub fn describe(&self, source: &str) -> String {
        match self.current(source) {
            Some(r) => format!("rated {}", r.letter()),
            None => "unrated (F)".to_owned(),
        }
    }
}

/// The grade of one compared member of a group, among the group's other
/// compared members.
pub(crate) fn grade(
    group: &Group,
    index: usize,
    ratings: &Ratings,
    part_of: &PartOf,
    rated: &Rated,
) -> Credibility {
    let me = &group.members[index];
    let mine = &me.claim.claimant;
    if group.measure.kind == MeasureKind::Text {
        return Credibility { grade: 6, reasons: vec!["Text claims are never compared".to_owned()] };
    }
    let compared = group.compared();
    if compared == 1 {
        let reason =
            format!("no other current claim of {} / {} to compare it with", group.subject, &group.measure.id);
        return Credibility { grade: 6, reasons: vec![reason] };
    }
    let tally = &me.tally;
    let (n, m) = (tally.corroborating, me.conflicting);
    let mut reasons = Vec::new();
    let grade = match (n > 0, m > 0) {
        (true, false) => {
            reasons.push(format!("corroborated by {n} independent claim{} and contradicted by none", s(n)));
            1
        }
        (true, true) => {
            reasons.push(format!("corroborated by {n} independent claim{} and contradicted by {m}", s(n)));
            3
        }
        (false, false) => {
            let others = compared - 1;
            reasons.push(format!(
                "neither corroborated nor contradicted by the {others} other claim{} of its group",
                s(others)
            ));
            2
        }
        (false, true) => {
            let better = better(group, index, ratings, part_of, rated);
            match better {
                Some(c) => {
                    reasons.push(format!(
                        "contradicted by {m} claim{} and corroborated by none; the claimant of {}, {}, is {}, better than {} ({})",
                        s(m),
                        &c.id,
                        &c.claimant,
                        ratings.describe(&c.claimant),
                        mine,
                        ratings.describe(&me.claim.claimant)
                    ));
                    5
                }
                None => {
                    reasons.push(format!(
                        "contradicted by {m} claim{} and corroborated by none; no conflicting claimant is rated A, B or C and better than {} ({})",
                        s(m),
                        mine,
                        ratings.describe(&me.claim.claimant)
                    ));
                    4
                }
            }
        }
    };
    let partner = |j: usize| {
        let c = group.members[j].claim;
        format!(
            "{} ({}, {}: {})",
            &c.id,
            &c.claimant,
            ratings.describe(&c.claimant),
            figure(&group.members[j])
        )
    };
    named(&mut reasons, "corroborated by", tally.named_corroborators.iter().map(|&j| partner(j)), n);
    named(
        &mut reasons,
        "contradicted by",
        tally
            .named_conflicts
            .iter()
            .map(|&(j, kind)| format!("{}, {}", partner(j), kind_words(me, &group.members[j], kind))),
        m,
    );
    named(
        &mut reasons,
        "agrees with",
        tally.named_dependents.iter().map(|&j| {
            let why = dependence(me.claim, group.members[j].claim, part_of).unwrap_or_default();
            format!("{}, but not independently: {why}", partner(j))
        }),
        tally.dependent,
    );
    Credibility { grade, reasons }
}

/// The conflicting member whose claimant is best rated, when rated A, B or
/// C and better than this member's claimant (the first in timeline order
/// among equals): it makes a contradicted claim a 5. Asked only of the
/// members of those ratings, best first, so a large group costs at most
/// one walk over its better-rated members.
fn better<'g>(
    group: &'g Group,
    index: usize,
    ratings: &Ratings,
    part_of: &PartOf,
    rated: &Rated,
) -> Option<&'g Claim> {
    let me = &group.members[index];
    let mine = ratings.effective(&me.claim.claimant);
    let letters = [Reliability::A, Reliability::B, Reliability::C];
    letters.into_iter().zip(&rated.members).filter(|&(r, _)| r < mine).find_map(|(_, members)| {
        members
            .iter()
            .filter(|&&j| j != index)
            .find(|&&j| {
                let other = &group.members[j].figure;
                matches!(relate(&me.figure, other, group.measure, part_of), Relation::Conflict(_))
            })
            .map(|&j| group.members[j].claim)
    })
}

/// The compared members of a group whose claimants are rated A, B and C,
/// each in timeline order: where [`grade`] looks for a better-rated
/// conflicting claimant.
pub(crate) struct Rated {
    members: [Vec<usize>; 3],
}

impl Rated {
    pub(crate) fn of(group: &Group, ratings: &Ratings) -> Rated {
        let mut members: [Vec<usize>; 3] = Default::default();
        for (j, m) in group.members.iter().enumerate().filter(|(_, m)| m.compared) {
            match ratings.effective(&m.claim.claimant) {
                Reliability::A => members[0].push(j),
                Reliability::B => members[1].push(j),
                Reliability::C => members[2].push(j),
                _ => {}
            }
        }
        Rated { members }
    }
}

/// The value as a reader would say it, with its as_of.
pub(crate) fn figure(member: &Member) -> String {
    let value = member.claim.value.display().clone();
    match &member.claim.as_of {
        Some(d) => format!("{value} as of {}", d),
        None => value,
    }
}

/// Why a conflict is one, from `me`'s side.
fn kind_words(me: &Member, other: &Member, kind: ConflictKind) -> String {
    let words = match kind {
        ConflictKind::Disjoint => "the figures cannot both be true",
        ConflictKind::Actor => "an unrelated actor",
        ConflictKind::DownwardRevision => {
            let mine = me.figure.as_of.map(|d| d.first_minute);
            let theirs = other.figure.as_of.map(|d| d.first_minute);
            if mine < theirs {
                "a later figure below this one"
            } else {
                "this figure is below an earlier one"
            }
        }
    };
    format!("{} ({words})", kind.as_str())
}

/// One reason per partner named (up to [`NAMED`] of `total`), then a
/// count of the rest.
fn named(reasons: &mut Vec<String>, verb: &str, partners: impl Iterator<Item = String>, total: usize) {
    reasons.extend(partners.take(NAMED).map(|p| format!("{verb} {p}")));
    if total > NAMED {
        let more = total - NAMED;
        reasons.push(format!("{verb} {more} more claim{}", s(more)));
    }
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
#[path = "credibility_tests.rs"]
mod tests;
