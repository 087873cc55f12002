//! GitHub Actions output of `check --format github`: one workflow command
//! per finding (`::error file=…,line=…,col=…,title=CODE::message`), which
//! GitHub shows as an annotation on the pull request's lines, and the
//! markdown job summary for $GITHUB_STEP_SUMMARY.
//!
//! GitHub shows at most 10 annotations of each level per step, so under
//! `check --since` the CLI annotates only the new findings (errors first)
//! and the summary counts the others; the human report follows the
//! commands. That report quotes record
//! files, which come from pull requests: it is wrapped in
//! `::stop-commands::TOKEN` … `::TOKEN::` so that no line of a record can
//! act as a workflow command (GitHub's advice for untrusted output).

use std::io::{self, Write};

use crate::finding::{Diagnostic, Severity};
use crate::render::escape::markdown::{code, escape_cut};
use crate::render::wire::Summary;

/// The job summary is cut below this many bytes; GitHub accepts 1 MiB.
pub(crate) const SUMMARY_LIMIT: usize = 256 * 1024;
/// A message longer than this is cut in the summary table.
const CELL_CHARS: usize = 1000;

/// Writes one workflow command per finding. `prefix` is the store root
/// relative to the repository root (`""` or `"data/"`).
pub fn annotations(out: &mut dyn Write, prefix: &str, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", property(&format!("{prefix}{}", d.file)));
        if let Some(line) = d.line {
            props.push_str(&format!(",line={line}"));
            if let Some(col) = d.column {
                props.push_str(&format!(",col={col}"));
            }
        }
        props.push_str(&format!(",title={}", property(d.code.as_str())));
        let mut message = d.message.clone();
        for r in &d.related {
            message.push_str(&format!(
                "\nsee {}: {}",
                place(&format!("{prefix}{}", r.file), r.line, r.column),
                r.message
            ));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        writeln!(out, "::{command} {props}::{}", data(&message))?;
    }
    Ok(())
}

/// Opens a section in which the runner ignores workflow commands.
pub(crate) fn stop_commands(out: &mut dyn Write, token: &str) -> io::Result<()> {
    writeln!(out, "::stop-commands::{token}")
}

/// Closes the section opened by [`stop_commands`].
pub(crate) fn resume_commands(out: &mut dyn Write, token: &str) -> io::Result<()> {
    writeln!(out, "::{token}::")
}

/// The markdown job summary: counts, then a table of findings, cut well
/// below GitHub's 1 MiB with a note saying how many rows were left out.
pub(crate) fn summary(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    let mut md = String::from("## claimtrail check\n\n");
    let verdict = match (summary.errors, summary.warnings) {
        (0, 0) => "no problems".to_owned(),
        (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
    };
    md.push_str(&format!(
        "**{verdict}** in {} records ({} claims, {} sources, {} documents)\n",
        summary.records, summary.claims, summary.sources, summary.documents
    ));
    if diagnostics.iter().any(|d| d.new.is_some()) {
        md.push_str(&since_counts(diagnostics));
    }
    if diagnostics.is_empty() {
        return md;
    }
    md.push_str("\n| | code | where | record | message |\n|---|---|---|---|---|\n");
    for (shown, d) in diagnostics.iter().enumerate() {
        let row = row(d);
        if md.len() + row.len() > SUMMARY_LIMIT - 512 {
            let left = diagnostics.len() - shown;
            md.push_str(&format!(
                "\n_{left} more finding{} not shown: the summary is kept under {} KiB. \
                 The log of this step lists them all._\n",
                plural(left),
                SUMMARY_LIMIT / 1024
            ));
            return md;
        }
        md.push_str(&row);
    }
    md
}

/// Under `check --since`: how many findings are new (annotated) and how
/// many were there before (listed here only).
fn since_counts(diagnostics: &[Diagnostic]) -> String {
    let count = |severity: Severity, new: bool| {
        diagnostics.iter().filter(|d| d.severity == severity && d.is_new() == new).count()
    };
    let (new_e, new_w) = (count(Severity::Error, true), count(Severity::Warning, true));
    let (old_e, old_w) = (count(Severity::Error, false), count(Severity::Warning, false));
    format!(
        "\nNew since the base (annotated): {new_e} error{}, {new_w} warning{}. \
         Already there before: {old_e} error{}, {old_w} warning{}.\n",
        plural(new_e),
        plural(new_w),
        plural(old_e),
        plural(old_w)
    )
}

/// `file:line:col`, as far as known.
fn place(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_owned(),
    }
}

fn row(d: &Diagnostic) -> String {
    let mark = match d.severity {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
    };
    let place = place(&d.file, d.line, d.column);
    let new = if d.new == Some(true) { " (new)" } else { "" };
    format!(
        "| {mark}{new} | {} | {} | {} | {} |\n",
        d.code.as_str(),
        code(&place),
        d.id.as_deref().map(code).unwrap_or_default(),
        escape_cut(&d.message, CELL_CHARS)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A command's message: `%`, CR and LF escaped as GitHub reads them back;
/// other control characters made visible, so the log stays plain.
pub(crate) fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push_str(&crate::render::escape::terminal::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// A command's property value: as [`data`], and `:` and `,` too, which
/// would otherwise end the value.
pub(crate) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(data("::error::x\u{1b}"), "::error::x\\u{1b}");
    }

    #[test]
    fn one_command_per_finding() {
        let ds = [
            Diagnostic::new(Code::HashMismatch, "claims/a,b.ron", "changed: 50%")
                .at_position(3, 5)
                .with_help("run `claimtrail hash`"),
            Diagnostic::new(Code::Conflict, "claims/c.ron", "two\nlines"),
        ];
        let mut out = Vec::new();
        annotations(&mut out, "", &ds).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=claims/a%2Cb.ron,line=3,col=5,title=hash-mismatch::changed: 50%25%0Ahelp: run `claimtrail hash`\n\
             ::warning file=claims/c.ron,title=conflict::two%0Alines\n"
        );
    }

    #[test]
    fn summary_is_cut_with_a_note() {
        let long = "x".repeat(900);
        let ds: Vec<Diagnostic> = (0..1000)
            .map(|i| Diagnostic::new(Code::Parse, format!("claims/{i}.ron"), long.clone()))
            .collect();
        let s = Summary { records: 1000, claims: 1000, sources: 0, documents: 0, errors: 1000, warnings: 0 };
        let md = summary(&s, &ds);
        assert!(md.len() < SUMMARY_LIMIT, "{}", md.len());
        assert!(md.contains("more findings not shown"), "{}", &md[md.len() - 300..]);
        assert!(md.starts_with("## claimtrail check\n\n**1000 errors, 0 warnings**"));
    }
}
