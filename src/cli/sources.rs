use std::io::Write;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::compare::analysis::Analysis;
use crate::compare::track_record::track_records;
use crate::failure::Result;
use crate::render::sources;

/// Show each source's track record: its current rating, and how many of
/// the claims it makes are corroborated, contradicted, revised or
/// retracted (ranked Deprecated or reviewed False). With --at, as the
/// store could be known at a date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The store as it could be known at DATE: only citations of documents
    /// published on or before DATE (its end, for a partial date), only the
    /// claims left with a citation, and only the ratings given by then (a
    /// source rated only later is unrated at DATE).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
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
    let at = super::at_date(args.at.as_deref())?;
    let snapshot = super::known_at(store.load()?, at);
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
