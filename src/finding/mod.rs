//! Findings as data: every problem `check` reports is a [`Diagnostic`] with
//! a stable code, a severity, a file, a position and a message that says how
//! to fix it. Rules create them with a *field path* (`citations[0].quote`);
//! [`locate`] later turns paths into line and column, reading only the files
//! that have findings.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::spans::{LineIndex, SpanIndex};

pub(crate) mod code;

pub use code::Code;

/// How much a finding weighs: errors fail `check`; warnings fail it only
/// under `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Fails `check`.
    Error,
    /// Fails `check` only under `--deny-warnings`.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as outputs write it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A finding: a problem of the records, with a stable code, a severity, a
/// place and a message that says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Its weight, the code's.
    pub severity: Severity,
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    /// The field the finding is about, as a path into the record.
    pub field: Option<String>,
    /// Byte range in the file's text, once known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column, once known.
    pub line: Option<usize>,
    /// The 1-based column, once known.
    pub column: Option<usize>,
    /// The id of the record, where known.
    pub id: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// With `check --since`: whether the finding is new since the base.
    pub new: Option<bool>,
    /// Other places the finding is about (the other claim of a conflict).
    pub related: Vec<Related>,
}

/// Another place a finding names: a field of another record, located as
/// findings are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    /// The field there, as a path into the record.
    pub field: Option<String>,
    /// Byte range in the file's text, once known.
    pub span: Option<Range<usize>>,
    /// 1-based line, once known.
    pub line: Option<usize>,
    /// 1-based column, once known.
    pub column: Option<usize>,
    /// The id of the record there, where known.
    pub id: Option<String>,
    /// What that place has to do with the finding.
    pub message: String,
}

impl Related {
    /// The field `field` of the record `id` in `file`.
    pub fn new(file: impl Into<String>, field: &str, id: &str, message: impl Into<String>) -> Related {
        Related {
            file: file.into(),
            field: Some(field.to_owned()),
            span: None,
            line: None,
            column: None,
            id: Some(clipped(id.to_owned())),
            message: clipped(message.into()),
        }
    }
}

/// Messages and help lines are cut to this many characters: they may quote
/// record text, and a record may hold a ten-megabyte string.
pub const MAX_MESSAGE_CHARS: usize = 2000;

pub(crate) fn clipped(text: String) -> String {
    match crate::text::escape::clip(&text, MAX_MESSAGE_CHARS) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cut) => cut,
    }
}

impl Diagnostic {
    /// A finding with the code's default severity, about a whole file.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.into(),
            field: None,
            span: None,
            line: None,
            column: None,
            id: None,
            message: clipped(message.into()),
            help: None,
            new: None,
            related: Vec::new(),
        }
    }

    /// The finding at this field (a path into the record).
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The finding about the record with this id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(clipped(id.into()));
        self
    }

    /// The finding with how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clipped(help.into()));
        self
    }

    /// A known 1-based position (from the RON parser).
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The finding naming another place too.
    pub fn with_related(mut self, related: Related) -> Self {
        // A first push would make room for four: 450 bytes a finding for
        // nothing, in a store of thousands of conflicting pairs.
        self.related.reserve_exact(1);
        self.related.push(related);
        self
    }

    /// Whether `check --since` marked it new.
    pub fn is_new(&self) -> bool {
        self.new == Some(true)
    }

    /// The order findings are reported in: errors before warnings, new
    /// before old (under `check --since`), then by file and position.
    pub fn sort_key(&self) -> (Severity, bool, &str, usize, usize, Code, &str) {
        (
            self.severity,
            self.new == Some(false),
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.code,
            &self.message,
        )
    }
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
}

impl Tally {
    /// The counts of these findings.
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Tally { errors, warnings: diagnostics.len() - errors }
    }
}

/// Fills in span, line and column of every finding, reading each file that
/// has findings once through `read`; returns the texts read, for renderers
/// that show the source. Files are read and indexed on all cores: a
/// contested store has findings in tens of thousands of files.
pub fn locate(
    diagnostics: &mut [Diagnostic],
    read: impl Fn(&str) -> Option<String> + Sync,
) -> HashMap<String, String> {
    locate_keeping(diagnostics, read, true)
}

/// [`locate`], keeping the texts read only when `keep` (a renderer that
/// shows no source needs none: a contested store's texts are a tenth of
/// `check`'s memory).
pub(crate) fn locate_keeping(
    diagnostics: &mut [Diagnostic],
    read: impl Fn(&str) -> Option<String> + Sync,
    keep: bool,
) -> HashMap<String, String> {
    use rayon::prelude::*;
    // The files with findings, in the order they first turn up, and the
    // places in each: (finding, related place or None).
    let (files, places) = {
        let mut file_no: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        let mut files: Vec<String> = Vec::new();
        let mut places: Vec<Vec<(usize, Option<usize>)>> = Vec::new();
        for (i, d) in diagnostics.iter().enumerate() {
            let here = std::iter::once((&d.file, None))
                .chain(d.related.iter().enumerate().map(|(j, r)| (&r.file, Some(j))));
            for (f, j) in here {
                let no = *file_no.entry(f.as_str()).or_insert_with(|| {
                    files.push(f.clone());
                    places.push(Vec::new());
                    files.len() - 1
                });
                places[no].push((i, j));
            }
        }
        (files, places)
    };
    // Each file on its own: read, index, locate its places.
    let diags: &[Diagnostic] = diagnostics;
    let located: Vec<(Option<String>, Vec<Located>)> = files
        .par_iter()
        .zip(places.par_iter())
        .map(|(file, places)| {
            let Some(text) = read(file) else { return (None, Vec::new()) };
            // The fields looked up in this file: the index keeps only those
            // (repeats are fine: `SpanIndex::build_for` keeps a set, and a
            // search here would make 130,000 findings in one file quadratic).
            let mut wanted: Vec<&str> = Vec::new();
            for &(i, j) in places {
                let d = &diags[i];
                let (field, known) = match j {
                    None => (d.field.as_deref(), d.line.is_some() && d.column.is_some()),
                    Some(j) => {
                        let r = &d.related[j];
                        (r.field.as_deref(), r.line.is_some() && r.column.is_some())
                    }
                };
                if let Some(field) = field.filter(|_| !known) {
                    wanted.push(field);
                }
            }
            // A line index pays off over a few places; fewer are counted
            // from the start (a claim's `value` is a few lines in).
            let lines = (places.len() > FEW_PLACES).then(|| LineIndex::new(&text));
            let mut indexed = Indexed { text: &text, lines, spans: None, wanted };
            let found = places
                .iter()
                .filter_map(|&(i, j)| {
                    let d = &diags[i];
                    let (field, known) = match j {
                        None => (d.field.as_deref(), d.line.zip(d.column)),
                        Some(j) => {
                            (d.related[j].field.as_deref(), d.related[j].line.zip(d.related[j].column))
                        }
                    };
                    let (span, line, column) = indexed.locate(field, known)?;
                    Some(Located { diagnostic: i, related: j, span, line, column })
                })
                .collect();
            (keep.then_some(text), found)
        })
        .collect();
    let mut texts = HashMap::with_capacity(files.len());
    for (file, (text, found)) in files.into_iter().zip(located) {
        for l in found {
            let d = &mut diagnostics[l.diagnostic];
            match l.related {
                None => {
                    d.span.get_or_insert(l.span);
                    d.line = Some(l.line);
                    d.column = Some(l.column);
                }
                Some(j) => {
                    let r = &mut d.related[j];
                    r.span.get_or_insert(l.span);
                    r.line = Some(l.line);
                    r.column = Some(l.column);
                }
            }
        }
        if let Some(text) = text {
            texts.insert(file, text);
        }
    }
    texts
}

/// Places in one file up to which positions are counted from the start of
/// the text instead of through a [`LineIndex`].
const FEW_PLACES: usize = 4;

/// Where a finding (or one of its related places) turned out to be.
struct Located {
    diagnostic: usize,
    related: Option<usize>,
    span: Range<usize>,
    line: usize,
    column: usize,
}

/// One file's text with its line index and, once a field is looked up,
/// its span index (one each per file, so many findings in one file cost a
/// lookup each, not a scan).
struct Indexed<'a> {
    text: &'a str,
    /// For a file of many places; `None` counts lines from the start.
    lines: Option<LineIndex>,
    spans: Option<SpanIndex>,
    /// The field paths looked up in this file.
    wanted: Vec<&'a str>,
}

impl Indexed<'_> {
    /// The span, line and column of a field (the record when `None`), or
    /// of a known position; `None` when the field is not found.
    fn locate(
        &mut self,
        field: Option<&str>,
        known: Option<(usize, usize)>,
    ) -> Option<(Range<usize>, usize, usize)> {
        let text = self.text;
        if let Some((line, col)) = known {
            let start = match &self.lines {
                Some(lines) => lines.offset_of(text, line, col),
                None => crate::text::spans::offset_of(text, line, col),
            };
            return Some((start..next_char_end(text, start), line, col));
        }
        let wanted = &self.wanted;
        let index = self.spans.get_or_insert_with(|| SpanIndex::build_for(text, wanted));
        let span = match field {
            Some(path) => index.locate(path),
            None => index.outer_name.clone(),
        }?;
        let (line, col) = match &self.lines {
            Some(lines) => lines.line_col(text, span.start),
            None => crate::text::spans::line_col(text, span.start),
        };
        Some((span, line, col))
    }
}

fn next_char_end(text: &str, start: usize) -> usize {
    text[start..].chars().next().map_or(start, |c| start + c.len_utf8())
}
