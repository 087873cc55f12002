//! `date-order` (warning): a claim's as_of begins after the published date
//! (its whole span) of every cited document. A figure cannot be as of a
//! time after it was published. Example: as_of "2024-04" citing only a
//! document published "2024-03-26".

use foldhash::HashMap;

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::RecordKind;
use crate::model::date::PartialDate;
use crate::store::contents::Entry;

/// Each document's published date, parsed once for the whole run.
pub(super) fn published<'a>(cx: &Context<'a>) -> Published<'a> {
    cx.contents
        .entries
        .iter()
        .filter_map(|e| e.record.as_document())
        .filter_map(|d| {
            let first = cx.get(&d.id, RecordKind::Document)?.record.as_document()?;
            let date = PartialDate::parse(&first.published).ok()?;
            Some((d.id.as_str(), (date, first.published.as_str())))
        })
        .collect()
}

/// The published dates of the documents, by id, with their text.
pub(super) type Published<'a> = HashMap<&'a str, (PartialDate, &'a str)>;

/// The rule on one record.
pub(super) fn entry(published: &Published, e: &Entry, out: &mut Vec<Diagnostic>) {
    let Some(c) = e.record.as_claim() else { return };
    let Some(as_of) = c.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok()) else {
        return;
    };
    let mut latest: Option<(PartialDate, &str)> = None;
    let mut all_known = !c.citations.is_empty();
    for cit in &c.citations {
        match published.get(cit.document.as_str()).copied() {
            Some(p) if latest.is_none_or(|l| p.0.last_minute > l.0.last_minute) => latest = Some(p),
            Some(_) => {}
            None => all_known = false,
        }
    }
    if let (true, Some((published, text))) = (all_known, latest)
        && as_of.first_minute > published.last_minute
    {
        out.push(
            finding(
                Code::DateOrder,
                e,
                "as_of",
                format!(
                    "as_of {} begins after every cited document was published (latest: {text})",
                    c.as_of.as_deref().unwrap_or_default()
                ),
            )
            .with_help("correct as_of, or cite the document that carries this later figure"),
        );
    }
}
