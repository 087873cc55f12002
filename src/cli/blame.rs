use std::io::Write;

use super::args::{HumanJson as Format, HumanOrJson};
use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::history::blame::{NoBlame, blame};
use crate::history::versions::all_ids;
use crate::render::blame as render;
use crate::store::git::GitRepo;

/// Show who set each field of a claim, and when.
///
/// For each field of the record's version at --rev (default HEAD), the
/// commit that last set its value: its sha, time (the author's clock),
/// author and summary. The first-parent history is walked oldest first and
/// the record is followed by its id across renames and moves, so a move
/// sets no field; a change of layout or comments sets nothing either. As
/// in `history`, a merged branch's edits belong to its merge commit.
/// Uncommitted changes are not shown: commit first, or use `claimtrail
/// diff`. Needs the whole history: a shallow clone is an error.
///
/// Example: `claimtrail blame kerman-killed-vahidi-84 --format json`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The id of a claim (or of any record).
    pub id: String,
    /// The revision whose version is blamed.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub rev: String,
    #[command(flatten)]
    pub output: HumanOrJson,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let repo = GitRepo::open(&store)?;
    let tip = repo.resolve(&args.rev)?;
    // The walk index names the commits that touched the id; without it,
    // or to suggest ids, the whole walk.
    let mut found = match repo.changes_of_id(&tip, &args.id)? {
        Some(walk) => blame(&walk, &args.id),
        None => Err(NoBlame::Unknown),
    };
    let mut walk = Vec::new();
    if found == Err(NoBlame::Unknown) {
        walk = repo.first_parent_changes(&tip, None)?;
        found = blame(&walk, &args.id);
    }
    let fields = found.map_err(|why| match why {
        NoBlame::Unknown => Failure::new(format!(
            "no record `{}` in the history of {}{}",
            args.id,
            args.rev,
            crate::text::suggest::did_you_mean(&args.id, all_ids(&walk).iter().map(String::as_str))
        ))
        .with_help("blame shows committed versions; commit the record first"),
        NoBlame::Deleted(commit) => Failure::new(format!(
            "`{}` was deleted by commit {} ({}) and is not at {}",
            args.id,
            commit.short(),
            commit.summary,
            args.rev
        ))
        .with_help(format!("blame a revision before it: --rev {}~1", commit.short())),
    })?;
    match args.output.format {
        Format::Json => render::json(out, &args.id, &fields),
        Format::Human => render::human(out, ctx.style, &args.id, &args.rev, &fields),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
