//! A [`Contents`] is the whole store at one point (the working tree, or a git
//! revision) in memory: parsed records, measures, document snapshot texts,
//! and the findings met while loading. Every analysis is a pure function of
//! contents; the store modules are the only ones that fill them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::finding::{Code, Diagnostic};
use crate::model::{Measure, Record, RecordKind};
use crate::store::config::Config;
use crate::text::parse::{ParseError, parse_measures, parse_record};
use crate::text::readable::{Readable, Unreadable, Want};

/// Which top folder a record file sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// claims/.
    Claims,
    /// sources/.
    Sources,
}

/// One parsed record and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    /// Which top folder it sits in.
    pub folder: Folder,
    /// The record.
    pub record: Record,
}

/// What was found at a document's snapshot path.
#[derive(Debug, Clone, PartialEq)]
pub enum SnapshotFile {
    /// The file's sha256 (`sha256:...`, of its raw bytes) and its readable
    /// text (docs/reference.md section 2.1), or why it has none.
    Found {
        /// `sha256:...` of the raw bytes.
        hash: String,
        /// The readable text, or why there is none.
        text: SnapshotText,
    },
    /// No file at the path.
    Missing,
    /// The path leaves sources/snapshots/; the reason in words.
    Escapes(String),
    /// A file that cannot be read (a FIFO, a device, an I/O error); why, in words.
    Unreadable(String),
}

/// The readable text of a snapshot file (`text::readable`), shared by the
/// snapshots that hold it, or why it has none.
pub(crate) type SnapshotText = Result<Arc<Readable>, Unreadable>;

/// The readable text of a snapshot file's bytes, within the configured
/// size limit: a file over `max_file_bytes` is hashed but not read.
pub fn snapshot_text(config: &Config, name: &str, bytes: &[u8], want: Want) -> SnapshotText {
    let limit = config.file_limit();
    if bytes.len() as u64 > limit {
        return Err(Unreadable::new(format!(
            "the file is over max_file_bytes ({limit} bytes), so its text is not read (claimtrail.ron sets the limit)"
        )));
    }
    crate::text::readable::read_with(name, bytes, want).map(Arc::new)
}

/// The whole store at one point in memory: its records, measures, the
/// texts of the documents' snapshots, and the findings met while loading.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    /// The store's configuration (claimtrail.ron).
    pub config: Config,
    /// Records, ordered by file path.
    pub entries: Vec<Entry>,
    /// The vocabulary of measures.
    pub measures: Vec<Measure>,
    /// Whether the measures file exists.
    pub has_measures_file: bool,
    /// Snapshot files by the path written in the document.
    pub snapshots: HashMap<String, SnapshotFile>,
    /// Findings met while loading: parse errors, escapes, oversized files.
    pub findings: Vec<Diagnostic>,
}

/// The result of parsing one record file.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per file, consumed at once
pub enum FileOutcome {
    /// A record.
    Record(Entry),
    /// A file that is no record: why.
    Finding(Diagnostic),
}

impl Contents {
    /// Empty contents under this configuration.
    pub fn new(config: Config) -> Contents {
        Contents { config, ..Contents::default() }
    }

    /// Adds parsed files (in any order; entries are kept sorted by path).
    ///
    /// A `Vec` of outcomes (what the store passes) becomes the entries in
    /// place, reusing its allocation: a second array of 100,000 records
    /// while they are sorted out would be a third of `check`'s memory.
    pub fn add_outcomes(&mut self, outcomes: impl IntoIterator<Item = FileOutcome>) {
        let outcomes: Vec<FileOutcome> = outcomes.into_iter().collect();
        let findings = &mut self.findings;
        let entries: Vec<Entry> = outcomes
            .into_iter()
            .filter_map(|outcome| match outcome {
                FileOutcome::Record(e) => Some(e),
                FileOutcome::Finding(d) => {
                    findings.push(d);
                    None
                }
            })
            .collect();
        if self.entries.is_empty() {
            self.entries = entries;
        } else {
            self.entries.extend(entries);
        }
        // Walks hand files over sorted; a stable sort would still allocate
        // scratch space for half the entries before finding that out.
        if !self.entries.is_sorted_by(|a, b| a.file <= b.file) {
            self.entries.sort_by(|a, b| a.file.cmp(&b.file));
        }
    }

    /// Reads the measures file's bytes, if it exists.
    pub fn set_measures(&mut self, file: &str, bytes: Option<&[u8]>) {
        let Some(bytes) = bytes else { return };
        self.has_measures_file = true;
        match decode(file, bytes).and_then(|text| parse_measures(text).map_err(|e| parse_finding(file, e))) {
            Ok(measures) => self.measures = measures,
            Err(d) => self.findings.push(d),
        }
    }

    /// The snapshot and capture paths the documents name, for the store
    /// to fetch (a capture is only hashed by `check`; it has no text).
    pub fn wanted_snapshots(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| e.record.as_document())
            .flat_map(|d| [d.snapshot.clone(), d.capture.clone()])
            .flatten()
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Every claim with its entry, in file order.
    pub fn claims(&self) -> impl Iterator<Item = (&Entry, &crate::model::Claim)> {
        self.entries.iter().filter_map(|e| Some((e, e.record.as_claim()?)))
    }

    /// How many records of this kind.
    pub fn count(&self, kind: RecordKind) -> usize {
        self.entries.iter().filter(|e| e.record.kind() == kind).count()
    }

    /// The record with this id (the first, if ids are duplicated).
    pub fn by_id(&self) -> HashMap<&str, &Entry> {
        let mut map = HashMap::with_capacity(self.entries.len());
        for e in &self.entries {
            map.entry(e.record.id()).or_insert(e);
        }
        map
    }
}

/// Parses one record file. `file` is relative to the store root.
pub fn parse_file(file: String, folder: Folder, bytes: &[u8]) -> FileOutcome {
    match decode(&file, bytes) {
        Err(d) => FileOutcome::Finding(d),
        Ok(text) => match crate::text::markers::find(text) {
            Some(markers) => FileOutcome::Finding(merge_conflict_finding(&file, text, &markers)),
            None => match parse_record(text) {
                Ok(record) => FileOutcome::Record(Entry { file, folder, record }),
                Err(e) => FileOutcome::Finding(parse_finding(&file, e)),
            },
        },
    }
}

/// The text of a file: UTF-8, a leading byte-order mark removed. Invalid
/// UTF-8 is a `parse` finding at the first bad byte.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to here");
        let (line, col) = crate::text::spans::line_col(good, good.len());
        Diagnostic::new(
            Code::Parse,
            file,
            format!("the file is not valid UTF-8 (bad byte at offset {})", e.valid_up_to()),
        )
        .at_position(line, col)
        .with_help("save the file as UTF-8")
    })
}

/// `merge-conflict`: git's markers are in the file, at the first one.
fn merge_conflict_finding(file: &str, text: &str, markers: &crate::text::markers::Markers) -> Diagnostic {
    let fields = match markers.fields.as_slice() {
        [] => "the lines between the markers".to_owned(),
        [one] => format!("`{one}`"),
        many => many.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
    };
    let (line, column) = crate::text::spans::line_col(text, markers.offset);
    Diagnostic::new(
        Code::MergeConflict,
        file,
        format!("git's conflict markers: a merge left {fields} unresolved, with both sides' lines"),
    )
    .at_position(line, column)
    .with_help(
        "keep one side's lines (or write the right value), delete the `<<<<<<<`, `=======` and \
         `>>>>>>>` lines, then run `claimtrail hash` and `git add` the file",
    )
}

fn parse_finding(file: &str, e: ParseError) -> Diagnostic {
    let d = Diagnostic::new(Code::Parse, file, e.message).at_position(e.line, e.column);
    match e.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}
