//! Where a command's output goes: standard output, or the file named by
//! `-o`, written atomically (a reader never sees half a report, and a
//! failed run leaves the old file in place).

use std::io::{self, Write};
use std::path::Path;

use super::io_failure;
use crate::failure::{Failure, Result};
use crate::store::write::write_output;

/// Runs `render` into `out`, or into the file at `path` when one is given
/// (`-` is standard output; a device or FIFO is written in place, a FIFO
/// only once a process reads it, waiting at most
/// `store::write::FIFO_WAIT`; see `store::write::write_output`).
pub(super) fn emit(
    path: Option<&Path>,
    out: &mut dyn Write,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        None => render(out).map_err(io_failure),
        Some(path) if path == Path::new("-") => render(out).map_err(io_failure),
        Some(path) => {
            let mut bytes = Vec::new();
            render(&mut bytes).map_err(io_failure)?;
            write_output(path, &bytes)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))
        }
    }
}
