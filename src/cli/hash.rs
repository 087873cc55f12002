use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::Result;
use crate::store::reseal_files::{Mode, Outcome};

/// Write missing or stale hashes (and `revises`), in place and atomically.
///
/// Only the `hash` and `revises` fields change: comments, field order and
/// layout stay. A file that does not parse is never rewritten. A file that
/// cannot be read or written is reported and the run goes on (exit 1).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files or folders to reseal (default: the whole store).
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit 1 if any hash would change.
    #[arg(long)]
    pub check: bool,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let mode = if args.check { Mode::Check } else { Mode::Write };
    // Writers hold the store lock from before reading until the last
    // rename; `--check` only reads.
    let lock = if args.check { None } else { Some(super::lock_store(&store)?) };
    if let Some(lock) = &lock {
        lock.report(out)?;
    }
    let walk = store.walk()?;
    let filter = super::paths::PathFilter::new(&store, &args.paths)?;
    let outcomes = store.reseal(walk, mode, &|rel| filter.matches(rel));
    crate::render::hash::human(out, ctx.style, mode, ctx.quiet, &outcomes).map_err(io_failure)?;
    let would_change = mode == Mode::Check && outcomes.iter().any(|o| matches!(o, Outcome::Sealed { .. }));
    Ok(if outcomes.iter().any(Outcome::is_failure) || would_change { exit::FINDINGS } else { exit::OK })
}
