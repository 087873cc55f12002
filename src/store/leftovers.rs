//! Temp files that a killed write left behind (`write::is_temp_name`), and
//! their removal. A writer is killed between creating its temp file and
//! renaming it at most once per file, but a store lives for years: every
//! command that writes to the store removes the leftovers first, holding
//! the store lock, so it never removes a temp file that a running writer
//! still needs. Readers ignore them (the walk skips hidden names).

use std::io;
use std::path::Path;

use super::Store;
use super::write::is_temp_name;

/// A leftover temp file (relative to the store root), and why it could not
/// be removed, if it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub rel: String,
    pub error: Option<String>,
}

impl Store {
    /// Removes the temp files of interrupted writes: under claims/ and
    /// sources/ (the snapshots folder too), next to the measures file and
    /// at the store root, where writers put them. Call it only while
    /// holding the store lock.
    pub fn remove_leftovers(&self) -> io::Result<Vec<Leftover>> {
        let mut found = self.walk()?.stale_temps;
        let snapshots = self.config.snapshots();
        temps_below(&self.root, &snapshots, 0, &mut found);
        let measures_dir = self.config.measures.rsplit_once('/').map_or("", |(dir, _)| dir);
        for dir in ["", measures_dir] {
            temps_in(&self.root, dir, &mut found);
        }
        found.sort();
        found.dedup();
        Ok(found
            .into_iter()
            .map(|rel| {
                let error = std::fs::remove_file(self.root.join(&rel)).err().map(|e| e.to_string());
                Leftover { rel, error }
            })
            .collect())
    }
}

/// Removes the temp files of interrupted writes directly in the folder
/// `dir` (anywhere: the merge driver writes beside the file git hands it,
/// in the work tree's root, which may lie outside the store). Regular files
/// only, never through a symlink. Call it only while holding the store
/// lock. Returns the names removed, or that could not be.
pub(crate) fn remove_temps_in(dir: &Path) -> Vec<Leftover> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<Leftover> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().filter(|n| is_temp_name(n)).map(str::to_owned))
        .map(|name| {
            let error = std::fs::remove_file(dir.join(&name)).err().map(|e| e.to_string());
            Leftover { rel: name, error }
        })
        .collect();
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    found
}

/// Temp files directly in `dir` (relative to `root`; `""` is the root).
fn temps_in(root: &Path, dir: &str, found: &mut Vec<String>) {
    for entry in listing(root, dir) {
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| is_temp_name(n)) else { continue };
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            found.push(if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") });
        }
    }
}

/// Temp files in `dir` and its subfolders, not through symlinks, to a
/// bounded depth (a snapshots folder is a few levels deep).
fn temps_below(root: &Path, dir: &str, depth: usize, found: &mut Vec<String>) {
    const MAX_DEPTH: usize = 32;
    if depth > MAX_DEPTH {
        return;
    }
    temps_in(root, dir, found);
    for entry in listing(root, dir) {
        // The entry's own type: a symlinked folder is not descended into.
        if entry.file_type().is_ok_and(|t| t.is_dir())
            && let Some(name) = entry.file_name().to_str()
        {
            temps_below(root, &format!("{dir}/{name}"), depth + 1, found);
        }
    }
}

/// The entries of the folder `dir`, when it resolves inside the store (a
/// top folder that is a symlink out of it is left alone); none when it
/// cannot be read.
fn listing(root: &Path, dir: &str) -> Vec<std::fs::DirEntry> {
    let path = root.join(dir);
    if !path.canonicalize().is_ok_and(|real| real.starts_with(root)) {
        return Vec::new();
    }
    std::fs::read_dir(path).map_or_else(|_| Vec::new(), |entries| entries.flatten().collect())
}
