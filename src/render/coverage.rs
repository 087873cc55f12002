//! Output of `coverage`: every figure of a document's snapshot, the
//! uncovered ones first, each under its line and column with its sentence
//! and the figure underlined (human), or the version-1 JSON of docs/reference.md
//! section 9. Snapshot text is escaped here, once, for the target; the
//! sentences are shaped here too (whitespace runs as one space, `…` where
//! cut), so both formats show the same sentence.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::check::coverage::{Coverage, FigureCoverage};
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{CoverageOutput, VERSION, WireDate, WireFigure, write_value};
use crate::text::figures::DateKind;

/// Characters of sentence shown before a figure in human output at most.
const SHOWN_BEFORE: usize = 60;

/// Width that human output keeps sentences to, where it can.
const WIDTH: usize = 100;

/// Indent of the sentence lines under a figure.
const INDENT: &str = "      ";

/// `coverage`, for people: a section of uncovered figures, one of covered
/// figures with the claims that cover them, then the years and dates.
pub fn human(out: &mut dyn Write, style: Style, coverage: &Coverage, quiet: bool) -> io::Result<()> {
    let uncovered = coverage.figures.iter().filter(|f| f.claims.is_empty()).count();
    let covered = coverage.figures.len() - uncovered;
    if !quiet {
        writeln!(
            out,
            "{} {} (sources/snapshots/{})\n",
            style.bold("coverage of"),
            style.bold(&escape(coverage.document)),
            escape(coverage.snapshot)
        )?;
    }
    let (open, closed) = coverage.figures.split_at(uncovered);
    for (title, figures, is_covered) in [("not covered", open, false), ("covered", closed, true)] {
        if figures.is_empty() {
            continue;
        }
        let title = format!("{title} ({})", count(figures.len(), "figure"));
        writeln!(out, "{}", if is_covered { style.green(&title) } else { style.yellow(&title) })?;
        for f in figures {
            figure(out, style, coverage.text, f)?;
        }
        writeln!(out)?;
    }
    if !coverage.dates.is_empty() {
        writeln!(out, "{}", style.bold(&format!("years and dates ({})", coverage.dates.len())))?;
        for d in &coverage.dates {
            let at = format!("{}:{}", d.at.line, d.at.column);
            writeln!(out, "  {}  {}", style.dim(&at), escape(&collapse(&coverage.text[d.span.clone()])))?;
        }
        writeln!(out)?;
    }
    if !quiet {
        writeln!(
            out,
            "{}: {} not covered, {} covered; {}",
            count(coverage.figures.len(), "figure"),
            uncovered,
            covered,
            match coverage.dates.len() {
                1 => "1 year or date".to_owned(),
                n => format!("{n} years and dates"),
            }
        )?;
    }
    Ok(())
}

/// `coverage --format json`.
pub fn json(out: &mut dyn Write, coverage: &Coverage) -> io::Result<()> {
    let figures = coverage
        .figures
        .iter()
        .map(|f| {
            let shown = Shown::of(coverage.text, f);
            WireFigure {
                text: escape(&coverage.text[f.span.clone()]),
                value: f.value,
                line: f.at.line,
                column: f.at.column,
                sentence: escape(&format!("{}{}{}", shown.before, shown.figure, shown.after)).into_owned(),
                claims: &f.claims,
            }
        })
        .collect();
    let dates = coverage
        .dates
        .iter()
        .map(|d| WireDate {
            text: escape(&coverage.text[d.span.clone()]),
            line: d.at.line,
            column: d.at.column,
            kind: match d.kind {
                DateKind::Year => "year",
                DateKind::Date => "date",
            },
        })
        .collect();
    let output = CoverageOutput {
        version: VERSION,
        document: coverage.document,
        snapshot: coverage.snapshot,
        figures,
        dates,
    };
    write_value(out, &output)
}

/// One figure: where, what, which claims; its sentence with the figure
/// underlined.
fn figure(out: &mut dyn Write, style: Style, text: &str, f: &FigureCoverage) -> io::Result<()> {
    let at = format!("{}:{}", f.at.line, f.at.column);
    let written = escape(&collapse(&text[f.span.clone()])).into_owned();
    let claims: Vec<Cow<str>> = f.claims.iter().map(|c| escape(c)).collect();
    let claims = if claims.is_empty() { String::new() } else { format!("  {}", claims.join(", ")) };
    writeln!(out, "  {}  {}{}", style.dim(&at), style.bold(&written), claims)?;
    let shown = Shown::of(text, f);
    let (before, figure, after) =
        (escape(&shown.before).into_owned(), escape(&shown.figure).into_owned(), escape(&shown.after));
    let before = keep_last(&before, SHOWN_BEFORE);
    let room = WIDTH.saturating_sub(INDENT.len() + width(&before) + width(&figure)).max(20);
    let after = keep_first(&after, room);
    let marked = if f.claims.is_empty() { style.yellow(&figure) } else { style.green(&figure) };
    writeln!(out, "{INDENT}{before}{marked}{after}")?;
    let underline = "─".repeat(width(&figure).max(1));
    let underline = if f.claims.is_empty() { style.yellow(&underline) } else { style.green(&underline) };
    writeln!(out, "{INDENT}{}{underline}", " ".repeat(width(&before)))
}

/// A figure's sentence in three parts, whitespace runs as one space, with
/// `…` where the analysis cut the sentence short.
struct Shown {
    before: String,
    figure: String,
    after: String,
}

impl Shown {
    fn of(text: &str, f: &FigureCoverage) -> Shown {
        let s = &f.sentence;
        let mut before = collapse(&text[s.range.start..f.span.start]);
        if s.cut_before {
            before.insert(0, '…');
        }
        let mut after = collapse(&text[f.span.end..s.range.end]);
        if s.cut_after {
            after.push('…');
        }
        Shown { before, figure: collapse(&text[f.span.clone()]), after }
    }
}

/// `text` with every run of whitespace as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Columns a shown text takes: one a character (figures and the
/// sentences of news copy are rarely double width).
fn width(text: &str) -> usize {
    text.chars().count()
}

/// The end of `text` in at most `n` characters, after `…` if any were
/// left out, cut at a space where one is near.
fn keep_last(text: &str, n: usize) -> String {
    let len = width(text);
    if len <= n {
        return text.to_owned();
    }
    let kept: String = text.chars().skip(len - (n - 1)).collect();
    let kept = match kept.find(' ') {
        Some(at) if at <= kept.len() / 2 => kept[at + 1..].to_owned(),
        _ => kept,
    };
    format!("…{kept}")
}

/// The start of `text` in at most `n` characters, then `…` if any were
/// left out, cut at a space where one is near.
fn keep_first(text: &str, n: usize) -> String {
    if width(text) <= n {
        return text.to_owned();
    }
    let kept: String = text.chars().take(n - 1).collect();
    let kept = match kept.rfind(' ') {
        Some(at) if at >= kept.len() / 2 => &kept[..at],
        _ => &kept,
    };
    format!("{kept}…")
}

/// "1 figure", "3 figures".
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_cut_at_spaces() {
        assert_eq!(keep_last("short", 10), "short");
        assert_eq!(keep_last("one two three four", 12), "…three four");
        assert_eq!(keep_first("one two three four", 12), "one two…");
        assert_eq!(keep_first("abcdefghijklmnop", 6), "abcde…");
        assert_eq!(collapse("a \u{a0}\n b\tc"), "a b c");
    }
}
