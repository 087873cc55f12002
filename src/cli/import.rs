use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::export::csv_import::{CellError, Imported, Table, read};
use crate::failure::{Failure, Result};
use crate::finding::Severity;
use crate::model::Record;
use crate::render::import::{self as render, Outcome, Problem};
use crate::store::Store;
use crate::store::read::Inside;
use crate::store::snapshot::{Entry, FileOutcome, Folder};

/// Import claims from a spreadsheet, as CSV.
///
/// FILE has the columns of `export --format csv` (id, subject, measure,
/// value_kind, value, as_of, statement, claimant, rank, verdict, tags,
/// hash, note, review_by, review_on, review_note, revises, supersedes; lo
/// and hi are read from export but not needed). Citations come from --citations, a
/// table with the columns of `export --format csv --table citations`
/// (claim_id, document, quote, via, locator), or from document, quote, via
/// and locator columns of FILE, one citation per row. Lists (tags, via,
/// supersedes) are joined with `; `. Values are written in words, as
/// export writes them (`at least 95`, `60–70`, `israel + united-states`),
/// or as a bare number for the kind in value_kind. A filled hash cell must be the hash of what the row says.
///
/// Every row is read and its claim checked as `check` would, within the
/// store, before any file is written: one error anywhere and nothing is
/// written. Errors name their cell, FILE:ROW:COLUMN (the header is row 1),
/// with the fix. Each claim is written hashed at claims/SUBJECT/ID.ron, one
/// file at a time and atomically; a claim already in the store with the
/// same content is skipped, so an import that was stopped half way
/// finishes when run again. A claim whose id the store holds with other
/// content is an error: import never replaces a record.
///
/// Example: `claimtrail import --format csv claims.csv --citations citations.csv --dry-run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The input format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// The claims table.
    pub file: PathBuf,
    /// The citations table (one row per citation, by claim_id).
    #[arg(long, value_name = "FILE")]
    pub citations: Option<PathBuf>,
    /// Read and check everything, say what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row, as `export --format csv`
    /// writes them.
    Csv,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let lock = super::lock_store(&store)?;
    lock.report(out)?;
    let claims_name = args.file.display().to_string();
    let claims_bytes = read_input(&store, &ctx.dir.join(&args.file))?;
    let citations = match &args.citations {
        Some(path) => Some((path.display().to_string(), read_input(&store, &ctx.dir.join(path))?)),
        None => None,
    };
    let parsed = read(
        Table { name: &claims_name, bytes: &claims_bytes },
        citations.as_ref().map(|(name, bytes)| Table { name, bytes }),
    );
    let imported = match parsed {
        Ok(imported) => imported,
        Err(errors) => {
            let problems: Vec<Problem> = errors
                .into_iter()
                .map(|error| Problem { error, severity: Severity::Error, code: None })
                .collect();
            render::problems(out, ctx.style, &problems).map_err(io_failure)?;
            render::refused(out, problems.len()).map_err(io_failure)?;
            return Ok(exit::FINDINGS);
        }
    };
    let (plan, mut problems) = plan(&store, imported)?;
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    problems.sort_by_key(|p| (p.severity, p.error.cell.clone()));
    render::problems(out, ctx.style, &problems).map_err(io_failure)?;
    if errors > 0 {
        render::refused(out, errors).map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    }
    let mut outcomes = Vec::new();
    for step in plan {
        match step {
            Step::Write { rel, text } => {
                if !args.dry_run {
                    store.create_file(&rel, text.as_bytes())?;
                }
                outcomes.push(Outcome::Written(rel));
            }
            Step::Skip(rel) => outcomes.push(Outcome::Skipped(rel)),
        }
    }
    render::outcomes(out, &outcomes, args.dry_run, ctx.quiet).map_err(io_failure)?;
    Ok(exit::OK)
}

/// What to do with one imported claim.
enum Step {
    Write {
        rel: String,
        text: String,
    },
    /// The same record is already in the store, at this path.
    Skip(String),
}

/// Checks the imported claims within the store, as `check` would; the
/// steps, and the problems at their cells.
fn plan(store: &Store, imported: Vec<Imported>) -> Result<(Vec<Step>, Vec<Problem>)> {
    let mut snapshot = store.load()?;
    let by_id = snapshot.by_id();
    let claims = store.config.claims.trim_end_matches('/').to_owned();
    let mut steps = Vec::new();
    let mut problems = Vec::new();
    let mut new_files: HashMap<String, usize> = HashMap::new();
    let mut added = Vec::new();
    for (i, row) in imported.iter().enumerate() {
        let record = Record::Claim(row.claim.clone());
        let rel = format!("{claims}/{}/{}.ron", row.claim.subject, row.claim.id);
        match by_id.get(row.claim.id.as_str()) {
            Some(e) if e.record.same_content(&record) => steps.push(Step::Skip(e.file.clone())),
            Some(e) => problems.push(Problem {
                error: CellError {
                    cell: row.cell_of(None),
                    message: format!(
                        "the id `{}` is already used by {}, with other content",
                        row.claim.id, e.file
                    ),
                    help: "import never replaces a record: give the row a new id, or remove it".to_owned(),
                },
                severity: Severity::Error,
                code: None,
            }),
            None if store.root.join(&rel).exists() => problems.push(Problem {
                error: CellError {
                    cell: row.cell_of(None),
                    message: format!("{rel} already exists and is not this claim"),
                    help: "fix or remove that file (`claimtrail check` says what is wrong with it)"
                        .to_owned(),
                },
                severity: Severity::Error,
                code: None,
            }),
            None => {
                new_files.insert(rel.clone(), i);
                steps.push(Step::Write { rel: rel.clone(), text: crate::text::ron_writer::record(&record) });
                added.push(FileOutcome::Record(Entry { file: rel, folder: Folder::Claims, record }));
            }
        }
    }
    drop(by_id);
    snapshot.add_outcomes(added);
    for d in crate::check::check(&snapshot) {
        let Some(&i) = new_files.get(&d.file) else { continue };
        let help = d
            .help
            .clone()
            .unwrap_or_else(|| format!("`claimtrail check --explain {}` says more", d.code.as_str()));
        problems.push(Problem {
            error: CellError { cell: imported[i].cell_of(d.field.as_deref()), message: d.message, help },
            severity: d.severity,
            code: Some(d.code.as_str()),
        });
    }
    Ok((steps, problems))
}

/// The bytes of an input file (a regular file, at most the store's file
/// limit).
fn read_input(store: &Store, path: &Path) -> Result<Vec<u8>> {
    let cannot = |why: String| Failure::new(format!("cannot read {}: {why}", path.display()));
    match store.read_named(path).map_err(|e| cannot(e.to_string()))? {
        Inside::Bytes(bytes) => Ok(bytes),
        Inside::TooBig(len) => Err(cannot(format!("{len} bytes, over the file limit (max_file_bytes)"))),
        Inside::Escapes => Err(cannot("a symlink that leads out of the store".to_owned())),
    }
}
