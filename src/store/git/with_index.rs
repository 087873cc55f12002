//! Walks and comparisons that use the walk index ([`super::walk_index`]): a
//! first-parent walk takes each commit's changes from the index instead of
//! diffing its trees, `history ID` reads only the blobs of the paths that
//! ever held the id, and `diff` parses only the records whose id is in a
//! changed file. Each gives the answer the plain walk gives (tests compare
//! them); commits the index lacks are diffed from git and added to it.

use std::collections::{HashMap, HashSet};

use git2::Oid;

use super::tree_diff::RawChange;
use super::walk_index::{Index, Known, NewCommit};
use super::{GitRepo, commit_info, oid};
use crate::failure::Result;
use crate::store::commits::{Commit, CommitChanges, FileChange, FileState};
use crate::store::contents::Contents;

/// The first-parent chain of a tip, oldest first, as the index knows it
/// once the commits it lacked are added.
struct Chain {
    oids: Vec<Oid>,
    known: HashMap<Oid, Known>,
    /// The changes of the commits just added (also in the index, unless
    /// writing it failed).
    fresh: HashMap<Oid, Vec<RawChange>>,
    /// Whether the index now holds every commit of the chain.
    stored: bool,
}

impl GitRepo {
    fn index(&self) -> Option<&Index> {
        self.index
            .get_or_init(|| {
                self.walk_index.then(|| Index::open(self.repo.path(), &self.prefix, &self.config))?
            })
            .as_ref()
    }

    /// The first-parent walk of `tip` from the walk index, or `None`
    /// without one.
    pub(super) fn indexed_changes(&self, tip: &Commit) -> Result<Option<Vec<CommitChanges>>> {
        let Some(mut chain) = self.indexed_chain(tip)? else { return Ok(None) };
        let Some(index) = self.index() else { return Ok(None) };
        let Ok(mut stored) = index.all_changes() else { return Ok(None) };
        let steps: Vec<(Commit, Vec<RawChange>, Option<Oid>)> = chain
            .oids
            .iter()
            .map(|oid| {
                let known = chain.known.remove(oid).expect("the chain's commits are known");
                let changes = chain.fresh.remove(oid).or_else(|| stored.remove(oid)).unwrap_or_default();
                (known.commit, changes, known.measures)
            })
            .collect();
        self.parse_blobs(steps.iter().flat_map(|s| &s.1))?;
        let mut previous_measures: Option<Oid> = None;
        let mut walk = Vec::with_capacity(steps.len());
        for (commit, changes, measures_id) in steps {
            let measures = if measures_id == previous_measures { None } else { self.measures(measures_id)? };
            previous_measures = measures_id;
            walk.push(CommitChanges { commit, files: self.file_changes(changes), measures });
        }
        Ok(Some(walk))
    }

    /// The commits of the first-parent walk of `tip` that change the
    /// record `id`, or a file holding it, with only those files: replayed,
    /// they give that record's versions as the whole walk does. `None`
    /// without a usable index.
    pub fn changes_of_id(&self, tip: &Commit, id: &str) -> Result<Option<Vec<CommitChanges>>> {
        self.require_full_history()?;
        let Some(chain) = self.indexed_chain(tip)? else { return Ok(None) };
        let Some(index) = self.index() else { return Ok(None) };
        if !chain.stored {
            return Ok(None);
        }
        let Ok(Some(touches)) = index.changes_touching(id) else { return Ok(None) };
        // A link's id is no blob the index knows the record of: the walk
        // answers those histories.
        if touches.iter().any(|t| t.change.special.is_some()) {
            return Ok(None);
        }
        let position: HashMap<Oid, usize> = chain.oids.iter().enumerate().map(|(i, o)| (*o, i)).collect();
        let mut touches: Vec<(usize, _)> =
            touches.into_iter().filter_map(|t| Some((*position.get(&t.commit)?, t))).collect();
        // Stable: a commit's changes stay in tree order.
        touches.sort_by_key(|(at, _)| *at);
        // Which paths hold the id as the walk goes: a change is kept if
        // its new blob holds the id or its path held it.
        let mut holds: HashMap<String, bool> = HashMap::new();
        let mut kept: Vec<(usize, RawChange)> = Vec::new();
        for (at, t) in touches {
            let held = holds.get(&t.change.path).copied().unwrap_or(false);
            if held || t.id.as_deref() == Some(id) {
                kept.push((at, t.change.clone()));
            }
            match (t.change.blob, t.id) {
                (None, _) => {
                    holds.remove(&t.change.path);
                }
                (Some(_), Some(other)) => {
                    holds.insert(t.change.path, other == id);
                }
                // Not a record: the last good version stays.
                (Some(_), None) => {}
            }
        }
        self.parse_blobs(kept.iter().map(|(_, c)| c))?;
        let mut walk: Vec<CommitChanges> = Vec::new();
        for (at, change) in kept {
            if walk.last().is_none_or(|c| c.commit.sha != chain.oids[at].to_string()) {
                let commit = chain.known[&chain.oids[at]].commit.clone();
                walk.push(CommitChanges { commit, files: Vec::new(), measures: None });
            }
            let file = self.file_changes(vec![change]);
            walk.last_mut().expect("pushed above").files.extend(file);
        }
        Ok(Some(walk))
    }

    /// The two sides of a diff between commits, holding only the records
    /// that can differ: those whose id is held by a file that differs
    /// (on either side), and the changed files that are not records. Every other record is in the same file with the
    /// same content on both sides, so the semantic diff is the same as
    /// with whole snapshots; the unchanged files are not parsed when the
    /// walk index knows their ids.
    ///
    /// Without the index, the sides are the whole snapshots.
    pub fn diff_sides(&self, a: &Commit, b: &Commit) -> Result<(Contents, Contents)> {
        if self.index().is_none() {
            return Ok((self.contents(a)?, self.contents(b)?));
        }
        let ta = self.tree_of(oid(a)?, a.short())?;
        let tb = self.tree_of(oid(b)?, b.short())?;
        let changed = self.changes_between(Some(&ta), &tb, b.short())?;
        // Both versions of every changed file are read whatever else the
        // sides hold: the other threads start on them while this one lists
        // both trees, and their ids then come from the parsed blobs.
        let versions: Vec<RawChange> = changed
            .iter()
            .flat_map(|c| [RawChange { blob: c.old, old: None, special: None, ..c.clone() }, c.clone()])
            .collect();
        let (all_a, all_b) = self.parse_blobs_during(&versions, || {
            Ok((self.changes_between(None, &ta, a.short())?, self.changes_between(None, &tb, b.short())?))
        })?;
        drop(versions);
        let ids = self.blob_ids(all_a.iter().chain(&all_b))?;
        let id_of = |blob: Option<Oid>| blob.and_then(|b| ids.get(&b)).and_then(|id| id.as_deref());
        let touched: HashSet<&str> =
            changed.iter().flat_map(|c| [id_of(c.old), id_of(c.blob)]).flatten().collect();
        // A changed file that is not a record on a side stays on that side
        // too: the diff lists it as unreadable there.
        let changed_paths: HashSet<&str> = changed.iter().map(|c| c.path.as_str()).collect();
        let keep = |all: &'_ [RawChange]| -> Vec<RawChange> {
            all.iter()
                .filter(|c| match id_of(c.blob) {
                    Some(id) => touched.contains(id),
                    None => changed_paths.contains(c.path.as_str()),
                })
                .cloned()
                .collect()
        };
        let (kept_a, kept_b) = (keep(&all_a), keep(&all_b));
        self.parse_blobs(kept_a.iter().chain(&kept_b))?;
        // Each record leaves the cache with its last use instead of being
        // copied (a blob may sit in both sides, or at two paths).
        let mut uses: HashMap<Oid, usize> = HashMap::new();
        for blob in kept_a.iter().chain(&kept_b).filter(|c| c.special.is_none()).filter_map(|c| c.blob) {
            *uses.entry(blob).or_default() += 1;
        }
        let mut side = |kept: Vec<RawChange>| {
            let mut contents = Contents::new(self.config.clone());
            contents.add_outcomes(
                kept.into_iter()
                    .filter_map(|c| {
                        if c.special.is_some() {
                            return Some(self.outcome_of(c, false));
                        }
                        let left = uses.get_mut(&c.blob?)?;
                        *left -= 1;
                        Some(self.outcome_of(c, *left == 0))
                    })
                    .collect::<Vec<_>>(),
            );
            contents
        };
        Ok((side(kept_a), side(kept_b)))
    }

    /// The id each blob of `changes` holds (`None`: not a record), from
    /// the blobs parsed in this run, then the index, then by parsing the
    /// rest (and adding them to the index).
    fn blob_ids<'a>(
        &self,
        changes: impl IntoIterator<Item = &'a RawChange>,
    ) -> Result<HashMap<Oid, Option<String>>> {
        let mut ids: HashMap<Oid, Option<String>> = HashMap::new();
        let mut unknown: HashMap<Oid, &RawChange> = HashMap::new();
        {
            let cache = self.cache.borrow();
            for c in changes {
                let Some(blob) = c.blob.filter(|_| c.special.is_none()) else { continue };
                match cache.get(&blob) {
                    Some(parsed) => {
                        ids.insert(blob, parsed.id());
                    }
                    None => {
                        unknown.entry(blob).or_insert(c);
                    }
                }
            }
        }
        if let Some(index) = self.index()
            && let Ok(found) = index.blob_ids(&unknown.keys().copied().collect::<Vec<_>>())
        {
            for (blob, id) in found {
                unknown.remove(&blob);
                ids.insert(blob, id);
            }
        }
        if !unknown.is_empty() {
            self.parse_blobs(unknown.values().copied())?;
            let learned: Vec<(Oid, Option<String>)> =
                unknown.keys().map(|b| (*b, self.cached(*b).id())).collect();
            if let Some(index) = self.index() {
                // A cache: failing to write it loses nothing.
                let _ = index.insert(&[], &learned);
            }
            ids.extend(learned);
        }
        Ok(ids)
    }

    /// The first-parent chain of `tip` from the index, adding the commits
    /// it lacks: each is diffed against its first parent, and its blobs
    /// parsed to learn their ids. `None`
    /// without an index, or when the index cannot be read.
    fn indexed_chain(&self, tip: &Commit) -> Result<Option<Chain>> {
        let Some(index) = self.index() else { return Ok(None) };
        let Ok(mut known) = index.commits() else { return Ok(None) };
        let mut oids = Vec::new();
        let mut fresh: Vec<NewCommit> = Vec::new();
        let mut seen: HashSet<Oid> = HashSet::new();
        let mut current = oid(tip)?;
        loop {
            if !seen.insert(current) {
                return Ok(None); // a loop: the index is damaged
            }
            oids.push(current);
            let parent = match known.get(&current) {
                Some(k) => k.parent,
                None => {
                    let added = self.diff_commit(current)?;
                    known.insert(current, added.known.clone());
                    let parent = added.known.parent;
                    fresh.push(added);
                    parent
                }
            };
            match parent {
                Some(p) => current = p,
                None => break,
            }
        }
        oids.reverse();
        fresh.reverse();
        self.verify(&oids, &known, &fresh.iter().map(|c| c.oid).collect())?;
        // Oldest first, as a walk without the index meets them.
        self.parse_blobs(fresh.iter().flat_map(|c| &c.changes))?;
        let mut stored = true;
        if !fresh.is_empty() {
            let blobs: HashSet<Oid> = fresh
                .iter()
                .flat_map(|c| &c.changes)
                .filter(|c| c.special.is_none())
                .filter_map(|c| c.blob)
                .collect();
            let blobs: Vec<(Oid, Option<String>)> =
                blobs.into_iter().map(|b| (b, self.cached(b).id())).collect();
            stored = index.insert(&fresh, &blobs).is_ok();
        }
        let fresh = fresh.into_iter().map(|c| (c.oid, c.changes)).collect();
        Ok(Some(Chain { oids, known, fresh, stored }))
    }

    /// Fails, as the walk without the index would, when a commit of the
    /// chain that the index stands in for, or a tree its walk reads, is no
    /// longer in the repository: the index never answers for damage.
    /// Existence only (no object is read), so it costs a lookup per object.
    fn verify(&self, oids: &[Oid], known: &HashMap<Oid, Known>, fresh: &HashSet<Oid>) -> Result<()> {
        let odb = self.repo.odb().map_err(|e| self.missing("the object database", &e))?;
        let gone = |what: String| {
            let e =
                git2::Error::new(git2::ErrorCode::NotFound, git2::ErrorClass::Odb, "the object is missing");
            Err(self.missing(&what, &e))
        };
        for oid in oids.iter().filter(|o| !fresh.contains(o)) {
            let k = &known[oid];
            if !odb.exists(*oid) {
                return gone(format!("commit {oid}"));
            }
            if let Some(tree) = k.trees.iter().find(|t| !odb.exists(**t)) {
                return gone(format!("tree {tree} of commit {}", k.commit.short()));
            }
        }
        Ok(())
    }

    /// A commit as the index keeps it: diffed against its first parent.
    fn diff_commit(&self, id: Oid) -> Result<NewCommit> {
        let commit = self.repo.find_commit(id).map_err(|e| self.missing(&format!("commit {id}"), &e))?;
        let info = commit_info(&commit);
        let tree =
            commit.tree().map_err(|e| self.missing(&format!("the tree of commit {}", info.short()), &e))?;
        let parent = if commit.parent_count() == 0 {
            None
        } else {
            Some(commit.parent_id(0).map_err(|e| self.missing("a first parent", &e))?)
        };
        let parent_tree =
            parent.map(|p| self.tree_of(p, &format!("{p}, the first parent of {id}"))).transpose()?;
        *self.trees_read.borrow_mut() = Some(Vec::new());
        let changes = self.changes_between(parent_tree.as_ref(), &tree, info.short());
        let measures = self.measures_blob(&tree);
        let mut trees = self.trees_read.borrow_mut().take().unwrap_or_default();
        let (changes, measures) = (changes?, measures?);
        trees.sort_unstable();
        trees.dedup();
        Ok(NewCommit { oid: id, known: Known { parent, measures, commit: info, trees }, changes })
    }

    /// The parsed states of changes whose blobs are parsed.
    pub(super) fn file_changes(&self, changes: Vec<RawChange>) -> Vec<FileChange> {
        changes
            .into_iter()
            .map(|r| {
                let state = match (r.blob, r.special) {
                    (None, _) => FileState::Deleted,
                    (Some(_), Some(special)) => FileState::Link(special.label()),
                    (Some(b), None) => self.cached(b).state(),
                };
                FileChange { path: r.path, state }
            })
            .collect()
    }
}
