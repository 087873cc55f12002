//! The source lines shown under a finding, made safe and small: only the
//! lines around the span are taken from the file, their control characters
//! escaped (`term::escape_source`), and handed to miette with their real
//! line numbers. Long lines are not shown at all (miette pads to the
//! column, and Rust's formatter panics on widths past 65,535; nor would a
//! reviewer read them), and a span over many lines shrinks to its first.
//! The cost is that of the lines shown, whatever the size of the file.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Source lines longer than this many bytes are not shown.
pub(super) const MAX_LINE_BYTES: usize = 1000;

/// A span over more lines than this is shown on its first line only.
pub(super) const MAX_SPAN_LINES: usize = 12;

/// The lines around a span, escaped, with the span moved onto them.
#[derive(Debug)]
pub(super) struct Snippet {
    name: String,
    text: String,
    /// 0-based line number of the snippet's first line in the file.
    first_line: usize,
}

impl Snippet {
    /// The snippet of `text` for the byte range `span`, showing `context`
    /// lines on either side, and the span within it; `None` when the
    /// lines are too long to show. `line` is the span's 1-based line when
    /// known (located findings know it): counting the lines before it
    /// would cost a pass over the file per finding, quadratic in a file
    /// of many findings.
    pub(super) fn new(
        name: String,
        text: &str,
        span: Range<usize>,
        line: Option<usize>,
        context: usize,
    ) -> Option<(Snippet, SourceSpan)> {
        let (region, span) = region(text, span, context)?;
        let escaped = crate::render::escape::terminal::escape_source(&text[region.clone()]);
        let start = escaped.offset(span.start - region.start);
        let end = escaped.offset(span.end - region.start);
        let bytes = text.as_bytes();
        let first_line = match line {
            Some(line) => {
                let above = memchr::memchr_iter(b'\n', &bytes[region.start..span.start]).count();
                line.saturating_sub(1).saturating_sub(above)
            }
            None => memchr::memchr_iter(b'\n', &bytes[..region.start]).count(),
        };
        Some((Snippet { name, text: escaped.text, first_line }, SourceSpan::from(start..end)))
    }
}

impl Snippet {
    /// The file's name as shown.
    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The escaped lines.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// 0-based line number of the first line in the file.
    pub(super) fn first_line(&self) -> usize {
        self.first_line
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The whole lines to show around `span` (on char boundaries), and the
/// span, shrunk to its first line if it covers many.
fn region(text: &str, span: Range<usize>, context: usize) -> Option<(Range<usize>, Range<usize>)> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let mut end = floor(span.end).max(start);
    let bytes = text.as_bytes();
    // Lines are looked for at most a line's length away: a file of one
    // long line with many findings must not cost a pass per finding.
    let window = MAX_LINE_BYTES + 1;
    let line_start = |at: usize| {
        let from = at.saturating_sub(window);
        match memchr::memrchr(b'\n', &bytes[from..at]) {
            Some(i) => Some(from + i + 1),
            None => (from == 0).then_some(0),
        }
    };
    let line_end = |at: usize| {
        let to = (at + window).min(text.len());
        match memchr::memchr(b'\n', &bytes[at..to]) {
            Some(i) => Some(at + i),
            None => (to == text.len()).then_some(text.len()),
        }
    };
    if memchr::memchr_iter(b'\n', &bytes[start..end]).nth(MAX_SPAN_LINES).is_some() {
        end = line_end(start)?;
    }
    let mut from = line_start(start)?;
    for _ in 0..context {
        from = line_start(from.saturating_sub(1))?;
    }
    let mut to = line_end(end)?;
    for _ in 0..context {
        to = line_end((to + 1).min(text.len()))?;
    }
    let too_long = text[from..to].split('\n').any(|line| line.len() > MAX_LINE_BYTES);
    (!too_long).then_some((from..to, start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        assert_eq!(region("a\nb\nc", 2..3, 1), Some((0..5, 2..3)));
        assert_eq!(region("a\nb\nc\nd\ne", 4..5, 1), Some((2..7, 4..5)));
        let many = "x\n".repeat(100);
        assert_eq!(region(&many, 2..150, 0), Some((2..3, 2..3)), "shrinks to the first line");
        assert_eq!(region("ab\n", 7..9, 1), Some((0..3, 3..3)), "clamped");
        let long = format!("a\n{}\nb", "x".repeat(MAX_LINE_BYTES + 1));
        assert_eq!(region(&long, 0..1, 1), None);
        assert!(region(&long, 0..1, 0).is_some());
    }

    #[test]
    fn snippets_keep_line_numbers_and_escape() {
        let text = "one\ntwo\nth\u{1b}ree x\nfour\nfive\n";
        let at = text.find('x').unwrap();
        let (snippet, span) = Snippet::new("f".into(), text, at..at + 1, None, 1).unwrap();
        assert_eq!(snippet.text, "two\nth\\u{1b}ree x\nfour");
        assert_eq!(&snippet.text[span.offset()..span.offset() + span.len()], "x");
        let contents = snippet.read_span(&span, 1, 1).unwrap();
        assert_eq!((contents.line(), contents.column()), (1, 0), "line 2 of the file is the snippet's first");
        // A located finding's line gives the same numbers without counting.
        let (known, _) = Snippet::new("f".into(), text, at..at + 1, Some(3), 1).unwrap();
        assert_eq!(known.first_line, snippet.first_line);
    }

    #[test]
    fn one_long_line_is_not_searched_past_a_line_length() {
        let text = "y".repeat(10 * MAX_LINE_BYTES);
        assert_eq!(region(&text, 5 * MAX_LINE_BYTES..5 * MAX_LINE_BYTES + 1, 0), None);
        let short = format!("{}\nab\n{}", "y".repeat(10 * MAX_LINE_BYTES), "z".repeat(10 * MAX_LINE_BYTES));
        let at = short.find('a').unwrap();
        assert_eq!(region(&short, at..at + 1, 0), Some((at..at + 2, at..at + 1)));
        assert_eq!(region(&short, at..at + 1, 1), None, "its neighbours are too long to show");
    }
}
