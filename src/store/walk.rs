//! Walking claims/ and sources/ for record files, without ever leaving the
//! store: a symlink (file or folder) is followed only when its target is
//! inside the store root; otherwise it gets a `path-escape` finding and is
//! not read. Non-UTF-8 names, files that are not regular files (FIFOs,
//! devices) and folders that cannot be read are reported, not fatal, and
//! never opened. sources/snapshots/ is
//! skipped: snapshots are not records. Hidden files are skipped too; among
//! them the walk notes temp files that a killed write left
//! behind, so the next writer can remove them (`store::leftovers`).

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::finding::{Code, Diagnostic};
use crate::store::config::Config;
use crate::store::contents::Folder;

/// A record file to read.
#[derive(Debug, Clone)]
pub struct RecordFile {
    /// Relative to the store root, `/`-separated.
    pub rel: String,
    pub folder: Folder,
    /// The size, when the walk learnt it (following a symlink); regular
    /// files are listed from their folder without a `stat` each, which a
    /// walk of 100,000 files would spend a tenth of `check` on.
    pub len: Option<u64>,
}

impl RecordFile {
    /// The file's size, from the walk or else from the file system.
    pub fn size(&self, root: &Path) -> io::Result<u64> {
        match self.len {
            Some(len) => Ok(len),
            None => Ok(std::fs::metadata(root.join(&self.rel))?.len()),
        }
    }
}

/// What a walk of claims/ and sources/ found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<RecordFile>,
    pub findings: Vec<Diagnostic>,
    /// Leftover temp files of an interrupted write (see `write::is_temp_name`),
    /// relative to the root.
    pub stale_temps: Vec<String>,
}

pub(super) fn record_files(root: &Path, config: &Config) -> io::Result<(Vec<RecordFile>, Vec<Diagnostic>)> {
    let walk = walk(root, config)?;
    Ok((walk.files, walk.findings))
}

pub(super) fn walk(root: &Path, config: &Config) -> io::Result<Walk> {
    let real_root = root.canonicalize()?;
    let cx = Cx { root, real_root: &real_root, skip: config.snapshots() };
    let roots = [(&config.claims, Folder::Claims), (&config.sources, Folder::Sources)];
    let mut walk = match parallel(&cx, &roots) {
        Some(walk) => walk,
        None => serial(&cx, &roots),
    };
    // Paths are unique, so an unstable sort gives the same order, in place.
    if !walk.files.is_sorted_by(|a, b| a.rel <= b.rel) {
        walk.files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    }
    Ok(walk)
}

/// What every folder listing needs.
struct Cx<'a> {
    root: &'a Path,
    real_root: &'a Path,
    /// The snapshots folder, relative to the root.
    skip: String,
}

/// One folder's entries, in name order.
#[derive(Default)]
struct Listing {
    files: Vec<RecordFile>,
    findings: Vec<Diagnostic>,
    stale_temps: Vec<String>,
    /// Subfolders with their real paths.
    subdirs: Vec<(String, Option<PathBuf>)>,
    /// Whether a subfolder is a symlink (so a folder may be reached twice).
    linked_dirs: bool,
}

impl Walk {
    fn add(&mut self, l: Listing) {
        self.append(Walk { files: l.files, findings: l.findings, stale_temps: l.stale_temps });
    }

    fn append(&mut self, other: Walk) {
        self.files.extend(other.files);
        self.findings.extend(other.findings);
        self.stale_temps.extend(other.stale_temps);
    }
}

/// The walk in one thread: depth first, folders in name order, each real
/// folder visited once (the first way the walk reaches it).
fn serial(cx: &Cx, roots: &[(&String, Folder)]) -> Walk {
    let mut walk = Walk::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    for &(dir, folder) in roots {
        let dir = dir.trim_end_matches('/').to_owned();
        // Each folder with its real path when known: a folder that is no
        // symlink is its parent's real path and its name, which spares a
        // `canonicalize` (a readlink per component) for each of thousands.
        let mut stack: Vec<(String, Option<PathBuf>)> = vec![(dir, None)];
        while let Some((rel_dir, known)) = stack.pop() {
            let Some(real) = real_folder(cx, &rel_dir, known, &mut walk) else { continue };
            if !seen_dirs.insert(real.clone()) {
                continue; // a symlink loop, or a folder reached twice
            }
            let Some(mut l) = list(cx, &rel_dir, &real, folder) else { continue };
            // Reversed onto the stack, so folders are visited in name order:
            // in a store whose folders hold either files or folders (as
            // claims/<subject>/ does) the files come out sorted already.
            stack.extend(std::mem::take(&mut l.subdirs).into_iter().rev());
            walk.add(l);
        }
    }
    walk
}

/// The same walk with the subfolders of claims/ and sources/ walked on all
/// cores, when no folder can be reached twice: `None` (walk serially) as
/// soon as a symlinked folder or a folder shared by the two roots turns
/// up, so the outcome is always the serial walk's.
fn parallel(cx: &Cx, roots: &[(&String, Folder)]) -> Option<Walk> {
    use rayon::prelude::*;
    let mut walk = Walk::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    for &(dir, folder) in roots {
        let dir = dir.trim_end_matches('/');
        let Some(real) = real_folder(cx, dir, None, &mut walk) else { continue };
        if !seen_dirs.insert(real.clone()) {
            return None;
        }
        let Some(mut top) = list(cx, dir, &real, folder) else { continue };
        if top.linked_dirs {
            return None;
        }
        let subdirs = std::mem::take(&mut top.subdirs);
        walk.add(top);
        let subtrees: Vec<Option<Subtree>> =
            subdirs.into_par_iter().map(|(rel, real)| subtree(cx, rel, real, folder)).collect();
        for t in subtrees {
            let (w, dirs) = t?;
            for d in dirs {
                if !seen_dirs.insert(d) {
                    return None;
                }
            }
            walk.append(w);
        }
    }
    Some(walk)
}

/// A subtree's walk and the real folders it visited.
type Subtree = (Walk, Vec<PathBuf>);

/// A subtree without symlinked folders, depth first in name order, with
/// the real folders it visited; `None` if it has a symlinked folder.
fn subtree(cx: &Cx, rel: String, real: Option<PathBuf>, folder: Folder) -> Option<Subtree> {
    let mut walk = Walk::default();
    let mut dirs = Vec::new();
    let mut stack = vec![(rel, real)];
    while let Some((rel_dir, known)) = stack.pop() {
        let Some(real) = real_folder(cx, &rel_dir, known, &mut walk) else { continue };
        let Some(mut l) = list(cx, &rel_dir, &real, folder) else { continue };
        if l.linked_dirs {
            return None;
        }
        dirs.push(real);
        stack.extend(std::mem::take(&mut l.subdirs).into_iter().rev());
        walk.add(l);
    }
    Some((walk, dirs))
}

/// The real path of a folder to list (`known`, else resolved); `None` if
/// it does not exist or leaves the store (a finding).
fn real_folder(cx: &Cx, rel_dir: &str, known: Option<PathBuf>, walk: &mut Walk) -> Option<PathBuf> {
    let real = match known {
        Some(r) => r,
        None => {
            let abs = cx.root.join(rel_dir);
            match abs.canonicalize() {
                Ok(r) => r,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
                Err(e) => {
                    walk.findings.push(unreadable_folder(rel_dir, &e));
                    return None;
                }
            }
        }
    };
    if !real.starts_with(cx.real_root) {
        // Only the top folders get here unchecked (claims/ itself a link
        // out of the store); entries below are checked before they are
        // pushed.
        walk.findings.push(escape(rel_dir));
        return None;
    }
    Some(real)
}

/// Lists one folder; `None` if it is not a folder.
fn list(cx: &Cx, rel_dir: &str, real: &Path, folder: Folder) -> Option<Listing> {
    let abs = cx.root.join(rel_dir);
    let mut l = Listing::default();
    let entries = match std::fs::read_dir(&abs) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => return None,
        Err(e) => {
            l.findings.push(unreadable_folder(rel_dir, &e));
            return Some(l);
        }
    };
    // Each name taken once (`file_name` allocates), to sort by and
    // to use: a plain sort would call it on every comparison.
    let mut names: Vec<(std::ffi::OsString, std::fs::DirEntry)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => names.push((e.file_name(), e)),
            Err(e) => {
                // The entries listed so far are still read.
                l.findings.push(unreadable_folder(rel_dir, &e));
                break;
            }
        }
    }
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (os_name, entry) in names {
        let Some(name) = os_name.to_str() else {
            l.findings.push(
                Diagnostic::new(
                    Code::Parse,
                    format!("{rel_dir}/{}", entry.file_name().to_string_lossy()),
                    "the file name is not valid UTF-8; it is not read",
                )
                .with_help("rename the file to a UTF-8 name (ids are ASCII slugs)"),
            );
            continue;
        };
        // Exactly as long as the path: each record's entry keeps it (a
        // `format!` would leave it room for half again as much).
        let mut rel = String::with_capacity(rel_dir.len() + 1 + name.len());
        rel.push_str(rel_dir);
        rel.push('/');
        rel.push_str(name);
        if super::write::is_temp_name(name) {
            l.stale_temps.push(rel);
            continue;
        }
        if rel == cx.skip || name.starts_with('.') {
            continue;
        }
        // From the folder listing; does not follow symlinks.
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                l.findings.push(
                    Diagnostic::new(
                        Code::Parse,
                        rel,
                        format!("cannot read the file's type: {e}; it is not read"),
                    )
                    .with_help("check the file's permissions"),
                );
                continue;
            }
        };
        let (kind, len, real_dir) = if file_type.is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(cx.real_root) => match std::fs::metadata(&target) {
                    Ok(m) => (m.file_type(), Some(m.len()), Some(target)),
                    Err(_) => continue,
                },
                Ok(_) => {
                    l.findings.push(escape(&rel));
                    continue;
                }
                Err(e) => {
                    let why = if e.kind() == io::ErrorKind::NotFound {
                        "a symlink whose target does not exist".to_owned()
                    } else {
                        format!("a symlink that cannot be followed ({e})")
                    };
                    l.findings.push(
                        Diagnostic::new(Code::PathEscape, rel.clone(), format!("{why}; it is not read"))
                            .with_help("remove the link or copy the file into the store"),
                    );
                    continue;
                }
            }
        } else {
            (file_type, None, None)
        };
        if kind.is_dir() {
            l.linked_dirs |= file_type.is_symlink();
            l.subdirs.push((rel, Some(real_dir.unwrap_or_else(|| real.join(name)))));
        } else if kind.is_file() {
            if name.ends_with(".ron") {
                l.files.push(RecordFile { rel, folder, len });
            }
        } else if name.ends_with(".ron") {
            l.findings.push(
                Diagnostic::new(
                    Code::Parse,
                    rel,
                    "not a regular file (a FIFO, socket or device); it is not read",
                )
                .with_help("a record is a plain file"),
            );
        }
    }
    Some(l)
}

/// The finding for a folder that cannot be listed (permissions, a path
/// too long for the system, an I/O error): its records are not read, the
/// rest of the store is.
fn unreadable_folder(rel_dir: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Parse,
        rel_dir,
        format!("cannot read the folder: {e}; the records in it are not read"),
    )
    .with_help(
        "make the folder readable and searchable (`chmod u+rx`), or move its records to a shorter path",
    )
}

fn escape(rel: &str) -> Diagnostic {
    Diagnostic::new(Code::PathEscape, rel, "a symlink that leads out of the store; it is not read")
        .with_help("copy the file into the store instead of linking to it")
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "Claim()").unwrap();
    }

    fn shown(w: &Walk) -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            w.files.iter().map(|f| f.rel.clone()).collect(),
            w.findings.iter().map(|d| format!("{:?} {}", d.code, d.file)).collect(),
            w.stale_temps.clone(),
        )
    }

    /// The parallel walk, when it answers, is the serial walk; with a
    /// folder reachable twice it leaves the walk to the serial one.
    fn check(config: &Config, build: impl Fn(&Path), parallel_answers: bool) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        build(&root);
        let cx = Cx { root: &root, real_root: &root, skip: config.snapshots() };
        let roots = [(&config.claims, Folder::Claims), (&config.sources, Folder::Sources)];
        let serial = serial(&cx, &roots);
        let parallel = parallel(&cx, &roots);
        assert_eq!(parallel.is_some(), parallel_answers);
        if let Some(p) = parallel {
            assert_eq!(shown(&p), shown(&serial));
        }
        assert_eq!(shown(&walk(&root, config).unwrap()).0.len(), serial.files.len());
    }

    #[test]
    fn the_parallel_walk_is_the_serial_walk_or_steps_aside() {
        let config = Config::default();
        let plain = |root: &Path| {
            for subject in ["b-subject", "a-subject", "c"] {
                for n in 0..5 {
                    touch(root, &format!("claims/{subject}/claim-{n}.ron"));
                }
                touch(root, &format!("claims/{subject}/deeper/more.ron"));
            }
            touch(root, "claims/top.ron");
            touch(root, "claims/a-subject/.claim-0.ron.tmp-1-2");
            touch(root, "sources/actors/ic.ron");
            touch(root, "sources/snapshots/page.ron");
            std::fs::write(root.join("claims/c/not-a-record.txt"), "x").unwrap();
        };
        check(&config, plain, true);
        // A symlinked folder (inside the store): reachable twice.
        check(
            &config,
            |root| {
                plain(root);
                symlink(root.join("claims/c"), root.join("claims/a-link")).unwrap();
            },
            false,
        );
        // A symlinked file is fine.
        check(
            &config,
            |root| {
                plain(root);
                symlink(root.join("claims/c/claim-1.ron"), root.join("claims/b-subject/link.ron")).unwrap();
            },
            true,
        );
        // Sources inside claims: a folder shared by the two roots.
        let nested = Config { sources: "claims/c".to_owned(), ..Config::default() };
        check(&nested, plain, false);
    }
}
