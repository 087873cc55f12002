//! Human output of findings, through miette: the source line underlined,
//! the code, a help line, and the related places (the other claim of a
//! conflict) each with its own source line. Findings come in the order
//! given (errors first), and the report ends with the files that have
//! errors, so a long run of warnings does not hide them. Record text is shown with control characters
//! neutralized (see `term`), so a claim file cannot drive the terminal.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use rayon::prelude::*;

use super::snippet::Snippet;
use crate::finding::{Diagnostic, Related, Severity};
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::Summary;

/// Lines of source shown before and after a finding's span.
const CONTEXT: usize = 1;

/// Writes each finding with its source context, then a summary line.
pub fn check(
    out: &mut dyn Write,
    style: Style,
    diagnostics: &[Diagnostic],
    texts: &HashMap<String, String>,
    summary: Option<Summary>,
) -> io::Result<()> {
    let handler = handler(style.color);
    // Laid out on all cores a chunk at a time, written in order: a long
    // run's layout is most of its time, and a chunk bounds what is held.
    for chunk in diagnostics.chunks(RENDER_CHUNK) {
        let laid_out: Vec<String> =
            chunk.par_iter().map(|d| render(&handler, style.color, d, texts)).collect();
        for text in laid_out {
            out.write_all(text.as_bytes())?;
        }
    }
    if let Some(s) = summary {
        let counts = format!(
            "{} record{} ({} claim{}, {} source{}, {} document{})",
            s.records,
            plural(s.records),
            s.claims,
            plural(s.claims),
            s.sources,
            plural(s.sources),
            s.documents,
            plural(s.documents)
        );
        let verdict = match (s.errors, s.warnings) {
            (0, 0) => style.green("no problems"),
            (0, w) => style.yellow(&format!("{w} warning{}", plural(w))),
            (e, w) => style.red(&format!("{e} error{}, {w} warning{}", plural(e), plural(w))),
        };
        // With --since: how many of them are new.
        let new = match diagnostics.iter().filter(|d| d.new == Some(true)).count() {
            _ if diagnostics.iter().all(|d| d.new.is_none()) => String::new(),
            n => format!(" ({n} new)"),
        };
        writeln!(out, "checked {counts}: {verdict}{new}")?;
        files_with_errors(out, style, diagnostics)?;
    }
    Ok(())
}

/// miette's layout, for the findings the direct writer (`layout`) leaves
/// to it.
pub(super) fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // Text is wrapped at ASCII spaces: the Unicode line-break rules cost
    // more than the rest of the layout on long runs, and a record's text
    // breaks at its spaces either way.
    GraphicalReportHandler::new_themed(theme)
        .with_width(super::layout::WIDTH)
        .with_context_lines(CONTEXT)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
}

/// Findings laid out at once before they are written.
const RENDER_CHUNK: usize = 512;

/// One finding laid out by miette, with the blank line that follows it.
fn render(
    handler: &GraphicalReportHandler,
    color: bool,
    d: &Diagnostic,
    texts: &HashMap<String, String>,
) -> String {
    let report = Report::new(d, texts);
    let mut buf = String::with_capacity(2048);
    if super::layout::write(&mut buf, &report, color) {
        buf.push('\n');
        return buf;
    }
    buf.clear();
    if handler.render_report(&mut buf, &report).is_err() {
        buf = format!("{}[{}] {}: {}\n", d.severity.name(), d.code.as_str(), report.file, report.message);
    }
    buf.push('\n');
    buf
}

/// The closing list of files that have errors, in the order of their first
/// error.
fn files_with_errors(out: &mut dyn Write, style: Style, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let mut files: Vec<&str> = Vec::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        if !files.contains(&d.file.as_str()) {
            files.push(&d.file);
        }
    }
    if files.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", style.red(&format!("file{} with errors:", plural(files.len()))))?;
    for file in files {
        writeln!(out, "  {}", escape(file))?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One finding made safe to show: its texts escaped, its span moved onto
/// the escaped source.
pub(super) struct Report<'a> {
    pub(super) d: &'a Diagnostic,
    pub(super) file: String,
    pub(super) message: String,
    pub(super) help: Option<String>,
    pub(super) label: String,
    pub(super) span: Option<SourceSpan>,
    pub(super) source: Option<Snippet>,
    pub(super) related: Vec<RelatedReport>,
}

impl<'a> Report<'a> {
    pub(super) fn new(d: &'a Diagnostic, texts: &HashMap<String, String>) -> Report<'a> {
        let file = escape(&d.file).into_owned();
        let (source, span) = snippet(&file, d.span.clone(), d.line, texts.get(&d.file)).unzip();
        Report {
            d,
            message: escape(&d.message).into_owned(),
            help: d.help.as_deref().map(|h| escape(h).into_owned()),
            label: escape(d.field.as_deref().unwrap_or("here")).into_owned(),
            span,
            source,
            related: d.related.iter().map(|r| RelatedReport::new(r, texts)).collect(),
            file,
        }
    }
}

/// The lines to show for a span of a file, when there is a span and the
/// file was read.
fn snippet(
    file: &str,
    span: Option<Range<usize>>,
    line: Option<usize>,
    text: Option<&String>,
) -> Option<(Snippet, SourceSpan)> {
    span.zip(text).and_then(|(span, text)| Snippet::new(file.to_owned(), text, span, line, CONTEXT))
}

/// A related place, shown under its finding as miette's related report.
pub(super) struct RelatedReport {
    pub(super) file: String,
    pub(super) message: String,
    pub(super) label: String,
    pub(super) place: Option<(usize, usize)>,
    pub(super) span: Option<SourceSpan>,
    pub(super) source: Option<Snippet>,
}

impl RelatedReport {
    fn new(r: &Related, texts: &HashMap<String, String>) -> RelatedReport {
        let file = escape(&r.file).into_owned();
        let (source, span) = snippet(&file, r.span.clone(), r.line, texts.get(&r.file)).unzip();
        RelatedReport {
            message: escape(&r.message).into_owned(),
            label: escape(r.field.as_deref().unwrap_or("here")).into_owned(),
            place: r.line.zip(r.column),
            span,
            source,
            file,
        }
    }
}

impl fmt::Debug for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RelatedReport").field("file", &self.file).finish_non_exhaustive()
    }
}

impl fmt::Display for RelatedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.span, self.place) {
            (Some(_), _) => f.write_str(&self.message),
            (None, Some((line, col))) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            (None, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RelatedReport {}

impl miette::Diagnostic for RelatedReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span?;
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.clone()), span))))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("d", &self.d).finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.d.new == Some(true) {
            f.write_str("[new] ")?;
        }
        match (self.span, self.d.line, self.d.column) {
            (Some(_), _, _) => f.write_str(&self.message),
            (None, Some(line), Some(col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            (None, _, _) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span?;
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.clone()), span))))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    /// What no record text may smuggle into human output.
    fn assert_inert(out: &str) {
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "raw controls {bad:?} in:\n{out}");
    }

    #[test]
    fn record_text_is_escaped_everywhere() {
        let file = "claims/\u{1b}[31mred/x\u{9b}.ron";
        let text = "Claim(\r\n  id: \"a\u{1b}]0;title\u{7}\",\r\n  note: \"\u{202e}evil\u{9b}2J\",\r\n)\r\n";
        let mut d = Diagnostic::new(Code::BadId, file, "`a\u{1b}]0;title\u{7}` is not a valid id")
            .at_field("id\u{1b}")
            .with_help("try \u{9b}31m");
        let start = text.find("\"a").expect("id value");
        d.span = Some(start..start + 16);
        let texts = [(file.to_owned(), text.to_owned())].into_iter().collect();
        let mut out = Vec::new();
        check(&mut out, Style::PLAIN, &[d], &texts, None).expect("render");
        let out = String::from_utf8(out).expect("UTF-8");
        assert_inert(&out);
        assert!(out.contains("claims/\\u{1b}[31mred/x\\u{9b}.ron:2:7"), "{out}");
        assert!(out.contains("id: \"a\\u{1b}]0;title\\u{7}\""), "{out}");
        assert!(out.contains("note: \"\\u{202e}evil\\u{9b}2J\""), "{out}");
        assert!(out.contains("try \\u{9b}31m"), "{out}");
    }

    #[test]
    fn long_lines_are_not_shown() {
        // miette panicked ("Formatting argument out of range") past 65,535 columns.
        let text = format!("Claim(id: \"{}\", x: 1)\n", "a".repeat(100_000));
        let at = text.find("x:").unwrap();
        let mut d = Diagnostic::new(Code::Parse, "claims/a.ron", "unknown field").at_position(1, at + 1);
        d.span = Some(at..at + 1);
        let texts = [("claims/a.ron".to_owned(), text)].into_iter().collect();
        let mut out = Vec::new();
        check(&mut out, Style::PLAIN, &[d], &texts, None).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(&format!("claims/a.ron:1:{}: unknown field", at + 1)), "{out}");
        assert!(out.len() < 500, "{out}");
    }

    #[test]
    fn only_own_styling_emits_escapes() {
        let d = Diagnostic::new(Code::Parse, "claims/a.ron", "x");
        let summary = Summary::new(1, 0, 0, crate::finding::Tally { errors: 1, warnings: 0 });
        let mut plain = Vec::new();
        check(&mut plain, Style::PLAIN, std::slice::from_ref(&d), &HashMap::new(), Some(summary)).unwrap();
        assert!(!plain.contains(&0x1b));
        let mut coloured = Vec::new();
        check(&mut coloured, Style { color: true }, &[d], &HashMap::new(), Some(summary)).unwrap();
        assert!(coloured.contains(&0x1b));
    }

    #[test]
    fn findings_keep_their_order_across_chunks() {
        let findings: Vec<Diagnostic> = (0..RENDER_CHUNK * 2 + 7)
            .map(|i| Diagnostic::new(Code::Parse, format!("claims/f{i:05}.ron"), format!("finding {i:05}")))
            .collect();
        let mut out = Vec::new();
        check(&mut out, Style::PLAIN, &findings, &HashMap::new(), None).unwrap();
        let out = String::from_utf8(out).unwrap();
        let seen: Vec<&str> = out.lines().filter_map(|l| l.split("finding ").nth(1)).collect();
        let expected: Vec<String> = (0..findings.len()).map(|i| format!("{i:05}")).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_range_is_not_broken_at_its_dash() {
        // The Unicode line-break rules allow a break after an en dash.
        let message = "conflicts with claim `contested-00012-wounded-000101` (downward-revision): 535 as of \
                       2024-06-05 vs 1500\u{2013}1518 as of 2024-06-03; a later figure is below an earlier one";
        let text = "Claim(\n    value: Exact(535),\n)\n";
        let mut d = Diagnostic::new(Code::Conflict, "claims/a.ron", message).at_position(2, 12);
        d.span = Some(16..26);
        let texts = [("claims/a.ron".to_owned(), text.to_owned())].into_iter().collect();
        let mut out = Vec::new();
        check(&mut out, Style::PLAIN, &[d], &texts, None).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("1500\u{2013}1518"), "{out}");
    }
}
