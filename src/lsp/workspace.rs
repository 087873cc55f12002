//! The store as the server sees it: the records on disk, loaded once, with
//! the editor's open buffers laid over them. A buffer hides the disk
//! version of its file; closing it uncovers that version again. Files the
//! editor reports changed on disk are read again one by one (the whole
//! store only when claimtrail.ron changes).
//!
//! Lookups by id, by group (subject and measure) and of the sources and
//! documents go through a sorted index of entry numbers, a few bytes per
//! record, so that an edit costs lookups, never a pass over the store.

use std::collections::HashMap;
use std::io;

use crate::finding::Diagnostic;
use crate::lsp::buffer::{Buffer, Parsed};
use crate::model::{Measure, RecordKind};
use crate::store::config::FILE_NAME as CONFIG_FILE;
use crate::store::contents::{Contents, Entry, FileOutcome, SnapshotFile, parse_file};
use crate::store::{Store, record_folder};

/// The disk store and the open buffers over it.
pub(crate) struct Workspace {
    pub store: Store,
    /// The store as on disk.
    disk: Contents,
    index: Index,
    /// Open documents, by path relative to the store root.
    pub buffers: HashMap<String, Buffer>,
    /// The measures of the measures file while it is open: the measures
    /// and the finding about its text, if any.
    open_measures: Option<(Vec<Measure>, Option<Diagnostic>)>,
    /// Counts every change of a buffer or of the disk, for what is kept
    /// from one request to the next.
    generation: u64,
}

/// Entry numbers of the disk snapshot, sorted for lookups.
#[derive(Debug, Default)]
struct Index {
    /// Every entry, by id (then file).
    by_id: Vec<u32>,
    /// Claims, by subject and measure (then file).
    by_group: Vec<u32>,
    /// Sources and documents, in file order.
    sources_and_documents: Vec<u32>,
}

impl Index {
    fn build(contents: &Contents) -> Index {
        let entries = &contents.entries;
        let number = |i: usize| u32::try_from(i).expect("fewer than 2^32 records");
        let mut by_id: Vec<u32> = (0..entries.len()).map(number).collect();
        by_id.sort_by(|&a, &b| entries[a as usize].record.id().cmp(entries[b as usize].record.id()));
        let mut by_group: Vec<u32> =
            (0..entries.len()).filter(|&i| entries[i].record.as_claim().is_some()).map(number).collect();
        by_group.sort_by_key(|&i| group_key(&entries[i as usize]));
        let sources_and_documents = (0..entries.len())
            .filter(|&i| entries[i].record.kind() != RecordKind::Claim)
            .map(number)
            .collect();
        Index { by_id, by_group, sources_and_documents }
    }
}

/// A claim's subject and measure.
fn group_key(e: &Entry) -> Option<(&str, &str)> {
    e.record.as_claim().map(|c| (c.subject.as_str(), c.measure.as_str()))
}

impl Workspace {
    /// Loads the store from disk.
    pub(crate) fn load(store: Store) -> io::Result<Workspace> {
        let disk = store.load()?;
        let index = Index::build(&disk);
        Ok(Workspace { store, disk, index, buffers: HashMap::new(), open_measures: None, generation: 0 })
    }

    /// A workspace over a snapshot built in memory, for tests: its store
    /// root names no folder, so nothing is ever read from disk.
    #[cfg(test)]
    pub(crate) fn in_memory(disk: Contents) -> Workspace {
        let store = Store {
            root: "/nowhere/store".into(),
            config: disk.config.clone(),
            config_finding: None,
            lock_wait: crate::store::DEFAULT_LOCK_WAIT,
            walk_index: true,
            text_cache: None,
        };
        let index = Index::build(&disk);
        Workspace { store, disk, index, buffers: HashMap::new(), open_measures: None, generation: 0 }
    }

    /// The store as on disk, without the buffers.
    pub(crate) fn disk(&self) -> &Contents {
        &self.disk
    }

    /// How a file's text reads: a record (or the finding about it) under
    /// claims/ and sources/, else nothing.
    pub(crate) fn parse(&self, rel: &str, text: &str) -> Parsed {
        let Some(folder) = record_folder(&self.store.config, rel) else { return Parsed::Other };
        let limit = self.store.config.file_limit();
        let len = text.len() as u64;
        if len > limit {
            return Parsed::Broken(crate::store::too_big(rel, len, limit));
        }
        Parsed::of(Some(parse_file(rel.to_owned(), folder, text.as_bytes())))
    }

    /// How many changes the buffers and the disk have seen.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// Opens (or replaces) a buffer, parsed.
    pub(crate) fn set_buffer(&mut self, rel: &str, mut buffer: Buffer) {
        self.generation += 1;
        buffer.parsed = self.parse(rel, &buffer.text);
        if rel == self.store.config.measures {
            self.open_measures = Some(measures_of(rel, &buffer.text));
        }
        self.buffers.insert(rel.to_owned(), buffer);
    }

    /// Parses a buffer again after its text changed.
    pub(crate) fn reparse(&mut self, rel: &str) {
        if let Some(buffer) = self.buffers.remove(rel) {
            self.set_buffer(rel, buffer);
        }
    }

    pub(crate) fn close(&mut self, rel: &str) -> Option<Buffer> {
        self.generation += 1;
        if rel == self.store.config.measures {
            self.open_measures = None;
        }
        self.buffers.remove(rel)
    }

    /// The record at a path: its buffer's, else the disk's.
    pub(crate) fn record(&self, rel: &str) -> Option<&Entry> {
        match self.buffers.get(rel) {
            Some(b) => b.parsed.entry(),
            None => {
                let i = self.disk.entries.binary_search_by(|e| e.file.as_str().cmp(rel)).ok()?;
                Some(&self.disk.entries[i])
            }
        }
    }

    /// Every record with this id, in file order.
    pub(crate) fn with_id(&self, id: &str) -> Vec<&Entry> {
        let entries = &self.disk.entries;
        let ids = &self.index.by_id;
        let from = ids.partition_point(|&i| entries[i as usize].record.id() < id);
        let to = from + ids[from..].partition_point(|&i| entries[i as usize].record.id() == id);
        self.merged(ids[from..to].iter().copied(), |e| e.record.id() == id)
    }

    /// The claims of one subject and measure, in file order.
    pub(crate) fn group(&self, subject: &str, measure: &str) -> Vec<&Entry> {
        let entries = &self.disk.entries;
        let groups = &self.index.by_group;
        let key = Some((subject, measure));
        let from = groups.partition_point(|&i| group_key(&entries[i as usize]) < key);
        let to = from + groups[from..].partition_point(|&i| group_key(&entries[i as usize]) == key);
        self.merged(groups[from..to].iter().copied(), |e| group_key(e) == key)
    }

    /// Every source and document, in file order.
    pub(crate) fn sources_and_documents(&self) -> Vec<&Entry> {
        self.merged(self.index.sources_and_documents.iter().copied(), |e| {
            e.record.kind() != RecordKind::Claim
        })
    }

    /// The records of one kind, in file order (claims: a pass over the
    /// store).
    pub(crate) fn of_kind(&self, kind: RecordKind) -> Vec<&Entry> {
        if kind == RecordKind::Claim {
            let claims = (0..self.disk.entries.len())
                .filter(|&i| self.disk.entries[i].record.kind() == kind)
                .map(|i| u32::try_from(i).expect("fewer than 2^32 records"));
            return self.merged(claims, |e| e.record.kind() == kind);
        }
        let mut found = self.sources_and_documents();
        found.retain(|e| e.record.kind() == kind);
        found
    }

    /// Disk entries (by number) not hidden by a buffer, and the buffered
    /// records that `wanted` accepts, in file order.
    fn merged(&self, disk: impl Iterator<Item = u32>, wanted: impl Fn(&Entry) -> bool) -> Vec<&Entry> {
        let mut found: Vec<&Entry> = disk
            .map(|i| &self.disk.entries[i as usize])
            .filter(|e| !self.buffers.contains_key(&e.file))
            .collect();
        let before = found.len();
        found.extend(self.buffers.values().filter_map(|b| b.parsed.entry()).filter(|e| wanted(e)));
        if found.len() > before {
            found.sort_by(|a, b| a.file.cmp(&b.file));
        }
        found
    }

    /// The index of `e` in the disk snapshot, if it is a disk entry (not a
    /// buffer's record).
    pub(crate) fn disk_index(&self, e: &Entry) -> Option<usize> {
        let i = self.disk.entries.binary_search_by(|x| x.file.as_str().cmp(&e.file)).ok()?;
        std::ptr::eq(&raw const self.disk.entries[i], e).then_some(i)
    }

    /// Moves the disk entry at `i` out, leaving a placeholder in its place
    /// until [`Workspace::put_back`] returns it: lending a record to a
    /// snapshot costs no copy of its text.
    pub(crate) fn take_disk_entry(&mut self, i: usize) -> Entry {
        std::mem::replace(&mut self.disk.entries[i], placeholder())
    }

    /// Moves the disk's whole list of records out, until
    /// [`Workspace::return_disk_entries`] returns it.
    pub(crate) fn take_disk_entries(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.disk.entries)
    }

    /// Returns the list taken by [`Workspace::take_disk_entries`], as it was.
    pub(crate) fn return_disk_entries(&mut self, entries: Vec<Entry>) {
        self.disk.entries = entries;
    }

    /// Returns a disk entry taken by [`Workspace::take_disk_entry`].
    pub(crate) fn put_back(&mut self, i: usize, e: Entry) {
        self.disk.entries[i] = e;
    }

    /// The measures in force: the open measures file's, else the disk's.
    pub(crate) fn measures(&self) -> &[Measure] {
        match &self.open_measures {
            Some((measures, _)) => measures,
            None => &self.disk.measures,
        }
    }

    /// Whether the measures file exists (or is open).
    pub(crate) fn has_measures_file(&self) -> bool {
        self.open_measures.is_some() || self.disk.has_measures_file
    }

    /// The findings met reading a file: its buffer's parse finding, else
    /// the disk's findings about it.
    pub(crate) fn loading_findings(&self, rel: &str) -> Vec<Diagnostic> {
        if rel == self.store.config.measures
            && let Some((_, finding)) = &self.open_measures
        {
            return finding.iter().cloned().collect();
        }
        match self.buffers.get(rel).map(|b| &b.parsed) {
            Some(Parsed::Broken(d)) => vec![d.clone()],
            Some(Parsed::Record(..)) => Vec::new(),
            Some(Parsed::Other) | None => {
                self.disk.findings.iter().filter(|d| d.file == rel).cloned().collect()
            }
        }
    }

    /// The text of a file: its buffer's, else the disk's.
    pub(crate) fn text(&self, rel: &str) -> Option<String> {
        match self.buffers.get(rel) {
            Some(b) => Some(b.text.clone()),
            None => self.store.read_text(rel),
        }
    }

    /// A document snapshot file, read once and kept.
    pub(crate) fn snapshot_file(&mut self, path: &str) -> &SnapshotFile {
        if !self.disk.snapshots.contains_key(path) {
            let file = self.store.read_snapshot(path);
            self.disk.snapshots.insert(path.to_owned(), file);
        }
        &self.disk.snapshots[path]
    }

    /// A snapshot file already read, if it was.
    pub(crate) fn known_snapshot_file(&self, path: &str) -> Option<&SnapshotFile> {
        self.disk.snapshots.get(path)
    }

    /// The whole store with the buffers laid over it, as one snapshot:
    /// what `check` would see if every buffer were saved.
    pub(crate) fn whole(&self) -> Contents {
        let mut whole = Contents::new(self.disk.config.clone());
        whole.measures = self.measures().to_vec();
        whole.has_measures_file = self.has_measures_file();
        whole.snapshots.clone_from(&self.disk.snapshots);
        let buffered =
            |file: &str| self.buffers.get(file).is_some_and(|b| !matches!(b.parsed, Parsed::Other));
        whole.findings = self.disk.findings.iter().filter(|d| !buffered(&d.file)).cloned().collect();
        if let Some((_, finding)) = &self.open_measures {
            whole.findings.retain(|d| d.file != self.store.config.measures);
            whole.findings.extend(finding.clone());
        }
        let mut outcomes: Vec<FileOutcome> = self
            .disk
            .entries
            .iter()
            .filter(|e| !buffered(&e.file))
            .map(|e| FileOutcome::Record(e.clone()))
            .collect();
        for b in self.buffers.values() {
            match &b.parsed {
                Parsed::Record(e, _) => outcomes.push(FileOutcome::Record((**e).clone())),
                Parsed::Broken(d) => outcomes.push(FileOutcome::Finding(d.clone())),
                Parsed::Other => {}
            }
        }
        whole.add_outcomes(outcomes);
        whole
    }

    /// Reads again the files the editor says changed on disk (paths
    /// relative to the root); the whole store when claimtrail.ron changed
    /// or a folder came or went whole.
    pub(crate) fn reload(&mut self, changed: &[String]) -> io::Result<()> {
        self.generation += 1;
        let config = self.store.config.clone();
        let snapshots = format!("{}/", config.snapshots());
        // A path under claims/ or sources/ that names no record file is a
        // folder (editors report a folder moved or deleted as one event):
        // what it held is known only by walking again.
        let folder = |rel: &str| {
            !rel.ends_with(".ron")
                && !rel.starts_with(&snapshots)
                && crate::store::folder_of(&config, &format!("{rel}/x.ron")).is_some()
        };
        let whole_store = changed.iter().any(|rel| rel == CONFIG_FILE || folder(rel));
        if whole_store {
            self.store = Store::open(self.store.root.clone())?;
            self.disk = self.store.load()?;
            self.index = Index::build(&self.disk);
            let open: Vec<String> = self.buffers.keys().cloned().collect();
            for rel in open {
                self.reparse(&rel);
            }
            return Ok(());
        }
        for rel in changed {
            if *rel == config.measures {
                self.disk.findings.retain(|d| d.file != *rel);
                self.disk.measures.clear();
                self.disk.has_measures_file = false;
                self.store.load_measures(&mut self.disk)?;
            } else if let Some(path) = rel.strip_prefix(&snapshots) {
                self.disk.snapshots.remove(path);
            } else if record_folder(&config, rel).is_some() {
                self.disk.findings.retain(|d| d.file != *rel);
                let at = self.disk.entries.binary_search_by(|e| e.file.as_str().cmp(rel));
                let outcome = self.store.load_file(rel);
                match (at, outcome) {
                    (Ok(i), Some(FileOutcome::Record(e))) => self.disk.entries[i] = e,
                    (Err(i), Some(FileOutcome::Record(e))) => self.disk.entries.insert(i, e),
                    (at, other) => {
                        if let Ok(i) = at {
                            self.disk.entries.remove(i);
                        }
                        if let Some(FileOutcome::Finding(d)) = other {
                            self.disk.findings.push(d);
                        }
                    }
                }
            }
        }
        self.index = Index::build(&self.disk);
        self.store.fill_snapshots(&mut self.disk);
        Ok(())
    }
}

/// What stands in for a disk entry while it is lent out: an empty claim
/// (its names are empty; each takes one small allocation).
pub(crate) fn placeholder() -> Entry {
    use crate::model::{Claim, Name, Rank, Record, Value};
    Entry {
        file: String::new(),
        folder: crate::store::contents::Folder::Claims,
        record: Record::Claim(Claim {
            as_of: None,
            citations: Vec::new(),
            claimant: Name::default(),
            hash: None,
            id: String::new(),
            measure: Name::default(),
            note: None,
            rank: Rank::Normal,
            review: None,
            revises: None,
            statement: String::new(),
            subject: Name::default(),
            supersedes: Vec::new(),
            tags: Vec::new(),
            value: Value::Exact(0),
        }),
    }
}

/// The measures of a measures file's text, and the finding if it does not
/// read.
fn measures_of(rel: &str, text: &str) -> (Vec<Measure>, Option<Diagnostic>) {
    let mut read = Contents::default();
    read.set_measures(rel, Some(text.as_bytes()));
    (read.measures, read.findings.pop())
}
