//! `new`: records from flags, so that a store can be filled without
//! editing a file by hand. Each kind has its file (its `Args` doc comment
//! is its help); this one holds what they share: the write of a record
//! that `check` has passed first, and the defaults of who and when.

mod citations;
mod claim;
mod document;
mod measure;
mod source;

use std::io::Write;

use clap::Subcommand;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::finding::{Severity, locate};
use crate::model::{Record, RecordKind};
use crate::store::Store;
use crate::store::archive::Found;
use crate::store::contents::{Entry, FileOutcome, Folder, SnapshotFile};

/// Write a new record from flags, hashed, at its usual path.
///
/// Claims go to claims/<subject>/<id>.ron, sources to
/// sources/actors/<id>.ron, documents to sources/documents/<id>.ron, and
/// measures into schemas/measures.ron. The record is checked as `check`
/// would before it is written (a quote must be in its document's snapshot);
/// an existing file or id is never overwritten. Start a store with
/// `claimtrail init`, then add sources, documents and claims in that order.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; size does not matter
pub(crate) enum What {
    Claim(claim::Args),
    Source(source::Args),
    Document(document::Args),
    Measure(measure::Args),
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let lock = super::lock_store(&store)?;
    lock.report(out)?;
    match args.what {
        What::Claim(a) => {
            let record = claim::build(a, &store)?;
            write_record(&store, ctx, out, record, None)
        }
        What::Source(a) => {
            let record = source::build(a, &store)?;
            write_record(&store, ctx, out, record, None)
        }
        What::Document(a) => {
            let (record, found) = document::build(a, &store, &ctx.dir)?;
            write_record(&store, ctx, out, record, found)
        }
        What::Measure(a) => measure::run(a, &store, out),
    }
}

/// Checks a sealed record within the store and writes it at its usual
/// path, with the snapshot it brings (copied in after the check passes).
fn write_record(
    store: &Store,
    ctx: &Ctx,
    out: &mut dyn Write,
    record: Record,
    found: Option<Found>,
) -> Result<u8> {
    let rel = path_of(store, &record);
    let mut contents = store.load()?;
    if let Some(existing) = contents.entries.iter().find(|e| e.record.id() == record.id()) {
        return Err(Failure::new(format!("id `{}` is already used by {}", record.id(), existing.file))
            .with_help("choose another id; `new` never replaces a record"));
    }
    if store.root.join(&rel).exists() {
        return Err(Failure::new(format!("{rel} already exists")).with_help("choose another id"));
    }
    let text = crate::text::ron_writer::record(&record);
    let folder = if record.kind() == RecordKind::Claim { Folder::Claims } else { Folder::Sources };
    contents.add_outcomes([FileOutcome::Record(Entry { file: rel.clone(), folder, record })]);
    if let Some(f) = &found {
        let file = SnapshotFile::Found { hash: f.hash.clone(), text: f.text.clone() };
        contents.snapshots.insert(f.rel.clone(), file);
    }
    store.fill_snapshots(&mut contents);
    let mut findings: Vec<_> = crate::check::check(&contents).into_iter().filter(|d| d.file == rel).collect();
    locate(&mut findings, |f| (f == rel).then(|| text.clone()));
    let texts = [(rel.clone(), text.clone())].into_iter().collect();
    if findings.iter().any(|d| d.severity == Severity::Error) {
        crate::render::check::human::check(out, ctx.style, &findings, &texts, None).map_err(io_failure)?;
        writeln!(out, "not written: fix the problems above").map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    }
    if let Some(f) = &found {
        store.archive(f)?;
        if f.copy.is_some() {
            writeln!(out, "copied the snapshot to {}/{}", store.config.snapshots(), f.rel)
                .map_err(io_failure)?;
        }
    }
    store.create_file(&rel, text.as_bytes())?;
    if !findings.is_empty() {
        crate::render::check::human::check(out, ctx.style, &findings, &texts, None).map_err(io_failure)?;
    }
    writeln!(out, "wrote {rel}").map_err(io_failure)?;
    Ok(exit::OK)
}

/// Where `new` writes a record.
pub(super) fn path_of(store: &Store, record: &Record) -> String {
    let sources = store.config.sources.trim_end_matches('/');
    match record {
        Record::Claim(c) => {
            format!("{}/{}/{}.ron", store.config.claims.trim_end_matches('/'), c.subject, c.id)
        }
        Record::Source(s) => format!("{sources}/actors/{}.ron", s.id),
        Record::Document(d) => format!("{sources}/documents/{}.ron", d.id),
    }
}

/// The record with its hash written in.
pub(super) fn sealed(mut record: Record) -> Result<Record> {
    if !crate::model::id::is_slug(record.id()) {
        return Err(not_a_slug(record.id()));
    }
    let hash = crate::text::hash::record_hash(&record);
    match &mut record {
        Record::Claim(c) => c.hash = Some(hash.into()),
        Record::Source(s) => s.hash = Some(hash.into()),
        Record::Document(d) => d.hash = Some(hash.into()),
    }
    Ok(record)
}

/// The failure for an id that is not a slug.
pub(super) fn not_a_slug(id: &str) -> Failure {
    Failure::new(format!("`{id}` is not a valid id"))
        .with_help(format!("ids are slugs: try `{}`", crate::model::id::slugify(id)))
}

/// Today's date in the local time zone, as a partial date.
pub(crate) fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// Who rates or reviews: the flag, else git's user.name.
pub(crate) fn who(given: Option<String>, store: &Store, flag: &str) -> Result<String> {
    if let Some(name) = given {
        return Ok(name);
    }
    crate::store::git::config::user_name(&store.root).ok_or_else(|| {
        Failure::new(format!("who is it by? git has no user.name to default {flag} to")).with_help(format!(
            "pass {flag} \"Your Name\", or set it once: git config --global user.name \"Your Name\""
        ))
    })
}

/// The variant of `all` that a flag's text names, with the list in the
/// failure (and the closest one, if any).
pub(crate) fn pick<T: Copy>(flag: &str, text: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T> {
    if let Some(&found) = all.iter().find(|v| name(**v) == text) {
        return Ok(found);
    }
    let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
    Err(Failure::new(format!(
        "{flag} `{text}` is not one of: {}{}",
        names.join(", "),
        crate::text::suggest::did_you_mean(text, names.iter().copied())
    )))
}
