//! History as plain values: the commits of a first-parent walk, oldest
//! first, and the record files each one changed. `store::git` produces
//! them; `history`, `revision` and `since` consume them and never see git.
//!
//! A walk is replayed through a [`State`], which keeps the records of the
//! commit reached so far by path and by id, and turns each commit's file
//! changes into record changes matched by id — so a moved file is one
//! record that moved, not a removal and an addition. The state is updated
//! incrementally: the cost of a replay grows with the changed files, not
//! with commits × store size.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::model::{Measure, Record};
use crate::store::contents::Contents;

/// The `commit` of changes that are not committed yet.
pub(crate) const WORKTREE: &str = "worktree";

/// A commit's identity and metadata, as plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hex id, or `WORKTREE`.
    pub sha: String,
    /// The author time, RFC 3339 with the author's offset.
    pub time: String,
    /// The author's name.
    pub author: String,
    /// The first line of the message.
    pub summary: String,
}

impl Commit {
    /// The pseudo-commit of the working tree.
    pub fn worktree() -> Commit {
        Commit {
            sha: WORKTREE.to_owned(),
            time: String::new(),
            author: String::new(),
            summary: String::new(),
        }
    }

    /// Whether this stands for the working tree, not a commit.
    pub fn is_worktree(&self) -> bool {
        self.sha == WORKTREE
    }

    /// The abbreviated id (7 digits), as git shows it.
    pub fn short(&self) -> &str {
        if self.is_worktree() { &self.sha } else { &self.sha[..self.sha.len().min(7)] }
    }
}

/// A record as parsed from one version of a file, with its computed hash
/// (docs/reference.md section 5), which may differ from the `hash` written in it. The
/// hash is computed when first asked for: a walk meets thousands of
/// versions and shows a few, and compares the others by content.
#[derive(Debug)]
pub struct Parsed {
    pub record: Record,
    hash: std::sync::OnceLock<String>,
}

impl Parsed {
    pub fn new(record: Record) -> Parsed {
        Parsed { record, hash: std::sync::OnceLock::new() }
    }

    /// The record's hash, as `claimtrail hash` would write it.
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| crate::text::hash::record_hash(&self.record))
    }

    /// Whether the two versions hash alike, without hashing them.
    pub fn same_content(&self, other: &Parsed) -> bool {
        self.record.same_content(&other.record)
    }
}

impl PartialEq for Parsed {
    fn eq(&self, other: &Parsed) -> bool {
        self.record == other.record
    }
}

/// What a commit left at a path.
#[derive(Debug, Clone)]
pub enum FileState {
    /// Nothing is there any more.
    Deleted,
    /// A record, parsed.
    Record(Arc<Parsed>),
    /// Not a record (a parse finding). The walk keeps the last good version:
    /// a file broken for a while is not a record that was deleted.
    Invalid,
    /// A symlink or a submodule (gitlink) in git, never read: like
    /// `Invalid`, but `history` names it (`symlink`, `gitlink`).
    Link(&'static str),
}

#[derive(Debug, Clone)]
pub struct FileChange {
    /// Relative to the store root, `/`-separated.
    pub path: String,
    pub state: FileState,
}

/// One commit of a walk and what it changed relative to the previous one.
#[derive(Debug, Clone)]
pub struct CommitChanges {
    /// The commit.
    pub commit: Commit,
    /// The record files it changed.
    pub files: Vec<FileChange>,
    /// The measures, when the commit changed the measures file.
    pub measures: Option<Arc<Vec<Measure>>>,
}

/// A record where it was found: its path and parsed version.
#[derive(Debug, Clone)]
pub struct Located {
    /// Relative to the store root, `/`-separated.
    pub path: String,
    /// The record there, parsed.
    pub parsed: Arc<Parsed>,
}

/// One record's versions before and after a commit, matched by id.
#[derive(Debug, Clone)]
pub struct RecordChange {
    pub id: String,
    pub old: Option<Located>,
    pub new: Option<Located>,
}

/// The records of the commit a replay has reached.
#[derive(Debug, Clone, Default)]
pub struct State {
    files: HashMap<String, Arc<Parsed>>,
    /// The paths holding each id (more than one is a duplicate id; the
    /// first path wins, as in `Contents::by_id`).
    ids: HashMap<String, BTreeSet<String>>,
    measures: Arc<Vec<Measure>>,
}

impl State {
    /// Applies one commit; returns the records it added, changed, moved or
    /// deleted (by id, in id order). A file whose content changed only in
    /// layout, comments or its written `hash` is no record change.
    pub fn apply(&mut self, changes: &CommitChanges) -> Vec<RecordChange> {
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for f in &changes.files {
            if let Some(old) = self.files.get(&f.path) {
                touched.insert(old.record.id().to_owned());
            }
            if let FileState::Record(p) = &f.state {
                touched.insert(p.record.id().to_owned());
            }
        }
        let before: Vec<Option<Located>> = touched.iter().map(|id| self.get(id)).collect();
        for f in &changes.files {
            match &f.state {
                FileState::Invalid | FileState::Link(_) => {}
                FileState::Deleted => self.remove(&f.path),
                FileState::Record(p) => {
                    self.remove(&f.path);
                    self.ids.entry(p.record.id().to_owned()).or_default().insert(f.path.clone());
                    self.files.insert(f.path.clone(), p.clone());
                }
            }
        }
        if let Some(m) = &changes.measures {
            self.measures = m.clone();
        }
        touched
            .into_iter()
            .zip(before)
            .filter_map(|(id, old)| {
                let new = self.get(&id);
                let same = match (&old, &new) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.path == b.path && a.parsed.same_content(&b.parsed),
                    _ => false,
                };
                (!same).then_some(RecordChange { id, old, new })
            })
            .collect()
    }

    /// The record held at this path, if any.
    pub fn record_at(&self, path: &str) -> Option<&Arc<Parsed>> {
        self.files.get(path)
    }

    /// The record with this id, if any.
    pub fn get(&self, id: &str) -> Option<Located> {
        let path = self.ids.get(id)?.first()?;
        Some(Located { path: path.clone(), parsed: self.files.get(path)?.clone() })
    }

    /// The measures of this point of history.
    pub fn measures(&self) -> &Arc<Vec<Measure>> {
        &self.measures
    }

    /// The measure with this id, if any.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The `part_of` links of the source with this id.
    pub fn part_of(&self, id: &str) -> &[String] {
        self.get_ref(id).and_then(|p| p.record.as_source()).map_or(&[], |s| s.part_of.as_slice())
    }

    /// What the working tree changes relative to this state, as a
    /// pseudo-commit ([`WORKTREE`]). Files with a parse finding are
    /// `Invalid`, like broken files in a commit.
    pub fn changes_to(&self, contents: &Contents) -> CommitChanges {
        let broken: HashSet<&str> = contents.findings.iter().map(|d| d.file.as_str()).collect();
        let mut files = Vec::new();
        let mut present: HashSet<&str> = HashSet::with_capacity(contents.entries.len());
        for e in &contents.entries {
            present.insert(&e.file);
            if self.files.get(&e.file).is_some_and(|p| p.record == e.record) {
                continue;
            }
            let state = FileState::Record(Arc::new(Parsed::new(e.record.clone())));
            files.push(FileChange { path: e.file.clone(), state });
        }
        let mut gone: Vec<&String> = self.files.keys().filter(|p| !present.contains(p.as_str())).collect();
        gone.sort();
        for path in gone {
            let state = if broken.contains(path.as_str()) { FileState::Invalid } else { FileState::Deleted };
            files.push(FileChange { path: path.clone(), state });
        }
        let measures = (*self.measures != contents.measures).then(|| Arc::new(contents.measures.clone()));
        CommitChanges { commit: Commit::worktree(), files, measures }
    }

    fn get_ref(&self, id: &str) -> Option<&Arc<Parsed>> {
        self.files.get(self.ids.get(id)?.first()?)
    }

    fn remove(&mut self, path: &str) {
        let Some(old) = self.files.remove(path) else { return };
        let id = old.record.id();
        if let Some(paths) = self.ids.get_mut(id) {
            paths.remove(path);
            if paths.is_empty() {
                self.ids.remove(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{claim_text as claim, commit};

    /// Replays commits; each record change as `id: old-path → new-path`.
    fn check(commits: &[CommitChanges], expected: &[&[&str]]) {
        let mut state = State::default();
        let got: Vec<Vec<String>> = commits
            .iter()
            .map(|c| {
                state
                    .apply(c)
                    .iter()
                    .map(|rc| {
                        let p = |l: &Option<Located>| l.as_ref().map_or("-".to_owned(), |l| l.path.clone());
                        format!("{}: {} → {}", rc.id, p(&rc.old), p(&rc.new))
                    })
                    .collect()
            })
            .collect();
        let expected: Vec<Vec<String>> =
            expected.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn follows_records_by_id() {
        let a = claim("a", "Exact(1)", "2024", "q");
        let a2 = claim("a", "Exact(2)", "2024", "q");
        let b = claim("b", "Exact(1)", "2024", "q");
        let a_reformatted = a.replace(", ", ",\n    ");
        check(
            &[
                commit("1", &[("claims/a.ron", Some(&a)), ("claims/b.ron", Some(&b))]),
                commit("2", &[("claims/a.ron", None), ("claims/x/a.ron", Some(&a))]),
                commit("3", &[("claims/x/a.ron", Some(&a_reformatted))]),
                commit("4", &[("claims/x/a.ron", Some("Claim(broken"))]),
                commit("5", &[("claims/x/a.ron", Some(&a2)), ("claims/b.ron", None)]),
            ],
            &[
                &["a: - → claims/a.ron", "b: - → claims/b.ron"],
                &["a: claims/a.ron → claims/x/a.ron"],
                &[],
                &[],
                &["a: claims/x/a.ron → claims/x/a.ron", "b: claims/b.ron → -"],
            ],
        );
    }

    #[test]
    fn worktree_changes_against_the_state() {
        let a = claim("a", "Exact(1)", "2024", "q");
        let b = claim("b", "Exact(1)", "2024", "q");
        let mut state = State::default();
        state.apply(&commit("1", &[("claims/a.ron", Some(&a)), ("claims/b.ron", Some(&b))]));
        let a2 = claim("a", "Exact(2)", "2024", "q");
        let snap = crate::testing::snapshot(&[("claims/a.ron", &a2)]);
        let changes = state.changes_to(&snap);
        assert!(changes.commit.is_worktree());
        let paths: Vec<(&str, bool)> = changes
            .files
            .iter()
            .map(|f| (f.path.as_str(), matches!(f.state, FileState::Record(_))))
            .collect();
        assert_eq!(paths, [("claims/a.ron", true), ("claims/b.ron", false)]);
        assert!(changes.measures.is_some(), "the test snapshot has measures, the state none");
    }
}
