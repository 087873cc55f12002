//! Snapshots of commits, and first-parent walks as [`CommitChanges`].
//!
//! A walk diffs each commit's tree against the previous one of the walk
//! (the first against the empty tree), descending only into subtrees that
//! differ, then parses the distinct changed blobs once each: its cost grows
//! with the changed files, not with commits × store size.

use std::sync::Arc;

use git2::{Oid, Tree};

use super::tree_diff::{self, RawChange};
use super::{GitRepo, commit_info, oid};
use crate::failure::Result;
use crate::model::Measure;
use crate::store::commits::{Commit, CommitChanges};
use crate::store::contents::Contents;

/// A commit of a walk before its blobs are parsed.
type Step = (Commit, Vec<RawChange>, Option<Arc<Vec<Measure>>>);

impl GitRepo {
    /// The store as it is in a commit, loaded as from disk (the current
    /// configuration's folders apply).
    pub fn contents(&self, commit: &Commit) -> Result<Contents> {
        let tree = self.tree_of(oid(commit)?, commit.short())?;
        let raw = self.changes_between(None, &tree, commit.short())?;
        let mut contents = self.contents_of_blobs(&raw)?;
        self.add_tree_files(&mut contents, &tree)?;
        Ok(contents)
    }

    /// A snapshot of the record files of `raw` as their blobs hold them
    /// (entries, and findings for those that do not parse); nothing else.
    pub(super) fn contents_of_blobs(&self, raw: &[RawChange]) -> Result<Contents> {
        self.parse_blobs(raw)?;
        let mut contents = Contents::new(self.config.clone());
        contents.add_outcomes(
            raw.iter()
                .filter(|r| r.blob.is_some())
                .map(|r| self.cached_change(r).outcome(&r.path, r.folder))
                .collect::<Vec<_>>(),
        );
        Ok(contents)
    }

    /// Adds to a snapshot of `tree`'s records the files beside them: the
    /// measures file and the document snapshots its documents name.
    pub(super) fn add_tree_files(&self, contents: &mut Contents, tree: &Tree) -> Result<()> {
        if let Some(id) = self.measures_blob(tree)? {
            let bytes = self.read_blob(id, &self.config.measures)?;
            contents.set_measures(&self.config.measures, Some(&bytes));
        }
        for rel in contents.wanted_snapshots() {
            let file = self.snapshot_file(tree, &rel)?;
            contents.snapshots.insert(rel, file);
        }
        Ok(())
    }

    /// The first-parent history of `tip`, oldest first, each commit with
    /// the record files it changed; the first commit is compared with the
    /// empty tree, so replaying the walk builds the whole store.
    ///
    /// With `base`, the walk starts at `base` (its whole store as the first
    /// step) and holds the commits after it. If the first-parent chain
    /// leaves the descendants of `base` at a merge (the base came in
    /// through the merged branch), that merge is compared with `base`.
    pub fn first_parent_changes(&self, tip: &Commit, base: Option<&Commit>) -> Result<Vec<CommitChanges>> {
        self.require_full_history()?;
        if base.is_none()
            && let Some(walk) = self.indexed_changes(tip)?
        {
            return Ok(walk);
        }
        self.walk_chain(self.chain(tip, base)?, None)
    }

    /// Each commit of `chain` with the record files it changed; with
    /// `first`, the first commit's step is that one, and its blobs are not
    /// read.
    pub(super) fn walk_chain(
        &self,
        chain: Vec<(Commit, Oid)>,
        first: Option<CommitChanges>,
    ) -> Result<Vec<CommitChanges>> {
        let given = first.is_some();
        let steps: Vec<Step> = self.parse_blobs_while(|queue| {
            let mut steps: Vec<Step> = Vec::with_capacity(chain.len());
            let mut previous: Option<Tree> = None;
            let mut previous_measures: Option<Oid> = None;
            for (i, (commit, tree_id)) in chain.into_iter().enumerate() {
                let tree = self
                    .repo
                    .find_tree(tree_id)
                    .map_err(|e| self.missing(&format!("the tree of commit {}", commit.short()), &e))?;
                let measures_id = self.measures_blob(&tree)?;
                if i == 0 && given {
                    previous_measures = measures_id;
                    previous = Some(tree);
                    steps.push((commit, Vec::new(), None));
                    continue;
                }
                let raw = self.changes_between(previous.as_ref(), &tree, commit.short())?;
                raw.iter().for_each(&mut *queue);
                let measures =
                    if measures_id == previous_measures { None } else { self.measures(measures_id)? };
                previous_measures = measures_id;
                previous = Some(tree);
                steps.push((commit, raw, measures));
            }
            Ok(steps)
        })?;
        let mut walk: Vec<CommitChanges> = steps
            .into_iter()
            .map(|(commit, raw, measures)| CommitChanges { commit, files: self.file_changes(raw), measures })
            .collect();
        if let (Some(first), Some(step)) = (first, walk.first_mut()) {
            *step = first;
        }
        Ok(walk)
    }

    /// The commits of the walk with their tree ids, oldest first.
    pub(super) fn chain(&self, tip: &Commit, base: Option<&Commit>) -> Result<Vec<(Commit, Oid)>> {
        let base = base.map(oid).transpose()?;
        let find = |id: Oid, what: &dyn Fn() -> String| {
            self.repo.find_commit(id).map_err(|e| self.missing(&what(), &e))
        };
        let mut current = find(oid(tip)?, &|| format!("commit {}", tip.sha))?;
        let mut chain = Vec::new();
        loop {
            chain.push((commit_info(&current), current.tree_id()));
            if Some(current.id()) == base || current.parent_count() == 0 {
                break;
            }
            let parent = current.parent_id(0).map_err(|e| self.missing("a first parent", &e))?;
            if let Some(b) = base
                && current.parent_count() > 1
                && parent != b
                && !self
                    .repo
                    .graph_descendant_of(parent, b)
                    .map_err(|e| self.missing("the commit graph", &e))?
            {
                let start = find(b, &|| format!("commit {b}"))?;
                chain.push((commit_info(&start), start.tree_id()));
                break;
            }
            let child = current.id();
            current = find(parent, &|| format!("commit {parent}, the first parent of {child}"))?;
        }
        chain.reverse();
        Ok(chain)
    }

    pub(super) fn tree_of(&self, commit: Oid, shown: &str) -> Result<Tree<'_>> {
        let c = self.repo.find_commit(commit).map_err(|e| self.missing(&format!("commit {shown}"), &e))?;
        c.tree().map_err(|e| self.missing(&format!("the tree of commit {shown}"), &e))
    }

    pub(super) fn changes_between(
        &self,
        old: Option<&Tree>,
        new: &Tree,
        shown: &str,
    ) -> Result<Vec<RawChange>> {
        let (mut scratch, mut recording) = (Vec::new(), self.trees_read.borrow_mut());
        let read = recording.as_mut().unwrap_or(&mut scratch);
        tree_diff::record_changes(&self.repo, &self.config, &self.prefix, old, Some(new), read)
            .map_err(|e| self.missing(&format!("the trees of commit {shown}"), &e))
    }

    pub(super) fn measures_blob(&self, tree: &Tree) -> Result<Option<Oid>> {
        let path = format!("{}{}", self.prefix, self.config.measures);
        let (mut scratch, mut recording) = (Vec::new(), self.trees_read.borrow_mut());
        let read = recording.as_mut().unwrap_or(&mut scratch);
        tree_diff::blob_at(&self.repo, tree, &path, read).map_err(|e| self.missing(&path, &e))
    }

    /// The measures of a changed measures file: empty when it is gone,
    /// `None` (the previous ones stay) when it does not parse.
    pub(super) fn measures(&self, id: Option<Oid>) -> Result<Option<Arc<Vec<Measure>>>> {
        let Some(id) = id else { return Ok(Some(Arc::new(Vec::new()))) };
        let bytes = self.read_blob(id, &self.config.measures)?;
        let parsed = crate::store::contents::decode(&self.config.measures, &bytes)
            .ok()
            .and_then(|text| crate::text::parse::parse_measures(text).ok());
        Ok(parsed.map(Arc::new))
    }
}
