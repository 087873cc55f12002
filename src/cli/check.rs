use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::finding::{Code, Diagnostic, Severity, Tally, locate};
use crate::model::RecordKind;
use crate::render::check::{github, human, json, sarif};
use crate::render::style::Style;
use crate::store::Store;
use crate::store::git::GitRepo;
use crate::store::snapshot::Snapshot;

/// Validate the store: records, references, hashes, snapshots and quotes.
///
/// Exits 0 when there are no errors, 1 when there are (or warnings under
/// --deny-warnings), 2 when the store cannot be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Report only findings in these files or folders (the whole store is
    /// still loaded, to resolve references).
    pub paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Mark findings that are new since REV (since the merge base of REV
    /// and HEAD), and report the unexplained revisions made since it.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Explain a finding code (e.g. `hash-mismatch`) and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations, then the human report; writes a job
    /// summary to $GITHUB_STEP_SUMMARY when it is set.
    Github,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    if let Some(name) = &args.explain {
        return explain(name, out);
    }
    let store = ctx.store()?;
    let snapshot = store.load()?;
    let mut diagnostics = crate::check::check(&snapshot);
    if let Some(rev) = &args.since {
        since(&store, rev, &snapshot, &mut diagnostics)?;
    }
    let filter = super::paths::PathFilter::new(&store, &args.paths)?;
    if !filter.is_all() {
        diagnostics.retain(|d| filter.matches(&d.file));
    }
    let texts = locate(&mut diagnostics, |f| store.read_text(f));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let tally = Tally::of(&diagnostics);
    let summary = crate::render::wire::Summary::new(
        snapshot.count(RecordKind::Claim),
        snapshot.count(RecordKind::Source),
        snapshot.count(RecordKind::Document),
        tally,
    );
    exit::free_at_exit(snapshot);
    let style = if args.output.is_some() { Style::PLAIN } else { ctx.style };
    let shown = (!ctx.quiet).then_some(summary);
    super::output::emit(args.output.as_deref(), out, |out| match args.format {
        Format::Human => human::check(out, style, &diagnostics, &texts, shown),
        Format::Json => json::check(out, summary, &diagnostics),
        Format::Sarif => sarif::check(out, env!("CARGO_PKG_VERSION"), &store.repo_prefix(), &diagnostics),
        Format::Github => {
            github::annotations(out, &store.repo_prefix(), &diagnostics)?;
            if diagnostics.is_empty() {
                return human::check(out, Style::PLAIN, &diagnostics, &texts, shown);
            }
            // The report quotes record files: no line of theirs may act as a command.
            let token = stop_token();
            github::stop_commands(out, &token)?;
            human::check(out, Style::PLAIN, &diagnostics, &texts, shown)?;
            github::resume_commands(out, &token)
        }
    })?;
    if args.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let md = github::summary(&summary, &diagnostics);
        crate::store::write::append(std::path::Path::new(&path), md.as_bytes())
            .map_err(|e| Failure::new(format!("cannot write the job summary to {}: {e}", path.display())))?;
    }
    Ok(status(&diagnostics, args.deny_warnings))
}

/// `--since`: marks what is new relative to the merge base of REV and
/// HEAD, and adds the unexplained revisions made since it (the working
/// tree's changes included).
fn since(store: &Store, rev: &str, now: &Snapshot, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let repo = GitRepo::open(store)?;
    repo.require_full_history()?;
    let target = repo.resolve(rev)?;
    let head = repo.resolve("HEAD")?;
    let base = repo.merge_base(&target, &head)?;
    let base_findings = crate::check::check(&repo.snapshot(&base)?);
    let walk = repo.first_parent_changes(&head, Some(&base))?;
    let revisions = crate::history::revisions::revisions(&walk, Some(now));
    diagnostics.extend(crate::history::since::unexplained(&revisions, now));
    crate::history::since::mark_new(diagnostics, &base_findings);
    Ok(())
}

/// The exit status for a set of findings.
pub fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    let failing = diagnostics.iter().any(|d| d.severity == Severity::Error || deny_warnings);
    if failing { exit::FINDINGS } else { exit::OK }
}

/// A token no record author can guess, for `::stop-commands::`: std's
/// hasher keys are drawn at random for each process.
fn stop_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut token = String::from("claimtrail-");
    for _ in 0..2 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        token.push_str(&format!("{:016x}", h.finish()));
    }
    token
}

fn explain(name: &str, out: &mut dyn Write) -> Result<u8> {
    let code = Code::from_name(name).ok_or_else(|| {
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        Failure::new(format!("no finding code `{}`", name)).with_help(format!("codes: {}", all.join(", ")))
    })?;
    writeln!(
        out,
        "{} ({})\n\n{}\n\n{}",
        code.as_str(),
        code.severity().name(),
        code.summary(),
        code.explanation()
    )
    .map_err(io_failure)?;
    Ok(exit::OK)
}
