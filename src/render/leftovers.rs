//! The lines a writing command prints for the temp files of interrupted
//! writes that it removed before writing (`store::leftovers`).

use std::io::{self, Write};

use crate::render::escape::terminal::escape;
use crate::store::leftovers::Leftover;

/// One line per leftover: removed, or why it could not be.
pub(crate) fn human(out: &mut dyn Write, leftovers: &[Leftover]) -> io::Result<()> {
    for l in leftovers {
        match &l.error {
            None => writeln!(out, "removed {}, left by an interrupted run", escape(&l.rel))?,
            Some(e) => {
                writeln!(out, "cannot remove {}, left by an interrupted run: {}", escape(&l.rel), escape(e))?
            }
        }
    }
    Ok(())
}
