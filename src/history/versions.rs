//! `history`: every version of one record, or of every claim of a
//! subject/measure group, across a first-parent walk (docs/reference.md sections 6, 9).
//! Records are followed by id across renames and moves. Pure: it replays
//! [`CommitChanges`] through a [`State`].

use std::sync::Arc;

use crate::store::commits::{Commit, CommitChanges, Parsed, RecordChange, State};

/// Which records to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// One record, by id.
    Id(String),
    /// Every claim with this subject and measure (in either version).
    Group {
        /// The subject's id.
        subject: String,
        /// The measure's id.
        measure: String,
    },
    /// Every record (for exports).
    All,
}

impl Selector {
    /// `ID`, or `SUBJECT/MEASURE`.
    pub fn parse(arg: &str) -> Selector {
        match arg.split_once('/') {
            Some((subject, measure)) => {
                Selector::Group { subject: subject.to_owned(), measure: measure.to_owned() }
            }
            None => Selector::Id(arg.to_owned()),
        }
    }

    fn matches(&self, parsed: &Parsed) -> bool {
        match self {
            Selector::Id(id) => parsed.record.id() == id,
            Selector::Group { subject, measure } => {
                parsed.record.as_claim().is_some_and(|c| c.subject == *subject && c.measure == *measure)
            }
            Selector::All => true,
        }
    }
}

/// How a commit changed a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The record appeared.
    Added,
    /// Its content changed (and perhaps its path too).
    Modified,
    /// Only its path changed.
    Moved,
    /// The record's file was deleted.
    Deleted,
    /// Its file became a symlink or a submodule (gitlink) in git, which is
    /// never read: the record is neither changed nor deleted as far as
    /// history can tell, but the commit is named (the walk keeps the last
    /// version, as for a broken file).
    Unreadable,
}

impl Change {
    /// The change as outputs write it (`added`).
    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Modified => "modified",
            Change::Moved => "moved",
            Change::Deleted => "deleted",
            Change::Unreadable => "unreadable",
        }
    }
}

/// One version of a record.
#[derive(Debug, Clone)]
pub struct Version {
    /// The record's id.
    pub id: String,
    /// The commit that made this version.
    pub commit: Commit,
    /// Where the record is after the commit (where it was, if deleted).
    pub path: String,
    /// What the commit did to the record.
    pub change: Change,
    /// The version; `None` when deleted.
    pub record: Option<Arc<Parsed>>,
    /// The version before the commit, if any; and its path.
    pub previous: Option<(String, Arc<Parsed>)>,
}

/// Every version of the selected records, oldest first (by commit, then
/// id); only commits that add, change, move or delete one appear.
pub fn versions(history: &[CommitChanges], selector: &Selector) -> Vec<Version> {
    let mut state = State::default();
    let mut out = Vec::new();
    for commit in history {
        let at = out.len();
        // A record file turned into a link: named before the state moves on.
        for f in &commit.files {
            if let crate::store::commits::FileState::Link(_) = &f.state
                && let Some(held) = state.record_at(&f.path)
                && selector.matches(held)
            {
                out.push(Version {
                    id: held.record.id().to_owned(),
                    commit: commit.commit.clone(),
                    path: f.path.clone(),
                    change: Change::Unreadable,
                    record: None,
                    previous: Some((f.path.clone(), held.clone())),
                });
            }
        }
        let links = out.len() > at;
        for change in state.apply(commit) {
            if let Some(v) = version(&commit.commit, change, selector) {
                out.push(v);
            }
        }
        if links {
            out[at..].sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
    out
}

/// Every id a walk ever held, sorted: for suggestions when an id is unknown.
pub(crate) fn all_ids(history: &[CommitChanges]) -> Vec<String> {
    let mut ids: Vec<String> = history
        .iter()
        .flat_map(|c| &c.files)
        .filter_map(|f| match &f.state {
            crate::store::commits::FileState::Record(p) => Some(p.record.id().to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn version(commit: &Commit, change: RecordChange, selector: &Selector) -> Option<Version> {
    let selected =
        |l: &Option<crate::store::commits::Located>| l.as_ref().is_some_and(|l| selector.matches(&l.parsed));
    if !selected(&change.old) && !selected(&change.new) {
        return None;
    }
    let previous = change.old.map(|l| (l.path, l.parsed));
    let (path, kind, record) = match (&previous, change.new) {
        (None, None) => return None,
        (None, Some(new)) => (new.path, Change::Added, Some(new.parsed)),
        (Some((path, _)), None) => (path.clone(), Change::Deleted, None),
        (Some((_, old)), Some(new)) => {
            let kind = if old.same_content(&new.parsed) { Change::Moved } else { Change::Modified };
            (new.path, kind, Some(new.parsed))
        }
    };
    Some(Version { id: change.id, commit: commit.clone(), path, change: kind, record, previous })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{claim_text as claim, commit};

    /// Versions as `sha id change path value`.
    fn check(history: &[CommitChanges], selector: &str, expected: &[&str]) {
        let got: Vec<String> = versions(history, &Selector::parse(selector))
            .iter()
            .map(|v| {
                let value = v
                    .record
                    .as_ref()
                    .and_then(|p| p.record.as_claim())
                    .map_or("-".to_owned(), |c| c.value.display());
                format!("{} {} {} {} {}", v.commit.sha, v.id, v.change.label(), v.path, value)
            })
            .collect();
        assert_eq!(got, expected);
    }

    fn walk() -> Vec<CommitChanges> {
        let other = claim("b", "Exact(5)", "2024", "q").replace("crocus", "kerman");
        vec![
            commit(
                "1",
                &[
                    ("claims/a.ron", Some(&claim("a", "Exact(137)", "2024-03-23", "q"))),
                    ("claims/b.ron", Some(&other)),
                    ("claims/c.ron", Some(&claim("c", "Exact(40)", "2024-03-23", "q"))),
                ],
            ),
            commit("2", &[("claims/a.ron", Some(&claim("a", "Exact(139)", "2024-03-24", "q2")))]),
            commit(
                "3",
                &[
                    ("claims/a.ron", None),
                    ("claims/x/a.ron", Some(&claim("a", "Exact(139)", "2024-03-24", "q2"))),
                ],
            ),
            commit(
                "4",
                &[
                    ("claims/x/a.ron", None),
                    ("claims/a.ron", Some(&claim("a", "Exact(143)", "2024-03-24", "q2"))),
                ],
            ),
            commit("5", &[("claims/b.ron", None), ("claims/c.ron", Some("broken"))]),
        ]
    }

    #[test]
    fn versions_of_one_id() {
        check(
            &walk(),
            "a",
            &[
                "1 a added claims/a.ron 137",
                "2 a modified claims/a.ron 139",
                "3 a moved claims/x/a.ron 139",
                "4 a modified claims/a.ron 143",
            ],
        );
        check(&walk(), "b", &["1 b added claims/b.ron 5", "5 b deleted claims/b.ron -"]);
        check(&walk(), "nothing", &[]);
    }

    #[test]
    fn versions_of_a_group() {
        check(
            &walk(),
            "crocus/killed",
            &[
                "1 a added claims/a.ron 137",
                "1 c added claims/c.ron 40",
                "2 a modified claims/a.ron 139",
                "3 a moved claims/x/a.ron 139",
                "4 a modified claims/a.ron 143",
            ],
        );
        assert_eq!(all_ids(&walk()), ["a", "b", "c"]);
    }
}
