//! The store: the only module that reads files (and, in `store::git`, git).
//! It finds the store root, reads the configuration, walks claims/ and
//! sources/ without leaving the store, parses files in parallel, and fetches
//! document snapshots, producing a [`Contents`].

pub(crate) mod archive;
pub(crate) mod commits;
pub(crate) mod config;
pub(crate) mod contents;
mod create;
pub(crate) mod git;
pub(crate) mod init;
pub(crate) mod leftovers;
pub(crate) mod lock;
pub(crate) mod read;
pub(crate) mod reseal_files;
pub(crate) mod text_cache;
mod walk;
pub(crate) mod web;
pub(crate) mod write;

use std::cell::RefCell;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::finding::{Code, Diagnostic};
use crate::store::contents::{Contents, FileOutcome, Folder, SnapshotFile, parse_file};
use crate::text::parse::parse_as;
use crate::text::readable::Want;
use config::Config;

pub use read::lexically_inside;
pub(crate) use walk::{RecordFile, Walk};

use read::{Inside, escape_finding, read_inside, read_into, read_limited};

/// A store on disk: its root and configuration.
#[derive(Debug, Clone)]
pub struct Store {
    /// The folder that holds claimtrail.ron.
    pub root: PathBuf,
    /// Its configuration (claimtrail.ron).
    pub config: Config,
    /// A finding about claimtrail.ron itself, reported by `check`.
    pub config_finding: Option<Diagnostic>,
    /// How long a writer waits for another one to release the store lock.
    pub lock_wait: std::time::Duration,
    /// Whether history walks keep and use the walk index in
    /// `<git dir>/claimtrail/` (a cache: answers are the same without it).
    /// The command line turns it off under `CLAIMTRAIL_WALK_INDEX=off`; the
    /// library does not read that variable itself.
    pub walk_index: bool,
    /// Where `check` keeps the readable text of HTML and PDF snapshots by
    /// their hash (`text_cache`; a cache: answers are the same without
    /// it), or `None` for no cache. The command line and the language
    /// server take it from `CLAIMTRAIL_TEXT_CACHE` and `$XDG_CACHE_HOME`
    /// (`text_cache::folder`); the library reads no variable itself.
    pub text_cache: Option<PathBuf>,
}

/// The default of [`Store::lock_wait`]: long enough for a `new` or a `hash`
/// of a typical store to finish, short enough that a stuck one is noticed.
pub(crate) const DEFAULT_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

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
        let root = root.canonicalize()?;
        let path = root.join(config::FILE_NAME);
        let (config, config_finding) = match read_inside(&root, &path, config::HARD_MAX_FILE_BYTES) {
            Ok(Inside::Bytes(bytes)) => match parse_config(&bytes) {
                Ok(config) => (config, None),
                Err(d) => (Config::default(), Some(d)),
            },
            Ok(Inside::TooBig(len)) => {
                (Config::default(), Some(too_big(config::FILE_NAME, len, config::HARD_MAX_FILE_BYTES)))
            }
            Ok(Inside::Escapes) => (Config::default(), Some(escape_finding(config::FILE_NAME.to_owned()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))),
        };
        Ok(Store {
            root,
            config,
            config_finding,
            lock_wait: DEFAULT_LOCK_WAIT,
            walk_index: true,
            text_cache: None,
        })
    }

    /// Loads the working tree into a snapshot.
    pub fn load(&self) -> io::Result<Contents> {
        let mut contents = Contents::new(self.config.clone());
        contents.findings.extend(self.config_finding.clone());
        let (files, findings) = self.record_files()?;
        contents.findings.extend(findings);
        let load = next_load();
        let outcomes: Vec<FileOutcome> =
            files.into_par_iter().map(|f| self.read_and_parse(f, load)).collect();
        contents.add_outcomes(outcomes);
        self.load_measures(&mut contents)?;
        self.fill_snapshots(&mut contents);
        Ok(contents)
    }

    /// Reads the measures file into a snapshot (its measures, or a finding
    /// about the file); a missing file leaves none.
    pub fn load_measures(&self, contents: &mut Contents) -> io::Result<()> {
        let measures = self.root.join(&self.config.measures);
        let measures_file = self.config.measures.clone();
        match read_inside(&self.root, &measures, self.config.file_limit()) {
            Ok(Inside::Bytes(bytes)) => contents.set_measures(&measures_file, Some(&bytes)),
            Ok(Inside::TooBig(len)) => {
                contents.findings.push(too_big(&measures_file, len, self.config.file_limit()))
            }
            Ok(Inside::Escapes) => contents.findings.push(escape_finding(measures_file)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(io::Error::new(e.kind(), format!("cannot read {}: {e}", measures.display())));
            }
        }
        Ok(())
    }

    /// Reads and parses one record file named relative to the root, as a
    /// load would: `None` when no record file is there (gone, or not a
    /// name the walk reads), else the record or the finding about the file.
    /// For a language server that reloads the files an editor says changed.
    pub fn load_file(&self, rel: &str) -> Option<FileOutcome> {
        let folder = record_folder(&self.config, rel)?;
        let limit = self.config.file_limit();
        match read_inside(&self.root, &self.root.join(rel), limit) {
            Ok(Inside::Bytes(bytes)) => Some(parse_file(rel.to_owned(), folder, &bytes)),
            Ok(Inside::TooBig(len)) => Some(FileOutcome::Finding(too_big(rel, len, limit))),
            Ok(Inside::Escapes) => Some(FileOutcome::Finding(escape_finding(rel.to_owned()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(FileOutcome::Finding(
                Diagnostic::new(Code::Parse, rel, format!("cannot read the file: {e}"))
                    .with_help("check the file's permissions"),
            )),
        }
    }

    /// The name of a path relative to the root, `/`-separated, whether or
    /// not the file exists (an editor's new buffer): lexically under the
    /// root, or under it once its nearest existing folder is resolved.
    pub fn name_of(&self, path: &Path) -> Option<String> {
        let join = |rel: &Path| {
            let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
            parts.map(|p| p.join("/")).filter(|p| !p.is_empty())
        };
        if let Ok(rel) = path.strip_prefix(&self.root) {
            return join(rel);
        }
        let (mut dir, mut rest) = (path.to_path_buf(), PathBuf::new());
        loop {
            if let Ok(real) = dir.canonicalize() {
                return join(&real.strip_prefix(&self.root).ok()?.join(rest));
            }
            let name = dir.file_name()?.to_owned();
            rest = Path::new(&name).join(rest);
            dir.pop();
        }
    }

    /// Reads the document snapshots that a snapshot's documents name and
    /// that it has not read yet.
    pub fn fill_snapshots(&self, contents: &mut Contents) {
        let wanted: Vec<String> =
            contents.wanted_snapshots().into_iter().filter(|p| !contents.snapshots.contains_key(p)).collect();
        let found: Vec<(String, SnapshotFile)> = wanted
            .into_par_iter()
            .map(|p| {
                let f = self.read_snapshot(&p);
                (p, f)
            })
            .collect();
        contents.snapshots.extend(found);
    }

    /// Every record file under claims/ and sources/ (snapshots excluded),
    /// with findings for paths that leave the store or cannot be named.
    pub fn record_files(&self) -> io::Result<(Vec<RecordFile>, Vec<Diagnostic>)> {
        walk::record_files(&self.root, &self.config)
    }

    /// The record files, findings and leftover temp files of claims/ and
    /// sources/.
    pub fn walk(&self) -> io::Result<Walk> {
        walk::walk(&self.root, &self.config)
    }

    /// Takes the store's write lock (see `lock`).
    pub fn lock(&self) -> Result<lock::StoreLock, lock::LockError> {
        lock::StoreLock::acquire_within(&self.root, self.lock_wait)
    }

    /// Reads the text of a file named relative to the root, for showing
    /// findings in context; `None` when it cannot be read, leaves the store
    /// or is over the size limit.
    pub fn read_text(&self, rel: &str) -> Option<String> {
        self.read_text_in(rel, None)
    }

    /// [`Store::read_text`] for one pass over many files (locating the
    /// findings of a run): each folder is opened once per thread for the
    /// pass, and its files by name in it, rather than each file by its
    /// whole path (a lookup per path component).
    pub fn text_reader(&self) -> impl Fn(&str) -> Option<String> + Sync + '_ {
        let pass = next_load();
        move |rel| self.read_text_in(rel, Some(pass))
    }

    fn read_text_in(&self, rel: &str, pass: Option<u64>) -> Option<String> {
        let limit = self.config.file_limit();
        let bytes = match self.read_record_nofollow(rel, limit, pass) {
            Some(bytes) => bytes,
            None => match read_inside(&self.root, &self.root.join(rel), limit) {
                Ok(Inside::Bytes(bytes)) => bytes,
                _ => return None,
            },
        };
        let mut bytes = bytes;
        if bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.drain(..3);
        }
        // Valid UTF-8 (every record file a store should hold) becomes the
        // text without a copy.
        Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// Gives findings their byte span, line and column (and those of their
    /// related places), reading each file that has findings once.
    pub fn locate(&self, findings: &mut [Diagnostic]) {
        crate::finding::locate_keeping(findings, self.text_reader(), false);
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

    fn read_and_parse(&self, f: RecordFile, load: u64) -> FileOutcome {
        thread_local! {
            /// Each thread reads every file into one buffer that it keeps:
            /// no allocation per file, and none left as a hole between the
            /// records that stay.
            static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        let limit = self.config.file_limit();
        if let Some(len) = f.len.filter(|&len| len > limit) {
            return FileOutcome::Finding(too_big(&f.rel, len, limit));
        }
        BUFFER.with_borrow_mut(|buffer| match self.read_record_into(&f.rel, limit, buffer, load) {
            // The names the load's records repeat (subjects, measures,
            // claimants, documents) are shared, not copied per record.
            Ok(true) => crate::model::interning(load, || parse_file(f.rel, f.folder, buffer)),
            Ok(false) => {
                // Over the limit (or grown past it since the walk).
                let len = f.size(&self.root).ok().filter(|&len| len > limit);
                FileOutcome::Finding(too_big(&f.rel, len.unwrap_or(limit.saturating_add(1)), limit))
            }
            Err(e) => FileOutcome::Finding(
                Diagnostic::new(Code::Parse, f.rel.clone(), format!("cannot read the file: {e}"))
                    .with_help("check the file's permissions"),
            ),
        })
    }

    /// Reads a record file found by the walk into `buffer` (see
    /// [`read_into`]). On Unix the file is opened relative to its folder,
    /// which each thread keeps open while the walk's sorted files stay in
    /// it: the kernel resolves one name per file instead of the whole path
    /// from the root. The file opened is the same either way (a symlink is
    /// followed as by `open`; the walk has checked where it leads).
    ///
    /// The folder kept open belongs to one load (`load`, from
    /// [`next_load`]): the pool's threads outlive a load, and a folder
    /// kept from an earlier one may be another store's folder of the same
    /// name, or one deleted and made again since (a branch switched under
    /// the language server). The property tests found this.
    fn read_record_into(&self, rel: &str, limit: u64, buffer: &mut Vec<u8>, load: u64) -> io::Result<bool> {
        #[cfg(unix)]
        if let Some((dir, name)) = rel.rsplit_once('/') {
            use rustix::fs::{Mode, OFlags};
            return OpenFolder::with(&self.root, load, dir, |fd| {
                let file = rustix::fs::openat(fd, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
                read::read_file_into(std::fs::File::from(file), limit, buffer)
            });
        }
        read_into(&self.root.join(rel), limit, buffer)
    }

    /// A record file's bytes, opened by its path but only when the file
    /// itself is no symlink: `None` for a link, a file over `limit`, a
    /// name that is no record file's, or any error, and the caller takes
    /// the checked way (`read_inside`). Findings are located in tens of
    /// thousands of files of a contested store; resolving each path first
    /// costs a `readlink` per component. The folders on the way are the
    /// walk's, which has checked where they lead.
    ///
    /// With a `pass` (see [`Store::text_reader`]), the file is opened by
    /// name in its folder, which each thread opens once for the pass.
    fn read_record_nofollow(&self, rel: &str, limit: u64, pass: Option<u64>) -> Option<Vec<u8>> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            record_folder(&self.config, rel)?;
            // NONBLOCK: a FIFO put where a record was must not hang the
            // open (it is then refused as not a regular file).
            let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK;
            let fd = match (pass, rel.rsplit_once('/')) {
                (Some(pass), Some((dir, name))) => OpenFolder::with(&self.root, pass, dir, |fd| {
                    Ok(rustix::fs::openat(fd, name, flags, Mode::empty())?)
                })
                .ok()?,
                _ => rustix::fs::open(self.root.join(rel), flags, Mode::empty()).ok()?,
            };
            let file = std::fs::File::from(fd);
            let meta = file.metadata().ok()?;
            if !meta.is_file() || meta.len() > limit {
                return None;
            }
            // Sized to the file: the texts are kept while findings are shown.
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?.saturating_add(1));
            std::io::Read::read_to_end(&mut std::io::Read::take(file, limit.saturating_add(1)), &mut bytes)
                .ok()?;
            (bytes.len() as u64 <= limit).then_some(bytes)
        }
        #[cfg(not(unix))]
        {
            let _ = (rel, limit, pass);
            None
        }
    }

    /// Reads a file named on the command line (`textconv`, which git hands
    /// a work-tree file or a temp file of a blob): a regular file only (a
    /// FIFO or a device is never opened), at most the store's file limit
    /// (`TooBig` otherwise), and, when the name lies under the store root,
    /// only if it also resolves inside it (`Escapes` otherwise). Whether the
    /// name lies under the root is read from the name alone, `..` taken
    /// lexically: `../claims.csv` named from the store root is outside it,
    /// and may be anywhere.
    pub fn read_named(&self, path: &Path) -> io::Result<read::Inside> {
        let limit = self.config.file_limit();
        let real = path.canonicalize()?;
        let root = read::lexical_absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        let named_inside = read::lexical_absolute(path).is_ok_and(|p| p.starts_with(&root));
        let real_root = self.root.canonicalize()?;
        if named_inside {
            return read::read_inside(&real_root, &real, limit);
        }
        read::read_inside(real.parent().unwrap_or(&real), &real, limit)
    }

    /// Reads an input file named on the command line that is only read,
    /// never written (`import`'s tables): a regular file anywhere (through
    /// symlinks too), at most the store's file limit.
    pub fn read_input(&self, path: &Path) -> io::Result<read::Inside> {
        let real = path.canonicalize()?;
        read::read_inside(real.parent().unwrap_or(&real), &real, self.config.file_limit())
    }

    /// The readable text of a snapshot's bytes, from the text cache when it
    /// has it (`text_cache`: HTML and PDF snapshots only, for `check`'s
    /// reading; never a different answer).
    fn snapshot_text_cached(
        &self,
        rel: &str,
        bytes: &[u8],
        hash: &str,
        want: Want,
    ) -> contents::SnapshotText {
        use crate::text::readable::{Kind, kind_of};
        let cacheable = want == Want::Text
            && bytes.len() as u64 <= self.config.file_limit()
            && matches!(kind_of(rel, bytes), Ok(Kind::Html | Kind::Pdf));
        let folder = if cacheable { self.text_cache.as_ref() } else { None };
        if let Some(folder) = &folder
            && let Some(text) = text_cache::get(folder, hash)
        {
            return text;
        }
        let text = contents::snapshot_text(&self.config, rel, bytes, want);
        if let Some(folder) = &folder {
            text_cache::put(folder, hash, &text);
        }
        text
    }

    /// Reads a snapshot named by a document, refusing paths that leave
    /// sources/snapshots/ lexically or through a symlink: its hash and its
    /// readable text (the main content only where the page marks it).
    pub fn read_snapshot(&self, rel: &str) -> SnapshotFile {
        self.read_snapshot_with(rel, Want::Text)
    }

    /// [`Store::read_snapshot`], working out as much of the text as
    /// `want` says (`coverage` wants the main content of any page).
    pub fn read_snapshot_with(&self, rel: &str, want: Want) -> SnapshotFile {
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
            // A dangling symlink is missing too.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return SnapshotFile::Missing,
            Err(e) => return SnapshotFile::Unreadable(e.to_string()),
        };
        if !real.starts_with(&real_dir) {
            return SnapshotFile::Escapes("leads out of the snapshots folder through a symlink".to_owned());
        }
        if !real.starts_with(&self.root) {
            // The snapshots folder itself is a link out of the store.
            return SnapshotFile::Escapes("leads out of the store through a symlink".to_owned());
        }
        if !real.is_file() {
            return SnapshotFile::Unreadable("not a regular file".to_owned());
        }
        match read_limited(&real, config::HARD_MAX_FILE_BYTES) {
            Ok(Some(bytes)) => {
                let hash = crate::text::hash::bytes_hash(&bytes);
                let text = self.snapshot_text_cached(rel, &bytes, &hash, want);
                SnapshotFile::Found { hash, text }
            }
            Ok(None) => SnapshotFile::Unreadable(format!(
                "the file is over the limit of {} bytes",
                config::HARD_MAX_FILE_BYTES
            )),
            Err(e) => SnapshotFile::Unreadable(e.to_string()),
        }
    }
}

/// The folder a thread keeps open for one pass over a store's files (a
/// load, or locating a run's findings; see `Store::read_record_into`), so
/// that files are opened by name in it: the kernel resolves one name per
/// file instead of the whole path. It is tagged with the pass's number
/// ([`next_load`]): a folder kept from an earlier pass may be another
/// store's of the same name, or one deleted and made again since, and is
/// opened anew. One per thread: a thread's passes follow one another.
#[cfg(unix)]
struct OpenFolder {
    pass: u64,
    dir: String,
    fd: std::os::fd::OwnedFd,
}

#[cfg(unix)]
impl OpenFolder {
    /// Runs `then` on the folder `dir` (relative to `root`) as this thread
    /// keeps it open for `pass`, opening it first unless it is kept.
    fn with<T>(
        root: &Path,
        pass: u64,
        dir: &str,
        then: impl FnOnce(&std::os::fd::OwnedFd) -> io::Result<T>,
    ) -> io::Result<T> {
        use rustix::fs::{Mode, OFlags};
        thread_local! {
            static KEPT: RefCell<Option<OpenFolder>> = const { RefCell::new(None) };
        }
        KEPT.with_borrow_mut(|kept| {
            if kept.as_ref().is_none_or(|k| k.pass != pass || k.dir != dir) {
                *kept = None;
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                let fd = rustix::fs::open(root.join(dir), flags, Mode::empty())?;
                *kept = Some(OpenFolder { pass, dir: dir.to_owned(), fd });
            }
            then(&kept.as_ref().expect("opened above").fd)
        })
    }
}

/// A number for each load of a store, so that what a thread keeps open
/// for one load is never used by another (see `Store::read_record_into`).
fn next_load() -> u64 {
    static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Reads and checks claimtrail.ron's bytes.
fn parse_config(bytes: &[u8]) -> Result<Config, Diagnostic> {
    let text = crate::store::contents::decode(config::FILE_NAME, bytes)?;
    let config = parse_as::<Config>(text).map_err(|e| {
        Diagnostic::new(Code::Parse, config::FILE_NAME, e.message).at_position(e.line, e.column).with_help(
            e.help.unwrap_or_else(|| {
                "write Config(claims: \"claims\", sources: \"sources\", measures: \"schemas/measures.ron\")"
                    .to_owned()
            }),
        )
    })?;
    match config.escaping_paths().first() {
        None => Ok(config),
        Some(why) => Err(Diagnostic::new(
            Code::PathEscape,
            config::FILE_NAME,
            format!("{}; the defaults are used instead", why),
        )
        .with_help("configured paths are relative to the store root and stay inside it")),
    }
}

/// The finding for a record file over `max_file_bytes`.
pub(crate) fn too_big(rel: &str, len: u64, limit: u64) -> Diagnostic {
    Diagnostic::new(
        Code::Parse,
        rel,
        format!("the file is {len} bytes, over the limit of {limit} bytes; it is not read"),
    )
    .with_help("a record is a few kilobytes; raise max_file_bytes in claimtrail.ron if this is meant")
}

/// The folder of a path the walk reads as a record file (a `.ron` file
/// under claims/ or sources/, outside the snapshots, with no hidden or
/// temp name on the way); `None` for any other path.
pub(crate) fn record_folder(config: &Config, rel: &str) -> Option<Folder> {
    let folder = folder_of(config, rel)?;
    let hidden = rel.split('/').any(|seg| seg.is_empty() || seg.starts_with('.') || seg == "..");
    let name = rel.rsplit('/').next().unwrap_or(rel);
    (rel.ends_with(".ron") && !hidden && !write::is_temp_name(name)).then_some(folder)
}

/// Which folder a record path belongs to.
pub(crate) fn folder_of(config: &Config, rel: &str) -> Option<Folder> {
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

#[cfg(all(test, unix))]
mod text_reader_tests {
    use super::*;

    /// A scratch store folder, removed when dropped.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("claimtrail-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("claims/a")).unwrap();
        Scratch(dir)
    }

    #[test]
    fn a_pass_reads_as_read_text_and_refuses_what_it_refuses() {
        let dir = scratch("reader");
        let root = &dir.0;
        std::fs::write(root.join("claims/a/x.ron"), "\u{feff}Claim(id: \"x\")").unwrap();
        std::fs::write(root.join("outside.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(root.join("outside.txt"), root.join("claims/a/link.ron")).unwrap();
        let fifo = root.join("claims/a/fifo.ron");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let store = Store::open(root.clone()).unwrap();
        let read = store.text_reader();
        for rel in ["claims/a/x.ron", "claims/a/link.ron", "claims/a/fifo.ron", "claims/a/none.ron"] {
            assert_eq!(read(rel), store.read_text(rel), "{rel}");
        }
        assert_eq!(read("claims/a/x.ron").as_deref(), Some("Claim(id: \"x\")"));
        assert_eq!(read("claims/a/fifo.ron"), None);
    }

    #[test]
    fn a_new_pass_opens_a_replaced_folder_anew() {
        let dir = scratch("replaced");
        let root = &dir.0;
        std::fs::write(root.join("claims/a/x.ron"), "old").unwrap();
        let store = Store::open(root.clone()).unwrap();
        assert_eq!(store.text_reader()("claims/a/x.ron").as_deref(), Some("old"));
        std::fs::rename(root.join("claims/a"), root.join("claims/gone")).unwrap();
        std::fs::create_dir(root.join("claims/a")).unwrap();
        std::fs::write(root.join("claims/a/x.ron"), "new").unwrap();
        assert_eq!(store.text_reader()("claims/a/x.ron").as_deref(), Some("new"));
    }
}
