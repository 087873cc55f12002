//! Reading files without leaving the store: paths are checked lexically
//! (no absolute paths, no `..`) and, once resolved, must lie inside the
//! store root; only regular files are opened, and never more than a limit
//! of bytes is read, so a FIFO, a device or a huge file cannot hang or
//! exhaust `check`.

use std::io::{self, Read};
use std::path::Path;

use crate::finding::{Code, Diagnostic};

/// What [`read_inside`] found.
pub enum Inside {
    Bytes(Vec<u8>),
    /// Longer than the limit (this many bytes); not read.
    TooBig(u64),
    /// It resolves (through a symlink) to a path outside the store; not read.
    Escapes,
}

/// Reads a file that must resolve to a regular file inside `root` (a
/// canonical path), at most `limit` bytes.
pub(crate) fn read_inside(root: &Path, path: &Path, limit: u64) -> io::Result<Inside> {
    let real = path.canonicalize()?;
    if !real.starts_with(root) {
        return Ok(Inside::Escapes);
    }
    let meta = real.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > limit {
        return Ok(Inside::TooBig(meta.len()));
    }
    // It may have grown since.
    Ok(read_limited(&real, limit)?.map_or(Inside::TooBig(limit.saturating_add(1)), Inside::Bytes))
}

/// `path` made absolute (against the working directory) with its `.` and
/// `..` components taken lexically, as the user reads the name: no symlink
/// is resolved.
pub(crate) fn lexical_absolute(path: &Path) -> io::Result<std::path::PathBuf> {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Reads at most `limit` bytes; `None` if the file is longer (it may have
/// grown since its size was taken).
pub(crate) fn read_limited(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// [`read_limited`] into a buffer that is reused from file to file: its
/// room makes one read, and the one that finds the end, enough for a
/// record (a growing buffer costs a series of reads per file). `false` if
/// the file is longer than `limit`.
pub(crate) fn read_into(path: &Path, limit: u64, buffer: &mut Vec<u8>) -> io::Result<bool> {
    read_file_into(std::fs::File::open(path)?, limit, buffer)
}

/// [`read_into`] for a file already open.
pub(crate) fn read_file_into(file: std::fs::File, limit: u64, buffer: &mut Vec<u8>) -> io::Result<bool> {
    /// Room for a typical record, kept by the buffer once reserved.
    const TYPICAL: usize = 8192;
    buffer.clear();
    buffer.reserve(TYPICAL);
    file.take(limit.saturating_add(1)).read_to_end(buffer)?;
    Ok(buffer.len() as u64 <= limit)
}

/// The finding for a file that is a symlink out of the store.
pub(crate) fn escape_finding(file: String) -> Diagnostic {
    Diagnostic::new(Code::PathEscape, file, "a symlink that leads out of the store; it is not read")
        .with_help("copy the file into the store instead of linking to it")
}

/// Checks a path named in the store (a snapshot, a configured folder)
/// without touching the disk: relative, no `..`, no NUL.
pub fn lexically_inside(rel: &str) -> Result<(), String> {
    if rel.is_empty() {
        return Err("is empty".to_owned());
    }
    if rel.starts_with('/')
        || rel.starts_with('\\')
        || Path::new(rel).is_absolute()
        || rel.get(1..2) == Some(":")
    {
        return Err("is absolute".to_owned());
    }
    if rel.split(['/', '\\']).any(|seg| seg == "..") {
        return Err("climbs out with `..`".to_owned());
    }
    if rel.contains('\0') {
        return Err("contains a NUL byte".to_owned());
    }
    Ok(())
}
