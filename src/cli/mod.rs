//! The command line: clap structs are syntax only; each subcommand's module
//! turns its arguments into a resolved request, runs the pipeline and picks
//! the exit status. Nothing here is reachable from the library's analysis.

mod archive;
mod args;
mod blame;
mod check;
mod completions;
mod conflicts;
mod coverage;
mod diff;
pub(crate) mod exit;
mod export;
mod git_history;
mod hash;
mod history;
mod import;
mod init;
mod lsp;
mod merge;
mod new;
mod output;
mod paths;
mod rate;
mod recheck;
mod report;
mod sources;
mod text;
mod textconv;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::failure::{Failure, Result};
use crate::render::style::Style;
use crate::store::Store;
use crate::store::leftovers::Leftover;
use crate::store::lock::{LockError, StoreLock};

/// Track factual claims, their sources and their revisions in git.
///
/// claimtrail keeps claims (casualty counts, attributions, dates) as RON
/// records, each linked to the documents it was found in and the actor who
/// asserts it, sealed with a content hash.
#[derive(Debug, Parser)]
#[command(name = "claimtrail", version, max_term_width = 100)]
pub(crate) struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only findings and results, no summaries.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Commands that write records wait up to SECONDS for another one
    /// writing to the same store (0: fail at once).
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, global = true, value_parser = seconds)]
    pub lock_wait: f64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; size does not matter
pub(crate) enum Command {
    Init(init::Args),
    Check(check::Args),
    Hash(hash::Args),
    Diff(diff::Args),
    History(history::Args),
    Blame(blame::Args),
    New(new::Args),
    Conflicts(conflicts::Args),
    Coverage(coverage::Args),
    Archive(archive::Args),
    Recheck(recheck::Args),
    Sources(sources::Args),
    Rate(rate::Args),
    Report(report::Args),
    Text(text::Args),
    Textconv(textconv::Args),
    Merge(merge::Args),
    Export(export::Args),
    Import(import::Args),
    Lsp(lsp::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

/// What every command gets: where to run, how to style, how verbose.
pub(crate) struct Ctx {
    pub dir: PathBuf,
    pub style: Style,
    pub quiet: bool,
    /// How long a writer waits for the store lock.
    pub lock_wait: std::time::Duration,
}

impl Ctx {
    pub(crate) fn store(&self) -> Result<Store> {
        let mut store = Store::discover(&self.dir).map_err(Failure::from)?;
        store.lock_wait = self.lock_wait;
        store.walk_index = std::env::var_os(crate::store::git::WALK_INDEX_ENV).is_none_or(|v| v != "off");
        store.text_cache = crate::store::text_cache::folder();
        Ok(store)
    }
}

/// A number of seconds for `--lock-wait`: finite, from 0 to a day.
fn seconds(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.0..=86_400.0).contains(&s) => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds from 0 to 86400")),
    }
}

/// The store's write lock, held by a command that writes to the store,
/// and the temp files of interrupted writes it removed on taking it.
pub(crate) struct Locked {
    _lock: StoreLock,
    pub leftovers: Vec<Leftover>,
}

impl Locked {
    /// Says which leftovers were removed (nothing when there were none).
    pub(crate) fn report(&self, out: &mut dyn Write) -> Result<()> {
        crate::render::leftovers::human(out, &self.leftovers).map_err(io_failure)
    }
}

/// Takes the store's write lock for a command that writes to the store,
/// then removes the temp files that killed writes left (under the lock,
/// so none that a running writer needs).
pub(crate) fn lock_store(store: &Store) -> Result<Locked> {
    let lock = store.lock().map_err(|e| match e {
        LockError::Busy => Failure::new(format!(
            "another claimtrail command is writing to the store at {} (waited {:.1} s)",
            store.root.display(),
            store.lock_wait.as_secs_f64()
        ))
        .with_help("wait for it to finish, then run this again, or wait longer with --lock-wait SECONDS"),
        LockError::Io(e) => Failure::new(format!("cannot lock the store at {}: {e}", store.root.display())),
    })?;
    let leftovers = store.remove_leftovers().map_err(Failure::from)?;
    Ok(Locked { _lock: lock, leftovers })
}

/// The `claimtrail` binary's entry, not part of the library's API: parses
/// the arguments, runs the command, maps the outcome to an exit status.
/// `skipped_global_config` lists the user's git config files that
/// `main` left out before any thread started
/// (`store::git::config::skip_unreadable_global_config`), each warned
/// about once the arguments parse.
pub fn main(skipped_global_config: Vec<String>) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::FAILURE } else { exit::OK });
        }
    };
    for skipped in skipped_global_config {
        warn(&skipped);
    }
    let stdout_tty = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_tty && !no_color,
    };
    let dir = match cli.dir.clone() {
        Some(d) => d,
        None => match std::env::current_dir() {
            Ok(d) => d,
            Err(e) => return fail(&Failure::new(format!("cannot read the working directory: {e}"))),
        },
    };
    let lock_wait = std::time::Duration::from_secs_f64(cli.lock_wait);
    let ctx = Ctx { dir, style: Style { color }, quiet: cli.quiet, lock_wait };
    // The language server owns standard output for its messages, from its
    // own writer thread: it must not be locked here.
    let command = match cli.command {
        Command::Lsp(a) => {
            return match lsp::run(a, &ctx) {
                Ok(code) => ExitCode::from(code),
                Err(f) => fail(&f),
            };
        }
        other => other,
    };
    // Buffered: the standard output is line-buffered, which costs a write
    // call per line (15,000 for a big diff). Every command writes its
    // answer at the end and nothing else to stdout, and failures go to
    // stderr after the flush, so nothing shows in another order.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = run(command, &ctx, &mut out);
    let result = match (result, out.flush()) {
        (Ok(_), Err(e)) => Err(io_failure(e)),
        (result, _) => result,
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => fail(&f),
    }
}

fn run(command: Command, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    match command {
        Command::Init(a) => init::run(a, ctx, out),
        Command::Check(a) => check::run(a, ctx, out),
        Command::Hash(a) => hash::run(a, ctx, out),
        Command::Diff(a) => diff::run(a, ctx, out),
        Command::History(a) => history::run(a, ctx, out),
        Command::Blame(a) => blame::run(a, ctx, out),
        Command::New(a) => new::run(a, ctx, out),
        Command::Conflicts(a) => conflicts::run(a, ctx, out),
        Command::Coverage(a) => coverage::run(a, ctx, out),
        Command::Archive(a) => archive::run(a, ctx, out),
        Command::Recheck(a) => recheck::run(a, ctx, out),
        Command::Sources(a) => sources::run(a, ctx, out),
        Command::Rate(a) => rate::run(a, ctx, out),
        Command::Report(a) => report::run(a, ctx, out),
        Command::Text(a) => text::run(a, ctx, out),
        Command::Textconv(a) => textconv::run(a, ctx, out),
        Command::Merge(a) => merge::run(a, ctx, out),
        Command::Export(a) => export::run(a, ctx, out),
        Command::Import(a) => import::run(a, ctx, out),
        Command::Lsp(a) => lsp::run(a, ctx),
        Command::Completions(a) => completions::run(a, out),
        Command::Man(a) => completions::man(a, out),
    }
}

/// Prints a failure; its text may quote file names or record text, so it is
/// escaped like every other piece of store text.
#[allow(clippy::print_stderr)]
fn fail(f: &Failure) -> ExitCode {
    if f.silent {
        return ExitCode::from(exit::FAILURE);
    }
    let escape = crate::render::escape::terminal::escape;
    match &f.help {
        Some(help) => eprintln!("error: {}\n  help: {}", escape(&f.message), escape(help)),
        None => eprintln!("error: {}", escape(&f.message)),
    }
    ExitCode::from(exit::FAILURE)
}

/// Prints a note on standard error that does not change the exit status:
/// something the user most likely did not mean (an empty export).
#[allow(clippy::print_stderr)]
pub(crate) fn note(text: &str) {
    eprintln!("note: {}", crate::render::escape::terminal::escape(text));
}

/// Writes a warning to standard error: something went wrong that does not
/// change the command's verdict.
#[allow(clippy::print_stderr)]
pub(crate) fn warn(text: &str) {
    eprintln!("warning: {}", crate::render::escape::terminal::escape(text));
}

/// Writes a failure to an output stream (a broken pipe is not worth a panic).
pub(crate) fn io_failure(e: std::io::Error) -> Failure {
    let mut f = Failure::new(format!("cannot write output: {e}"));
    f.silent = e.kind() == std::io::ErrorKind::BrokenPipe;
    f
}

/// The `--at DATE` of `conflicts`, `report` and `sources`, checked.
pub(crate) fn at_date(at: Option<&str>) -> Result<Option<crate::model::date::PartialDate>> {
    at.map(|text| {
        crate::model::date::PartialDate::parse(text).map_err(|why| {
            Failure::new(format!("--at `{text}` is not a date: {why}"))
                .with_help("write a partial date: 2024, 2024-01, 2024-01-04 or 2024-01-04T18:00")
        })
    })
    .transpose()
}

/// The snapshot as it could be known at `at`, when one is given.
pub(crate) fn known_at(
    snapshot: crate::store::contents::Contents,
    at: Option<crate::model::date::PartialDate>,
) -> crate::store::contents::Contents {
    match at {
        Some(at) => crate::compare::known_at::known_at(snapshot, at),
        None => snapshot,
    }
}

/// Ids of the claims with a revision (docs/reference.md section 4) in the first-parent
/// history of HEAD, for the `revised` counts of `sources` and `report`:
/// none outside git or before the first commit; exit 2 in a shallow clone,
/// where the count would be silently short.
pub(crate) fn revised_claims(store: &Store) -> Result<std::collections::HashSet<String>> {
    Ok(git_history::walk(store)?.map(|w| git_history::revised(&w)).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument and subcommand of the command line says in `--help`
    /// what it is for.
    #[test]
    fn every_flag_is_documented() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {}: no about", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "claimtrail", &mut missing);
        assert!(missing.is_empty(), "undocumented: {missing:#?}");
    }

    /// The help speaks to someone with the binary or a clone: it names no
    /// file outside the repository, no section of a contract they cannot
    /// open, and no edition of the rules they never saw.
    #[test]
    fn help_names_nothing_outside_the_repository() {
        fn walk(cmd: &clap::Command, path: &str, wrong: &mut Vec<String>) {
            let texts = [cmd.get_about(), cmd.get_long_about()]
                .into_iter()
                .chain(cmd.get_arguments().flat_map(|a| [a.get_help(), a.get_long_help()]))
                .flatten()
                .map(|t| t.to_string());
            for text in texts {
                if ["../", "SPEC", "shared/", "first edition"].iter().any(|bad| text.contains(bad)) {
                    wrong.push(format!("{path}: {text}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), wrong);
            }
        }
        let mut wrong = Vec::new();
        walk(&super::Cli::command(), "claimtrail", &mut wrong);
        assert!(wrong.is_empty(), "help that leads nowhere: {wrong:#?}");
    }
}
