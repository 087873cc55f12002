//! `coverage DOC` (docs/reference.md section 6 and 7.1): every figure of a document's archived
//! snapshot, where it is (line, column, sentence), and which claims citing
//! that document account for it: a claim covers a figure when the figure
//! lies inside one of its quotes as found in the snapshot (after folding,
//! as `quote-not-found` compares them), or when it is one of the figures of
//! the claim's value. Uncovered figures come first; years and dates are
//! listed apart. A desk reads it to see what an article says that the store
//! has not recorded yet.
//!
//! Figures are read from the snapshot's main content (docs/reference.md section 2.1: an HTML
//! page's article, not its menus, related links and footers; all of a text
//! or a PDF), and placed, by line and column, in the whole readable text
//! that `text DOC` prints.
//!
//! Pure: it reads the snapshot's text from the [`Contents`], never a file,
//! and it formats nothing (the renderers in `render::coverage` escape and
//! shape the sentences). It shares the figure reader (`text::figures`) and
//! the figures of a value (`Value::figures`) with `value-not-in-quote`, so
//! the two cannot disagree on what a figure is.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Claim;
use crate::store::contents::{Contents, Entry, SnapshotFile};
use crate::text::figures::{DateKind, Form, scan};
use crate::text::fold::{FoldedText, fold};

/// The coverage of one document's snapshot.
#[derive(Debug, Clone)]
pub struct Coverage<'a> {
    /// The document's id.
    pub document: &'a str,
    /// The document record's file, relative to the store root.
    pub file: &'a str,
    /// The snapshot's path, relative to sources/snapshots/.
    pub snapshot: &'a str,
    /// The snapshot's text, which every span below points into.
    pub text: &'a str,
    /// Every figure: the uncovered ones first, each group in text order.
    pub figures: Vec<FigureCoverage<'a>>,
    /// Every year and date, in text order.
    pub dates: Vec<DateAt>,
}

/// A figure of the snapshot and the claims that account for it.
#[derive(Debug, Clone)]
pub struct FigureCoverage<'a> {
    pub value: u64,
    /// Byte span of the figure as written.
    pub span: Range<usize>,
    pub form: Form,
    pub at: Position,
    /// The sentence around the figure.
    pub sentence: Passage,
    /// Ids of the claims that cover it, sorted; empty when uncovered.
    pub claims: Vec<&'a str>,
}

/// A year or a date of the snapshot.
#[derive(Debug, Clone)]
pub struct DateAt {
    pub span: Range<usize>,
    pub kind: DateKind,
    pub at: Position,
}

/// A 1-based line and column (in characters), as findings have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A stretch of the text around a figure, cut short when the sentence is
/// longer than [`MAX_CONTEXT`] bytes on either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub range: Range<usize>,
    /// Whether the sentence goes on before `range`.
    pub cut_before: bool,
    /// Whether the sentence goes on after `range`.
    pub cut_after: bool,
}

/// Why a document has no coverage to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable<'a> {
    /// No record has this id.
    Unknown,
    /// The id names a claim or a source; its file.
    NotADocument(&'a str),
    /// The document names no snapshot; its file.
    NoSnapshot(&'a str),
    /// The snapshot could not be read (missing, outside the store,
    /// unreadable): the document's file, the path and the reason in words.
    Unreadable { file: &'a str, path: &'a str, why: String },
}

/// Bytes of sentence shown on either side of a figure at most: a snapshot
/// without punctuation would otherwise make every figure's sentence the
/// whole text.
pub(crate) const MAX_CONTEXT: usize = 240;

/// A quote found more often than this in one snapshot covers the first
/// this many places only: a two-word quote found everywhere says little,
/// and places times claims would be unbounded.
pub(crate) const MAX_PLACES_PER_QUOTE: usize = 64;

/// The coverage of the document with this id.
pub fn coverage<'a>(contents: &'a Contents, id: &str) -> Result<Coverage<'a>, Unavailable<'a>> {
    let (entry, path) = document(contents, id)?;
    let readable = match contents.snapshots.get(path) {
        Some(SnapshotFile::Found { text: Ok(readable), .. }) => readable,
        other => {
            let why = match other {
                Some(SnapshotFile::Escapes(why)) => format!("it leaves sources/snapshots/ ({why})"),
                Some(SnapshotFile::Unreadable(why)) => format!("it cannot be read ({why})"),
                Some(SnapshotFile::Found { text: Err(why), .. }) => {
                    format!("it has no readable text ({why})")
                }
                _ => "the file is not there".to_owned(),
            };
            return Err(Unavailable::Unreadable { file: &entry.file, path, why });
        }
    };
    let text: &str = &readable.text;
    // Figures of the main content only (an article's, not its menus' and
    // footers'), placed in the whole text that `text DOC` prints.
    let main = readable.main.clone();
    let mut found = scan(&text[main.clone()]);
    for f in &mut found.figures {
        f.span = f.span.start + main.start..f.span.end + main.start;
    }
    for d in &mut found.dates {
        d.span = d.span.start + main.start..d.span.end + main.start;
    }
    let mut places = Places::new(text);
    let mut figures: Vec<FigureCoverage> = found
        .figures
        .into_iter()
        .map(|f| FigureCoverage {
            at: places.at(f.span.start),
            sentence: sentence(text, f.span.clone()),
            value: f.value,
            span: f.span,
            form: f.form,
            claims: Vec::new(),
        })
        .collect();
    let mut places = Places::new(text);
    let dates = found
        .dates
        .into_iter()
        .map(|d| DateAt { at: places.at(d.span.start), span: d.span, kind: d.kind })
        .collect();
    cover(contents, entry.record.id(), text, &mut figures);
    // A stable sort: text order within each group.
    figures.sort_by_key(|f| !f.claims.is_empty());
    Ok(Coverage { document: entry.record.id(), file: &entry.file, snapshot: path, text, figures, dates })
}

/// The document record with this id and its snapshot path.
fn document<'a>(contents: &'a Contents, id: &str) -> Result<(&'a Entry, &'a str), Unavailable<'a>> {
    let mut named = contents.entries.iter().filter(|e| e.record.id() == id).peekable();
    let first = named.peek().copied().ok_or(Unavailable::Unknown)?;
    let Some((entry, doc)) = named.find_map(|e| Some((e, e.record.as_document()?))) else {
        return Err(Unavailable::NotADocument(&first.file));
    };
    let path = doc.snapshot.as_deref().ok_or(Unavailable::NoSnapshot(&entry.file))?;
    Ok((entry, path))
}

/// Adds to each figure the claims citing `document` that cover it.
fn cover<'a>(contents: &'a Contents, document: &str, text: &str, figures: &mut [FigureCoverage<'a>]) {
    let citing: Vec<&Claim> = contents
        .claims()
        .map(|(_, c)| c)
        .filter(|c| c.citations.iter().any(|cit| cit.document == document))
        .collect();
    if citing.is_empty() || figures.is_empty() {
        return;
    }
    // Figures are in text order and never overlap: their starts and ends
    // both ascend, so the figures inside a range are one slice of them.
    let folded = FoldedText::new(text);
    let mut by_value: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, f) in figures.iter().enumerate() {
        by_value.entry(f.value).or_default().push(i);
    }
    for claim in citing {
        let id = claim.id.as_str();
        for cit in claim.citations.iter().filter(|cit| cit.document == document) {
            let quote = fold(&cit.quote);
            let quote = quote.trim();
            if quote.is_empty() {
                continue;
            }
            let found = memchr::memmem::find_iter(folded.text.as_bytes(), quote.as_bytes());
            for at in found.take(MAX_PLACES_PER_QUOTE) {
                let range = folded.original(at..at + quote.len());
                let first = figures.partition_point(|f| f.span.start < range.start);
                let last = figures.partition_point(|f| f.span.end <= range.end);
                for f in figures.iter_mut().take(last).skip(first) {
                    f.claims.push(id);
                }
            }
        }
        for figure in claim.value.figures().iter() {
            for n in std::iter::once(figure.n).chain(figure.or) {
                for &i in by_value.get(&n).map_or(&[][..], Vec::as_slice) {
                    figures[i].claims.push(id);
                }
            }
        }
    }
    for f in figures {
        f.claims.sort_unstable();
        f.claims.dedup();
    }
}

/// The sentence around `span`: from after the previous sentence end (a
/// `.`, `!`, `?` or `…` followed by whitespace, or a blank line) to the
/// next one, at most [`MAX_CONTEXT`] bytes either side.
fn sentence(text: &str, span: Range<usize>) -> Passage {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let lower = ceil(span.start.saturating_sub(MAX_CONTEXT));
    let before = &text[lower..span.start];
    let start = sentence_starts(before).map(|i| lower + i);
    let upper = floor((span.end + MAX_CONTEXT).min(text.len()));
    let after = &text[span.end..upper];
    let end = sentence_ends(after).map(|i| span.end + i);
    let range = start.unwrap_or(lower)..end.unwrap_or(upper);
    let trimmed_start = range.start + (text[range.clone()].len() - text[range.clone()].trim_start().len());
    let trimmed_end = range.start + text[range.clone()].trim_end().len();
    Passage {
        range: trimmed_start.min(span.start)..trimmed_end.max(span.end),
        cut_before: start.is_none() && lower > 0,
        cut_after: end.is_none() && upper < text.len(),
    }
}

/// The byte after the last sentence end in `before`, if there is one.
fn sentence_starts(before: &str) -> Option<usize> {
    let mut found = None;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, d)| d);
        if is_end(c, next, before[i + c.len_utf8()..].chars().nth(1)) {
            found = Some(i + c.len_utf8());
        }
    }
    found
}

/// The byte after the first sentence end in `after` (its punctuation
/// included), if there is one.
fn sentence_ends(after: &str) -> Option<usize> {
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, d)| d);
        if is_end(c, next, after[i + c.len_utf8()..].chars().nth(1)) {
            return Some(if c == '\n' { i } else { i + c.len_utf8() });
        }
    }
    None
}

/// Whether `c`, followed by `next` and `then`, ends a sentence: closing
/// punctuation before whitespace, or a blank line. The end of a slice is
/// no end: before a figure, the figure follows; after it, the slice's end
/// is the sentence's anyway.
fn is_end(c: char, next: Option<char>, then: Option<char>) -> bool {
    match c {
        '.' | '!' | '?' | '…' => next.is_some_and(char::is_whitespace),
        '\n' => next == Some('\n') || (next == Some('\r') && then == Some('\n')),
        _ => false,
    }
}

/// Lines and columns of ascending offsets, found in one pass over the
/// text however many there are (a one-line snapshot of many figures would
/// otherwise count its characters again for each).
struct Places<'t> {
    text: &'t str,
    offset: usize,
    at: Position,
}

impl<'t> Places<'t> {
    fn new(text: &'t str) -> Places<'t> {
        Places { text, offset: 0, at: Position { line: 1, column: 1 } }
    }

    /// The position of `offset`, which must not be below the last one asked.
    fn at(&mut self, offset: usize) -> Position {
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.at = Position { line: self.at.line + 1, column: 1 };
            } else {
                self.at.column += 1;
            }
        }
        self.offset = offset;
        self.at
    }
}

#[cfg(test)]
#[path = "coverage_tests.rs"]
mod tests;
