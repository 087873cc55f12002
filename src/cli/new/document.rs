//! `new document`: a publication, with its archived snapshot, from flags.

use std::path::Path;

use super::sealed;
use crate::failure::Result;
use crate::model::{Document, Record};
use crate::store::Store;
use crate::store::archive::Found;

/// A new document: one publication that claims are found in.
///
/// Written to sources/documents/<id>.ron, hashed. --snapshot archives the
/// document's text so that every quote can be checked against it: a file
/// already under sources/snapshots/ (named from there, from the store root
/// or from the working directory), or any other file, which is copied in as
/// sources/snapshots/<id>.<extension>. Its sha256 is recorded either way.
///
/// Example: claimtrail new document --id irna-2024-01-04 --publisher irna
/// --title 'Kerman death toll revised to 84' --published 2024-01-04
/// --url https://en.irna.ir/news/... --language en --snapshot ~/Downloads/irna.txt
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The document's id: a slug ([a-z0-9-]), unique in the store.
    #[arg(long)]
    pub id: String,
    /// Who published it: the id of a source.
    #[arg(long, value_name = "SOURCE")]
    pub publisher: String,
    /// The title (headline).
    #[arg(long)]
    pub title: String,
    /// When it was published, a partial date: 2024-01-04 or
    /// 2024-01-04T09:30.
    #[arg(long, value_name = "DATE")]
    pub published: String,
    /// Where it is online.
    #[arg(long)]
    pub url: Option<String>,
    /// Who wrote it.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Its language, as a BCP 47 tag (en, fa, ru).
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,
    /// The language of the original, when this document is a translation.
    #[arg(long, value_name = "TAG")]
    pub translated_from: Option<String>,
    /// A later revision the publisher announced, a partial date
    /// (repeatable).
    #[arg(long, value_name = "DATE")]
    pub updated: Vec<String>,
    /// When the desk retrieved it, a partial date.
    #[arg(long, value_name = "DATE")]
    pub retrieved: Option<String>,
    /// The archived text: a file under sources/snapshots/, or any file,
    /// copied in as sources/snapshots/<id>.<extension>. Its hash is
    /// recorded.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<String>,
}

/// The sealed document the flags describe, and its snapshot, found but not
/// yet copied in.
pub(super) fn build(args: Args, store: &Store, cwd: &Path) -> Result<(Record, Option<Found>)> {
    let found = match &args.snapshot {
        // The copy is named after the id: a slug, so it stays in the folder.
        Some(arg) if crate::model::id::is_slug(&args.id) => Some(store.find_snapshot(arg, cwd, &args.id)?),
        Some(_) => return Err(super::not_a_slug(&args.id)),
        None => None,
    };
    let record = sealed(Record::Document(Box::new(Document {
        author: args.author,
        capture: None,
        capture_hash: None,
        hash: None,
        id: args.id,
        language: args.language,
        published: args.published,
        publisher: args.publisher,
        retrieved: args.retrieved,
        revises: None,
        snapshot: found.as_ref().map(|f| f.rel.clone()),
        snapshot_hash: found.as_ref().map(|f| f.hash.clone()),
        title: args.title,
        translated_from: args.translated_from,
        updated: args.updated,
        url: args.url,
        version_of: None,
    })))?;
    Ok((record, found))
}
