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
    /// Other places the finding is about (the other claim of a conflict).
    pub related: Vec<Related>,
}

/// Another place a finding names: a field of another record, located as
/// findings are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Path relative to the store root, `/`-separated.
    pub file: String,
    pub field: Option<String>,
    pub span: Option<Range<usize>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub id: Option<String>,
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

pub fn clipped(text: String) -> String {
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

    /// A known 1-based position (from the RON parser).
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
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
    let mut files = Files { texts: HashMap::new(), indexes: HashMap::new(), lines: HashMap::new() };
    for d in diagnostics.iter_mut() {
        let place = Place { file: &d.file, field: d.field.as_deref() };
        if let Some((span, line, column)) = files.locate(&place, d.line.zip(d.column), &mut read) {
            d.span.get_or_insert(span);
            d.line = Some(line);
            d.column = Some(column);
        }
        for r in d.related.iter_mut() {
            let place = Place { file: &r.file, field: r.field.as_deref() };
            if let Some((span, line, column)) = files.locate(&place, r.line.zip(r.column), &mut read) {
                r.span.get_or_insert(span);
                r.line = Some(line);
                r.column = Some(column);
            }
        }
    }
    files.texts
}

/// A field of a file, or the file's record when there is no field.
struct Place<'a> {
    file: &'a str,
    field: Option<&'a str>,
}

/// The files read so far, with their span and line indexes (one each per
/// file, so many findings in one file cost a lookup each, not a scan).
struct Files {
    lines: HashMap<String, LineIndex>,
    texts: HashMap<String, String>,
    indexes: HashMap<String, SpanIndex>,
}

impl Files {
    /// The span, line and column of a place (or of a known position);
    /// `None` when the file cannot be read or the field is not found.
    fn locate(
        &mut self,
        place: &Place,
        known: Option<(usize, usize)>,
        read: &mut impl FnMut(&str) -> Option<String>,
    ) -> Option<(Range<usize>, usize, usize)> {
        if !self.texts.contains_key(place.file) {
            let text = read(place.file)?;
            self.texts.insert(place.file.to_owned(), text);
        }
        let text = &self.texts[place.file];
        let lines = self.lines.entry(place.file.to_owned()).or_insert_with(|| LineIndex::new(text));
        if let Some((line, col)) = known {
            let start = lines.offset_of(text, line, col);
            return Some((start..next_char_end(text, start), line, col));
        }
        let index = self.indexes.entry(place.file.to_owned()).or_insert_with(|| SpanIndex::build(text));
        let span = match place.field {
            Some(path) => index.locate(path),
            None => index.outer_name.clone(),
        }?;
        let (line, col) = lines.line_col(text, span.start);
        Some((span, line, col))
    }
}

fn next_char_end(text: &str, start: usize) -> usize {
    text[start..].chars().next().map_or(start, |c| start + c.len_utf8())
}
