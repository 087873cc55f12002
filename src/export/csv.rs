//! CSV for spreadsheets: a header and one row per claim, or (the
//! `citations` table) one row per citation; `csv_import` reads both back.
//! The columns are listed once, in `columns`. Quoting is the `csv`
//! crate's (RFC 4180: fields with commas or quotes are quoted, quotes
//! doubled).
//!
//! Typed for the tools that read it (pandas, csvkit, spreadsheets):
//! counts are plain numbers, never quoted, and empty when absent; dates
//! are ISO (`2024-03-26`, or `2024-03-23T13:23` at minute precision) with
//! a `*_precision` column (`year`, `month`, `day`, `minute`), so one
//! column never mixes `2024` with `2024-03-26`. Text cells go through
//! [`super::cell::write`]: control characters (line breaks included)
//! escaped, formulas made inert; lists are joined with `; `.

use std::io::{self, Write};

use super::cell;
use super::columns::{self, CITATIONS, CLAIMS};
use super::{Bound, bounds, iso_date, value_text};
use crate::model::Claim;
use crate::store::contents::Contents;

/// The UTF-8 byte-order mark that `--bom` writes first, for spreadsheets
/// that otherwise read UTF-8 as a legacy code page.
pub const BOM: &str = "\u{feff}";

/// One row per claim, in file order.
pub fn claims(out: &mut dyn Write, contents: &Contents) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(columns::names(CLAIMS))?;
    for (_, c) in contents.claims() {
        let row = claim_row(contents, c);
        debug_assert_eq!(row.len(), CLAIMS.len());
        w.write_record(&row)?;
    }
    w.flush()
}

/// One row per citation, in file order; `url` is the cited document's.
pub fn citations(out: &mut dyn Write, contents: &Contents) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(columns::names(CITATIONS))?;
    for row in citation_rows(contents) {
        w.write_record(&row)?;
    }
    w.flush()
}

/// The cells of every claim's row, in the order of `CLAIMS` (the
/// workbook's `claims` sheet has the same).
pub fn claim_rows(contents: &Contents) -> Vec<Vec<String>> {
    contents.claims().map(|(_, c)| claim_row(contents, c)).collect()
}

/// The cells of every citation's row, in the order of `CITATIONS`.
pub fn citation_rows(contents: &Contents) -> Vec<Vec<String>> {
    let by_id = contents.by_id();
    let mut rows = Vec::new();
    for (_, c) in contents.claims() {
        for cit in &c.citations {
            let url = by_id
                .get(cit.document.as_str())
                .and_then(|e| e.record.as_document())
                .and_then(|d| d.url.as_deref())
                .unwrap_or("");
            let row = vec![
                text(&c.id),
                text(&cit.document),
                text(&cit.quote),
                text(&cit.via.join("; ")),
                text(cit.locator.as_deref().unwrap_or("")),
                text(url),
            ];
            debug_assert_eq!(row.len(), CITATIONS.len());
            rows.push(row);
        }
    }
    rows
}

/// The cells of a claim, in the order of [`CLAIMS`].
fn claim_row(contents: &Contents, c: &Claim) -> Vec<String> {
    let (lo, hi) = bounds(contents, c);
    let count = |b: &Option<Bound>| match b {
        Some(Bound::Count(n)) => n.to_string(),
        _ => String::new(),
    };
    let review = c.review.as_ref();
    let (as_of, as_of_precision) = date_cells(c.as_of.as_deref());
    let (review_on, review_on_precision) = date_cells(review.map(|r| r.on.as_str()));
    let value_date = match &c.value {
        crate::model::Value::Date(d) => iso_date(d),
        _ => None,
    };
    vec![
        text(&c.id),
        text(&c.subject),
        text(&c.measure),
        c.value.variant().to_owned(),
        text(&value_text(&c.value)),
        count(&lo),
        count(&hi),
        as_of,
        text(&c.statement),
        text(&c.claimant),
        c.rank.name().to_owned(),
        review.map_or("", |r| r.verdict.name()).to_owned(),
        text(&c.tags.join("; ")),
        text(&c.hash.as_ref().map(crate::model::Seal::text).unwrap_or_default()),
        text(c.note.as_deref().unwrap_or("")),
        text(review.map_or("", |r| r.by.as_str())),
        review_on,
        text(review.and_then(|r| r.note.as_deref()).unwrap_or("")),
        text(c.revises.as_deref().unwrap_or("")),
        text(&c.supersedes.join("; ")),
        as_of_precision,
        review_on_precision,
        value_date.as_ref().map(|d| d.first.clone()).unwrap_or_default(),
        value_date.as_ref().map(|d| d.last.clone()).unwrap_or_default(),
        value_date.as_ref().map(|d| d.precision.to_owned()).unwrap_or_default(),
    ]
}

/// A date's cell and its precision's: ISO and `day`, or, for a date that
/// is not valid, its text as written and an empty precision (so `import`
/// reads it back as it was, and `check` reports it).
fn date_cells(date: Option<&str>) -> (String, String) {
    match date {
        None => (String::new(), String::new()),
        Some(d) => match iso_date(d) {
            Some(iso) => (iso.first, iso.precision.to_owned()),
            None => (text(d), String::new()),
        },
    }
}

fn text(s: &str) -> String {
    cell::write(s).into_owned()
}
