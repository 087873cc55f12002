use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::Ctx;
use super::args::AtDate;
use super::output::emit;
use crate::cli::exit;
use crate::compare::groups::Scope;
use crate::compare::report::Report;
use crate::failure::Result;
use crate::render::report::{html as report_html, json as report_json, markdown as report_markdown};
use crate::store::git::GitRepo;

/// The whole picture: every claim with its suggested credibility grade and
/// the reasons, the conflicts, and each source's track record.
///
/// HTML (the default) is one self-contained page with a timeline chart per
/// subject and measure; it loads nothing and runs no script. Markdown suits
/// a pull-request comment and stays under GitHub's 65,536 characters.
/// Without --format, the extension of FILE decides (.json, .md), else HTML.
/// --rev reports on a commit instead of the working tree; --at on the
/// store as it could be known at a date.
/// Example: `claimtrail report -o report.html`,
/// `claimtrail report --at 2024-01-04 --format markdown`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format [default: from FILE's extension, else html].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare and grade superseded claims too, every figure against every
    /// other (by default only the current figures are compared; superseded
    /// ones are shown, marked with what superseded them).
    #[arg(long)]
    pub all: bool,
    /// Report on the store at this revision (default: the working tree);
    /// revised counts and the recent history follow its history.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[command(flatten)]
    pub at: AtDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Html,
    Markdown,
    Json,
}

/// How many of the latest claim changes the report lists.
const RECENT: usize = 30;

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let at = args.at.date()?;
    // In git: revisions count in the sources' track records, and the
    // latest changes are listed. Outside git there are none (docs/reference.md section 9).
    let (contents, walk) = match &args.rev {
        None => (store.load()?, super::git_history::walk(&store)?),
        Some(rev) => {
            let repo = GitRepo::open(&store)?;
            let commit = repo.resolve(rev)?;
            (repo.contents(&commit)?, Some(super::git_history::walk_of(&repo, &commit)?))
        }
    };
    let contents = super::known_at(contents, at);
    let revised = walk.as_deref().map(super::git_history::revised).unwrap_or_default();
    let recent = walk.as_deref().map(|w| super::git_history::recent(w, RECENT));
    let scope = if args.all { Scope::All } else { Scope::Current };
    let report = Report::build_in(&contents, &revised, scope);
    let format = args.format.unwrap_or_else(|| by_extension(args.output.as_deref()));
    let title = store.config.title.clone().unwrap_or_else(|| {
        store
            .root
            .file_name()
            .map_or_else(|| store.root.display().to_string(), |n| n.to_string_lossy().into_owned())
    });
    emit(args.output.as_deref(), out, |out| match format {
        Format::Html => report_html::report(out, &report, &title, recent.as_deref()),
        Format::Markdown => report_markdown::report(out, &report, &title, recent.as_deref()),
        Format::Json => report_json::report(out, &report),
    })?;
    Ok(exit::OK)
}

fn by_extension(path: Option<&Path>) -> Format {
    let ext = path.and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Format::Json,
        Some("md" | "markdown") => Format::Markdown,
        _ => Format::Html,
    }
}
