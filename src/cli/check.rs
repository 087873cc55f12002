use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::diagnostic::{Code, Diagnostic, Severity, Tally, locate};
use crate::exit;
use crate::failure::{Failure, Result};
use crate::model::RecordKind;
use crate::render::{human, json};
use crate::snapshot::Snapshot;
use crate::store::Store;
use crate::store::git::GitRepo;

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
    /// Explain a finding code (e.g. `hash-mismatch`) and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
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
    if !args.paths.is_empty() {
        let wanted: Vec<String> = args
            .paths
            .iter()
            .map(|p| {
                store.relative(p).ok_or_else(|| {
                    Failure::new(format!(
                        "{} is not a path inside the store at {}",
                        p.display(),
                        store.root.display()
                    ))
                })
            })
            .collect::<Result<_>>()?;
        diagnostics.retain(|d| {
            wanted.iter().any(|w| w.is_empty() || d.file == *w || d.file.starts_with(&format!("{w}/")))
        });
    }
    let texts = locate(&mut diagnostics, |f| store.read_text(f));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let tally = Tally::of(&diagnostics);
    let summary = json::Summary::new(
        snapshot.count(RecordKind::Claim),
        snapshot.count(RecordKind::Source),
        snapshot.count(RecordKind::Document),
        tally,
    );
    match args.format {
        Format::Human => human::check(out, ctx.style, &diagnostics, &texts, (!ctx.quiet).then_some(summary)),
        Format::Json => json::check(out, summary, &diagnostics),
    }
    .map_err(io_failure)?;
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
    let revisions = crate::revision::revisions(&walk, Some(now));
    diagnostics.extend(crate::since::unexplained(&revisions, now));
    crate::since::mark_new(diagnostics, &base_findings);
    Ok(())
}

/// The exit status for a set of findings.
pub fn status(diagnostics: &[Diagnostic], deny_warnings: bool) -> u8 {
    let failing = diagnostics.iter().any(|d| d.severity == Severity::Error || deny_warnings);
    if failing { exit::FINDINGS } else { exit::OK }
}

fn explain(name: &str, out: &mut dyn Write) -> Result<u8> {
    let code = Code::from_name(name).ok_or_else(|| {
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        Failure::new(format!("no finding code `{}`", crate::term::escape(name)))
            .with_help(format!("codes: {}", all.join(", ")))
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
