use std::io::Write;

use super::args::AtDate;
use super::args::{HumanJsonMarkdown as Format, HumanJsonOrMarkdown};
use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::compare::analysis::Analysis;
use crate::compare::groups::Scope;
use crate::failure::Result;
use crate::render::conflicts::{self, revisions};
use crate::store::git::GitRepo;

/// List the claims that conflict: figures that cannot both be true.
///
/// The current claims of one subject and measure are compared: not
/// Deprecated ones, nor those reviewed False, nor those superseded by a
/// later figure of the same claimant or named in another claim's
/// `supersedes` (`--all` compares superseded claims too, every figure
/// against every other). Two figures conflict when their intervals
/// share no value; a toll that grew over time (a NonDecreasing measure,
/// later as_of, higher figure) is a revision, not a conflict, but a later
/// figure below an earlier one is a `downward-revision`. Two actors
/// conflict unless one is part of the other. The human output shows each
/// group with a conflict as a timeline. Exits 0 whether or not there are
/// conflicts (`check --deny-warnings` fails on them).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The conflicts of the store at this revision (default: the working
    /// tree).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Add the revisions of figures across the first-parent history of
    /// --rev (default HEAD): which commits moved a figure, and whether they
    /// also changed its as_of or citations. Needs the whole history.
    #[arg(long)]
    pub history: bool,
    /// Compare superseded claims too: the full record of who disagreed
    /// when, not only the figures that stand now.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub at: AtDate,
    #[command(flatten)]
    pub output: HumanJsonOrMarkdown,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let at = args.at.date()?;
    let repo = if args.rev.is_some() || args.history { Some(GitRepo::open(&store)?) } else { None };
    let (contents, history) = std::thread::scope(|scope| -> Result<_> {
        // The working tree loads on another thread while history is walked;
        // a failure to load is still the one reported first.
        let at_rev = repo.as_ref().zip(args.rev.as_deref());
        let worktree = at_rev.is_none().then(|| scope.spawn(|| store.load()));
        let history = match &repo {
            Some(repo) if args.history => {
                let changes = repo
                    .resolve(args.rev.as_deref().unwrap_or("HEAD"))
                    .and_then(|tip| repo.first_parent_changes(&tip, None));
                Some(changes.map(|c| {
                    let revisions = crate::history::revisions::revisions(&c, None);
                    exit::free_at_exit(c);
                    revisions
                }))
            }
            _ => None,
        };
        let contents = match at_rev {
            Some((repo, rev)) => repo.contents(&repo.resolve(rev)?)?,
            None => worktree
                .expect("the working tree loads when no revision is asked for")
                .join()
                .expect("loading the store does not panic")?,
        };
        Ok((contents, history.transpose()?))
    })?;
    let contents = super::known_at(contents, at);
    let scope = if args.all { Scope::All } else { Scope::Current };
    let analysis = Analysis::compared(&contents, scope);
    match args.output.format {
        Format::Human => {
            conflicts::human(out, ctx.style, &analysis, ctx.quiet).and_then(|()| match &history {
                Some(h) => writeln!(out).and_then(|()| revisions::human(out, ctx.style, h)),
                None => Ok(()),
            })
        }
        Format::Json => {
            let wire = history.as_deref().map(revisions::wire).unwrap_or_default();
            conflicts::json(out, &analysis, &wire)
        }
        Format::Markdown => conflicts::markdown(out, &analysis).and_then(|()| match &history {
            Some(h) => revisions::markdown(out, h),
            None => Ok(()),
        }),
    }
    .map_err(io_failure)?;
    exit::free_at_exit((contents, repo));
    Ok(exit::OK)
}
