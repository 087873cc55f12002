//! `quote-not-found`: each quote must occur in its document's snapshot
//! once both are folded (whitespace, quotes, apostrophes, dashes,
//! ellipses); case-sensitive. The message shows the closest passage and a
//! word diff. Documents without a snapshot are not checked. Each snapshot
//! is folded once, however many quotes cite it.
//!
//! Finding the closest passage costs a pass over the snapshot per missed
//! quote; a run spends at most [`CLOSEST_PASSAGE_BUDGET`] bytes of snapshot
//! on it, so a store of many bad quotes into one huge snapshot cannot make
//! `check` crawl. Past the budget, findings say only that the quote is not
//! there.

use std::collections::HashMap;

use super::{Context, finding};
use crate::diagnostic::{Code, Diagnostic};
use crate::fold::{closest_passage, fold};
use crate::model::RecordKind;
use crate::snapshot::SnapshotFile;
use crate::term::escape;

/// Bytes of folded snapshot text one run may scan for closest passages.
pub const CLOSEST_PASSAGE_BUDGET: usize = 256 * 1024 * 1024;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut folded: HashMap<&str, String> = HashMap::new();
    let mut budget = CLOSEST_PASSAGE_BUDGET;
    for (e, c) in cx.snapshot.claims() {
        for (i, cit) in c.citations.iter().enumerate() {
            let Some(doc) = cx.get(&cit.document, RecordKind::Document).and_then(|d| d.record.as_document())
            else {
                continue;
            };
            let Some(path) = doc.snapshot.as_deref() else { continue };
            let Some(SnapshotFile::Found { text, .. }) = cx.snapshot.snapshots.get(path) else {
                continue;
            };
            let haystack = folded.entry(path).or_insert_with(|| fold(text));
            let needle = fold(&cit.quote);
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
                        escape(&cit.document),
                        escape(&passage)
                    ),
                    format!("copy the passage exactly; quote → snapshot: {}", escape(&diff)),
                ),
                None => (
                    format!("the quote is not in the snapshot of `{}`", escape(&cit.document)),
                    "copy the passage exactly from the snapshot".to_owned(),
                ),
            };
            out.push(
                finding(Code::QuoteNotFound, e, &format!("citations[{i}].quote"), message).with_help(help),
            );
        }
    }
}
