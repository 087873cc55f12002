use std::io::Write;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::compare::groups::Analysis;
use crate::compare::track_record::track_records;
use crate::failure::Result;
use crate::render::sources;

/// Show each source's track record: its current rating, and how many of
/// the claims it makes are corroborated, contradicted, revised or
/// retracted (ranked Deprecated or reviewed False).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let snapshot = store.load()?;
    let analysis = Analysis::of(&snapshot);
    let revised = super::revised_claims(&store)?;
    let records = track_records(&snapshot, &analysis, &revised);
    match args.format {
        Format::Human => sources::human(out, ctx.style, &records),
        Format::Json => sources::json(out, &records),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
