use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::check::check_since::{BaseCheck, check_since};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::finding::{Code, Diagnostic, Severity, Tally, locate_keeping};
use crate::model::RecordKind;
use crate::render::check::{github, human, json, sarif};
use crate::render::style::Style;
use crate::store::Store;
use crate::store::contents::Contents;
use crate::store::git::GitRepo;

/// Validate the store: records, references, hashes, snapshots and quotes.
///
/// Exits 0 when there are no errors, 1 when there are (or warnings under
/// --deny-warnings), 2 when the store cannot be read.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Report only findings in these files or folders (the whole store is
    /// still loaded, to resolve references).
    pub paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too; with --since, on new warnings only.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Show only the findings that are new since REV (needs --since).
    #[arg(long, requires = "since")]
    pub only_new: bool,
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
pub(crate) enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (with --since, of new findings only),
    /// then the human report; writes a job summary to
    /// $GITHUB_STEP_SUMMARY when it is set.
    Github,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    if let Some(name) = &args.explain {
        return explain(name, out);
    }
    let store = ctx.store()?;
    let (contents, mut diagnostics) = match &args.since {
        Some(rev) => {
            let base_check = match std::env::var_os(SINCE_SCOPE_ENV) {
                Some(v) if v == "off" => BaseCheck::Whole,
                _ => BaseCheck::Scoped,
            };
            let since = check_since(&store, rev, base_check)?;
            // The base's records and findings, and the repository's parsed
            // blobs: left to the OS at exit.
            exit::free_at_exit(since.spent);
            (since.contents, since.findings)
        }
        None => {
            let contents = store.load()?;
            let diagnostics = crate::check::check(&contents);
            (contents, diagnostics)
        }
    };
    let filter = super::paths::PathFilter::new(&store, &args.paths)?;
    if !filter.is_all() {
        diagnostics.retain(|d| filter.matches(&d.file));
    }
    if diagnostics.iter().any(|d| d.code == Code::HashMismatch)
        && let Some(head) = head_snapshot(&store)
    {
        crate::history::sealed::explain(&mut diagnostics, &contents, &head, |f| store.read_text(f));
    }
    // The verdict and the counts are the store's, whatever is shown.
    let status = status(&diagnostics, args.deny_warnings);
    let tally = Tally::of(&diagnostics);
    if args.only_new {
        diagnostics.retain(Diagnostic::is_new);
    }
    let summary = crate::render::wire::Summary::new(
        contents.count(RecordKind::Claim),
        contents.count(RecordKind::Source),
        contents.count(RecordKind::Document),
        tally,
    );
    // The records are done with: the findings hold what is written. The
    // array of entries (a third of the records' memory, one block) goes
    // back before locating and writing, which would otherwise add their
    // memory to it; the records' own strings are left to exit, as the
    // rest is: freeing a million small allocations, and allocating again
    // among their holes, cost 6 % more CPU than it saved of memory.
    let mut contents = contents;
    std::mem::take(&mut contents.entries).into_iter().for_each(exit::free_at_exit);
    exit::free_at_exit(contents);
    let texts = locate_keeping(&mut diagnostics, store.text_reader(), args.format != Format::Json);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let style = if args.output.is_some() { Style::PLAIN } else { ctx.style };
    let shown = (!ctx.quiet).then_some(summary);
    super::output::emit(args.output.as_deref(), out, |out| match args.format {
        Format::Human => human::check(out, style, &diagnostics, &texts, shown),
        Format::Json => json::check(out, summary, &diagnostics),
        Format::Sarif => {
            sarif::check(out, env!("CARGO_PKG_VERSION"), &store.repo_prefix(), &diagnostics, &texts)
        }
        Format::Github => {
            let annotated = annotated(&diagnostics, args.since.is_some());
            github::annotations(out, &store.repo_prefix(), &annotated)?;
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
        // The verdict is the findings': a summary that cannot be written is
        // worth a note, not a failed run.
        if let Err(e) = crate::store::write::append(std::path::Path::new(&path), md.as_bytes()) {
            super::warn(&format!("cannot write the job summary to {}: {e}", path.display()));
        }
    }
    // 33,000 findings and the texts read to show them: left to the OS.
    exit::free_at_exit((diagnostics, texts));
    Ok(status)
}

/// The store as committed at HEAD, to say what changed in a file whose
/// hash no longer matches; `None` outside git or when HEAD cannot be read
/// (the finding then says what it says without git).
fn head_snapshot(store: &Store) -> Option<Contents> {
    let repo = GitRepo::open_if_any(store).ok().flatten()?;
    let head = repo.head_if_any().ok().flatten()?;
    repo.contents(&head).ok()
}

/// The findings that become annotations: with `--since`, the new ones
/// only (GitHub shows ten of each level per step, so the old ones would
/// crowd them out); otherwise all.
fn annotated(diagnostics: &[Diagnostic], since: bool) -> Vec<Diagnostic> {
    diagnostics.iter().filter(|d| !since || d.is_new()).cloned().collect()
}

/// `CLAIMTRAIL_SINCE_SCOPE=off` checks the whole base under `--since`, as
/// an oracle for the scoped check (the findings are the same).
pub(super) const SINCE_SCOPE_ENV: &str = "CLAIMTRAIL_SINCE_SCOPE";

/// The exit status for a set of findings: errors fail; warnings fail
/// under `--deny-warnings`, and under `--since` only the new ones do.
pub(super) fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    let failing = diagnostics.iter().any(|d| match d.severity {
        Severity::Error => true,
        Severity::Warning => deny_warnings && d.new != Some(false),
    });
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
