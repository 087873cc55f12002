//! Which record files differ between two trees, found by comparing tree
//! entries and descending only into subtrees whose ids differ. libgit2's
//! `diff_tree_to_tree` expands every tree (PERF-NOTES.md: 7–10× slower),
//! so a walk would cost commits × store size instead of changed files.
//!
//! Only the claims and sources folders are compared, without the
//! snapshots folder; as on disk, names starting with `.` and files not
//! ending in `.ron` are not records. A symlink or a submodule (gitlink)
//! with a record's name is a change of its own ([`Special`]), never read:
//! a symlink's blob is its target's name (`/etc/passwd`), not a record,
//! and a gitlink names a commit of another repository. Leaving them out
//! made a claim turned into a link vanish from `diff` and `history`.

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry, TreeIter};
use std::cmp::Ordering;
use std::iter::Peekable;

use crate::store::config::Config;
use crate::store::contents::Folder;

/// A record file that differs: its new blob, or `None` when it is gone.
#[derive(Debug, Clone)]
pub(super) struct RawChange {
    /// Relative to the store root, `/`-separated.
    pub path: String,
    pub folder: Folder,
    pub blob: Option<Oid>,
    /// The old blob, `None` when the file is new or was a symlink or
    /// gitlink. (Not kept in the walk index, which needs only the new side.)
    pub old: Option<Oid>,
    /// What the new side is when it is not a regular file: its `blob` is
    /// then the link's id, which is never read.
    pub special: Option<Special>,
}

/// A tree entry with a record's name that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Special {
    Symlink,
    Gitlink,
}

impl Special {
    /// The `parse` finding's message for such an entry.
    pub(super) fn message(self) -> &'static str {
        match self {
            Special::Symlink => {
                "a symlink in git, not a regular file: links are not followed in history, so it is not read as a record"
            }
            Special::Gitlink => {
                "a submodule (gitlink) in git, not a regular file: it names a commit of another repository and is not read as a record"
            }
        }
    }

    /// What it is, in a word.
    pub(super) fn label(self) -> &'static str {
        match self {
            Special::Symlink => "symlink",
            Special::Gitlink => "gitlink",
        }
    }

    pub(super) fn code(self) -> i64 {
        match self {
            Special::Symlink => 1,
            Special::Gitlink => 2,
        }
    }

    pub(super) fn of_code(code: i64) -> Option<Special> {
        match code {
            1 => Some(Special::Symlink),
            2 => Some(Special::Gitlink),
            _ => None,
        }
    }
}

/// The record files that differ between two root trees (`None` is the
/// empty tree), in tree order. Every tree it reads is added to `read`
/// (the walk index keeps them, to check later that they are still there).
pub(super) fn record_changes(
    repo: &Repository,
    config: &Config,
    prefix: &str,
    old: Option<&Tree>,
    new: Option<&Tree>,
    read: &mut Vec<Oid>,
) -> Result<Vec<RawChange>, git2::Error> {
    let mut out = Vec::new();
    let skip = config.snapshots();
    for (dir, folder) in [(&config.claims, Folder::Claims), (&config.sources, Folder::Sources)] {
        let dir = dir.trim_end_matches('/');
        let at = format!("{prefix}{dir}");
        let a = old.map(|t| subtree(repo, t, &at, read)).transpose()?.flatten();
        let b = new.map(|t| subtree(repo, t, &at, read)).transpose()?.flatten();
        diff_folder(repo, a, b, dir, folder, &skip, &mut out, read)?;
    }
    Ok(out)
}

/// The id of the blob at `path` (a regular file), if there is one; the
/// trees read on the way are added to `read`.
pub(super) fn blob_at(
    repo: &Repository,
    tree: &Tree,
    path: &str,
    read: &mut Vec<Oid>,
) -> Result<Option<Oid>, git2::Error> {
    Ok(entry_at(repo, tree, path, read)?.filter(|e| kind(e) == Some(Kind::Blob)).map(|e| e.id()))
}

/// The entry at `path`, if any, found one folder at a time (as git's
/// `get_path` does), with every tree read on the way added to `read`.
pub(super) fn entry_at(
    repo: &Repository,
    tree: &Tree,
    path: &str,
    read: &mut Vec<Oid>,
) -> Result<Option<TreeEntry<'static>>, git2::Error> {
    let mut names = path.split('/').filter(|n| !n.is_empty()).peekable();
    read.push(tree.id());
    let mut current: Option<Tree> = None;
    while let Some(name) = names.next() {
        let entry = match current.as_ref().unwrap_or(tree).get_name(name) {
            Some(e) => e.to_owned(),
            None => return Ok(None),
        };
        if names.peek().is_none() {
            return Ok(Some(entry));
        }
        if entry.kind() != Some(ObjectType::Tree) {
            return Ok(None);
        }
        read.push(entry.id());
        current = Some(repo.find_tree(entry.id())?);
    }
    Ok(None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Tree,
    Blob,
    Link(Special),
}

/// Trees, regular files, symlinks and submodules; `None` for other modes.
pub(super) fn kind(e: &TreeEntry) -> Option<Kind> {
    match e.filemode() {
        0o040000 => Some(Kind::Tree),
        0o100644 | 0o100755 | 0o100664 => Some(Kind::Blob),
        0o120000 => Some(Kind::Link(Special::Symlink)),
        0o160000 => Some(Kind::Link(Special::Gitlink)),
        _ => None,
    }
}

fn subtree(
    repo: &Repository,
    tree: &Tree,
    path: &str,
    read: &mut Vec<Oid>,
) -> Result<Option<Oid>, git2::Error> {
    Ok(entry_at(repo, tree, path, read)?.filter(|e| e.kind() == Some(ObjectType::Tree)).map(|e| e.id()))
}

#[allow(clippy::too_many_arguments)]
fn diff_folder(
    repo: &Repository,
    old: Option<Oid>,
    new: Option<Oid>,
    dir: &str,
    folder: Folder,
    skip: &str,
    out: &mut Vec<RawChange>,
    read: &mut Vec<Oid>,
) -> Result<(), git2::Error> {
    // An explicit stack: a hostile tree can nest deeper than the call stack.
    let mut stack: Vec<(Option<Oid>, Option<Oid>, String)> = vec![(old, new, dir.to_owned())];
    while let Some((a, b, path)) = stack.pop() {
        if a == b {
            continue;
        }
        read.extend(a.iter().chain(&b));
        let ta = a.map(|id| repo.find_tree(id)).transpose()?;
        let tb = b.map(|id| repo.find_tree(id)).transpose()?;
        let mut ia = items(ta.as_ref());
        let mut ib = items(tb.as_ref());
        let mut subdirs = Vec::new();
        loop {
            let order = match (ia.peek(), ib.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(x), Some(y)) => tree_order(x, y),
            };
            let (x, y) = match order {
                Ordering::Less => (ia.next(), None),
                Ordering::Greater => (None, ib.next()),
                Ordering::Equal => (ia.next(), ib.next()),
            };
            let (x_id, y_id) = (x.as_ref().map(|i| i.0.id()), y.as_ref().map(|i| i.0.id()));
            let (x_kind, y_kind) = (x.as_ref().map(|i| i.1), y.as_ref().map(|i| i.1));
            // A file and a link may share a blob (the link's target as text).
            if x_id == y_id && x_kind == y_kind {
                continue;
            }
            let (entry, k) = y.or(x).expect("one side has an entry");
            let name = std::str::from_utf8(entry.name_bytes()).expect("items are UTF-8");
            let child = format!("{path}/{name}");
            // Only a link's new side is kept (as the link); an old link is
            // no blob to compare.
            let old = x_id.filter(|_| x_kind == Some(Kind::Blob));
            match k {
                Kind::Tree if child != skip => subdirs.push((x_id, y_id, child)),
                Kind::Tree => {}
                Kind::Blob => out.push(RawChange { path: child, folder, blob: y_id, old, special: None }),
                Kind::Link(special) => {
                    let special = y_id.is_some().then_some(special);
                    out.push(RawChange { path: child, folder, blob: y_id, old, special });
                }
            }
        }
        // Reversed so that the stack visits them in tree order.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}

type Items<'t> = Peekable<Box<dyn Iterator<Item = (TreeEntry<'t>, Kind)> + 't>>;

/// The entries that can hold records: trees, and `.ron` files; UTF-8
/// names not starting with `.`.
fn items<'t>(tree: Option<&'t Tree<'_>>) -> Items<'t> {
    let iter: TreeIter<'t> = match tree {
        Some(t) => t.iter(),
        None => {
            let it: Box<dyn Iterator<Item = (TreeEntry<'t>, Kind)>> = Box::new(std::iter::empty());
            return it.peekable();
        }
    };
    let it: Box<dyn Iterator<Item = (TreeEntry<'t>, Kind)>> = Box::new(iter.filter_map(|e| {
        let k = kind(&e)?;
        let name = std::str::from_utf8(e.name_bytes()).ok()?;
        let wanted = !name.starts_with('.') && (k == Kind::Tree || name.ends_with(".ron"));
        wanted.then_some((e, k))
    }));
    it.peekable()
}

/// git's order of tree entries: by name, a tree's name as if it ended in `/`.
fn tree_order(x: &(TreeEntry, Kind), y: &(TreeEntry, Kind)) -> Ordering {
    let (a, b) = (x.0.name_bytes(), y.0.name_bytes());
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let next = |name: &[u8], k: Kind| name.get(n).copied().or((k == Kind::Tree).then_some(b'/'));
        next(a, x.1).cmp(&next(b, y.1))
    })
}
