//! The store in git: revisions, snapshots of commits and first-parent
//! walks, read from blobs and trees (never by checking anything out).
//!
//! Only this module touches git2; everything leaves it as plain values
//! ([`Commit`], [`Contents`], [`CommitChanges`]). Record blobs are parsed
//! with the same `contents::parse_file` as files on disk, once per blob id:
//! a walk parses each distinct blob once. Errors are [`Failure`]s (exit 2)
//! that say what is missing and how to get it: a command that needs
//! history never gives a silently short answer.

mod base_changes;
mod blobs;
pub(crate) mod config;
pub(crate) mod merge_file;
mod walk_index;
mod with_index;

mod tree_diff;
mod walk;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use git2::{ErrorCode, Oid, Repository};

pub(crate) use base_changes::BaseChanges;
pub use walk_index::ENV as WALK_INDEX_ENV;

use super::Store;
use crate::failure::{Failure, Result};
use crate::store::commits::Commit;
use crate::store::config::Config;

/// The fix for missing history, for help lines.
pub(crate) const HISTORY_FIX: &str = "fetch the whole history: `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0` in actions/checkout)";

/// Turns off libgit2's check of each object's hash as it is read, once,
/// for the whole process: the library's one piece of global state, and a
/// deliberate one. git checks object hashes when objects arrive (fetch,
/// clone, `git fsck`); checking them again on every read doubles the cost
/// of reading trees, and history commands read tens of thousands. libgit2
/// offers the switch only process-wide (`git2::opts`), so it cannot be
/// scoped to claimtrail's repositories: a program that embeds claimtrail
/// and needs libgit2 to verify hashes on read in the same process should
/// not open a store's repository through [`GitRepo`].
fn relax_hash_verification() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

/// The git repository holding a store.
pub struct GitRepo {
    repo: Repository,
    /// The store root relative to the work tree: empty, or ending in `/`.
    prefix: String,
    config: Config,
    /// Parsed record blobs by id.
    cache: RefCell<HashMap<Oid, blobs::Cached>>,
    /// The walk index, opened when first needed.
    index: std::cell::OnceCell<Option<walk_index::Index>>,
    /// Whether to use the walk index at all (`Store::walk_index`).
    walk_index: bool,
    /// While a commit is diffed for the walk index: the trees read.
    trees_read: RefCell<Option<Vec<Oid>>>,
    /// Whether the repository is a shallow clone: only then is a missing
    /// object fixed by fetching the rest of the history.
    shallow: bool,
}

impl GitRepo {
    /// Opens the repository whose work tree holds the store.
    ///
    /// The first call turns off libgit2's check of every object's hash as
    /// it is read, for the whole process: git checks hashes when objects
    /// arrive, checking them again doubles the cost of reading trees, and
    /// libgit2 offers the switch only process-wide. A program that needs
    /// libgit2 to verify hashes on read elsewhere in the same process
    /// should not open a store's repository here.
    pub fn open(store: &Store) -> Result<GitRepo> {
        relax_hash_verification();
        let repo = Repository::discover(&store.root).map_err(|e| {
            let f = Failure::new(format!("{} is not in a git repository", store.root.display()));
            match e.code() {
                ErrorCode::NotFound => f.with_help(
                    "diff, history and check --since read the store's git history; run them in a clone (or `git init` and commit the store)",
                ),
                _ => Failure::new(format!("cannot open the git repository at {}: {}", store.root.display(), e.message())),
            }
        })?;
        let workdir = repo.workdir().ok_or_else(|| {
            Failure::new("the git repository is bare: it has no working tree to hold a store")
        })?;
        let prefix = prefix_of(workdir, &store.root)?;
        let shallow = repo.is_shallow();
        Ok(GitRepo {
            shallow,
            repo,
            prefix,
            config: store.config.clone(),
            cache: RefCell::new(HashMap::new()),
            index: std::cell::OnceCell::new(),
            walk_index: store.walk_index,
            trees_read: RefCell::new(None),
        })
    }

    /// Opens the store's repository, or `None` when the store is not in git
    /// (a bare repository or another failure is still an error).
    pub fn open_if_any(store: &Store) -> Result<Option<GitRepo>> {
        match Repository::discover(&store.root) {
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            _ => GitRepo::open(store).map(Some),
        }
    }

    /// The commit HEAD names, or `None` on an unborn branch.
    pub fn head_if_any(&self) -> Result<Option<Commit>> {
        match self.repo.head() {
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
            _ => self.resolve("HEAD").map(Some),
        }
    }

    /// The commit a revision names: anything `git rev-parse` accepts.
    pub fn resolve(&self, rev: &str) -> Result<Commit> {
        let shown = rev;
        let object = self.repo.revparse_single(rev).map_err(|e| {
            let f = Failure::new(format!("bad revision `{shown}`: {}", e.message()));
            if rev == "HEAD" && e.code() == ErrorCode::NotFound {
                Failure::new("HEAD has no commits yet").with_help("commit the store first")
            } else if self.repo.is_shallow() {
                f.with_help(format!("the repository is a shallow clone, which may lack it: {HISTORY_FIX}"))
            } else {
                f.with_help("a revision is anything `git rev-parse` accepts: a sha, a branch, a tag, HEAD~2")
            }
        })?;
        let commit = object.peel_to_commit().map_err(|e| {
            Failure::new(format!("revision `{shown}` does not name a commit: {}", e.message()))
        })?;
        Ok(commit_info(&commit))
    }

    /// The newest common ancestor of two commits. Needs the whole history.
    pub fn merge_base(&self, a: &Commit, b: &Commit) -> Result<Commit> {
        self.require_full_history()?;
        let oid = self.repo.merge_base(oid(a)?, oid(b)?).map_err(|e| {
            Failure::new(format!(
                "no merge base of {} and {}: {}; the history that joins them is missing or they are unrelated",
                a.short(),
                b.short(),
                e.message()
            ))
            .with_help(HISTORY_FIX)
        })?;
        let commit =
            self.repo.find_commit(oid).map_err(|e| self.missing(&format!("merge base {oid}"), &e))?;
        Ok(commit_info(&commit))
    }

    /// Fails in a shallow clone: its history is cut off, and libgit2 would
    /// show the oldest commit fetched as the first one.
    pub fn require_full_history(&self) -> Result<()> {
        if self.repo.is_shallow() {
            return Err(Failure::new(
                "the repository is a shallow clone: the commits before its oldest fetched commit are missing, so history would be cut short",
            )
            .with_help(HISTORY_FIX));
        }
        Ok(())
    }
}

/// The metadata of a commit as plain values.
fn commit_info(commit: &git2::Commit) -> Commit {
    let author = commit.author();
    let when = author.when();
    let time = chrono::FixedOffset::east_opt(when.offset_minutes() * 60)
        .and_then(|tz| chrono::DateTime::from_timestamp(when.seconds(), 0).map(|t| t.with_timezone(&tz)))
        .map_or_else(|| when.seconds().to_string(), |t| t.to_rfc3339());
    Commit {
        sha: commit.id().to_string(),
        time,
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        summary: commit.summary_bytes().map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default(),
    }
}

fn oid(commit: &Commit) -> Result<Oid> {
    Oid::from_str(&commit.sha).map_err(|_| Failure::new(format!("`{}` is not a commit id", commit.sha)))
}

impl GitRepo {
    /// A failure for an object of this repository that cannot be read.
    fn missing(&self, what: &str, e: &git2::Error) -> Failure {
        missing(what, e, self.shallow)
    }
}

/// A failure for an object that cannot be read: in a shallow clone, the
/// history may simply not be fetched; otherwise the repository is damaged
/// (`git fetch --unshallow` would not help, and says so).
fn missing(what: &str, e: &git2::Error, shallow: bool) -> Failure {
    let f = Failure::new(format!("cannot read {what} from the git repository: {}", e.message()));
    if shallow {
        f.with_help(format!(
            "the repository is a shallow clone, which may lack it: {HISTORY_FIX}; `git fsck` lists what is broken"
        ))
    } else {
        f.with_help(
            "the repository is damaged: `git fsck` lists what is broken; a fresh clone (or `git fetch` from a remote that has the objects) restores it",
        )
    }
}

/// The store root relative to the work tree, as a tree path prefix.
fn prefix_of(workdir: &Path, root: &Path) -> Result<String> {
    let workdir = workdir.canonicalize().map_err(Failure::from)?;
    let rel = root.strip_prefix(&workdir).map_err(|_| {
        Failure::new(format!(
            "the store at {} is outside the git work tree {}",
            root.display(),
            workdir.display()
        ))
    })?;
    let mut prefix = String::new();
    for c in rel.components() {
        let name = c
            .as_os_str()
            .to_str()
            .ok_or_else(|| Failure::new(format!("the store path {} is not UTF-8", root.display())))?;
        prefix.push_str(name);
        prefix.push('/');
    }
    Ok(prefix)
}
