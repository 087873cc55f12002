//! History for the commands that add it when the store is in git: `report`
//! (sources' revised counts, the recent changes) and `export --format
//! sqlite` (the claim_versions table). Outside git they go without, as
//! docs/reference.md section 9 says (`revised` is 0 outside git). In a shallow clone
//! they fail plainly rather than count from a cut-off history.

use std::collections::HashSet;

use crate::failure::Result;
use crate::history::versions::{Selector, Version, versions};
use crate::store::Store;
use crate::store::commits::CommitChanges;
use crate::store::git::GitRepo;

/// The first-parent walk of HEAD, oldest first; `None` outside git, empty
/// before the first commit.
pub(super) fn walk(store: &Store) -> Result<Option<Vec<CommitChanges>>> {
    let Some(repo) = GitRepo::open_if_any(store)? else { return Ok(None) };
    let Some(head) = repo.head_if_any()? else { return Ok(Some(Vec::new())) };
    repo.first_parent_changes(&head, None).map(Some)
}

/// The first-parent walk of `rev` in the store's repository, which must
/// exist.
pub(super) fn walk_of(repo: &GitRepo, rev: &crate::store::commits::Commit) -> Result<Vec<CommitChanges>> {
    repo.first_parent_changes(rev, None)
}

/// The ids of the claims with a revision in the walk.
pub(super) fn revised(walk: &[CommitChanges]) -> HashSet<String> {
    crate::history::revisions::revisions(walk, None).into_iter().map(|r| r.id).collect()
}

/// Every version of every claim in the walk, oldest first.
pub(super) fn claim_versions(walk: &[CommitChanges]) -> Vec<Version> {
    versions(walk, &Selector::All)
        .into_iter()
        .filter(|v| {
            let is_claim = |p: &crate::store::commits::Parsed| p.record.as_claim().is_some();
            v.record
                .as_deref()
                .map_or_else(|| v.previous.as_ref().is_some_and(|(_, p)| is_claim(p)), is_claim)
        })
        .collect()
}

/// The latest `n` changes of claims and re-ratings of sources, newest
/// first, for the report. A re-rating is a version of a source whose
/// current (latest) rating differs from the one before it; its value is
/// the rating (`C (2007-10-26)`), its change `re-rated`.
pub(super) fn recent(walk: &[CommitChanges], n: usize) -> Vec<crate::compare::report::RecentChange> {
    let all: Vec<Version> = versions(walk, &Selector::All)
        .into_iter()
        .filter(|v| {
            let is_claim = |p: &crate::store::commits::Parsed| p.record.as_claim().is_some();
            let claim = v
                .record
                .as_deref()
                .map_or_else(|| v.previous.as_ref().is_some_and(|(_, p)| is_claim(p)), is_claim);
            claim || rerating(v).is_some()
        })
        .collect();
    all.iter()
        .rev()
        .take(n)
        .map(|v| {
            let rerated = rerating(v);
            crate::compare::report::RecentChange {
                commit: v.commit.sha.clone(),
                time: v.commit.time.clone(),
                author: v.commit.author.clone(),
                id: v.id.clone(),
                change: if rerated.is_some() { "re-rated".to_owned() } else { v.change.label().to_owned() },
                value: match &rerated {
                    Some((_, new)) => Some(new.clone()),
                    None => v.record.as_ref().and_then(|p| Some(p.record.as_claim()?.value.display())),
                },
                old_value: match rerated {
                    Some((old, _)) => Some(old),
                    None => v.previous.as_ref().and_then(|(_, p)| Some(p.record.as_claim()?.value.display())),
                },
            }
        })
        .collect()
}

/// A source version whose current rating changed: the rating before and
/// after, in words (`unrated`, `B (2002-11)`).
fn rerating(v: &Version) -> Option<(String, String)> {
    let new = v.record.as_deref()?.record.as_source()?;
    let old = v.previous.as_ref()?.1.record.as_source()?;
    let words = |s: &crate::model::Source| {
        s.ratings
            .last()
            .map_or_else(|| "unrated".to_owned(), |r| format!("{} ({})", r.reliability.letter(), r.on))
    };
    let (old, new) = (words(old), words(new));
    (old != new).then_some((old, new))
}

/// Every version of every claim as rows of the claim_versions table.
pub(super) fn version_rows(walk: &[CommitChanges]) -> Vec<crate::export::sqlite::VersionRow> {
    claim_versions(walk)
        .into_iter()
        .map(|v| crate::export::sqlite::VersionRow {
            commit: v.commit.sha.clone(),
            time: v.commit.time.clone(),
            author: v.commit.author.clone(),
            id: v.id.clone(),
            change: v.change.label().to_owned(),
            path: Some(v.path.clone()),
            value: v.record.as_ref().and_then(|p| Some(p.record.as_claim()?.value.to_json().to_string())),
            hash: v.record.as_ref().map(|p| p.hash().to_owned()),
        })
        .collect()
}
