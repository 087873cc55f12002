//! Human output of findings, through miette: the source line underlined,
//! the code, and a help line. Record text is shown with control characters
//! neutralized (see `term`), so a claim file cannot drive the terminal.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::json::Summary;
use super::style::Style;
use crate::diagnostic::{Diagnostic, Severity};

/// Writes each finding with its source context, then a summary line.
pub fn check(
    out: &mut dyn Write,
    style: Style,
    diagnostics: &[Diagnostic],
    texts: &HashMap<String, String>,
    summary: Option<Summary>,
) -> io::Result<()> {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(110).with_context_lines(1);
    for d in diagnostics {
        let text = texts.get(&d.file).map(|t| crate::term::neutralize_keep_offsets(t).into_owned());
        let report = Report { d, source: text.map(|t| NamedSource::new(d.file.clone(), t)) };
        let mut buf = String::new();
        if handler.render_report(&mut buf, &report).is_err() {
            buf = format!("{}[{}] {}: {}\n", d.severity.name(), d.code.as_str(), d.file, d.message);
        }
        out.write_all(buf.as_bytes())?;
        writeln!(out)?;
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
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

struct Report<'a> {
    d: &'a Diagnostic,
    source: Option<NamedSource<String>>,
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
        if self.d.span.is_some() && self.source.is_some() {
            f.write_str(&self.d.message)
        } else {
            write!(f, "{}: {}", self.d.file, self.d.message)
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
        self.d.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.d.span.as_ref()?;
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.d.span.clone()?;
        self.source.as_ref()?;
        let label = match &self.d.field {
            Some(f) => f.clone(),
            None => "here".to_owned(),
        };
        let span = SourceSpan::from(span.start..span.end.max(span.start));
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(label), span))))
    }
}
