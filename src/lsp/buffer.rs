//! An open document: the editor's unsaved text of one file, kept in step
//! with the editor's changes (full texts or ranges), and what that text
//! parses to. The text is never written anywhere.

use std::collections::HashSet;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::finding::Diagnostic;
use crate::lsp::position::{Encoding, LineIndex};
use crate::store::contents::{Entry, FileOutcome};

/// One open document.
#[derive(Debug)]
pub(crate) struct Buffer {
    /// The editor's name for it, used in everything sent back.
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// Why the text may no longer be the editor's: an edit whose range
    /// lay past the end of the text. Edits are then ignored until the
    /// editor sends the whole text again (or reopens the file).
    pub lost: Option<String>,
    /// What the text is, as the store would read it.
    pub parsed: Parsed,
}

/// What a buffer's text is.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// A record file that parses, with every string its record holds (the
    /// ids it may name).
    Record(Box<Entry>, HashSet<String>),
    /// A record file that does not parse: the loading finding.
    Broken(Diagnostic),
    /// Any other file (the measures, the configuration, a file outside the
    /// record folders).
    Other,
}

impl Parsed {
    pub(crate) fn entry(&self) -> Option<&Entry> {
        match self {
            Parsed::Record(e, _) => Some(e),
            _ => None,
        }
    }

    /// A file's outcome as the store reads it.
    pub(crate) fn of(outcome: Option<FileOutcome>) -> Parsed {
        match outcome {
            Some(FileOutcome::Record(e)) => {
                let strings = strings_of(&e);
                Parsed::Record(Box::new(e), strings)
            }
            Some(FileOutcome::Finding(d)) => Parsed::Broken(d),
            None => Parsed::Other,
        }
    }
}

impl Buffer {
    /// Applies the editor's changes in order; `false` (and the buffer
    /// marked lost) when one of them cannot be placed in the text.
    pub(crate) fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) -> bool {
        for change in changes {
            let Some(range) = change.range else {
                self.text = change.text;
                self.lost = None;
                continue;
            };
            if self.lost.is_some() {
                continue;
            }
            let index = LineIndex::new(&self.text, encoding);
            let (start, end) = match (index.offset(range.start), index.offset(range.end)) {
                (Ok(start), Ok(end)) if start <= end => (start, end),
                (Ok(_), Ok(_)) => {
                    self.lost = Some(format!(
                        "the editor sent an edit that ends before it starts ({}:{} to {}:{})",
                        range.start.line + 1,
                        range.start.character + 1,
                        range.end.line + 1,
                        range.end.character + 1
                    ));
                    return false;
                }
                (Err(past), _) | (_, Err(past)) => {
                    self.lost = Some(format!(
                        "the editor sent an edit at line {}, past the end of the text ({} lines)",
                        u64::from(past.line) + 1,
                        past.lines
                    ));
                    return false;
                }
            };
            self.text.replace_range(start..end, &change.text);
        }
        self.lost.is_none()
    }
}

/// Every string a record holds (ids, names, quotes), read from its JSON
/// form: what it may refer to, without a list of which fields refer.
pub(super) fn strings_of(entry: &Entry) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stack = vec![serde_json::to_value(&entry.record).unwrap_or_default()];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(s) => {
                out.insert(s);
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(fields) => stack.extend(fields.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    out.insert(entry.record.id().to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn buffer(text: &str) -> Buffer {
        Buffer {
            uri: "file:///s/claims/a.ron".parse().expect("a URI"),
            version: 1,
            text: text.to_owned(),
            lost: None,
            parsed: Parsed::Other,
        }
    }

    fn edit(from: (u32, u32), to: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        let p = |(line, character)| Position { line, character };
        TextDocumentContentChangeEvent {
            range: Some(Range { start: p(from), end: p(to) }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn applies_ranges_in_order() {
        let mut b = buffer("ab\ncé𝄞d\n");
        assert!(b.apply(vec![edit((1, 2), (1, 4), "x"), edit((0, 0), (0, 1), "")], Encoding::Utf16));
        assert_eq!(b.text, "b\ncéxd\n");
        // A character past the end of a line is the line's end.
        assert!(b.apply(vec![edit((0, 7), (0, 9), "!")], Encoding::Utf16));
        assert_eq!(b.text, "b!\ncéxd\n");
    }

    #[test]
    fn an_edit_past_the_end_loses_the_buffer_until_a_full_text() {
        let mut b = buffer("ab\n");
        assert!(!b.apply(vec![edit((5, 0), (5, 1), "x")], Encoding::Utf16));
        assert!(b.lost.as_deref().is_some_and(|why| why.contains("line 6")), "{:?}", b.lost);
        assert!(!b.apply(vec![edit((0, 0), (0, 0), "y")], Encoding::Utf16));
        assert_eq!(b.text, "ab\n");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "z".into() };
        assert!(b.apply(vec![full], Encoding::Utf16));
        assert_eq!((b.text.as_str(), b.lost.is_none()), ("z", true));
        assert!(!b.apply(vec![edit((0, 1), (0, 0), "")], Encoding::Utf16));
    }
}
