//! The base of `check --since`, built from the working tree's snapshot:
//! a pull request changes a few files of a store of thousands, and every
//! other file holds the same bytes at the base as on disk, so only the
//! changed ones are read from git (a whole second read of the store cost
//! `check --since` about half as much again as `check`).

use std::collections::HashSet;
use std::sync::Arc;

use git2::StatusOptions;

use super::tree_diff::{self, RawChange};
use super::{GitRepo, oid};
use crate::failure::Result;
use crate::store::commits::{Commit, CommitChanges, FileChange, FileState, Parsed};
use crate::store::contents::{Contents, Entry, FileOutcome};

/// What differs between a base commit and the work tree (`check --since`).
pub struct BaseChanges {
    /// Paths, relative to the store root, of the record files that differ.
    pub changed: HashSet<String>,
    /// The base's versions of the changed files that it has: entries, and
    /// findings for those that do not parse.
    pub files: Contents,
}

impl GitRepo {
    /// The record files that differ between `base` and the work tree of
    /// `head`, and the base's versions of them.
    pub fn base_changes(&self, base: &Commit, head: &Commit) -> Result<BaseChanges> {
        let base_tree = self.tree_of(oid(base)?, base.short())?;
        let head_tree = self.tree_of(oid(head)?, head.short())?;
        let mut changed: HashSet<String> = self
            .changes_between(Some(&head_tree), &base_tree, base.short())?
            .into_iter()
            .map(|c| c.path)
            .collect();
        changed.extend(self.worktree_changes()?);
        // The base's version of each changed file, if it has one.
        let mut raw: Vec<RawChange> = Vec::new();
        for path in &changed {
            let Some(folder) = crate::store::record_folder(&self.config, path) else { continue };
            let at = format!("{}{path}", self.prefix);
            let blob = tree_diff::blob_at(&self.repo, &base_tree, &at, &mut Vec::new())
                .map_err(|e| self.missing(&at, &e))?;
            if let Some(blob) = blob {
                raw.push(RawChange {
                    path: path.clone(),
                    folder,
                    blob: Some(blob),
                    old: None,
                    special: None,
                });
            }
        }
        Ok(BaseChanges { changed, files: self.contents_of_blobs(&raw)? })
    }

    /// The store as it is in `base`, from its changes and `now`, the
    /// snapshot of the work tree of `head`: a record file that differs
    /// between the trees of `base` and `head`, or between `head` and the
    /// work tree (staged, unstaged, untracked or ignored), is the base's
    /// version; every other entry that `keep` keeps, and every finding
    /// about such a file, is `now`'s; the measures and snapshot files are
    /// the base tree's.
    pub fn base_snapshot(
        &self,
        base: &Commit,
        changes: &BaseChanges,
        now: &Contents,
        keep: impl Fn(&Entry) -> bool,
    ) -> Result<Contents> {
        let base_tree = self.tree_of(oid(base)?, base.short())?;
        let changed = &changes.changed;
        let mut contents = Contents::new(self.config.clone());
        let kept = now
            .entries
            .iter()
            .filter(|e| !changed.contains(&e.file) && keep(e))
            .cloned()
            .map(FileOutcome::Record);
        let read = changes.files.entries.iter().cloned().map(FileOutcome::Record);
        contents.add_outcomes(kept.chain(read).collect::<Vec<_>>());
        contents.findings.extend(now.findings.iter().filter(|d| !changed.contains(&d.file)).cloned());
        contents.findings.extend(changes.files.findings.iter().cloned());
        self.add_tree_files(&mut contents, &base_tree)?;
        Ok(contents)
    }

    /// The record files of the work tree that differ from HEAD, as names
    /// relative to the store root: changed in the index or on disk,
    /// untracked or ignored (all of which `check` reads from disk).
    fn worktree_changes(&self) -> Result<Vec<String>> {
        let mut options = StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(true)
            .recurse_ignored_dirs(true)
            .exclude_submodules(true)
            .renames_head_to_index(false);
        for dir in [&self.config.claims, &self.config.sources] {
            options.pathspec(format!("{}{}", self.prefix, dir.trim_end_matches('/')));
        }
        let statuses =
            self.repo.statuses(Some(&mut options)).map_err(|e| self.missing("the work tree's status", &e))?;
        Ok(statuses
            .iter()
            .filter_map(|s| s.path().and_then(|p| p.strip_prefix(self.prefix.as_str())).map(str::to_owned))
            .collect())
    }

    /// The commits from `base` (exclusive) to `tip` on the first-parent
    /// chain, each with the record files it changed, after a first step
    /// for `base` that holds no file yet (see [`GitRepo::seed`]); `None`
    /// when the chain does not reach `base` (it came in through a merge),
    /// where [`GitRepo::first_parent_changes`] reads the whole tree.
    pub fn branch_changes(&self, tip: &Commit, base: &Commit) -> Result<Option<Vec<CommitChanges>>> {
        self.require_full_history()?;
        let chain = self.chain(tip, Some(base))?;
        if chain.first().is_none_or(|(c, _)| c.sha != base.sha) {
            return Ok(None);
        }
        let base_tree = self.tree_of(oid(base)?, base.short())?;
        let measures = self.measures(self.measures_blob(&base_tree)?)?;
        let first = CommitChanges { commit: base.clone(), files: Vec::new(), measures };
        self.walk_chain(chain, Some(first)).map(Some)
    }

    /// Fills the first step of a walk from [`GitRepo::branch_changes`]
    /// with the records of `base_snapshot`.
    pub fn seed(&self, walk: &mut [CommitChanges], base_snapshot: &Contents) {
        if let Some(first) = walk.first_mut() {
            first.files = self.step_files(base_snapshot);
        }
    }

    /// A snapshot's records as the files of a walk's step (files that do
    /// not parse as `Invalid`).
    fn step_files(&self, contents: &Contents) -> Vec<FileChange> {
        contents
            .entries
            .iter()
            .map(|e: &Entry| FileChange {
                path: e.file.clone(),
                state: FileState::Record(Arc::new(Parsed::new(e.record.clone()))),
            })
            .chain(
                contents
                    .findings
                    .iter()
                    .filter(|d| crate::store::record_folder(&self.config, &d.file).is_some())
                    .map(|d| FileChange { path: d.file.clone(), state: FileState::Invalid }),
            )
            .collect()
    }
}
