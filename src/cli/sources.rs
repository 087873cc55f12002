use std::io::Write;

use super::args::AtDate;
use super::args::{HumanJson as Format, HumanOrJson};
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
pub(crate) struct Args {
    #[command(flatten)]
    pub at: AtDate,
    #[command(flatten)]
    pub output: HumanOrJson,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let at = args.at.date()?;
    let contents = super::known_at(store.load()?, at);
    let analysis = Analysis::of(&contents);
    let revised = super::revised_claims(&store)?;
    let records = track_records(&contents, &analysis, &revised);
    match args.output.format {
        Format::Human => sources::human(out, ctx.style, &records),
        Format::Json => sources::json(out, &records),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
