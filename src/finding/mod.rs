//! Findings as data: every problem `check` reports is a [`Diagnostic`] with
//! a stable code, a severity, a file, a position and a message that says how
//! to fix it. Rules create them with a *field path* (`citations[0].quote`);
//! [`locate`] later turns paths into line and column, reading only the files
//! that have findings.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::spans::{LineIndex, SpanIndex};

pub mod code;

pub use code::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    /// The field the finding is about, as a path into the record.
    pub field: Option<String>,
    /// Byte range in the file's text, once known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column, once known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The id of the record, where known.
    pub id: Option<String>,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// With `check --since`: whether the finding is new since the base.
    pub new: Option<bool>,
    /// Other places the finding is about: the other claim of a conflict,
    /// the first record of a duplicated id.
    pub related: Vec<Related>,
}

/// A place a finding points to besides its own: a field of a record in
/// another (or the same) file, with what it is to the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    /// The field, as a path into the record; `None` for the whole record.
    pub field: Option<String>,
    /// The id of the record, where known.
    pub id: Option<String>,
    /// What this place is, in words (`the other claim of the pair`).
    pub message: String,
}

/// Messages and help lines are cut to this many characters: they may quote
/// record text, and a record may hold a ten-megabyte string.
pub const MAX_MESSAGE_CHARS: usize = 2000;

fn clipped(text: String) -> String {
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

    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(clipped(id.into()));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clipped(help.into()));
        self
    }

    /// Names another place the finding is about.
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(Related { message: clipped(related.message), ..related });
        self
    }

    /// A known 1-based position (from the RON parser).
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The order findings are reported in: by file, then position.
    pub fn sort_key(&self) -> (&str, usize, usize, Code, &str) {
        (&self.file, self.line.unwrap_or(0), self.column.unwrap_or(0), self.code, &self.message)
    }
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Tally { errors, warnings: diagnostics.len() - errors }
    }
}

/// Fills in span, line and column of every finding, reading each file that
/// has findings once through `read`; returns the texts read, for renderers
/// that show the source.
pub fn locate(
    diagnostics: &mut [Diagnostic],
    mut read: impl FnMut(&str) -> Option<String>,
) -> HashMap<String, String> {
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut indexes: HashMap<String, SpanIndex> = HashMap::new();
    let mut lines: HashMap<String, LineIndex> = HashMap::new();
    for d in diagnostics.iter_mut() {
        if !texts.contains_key(&d.file) {
            match read(&d.file) {
                Some(text) => {
                    texts.insert(d.file.clone(), text);
                }
                None => continue,
            }
        }
        let text = &texts[&d.file];
        let line_index = lines.entry(d.file.clone()).or_insert_with(|| LineIndex::new(text));
        if let (Some(line), Some(col)) = (d.line, d.column) {
            let start = line_index.offset_of(text, line, col);
            let end = next_char_end(text, start);
            d.span.get_or_insert(start..end);
            continue;
        }
        let index = indexes.entry(d.file.clone()).or_insert_with(|| SpanIndex::build(text));
        let span = match &d.field {
            Some(path) => index.locate(path),
            None => index.outer_name.clone(),
        };
        if let Some(span) = span {
            let (line, col) = line_index.line_col(text, span.start);
            d.line = Some(line);
            d.column = Some(col);
            d.span = Some(span);
        }
    }
    texts
}

fn next_char_end(text: &str, start: usize) -> usize {
    text[start..].chars().next().map_or(start, |c| start + c.len_utf8())
}
