//! Output of `hash`: one line per file that changed or could not be
//! handled, then a count.

use std::io::{self, Write};

use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::store::reseal_files::{Mode, Outcome};

/// The lines of `hash`; `quiet` leaves out sealed files and the count
/// (but not under `--check`, whose point is the list).
pub(crate) fn human(
    out: &mut dyn Write,
    style: Style,
    mode: Mode,
    quiet: bool,
    outcomes: &[Outcome],
) -> io::Result<()> {
    let mut sealed = 0usize;
    for o in outcomes {
        match o {
            Outcome::Skipped { rel, why } => writeln!(out, "skipped {}: {}", escape(rel), escape(why))?,
            Outcome::Failed { rel, why } => writeln!(out, "failed {}: {}", escape(rel), escape(why))?,
            Outcome::Sealed { rel, hash, first } => {
                sealed += 1;
                let verb = match (mode, first) {
                    (Mode::Check, _) => "would reseal",
                    (Mode::Write, false) => "resealed",
                    (Mode::Write, true) => "sealed",
                };
                if !quiet || mode == Mode::Check {
                    writeln!(out, "{verb} {} {}", escape(rel), style.dim(hash))?;
                }
            }
        }
    }
    if !quiet && mode == Mode::Write {
        writeln!(out, "{sealed} record{} sealed", if sealed == 1 { "" } else { "s" })?;
    }
    Ok(())
}
