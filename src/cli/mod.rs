//! The command line: clap structs are syntax only; each subcommand's module
//! turns its arguments into a resolved request, runs the pipeline and picks
//! the exit status. Nothing here is reachable from the library's analysis.

mod check;
mod completions;
mod conflicts;
mod diff;
pub mod exit;
mod export;
mod git_history;
mod hash;
mod history;
mod new;
mod output;
mod paths;
mod report;
mod sources;
mod textconv;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::failure::{Failure, Result};
use crate::render::style::Style;
use crate::store::Store;
use crate::store::lock::{LockError, StoreLock};

/// Track factual claims, their sources and their revisions in git.
///
/// claimtrail keeps claims (casualty counts, attributions, dates) as RON
/// records, each linked to the documents it was found in and the actor who
/// asserts it, sealed with a content hash.
#[derive(Debug, Parser)]
#[command(name = "claimtrail", version, max_term_width = 100)]
pub struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only findings and results, no summaries.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; size does not matter
pub enum Command {
    Check(check::Args),
    Hash(hash::Args),
    Diff(diff::Args),
    History(history::Args),
    New(new::Args),
    Conflicts(conflicts::Args),
    Sources(sources::Args),
    Report(report::Args),
    Textconv(textconv::Args),
    Export(export::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

/// What every command gets: where to run, how to style, how verbose.
pub struct Ctx {
    pub dir: PathBuf,
    pub style: Style,
    pub quiet: bool,
}

impl Ctx {
    pub fn store(&self) -> Result<Store> {
        Store::discover(&self.dir).map_err(Failure::from)
    }
}

/// Takes the store's write lock for a command that writes records.
pub fn lock_store(store: &Store) -> Result<StoreLock> {
    store.lock().map_err(|e| match e {
        LockError::Busy => Failure::new(format!(
            "another claimtrail command is writing to the store at {}",
            store.root.display()
        ))
        .with_help("wait for it to finish, then run this again"),
        LockError::Io(e) => Failure::new(format!("cannot lock the store at {}: {e}", store.root.display())),
    })
}

/// Parses the arguments, runs the command, maps the outcome to an exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::FAILURE } else { exit::OK });
        }
    };
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
    let ctx = Ctx { dir, style: Style { color }, quiet: cli.quiet };
    // Buffered: the standard output is line-buffered, which costs a write
    // call per line (15,000 for a big diff). Every command writes its
    // answer at the end and nothing else to stdout, and failures go to
    // stderr after the flush, so nothing shows in another order.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = run(cli.command, &ctx, &mut out);
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
        Command::Check(a) => check::run(a, ctx, out),
        Command::Hash(a) => hash::run(a, ctx, out),
        Command::Diff(a) => diff::run(a, ctx, out),
        Command::History(a) => history::run(a, ctx, out),
        Command::New(a) => new::run(a, ctx, out),
        Command::Conflicts(a) => conflicts::run(a, ctx, out),
        Command::Sources(a) => sources::run(a, ctx, out),
        Command::Report(a) => report::run(a, ctx, out),
        Command::Textconv(a) => textconv::run(a, ctx, out),
        Command::Export(a) => export::run(a, ctx, out),
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
pub fn note(text: &str) {
    eprintln!("note: {}", crate::render::escape::terminal::escape(text));
}

/// Writes a warning to standard error: something went wrong that does not
/// change the command's verdict.
#[allow(clippy::print_stderr)]
pub fn warn(text: &str) {
    eprintln!("warning: {}", crate::render::escape::terminal::escape(text));
}

/// Writes a failure to an output stream (a broken pipe is not worth a panic).
pub fn io_failure(e: std::io::Error) -> Failure {
    let mut f = Failure::new(format!("cannot write output: {e}"));
    f.silent = e.kind() == std::io::ErrorKind::BrokenPipe;
    f
}

/// Ids of the claims with a revision (SPEC section 4) in the first-parent
/// history of HEAD, for the `revised` counts of `sources` and `report`:
/// none outside git or before the first commit; exit 2 in a shallow clone,
/// where the count would be silently short.
pub fn revised_claims(store: &Store) -> Result<std::collections::HashSet<String>> {
    Ok(git_history::walk(store)?.map(|w| git_history::revised(&w)).unwrap_or_default())
}
