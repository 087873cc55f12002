//! `check --since REV` as a library call: the store's findings, each
//! marked new or not relative to the merge base of REV and HEAD, with the
//! unexplained revisions made since it (the working tree's changes
//! included). The command line, a script or the language server call the
//! same [`check_since`].
//!
//! Git is read through `store::git` (the merge base, the files that
//! differ from it, the branch's commits, the base's blobs); marking and the
//! scope of a claims-only change are `history::new_findings`'s pure functions.
//! Nothing here reads a file itself or formats anything.

use crate::check::{check, check_changed};
use crate::failure::Result;
use crate::finding::Diagnostic;
use crate::history::new_findings::{Scope, changed_claims, mark_new_within, unexplained};
use crate::store::Store;
use crate::store::commits::{Commit, CommitChanges, FileState};
use crate::store::contents::Contents;
use crate::store::git::{BaseChanges, GitRepo};

/// How much of the base [`check_since`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BaseCheck {
    /// When only claims changed, the base is checked within the changes'
    /// scope (`history::new_findings::Scope`): the changed claims, their groups
    /// and what refers to them; every other finding is the base's as it is
    /// now's. The findings are the same as with [`BaseCheck::Whole`].
    #[default]
    Scoped,
    /// The whole base, always: the oracle of the scoped check
    /// (`CLAIMTRAIL_SINCE_SCOPE=off` on the command line).
    Whole,
}

/// What [`check_since`] found.
pub struct Since {
    /// The working tree, as loaded.
    pub contents: Contents,
    /// Every finding of the store, each with `new` set, and the
    /// `unexplained-revision` warnings of the revisions made since the base;
    /// not yet located (see `Store::locate`) nor sorted for showing.
    pub findings: Vec<Diagnostic>,
    /// The base's records and findings and the repository's parsed blobs:
    /// drop them, or leave them to the operating system at exit as the
    /// command line does (freeing them one by one is a tenth of a run).
    pub spent: Spent,
}

/// The work [`check_since`] did on the base, kept only to be dropped.
pub struct Spent(#[allow(dead_code)] Box<dyn std::any::Any + Send>);

/// The findings of the store at `store`'s working tree, marked new or not
/// relative to the merge base of `rev` and HEAD. A conflicting pair is
/// reported at its claim that changed since the base.
///
/// What git says changed since the base is found on a thread of its own
/// while the work tree loads, and the base is checked on another while
/// the working tree is: a pull request waits for the longer of the two.
///
/// Fails (exit 2 on the command line) outside git, in a shallow clone, or
/// for a revision git cannot resolve.
pub fn check_since(store: &Store, rev: &str, base_check: BaseCheck) -> Result<Since> {
    // git's status and the loading read the same files; neither waits for
    // the other.
    let (contents, branch) = std::thread::scope(|threads| {
        let branch = threads.spawn(|| Branch::of(store, rev));
        let contents = store.load();
        (contents, branch.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let contents = contents?;
    let (findings, spent) = since(branch?, &contents, base_check)?;
    Ok(Since { contents, findings, spent })
}

/// What git tells `--since` before the work tree is needed: the merge
/// base, the record files that differ from it, and the branch's commits.
struct Branch {
    repo: GitRepo,
    head: Commit,
    base: Commit,
    changes: BaseChanges,
    /// `None` when the first-parent chain reaches the base through a merge.
    walk: Option<Vec<CommitChanges>>,
}

impl Branch {
    fn of(store: &Store, rev: &str) -> Result<Branch> {
        let repo = GitRepo::open(store)?;
        repo.require_full_history()?;
        let target = repo.resolve(rev)?;
        let head = repo.resolve("HEAD")?;
        let base = repo.merge_base(&target, &head)?;
        let changes = repo.base_changes(&base, &head)?;
        let walk = repo.branch_changes(&head, &base)?;
        Ok(Branch { repo, head, base, changes, walk })
    }
}

/// The findings of `now` marked against the base of `branch`, and the
/// work done on the base.
fn since(branch: Branch, now: &Contents, base_check: BaseCheck) -> Result<(Vec<Diagnostic>, Spent)> {
    let Branch { repo, head, base, changes, walk: branch } = branch;
    let scope = branch.as_deref().filter(|_| base_check == BaseCheck::Scoped).and_then(|walk| {
        // The files the branch's commits wrote on the way count as changed,
        // and so do the claims they held.
        let mut changed = changes.changed.clone();
        let mut held = Vec::new();
        for file in walk.iter().skip(1).flat_map(|c| &c.files) {
            changed.insert(file.path.clone());
            if let FileState::Record(p) = &file.state {
                held.push(p.record.as_claim()?.id.as_str());
            }
        }
        Scope::of(&changed, held, &changes.files, now)
    });
    let cut = match &scope {
        Some(scope) => Some(repo.base_snapshot(&base, &changes, now, |e| scope.keeps(e))?)
            .filter(|cut| Scope::same_inputs(cut, now)),
        None => None,
    };
    let (scope, base_snapshot) = match cut {
        Some(cut) => (scope, cut),
        None => (None, repo.base_snapshot(&base, &changes, now, |_| true)?),
    };
    // Records outside the scope are the same on both sides: the branch's
    // claims are found among those it keeps.
    let now_cut = scope.as_ref().map(|s| s.cut(now));
    let now_view = now_cut.as_ref().unwrap_or(now);
    let changed = changed_claims(&base_snapshot, now_view);
    let walk = match branch {
        Some(mut walk) => {
            repo.seed(&mut walk, &base_snapshot);
            walk
        }
        // Through a merge: the whole base's tree read from git.
        None => repo.first_parent_changes(&head, Some(&base))?,
    };
    // The base's findings on a thread of their own while this one checks
    // the store: a pull request waits for the longer of the two.
    let (mut diagnostics, base_findings) = std::thread::scope(|threads| {
        let base_check = threads.spawn(|| {
            let mut found = check(&base_snapshot);
            if let Some(scope) = &scope {
                found.retain(|d| scope.covers(d));
            }
            found
        });
        let diagnostics = check_changed(now, &changed);
        let base_findings = base_check.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (diagnostics, base_findings)
    });
    let revisions = crate::history::revisions::revisions(&walk, Some(now_view));
    diagnostics.extend(unexplained(&revisions, now_view));
    mark_new_within(&mut diagnostics, &base_findings, scope.as_ref());
    // Records and findings of the base, and the repository's parsed blobs.
    let spent = Spent(Box::new((base_snapshot, base_findings, walk, revisions, repo, now_cut)));
    Ok((diagnostics, spent))
}
