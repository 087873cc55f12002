//! Walking claims/ and sources/ for record files, without ever leaving the
//! store: a symlink (file or folder) is followed only when its target is
//! inside the store root; otherwise it gets a `path-escape` finding and is
//! not read. Non-UTF-8 names and files that are not regular files (FIFOs,
//! devices) are reported, not fatal, and never opened. sources/snapshots/ is
//! skipped: snapshots are not records. Hidden files are skipped too; among
//! them the walk notes temp files that a killed `claimtrail hash` left
//! behind, so the next `hash` can remove them.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::snapshot::Folder;

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

pub fn record_files(root: &Path, config: &Config) -> io::Result<(Vec<RecordFile>, Vec<Diagnostic>)> {
    let walk = walk(root, config)?;
    Ok((walk.files, walk.findings))
}

pub fn walk(root: &Path, config: &Config) -> io::Result<Walk> {
    let real_root = root.canonicalize()?;
    let Walk { mut files, mut findings, mut stale_temps } = Walk::default();
    let skip = config.snapshots();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    for (dir, folder) in [(&config.claims, Folder::Claims), (&config.sources, Folder::Sources)] {
        let dir = dir.trim_end_matches('/').to_owned();
        // Each folder with its real path when known: a folder that is no
        // symlink is its parent's real path and its name, which spares a
        // `canonicalize` (a readlink per component) for each of thousands.
        let mut stack: Vec<(String, Option<PathBuf>)> = vec![(dir, None)];
        while let Some((rel_dir, known)) = stack.pop() {
            let abs = root.join(&rel_dir);
            let real = match known.map_or_else(|| abs.canonicalize(), Ok) {
                Ok(r) => r,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", abs.display())));
                }
            };
            if !real.starts_with(&real_root) {
                // Only the top folders get here unchecked (claims/ itself a
                // link out of the store); entries below are checked before
                // they are pushed.
                findings.push(escape(&rel_dir));
                continue;
            }
            if !seen_dirs.insert(real.clone()) {
                continue; // a symlink loop, or a folder reached twice
            }
            let entries = match std::fs::read_dir(&abs) {
                Ok(e) => e,
                Err(e) if e.kind() == io::ErrorKind::NotADirectory => continue,
                Err(e) => {
                    return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", abs.display())));
                }
            };
            let mut subdirs = Vec::new();
            let mut names: Vec<std::fs::DirEntry> = entries.collect::<io::Result<_>>()?;
            // Cached: `file_name` allocates, and a plain sort would call it
            // on every comparison.
            names.sort_by_cached_key(|e| e.file_name());
            for entry in names {
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                    findings.push(
                        Diagnostic::new(
                            Code::Parse,
                            format!("{rel_dir}/{}", entry.file_name().to_string_lossy()),
                            "the file name is not valid UTF-8; it is not read",
                        )
                        .with_help("rename the file to a UTF-8 name (ids are ASCII slugs)"),
                    );
                    continue;
                };
                let rel = format!("{rel_dir}/{name}");
                if super::write::is_temp_name(&name) {
                    stale_temps.push(rel);
                    continue;
                }
                if rel == skip || name.starts_with('.') {
                    continue;
                }
                let file_type = entry.file_type()?; // from the folder listing; does not follow symlinks
                let (kind, len, real_dir) = if file_type.is_symlink() {
                    match entry.path().canonicalize() {
                        Ok(target) if target.starts_with(&real_root) => match std::fs::metadata(&target) {
                            Ok(m) => (m.file_type(), Some(m.len()), target),
                            Err(_) => continue,
                        },
                        Ok(_) => {
                            findings.push(escape(&rel));
                            continue;
                        }
                        Err(e) => {
                            let why = if e.kind() == io::ErrorKind::NotFound {
                                "a symlink whose target does not exist".to_owned()
                            } else {
                                format!("a symlink that cannot be followed ({e})")
                            };
                            findings.push(
                                Diagnostic::new(
                                    Code::PathEscape,
                                    rel.clone(),
                                    format!("{why}; it is not read"),
                                )
                                .with_help("remove the link or copy the file into the store"),
                            );
                            continue;
                        }
                    }
                } else {
                    (file_type, None, real.join(&name))
                };
                if kind.is_dir() {
                    subdirs.push((rel, Some(real_dir)));
                } else if kind.is_file() {
                    if name.ends_with(".ron") {
                        files.push(RecordFile { rel, folder, len });
                    }
                } else if name.ends_with(".ron") {
                    findings.push(
                        Diagnostic::new(
                            Code::Parse,
                            rel,
                            "not a regular file (a FIFO, socket or device); it is not read",
                        )
                        .with_help("a record is a plain file"),
                    );
                }
            }
            // Reversed onto the stack, so folders are visited in name order:
            // in a store whose folders hold either files or folders (as
            // claims/<subject>/ does) the files come out sorted already.
            stack.extend(subdirs.into_iter().rev());
        }
    }
    // Paths are unique, so an unstable sort gives the same order, in place.
    if !files.is_sorted_by(|a, b| a.rel <= b.rel) {
        files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    }
    Ok(Walk { files, findings, stale_temps })
}

fn escape(rel: &str) -> Diagnostic {
    Diagnostic::new(Code::PathEscape, rel, "a symlink that leads out of the store; it is not read")
        .with_help("copy the file into the store instead of linking to it")
}
