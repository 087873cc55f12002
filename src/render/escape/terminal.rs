//! Terminal safety: text that comes from records is shown with control
//! characters as visible escapes, so a claim file cannot move the cursor,
//! recolour or retitle a reviewer's terminal. Only claimtrail's own styling
//! emits escape codes. Human output, GitHub annotations, SARIF and JSON
//! message texts go through [`escape`]; miette's source excerpts through
//! [`escape_source`]. Both also write the colon that would start a GitHub
//! workflow command at the start of a line (`::error::`, after
//! whitespace) as `\u{3a}`, and the first `#` of the older `##[error]`
//! as `\u{23}`, so record text cannot command a CI log.

use std::borrow::Cow;

use crate::text::escape::{command_colons, needs_escape};

/// `text` with every control character (C0, DEL, C1) and bidirectional
/// override shown as `\u{1b}`; newlines and tabs too, so that one record
/// field stays on one output line. A `::` that would start a workflow
/// command when the text begins a line shows as `\u{3a}:`, and a `##[`
/// anywhere as `\u{23}#[`.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    let colons = command_colons(text);
    if colons.is_empty() && !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if needs_escape(c) || colons.binary_search(&i).is_ok() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text for showing under a diagnostic: like [`escape`], but line
/// breaks (`\n`, and `\r` before `\n`) and tabs stay, so the text keeps its
/// lines. Byte offsets into the original text map to the escaped text with
/// [`EscapedSource::offset`].
pub(crate) fn escape_source(text: &str) -> EscapedSource {
    let mut out = EscapedSource { text: String::new(), shifts: Vec::new() };
    let colons = command_colons(text);
    if !text.char_indices().any(|(i, c)| escaped_in_source(text, &colons, i, c)) {
        text.clone_into(&mut out.text);
        return out;
    }
    out.text.reserve(text.len() + 16);
    let mut extra = 0;
    for (i, c) in text.char_indices() {
        if escaped_in_source(text, &colons, i, c) {
            let before = out.text.len();
            out.text.push_str(&format!("\\u{{{:x}}}", c as u32));
            extra += out.text.len() - before - c.len_utf8();
            out.shifts.push((i, extra));
        } else {
            out.text.push(c);
        }
    }
    out
}

/// Source text with its control characters escaped; see [`escape_source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EscapedSource {
    pub text: String,
    /// For each escaped character: its offset in the original text, and
    /// how many bytes longer the escaped text is up to and including it.
    shifts: Vec<(usize, usize)>,
}

impl EscapedSource {
    /// Where a byte offset of the original text lies in the escaped text.
    /// An offset at an escaped character maps to the start of its escape.
    pub(crate) fn offset(&self, original: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at < original);
        original + before.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

fn escaped_in_source(text: &str, colons: &[usize], i: usize, c: char) -> bool {
    match c {
        ':' | '#' => colons.binary_search(&i).is_ok(),
        '\n' | '\t' => false,
        '\r' => text.as_bytes().get(i + 1) != Some(&b'\n'),
        c => needs_escape(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("plain – text"), "plain – text");
        assert_eq!(escape("x\u{9b}y\u{202e}"), "x\\u{9b}y\\u{202e}");
    }

    #[test]
    fn defuses_workflow_commands() {
        assert_eq!(escape("::error::pwned"), "\\u{3a}:error::pwned");
        assert_eq!(escape(" ::add-mask::x"), " \\u{3a}:add-mask::x");
        assert_eq!(escape("a\n::warning::b"), "a\\u{a}\\u{3a}:warning::b");
        assert_eq!(escape("ratio 1::2"), "ratio 1::2");
        assert_eq!(escape("##[error]pwned"), "\\u{23}#[error]pwned");
        assert_eq!(escape("a\n ##[set-output name=x;]y"), "a\\u{a} \\u{23}#[set-output name=x;]y");
        assert_eq!(escape("issue #12 ## [x]"), "issue #12 ## [x]");
        let esc = escape_source("Claim(\n  ##[error]x\n)");
        assert_eq!(esc.text, "Claim(\n  \\u{23}#[error]x\n)");
        let esc = escape_source("Claim(\n  ::error::x\n)");
        assert_eq!(esc.text, "Claim(\n  \\u{3a}:error::x\n)");
        assert_eq!(esc.offset(9), 9);
        assert_eq!(esc.offset(11), 16);
    }

    #[test]
    fn escapes_source_keeping_lines_and_offsets() {
        let text = "a\u{1b}b\r\nc\u{9b}d\re\u{202e}";
        let esc = escape_source(text);
        assert_eq!(esc.text, "a\\u{1b}b\r\nc\\u{9b}d\\u{d}e\\u{202e}");
        // Every original character boundary maps onto the same character.
        let colons = command_colons(text);
        for (i, c) in text.char_indices() {
            let at = esc.offset(i);
            if escaped_in_source(text, &colons, i, c) {
                assert_eq!(&esc.text[at..at + 3], "\\u{", "{i}");
            } else {
                assert_eq!(esc.text[at..].chars().next(), Some(c), "{i}");
            }
        }
        assert_eq!(esc.offset(text.len()), esc.text.len());
        assert_eq!(escape_source("plain\n").offset(3), 3);
    }
}
