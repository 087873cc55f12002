//! The groups of a snapshot and the comparison of one group (SPEC section
//! 4); the whole snapshot's analysis is in [`crate::compare::analysis`].
//! Claims are grouped first (by subject and measure, in a hash map), and
//! only pairs within a group are compared, with the pair rule of
//! `conflict`. The result does not depend on the order of the files: groups
//! are sorted by subject and measure, members as a timeline (by `as_of`).
//!
//! A claim is a member of its group when its measure is known and its
//! value can be compared under that measure (see [`Figure::new`]); other
//! claims are in no group and are not graded (their problems are `check`
//! errors of their own). Every member stays in the group's timeline, with
//! its [`Standing`]; only the members in the [`Scope`] are compared and
//! graded: by default the current ones (not superseded, not Deprecated,
//! not reviewed False), with `--all` every compared one, as the first
//! edition did.

use foldhash::{HashMap, HashMapExt};
use std::cmp::Ordering;

use crate::compare::outgrown;
use crate::compare::pair::{Conflict, ConflictKind, Figure, Relation, independent, relate};
use crate::compare::relation::PartOf;
use crate::compare::supersession::Supersession;
use crate::model::{Claim, Measure};
use crate::store::snapshot::Snapshot;

/// Subject and measure.
type GroupKey<'a> = (&'a str, &'a str);

/// Which members of a group are compared and graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The current claims (SPEC section 4, second edition).
    #[default]
    Current,
    /// Superseded claims too (`--all`): the first edition's comparison,
    /// for the full record of who disagreed when.
    All,
}

/// How a member stands in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Current,
    /// Replaced by a later or corrected figure (see `superseded_by`).
    Superseded,
    /// Ranked Deprecated or reviewed False by the desk: kept, never
    /// compared (it may be superseded too).
    Retracted,
}

impl Scope {
    /// Whether a member of this standing is compared and graded.
    pub fn includes(self, standing: Standing) -> bool {
        match self {
            Scope::Current => standing == Standing::Current,
            Scope::All => standing != Standing::Retracted,
        }
    }
}

/// The claims of one subject and measure.
#[derive(Debug)]
pub struct Group<'a> {
    pub subject: &'a str,
    pub measure: &'a Measure,
    /// In timeline order: by the start of `as_of` (claims without one
    /// last), then by the end of it, then by the value's lower bound, then
    /// by id.
    pub members: Vec<Member<'a>>,
}

/// A grade and why (SPEC section 4; graded by [`crate::compare::credibility`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credibility {
    /// 1 confirmed … 5 improbable, 6 cannot be judged.
    pub grade: u8,
    pub reasons: Vec<String>,
}

/// One claim of a group and how it stands to the others.
#[derive(Debug)]
pub struct Member<'a> {
    pub claim: &'a Claim,
    /// Index of the claim's entry in `Snapshot::entries`.
    pub entry: usize,
    pub figure: Figure<'a>,
    pub standing: Standing,
    /// The direct superseders (entry indices in `Snapshot::entries`, by
    /// id); empty when the claim is not superseded.
    pub superseded_by: Vec<usize>,
    /// Whether it was compared (its standing is in the analysis' scope).
    pub compared: bool,
    /// The claims that outgrew it (entry indices, by id; `compare::outgrown`);
    /// empty for most.
    pub outgrown_by: Vec<usize>,
    /// Conflicting members (indices into the group's members), in order.
    pub conflicts: Vec<(usize, ConflictKind)>,
    /// Agreeing members, and whether each is independent of this claim
    /// (which makes the agreement a corroboration).
    pub agreements: Vec<(usize, bool)>,
    /// The grade, for compared members of a graded analysis.
    pub credibility: Option<Credibility>,
}

impl Group<'_> {
    /// The member at this entry index, if it is one.
    pub fn member_at(&self, entry: usize) -> Option<usize> {
        self.members.iter().position(|m| m.entry == entry)
    }

    /// How many members were compared.
    pub fn compared(&self) -> usize {
        self.members.iter().filter(|m| m.compared).count()
    }
}

impl Member<'_> {
    pub fn is_corroborated(&self) -> bool {
        self.agreements.iter().any(|&(_, independent)| independent)
    }

    pub fn is_contradicted(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

/// The claims of one subject and measure with a comparable figure, not yet
/// compared with each other.
pub struct PendingGroup<'a> {
    pub subject: &'a str,
    pub measure: &'a Measure,
    /// Indices of their entries in `Snapshot::entries`, in file order.
    pub entries: Vec<usize>,
}

/// The claims of a snapshot grouped by subject and measure, sorted by them.
/// `check` compares these one group at a time (and on all cores), keeping
/// only the conflicts: grading every claim of a 100,000-claim store would
/// hold more memory than the store itself. Groups hold entry indices, not
/// figures, for the same reason.
pub fn pending_groups(snapshot: &Snapshot) -> Vec<PendingGroup<'_>> {
    let measures = measures(snapshot);
    let mut grouped: HashMap<GroupKey, Vec<usize>> = HashMap::new();
    for (i, e) in snapshot.entries.iter().enumerate() {
        let Some(claim) = e.record.as_claim() else { continue };
        let Some(measure) = measures.get(claim.measure.as_str()) else { continue };
        if Figure::new(claim, measure).is_some() {
            grouped.entry((claim.subject.as_str(), claim.measure.as_str())).or_default().push(i);
        }
    }
    let mut pending: Vec<PendingGroup> = grouped
        .into_iter()
        .map(|((subject, measure), entries)| PendingGroup { subject, measure: measures[measure], entries })
        .collect();
    pending.sort_unstable_by(|a, b| (a.subject, &a.measure.id).cmp(&(b.subject, &b.measure.id)));
    pending
}

/// The measures by id (the first, if defined twice).
fn measures(snapshot: &Snapshot) -> HashMap<&str, &Measure> {
    let mut measures: HashMap<&str, &Measure> = HashMap::with_capacity(snapshot.measures.len());
    for m in &snapshot.measures {
        measures.entry(m.id.as_str()).or_insert(m);
    }
    measures
}

/// What the comparison of one group needs from the whole snapshot.
pub struct Comparison<'s, 'a> {
    pub snapshot: &'a Snapshot,
    pub part_of: &'s PartOf,
    pub supersession: &'s Supersession,
    pub scope: Scope,
    /// Whether to record agreements; without, the members' agreements are
    /// left empty (their conflicts are all `check` needs; a group of 40
    /// agreeing claims has 780 agreeing pairs).
    pub agreements: bool,
}

/// Compares every pair of one group's members in scope; the conflicting
/// pairs are also pushed to `conflicts`.
pub fn compare<'a>(
    cx: &Comparison<'_, 'a>,
    pending: PendingGroup<'a>,
    conflicts: &mut Vec<Conflict>,
) -> Group<'a> {
    let PendingGroup { subject, measure, entries } = pending;
    let snapshot = cx.snapshot;
    let mut figures: Vec<(usize, Figure)> = entries
        .into_iter()
        .filter_map(|i| Some((i, Figure::new(snapshot.entries[i].record.as_claim()?, measure)?)))
        .collect();
    figures.sort_by(|a, b| timeline(a, b, snapshot));
    let mut members: Vec<Member> = figures
        .into_iter()
        .map(|(entry, figure)| {
            let superseded_by = cx.supersession.superseded_by(entry).to_vec();
            let standing = if !figure.claim.is_compared() {
                Standing::Retracted
            } else if superseded_by.is_empty() {
                Standing::Current
            } else {
                Standing::Superseded
            };
            Member {
                claim: figure.claim,
                entry,
                figure,
                standing,
                superseded_by,
                compared: cx.scope.includes(standing),
                outgrown_by: Vec::new(),
                conflicts: Vec::new(),
                agreements: Vec::new(),
                credibility: None,
            }
        })
        .collect();
    let compared: Vec<usize> = (0..members.len()).filter(|&i| members[i].compared).collect();
    for (n, &i) in compared.iter().enumerate() {
        for &j in &compared[n + 1..] {
            match relate(&members[i].figure, &members[j].figure, measure, cx.part_of) {
                Relation::Conflict(kind) => {
                    members[i].conflicts.push((j, kind));
                    members[j].conflicts.push((i, kind));
                    let (a, b) = (&members[i].claim.id, &members[j].claim.id);
                    let claims = if a <= b { [a.clone(), b.clone()] } else { [b.clone(), a.clone()] };
                    conflicts.push(Conflict {
                        subject: subject.to_owned(),
                        measure: measure.id.clone(),
                        kind,
                        claims,
                    });
                }
                Relation::Agree if cx.agreements => {
                    let independent = independent(members[i].claim, members[j].claim, cx.part_of);
                    members[i].agreements.push((j, independent));
                    members[j].agreements.push((i, independent));
                }
                Relation::Agree | Relation::Neither => {}
            }
        }
    }
    for m in &mut members {
        m.conflicts.sort_unstable();
        m.agreements.sort_unstable();
    }
    let outgrown = outgrown::outgrown_by(&members, measure, snapshot);
    for (m, by) in members.iter_mut().zip(outgrown) {
        m.outgrown_by = by;
    }
    Group { subject, measure, members }
}

/// Timeline order: by as_of (absent last), then by the value's lower
/// bound, then id, then file.
fn timeline(a: &(usize, Figure), b: &(usize, Figure), snapshot: &Snapshot) -> Ordering {
    let when = |f: &Figure| f.as_of.map(|d| (d.first_minute, d.last_minute));
    let (fa, fb) = (&a.1, &b.1);
    match (when(fa), when(fb)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| fa.interval.map(|i| i.lo).cmp(&fb.interval.map(|i| i.lo)))
    .then_with(|| fa.claim.id.cmp(&fb.claim.id))
    .then_with(|| snapshot.entries[a.0].file.cmp(&snapshot.entries[b.0].file))
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
