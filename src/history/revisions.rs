//! Revisions across history (docs/reference.md section 4): walking the first-parent
//! history oldest first, a commit that changes a claim's value so that its
//! interval is disjoint from the one in the commit's first parent (for
//! actors: a different actor not related by part_of in that commit's
//! store) makes a revision. A revision is *explained* when the same commit
//! also changed the claim's `as_of` or its citations; otherwise it is an
//! `unexplained-revision`.
//!
//! Pure: it replays [`CommitChanges`] through a [`State`]; each interval is
//! taken with the measures of its own side of the commit.

use std::collections::HashSet;

use crate::model::interval::Interval;
use crate::model::{Claim, Measure, Value};
use crate::store::commits::{Commit, CommitChanges, State};
use crate::store::contents::Contents;

/// One revision of a claim's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: String,
    /// The commit that made it ([`crate::store::commits::WORKTREE`] for
    /// uncommitted changes).
    pub commit: Commit,
    /// The claim's path after the commit.
    pub path: String,
    pub from: Value,
    pub to: Value,
    /// Whether the commit also changed `as_of` or the citations.
    pub explained: bool,
}

/// Every revision of a walk, oldest first; with `worktree`, also those the
/// uncommitted changes make relative to the walk's last commit.
pub fn revisions(history: &[CommitChanges], worktree: Option<&Contents>) -> Vec<Revision> {
    let mut state = State::default();
    let mut out = Vec::new();
    for commit in history {
        step(&mut state, commit, &mut out);
    }
    if let Some(snapshot) = worktree {
        let changes = state.changes_to(snapshot);
        step(&mut state, &changes, &mut out);
    }
    out
}

fn step(state: &mut State, commit: &CommitChanges, out: &mut Vec<Revision>) {
    let parent_measures = state.measures().clone();
    let measure_of = |measures: &[Measure], id: &str| measures.iter().find(|m| m.id == id).cloned();
    for change in state.apply(commit) {
        let (Some(old), Some(new)) = (&change.old, &change.new) else { continue };
        let (Some(a), Some(b)) = (old.parsed.record.as_claim(), new.parsed.record.as_claim()) else {
            continue;
        };
        let a_measure = measure_of(&parent_measures, &a.measure);
        let b_measure = state.measure(&b.measure);
        if is_revision(a, a_measure.as_ref(), b, b_measure, |x, y| related(state, x, y)) {
            out.push(Revision {
                id: change.id.clone(),
                commit: commit.commit.clone(),
                path: new.path.clone(),
                from: a.value.clone(),
                to: b.value.clone(),
                explained: a.as_of != b.as_of || a.citations != b.citations,
            });
        }
    }
}

/// Whether `old` → `new` revises the value: disjoint intervals (counts,
/// dates), or unrelated actors. Values of different kinds, texts and
/// values without an interval are not compared.
pub(crate) fn is_revision(
    old: &Claim,
    old_measure: Option<&Measure>,
    new: &Claim,
    new_measure: Option<&Measure>,
    related: impl Fn(&str, &str) -> bool,
) -> bool {
    if old.value == new.value {
        return false;
    }
    match (&old.value, &new.value) {
        // Actor sets: a revision when no actor of one is related to any of
        // the other (the conflict rule of docs/reference.md section 4).
        (Value::Actor(_) | Value::Actors(_), Value::Actor(_) | Value::Actors(_)) => {
            !old.value.actors().iter().any(|a| new.value.actors().iter().any(|b| related(a, b)))
        }
        (Value::Text(_) | Value::Actor(_) | Value::Actors(_), _)
        | (_, Value::Text(_) | Value::Actor(_) | Value::Actors(_)) => false,
        (a, b) if a.kind() != b.kind() => false,
        (a, b) => match (Interval::of(a, old_measure), Interval::of(b, new_measure)) {
            (Some(x), Some(y)) => x.is_disjoint(&y),
            _ => false,
        },
    }
}

/// Whether two actors are the same or one is part of the other, through
/// the part_of links of the state (cycles stop the search).
fn related(state: &State, a: &str, b: &str) -> bool {
    a == b || part_of(state, a, b) || part_of(state, b, a)
}

fn part_of(state: &State, part: &str, whole: &str) -> bool {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = vec![part];
    while let Some(next) = stack.pop() {
        for parent in state.part_of(next) {
            if parent == whole {
                return true;
            }
            if seen.insert(parent) {
                stack.push(parent);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::testing::{claim_text as claim, commit};

    /// Revisions of a walk, as `id sha from→to explained|unexplained`.
    fn check(history: &[CommitChanges], expected: &[&str]) {
        let got: Vec<String> = revisions(history, None)
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}→{} {}",
                    r.id,
                    r.commit.sha,
                    r.from.display(),
                    r.to.display(),
                    if r.explained { "explained" } else { "unexplained" }
                )
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn disjoint_counts_are_revisions() {
        check(
            &[
                commit("1", &[("claims/a.ron", Some(&claim("a", "Exact(137)", "2024-03-23", "q")))]),
                commit("2", &[("claims/a.ron", Some(&claim("a", "Exact(139)", "2024-03-24", "q")))]),
                commit(
                    "3",
                    &[
                        ("claims/a.ron", None),
                        ("claims/b/a.ron", Some(&claim("a", "Exact(139)", "2024-03-24", "q"))),
                    ],
                ),
                commit("4", &[("claims/b/a.ron", Some(&claim("a", "Exact(143)", "2024-03-24", "q")))]),
                commit("5", &[("claims/b/a.ron", Some(&claim("a", "Exact(143)", "2024-03-24", "other")))]),
                commit(
                    "6",
                    &[("claims/b/a.ron", Some(&claim("a", "Exact(150)", "2024-03-24", "new quote")))],
                ),
            ],
            &["a 2 137→139 explained", "a 4 139→143 unexplained", "a 6 143→150 explained"],
        );
    }

    #[test]
    fn overlapping_intervals_are_not_revisions() {
        check(
            &[
                commit("1", &[("claims/a.ron", Some(&claim("a", "About(800)", "2024", "q")))]),
                commit("2", &[("claims/a.ron", Some(&claim("a", "Exact(850)", "2024", "q")))]),
                commit("3", &[("claims/a.ron", Some(&claim("a", "AtLeast(100)", "2024", "q")))]),
                commit("4", &[("claims/a.ron", Some(&claim("a", "Between(90, 99)", "2024", "q")))]),
            ],
            &["a 4 at least 100→90–99 unexplained"],
        );
    }

    #[test]
    fn the_tolerance_of_each_side_applies() {
        let mut narrow = commit("2", &[("claims/a.ron", Some(&claim("a", "Exact(850)", "2024", "q")))]);
        let measures = "[Measure(id: \"killed\", kind: Count, tolerance_percent: 1)]";
        narrow.measures = Some(Arc::new(crate::text::parse::parse_measures(measures).unwrap()));
        // About(800) in commit 1 is taken with the default 10%: [720, 880].
        check(&[commit("1", &[("claims/a.ron", Some(&claim("a", "About(800)", "2024", "q")))]), narrow], &[]);
    }

    #[test]
    fn actors_related_by_part_of_are_not_revisions() {
        let src = |id: &str, part_of: &str| {
            format!("Source(id: \"{id}\", name: \"{id}\", kind: ArmedGroup, part_of: [{part_of}])")
        };
        let actor = |v: &str| claim("a", &format!("Actor(\"{v}\")"), "2024", "q");
        check(
            &[
                commit(
                    "1",
                    &[
                        ("sources/is.ron", Some(&src("is", ""))),
                        ("sources/iskp.ron", Some(&src("iskp", "\"mid\""))),
                        ("sources/mid.ron", Some(&src("mid", "\"is\""))),
                        ("sources/fsb.ron", Some(&src("fsb", ""))),
                        ("claims/a.ron", Some(&actor("is"))),
                    ],
                ),
                commit("2", &[("claims/a.ron", Some(&actor("iskp")))]),
                commit("3", &[("claims/a.ron", Some(&actor("fsb")))]),
                // The relation of the commit's own store applies.
                commit(
                    "4",
                    &[
                        ("claims/a.ron", Some(&actor("iskp"))),
                        ("sources/iskp.ron", Some(&src("iskp", "\"fsb\""))),
                    ],
                ),
            ],
            &["a 3 iskp→fsb unexplained"],
        );
    }

    #[test]
    fn texts_and_kind_changes_are_not_revisions() {
        check(
            &[
                commit("1", &[("claims/a.ron", Some(&claim("a", "Text(\"x\")", "2024", "q")))]),
                commit("2", &[("claims/a.ron", Some(&claim("a", "Text(\"y\")", "2024", "q")))]),
                commit("3", &[("claims/a.ron", Some(&claim("a", "Exact(5)", "2024", "q")))]),
                commit("4", &[("claims/a.ron", Some(&claim("a", "Date(\"2014\")", "2024", "q")))]),
                commit("5", &[("claims/a.ron", Some(&claim("a", "Date(\"2015-01\")", "2024", "q")))]),
            ],
            &["a 5 2014→2015-01 unexplained"],
        );
    }

    #[test]
    fn the_worktree_is_a_last_step() {
        let history = [commit("1", &[("claims/a.ron", Some(&claim("a", "Exact(137)", "2024-03-23", "q")))])];
        let text = claim("a", "Exact(140)", "2024-03-23", "q");
        let snap = crate::testing::snapshot(&[("claims/a.ron", &text)]);
        let got = revisions(&history, Some(&snap));
        assert_eq!(got.len(), 1);
        assert!(got[0].commit.is_worktree() && !got[0].explained);
    }
}
