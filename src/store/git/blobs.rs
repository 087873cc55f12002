//! Record blobs, parsed once per blob id. Blobs are read one after another
//! (a repository handle is not shared between threads) and parsed in
//! parallel, in bounded chunks so a long walk never holds every blob's
//! bytes at once. Parsing is the same `snapshot::parse_file` as on disk.

use std::collections::HashSet;
use std::sync::Arc;

use git2::Oid;
use rayon::prelude::*;

use super::tree_diff::{self, Kind, RawChange};
use super::{GitRepo, missing};
use crate::diagnostic::Diagnostic;
use crate::failure::Result;
use crate::snapshot::{FileOutcome, Folder, SnapshotFile, parse_file};
use crate::timeline::{FileState, Parsed};

/// How many blobs are read before a chunk is parsed.
const CHUNK: usize = 2048;

/// A parsed blob: a record, or the finding that it is not one (made for
/// the path it was first seen at).
#[derive(Debug, Clone)]
pub(super) enum Cached {
    Record(Arc<Parsed>),
    Finding(Diagnostic),
}

impl Cached {
    /// As a snapshot entry or finding at `path`.
    pub fn outcome(&self, path: &str, folder: Folder) -> FileOutcome {
        match self {
            Cached::Record(p) => FileOutcome::Record(crate::snapshot::Entry {
                file: path.to_owned(),
                folder,
                record: p.record.clone(),
            }),
            Cached::Finding(d) => {
                let mut d = d.clone();
                d.file = path.to_owned();
                FileOutcome::Finding(d)
            }
        }
    }

    pub fn state(&self) -> FileState {
        match self {
            Cached::Record(p) => FileState::Record(p.clone()),
            Cached::Finding(_) => FileState::Invalid,
        }
    }
}

/// A blob read for parsing, or its size when over `max_file_bytes`.
enum Read {
    Bytes(Vec<u8>),
    TooBig(u64),
}

impl GitRepo {
    /// Parses every blob of `changes` not parsed yet.
    pub(super) fn parse_blobs<'a>(&self, changes: impl IntoIterator<Item = &'a RawChange>) -> Result<()> {
        let mut seen: HashSet<Oid> = HashSet::new();
        let todo: Vec<&RawChange> = {
            let cache = self.cache.borrow();
            changes
                .into_iter()
                .filter(|c| c.blob.is_some_and(|b| !cache.contains_key(&b) && seen.insert(b)))
                .collect()
        };
        let odb = self.repo.odb().map_err(|e| missing("the object database", &e))?;
        let limit = self.config.max_file_bytes;
        for chunk in todo.chunks(CHUNK) {
            let mut read: Vec<(Oid, &RawChange, Read)> = Vec::with_capacity(chunk.len());
            for c in chunk {
                let oid = c.blob.expect("only changes with a blob are queued");
                let what = || format!("blob {oid} ({})", c.path);
                let (size, _) = odb.read_header(oid).map_err(|e| missing(&what(), &e))?;
                let bytes = if size as u64 > limit {
                    Read::TooBig(size as u64)
                } else {
                    Read::Bytes(odb.read(oid).map_err(|e| missing(&what(), &e))?.data().to_vec())
                };
                read.push((oid, c, bytes));
            }
            let parsed: Vec<(Oid, Cached)> = read
                .into_par_iter()
                .map(|(oid, c, bytes)| {
                    let outcome = match bytes {
                        Read::Bytes(bytes) => parse_file(c.path.clone(), c.folder, &bytes),
                        Read::TooBig(len) => FileOutcome::Finding(crate::store::too_big(&c.path, len, limit)),
                    };
                    let cached = match outcome {
                        FileOutcome::Record(e) => Cached::Record(Arc::new(Parsed::new(e.record))),
                        FileOutcome::Finding(d) => Cached::Finding(d),
                    };
                    (oid, cached)
                })
                .collect();
            self.cache.borrow_mut().extend(parsed);
        }
        Ok(())
    }

    /// The parsed blob; it must have gone through [`GitRepo::parse_blobs`].
    pub(super) fn cached(&self, oid: Oid) -> Cached {
        self.cache.borrow().get(&oid).cloned().expect("blobs are parsed before they are looked up")
    }

    /// The bytes of a blob.
    pub(super) fn read_blob(&self, oid: Oid, what: &str) -> Result<Vec<u8>> {
        let blob = self.repo.find_blob(oid).map_err(|e| missing(&format!("blob {oid} ({what})"), &e))?;
        Ok(blob.content().to_vec())
    }

    /// A document's snapshot file in a tree (`rel` is relative to the
    /// snapshots folder), as the disk store would report it.
    pub(super) fn snapshot_file(&self, tree: &git2::Tree, rel: &str) -> Result<SnapshotFile> {
        if let Err(why) = crate::store::lexically_inside(rel) {
            return Ok(SnapshotFile::Escapes(why));
        }
        let path = format!("{}{}/{rel}", self.prefix, self.config.snapshots());
        let entry = tree_diff::entry_at(tree, &path).map_err(|e| missing(&path, &e))?;
        Ok(match entry {
            None => SnapshotFile::Missing,
            Some(e) => match tree_diff::kind(&e) {
                Some(Kind::Blob) => {
                    let bytes = self.read_blob(e.id(), &path)?;
                    SnapshotFile::Found {
                        hash: crate::hash::bytes_hash(&bytes),
                        text: String::from_utf8_lossy(&bytes).into(),
                    }
                }
                Some(Kind::Tree) => SnapshotFile::Unreadable("not a regular file".to_owned()),
                None => SnapshotFile::Unreadable(
                    "a symlink or submodule; snapshots are read from git history only as regular files"
                        .to_owned(),
                ),
            },
        })
    }
}
