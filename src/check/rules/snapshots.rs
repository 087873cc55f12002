//! `snapshot-missing`, `snapshot-hash` and `path-escape` for the files a
//! document names: its snapshot (the archived text quotes are checked
//! against) and its capture (the WARC file of the HTTP exchange the
//! snapshot came from) must exist, stay inside sources/snapshots/, and
//! match their recorded sha256.
//! Example: `snapshot: "../../etc/passwd"` is a path-escape.
//!
//! `snapshot-unreadable` ([`unreadable`]): a document that claims quote
//! must have readable text (docs/reference.md section 2.1); a scanned PDF does not.

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::Document;
use crate::store::contents::{Entry, SnapshotFile};
use crate::text::hash::is_well_formed;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for e in cx.contents.entries.iter().filter(|e| cx.reports(e)) {
        let Some(d) = e.record.as_document() else { continue };
        for file in [Named::snapshot(d), Named::capture(d)] {
            named_file(cx, e, &file, out);
        }
    }
}

/// A file a document names: its path field, its hash field and what the
/// file is, in words.
struct Named<'a> {
    path: Option<&'a String>,
    hash: Option<&'a String>,
    path_field: &'static str,
    hash_field: &'static str,
    what: &'static str,
}

impl<'a> Named<'a> {
    fn snapshot(d: &'a Document) -> Self {
        Named {
            path: d.snapshot.as_ref(),
            hash: d.snapshot_hash.as_ref(),
            path_field: "snapshot",
            hash_field: "snapshot_hash",
            what: "the archived text",
        }
    }

    fn capture(d: &'a Document) -> Self {
        Named {
            path: d.capture.as_ref(),
            hash: d.capture_hash.as_ref(),
            path_field: "capture",
            hash_field: "capture_hash",
            what: "the WARC capture",
        }
    }
}

fn named_file(cx: &Context, e: &Entry, f: &Named<'_>, out: &mut Vec<Diagnostic>) {
    let dir = cx.contents.config.snapshots();
    let (name, field, hash_field, what) = (f.path_field, f.path_field, f.hash_field, f.what);
    // The snapshot's messages are those of the first edition, word for word.
    let Some(path) = f.path else {
        if f.hash.is_some() {
            out.push(
                finding(Code::SnapshotHash, e, hash_field, format!("{hash_field} without a {name}"))
                    .with_help(format!("add `{field}: \"file\"` or remove {hash_field}")),
            );
        }
        return;
    };
    match cx.contents.snapshots.get(path) {
        Some(SnapshotFile::Found { hash, .. }) => match f.hash {
            None => out.push(
                finding(Code::SnapshotHash, e, field, format!("a {name} needs a {hash_field}"))
                    .with_help(format!("add `{hash_field}: \"{hash}\"` if this file is {what}")),
            ),
            Some(expected) if expected != hash => {
                let why = if is_well_formed(expected) {
                    format!("the {name}'s bytes hash to {hash}, not to the recorded {hash_field}")
                } else {
                    format!("{hash_field} is not `sha256:` and 64 lowercase hex digits")
                };
                out.push(finding(Code::SnapshotHash, e, hash_field, why).with_help(format!(
                    "restore the archived file, or set `{hash_field}: \"{hash}\"` if the new {} is meant",
                    if name == "snapshot" { "text" } else { "capture" }
                )));
            }
            Some(_) => {}
        },
        Some(SnapshotFile::Escapes(why)) => out.push(
            finding(Code::PathEscape, e, field, format!("{name} path `{path}` {why}"))
                .with_help(format!("{name}s are files inside {dir}/, named relative to it")),
        ),
        Some(SnapshotFile::Unreadable(why)) => out.push(
            finding(Code::SnapshotMissing, e, field, format!("cannot read {name} `{path}`: {why}"))
                .with_help("check the file's permissions"),
        ),
        Some(SnapshotFile::Missing) | None => out.push(
            finding(Code::SnapshotMissing, e, field, format!("no {name} file {dir}/{path}"))
                .with_help(format!("add {what} at {dir}/{path} or correct the path")),
        ),
    }
}

/// Claims named in a `snapshot-unreadable` message, at most.
const MAX_NAMED: usize = 5;

/// `snapshot-unreadable`: one finding per document whose snapshot has no
/// readable text and that some claim quotes, at the document's `snapshot`
/// field (where the fix is), naming the claims that quote it.
pub(super) fn unreadable(cx: &Context, out: &mut Vec<Diagnostic>) {
    let unreadable: std::collections::HashMap<&str, &str> = cx
        .contents
        .snapshots
        .iter()
        .filter_map(|(path, file)| match file {
            SnapshotFile::Found { text: Err(why), .. } => Some((path.as_str(), why.why.as_str())),
            _ => None,
        })
        .collect();
    if unreadable.is_empty() {
        return;
    }
    // Documents with an unreadable snapshot → the claims quoting them, in
    // file order.
    let mut quoting: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for e in &cx.contents.entries {
        let Some(d) = e.record.as_document() else { continue };
        if d.snapshot.as_deref().is_some_and(|p| unreadable.contains_key(p)) {
            quoting.insert(d.id.as_str(), Vec::new());
        }
    }
    for (_, claim) in cx.contents.claims() {
        for cit in &claim.citations {
            if let Some(claims) = quoting.get_mut(cit.document.as_str())
                && claims.last() != Some(&claim.id.as_str())
            {
                claims.push(claim.id.as_str());
            }
        }
    }
    for e in cx.contents.entries.iter().filter(|e| cx.reports(e)) {
        let Some(d) = e.record.as_document() else { continue };
        let (Some(path), Some(claims)) = (d.snapshot.as_deref(), quoting.get(d.id.as_str())) else {
            continue;
        };
        if claims.is_empty() {
            continue;
        }
        let Some(why) = unreadable.get(path) else { continue };
        let named: Vec<String> = claims.iter().take(MAX_NAMED).map(|c| format!("`{c}`")).collect();
        let more = if claims.len() > MAX_NAMED {
            format!(" and {} more", claims.len() - MAX_NAMED)
        } else {
            String::new()
        };
        let message = format!(
            "snapshot `{path}` has no readable text to match quotes against: {why}; quoted by {}{more}",
            named.join(", ")
        );
        out.push(finding(Code::SnapshotUnreadable, e, "snapshot", message).with_help(
            "archive a version with text (the page as HTML, the PDF with its text layer, or the OCR'd text as .txt), or cite another document",
        ));
    }
}
