use std::io::Write;

use super::args::{HumanJson as Format, HumanOrJson};
use super::{Ctx, io_failure};
use crate::check::coverage::{Unavailable, coverage};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::model::RecordKind;
use crate::render::coverage as render;

/// Show every figure of a document's archived snapshot, and the claims
/// that account for it.
///
/// Figures are read as people write them (`4,000`, `1.5 million`,
/// `ninety-five`; docs/reference.md, section 7.1), from the snapshot's main content: a web
/// page's article, without its menus, related links and footers
/// (docs/reference.md, section 2.1). Lines and columns count in the text `claimtrail text DOC` prints. A claim citing the document covers a figure
/// when the figure lies inside one of its quotes, as found in the snapshot,
/// or when the claim's value has it as a figure (`AtLeast(61)` has 61 and
/// 60). The figures no claim covers come first: what the article says that
/// the store has not recorded. Years and dates are listed apart.
///
/// Exits 0; 2 when the document is unknown or has no snapshot to read.
///
/// Example: `claimtrail coverage orda-2024-03-26-islamic-state-central-asia`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The id of a Document record.
    pub document: String,
    #[command(flatten)]
    pub output: HumanOrJson,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let mut contents = store.load()?;
    let id = args.document.as_str();
    // The loaded text knows a page's main content only where the page
    // marks it (`<article>`, `<main>`); coverage also wants what the
    // readability algorithm finds on a page that does not.
    if let Some(path) = contents
        .entries
        .iter()
        .find_map(|e| e.record.as_document().filter(|d| d.id.as_str() == id)?.snapshot.clone())
        && contents.snapshots.contains_key(&path)
    {
        let file = store.read_snapshot_with(&path, crate::text::readable::Want::Main);
        contents.snapshots.insert(path, file);
    }
    let found = coverage(&contents, id).map_err(|why| match why {
        Unavailable::Unknown => {
            let documents = contents
                .entries
                .iter()
                .filter(|e| e.record.kind() == RecordKind::Document)
                .map(|e| e.record.id());
            Failure::new(format!(
                "no document `{id}` in the store{}",
                crate::text::suggest::did_you_mean(id, documents)
            ))
            .with_help("give the id of a Document record (the `id` of its file under sources/)")
        }
        Unavailable::NotADocument(file) => Failure::new(format!("`{id}` is not a document ({file})"))
            .with_help("give the id of a Document record, one that names a snapshot"),
        Unavailable::NoSnapshot(file) => {
            Failure::new(format!("document `{id}` has no snapshot")).with_help(format!(
                "archive its text under sources/snapshots/, then set `snapshot` and `snapshot_hash` in {file}"
            ))
        }
        Unavailable::Unreadable { file, path, why } => {
            Failure::new(format!("the snapshot of `{id}`, sources/snapshots/{path}, cannot be used: {why}"))
                .with_help(format!(
                    "restore the file, or correct `snapshot` in {file}; `claimtrail check` says more"
                ))
        }
    })?;
    match args.output.format {
        Format::Human => render::human(out, ctx.style, &found, ctx.quiet),
        Format::Json => render::json(out, &found),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
