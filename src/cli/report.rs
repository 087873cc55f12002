use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::exit;
use crate::failure::{Failure, Result};
use crate::render::report_json;
use crate::report::Report;

/// The whole picture: every claim with its suggested credibility grade and
/// the reasons, the conflicts, and each source's track record.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let snapshot = store.load()?;
    let report = Report::build(&snapshot, &super::revised_claims(&store)?);
    let mut bytes = Vec::new();
    match args.format {
        Format::Json => report_json::report(&mut bytes, &report),
    }
    .map_err(io_failure)?;
    match &args.output {
        None => out.write_all(&bytes).map_err(io_failure)?,
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?,
    }
    Ok(exit::OK)
}
