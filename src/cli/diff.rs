use std::io::Write;

use super::args::{HumanJsonMarkdown as Format, HumanJsonOrMarkdown};
use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::render::diff::{self as render, Sides};
use crate::store::Store;
use crate::store::commits::{Commit, WORKTREE};
use crate::store::contents::Contents;
use crate::store::git::GitRepo;

/// Show what changed in the records between two revisions.
///
/// With no revision, compares HEAD with the working tree; with one, that
/// revision with the working tree; with two (or A..B), the two revisions;
/// A...B compares the merge base of A and B with B. Records are matched by
/// id, so a moved file is `moved`, not a removal and an addition; changes
/// are listed field by field (the `hash` field is left out: it changes
/// with any content). A record file that a side cannot read (not RON, not
/// UTF-8, over max_file_bytes) is listed as `unreadable`, with the reason,
/// and counts as a change. Exits 0 with or without changes, unless
/// --exit-code (then 1 when there are changes, as in git).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// REV_A [REV_B], or A..B, or A...B: anything `git rev-parse` accepts.
    #[arg(value_name = "REV")]
    pub revs: Vec<String>,
    /// Compare REV_A with the working tree (the default for one revision).
    #[arg(long)]
    pub worktree: bool,
    #[command(flatten)]
    pub output: HumanJsonOrMarkdown,
    /// Exit 1 when there are changes.
    #[arg(long)]
    pub exit_code: bool,
}

/// One side of the comparison.
enum Side {
    Rev(Commit),
    Worktree,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let repo = GitRepo::open(&store)?;
    let (a, b) = sides(&repo, &args.revs, args.worktree)?;
    let (old, new) = match (&a, &b) {
        (Side::Rev(x), Side::Rev(y)) => repo.diff_sides(x, y)?,
        _ => (load(&repo, &store, &a)?, load(&repo, &store, &b)?),
    };
    let changes = crate::history::record_diff::diff(&old, &new);
    exit::free_at_exit((old, new, repo));
    let sides = Sides { from: name(&a), to: name(&b) };
    match args.output.format {
        Format::Human => render::human(out, ctx.style, &sides, &changes, ctx.quiet),
        Format::Json => render::json(out, &sides, &changes),
        Format::Markdown => render::markdown(out, &sides, &changes),
    }
    .map_err(io_failure)?;
    Ok(if args.exit_code && !changes.is_empty() { exit::FINDINGS } else { exit::OK })
}

fn sides(repo: &GitRepo, revs: &[String], worktree: bool) -> Result<(Side, Side)> {
    let usage = |what: &str| {
        Failure::new(format!("diff takes {what}"))
            .with_help("claimtrail diff [REV_A] [REV_B | --worktree], or A..B, or A...B")
    };
    let rev = |r: &str| repo.resolve(if r.is_empty() { "HEAD" } else { r }).map(Side::Rev);
    match revs {
        [] => Ok((rev("HEAD")?, Side::Worktree)),
        [one] if one.contains("..") => {
            if worktree {
                return Err(usage("a range or --worktree, not both"));
            }
            match one.split_once("...") {
                Some((x, y)) => {
                    let (x, y) = (repo.resolve(or_head(x))?, repo.resolve(or_head(y))?);
                    Ok((Side::Rev(repo.merge_base(&x, &y)?), Side::Rev(y)))
                }
                None => {
                    let (x, y) = one.split_once("..").expect("contains ..");
                    Ok((rev(x)?, rev(y)?))
                }
            }
        }
        [one] => Ok((rev(one)?, Side::Worktree)),
        [_, _] if worktree => Err(usage("REV_B or --worktree, not both")),
        [x, y] => Ok((rev(x)?, rev(y)?)),
        _ => Err(usage("at most two revisions")),
    }
}

fn or_head(rev: &str) -> &str {
    if rev.is_empty() { "HEAD" } else { rev }
}

fn load(repo: &GitRepo, store: &Store, side: &Side) -> Result<Contents> {
    match side {
        Side::Rev(c) => repo.contents(c),
        Side::Worktree => Ok(store.load()?),
    }
}

fn name(side: &Side) -> &str {
    match side {
        Side::Rev(c) => &c.sha,
        Side::Worktree => WORKTREE,
    }
}
