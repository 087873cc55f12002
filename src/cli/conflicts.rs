use std::io::Write;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::analysis::Analysis;
use crate::exit;
use crate::failure::Result;
use crate::render::{conflicts, report_json};

/// List the claims that conflict: figures that cannot both be true.
///
/// Claims of one subject and measure are compared (not Deprecated ones,
/// nor those reviewed False). Two figures conflict when their intervals
/// share no value; a toll that grew over time (a NonDecreasing measure,
/// later as_of, higher figure) is a revision, not a conflict, but a later
/// figure below an earlier one is a `downward-revision`. Two actors
/// conflict unless one is part of the other. The human output shows each
/// group with a conflict as a timeline. Exits 0 whether or not there are
/// conflicts (`check --deny-warnings` fails on them).
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
    Markdown,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let snapshot = ctx.store()?.load()?;
    let analysis = Analysis::of(&snapshot);
    match args.format {
        Format::Human => conflicts::human(out, ctx.style, &analysis, ctx.quiet),
        Format::Json => report_json::conflicts(out, &analysis.conflicts, &[]),
        Format::Markdown => conflicts::markdown(out, &analysis),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
