//! CSV for spreadsheets: a header and one row per claim, or (the
//! `citations` table) one row per citation; `csv_import` reads both back. Quoting is the `csv` crate's
//! (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes
//! doubled). Free-text cells are made inert against formula injection
//! (see [`super::inert_cell`]); lists are joined with `; `.

use std::io::{self, Write};

use super::{bounds, inert_cell, value_text};
use crate::store::snapshot::Snapshot;

/// The columns of the claims table. The first fourteen are the first
/// edition's; the ones after them carry the rest of a claim, so that
/// `import` of an export gives the same records and hashes. `lo` and `hi`
/// are derived (the interval of SPEC section 3) and not read back.
pub const CLAIM_COLUMNS: [&str; 20] = [
    "id",
    "subject",
    "measure",
    "value_kind",
    "value",
    "lo",
    "hi",
    "as_of",
    "statement",
    "claimant",
    "rank",
    "verdict",
    "tags",
    "hash",
    "note",
    "review_by",
    "review_on",
    "review_note",
    "revises",
    "supersedes",
];

pub const CITATION_COLUMNS: [&str; 6] = ["claim_id", "document", "quote", "via", "locator", "url"];

/// One row per claim, in file order.
pub fn claims(out: &mut dyn Write, snapshot: &Snapshot) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(CLAIM_COLUMNS)?;
    for (_, c) in snapshot.claims() {
        let (lo, hi) = bounds(snapshot, c);
        let tags = c.tags.join("; ");
        w.write_record([
            c.id.as_str(),
            &c.subject,
            &c.measure,
            c.value.variant(),
            &inert_cell(&value_text(&c.value)),
            &lo.map(|b| b.text()).unwrap_or_default(),
            &hi.map(|b| b.text()).unwrap_or_default(),
            c.as_of.as_deref().unwrap_or(""),
            &inert_cell(&c.statement),
            &c.claimant,
            c.rank.name(),
            c.review.as_ref().map_or("", |r| r.verdict.name()),
            &inert_cell(&tags),
            c.hash.as_deref().unwrap_or(""),
            &inert_cell(c.note.as_deref().unwrap_or("")),
            &inert_cell(c.review.as_ref().map_or("", |r| r.by.as_str())),
            c.review.as_ref().map_or("", |r| r.on.as_str()),
            &inert_cell(c.review.as_ref().and_then(|r| r.note.as_deref()).unwrap_or("")),
            c.revises.as_deref().unwrap_or(""),
            &c.supersedes.join("; "),
        ])?;
    }
    w.flush()
}

/// One row per citation, in file order; `url` is the cited document's.
pub fn citations(out: &mut dyn Write, snapshot: &Snapshot) -> io::Result<()> {
    let by_id = snapshot.by_id();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(CITATION_COLUMNS)?;
    for (_, c) in snapshot.claims() {
        for cit in &c.citations {
            let url = by_id
                .get(cit.document.as_str())
                .and_then(|e| e.record.as_document())
                .and_then(|d| d.url.as_deref())
                .unwrap_or("");
            w.write_record([
                c.id.as_str(),
                &cit.document,
                &inert_cell(&cit.quote),
                &cit.via.join("; "),
                &inert_cell(cit.locator.as_deref().unwrap_or("")),
                &inert_cell(url),
            ])?;
        }
    }
    w.flush()
}
