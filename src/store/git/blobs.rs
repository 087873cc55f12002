//! Record blobs, parsed once per blob id. Blobs are read one after another
//! (a repository handle is not shared between threads) and parsed in
//! parallel, in bounded chunks so a long walk never holds every blob's
//! bytes at once. Parsing is the same `contents::parse_file` as on disk.

use std::collections::HashSet;
use std::sync::Arc;

use git2::Oid;
use rayon::prelude::*;

use super::tree_diff::{self, Kind, RawChange};
use super::{GitRepo, missing};
use crate::failure::Result;
use crate::finding::Diagnostic;
use crate::store::commits::{FileState, Parsed};
use crate::store::contents::{FileOutcome, Folder, SnapshotFile, parse_file};

/// How many blobs a thread takes at a time.
const CHUNK: usize = 64;

/// A parsed blob: a record, or the finding that it is not one (made for
/// the path it was first seen at).
#[derive(Debug, Clone)]
pub(super) enum Cached {
    Record(Arc<Parsed>),
    Finding(Diagnostic),
}

impl Cached {
    /// As a snapshot entry or finding at `path`.
    pub(super) fn outcome(&self, path: &str, folder: Folder) -> FileOutcome {
        match self {
            Cached::Record(p) => FileOutcome::Record(crate::store::contents::Entry {
                file: path.to_owned(),
                folder,
                record: p.record.clone(),
            }),
            Cached::Finding(d) => {
                let mut d = d.clone();
                path.clone_into(&mut d.file);
                FileOutcome::Finding(d)
            }
        }
    }

    /// The id of the record, `None` when the blob is not one.
    pub(super) fn id(&self) -> Option<String> {
        match self {
            Cached::Record(p) => Some(p.record.id().to_owned()),
            Cached::Finding(_) => None,
        }
    }

    pub(super) fn state(&self) -> FileState {
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

/// A blob to read and parse, with the path it was first seen at.
struct Job {
    oid: Oid,
    path: String,
    folder: Folder,
}

/// How many blobs the walk hands to the reading thread at a time.
const BATCH: usize = 256;

impl GitRepo {
    /// Parses every blob of `changes` not parsed yet.
    pub(super) fn parse_blobs<'a>(&self, changes: impl IntoIterator<Item = &'a RawChange>) -> Result<()> {
        self.parse_blobs_during(changes, || Ok(()))
    }

    /// As [`GitRepo::parse_blobs`], while `during` runs on this thread: the
    /// other threads start on the blobs at once, and this one joins them
    /// when `during` is done (`diff` lists both trees meanwhile). `during`
    /// may read the cache, which takes the blobs only at the end.
    pub(super) fn parse_blobs_during<'a, T>(
        &self,
        changes: impl IntoIterator<Item = &'a RawChange>,
        during: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let mut seen: HashSet<Oid> = HashSet::new();
        let todo: Vec<Job> = {
            let cache = self.cache.borrow();
            changes
                .into_iter()
                .filter_map(|c| {
                    let oid = c
                        .blob
                        .filter(|b| c.special.is_none() && !cache.contains_key(b) && seen.insert(*b))?;
                    Some(Job { oid, path: c.path.clone(), folder: c.folder })
                })
                .collect()
        };
        let limit = self.config.file_limit();
        let shallow = self.shallow;
        // Each thread reads (inflates) and parses blobs with its own handle
        // on the repository, taking chunks as it goes: both halves of the
        // work on all cores, however unevenly deep the deltas lie.
        let threads = rayon::current_num_threads().clamp(1, 16).min(todo.len().div_ceil(CHUNK));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = |repo: &git2::Repository| -> Result<Vec<(Oid, Cached)>> {
            let mut out = Vec::new();
            loop {
                let at = next.fetch_add(CHUNK, std::sync::atomic::Ordering::Relaxed);
                let Some(chunk) = todo.get(at..(at + CHUNK).min(todo.len())).filter(|c| !c.is_empty()) else {
                    return Ok(out);
                };
                out.extend(read_and_parse(repo, chunk, limit, shallow)?);
            }
        };
        let git_dir = self.repo.path();
        let (done, parsed) = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let repo = git2::Repository::open(git_dir)
                            .map_err(|e| missing("the repository", &e, shallow))?;
                        work(&repo)
                    })
                })
                .collect();
            let done = during();
            let mine = work(&self.repo);
            let theirs = helpers.into_iter().map(|h| h.join().expect("reading blobs does not panic"));
            let parsed = std::iter::once(mine).chain(theirs).collect::<Result<Vec<_>>>();
            done.and_then(|done| Ok((done, parsed?)))
        })?;
        self.cache.borrow_mut().extend(parsed.concat());
        Ok(done)
    }

    /// Runs `walk`, which queues the blobs it meets, while another thread
    /// (with its own handle on the repository) reads and parses them: the
    /// tree diffs of a walk, the zlib reads of blobs and their parsing
    /// overlap instead of following one another. At most a few batches of
    /// blob bytes are held at once.
    pub(super) fn parse_blobs_while<T>(
        &self,
        walk: impl FnOnce(&mut dyn FnMut(&RawChange)) -> Result<T>,
    ) -> Result<T> {
        let git_dir = self.repo.path().to_path_buf();
        let limit = self.config.file_limit();
        let shallow = self.shallow;
        let (result, parsed) = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Job>>(4);
            let reader = scope.spawn(move || -> Result<Vec<(Oid, Cached)>> {
                let repo =
                    git2::Repository::open(&git_dir).map_err(|e| missing("the repository", &e, shallow))?;
                let odb = repo.odb().map_err(|e| missing("the object database", &e, shallow))?;
                let mut parsed = Vec::new();
                for jobs in rx {
                    parsed.extend(parse_read(read_jobs(&odb, jobs, limit, shallow)?, limit));
                }
                Ok(parsed)
            });
            let mut seen: HashSet<Oid> = HashSet::new();
            let mut batch: Vec<Job> = Vec::with_capacity(BATCH);
            let result = {
                let cache = self.cache.borrow();
                walk(&mut |c: &RawChange| {
                    let Some(oid) =
                        c.blob.filter(|b| c.special.is_none() && !cache.contains_key(b) && seen.insert(*b))
                    else {
                        return;
                    };
                    batch.push(Job { oid, path: c.path.clone(), folder: c.folder });
                    if batch.len() == BATCH {
                        // A failed send means the reader stopped on an error,
                        // which its join below reports.
                        let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                    }
                })
            };
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            drop(tx);
            (result, reader.join().expect("the blob reader does not panic"))
        });
        let result = result?;
        self.cache.borrow_mut().extend(parsed?);
        Ok(result)
    }

    /// The parsed blob; it must have gone through [`GitRepo::parse_blobs`].
    pub(super) fn cached(&self, oid: Oid) -> Cached {
        self.cache.borrow().get(&oid).cloned().expect("blobs are parsed before they are looked up")
    }

    /// What a change with a blob left at its path: its parsed blob, or,
    /// for a symlink or gitlink, the finding that it is not read.
    pub(super) fn cached_change(&self, change: &RawChange) -> Cached {
        match change.special {
            Some(special) => Cached::Finding(Diagnostic::new(
                crate::finding::Code::Parse,
                change.path.clone(),
                special.message(),
            )),
            None => self.cached(change.blob.expect("a change with a blob")),
        }
    }

    /// A parsed blob as a snapshot entry or finding at the change's path;
    /// with `last`, taken out of the cache (moved rather than copied, when
    /// nothing else holds it).
    pub(super) fn outcome_of(&self, change: RawChange, last: bool) -> FileOutcome {
        if change.special.is_some() {
            return self.cached_change(&change).outcome(&change.path, change.folder);
        }
        let blob = change.blob.expect("a change with a blob");
        if !last {
            return self.cached(blob).outcome(&change.path, change.folder);
        }
        match self.cache.borrow_mut().remove(&blob).expect("blobs are parsed before they are looked up") {
            Cached::Record(p) => match Arc::try_unwrap(p) {
                Ok(parsed) => FileOutcome::Record(crate::store::contents::Entry {
                    file: change.path,
                    folder: change.folder,
                    record: parsed.record,
                }),
                Err(p) => Cached::Record(p).outcome(&change.path, change.folder),
            },
            finding @ Cached::Finding(_) => finding.outcome(&change.path, change.folder),
        }
    }

    /// The bytes of a blob.
    pub(super) fn read_blob(&self, oid: Oid, what: &str) -> Result<Vec<u8>> {
        let blob = self.repo.find_blob(oid).map_err(|e| self.missing(&format!("blob {oid} ({what})"), &e))?;
        Ok(blob.content().to_vec())
    }

    /// A document's snapshot file in a tree (`rel` is relative to the
    /// snapshots folder), as the disk store would report it.
    pub(super) fn snapshot_file(&self, tree: &git2::Tree, rel: &str) -> Result<SnapshotFile> {
        if let Err(why) = crate::store::lexically_inside(rel) {
            return Ok(SnapshotFile::Escapes(why));
        }
        let path = format!("{}{}/{rel}", self.prefix, self.config.snapshots());
        let entry = tree_diff::entry_at(&self.repo, tree, &path, &mut Vec::new())
            .map_err(|e| self.missing(&path, &e))?;
        Ok(match entry {
            None => SnapshotFile::Missing,
            Some(e) => match tree_diff::kind(&e) {
                Some(Kind::Blob) => {
                    let bytes = self.read_blob(e.id(), &path)?;
                    SnapshotFile::Found {
                        hash: crate::text::hash::bytes_hash(&bytes),
                        text: crate::store::contents::snapshot_text(
                            &self.config,
                            rel,
                            &bytes,
                            crate::text::readable::Want::Text,
                        ),
                    }
                }
                Some(Kind::Tree) => SnapshotFile::Unreadable("not a regular file".to_owned()),
                Some(Kind::Link(_)) | None => SnapshotFile::Unreadable(
                    "a symlink or submodule; snapshots are read from git history only as regular files"
                        .to_owned(),
                ),
            },
        })
    }
}

/// Reads the jobs' blobs, one after another (zlib inflates them).
fn read_jobs(odb: &git2::Odb, jobs: Vec<Job>, limit: u64, shallow: bool) -> Result<Vec<(Job, Read)>> {
    jobs.into_iter()
        .map(|job| {
            let read = read_blob(odb, &job, limit, shallow, |r| match r {
                Ok(bytes) => Read::Bytes(bytes.to_vec()),
                Err(len) => Read::TooBig(len),
            })?;
            Ok((job, read))
        })
        .collect()
}

/// Reads and parses blobs one after another, each blob's bytes dropped
/// once parsed.
fn read_and_parse(
    repo: &git2::Repository,
    jobs: &[Job],
    limit: u64,
    shallow: bool,
) -> Result<Vec<(Oid, Cached)>> {
    let odb = repo.odb().map_err(|e| missing("the object database", &e, shallow))?;
    jobs.iter()
        .map(|job| Ok((job.oid, read_blob(&odb, job, limit, shallow, |r| parsed(job, r, limit))?)))
        .collect()
}

/// Reads a blob unless its header says it is over `limit`; `then` gets its
/// bytes, or its size.
fn read_blob<T>(
    odb: &git2::Odb,
    job: &Job,
    limit: u64,
    shallow: bool,
    then: impl FnOnce(std::result::Result<&[u8], u64>) -> T,
) -> Result<T> {
    let what = || format!("blob {} ({})", job.oid, job.path);
    let (size, _) = odb.read_header(job.oid).map_err(|e| missing(&what(), &e, shallow))?;
    if size as u64 > limit {
        return Ok(then(Err(size as u64)));
    }
    let object = odb.read(job.oid).map_err(|e| missing(&what(), &e, shallow))?;
    Ok(then(Ok(object.data())))
}

/// A blob as parsed: its record, or the finding that it is none (a parse
/// error, or over the size limit).
fn parsed(job: &Job, read: std::result::Result<&[u8], u64>, limit: u64) -> Cached {
    match read {
        Ok(bytes) => parse_file(job.path.clone(), job.folder, bytes),
        Err(len) => FileOutcome::Finding(crate::store::too_big(&job.path, len, limit)),
    }
    .into()
}

impl From<FileOutcome> for Cached {
    fn from(outcome: FileOutcome) -> Cached {
        match outcome {
            FileOutcome::Record(e) => Cached::Record(Arc::new(Parsed::new(e.record))),
            FileOutcome::Finding(d) => Cached::Finding(d),
        }
    }
}

/// Parses read blobs on all cores.
fn parse_read(read: Vec<(Job, Read)>, limit: u64) -> Vec<(Oid, Cached)> {
    read.into_par_iter()
        .map(|(job, read)| {
            let cached = match &read {
                Read::Bytes(bytes) => parsed(&job, Ok(bytes), limit),
                Read::TooBig(len) => parsed(&job, Err(*len), limit),
            };
            (job.oid, cached)
        })
        .collect()
}
