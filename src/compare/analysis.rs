//! Conflicts, agreements and grades of a whole snapshot (docs/reference.md section 4):
//! every group compared (see [`crate::compare::groups`]) and, when graded,
//! every compared member graded (see [`crate::compare::credibility`]).

use foldhash::{HashMap, HashMapExt};

use crate::compare::credibility::{self, Rated, Ratings};
use crate::compare::groups::{Comparison, Credibility, Group, Member, Scope, compare, pending_groups};
use crate::compare::pair::Conflict;
use crate::compare::part_of::PartOf;
use crate::compare::supersession::Supersession;
use crate::store::contents::Contents;

/// The comparison of every group of a snapshot.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// Groups with at least one member, sorted by subject and measure.
    pub groups: Vec<Group<'a>>,
    /// Every conflicting pair kept (at most `max_pairs_per_group` a group;
    /// see [`Group::omitted`]), sorted by subject, measure and ids.
    pub conflicts: Vec<Conflict>,
    /// Current ratings of the sources.
    pub ratings: Ratings<'a>,
    /// The sources' part_of links.
    pub part_of: PartOf,
    /// Which claims supersede which.
    pub supersession: Supersession,
    /// Which members were compared.
    pub scope: Scope,
    /// Entry index → (group, member), for the claims that take part.
    placement: HashMap<usize, (usize, usize)>,
}

impl<'a> Analysis<'a> {
    /// Compares the current claims of every group and grades them.
    pub fn of(contents: &'a Contents) -> Analysis<'a> {
        Analysis::graded(contents, Scope::Current)
    }

    /// Compares and grades the members in `scope`.
    pub fn graded(contents: &'a Contents, scope: Scope) -> Analysis<'a> {
        let mut analysis = Analysis::compare_all(contents, scope, true);
        for (g, group) in analysis.groups.iter_mut().enumerate() {
            let rated = Rated::of(group, &analysis.ratings);
            for m in 0..group.members.len() {
                if group.members[m].compared {
                    let grade = credibility::grade(group, m, &analysis.ratings, &analysis.part_of, &rated);
                    group.members[m].credibility = Some(grade);
                }
                analysis.placement.insert(group.members[m].entry, (g, m));
            }
        }
        analysis
    }

    /// Compares every group, without grading: for what shows only
    /// conflicts (grades cost words for every claim). `member` and
    /// `credibility` find nothing in it, and agreements are not counted
    /// (`Member::tally` is empty).
    pub fn compared(contents: &'a Contents, scope: Scope) -> Analysis<'a> {
        Analysis::compare_all(contents, scope, false)
    }

    /// Compares every group, counting agreements or not.
    fn compare_all(contents: &'a Contents, scope: Scope, agreements: bool) -> Analysis<'a> {
        let pending = pending_groups(contents);
        let part_of = PartOf::of(contents);
        let ratings = Ratings::of(contents);
        let supersession = Supersession::of(contents);
        let mut conflicts = Vec::new();
        let mut groups = Vec::with_capacity(pending.len());
        for p in pending {
            let cx = Comparison {
                contents,
                part_of: &part_of,
                supersession: &supersession,
                scope,
                agreements,
                changed: None,
            };
            groups.push(compare(&cx, p, &mut conflicts));
        }
        let mut analysis =
            Analysis { groups, conflicts, ratings, part_of, supersession, scope, placement: HashMap::new() };
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
        self.member(entry).and_then(|(_, m)| m.credibility.as_ref())
    }

    /// How many pairs conflict, listed or not.
    pub fn pairs(&self) -> usize {
        self.groups.iter().map(|g| g.pairs).sum()
    }

    /// The groups that left conflicting pairs out (over
    /// `max_pairs_per_group`), in order.
    pub fn omitted(&self) -> impl Iterator<Item = &Group<'a>> {
        self.groups.iter().filter(|g| g.omitted > 0)
    }

    /// Groups that have at least one conflict.
    pub fn conflicted_groups(&self) -> impl Iterator<Item = &Group<'a>> {
        self.groups.iter().filter(|g| g.members.iter().any(Member::is_contradicted))
    }
}
