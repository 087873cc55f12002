//! `quote-not-found`: each quote must occur in its document's snapshot
//! once both are folded (whitespace, quotes, apostrophes, dashes,
//! ellipses); case-sensitive. The message shows the closest passage and a
//! word diff. Documents without a snapshot are not checked, nor those
//! whose snapshot has no readable text (`snapshot-unreadable` says so).
//! Quotes are matched against the snapshot's readable text (docs/reference.md section 2.1: an
//! HTML page's visible text, a PDF's text layer). Each snapshot is folded
//! once, however many quotes cite it.
//!
//! Finding the closest passage costs a pass over the snapshot per missed
//! quote; a run spends at most [`CLOSEST_PASSAGE_BUDGET`] bytes of snapshot
//! on it, so a store of many bad quotes into one huge snapshot cannot make
//! `check` crawl. Past the budget, findings say only that the quote is not
//! there.

use foldhash::HashMap;

use rayon::prelude::*;

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::{Citation, Claim, RecordKind};
use crate::store::contents::{Entry, SnapshotFile};
use crate::text::fold::{closest_passage, fold};

/// Bytes of folded snapshot text one run may scan for closest passages: a
/// hundred or more detailed findings for articles of tens of kilobytes (more
/// than a real pull request has), while a hostile file of 130,000 wrong
/// quotes costs seconds, not minutes (a closest passage and its word diff
/// cost about half a millisecond each). Past it, findings still name the
/// document, without the closest passage.
pub(super) const CLOSEST_PASSAGE_BUDGET: usize = 8 * 1024 * 1024;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Every snapshot folded once, and every quote searched, on all cores;
    // the findings of the claims that miss one are then written in one
    // thread, in file order, as the closest-passage budget needs.
    let folded: HashMap<&str, String> = cx
        .contents
        .snapshots
        .par_iter()
        .filter_map(|(path, file)| match file {
            SnapshotFile::Found { text: Ok(text), .. } => Some((path.as_str(), fold(&text.text))),
            _ => None,
        })
        .collect();
    // A run about one file needs the claims after its last record for
    // nothing: they spend the budget only after it.
    let entries = &cx.contents.entries;
    let upto = entries.iter().rposition(|e| cx.reports(e)).map_or(0, |last| last + 1);
    let missing: Vec<(&Entry, &Claim)> = entries[..upto]
        .par_iter()
        .with_min_len(64)
        .filter_map(|e| Some((e, e.record.as_claim()?)))
        .filter(|(_, c)| {
            c.citations.iter().any(|cit| {
                quote_at(cx, &folded, cit).is_some_and(|(haystack, needle)| {
                    let needle = needle.trim();
                    needle.is_empty()
                        || memchr::memmem::find(haystack.as_bytes(), needle.as_bytes()).is_none()
                })
            })
        })
        .collect();
    let mut budget = CLOSEST_PASSAGE_BUDGET;
    for (e, c) in missing {
        if !cx.reports(e) {
            // Not wanted, but its closest passages would have spent the budget.
            spend(cx, &folded, c, &mut budget);
            continue;
        }
        for (i, cit) in c.citations.iter().enumerate() {
            let Some((haystack, needle)) = quote_at(cx, &folded, cit) else { continue };
            let needle = needle.trim();
            if needle.is_empty() {
                out.push(
                    finding(
                        Code::QuoteNotFound,
                        e,
                        &format!("citations[{i}].quote"),
                        "the quote is empty".to_owned(),
                    )
                    .with_help("copy the passage of the document that carries the claim"),
                );
                continue;
            }
            if memchr::memmem::find(haystack.as_bytes(), needle.as_bytes()).is_some() {
                continue;
            }
            let closest = if haystack.len() <= budget {
                budget -= haystack.len();
                closest_passage(haystack, needle)
            } else {
                None
            };
            let (message, help) = match closest {
                Some((passage, diff)) => (
                    format!(
                        "the quote is not in the snapshot of `{}`; closest passage: \"{}\"",
                        &cit.document, &passage
                    ),
                    format!("copy the passage exactly; quote → snapshot: {}", &diff),
                ),
                None => (
                    format!("the quote is not in the snapshot of `{}`", &cit.document),
                    "copy the passage exactly from the snapshot".to_owned(),
                ),
            };
            out.push(
                finding(Code::QuoteNotFound, e, &format!("citations[{i}].quote"), message).with_help(help),
            );
        }
    }
}

/// Spends the budget as the findings of a claim that misses a quote
/// would, without writing them.
fn spend(cx: &Context, folded: &HashMap<&str, String>, c: &Claim, budget: &mut usize) {
    for cit in &c.citations {
        let Some((haystack, needle)) = quote_at(cx, folded, cit) else { continue };
        let needle = needle.trim();
        if needle.is_empty() || memchr::memmem::find(haystack.as_bytes(), needle.as_bytes()).is_some() {
            continue;
        }
        if haystack.len() <= *budget {
            *budget -= haystack.len();
        }
    }
}

/// The folded snapshot a citation's quote must be in, and the folded
/// quote; `None` when the document or its snapshot is missing (other
/// findings).
fn quote_at<'a>(
    cx: &Context,
    folded: &'a HashMap<&str, String>,
    cit: &Citation,
) -> Option<(&'a str, String)> {
    let doc = cx.get(&cit.document, RecordKind::Document)?.record.as_document()?;
    let haystack = folded.get(doc.snapshot.as_deref()?)?;
    Some((haystack, fold(&cit.quote)))
}
