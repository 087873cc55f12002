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
use crate::store::contents::{Entry, FileOutcome, Folder};
use crate::store::read::Inside;

/// Import claims from a spreadsheet: CSV tables, or a workbook.
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
/// content is an error: import never replaces a record silently.
///
/// Corrections (--update): export, edit a row keeping its hash cell, import
/// with --update. A row whose hash cell is the stored record's current hash
/// was exported from the version in the store, then edited: it is written
/// over that record, in place (the other fields' text, comments and layout
/// stay), sealed with `revises` set to that hash. A row whose hash cell
/// names another version (an older one: the record changed since the
/// export) is refused as stale, naming both hashes.
///
/// FILE and --citations may be anywhere; only the claims are written, and
/// only inside the store. If a write fails half way (a full disk), the
/// error names the claims already written: run the same import again to
/// finish it.
///
/// A workbook (--format xlsx, as `export --format xlsx` writes it) has the
/// same tables as its sheets `claims` and `citations`; its cells are named
/// BOOK[SHEET]:ROW:COLUMN.
///
/// Example: `claimtrail import --format csv claims.csv --citations citations.csv --dry-run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The input format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// The claims table.
    pub file: PathBuf,
    /// The citations table (one row per citation, by claim_id).
    #[arg(long, value_name = "FILE")]
    pub citations: Option<PathBuf>,
    /// Take corrections: a row whose hash cell is the stored record's
    /// current hash, edited since export, is written over that record,
    /// sealed with `revises`.
    #[arg(long)]
    pub update: bool,
    /// Read and check everything, say what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Comma-separated values with a header row, as `export --format csv`
    /// writes them.
    Csv,
    /// A workbook (.xlsx) with the sheets `claims` and `citations`, as
    /// `export --format xlsx` writes it (--citations is not used).
    Xlsx,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let lock = super::lock_store(&store)?;
    lock.report(out)?;
    let mut claims_name = args.file.display().to_string();
    let mut claims_bytes = read_input(&store, &ctx.dir.join(&args.file))?;
    let mut citations = match &args.citations {
        Some(path) => Some((path.display().to_string(), read_input(&store, &ctx.dir.join(path))?)),
        None => None,
    };
    if args.format == Format::Xlsx {
        if citations.is_some() {
            return Err(Failure::new("--citations is for CSV")
                .with_help("a workbook carries its citations in its `citations` sheet"));
        }
        let book = claims_name.clone();
        let (claims, cites) = crate::export::xlsx::tables(&claims_bytes)
            .map_err(|why| Failure::new(format!("cannot read {book}: {why}")))?;
        claims_name = format!("{book}[{}]", crate::export::xlsx::CLAIMS_SHEET);
        claims_bytes = claims;
        citations = cites.map(|c| (format!("{book}[{}]", crate::export::xlsx::CITATIONS_SHEET), c));
    }
    let contents = store.load()?;
    let by_id = contents.by_id();
    let parsed = read(
        Table { name: &claims_name, bytes: &claims_bytes },
        citations.as_ref().map(|(name, bytes)| Table { name, bytes }),
        &|id| by_id.get(id).map(|e| &e.record),
    );
    drop(by_id);
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
    let (plan, mut problems) = plan(&store, contents, imported, args.update);
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    problems.sort_by_key(|p| (p.severity, p.error.cell.clone()));
    render::problems(out, ctx.style, &problems).map_err(io_failure)?;
    if errors > 0 {
        render::refused(out, errors).map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    }
    let mut outcomes = Vec::new();
    for step in plan {
        let written = |outcomes: &Vec<Outcome>| -> Vec<String> {
            outcomes
                .iter()
                .filter_map(|o| match o {
                    Outcome::Written(rel) | Outcome::Updated(rel) => Some(rel.clone()),
                    Outcome::Skipped(_) => None,
                })
                .collect()
        };
        let result = match &step {
            _ if args.dry_run => Ok(()),
            Step::Write { rel, text } => store.create_file(rel, text.as_bytes()).map_err(|f| {
                let message = if f.message.contains(rel.as_str()) {
                    f.message
                } else {
                    format!("cannot write {rel}: {}", f.message)
                };
                Failure { message, ..f }
            }),
            Step::Update { rel, from, record } => correct(&store, rel, from, record),
            Step::Skip(_) => Ok(()),
        };
        if let Err(failure) = result {
            return Err(stopped(failure, &written(&outcomes)));
        }
        outcomes.push(match step {
            Step::Write { rel, .. } => Outcome::Written(rel),
            Step::Update { rel, .. } => Outcome::Updated(rel),
            Step::Skip(rel) => Outcome::Skipped(rel),
        });
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
    /// A correction (`--update`): the record at `rel`, sealed as `from`,
    /// becomes `record`.
    Update {
        rel: String,
        from: String,
        record: Box<Record>,
    },
    /// The same record is already in the store, at this path.
    Skip(String),
}

/// A write that failed half way: what was written already, and that the
/// same import finishes the job.
fn stopped(failure: Failure, written: &[String]) -> Failure {
    let done = match written {
        [] => "no claim was written before it".to_owned(),
        some => format!(
            "{} claim{} written before it: {}",
            some.len(),
            if some.len() == 1 { " was" } else { "s were" },
            some.join(", ")
        ),
    };
    let message = format!("{}; {done}", failure.message);
    let help = "once the cause is fixed, run the same import again: it skips the claims already written \
                and writes the rest";
    Failure::new(message).with_help(match failure.help {
        Some(h) => format!("{h}; {help}"),
        None => help.to_owned(),
    })
}

/// Writes a correction over the record at `rel`, in place: the fields
/// that changed are rewritten (comments and layout stay), sealed with
/// `revises: from`. Refused if the file is no longer the version `from`.
fn correct(store: &Store, rel: &str, from: &str, record: &Record) -> Result<()> {
    store.rewrite_file(rel, |text| {
        let text = text.ok_or_else(|| Failure::new(format!("{rel} is gone")))?;
        let now = crate::text::parse::parse_record(text).ok().map(|r| crate::text::hash::record_hash(&r));
        if now.as_deref() != Some(from) {
            return Err(Failure::new(format!("{rel} changed while importing; run the import again")));
        }
        let edited = crate::history::merge::rewrite_fields(text, record)
            .unwrap_or_else(|_| crate::text::ron_writer::record(record));
        match crate::text::reseal_text::reseal_with(&edited, Some(from)) {
            Ok(crate::text::reseal_text::Reseal::Changed { text, .. }) => Ok(text),
            Ok(crate::text::reseal_text::Reseal::UpToDate) => Ok(edited),
            Err(why) => Err(Failure::new(format!("cannot seal the correction of {rel}: {why}"))),
        }
    })
}

/// Checks the imported claims within the store, as `check` would; the
/// steps, and the problems at their cells. `update`: rows that correct
/// the stored version are corrections.
fn plan(
    store: &Store,
    mut contents: crate::store::contents::Contents,
    imported: Vec<Imported>,
    update: bool,
) -> (Vec<Step>, Vec<Problem>) {
    let by_id = contents.by_id();
    let claims = store.config.claims.trim_end_matches('/').to_owned();
    let mut steps = Vec::new();
    let mut problems = Vec::new();
    let mut new_files: HashMap<String, usize> = HashMap::new();
    let mut added = Vec::new();
    let mut replaced: Vec<(String, Record)> = Vec::new();
    let error = |cell, message: String, help: String| Problem {
        error: CellError { cell, message, help },
        severity: Severity::Error,
        code: None,
    };
    for (i, row) in imported.iter().enumerate() {
        let mut record = Record::Claim(row.claim.clone());
        let rel = format!("{claims}/{}/{}.ron", row.claim.subject, row.claim.id);
        let id = &row.claim.id;
        match by_id.get(id.as_str()) {
            Some(e) if e.record.same_content(&record) => steps.push(Step::Skip(e.file.clone())),
            // A correction written by an earlier run of the same import.
            Some(e)
                if row.written_hash.is_some() && e.record.revises() == row.written_hash.as_deref() && {
                    let mut corrected = record.clone();
                    corrected.set_revises(row.written_hash.clone());
                    e.record.same_content(&corrected)
                } =>
            {
                steps.push(Step::Skip(e.file.clone()))
            }
            Some(e) => {
                let current = crate::text::hash::record_hash(&e.record);
                match row.written_hash.as_deref() {
                    Some(h) if h == current && update => {
                        record.set_revises(Some(current.clone()));
                        let sealed = crate::text::hash::record_hash(&record);
                        if let Record::Claim(c) = &mut record {
                            c.hash = Some(sealed.into());
                        }
                        new_files.insert(e.file.clone(), i);
                        replaced.push((e.file.clone(), record.clone()));
                        steps.push(Step::Update {
                            rel: e.file.clone(),
                            from: current,
                            record: Box::new(record),
                        });
                    }
                    Some(h) if h == current => problems.push(error(
                        row.hash_cell(),
                        format!("the row corrects `{id}` ({}, version {current})", e.file),
                        "run the import with --update to write the correction, sealed with `revises`"
                            .to_owned(),
                    )),
                    Some(h) => problems.push(Problem {
                        error: crate::export::csv_import::stale(id, row.hash_cell(), h, &current),
                        severity: Severity::Error,
                        code: None,
                    }),
                    None => problems.push(error(
                        row.cell_of(None),
                        format!(
                            "the id `{id}` is already used by {}, with other content (version {current})",
                            e.file
                        ),
                        format!(
                            "to correct that claim, fill the hash cell with the version the row was exported \
                             from ({current}) and import with --update; or give the row a new id"
                        ),
                    )),
                }
            }
            None if store.root.join(&rel).exists() => problems.push(error(
                row.cell_of(None),
                format!("{rel} already exists and is not this claim"),
                "fix or remove that file (`claimtrail check` says what is wrong with it)".to_owned(),
            )),
            None => {
                new_files.insert(rel.clone(), i);
                steps.push(Step::Write { rel: rel.clone(), text: crate::text::ron_writer::record(&record) });
                added.push(FileOutcome::Record(Entry { file: rel, folder: Folder::Claims, record }));
            }
        }
    }
    drop(by_id);
    for (file, record) in replaced {
        if let Some(e) = contents.entries.iter_mut().find(|e| e.file == file) {
            e.record = record;
        }
    }
    contents.add_outcomes(added);
    for d in crate::check::check(&contents) {
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
    (steps, problems)
}

/// The bytes of an input file (a regular file anywhere, at most the
/// store's file limit).
fn read_input(store: &Store, path: &Path) -> Result<Vec<u8>> {
    let cannot = |why: String| Failure::new(format!("cannot read {}: {why}", path.display()));
    // An input may be anywhere: it is read, never written.
    match store.read_input(path).map_err(|e| cannot(e.to_string()))? {
        Inside::Bytes(bytes) => Ok(bytes),
        Inside::TooBig(len) => Err(cannot(format!("{len} bytes, over the file limit (max_file_bytes)"))),
        Inside::Escapes => Err(cannot("a symlink that leads out of the store".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_half_way_names_what_was_written_and_how_to_finish() {
        let failure = Failure::new("cannot write claims/e/c.ron: No space left on device (os error 28)");
        let stopped = stopped(failure, &["claims/e/a.ron".to_owned(), "claims/e/b.ron".to_owned()]);
        assert_eq!(
            stopped.message,
            "cannot write claims/e/c.ron: No space left on device (os error 28); 2 claims were written \
             before it: claims/e/a.ron, claims/e/b.ron"
        );
        assert!(stopped.help.as_deref().is_some_and(|h| h.contains("run the same import again")));
        let first = stopped_first();
        assert!(first.message.ends_with("; no claim was written before it"), "{}", first.message);
    }

    fn stopped_first() -> Failure {
        stopped(Failure::new("cannot write x"), &[])
    }
}
