//! Positions of the protocol ↔ byte offsets of a text. The protocol counts
//! lines from 0, broken at `\n`, `\r\n` or a lone `\r`, and characters in
//! the encoding agreed at initialization: UTF-16 code units unless the
//! client offers UTF-8 (LSP 3.17, `positionEncoding`). Analysis
//! works on byte offsets; this module is the only place that converts.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How characters of a line are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client that offers `offered` (in its
    /// order of preference): UTF-8 when offered, since it costs no
    /// counting; else UTF-16, which every client must support.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) { Encoding::Utf8 } else { Encoding::Utf16 }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A position whose line lies past the end of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PastTheEnd {
    pub line: u32,
    /// How many lines the text has.
    pub lines: usize,
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub(super) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, encoding: Encoding) -> LineIndex<'a> {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one break, counted at its `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        LineIndex { text, starts, encoding }
    }

    /// The number of lines (a text ending in a line break has an empty
    /// last line).
    pub(super) fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The position of a byte offset (clamped to the text, and back to the
    /// start of the character it falls in).
    pub(super) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position { line: saturate(line), character: saturate(character) }
    }

    pub(super) fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end.max(span.start)) }
    }

    /// The byte offset of a position. A character past the end of its
    /// line means the line's end (LSP 3.17: it "defaults back to the line
    /// length"), and one inside a character means its start; a line past
    /// the end of the text is an error, for the two sides no longer agree
    /// on the text.
    pub(super) fn offset(&self, position: Position) -> Result<usize, PastTheEnd> {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return Err(PastTheEnd { line: position.line, lines: self.lines() });
        };
        let end = self.line_end(line);
        let wanted = position.character as usize;
        if self.encoding == Encoding::Utf8 {
            let mut at = (start + wanted).min(end);
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            return Ok(at);
        }
        let mut counted = 0;
        for (i, c) in self.text[start..end].char_indices() {
            let next = counted + self.encoding.width(c);
            if next > wanted {
                return Ok(start + i);
            }
            counted = next;
        }
        Ok(end)
    }

    /// Where a line's text ends, before its line break.
    fn line_end(&self, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else { return self.text.len() };
        let bytes = self.text.as_bytes();
        match (bytes.get(next - 1), next.checked_sub(2).and_then(|i| bytes.get(i))) {
            (Some(b'\n'), Some(b'\r')) => next - 2,
            _ => next - 1,
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_surrogate_pairs() {
        // `é` is one unit, `𝄞` two, in UTF-16; 2 and 4 bytes in UTF-8.
        let text = "aé𝄞b\nx";
        let ix = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(ix.position(0), pos(0, 0));
        assert_eq!(ix.position(3), pos(0, 2));
        assert_eq!(ix.position(7), pos(0, 4));
        assert_eq!(ix.position(9), pos(1, 0));
        assert_eq!(ix.offset(pos(0, 4)), Ok(7));
        // Inside the surrogate pair: the start of the character.
        assert_eq!(ix.offset(pos(0, 3)), Ok(3));
        // Past the line's end: the end of the line, before its break.
        assert_eq!(ix.offset(pos(0, 99)), Ok(8));
        assert_eq!(ix.offset(pos(1, 99)), Ok(10));
        assert_eq!(ix.offset(pos(2, 0)), Err(PastTheEnd { line: 2, lines: 2 }));
        // Inside a character, an offset counts from its start.
        assert_eq!(ix.position(5), pos(0, 2));
        assert_eq!(ix.position(99), pos(1, 1));
    }

    #[test]
    fn utf8() {
        let text = "é𝄞\n";
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(6), pos(0, 6));
        assert_eq!(utf8.offset(pos(0, 3)), Ok(2));
        assert_eq!(utf8.offset(pos(1, 0)), Ok(7));
    }

    #[test]
    fn line_breaks() {
        let text = "a\r\nb\rc\nd";
        let ix = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(ix.lines(), 4);
        assert_eq!(ix.position(3), pos(1, 0));
        assert_eq!(ix.position(5), pos(2, 0));
        assert_eq!(ix.offset(pos(0, 5)), Ok(1));
        assert_eq!(ix.offset(pos(1, 5)), Ok(4));
        assert_eq!(ix.offset(pos(3, 1)), Ok(8));
        assert_eq!(LineIndex::new("", Encoding::Utf16).offset(pos(0, 3)), Ok(0));
    }

    #[test]
    fn negotiation() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
