//! The human layout of one finding written directly: the same bytes as
//! miette's graphical handler (unicode theme, width 110, one context line,
//! words separated at ASCII spaces) gives for the shapes `check` produces,
//! without its general machinery (a long contested run spent a quarter of
//! its time in it). What this writer does not cover it declines (returns
//! `false`) and the finding goes through miette as before: a span over
//! more than one line, a label of several lines, source lines that are not
//! ASCII or hold a carriage return, text holding an escape character. The
//! tests compare both writers on the shapes that could part them.
//!
//! What is mirrored, and from where (miette 7.6, textwrap 0.16):
//! `GraphicalReportHandler::render_report` with no URL, footer or cause
//! chain (header, causes, snippets, footer = help, related as `Advice:`
//! blocks), `render_context` with one single-line label (no gutter), and
//! `textwrap::fill` with first-fit wrapping, the hyphen splitter and words
//! broken when longer than a line.

use miette::{SourceCode, SourceSpan};

use super::human::{RelatedReport, Report};
use super::snippet::Snippet;
use crate::finding::Severity;

/// The width miette is given (`with_width`); text wraps at two less.
pub(super) const WIDTH: usize = 110;

/// Tab stops in source lines, miette's default.
const TAB_WIDTH: usize = 4;

/// The ANSI styles of miette's unicode theme (`ThemeStyles::ansi`), or
/// none at all.
#[derive(Clone, Copy)]
struct Paint {
    on: bool,
}

const ERROR: &str = "31";
const WARNING: &str = "33";
const ADVICE: &str = "36";
const HELP: &str = "36";
const LINK: &str = "36;1;4";
const LINUM: &str = "2";
/// The first of the theme's highlight styles: a finding has one label.
const HIGHLIGHT: &str = "35;1";

impl Paint {
    fn push(self, out: &mut String, style: &str, text: &str) {
        if self.on {
            out.push_str("\x1b[");
            out.push_str(style);
            out.push('m');
            out.push_str(text);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(text);
        }
    }

    fn wrap(self, style: &str, text: &str) -> String {
        let mut s = String::with_capacity(text.len() + 12);
        self.push(&mut s, style, text);
        s
    }
}

/// Writes `report` as miette would into `out` and returns `true`, or
/// returns `false` (with `out` in any state) when its shape is one this
/// writer leaves to miette.
pub(super) fn write(out: &mut String, report: &Report<'_>, color: bool) -> bool {
    let paint = Paint { on: color };
    let (style, icon) = match report.d.severity {
        Severity::Error => (ERROR, "×"),
        Severity::Warning => (WARNING, "⚠"),
    };
    // Header: the code, then a blank line.
    paint.push(out, style, report.d.code.as_str());
    out.push_str("\n\n");
    // Causes: the message, wrapped under the severity's icon.
    let mut text = String::new();
    if report.d.new == Some(true) {
        text.push_str("[new] ");
    }
    match (report.span, report.d.line, report.d.column) {
        (Some(_), _, _) => text.push_str(&report.message),
        (None, Some(line), Some(col)) => {
            text.push_str(&format!("{}:{line}:{col}: {}", report.file, report.message));
        }
        (None, _, _) => text.push_str(&format!("{}: {}", report.file, report.message)),
    }
    causes(out, paint, style, icon, &text);
    // The source lines.
    if let (Some(span), Some(source)) = (report.span, report.source.as_ref())
        && !context(out, paint, source, span, &report.label)
    {
        return false;
    }
    // Footer: the help line.
    if let Some(help) = &report.help {
        let first = paint.wrap(HELP, "  help: ");
        fill(out, help, &first, 8, "        ", 8);
        out.push('\n');
    }
    // Related places, each as an `Advice:` report of its own.
    report.related.iter().all(|r| related(out, paint, r))
}

fn related(out: &mut String, paint: Paint, r: &RelatedReport) -> bool {
    out.push_str("\nAdvice: \n");
    let text = match (r.span, r.place) {
        (Some(_), _) => r.message.clone(),
        (None, Some((line, col))) => format!("{}:{line}:{col}: {}", r.file, r.message),
        (None, None) => format!("{}: {}", r.file, r.message),
    };
    causes(out, paint, ADVICE, "☞", &text);
    match (r.span, r.source.as_ref()) {
        (Some(span), Some(source)) => context(out, paint, source, span, &r.label),
        _ => true,
    }
}

/// `render_causes` without a cause chain: the text wrapped under the icon.
fn causes(out: &mut String, paint: Paint, style: &str, icon: &str, text: &str) {
    let mut first = String::from("  ");
    paint.push(&mut first, style, icon);
    first.push(' ');
    let mut rest = String::from("  ");
    paint.push(&mut rest, style, "│");
    rest.push(' ');
    fill(out, text, &first, 2 + display_width(icon) + 1, &rest, 4);
    out.push('\n');
}

/// One line of a snippet, as miette's `get_lines` cuts them.
struct Line<'a> {
    /// 1-based.
    number: usize,
    /// Byte offset of its start in the snippet.
    offset: usize,
    /// Its length in bytes with its line break.
    length: usize,
    text: &'a str,
}

impl Line<'_> {
    fn applies(&self, offset: usize, len: usize) -> bool {
        let spanlen = len.max(1);
        let end = self.offset + self.length;
        (offset >= self.offset && offset < end)
            || (offset < self.offset && offset + spanlen > end)
            || (offset + spanlen > self.offset && offset + spanlen <= end)
    }

    fn only(&self, offset: usize, len: usize) -> bool {
        offset >= self.offset && offset + len <= self.offset + self.length
    }

    fn applies_gutter(&self, offset: usize, len: usize) -> bool {
        let spanlen = len.max(1);
        let end = self.offset + self.length;
        self.applies(offset, len)
            && !((offset >= self.offset && offset < end)
                && (offset + spanlen > self.offset && offset + spanlen <= end))
    }
}

/// `render_context` for one label on one line: the lines around the span
/// with their numbers, the span underlined and its label. `false` when the
/// shape is not that one.
fn context(out: &mut String, paint: Paint, source: &Snippet, span: SourceSpan, label: &str) -> bool {
    let text = source.text();
    if label.contains('\n') || !text.bytes().all(|b| b == b'\t' || b == b'\n' || (b' '..=b'~').contains(&b)) {
        return false;
    }
    let (Ok(around), Ok(primary)) = (text.read_span(&span, 1, 1), text.read_span(&span, 0, 0)) else {
        return false;
    };
    let Ok(data) = std::str::from_utf8(around.data()) else { return false };
    // miette's `get_lines`, for text without carriage returns.
    let mut lines: Vec<Line> = Vec::with_capacity(4);
    let mut number = around.line() + source.first_line();
    let mut offset = around.span().offset();
    let mut line_offset = offset;
    let mut line_start = 0;
    let bytes = data.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        offset += 1;
        let last = i + 1 == bytes.len();
        let mut at_end_of_file = false;
        let mut column_zero = false;
        if b == b'\n' {
            at_end_of_file = last;
            number += 1;
            column_zero = true;
        }
        if last && !at_end_of_file {
            number += 1;
        }
        if column_zero || last {
            let end = if b == b'\n' { i } else { i + 1 };
            lines.push(Line {
                number,
                offset: line_offset,
                length: offset - line_offset,
                text: &data[line_start..end],
            });
            line_start = i + 1;
            line_offset = offset;
        }
    }
    let (at, len) = (span.offset(), span.len());
    if lines.is_empty() || lines.iter().any(|l| !l.only(at, len) && l.applies_gutter(at, len)) {
        return false;
    }
    let width = lines.last().map_or(0, |l| l.number).to_string().len();
    // Header: where the span starts.
    push_spaces(out, width + 2);
    out.push_str("╭─[");
    let place =
        format!("{}:{}:{}", source.name(), primary.line() + source.first_line() + 1, primary.column() + 1);
    paint.push(out, LINK, &place);
    out.push_str("]\n");
    for line in &lines {
        out.push(' ');
        paint.push(out, LINUM, &format!("{:>width$}", line.number));
        out.push_str(" │ ");
        let mut column = 0;
        for c in line.text.chars() {
            if c == '\t' {
                let w = TAB_WIDTH - column % TAB_WIDTH;
                push_spaces(out, w);
                column += w;
            } else {
                out.push(c);
                column += 1;
            }
        }
        out.push('\n');
        if !line.applies(at, len) {
            continue;
        }
        if !line.only(at, len) {
            return false;
        }
        let start = visual_offset(line, at);
        let end = if len == 0 { start + 1 } else { (visual_offset(line, at + len)).max(start + 1) };
        let bar = usize::midpoint(start, end);
        no_linum(out, width);
        let mut under = String::with_capacity(3 * (end + 1));
        push_spaces(&mut under, start);
        for _ in start..bar {
            under.push('─');
        }
        under.push(if len == 0 { '▲' } else { '┬' });
        for _ in bar + 1..end {
            under.push('─');
        }
        paint.push(out, HIGHLIGHT, &under);
        out.push('\n');
        no_linum(out, width);
        push_spaces(out, bar);
        let mut tail = String::from("╰── ");
        paint.push(&mut tail, HIGHLIGHT, label);
        paint.push(out, HIGHLIGHT, &tail);
        out.push('\n');
    }
    push_spaces(out, width + 2);
    out.push_str("╰────\n");
    true
}

fn no_linum(out: &mut String, width: usize) {
    out.push(' ');
    push_spaces(out, width);
    out.push_str(" · ");
}

/// The column a byte offset of a line is shown at (tabs expanded), one
/// past the end for an offset past the line's text.
fn visual_offset(line: &Line, offset: usize) -> usize {
    let index = offset - line.offset;
    let text = &line.text[..index.min(line.text.len())];
    let mut column = 0;
    for b in text.bytes() {
        column += if b == b'\t' { TAB_WIDTH - column % TAB_WIDTH } else { 1 };
    }
    if index > line.text.len() { column + 1 } else { column }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// textwrap's display width of a char: one for printable ASCII, its own
/// measure otherwise.
fn char_width(c: char) -> usize {
    if (' '..='~').contains(&c) {
        1
    } else {
        let mut buf = [0; 4];
        textwrap::core::display_width(c.encode_utf8(&mut buf))
    }
}

fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// One piece of a line to wrap: a word or part of one, and the spaces
/// after it.
struct Fragment {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

/// `textwrap::fill` with miette's options for `check`: width `WIDTH - 2`,
/// the indents given (with their display widths), words at ASCII spaces,
/// split after inner hyphens, broken when wider than a line, first fit.
fn fill(out: &mut String, text: &str, first: &str, first_width: usize, rest: &str, rest_width: usize) {
    let width = WIDTH - 2;
    if text.contains('\x1b') || first.is_empty() || rest.is_empty() {
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        out.push_str(&textwrap::fill(text, options));
        return;
    }
    let widths = [width.saturating_sub(first_width), width.saturating_sub(rest_width)];
    // A text that fits on its first line is that line, its trailing spaces
    // dropped: no fragment overflows it, nor is any word broken.
    if widths[0] <= widths[1] && !text.contains('\n') {
        let trimmed = text.trim_end_matches(' ');
        let fits = if trimmed.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            trimmed.len() <= widths[0]
        } else {
            display_width(trimmed) <= widths[0]
        };
        if fits {
            out.push_str(first);
            out.push_str(trimmed);
            return;
        }
    }
    // Lines written so far: the first gets the first indent, and each
    // after it a line break and the other indent.
    let mut written = 0;
    let mut fragments: Vec<Fragment> = Vec::new();
    for line in text.split('\n') {
        fragments.clear();
        // The zero-width word textwrap puts first when there is an indent.
        fragments.push(Fragment { start: 0, end: 0, width: 0, space: 0 });
        for (start, end, space) in words(line) {
            split_and_break(&line[start..end], start, space, widths[1], &mut fragments);
        }
        // First fit; the widths start again with each line of the text.
        let mut idx = 0;
        let mut put = |out: &mut String, frags: &[Fragment]| {
            if written > 0 {
                out.push('\n');
                out.push_str(rest);
            } else {
                out.push_str(first);
            }
            written += 1;
            let len: usize = frags.iter().map(|f| f.end - f.start + f.space).sum();
            let last_space = frags.last().map_or(0, |f| f.space);
            out.push_str(&line[idx..idx + len - last_space]);
            idx += len;
        };
        let (mut from, mut sum, mut here) = (0, 0, 0);
        for (i, f) in fragments.iter().enumerate() {
            if sum + f.width > widths[here.min(1)] && i > from {
                put(out, &fragments[from..i]);
                here += 1;
                from = i;
                sum = 0;
            }
            sum += f.width + f.space;
        }
        put(out, &fragments[from..]);
    }
}

/// textwrap's words at ASCII spaces: (start, end of the word, spaces after).
fn words(line: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        // A word runs to its spaces, and they to the next non-space.
        let mut end = start;
        while end < bytes.len() && bytes[end] != b' ' {
            end += 1;
        }
        let mut next = end;
        while next < bytes.len() && bytes[next] == b' ' {
            next += 1;
        }
        at = next;
        Some((start, end, next - end))
    })
}

/// A word split after each hyphen between alphanumerics (no hyphen is
/// added: the split follows one), each part broken into pieces no wider
/// than `line_width` when it is wider.
fn split_and_break(word: &str, base: usize, space: usize, line_width: usize, out: &mut Vec<Fragment>) {
    let mut prev = 0;
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    for (idx, _) in word.match_indices('-') {
        let before = word[..idx].chars().next_back();
        let after = word[idx + 1..].chars().next();
        if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
            parts.push((prev, idx + 1, 0));
            prev = idx + 1;
        }
    }
    if prev < word.len() || prev == 0 {
        parts.push((prev, word.len(), space));
    }
    for (start, end, space) in parts {
        let piece = &word[start..end];
        let width = display_width(piece);
        if width <= line_width {
            out.push(Fragment { start: base + start, end: base + end, width, space });
            continue;
        }
        // Broken apart: a piece ends before the char that would overflow.
        let mut from = 0;
        let mut w = 0;
        for (i, c) in piece.char_indices() {
            let cw = char_width(c);
            if w > 0 && w + cw > line_width {
                out.push(Fragment { start: base + start + from, end: base + start + i, width: w, space: 0 });
                from = i;
                w = cw;
            } else {
                w += cw;
            }
        }
        if from < piece.len() {
            out.push(Fragment { start: base + start + from, end: base + end, width: w, space });
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::super::human;
    use super::*;
    use crate::finding::{Code, Diagnostic, Related};

    /// Both writers on one finding, with and without colour: where the
    /// direct writer takes the finding, its bytes are miette's. Returns
    /// whether it took it.
    fn same(d: &Diagnostic, texts: &HashMap<String, String>) -> bool {
        let mut took = true;
        for color in [false, true] {
            let report = Report::new(d, texts);
            let mut theirs = String::new();
            human::handler(color).render_report(&mut theirs, &report).expect("miette renders");
            let mut ours = String::new();
            if write(&mut ours, &report, color) {
                assert_eq!(ours, theirs, "colour {color}:\n{ours}\n---- miette:\n{theirs}");
            } else {
                took = false;
            }
        }
        took
    }

    /// The span, line and column of `needle` in `text`, as `locate` fills them.
    fn place(text: &str, needle: &str) -> (std::ops::Range<usize>, usize, usize) {
        let at = text.find(needle).expect("needle in text");
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
        (at..at + needle.len(), line, column)
    }

    fn finding(code: Code, file: &str, text: &str, needle: &str, message: &str) -> Diagnostic {
        let (span, line, column) = place(text, needle);
        let mut d = Diagnostic::new(code, file, message).at_field("value").at_position(line, column);
        d.span = Some(span);
        d
    }

    fn related(file: &str, text: &str, needle: &str, message: &str) -> Related {
        let (span, line, column) = place(text, needle);
        let mut r = Related::new(file, "value", "b", message);
        r.span = Some(span);
        r.line = Some(line);
        r.column = Some(column);
        r
    }

    const CLAIM: &str = "Claim(\n    id: \"a\",\n    measure: \"recruits\",\n    value: About(1971),\n    as_of: \"2024-01-26\",\n)\n";
    const OTHER: &str = "Claim(\n    id: \"b\",\n    measure: \"recruits\",\n    value: AtMost(1627),\n    as_of: \"2024-02-23\",\n)\n";

    fn texts(files: &[(&str, &str)]) -> HashMap<String, String> {
        files.iter().map(|(f, t)| ((*f).to_owned(), (*t).to_owned())).collect()
    }

    #[test]
    fn a_conflict_with_its_other_claim() {
        let message = "conflicts with claim `contested-00000-recruits-000001` (downward-revision): about 1971 as of \
                       2024-01-26 vs 420\u{2013}440 as of 2024-02-23; a later figure is below an earlier one";
        let d = finding(Code::Conflict, "claims/a.ron", CLAIM, "About(1971)", message)
            .with_help(
                "review it with claims/contested-00000/contested-00000-recruits-000001.ron; once settled, rank the \
                 wrong one Deprecated or review it False",
            )
            .with_related(related("claims/b.ron", OTHER, "AtMost(1627)", "the other claim: `b`, at most 1627"));
        assert!(same(&d, &texts(&[("claims/a.ron", CLAIM), ("claims/b.ron", OTHER)])));
    }

    #[test]
    fn errors_warnings_new_and_places_without_source() {
        let t = texts(&[("claims/a.ron", CLAIM)]);
        let mut d = finding(Code::HashMismatch, "claims/a.ron", CLAIM, "\"a\"", "the content changed");
        d.new = Some(true);
        assert!(same(&d, &t));
        // A place known without the text, and a finding about a whole file.
        let mut d = Diagnostic::new(Code::Parse, "claims/gone.ron", "expected `)`").at_position(3, 9);
        d.new = Some(false);
        assert!(same(&d, &t));
        let d = Diagnostic::new(Code::Conflict, "claims/gone.ron", "a warning about the whole file")
            .with_related(Related::new("claims/x.ron", "value", "x", "the other one"));
        assert!(same(&d, &t));
        let mut r = Related::new("claims/x.ron", "value", "x", "the other one, placed");
        r.line = Some(4);
        r.column = Some(12);
        assert!(same(&Diagnostic::new(Code::Conflict, "claims/gone.ron", "w").with_related(r), &t));
    }

    #[test]
    fn long_words_hyphens_and_wide_characters_in_messages() {
        let t = texts(&[("claims/a.ron", CLAIM)]);
        let messages = [
            format!("a word longer than a line: {} and after it", "x".repeat(250)),
            format!("{} starts it", "y".repeat(104)),
            format!("{} starts it", "y".repeat(105)),
            format!(
                "ids: {}",
                (0..30).map(|i| format!("contested-{i:05}-killed")).collect::<Vec<_>>().join(" ")
            ),
            format!("{}-{}", "a".repeat(100), "b".repeat(30)),
            "wide: 東京都 😀 Ünïcödé e\u{301} ".repeat(12),
            format!("trailing spaces   {}   ", "z ".repeat(60)),
            "  leading spaces and  double  spaces ".repeat(6),
            format!("東{}", "京".repeat(80)),
        ];
        for m in &messages {
            let d = finding(Code::Conflict, "claims/a.ron", CLAIM, "About(1971)", m).with_help(m.clone());
            assert!(same(&d, &t), "{m}");
        }
    }

    #[test]
    fn tabs_line_numbers_and_edges_of_the_file() {
        let tabbed = "Claim(\n\tid: \"a\",\n\t\tvalue:\tAbout(1971),\n)\n";
        let t = texts(&[("claims/a.ron", tabbed)]);
        assert!(same(&finding(Code::Conflict, "claims/a.ron", tabbed, "About(1971)", "tabs"), &t));
        // Line numbers of one and two digits side by side, and of 99 to 101.
        let many: String = (1..=120).map(|i| format!("    line_{i}: {i},\n")).collect();
        let t = texts(&[("claims/a.ron", &many)]);
        for needle in ["line_9:", "line_10:", "line_99:", "line_100:", "line_1:", "line_120: 120,"] {
            assert!(same(&finding(Code::Conflict, "claims/a.ron", &many, needle, "n"), &t), "{needle}");
        }
        // The last line without a line break, a span running to the end,
        // a span over the line break, an empty span.
        let last = "Claim(\n    value: 1)";
        let t = texts(&[("claims/a.ron", last)]);
        assert!(same(&finding(Code::Conflict, "claims/a.ron", last, "1)", "end"), &t));
        assert!(same(&finding(Code::Conflict, "claims/a.ron", last, "Claim(", "first line"), &t));
        let mut d = finding(Code::Conflict, "claims/a.ron", CLAIM, "(1971),", "over the break");
        d.span = d.span.map(|s| s.start..s.end + 1);
        let t = texts(&[("claims/a.ron", CLAIM)]);
        same(&d, &t);
        let mut d = finding(Code::Conflict, "claims/a.ron", CLAIM, "About", "empty");
        d.span = d.span.map(|s| s.start..s.start);
        assert!(same(&d, &t));
        let one = "x";
        let mut d = finding(Code::Conflict, "claims/a.ron", one, "x", "one byte");
        same(&d, &texts(&[("claims/a.ron", one)]));
        d.span = Some(1..1);
        same(&d, &texts(&[("claims/a.ron", one)]));
    }

    #[test]
    fn shapes_left_to_miette_still_come_out_as_miette_writes_them() {
        // Wide characters and carriage returns in the source lines, a span
        // over several lines: the direct writer declines, the output is
        // miette's (checked through `check`'s whole output).
        let wide = "Claim(\n    statement: \"東京 😀\",\n    value: About(1971),\n)\n";
        let crlf = "Claim(\r\n    value: About(1971),\r\n)\r\n";
        let multi = "Claim(\n    citations: [\n        Citation(),\n    ],\n)\n";
        let cases = [
            ("claims/w.ron", wide, "東京 😀", false),
            ("claims/w.ron", wide, "About(1971)", false),
            ("claims/c.ron", crlf, "About(1971)", false),
            ("claims/m.ron", multi, "[\n        Citation(),\n    ]", false),
        ];
        for (file, text, needle, took) in cases {
            let d = finding(Code::Conflict, file, text, needle, "m");
            assert_eq!(same(&d, &texts(&[(file, text)])), took, "{needle}");
            for color in [false, true] {
                let mut out = Vec::new();
                let style = crate::render::style::Style { color };
                human::check(&mut out, style, std::slice::from_ref(&d), &texts(&[(file, text)]), None)
                    .expect("written");
                let report = Report::new(&d, &texts(&[(file, text)]));
                let mut theirs = String::new();
                human::handler(color).render_report(&mut theirs, &report).expect("miette renders");
                theirs.push('\n');
                assert_eq!(String::from_utf8(out).expect("UTF-8"), theirs);
            }
        }
    }

    #[test]
    fn a_multi_line_label_is_left_to_miette() {
        let t = texts(&[("claims/a.ron", CLAIM)]);
        let d = finding(Code::Conflict, "claims/a.ron", CLAIM, "About(1971)", "m");
        let mut report = Report::new(&d, &t);
        report.label = "two\nlines".into();
        assert!(!write(&mut String::new(), &report, false));
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "bb",
            "word",
            "-",
            "--",
            "x-y",
            "ab-cd-ef",
            " ",
            "  ",
            "\u{2013}",
            "東",
            "😀",
            "é",
            "e\u{301}",
            "\u{200b}",
            "1500\u{2013}1518",
            "`id-00001`",
            ";",
            "\u{a0}",
            "ALLCAPS",
            "0123456789",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fill_is_textwraps(
            parts in prop::collection::vec(prop_oneof![
                8 => piece().prop_map(str::to_owned),
                1 => (1usize..130).prop_map(|n| "w".repeat(n)),
                1 => (1usize..60).prop_map(|n| "東".repeat(n)),
                1 => Just("\n".to_owned()),
            ], 0..60),
            indents in 0usize..3,
        ) {
            let text: String = parts.concat();
            let (first, first_width, rest, rest_width) = match indents {
                0 => ("  × ".to_owned(), 4, "  │ ".to_owned(), 4),
                1 => ("\x1b[36m  help: \x1b[0m".to_owned(), 8, "        ".to_owned(), 8),
                _ => ("  \x1b[33m⚠\x1b[0m ".to_owned(), 4, "  \x1b[33m│\x1b[0m ".to_owned(), 4),
            };
            let options = textwrap::Options::new(WIDTH - 2)
                .initial_indent(&first)
                .subsequent_indent(&rest)
                .word_separator(textwrap::WordSeparator::AsciiSpace);
            let mut ours = String::new();
            fill(&mut ours, &text, &first, first_width, &rest, rest_width);
            prop_assert_eq!(ours, textwrap::fill(&text, options));
        }
    }
}
