//! Output of `import`: each problem at its cell (`FILE:ROW:COLUMN`) with
//! its fix, then what was (or, under `--dry-run`, would be) written and
//! skipped.

use std::io::{self, Write};

use crate::export::csv_import::CellError;
use crate::finding::Severity;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;

/// A problem found at a cell: a CSV problem, or a `check` finding of the
/// record a row makes (`code` then names it).
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub error: CellError,
    pub severity: Severity,
    pub code: Option<&'static str>,
}

/// What happened to one row's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Written(String),
    /// A correction written over the record in this file (`--update`).
    Updated(String),
    /// The same record is already in the store, in this file.
    Skipped(String),
}

/// The problems, one per cell, errors first.
pub(crate) fn problems(out: &mut dyn Write, style: Style, problems: &[Problem]) -> io::Result<()> {
    for p in problems {
        let e = &p.error;
        let label = match (p.severity, p.code) {
            (Severity::Error, Some(code)) => style.red(&format!("error[{code}]")),
            (Severity::Error, None) => style.red("error"),
            (Severity::Warning, Some(code)) => style.yellow(&format!("warning[{code}]")),
            (Severity::Warning, None) => style.yellow("warning"),
        };
        writeln!(
            out,
            "{}:{}:{}: {label}: {}",
            escape(&e.cell.file),
            e.cell.row,
            escape(&e.cell.column),
            escape(&e.message)
        )?;
        writeln!(out, "  help: {}", escape(&e.help))?;
    }
    Ok(())
}

/// The files written and skipped, and a count; `dry_run` says "would".
pub(crate) fn outcomes(
    out: &mut dyn Write,
    outcomes: &[Outcome],
    dry_run: bool,
    quiet: bool,
) -> io::Result<()> {
    let (mut written, mut skipped, mut updated) = (0, 0, 0);
    for o in outcomes {
        match o {
            Outcome::Updated(rel) => {
                updated += 1;
                if !quiet {
                    let verb = if dry_run { "would correct" } else { "corrected" };
                    writeln!(out, "{verb} {} (sealed with revises)", escape(rel))?;
                }
            }
            Outcome::Written(rel) => {
                written += 1;
                if !quiet {
                    writeln!(out, "{} {}", if dry_run { "would write" } else { "wrote" }, escape(rel))?;
                }
            }
            Outcome::Skipped(rel) => {
                skipped += 1;
                if !quiet {
                    writeln!(out, "skipped {} (already there, the same)", escape(rel))?;
                }
            }
        }
    }
    let verb = if dry_run { "would write" } else { "wrote" };
    let corrected = if updated > 0 {
        format!(", {} {updated}", if dry_run { "would correct" } else { "corrected" })
    } else {
        String::new()
    };
    writeln!(
        out,
        "{verb} {written} claim{}{corrected}, skipped {skipped}",
        if written == 1 { "" } else { "s" }
    )
}

/// The line that says nothing was written, after errors.
pub(crate) fn refused(out: &mut dyn Write, errors: usize) -> io::Result<()> {
    writeln!(out, "nothing written: {errors} error{} to fix first", if errors == 1 { "" } else { "s" })
}
