//! `recheck`: each document's live page fetched again and compared with
//! its archived text (docs/reference.md section 6); `--save` archives changed pages as
//! new documents.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

use super::args::{HumanJson as Format, HumanOrJson};

use super::archive::Capture;
use super::{Ctx, io_failure};
use crate::check::recheck::{Live, Rechecked, Status, recheck};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::model::Document;
use crate::render::recheck as render;
use crate::store::Store;
use crate::store::web::document::{Given, extension};
use crate::store::web::{self, Failed, Fetched};

/// Fetch documents again and say whether their pages changed since they
/// were archived, and whether the quotes that cite them are still there.
///
/// For each document (default: every document with a url), fetches its url
/// (as `archive` does: http and https only, at most 10 redirects, the body
/// limit, --timeout for each fetch) and compares the live page's readable
/// text with its snapshot's: `unchanged`, `changed` (with the words that
/// changed), `gone` (HTTP 404 or 410) or `unreachable` (with the reason).
/// For every claim citing a changed or gone document it says whether each
/// quote is still on the page and, if not, the closest live passage and
/// how it differs (`143 → 144`). One request at a time goes to a host;
/// different hosts are fetched at once.
///
/// --save archives each changed page as a new document `<ID>-<YYYYMMDD>`
/// (the fetch's UTC date) with `version_of: ID`: its snapshot, WARC
/// capture and record, written as `archive` writes them. The old record and
/// snapshot are never touched: the claims cite the text as it was.
///
/// Exits 1 when a cited quote is no longer found or a cited document is
/// gone, else 0; 2 when a named document is unknown or has no url.
///
/// Example (nightly, in CI): `claimtrail recheck --save`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Ids of the documents to recheck (default: every document with a url).
    #[arg(value_name = "DOC")]
    pub documents: Vec<String>,
    /// Archive each changed page as a new document with `version_of`.
    #[arg(long)]
    pub save: bool,
    /// Seconds each fetch may take, redirects and body included.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = super::archive::timeout)]
    pub timeout: f64,
    #[command(flatten)]
    pub output: HumanOrJson,
}

/// A document to recheck.
struct Target {
    doc: Document,
    url: String,
    host: String,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let contents = store.load()?;
    let targets = targets(&contents, &args.documents)?;
    let options = web::Options {
        timeout: Duration::from_secs_f64(args.timeout),
        max_bytes: store.config.archive_max_bytes,
    };
    let fetched = fetch_politely(&targets, options);
    let mut results: Vec<(Rechecked, Option<Fetched>)> = Vec::new();
    for (t, got) in targets.iter().zip(fetched) {
        let archived = archived_text(&store, &t.doc);
        let (live, page) = match got {
            Ok(f) => {
                let name = match extension(&f) {
                    Ok(ext) => format!("live.{ext}"),
                    Err(_) => "live".to_owned(),
                };
                match readable(&name, &f.body) {
                    Ok(text) => (Live::Text(text), Some(f)),
                    Err(why) => {
                        (Live::Unreachable(format!("the live page has no readable text: {why}")), None)
                    }
                }
            }
            Err(Failed::Gone { status, .. }) => (Live::Gone(status), None),
            Err(Failed::Unreachable(why)) => (Live::Unreachable(why), None),
        };
        results.push((recheck(&contents, &t.doc.id, &t.url, &archived, &live), page));
    }
    let mut saved: Vec<Option<String>> = vec![None; results.len()];
    if args.save && results.iter().any(|(r, _)| r.status == Status::Changed) {
        let lock = super::lock_store(&store)?;
        lock.report(out)?;
        for (i, ((r, page), t)) in results.iter_mut().zip(&targets).enumerate() {
            if r.status != Status::Changed {
                continue;
            }
            let Some(page) = page.take() else { continue };
            match save(&store, &t.doc, page) {
                Ok(id) => saved[i] = Some(id),
                Err(f) => {
                    super::warn(&format!("{} changed but was not saved: {}", t.doc.id, f.message));
                }
            }
        }
    }
    let rows: Vec<render::Row> = results
        .iter()
        .zip(&saved)
        .map(|((r, _), s)| render::Row { result: r, saved: s.as_deref() })
        .collect();
    match args.output.format {
        Format::Human => render::human(out, ctx.style, &rows),
        Format::Json => render::json(out, &rows),
    }
    .map_err(io_failure)?;
    Ok(if results.iter().any(|(r, _)| r.is_alarm()) { exit::FINDINGS } else { exit::OK })
}

/// The documents named (every one with a url when none is), in file order.
fn targets(contents: &crate::store::contents::Contents, named: &[String]) -> Result<Vec<Target>> {
    let documents: Vec<&Document> = contents.entries.iter().filter_map(|e| e.record.as_document()).collect();
    let chosen: Vec<&Document> = if named.is_empty() {
        documents.iter().copied().filter(|d| d.url.is_some()).collect()
    } else {
        let mut chosen = Vec::new();
        for id in named {
            let Some(d) = documents.iter().find(|d| d.id == *id) else {
                return Err(Failure::new(format!(
                    "no document `{id}` in the store{}",
                    crate::text::suggest::did_you_mean(id, documents.iter().map(|d| d.id.as_str()))
                ))
                .with_help("give the ids of Document records"));
            };
            if d.url.is_none() {
                return Err(Failure::new(format!("document `{id}` has no url to fetch again"))
                    .with_help("add its `url`, or leave it out of recheck"));
            }
            chosen.push(*d);
        }
        chosen
    };
    Ok(chosen
        .into_iter()
        .map(|d| {
            let url = d.url.clone().unwrap_or_default();
            let host =
                url::Url::parse(&url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default();
            Target { doc: d.clone(), url, host }
        })
        .collect())
}

/// Fetches every target: the targets of one host one after another, hosts
/// at once (at most eight at a time); results in the targets' order.
fn fetch_politely(targets: &[Target], options: web::Options) -> Vec<std::result::Result<Fetched, Failed>> {
    let mut by_host: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        by_host.entry(t.host.as_str()).or_default().push(i);
    }
    let hosts: Vec<Vec<usize>> = by_host.into_values().collect();
    let mut results: Vec<Option<std::result::Result<Fetched, Failed>>> = vec![None; targets.len()];
    for batch in hosts.chunks(8) {
        let done: Vec<Vec<(usize, std::result::Result<Fetched, Failed>)>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .iter()
                .map(|indices| {
                    s.spawn(move || {
                        indices.iter().map(|&i| (i, web::fetch(&targets[i].url, options))).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Vec::new())).collect()
        });
        for (i, r) in done.into_iter().flatten() {
            results[i] = Some(r);
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Failed::Unreachable("the fetch stopped unexpectedly".to_owned()))))
        .collect()
}

/// The readable text of a document's snapshot; empty when it has none
/// (every live word is then a change).
fn archived_text(store: &Store, doc: &Document) -> String {
    let Some(rel) = &doc.snapshot else { return String::new() };
    match store.snapshot_bytes(rel) {
        Ok(bytes) => readable(rel, &bytes).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The text a reader sees in a snapshot named `name` (docs/reference.md section 2.1), or why
/// it has none.
fn readable(name: &str, bytes: &[u8]) -> std::result::Result<String, String> {
    crate::text::readable::read(name, bytes).map(|r| r.text).map_err(|u| u.why)
}

/// Archives a changed page as `<ID>-<YYYYMMDD>` with `version_of: ID`;
/// its id.
fn save(store: &Store, old: &Document, page: Fetched) -> Result<String> {
    let id = format!("{}-{}", old.id, page.began.format("%Y%m%d"));
    let given = Given {
        publisher: Some(old.publisher.clone()),
        fallback_title: Some(old.title.clone()),
        fallback_published: Some(old.published.clone()),
        ..Given::default()
    };
    let entries = store.load()?.entries;
    let capture = Capture::of(store, &entries, &id, page, given, Some(old.id.clone()))?;
    capture.write(store)?;
    Ok(id)
}
