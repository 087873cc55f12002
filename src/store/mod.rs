//! The store: the only module that reads files (and, in `store::git`, git).
//! It finds the store root, reads the configuration, walks claims/ and
//! sources/ without leaving the store, parses files in parallel, and fetches
//! document snapshots, producing a [`Snapshot`].

pub mod git;
mod walk;
pub mod write;

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Code, Diagnostic};
use crate::parse::parse_as;
use crate::snapshot::{FileOutcome, Folder, Snapshot, SnapshotFile, parse_file};

pub use walk::RecordFile;

/// A store on disk: its root and configuration.
#[derive(Debug, Clone)]
pub struct Store {
    pub root: PathBuf,
    pub config: Config,
    /// A finding about claimtrail.ron itself, reported by `check`.
    pub config_finding: Option<Diagnostic>,
}

impl Store {
    /// Finds the store root from `start` as git finds its root: the first
    /// folder upwards holding claimtrail.ron; else the git work-tree root;
    /// else `start` itself.
    pub fn discover(start: &Path) -> io::Result<Store> {
        let start = start
            .canonicalize()
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open {}: {e}", start.display())))?;
        let root = start
            .ancestors()
            .find(|d| d.join(config::FILE_NAME).is_file())
            .or_else(|| start.ancestors().find(|d| d.join(".git").exists()))
            .unwrap_or(&start)
            .to_path_buf();
        Store::open(root)
    }

    /// Opens the store rooted at `root`.
    pub fn open(root: PathBuf) -> io::Result<Store> {
        let path = root.join(config::FILE_NAME);
        let (config, config_finding) = match std::fs::read(&path) {
            Ok(bytes) => match crate::snapshot::decode(config::FILE_NAME, &bytes)
                .and_then(|text| {
                    parse_as::<Config>(text).map_err(|e| {
                        Diagnostic::new(Code::Parse, config::FILE_NAME, e.message)
                            .at_position(e.line, e.column)
                            .with_help(e.help.unwrap_or_else(|| {
                                "write Config(claims: \"claims\", sources: \"sources\", measures: \"schemas/measures.ron\")".to_owned()
                            }))
                    })
                }) {
                Ok(config) => (config, None),
                Err(d) => (Config::default(), Some(d)),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))),
        };
        Ok(Store { root, config, config_finding })
    }

    /// Loads the working tree into a snapshot.
    pub fn load(&self) -> io::Result<Snapshot> {
        let mut snapshot = Snapshot::new(self.config.clone());
        snapshot.findings.extend(self.config_finding.clone());
        let (files, findings) = self.record_files()?;
        snapshot.findings.extend(findings);
        let outcomes: Vec<FileOutcome> = files.into_par_iter().map(|f| self.read_and_parse(f)).collect();
        snapshot.add_outcomes(outcomes);
        let measures = self.root.join(&self.config.measures);
        match std::fs::read(&measures) {
            Ok(bytes) => snapshot.set_measures(&self.config.measures, Some(&bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", measures.display())));
            }
        }
        self.fill_snapshots(&mut snapshot);
        Ok(snapshot)
    }

    /// Reads the document snapshots that a snapshot's documents name and
    /// that it has not read yet.
    pub fn fill_snapshots(&self, snapshot: &mut Snapshot) {
        let wanted: Vec<String> =
            snapshot.wanted_snapshots().into_iter().filter(|p| !snapshot.snapshots.contains_key(p)).collect();
        let found: Vec<(String, SnapshotFile)> = wanted
            .into_par_iter()
            .map(|p| {
                let f = self.read_snapshot(&p);
                (p, f)
            })
            .collect();
        snapshot.snapshots.extend(found);
    }

    /// Every record file under claims/ and sources/ (snapshots excluded),
    /// with findings for paths that leave the store or cannot be named.
    pub fn record_files(&self) -> io::Result<(Vec<RecordFile>, Vec<Diagnostic>)> {
        walk::record_files(&self.root, &self.config)
    }

    /// Reads the text of a file named relative to the root, for showing
    /// findings in context; `None` when it cannot be read.
    pub fn read_text(&self, rel: &str) -> Option<String> {
        let bytes = std::fs::read(self.root.join(rel)).ok()?;
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        Some(String::from_utf8_lossy(bytes).into_owned())
    }

    /// The path of a file relative to the root, `/`-separated, if inside.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let abs =
            if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
        let abs = abs.canonicalize().ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// The store root relative to the enclosing git work tree, `/`-ended
    /// (`"data/"`), or `""` when the store is the work tree's root or not in
    /// git: tools that resolve paths from the repository root (GitHub code
    /// scanning, workflow annotations) need it.
    pub fn repo_prefix(&self) -> String {
        let Some(top) = self.root.ancestors().find(|d| d.join(".git").exists()) else {
            return String::new();
        };
        let rel = self.root.strip_prefix(top).unwrap_or(Path::new(""));
        rel.components().map(|c| format!("{}/", c.as_os_str().to_string_lossy())).collect()
    }

    fn read_and_parse(&self, f: RecordFile) -> FileOutcome {
        let path = self.root.join(&f.rel);
        let over = |len: u64| FileOutcome::Finding(too_big(&f.rel, len, self.config.max_file_bytes));
        if f.len > self.config.max_file_bytes {
            return over(f.len);
        }
        match read_limited(&path, self.config.max_file_bytes) {
            Ok(Some(bytes)) => parse_file(f.rel, f.folder, &bytes),
            Ok(None) => over(self.config.max_file_bytes + 1),
            Err(e) => FileOutcome::Finding(
                Diagnostic::new(Code::Parse, f.rel.clone(), format!("cannot read the file: {e}"))
                    .with_help("check the file's permissions"),
            ),
        }
    }

    /// Reads a snapshot named by a document, refusing paths that leave
    /// sources/snapshots/ lexically or through a symlink.
    fn read_snapshot(&self, rel: &str) -> SnapshotFile {
        if let Err(why) = lexically_inside(rel) {
            return SnapshotFile::Escapes(why);
        }
        let dir = self.root.join(self.config.snapshots());
        let path = dir.join(rel);
        let (Ok(real_dir), real) = (dir.canonicalize(), path.canonicalize()) else {
            return SnapshotFile::Missing;
        };
        let real = match real {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // A dangling symlink is missing; say where it points if out.
                return match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.file_type().is_symlink() => SnapshotFile::Missing,
                    _ => SnapshotFile::Missing,
                };
            }
            Err(e) => return SnapshotFile::Unreadable(e.to_string()),
        };
        if !real.starts_with(&real_dir) {
            return SnapshotFile::Escapes("leads out of the snapshots folder through a symlink".to_owned());
        }
        if !real.is_file() {
            return SnapshotFile::Unreadable("not a regular file".to_owned());
        }
        match std::fs::read(&real) {
            Ok(bytes) => SnapshotFile::Found {
                hash: crate::hash::bytes_hash(&bytes),
                text: String::from_utf8_lossy(&bytes).into(),
            },
            Err(e) => SnapshotFile::Unreadable(e.to_string()),
        }
    }
}

/// Checks a snapshot path without touching the disk: relative, no `..`.
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

/// The finding for a record file over `max_file_bytes`.
pub(crate) fn too_big(rel: &str, len: u64, limit: u64) -> Diagnostic {
    Diagnostic::new(Code::Parse, rel, format!("the file is {len} bytes, over the limit of {limit} bytes"))
        .with_help("a record is a few kilobytes; raise max_file_bytes in claimtrail.ron if this is meant")
}

/// Reads at most `limit` bytes; `None` if the file is longer (it may have
/// grown since its size was taken).
fn read_limited(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Which folder a record path belongs to.
pub fn folder_of(config: &Config, rel: &str) -> Option<Folder> {
    let under = |dir: &str| {
        let dir = dir.trim_end_matches('/');
        rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
    };
    if under(&config.snapshots()) {
        None
    } else if under(&config.claims) {
        Some(Folder::Claims)
    } else if under(&config.sources) {
        Some(Folder::Sources)
    } else {
        None
    }
}
