use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::Ctx;
use super::output::emit;
use crate::cli::exit;
use crate::export::{claimreview, csv, sqlite};
use crate::failure::{Failure, Result};
use crate::store::Store;
use crate::store::contents::Contents;

/// Export the store for other tools: schema.org ClaimReview JSON-LD (for
/// publishing fact-checks), CSV or a workbook (for spreadsheets) or an
/// SQLite database (for Datasette).
///
/// Records that do not parse are left out; run `claimtrail check` first.
/// SQLite keeps every declared key sound (`PRAGMA foreign_key_check` is
/// clean on any store): a row whose key would name nothing (a claimant or
/// publisher that is no source, a cited document that is not there) is
/// left out and named on standard error; the export still exits 0. CSV
/// writes counts as plain numbers and dates as ISO with a precision
/// column; control characters in text are written as `\u{1b}` escapes and
/// formulas are made inert with a leading `'` (`import` reads both back).
/// ClaimReview gives each review the `url` `<review_url>/<claim-id>` when
/// claimtrail.ron sets `review_url` (Google requires a url), and says on
/// standard error when it does not.
/// Examples: `claimtrail export --format sqlite -o claims.db`,
/// `claimtrail export --format csv --table citations -o citations.csv`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write to FILE (atomically) instead of standard output; required for
    /// sqlite.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// For csv: which table to write.
    #[arg(long, value_enum, default_value_t = Table::Claims)]
    pub table: Table,
    /// For csv: start with a UTF-8 byte-order mark, so that spreadsheets
    /// (Excel) read the text as UTF-8; `import` accepts it.
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// schema.org ClaimReview JSON-LD: one object per reviewed claim.
    Claimreview,
    /// Comma-separated values with a header row.
    Csv,
    /// A workbook (.xlsx, needs -o) with the sheets `claims` and
    /// `citations`, the CSV's columns: text cells stored as text, so a
    /// spreadsheet program keeps them as written; counts as numbers,
    /// dates as ISO text. `import --format xlsx` reads it back.
    Xlsx,
    /// An SQLite database: claims, citations, sources, documents, conflicts
    /// and, in git, claim_versions.
    Sqlite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Table {
    /// One row per claim.
    Claims,
    /// One row per citation of a claim.
    Citations,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    if args.bom && args.format != Format::Csv {
        return Err(Failure::new("--bom is for --format csv")
            .with_help("a byte-order mark helps spreadsheets read CSV; JSON-LD and SQLite need none"));
    }
    let store = ctx.store()?;
    let contents = store.load()?;
    let path = args.output.as_deref();
    match args.format {
        Format::Claimreview => {
            let reviews = claimreview::reviews(&contents);
            // Not silence: an empty or url-less export is almost never what
            // a desk meant to publish.
            if reviews.is_empty() {
                super::note(
                    "no claim has a review, so the export is an empty list; add `review: Review(...)` to the claims you rated",
                );
            } else if contents.config.review_url.is_none() {
                super::note(
                    "no review_url in claimtrail.ron, so the reviews have no `url` (Google requires one); set review_url to the base address of your published fact-checks",
                );
            }
            emit(path, out, |out| claimreview::write(out, &reviews))?;
        }
        Format::Csv => emit(path, out, |out| {
            if args.bom {
                out.write_all(csv::BOM.as_bytes())?;
            }
            match args.table {
                Table::Claims => csv::claims(out, &contents),
                Table::Citations => csv::citations(out, &contents),
            }
        })?,
        Format::Xlsx => {
            let path = path.filter(|p| *p != std::path::Path::new("-")).ok_or_else(|| {
                Failure::new("a workbook cannot go to standard output")
                    .with_help("name a file: claimtrail export --format xlsx -o claims.xlsx")
            })?;
            let bytes = crate::export::xlsx::write(&contents).map_err(Failure::new)?;
            crate::store::write::write_output(path, &bytes)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
        }
        Format::Sqlite => {
            let path = path.filter(|p| *p != std::path::Path::new("-")).ok_or_else(|| {
                Failure::new("an SQLite database cannot go to standard output")
                    .with_help("name a file: claimtrail export --format sqlite -o claims.db")
            })?;
            write_sqlite(path, &store, &contents)?;
        }
    }
    Ok(exit::OK)
}

fn write_sqlite(path: &std::path::Path, store: &Store, contents: &Contents) -> Result<()> {
    let analysis = crate::compare::analysis::Analysis::of(contents);
    let versions = version_rows(store)?;
    let mut left_out = Vec::new();
    crate::store::write::replace_with(path, |tmp| {
        let mut conn = rusqlite::Connection::open(tmp).map_err(std::io::Error::other)?;
        left_out = sqlite::fill(&mut conn, contents, &analysis, &versions).map_err(std::io::Error::other)?;
        conn.close().map_err(|(_, e)| std::io::Error::other(e))
    })
    .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
    // Each row left out, so that nobody takes the database for the whole
    // store; `check` names the errors behind them.
    for l in &left_out {
        super::note(&format!("left out of {}: {} ({})", l.table, l.row, l.reason));
    }
    if !left_out.is_empty() {
        super::note(&format!(
            "{} row(s) left out so that every key of the database holds; run `claimtrail check` for the errors behind them",
            left_out.len()
        ));
    }
    Ok(())
}

/// Every version of every claim in the history of HEAD, as rows; empty
/// outside git.
fn version_rows(store: &Store) -> Result<Vec<sqlite::VersionRow>> {
    Ok(super::git_history::walk(store)?.map(|w| super::git_history::version_rows(&w)).unwrap_or_default())
}
