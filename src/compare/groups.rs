//! Conflicts, agreements and grades of a whole snapshot (SPEC section 4).
//! Claims are grouped first (by subject and measure, in a hash map), and
//! only pairs within a group are compared, with the pair rule of
//! `conflict`. The result does not depend on the order of the files: groups
//! are sorted by subject and measure, members as a timeline (by `as_of`).
//!
//! A claim takes part when it is compared (not Deprecated, not reviewed
//! False), its measure is known, and its value can be compared under that
//! measure (see [`Figure::new`]); other claims are in no group and are not
//! graded. Their problems are `check` errors of their own.

use foldhash::{HashMap, HashMapExt};
use std::cmp::Ordering;

use crate::compare::credibility::{self, Credibility, Ratings};
use crate::compare::pair::{Conflict, ConflictKind, Figure, Relation, independent, relate};
use crate::compare::relation::PartOf;
use crate::model::{Claim, Measure};
use crate::store::snapshot::Snapshot;

/// Subject and measure.
type GroupKey<'a> = (&'a str, &'a str);

/// The comparison of every group of a snapshot.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// Groups with at least one member, sorted by subject and measure.
    pub groups: Vec<Group<'a>>,
    /// Every conflicting pair, sorted by subject, measure and ids.
    pub conflicts: Vec<Conflict>,
    /// Current ratings of the sources.
    pub ratings: Ratings<'a>,
    /// Entry index → (group, member), for the claims that take part.
    placement: HashMap<usize, (usize, usize)>,
}

/// The compared claims of one subject and measure.
#[derive(Debug)]
pub struct Group<'a> {
    pub subject: &'a str,
    pub measure: &'a Measure,
    /// In timeline order: by the start of `as_of` (claims without one
    /// last), then by the end of it, then by the value's lower bound, then
    /// by id.
    pub members: Vec<Member<'a>>,
}

/// One claim of a group and how it stands to the others.
#[derive(Debug)]
pub struct Member<'a> {
    pub claim: &'a Claim,
    /// Index of the claim's entry in `Snapshot::entries`.
    pub entry: usize,
    pub figure: Figure<'a>,
    /// Conflicting members (indices into the group's members), in order.
    pub conflicts: Vec<(usize, ConflictKind)>,
    /// Agreeing members, and whether each is independent of this claim
    /// (which makes the agreement a corroboration).
    pub agreements: Vec<(usize, bool)>,
    pub credibility: Credibility,
}

impl Member<'_> {
    pub fn is_corroborated(&self) -> bool {
        self.agreements.iter().any(|&(_, independent)| independent)
    }

    pub fn is_contradicted(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

impl<'a> Analysis<'a> {
    /// Compares every group of the snapshot and grades every member.
    pub fn of(snapshot: &'a Snapshot) -> Analysis<'a> {
        let mut analysis = Analysis::compared(snapshot);
        for (g, group) in analysis.groups.iter_mut().enumerate() {
            for m in 0..group.members.len() {
                group.members[m].credibility = credibility::grade(group, m, &analysis.ratings);
                analysis.placement.insert(group.members[m].entry, (g, m));
            }
        }
        analysis
    }

    /// Compares every group, without grading: for what shows only
    /// conflicts (grades cost words for every claim). `member` and
    /// `credibility` find nothing in it.
    pub fn compared(snapshot: &'a Snapshot) -> Analysis<'a> {
        let pending = pending_groups(snapshot);
        let part_of = PartOf::of(snapshot);
        let ratings = Ratings::of(snapshot);
        let mut analysis = Analysis {
            groups: Vec::with_capacity(pending.len()),
            conflicts: Vec::new(),
            ratings,
            placement: HashMap::new(),
        };
        for p in pending {
            let group = compare(snapshot, p, &part_of, &mut analysis.conflicts);
            analysis.groups.push(group);
        }
        analysis.conflicts.sort_by(|a, b| {
            (&a.subject, &a.measure, &a.claims, a.kind).cmp(&(&b.subject, &b.measure, &b.claims, b.kind))
        });
        analysis
    }

    /// The group and member of the claim at this entry, if it takes part.
    pub fn member(&self, entry: usize) -> Option<(&Group<'a>, &Member<'a>)> {
        let &(g, m) = self.placement.get(&entry)?;
        Some((&self.groups[g], &self.groups[g].members[m]))
    }

    /// The grade of the claim at this entry; `None` if it is not graded.
    pub fn credibility(&self, entry: usize) -> Option<&Credibility> {
        self.member(entry).map(|(_, m)| &m.credibility)
    }

    /// Groups that have at least one conflict.
    pub fn conflicted_groups(&self) -> impl Iterator<Item = &Group<'a>> {
        self.groups.iter().filter(|g| g.members.iter().any(Member::is_contradicted))
    }
}

/// The claims of one subject and measure that take part, not yet compared
/// with each other.
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
        let Some(claim) = e.record.as_claim().filter(|c| c.is_compared()) else { continue };
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

/// Compares every pair of one group's figures; the conflicting pairs are
/// also pushed to `conflicts`.
pub fn compare<'a>(
    snapshot: &'a Snapshot,
    pending: PendingGroup<'a>,
    part_of: &PartOf,
    conflicts: &mut Vec<Conflict>,
) -> Group<'a> {
    compare_with(snapshot, pending, part_of, conflicts, true)
}

/// [`compare`]; without `agreements`, the members' agreements are left
/// empty (their conflicts are all `check` needs; a group of 40 agreeing
/// claims has 780 agreeing pairs).
pub fn compare_with<'a>(
    snapshot: &'a Snapshot,
    pending: PendingGroup<'a>,
    part_of: &PartOf,
    conflicts: &mut Vec<Conflict>,
    agreements: bool,
) -> Group<'a> {
    let PendingGroup { subject, measure, entries } = pending;
    let mut figures: Vec<(usize, Figure)> = entries
        .into_iter()
        .filter_map(|i| Some((i, Figure::new(snapshot.entries[i].record.as_claim()?, measure)?)))
        .collect();
    figures.sort_by(|a, b| timeline(a, b, snapshot));
    let mut members: Vec<Member> = figures
        .into_iter()
        .map(|(entry, figure)| Member {
            claim: figure.claim,
            entry,
            figure,
            conflicts: Vec::new(),
            agreements: Vec::new(),
            credibility: Credibility::default(),
        })
        .collect();
    for i in 0..members.len() {
        for j in i + 1..members.len() {
            match relate(&members[i].figure, &members[j].figure, measure, part_of) {
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
                Relation::Agree if agreements => {
                    let independent = independent(members[i].claim, members[j].claim);
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
