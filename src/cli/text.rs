use std::io::Write;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::model::RecordKind;
use crate::store::contents::SnapshotFile;

/// Print the readable text of a document's snapshot: what its quotes are
/// matched against.
///
/// The text a reader sees (docs/reference.md, section 2.1): a plain-text
/// snapshot as it is; a web page's visible text, decoded by its declared
/// encoding, without its scripts, styles and hidden elements, block
/// elements on lines of their own; a PDF's text layer, page by page. `quote-not-found` compares
/// quotes with this text, and `coverage` counts lines and columns in it.
///
/// Exits 0; 2 when the document is unknown, has no snapshot, or its
/// snapshot has no readable text (the message says why: a scanned PDF, an
/// image...).
///
/// Example: `claimtrail text orda-2024-03-26-islamic-state-central-asia`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The id of a Document record.
    pub document: String,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let contents = store.load()?;
    let id = args.document.as_str();
    let named: Vec<_> = contents.entries.iter().filter(|e| e.record.id() == id).collect();
    let Some(first) = named.first() else {
        let documents = contents
            .entries
            .iter()
            .filter(|e| e.record.kind() == RecordKind::Document)
            .map(|e| e.record.id());
        return Err(Failure::new(format!(
            "no document `{id}` in the store{}",
            crate::text::suggest::did_you_mean(id, documents)
        ))
        .with_help("give the id of a Document record (the `id` of its file under sources/)"));
    };
    let Some((entry, doc)) = named.iter().find_map(|e| Some((e, e.record.as_document()?))) else {
        return Err(Failure::new(format!("`{id}` is not a document ({})", first.file))
            .with_help("give the id of a Document record, one that names a snapshot"));
    };
    let Some(path) = doc.snapshot.as_deref() else {
        return Err(Failure::new(format!("document `{id}` has no snapshot")).with_help(format!(
            "archive its text under sources/snapshots/, then set `snapshot` and `snapshot_hash` in {}",
            entry.file
        )));
    };
    let dir = store.config.snapshots();
    let readable = match contents.snapshots.get(path) {
        Some(SnapshotFile::Found { text: Ok(readable), .. }) => readable,
        Some(SnapshotFile::Found { text: Err(why), .. }) => {
            return Err(Failure::new(format!("the snapshot of `{id}`, {dir}/{path}, has no readable text: {why}"))
                .with_help("archive a version with text (the page as HTML, the PDF with its text layer, or the OCR'd text as .txt)"));
        }
        Some(SnapshotFile::Escapes(why)) => {
            return Err(Failure::new(format!("the snapshot of `{id}`, {dir}/{path}, {why}"))
                .with_help(format!("snapshots are files inside {dir}/, named relative to it")));
        }
        Some(SnapshotFile::Unreadable(why)) => {
            return Err(Failure::new(format!("cannot read the snapshot of `{id}`, {dir}/{path}: {why}"))
                .with_help("check the file's permissions"));
        }
        Some(SnapshotFile::Missing) | None => {
            return Err(Failure::new(format!("the snapshot of `{id}`, {dir}/{path}, is not there"))
                .with_help(format!("restore the file, or correct `snapshot` in {}", entry.file)));
        }
    };
    crate::render::text::human(out, &readable.text).map_err(io_failure)?;
    Ok(exit::OK)
}
