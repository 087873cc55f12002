//! The groups of a snapshot and the comparison of one group (docs/reference.md section
//! 4); the whole snapshot's analysis is in [`crate::compare::analysis`].
//! Claims are grouped first (by subject and measure, in a hash map), and
//! only claims within a group are compared, with the pair rule of
//! `pair`. The result does not depend on the order of the files: groups
//! are sorted by subject and measure, members as a timeline (by `as_of`).
//!
//! Work grows with a group's members, not with its pairs (docs/reference.md section 4,
//! "Large groups"): `sweep` counts each member's conflicting and agreeing
//! partners from the members sorted by their bounds (actors by set), at
//! most `max_pairs_per_group` conflicting pairs are kept and listed (see
//! `keep`), and a member's grade names its first partners of each kind
//! from a walk that stops when it has them ([`Tally`]).
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
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::compare::outgrown;
use crate::compare::pair::{Conflict, ConflictKind, Figure, Relation, independent, relate};
use crate::compare::part_of::PartOf;
use crate::compare::supersession::Supersession;
use crate::compare::sweep::Sweep;
use crate::model::{Claim, Measure, MeasureKind};
use crate::store::contents::Contents;

/// Subject and measure.
type GroupKey<'a> = (&'a str, &'a str);

/// Which members of a group are compared and graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The current claims (docs/reference.md section 4, second edition).
    #[default]
    Current,
    /// Superseded claims too (`--all`): the first edition's comparison,
    /// for the full record of who disagreed when.
    All,
}

/// How a member stands in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Neither superseded nor retracted.
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
    /// The subject's id.
    pub subject: &'a str,
    /// The measure the group's claims give.
    pub measure: &'a Measure,
    /// In timeline order: by the start of `as_of` (claims without one
    /// last), then by the end of it, then by the value's lower bound, then
    /// by id.
    pub members: Vec<Member<'a>>,
    /// How many members were compared (see [`Group::compared`]).
    pub compared_members: usize,
    /// How many pairs of compared members conflict.
    pub pairs: usize,
    /// How many of them were left out: over `max_pairs_per_group`.
    pub omitted: usize,
    /// (entry, member) sorted by entry, for [`Group::member_at`] in a
    /// large group; built on first use.
    by_entry: OnceLock<Vec<(usize, usize)>>,
}

/// Up to this many members, [`Group::member_at`] scans them.
const LOOKUP_FROM: usize = 32;

/// A grade and why (docs/reference.md section 4; graded by `compare::credibility`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credibility {
    /// 1 confirmed … 5 improbable, 6 cannot be judged.
    pub grade: u8,
    /// Why that grade, in words, one reason each.
    pub reasons: Vec<String>,
}

/// One claim of a group and how it stands to the others.
#[derive(Debug)]
pub struct Member<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// Index of the claim's entry in `Contents::entries`.
    pub entry: usize,
    /// Its value's interval and its `as_of`, as compared.
    pub figure: Figure<'a>,
    /// Current, superseded or retracted.
    pub standing: Standing,
    /// The direct superseders (entry indices in `Contents::entries`, by
    /// id); empty when the claim is not superseded.
    pub superseded_by: Vec<usize>,
    /// Whether it was compared (its standing is in the analysis' scope).
    pub compared: bool,
    /// The claims that outgrew it (entry indices, by id; `compare::outgrown`);
    /// empty for most.
    pub outgrown_by: Vec<usize>,
    /// Conflicting members (indices into the group's members), in order:
    /// the partners of the group's kept pairs (all of them when the group
    /// has at most `max_pairs_per_group`; see [`Group::omitted`]).
    pub conflicts: Vec<(usize, ConflictKind)>,
    /// How many compared members it conflicts with, kept or not.
    pub conflicting: usize,
    /// How the other members agree with it (counted when the comparison
    /// records agreements; zero otherwise).
    pub tally: Tally,
    /// The grade, for compared members of a graded analysis.
    pub credibility: Option<Credibility>,
}

/// How many members agree with a member, and the first of each kind by
/// name: the words of its grade (docs/reference.md section 4), without a list of every
/// pair.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Agreeing independent members (corroborations).
    pub corroborating: usize,
    /// Agreeing members that are not independent of it.
    pub dependent: usize,
    /// The first [`NAMED`] conflicting members in timeline order.
    pub named_conflicts: Vec<(usize, ConflictKind)>,
    /// The first [`NAMED`] corroborating members in timeline order.
    pub named_corroborators: Vec<usize>,
    /// The first [`NAMED`] dependent agreeing members in timeline order.
    pub named_dependents: Vec<usize>,
}

/// How many partners of each kind a member's tally names.
pub(crate) const NAMED: usize = 10;

impl Group<'_> {
    /// The member at this entry index, if it is one. A large group looks
    /// it up in its members sorted by entry (sorted on first use), so that
    /// asking it for every superseded member of a long series of revisions
    /// costs a sort, not a pass over the group each time.
    pub fn member_at(&self, entry: usize) -> Option<usize> {
        if self.members.len() <= LOOKUP_FROM {
            return self.members.iter().position(|m| m.entry == entry);
        }
        let by_entry = self.by_entry.get_or_init(|| {
            let mut by_entry: Vec<(usize, usize)> =
                self.members.iter().enumerate().map(|(i, m)| (m.entry, i)).collect();
            by_entry.sort_unstable();
            by_entry
        });
        match by_entry.binary_search_by_key(&entry, |&(e, _)| e) {
            // Entries are unique in a group; members keep their order
            // once compared (only their grades are added).
            Ok(at) if self.members.get(by_entry[at].1).is_some_and(|m| m.entry == entry) => {
                Some(by_entry[at].1)
            }
            Ok(_) => self.members.iter().position(|m| m.entry == entry),
            Err(_) => None,
        }
    }

    /// How many members were compared (counted once: grades ask it of
    /// every member).
    pub fn compared(&self) -> usize {
        self.compared_members
    }
}

impl Member<'_> {
    /// Whether another member corroborates it (agrees, independently).
    pub fn is_corroborated(&self) -> bool {
        self.tally.corroborating > 0
    }

    /// Whether another member conflicts with it.
    pub fn is_contradicted(&self) -> bool {
        self.conflicting > 0
    }
}

/// The claims of one subject and measure with a comparable figure, not yet
/// compared with each other.
pub(crate) struct PendingGroup<'a> {
    pub subject: &'a str,
    pub measure: &'a Measure,
    /// Indices of their entries in `Contents::entries`, in file order.
    pub entries: Vec<usize>,
}

/// The claims of a snapshot grouped by subject and measure, sorted by them.
/// `check` compares these one group at a time (and on all cores), keeping
/// only the conflicts: grading every claim of a 100,000-claim store would
/// hold more memory than the store itself. Groups hold entry indices, not
/// figures, for the same reason.
pub(crate) fn pending_groups(contents: &Contents) -> Vec<PendingGroup<'_>> {
    let measures = measures(contents);
    let mut grouped: HashMap<GroupKey, Vec<usize>> = HashMap::new();
    for (i, e) in contents.entries.iter().enumerate() {
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
fn measures(contents: &Contents) -> HashMap<&str, &Measure> {
    let mut measures: HashMap<&str, &Measure> = HashMap::with_capacity(contents.measures.len());
    for m in &contents.measures {
        measures.entry(m.id.as_str()).or_insert(m);
    }
    measures
}

/// What the comparison of one group needs from the whole snapshot.
pub(crate) struct Comparison<'s, 'a> {
    /// The whole store's contents.
    pub contents: &'a Contents,
    /// The `part_of` closure of its actors.
    pub part_of: &'s PartOf,
    /// Which claims supersede which.
    pub supersession: &'s Supersession,
    /// Which members count (current ones only, or all).
    pub scope: Scope,
    /// Whether to record agreements; without, the members' agreements are
    /// left empty (their conflicts are all `check` needs; a group of 40
    /// agreeing claims has 780 agreeing pairs).
    pub agreements: bool,
    /// Ids of the claims changed since a base (`check --since`): their
    /// pairs are kept first when a group has more than the limit.
    pub changed: Option<&'s HashSet<String>>,
}

/// Compares every pair of one group's members in scope; the conflicting
/// pairs are also pushed to `conflicts`.
pub(crate) fn compare<'a>(
    cx: &Comparison<'_, 'a>,
    pending: PendingGroup<'a>,
    conflicts: &mut Vec<Conflict>,
) -> Group<'a> {
    let PendingGroup { subject, measure, entries } = pending;
    let contents = cx.contents;
    let mut figures: Vec<(usize, Figure)> = entries
        .into_iter()
        .filter_map(|i| Some((i, Figure::new(contents.entries[i].record.as_claim()?, measure)?)))
        .collect();
    figures.sort_by(|a, b| timeline(a, b, contents));
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
                conflicting: 0,
                tally: Tally::default(),
                credibility: None,
            }
        })
        .collect();
    let compared: Vec<usize> = (0..members.len()).filter(|&i| members[i].compared).collect();
    let sweep = Sweep::new(&members, &compared, measure, cx.part_of);
    let mut pairs = 0;
    for &i in &compared {
        members[i].conflicting = sweep.conflicting(&members, i);
        pairs += members[i].conflicting;
    }
    let pairs = pairs / 2;
    let limit = contents.config.max_pairs_per_group;
    let kept = keep(&members, &compared, &sweep, measure, cx, limit);
    let omitted = pairs - kept.len();
    for &(i, j, kind) in &kept {
        members[i].conflicts.push((j, kind));
        members[j].conflicts.push((i, kind));
        let (a, b) = (&members[i].claim.id, &members[j].claim.id);
        let claims = if a <= b { [a.clone(), b.clone()] } else { [b.clone(), a.clone()] };
        conflicts.push(Conflict { subject: subject.to_owned(), measure: measure.id.clone(), kind, claims });
    }
    if cx.agreements {
        let tallies = tallies(&members, &compared, &sweep, measure, cx.part_of);
        for (i, tally) in tallies {
            members[i].tally = tally;
        }
    }
    for m in &mut members {
        m.conflicts.sort_unstable();
    }
    let outgrown = outgrown::outgrown_by(&members, measure, contents);
    for (m, by) in members.iter_mut().zip(outgrown) {
        m.outgrown_by = by;
    }
    let compared_members = compared.len();
    Group { subject, measure, members, compared_members, pairs, omitted, by_entry: OnceLock::new() }
}

/// The conflicting pairs of a group that are reported, at most `limit`
/// (docs/reference.md section 4, "Large groups"): the same pairs whatever the order of
/// the files. Under `check --since`, the pairs of changed claims come
/// first (by the changed claim's id, then the other's); then the pairs of
/// unchanged claims, by the smaller id of the pair, then the larger. Each
/// member is asked for its partners only while pairs are still wanted, so
/// a group of 20,000 figures that all differ costs about one member's
/// partners, not its 200 million pairs.
fn keep(
    members: &[Member],
    compared: &[usize],
    sweep: &Sweep,
    measure: &Measure,
    cx: &Comparison,
    limit: usize,
) -> Vec<(usize, usize, ConflictKind)> {
    let key = |i: usize| (members[i].claim.id.as_str(), members[i].entry);
    let changed = |i: usize| cx.changed.is_some_and(|c| c.contains(members[i].claim.id.as_str()));
    let mut order: Vec<usize> = compared.iter().copied().filter(|&i| members[i].conflicting > 0).collect();
    order.sort_unstable_by_key(|&i| key(i));
    let mut kept = Vec::new();
    let mut partners = Vec::new();
    // First the pairs with a changed claim, then the others.
    for fresh in [true, false] {
        for &a in order.iter().filter(|&&a| changed(a) == fresh) {
            if kept.len() >= limit {
                return kept;
            }
            partners.clear();
            sweep.candidates(members, a, &mut partners);
            let mut found: Vec<(usize, ConflictKind)> = partners
                .iter()
                .copied()
                .filter(|&b| {
                    if fresh {
                        // A pair of two changed claims is the smaller one's.
                        !changed(b) || key(b) > key(a)
                    } else {
                        !changed(b) && key(b) > key(a)
                    }
                })
                .filter_map(|b| match relate(&members[a].figure, &members[b].figure, measure, cx.part_of) {
                    Relation::Conflict(kind) => Some((b, kind)),
                    Relation::Agree | Relation::Neither => None,
                })
                .collect();
            found.sort_unstable_by_key(|&(b, _)| key(b));
            found.truncate(limit - kept.len());
            kept.extend(found.into_iter().map(|(b, kind)| (a, b, kind)));
        }
    }
    kept
}

/// The tally of every compared member: counts from the sweep, the
/// dependent ones among the claims of related claimants and intermediaries,
/// the named ones from a walk along the timeline that stops once it has
/// named as many of each kind as there are (up to [`NAMED`]).
fn tallies(
    members: &[Member],
    compared: &[usize],
    sweep: &Sweep,
    measure: &Measure,
    part_of: &PartOf,
) -> Vec<(usize, Tally)> {
    // Compared members by claimant and by the intermediaries they cite.
    let mut by_claimant: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_via: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in compared {
        let claim = members[i].claim;
        by_claimant.entry(claim.claimant.as_str()).or_default().push(i);
        let mut vias: Vec<&str> =
            claim.citations.iter().flat_map(|c| c.via.iter().map(|v| v.as_str())).collect();
        vias.sort_unstable();
        vias.dedup();
        for v in vias {
            by_via.entry(v).or_default().push(i);
        }
    }
    let related = related_claimants(&by_claimant, part_of);
    // For counts and dates, each claimant's members by their bounds.
    let bounds: Option<HashMap<&str, Sweep>> = matches!(measure.kind, MeasureKind::Count | MeasureKind::Date)
        .then(|| by_claimant.iter().map(|(&c, ms)| (c, Sweep::bounds(members, ms))).collect());
    let mut stamp = vec![usize::MAX; members.len()];
    let mut out = Vec::with_capacity(compared.len());
    for &i in compared {
        let me = &members[i];
        let agreeing = sweep.agreeing(members, i);
        // Every member that could be dependent: a related claimant's, an
        // intermediary's of mine, or one citing my claimant as intermediary.
        let mut dependent = 0;
        let agrees_dependently = |j: usize| {
            relate(&me.figure, &members[j].figure, measure, part_of) == Relation::Agree
                && !independent(me.claim, members[j].claim, part_of)
        };
        let claimant = me.claim.claimant.as_str();
        let mine = related.get(claimant).map_or(&[][..], Vec::as_slice);
        match &bounds {
            // Counts and dates: the agreeing claims of a related claimant
            // are those whose interval overlaps (me included, in mine).
            Some(bounds) => {
                let overlapping: usize = mine.iter().filter_map(|c| bounds.get(c)?.overlapping(me)).sum();
                dependent += overlapping - 1;
            }
            None => {
                for &j in mine.iter().filter_map(|c| by_claimant.get(c)).flatten() {
                    if j != i && stamp[j] != i {
                        stamp[j] = i;
                        dependent += usize::from(agrees_dependently(j));
                    }
                }
            }
        }
        let vias = me.claim.citations.iter().flat_map(|c| &c.via).filter_map(|v| by_claimant.get(v.as_str()));
        for &j in vias.flatten().chain(by_via.get(claimant).into_iter().flatten()) {
            if j == i || stamp[j] == i {
                continue;
            }
            stamp[j] = i;
            let counted = bounds.is_some() && mine.binary_search(&members[j].claim.claimant.as_str()).is_ok();
            if !counted {
                dependent += usize::from(agrees_dependently(j));
            }
        }
        let mut tally = Tally { corroborating: agreeing - dependent, dependent, ..Tally::default() };
        let want = (me.conflicting.min(NAMED), tally.corroborating.min(NAMED), dependent.min(NAMED));
        for &j in compared {
            let have =
                (tally.named_conflicts.len(), tally.named_corroborators.len(), tally.named_dependents.len());
            if have == want {
                break;
            }
            if j == i {
                continue;
            }
            match relate(&me.figure, &members[j].figure, measure, part_of) {
                Relation::Conflict(kind) if have.0 < want.0 => tally.named_conflicts.push((j, kind)),
                Relation::Agree => {
                    if independent(me.claim, members[j].claim, part_of) {
                        if have.1 < want.1 {
                            tally.named_corroborators.push(j);
                        }
                    } else if have.2 < want.2 {
                        tally.named_dependents.push(j);
                    }
                }
                Relation::Conflict(_) | Relation::Neither => {}
            }
        }
        out.push((i, tally));
    }
    out
}

/// For each claimant of a group, the claimants of the group related to it
/// through part_of (itself included).
fn related_claimants<'a>(
    by_claimant: &HashMap<&'a str, Vec<usize>>,
    part_of: &PartOf,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut related: HashMap<&str, Vec<&str>> = HashMap::with_capacity(by_claimant.len());
    for &c in by_claimant.keys() {
        related.entry(c).or_default().push(c);
        for whole in part_of.wholes(c) {
            if let Some((&w, _)) = by_claimant.get_key_value(whole.as_str())
                && w != c
            {
                related.entry(c).or_default().push(w);
                related.entry(w).or_default().push(c);
            }
        }
    }
    for list in related.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    related
}

/// Timeline order: by as_of (absent last), then by the value's lower
/// bound, then id, then file.
fn timeline(a: &(usize, Figure), b: &(usize, Figure), contents: &Contents) -> Ordering {
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
    .then_with(|| contents.entries[a.0].file.cmp(&contents.entries[b.0].file))
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
