//! `archive`: a web page or PDF captured as evidence (docs/reference.md sections 2.1
//! and 6): fetched, its snapshot, its WARC capture and its Document record
//! written together under the store lock, or nothing.

use std::io::Write;
use std::time::Duration;

use super::args::{HumanJson as Format, HumanOrJson};

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::finding::Severity;
use crate::model::Record;
use crate::render::archive as render;
use crate::store::Store;
use crate::store::contents::{Entry, FileOutcome, Folder, SnapshotFile};
use crate::store::web::document::{Files, Given, extension};
use crate::store::web::{self, Fetched};
use crate::text::readable::Want;

/// Capture a web page or PDF as evidence: its snapshot, a WARC file of
/// the HTTP exchange, and a Document record.
///
/// Fetches URL over http or https (redirects followed, at most 10, never to
/// anything but http or https), removes its gzip or br encoding, and
/// writes, all three or none: the body as sources/snapshots/<ID>.html,
/// .pdf or .txt (by its content type); the whole exchange, each redirect
/// included, as sources/snapshots/<ID>.warc.gz (WARC 1.1, readable by
/// warcio and pywb); and sources/documents/<ID>.ron, hashed. The record's
/// metadata comes from the page where no flag gives it: the title from
/// og:title, JSON-LD headline or <title>; the publication date from JSON-LD
/// datePublished, article:published_time or the article's <time
/// datetime>, as the publisher's local date and time to the minute;
/// `updated` from dateModified when later; the author; the language from
/// <html lang>; the final URL; the fetch time (UTC) as `retrieved`; the
/// publisher as the source whose `homepage` has the URL's host.
///
/// The body may be at most `archive_max_bytes` (claimtrail.ron, 50 MiB by
/// default), after decoding too. Proxies come from HTTPS_PROXY,
/// HTTP_PROXY and NO_PROXY; certificates are checked against the system's
/// roots (SSL_CERT_FILE names more).
///
/// Exits 0 when written; 2, writing nothing, when the fetch fails (an HTTP
/// status of 400 or more, a redirect loop, a timeout, a TLS or DNS error,
/// a body over the limit) or when the title, date or publisher cannot be
/// found (the message names the flag that gives it).
///
/// Example: `claimtrail archive https://www.example.org/news/toll --id
/// example-2024-03-23-toll`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The http or https URL of the page or PDF.
    pub url: String,
    /// The new document's id: a slug ([a-z0-9-]), unique in the store.
    #[arg(long)]
    pub id: String,
    /// Who published it, the id of a source (default: the source whose
    /// homepage has the URL's host).
    #[arg(long, value_name = "SOURCE")]
    pub publisher: Option<String>,
    /// The title (default: from the page).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// When it was published, a partial date (default: from the page).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Seconds the whole fetch may take, redirects and body included.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = timeout)]
    pub timeout: f64,
    #[command(flatten)]
    pub output: HumanOrJson,
}

/// `--timeout`: a positive number of seconds, at most a day.
pub(super) fn timeout(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds above 0 and at most 86400")),
    }
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    if !crate::model::id::is_slug(&args.id) {
        return Err(super::new::not_a_slug(&args.id));
    }
    let before = store.load()?;
    id_is_free(&before.entries, &args.id)?;
    let options = web::Options {
        timeout: Duration::from_secs_f64(args.timeout),
        max_bytes: store.config.archive_max_bytes,
    };
    let fetched = web::fetch(&args.url, options).map_err(|f| {
        Failure::new(format!("cannot archive {}: {f}", args.url)).with_help("nothing was written")
    })?;
    let given =
        Given { publisher: args.publisher, title: args.title, published: args.published, ..Given::default() };
    let capture = Capture::of(&store, &before.entries, &args.id, fetched, given, None)?;
    let lock = super::lock_store(&store)?;
    lock.report(out)?;
    capture.write(&store)?;
    match args.output.format {
        Format::Human => render::human(out, ctx.style, &capture.summary()),
        Format::Json => render::json(out, &capture.summary()),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}

/// A fetched page made into the three files `archive` writes.
pub(super) struct Capture {
    pub record: Record,
    /// The record's path from the store root.
    pub rel: String,
    /// The snapshot's name in sources/snapshots/, and its bytes.
    pub snapshot: (String, Vec<u8>),
    /// The capture's name in sources/snapshots/, and its bytes.
    pub warc: (String, Vec<u8>),
    pub url: String,
    pub status: u16,
}

impl Capture {
    /// The record and files of `fetched` as document `id` (`version_of`
    /// set when it re-archives an earlier document).
    pub(super) fn of(
        store: &Store,
        entries: &[Entry],
        id: &str,
        fetched: Fetched,
        given: Given,
        version_of: Option<String>,
    ) -> Result<Capture> {
        let ext = extension(&fetched)?;
        let snapshot_name = format!("{id}.{ext}");
        let warc_name = format!("{id}.warc.gz");
        let warc = web::warc::capture(&fetched, &warc_name, random16);
        let files = Files { snapshot: &snapshot_name, capture: &warc_name, capture_bytes: &warc };
        let document = web::document::document(entries, id, &fetched, ext, given, version_of, &files)?;
        let record = super::new::sealed(Record::Document(Box::new(document)))?;
        let rel = super::new::path_of(store, &record);
        Ok(Capture {
            record,
            rel,
            snapshot: (snapshot_name, fetched.body),
            warc: (warc_name, warc),
            url: fetched.url,
            status: fetched.status,
        })
    }

    /// Checks the record as `check` would and writes the three files, or
    /// none; the caller holds the store lock.
    pub(super) fn write(&self, store: &Store) -> Result<()> {
        let mut contents = store.load()?;
        id_is_free(&contents.entries, self.record.id())?;
        let text = crate::text::ron_writer::record(&self.record);
        contents.add_outcomes([FileOutcome::Record(Entry {
            file: self.rel.clone(),
            folder: Folder::Sources,
            record: self.record.clone(),
        })]);
        for (name, bytes) in [&self.snapshot, &self.warc] {
            let file = SnapshotFile::Found {
                hash: crate::text::hash::bytes_hash(bytes),
                text: crate::store::contents::snapshot_text(&store.config, name, bytes, Want::Text),
            };
            contents.snapshots.insert(name.clone(), file);
        }
        let errors: Vec<String> = crate::check::check(&contents)
            .into_iter()
            .filter(|d| d.file == self.rel && d.severity == Severity::Error)
            .map(|d| format!("{}: {}", d.code.as_str(), d.message))
            .collect();
        if !errors.is_empty() {
            return Err(Failure::new(format!(
                "the document record of {} would not pass `check`: {}",
                self.url,
                errors.join("; ")
            ))
            .with_help("correct the flag that gives the field; nothing was written"));
        }
        let folder = store.config.snapshots();
        store.create_files(&[
            (format!("{folder}/{}", self.snapshot.0), self.snapshot.1.clone()),
            (format!("{folder}/{}", self.warc.0), self.warc.1.clone()),
            (self.rel.clone(), text.into_bytes()),
        ])
    }

    /// What the command reports.
    pub(super) fn summary(&self) -> render::Archived<'_> {
        render::Archived {
            document: self.record.id(),
            url: &self.url,
            status: self.status,
            snapshot: &self.snapshot.0,
            capture: &self.warc.0,
            record: &self.rel,
        }
    }
}

/// A failure when a record of the store has `id` already.
fn id_is_free(entries: &[Entry], id: &str) -> Result<()> {
    match entries.iter().find(|e| e.record.id() == id) {
        Some(e) => Err(Failure::new(format!("id `{id}` is already used by {}", e.file))
            .with_help("choose another --id; `archive` never replaces a record")),
        None => Ok(()),
    }
}

/// Sixteen random bytes for a WARC record id.
fn random16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: std's randomly keyed hasher over the time
        // and a counter still makes ids unique within and across runs.
        use std::hash::BuildHasher;
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let state = std::collections::hash_map::RandomState::new();
        let a = state.hash_one((std::time::SystemTime::now(), n, std::process::id()));
        let b = state.hash_one((a, n));
        bytes[..8].copy_from_slice(&a.to_le_bytes());
        bytes[8..].copy_from_slice(&b.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts() {
        assert_eq!(timeout("2.5"), Ok(2.5));
        assert!(timeout("0").is_err());
        assert!(timeout("x").is_err());
    }
}
