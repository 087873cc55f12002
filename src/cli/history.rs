use std::io::Write;

use super::args::{HumanJson as Format, HumanOrJson};
use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::history::versions::{Selector, all_ids, versions};
use crate::render::history as render;
use crate::store::git::GitRepo;

/// Show every version of a claim across commits.
///
/// Walks the first-parent history of --rev (default HEAD), oldest first,
/// following the record by its id across renames and moves. Each version
/// gives its commit, time, author, path, change (added, modified, moved,
/// deleted), value and hash. `history SUBJECT/MEASURE` shows every claim of
/// that group. Needs the whole history: a shallow clone is an error.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A record id, or SUBJECT/MEASURE for every claim of a group.
    pub target: String,
    /// The revision whose history is walked.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub rev: String,
    #[command(flatten)]
    pub output: HumanOrJson,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let repo = GitRepo::open(&store)?;
    let tip = repo.resolve(&args.rev)?;
    let selector = Selector::parse(&args.target);
    // One record by id reads only the files that held it, when the walk
    // index can say which; otherwise (or to suggest ids) the whole walk.
    let one = match &selector {
        Selector::Id(id) => repo.changes_of_id(&tip, id)?,
        _ => None,
    };
    let mut found = one.as_deref().map(|walk| versions(walk, &selector)).unwrap_or_default();
    let mut walk = Vec::new();
    if found.is_empty() {
        walk = repo.first_parent_changes(&tip, None)?;
        found = versions(&walk, &selector);
    }
    if found.is_empty() {
        let shown = &args.target;
        let rev = &args.rev;
        let f = match &selector {
            Selector::Id(id) => {
                let ids = all_ids(&walk);
                Failure::new(format!(
                    "no record `{shown}` in the history of {rev}{}",
                    crate::text::suggest::did_you_mean(id, ids.iter().map(String::as_str))
                ))
            }
            _ => Failure::new(format!("no claim of `{shown}` in the history of {rev}")),
        };
        return Err(f.with_help("history shows committed versions; commit the record first"));
    }
    match args.output.format {
        Format::Json => render::json(out, &found),
        Format::Human => {
            let grouped = !matches!(selector, Selector::Id(_));
            render::human(out, ctx.style, &args.target, &found, grouped)
        }
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
