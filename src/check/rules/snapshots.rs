//! `snapshot-missing`, `snapshot-hash` and `path-escape` for document
//! snapshots: the archived text quotes are checked against must exist,
//! stay inside sources/snapshots/, and match its recorded sha256.
//! Example: `snapshot: "../../etc/passwd"` is a path-escape.
//!
//! `snapshot-unreadable` ([`unreadable`]): a document that claims quote
//! must have readable text (SPEC 2.1); a scanned PDF does not.

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::store::snapshot::SnapshotFile;
use crate::text::hash::is_well_formed;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let dir = cx.snapshot.config.snapshots();
    for e in &cx.snapshot.entries {
        let Some(d) = e.record.as_document() else { continue };
        let Some(path) = &d.snapshot else {
            if d.snapshot_hash.is_some() {
                out.push(
                    finding(
                        Code::SnapshotHash,
                        e,
                        "snapshot_hash",
                        "snapshot_hash without a snapshot".to_owned(),
                    )
                    .with_help("add `snapshot: \"file\"` or remove snapshot_hash"),
                );
            }
            continue;
        };
        match cx.snapshot.snapshots.get(path) {
            Some(SnapshotFile::Found { hash, .. }) => match &d.snapshot_hash {
                None => out.push(
                    finding(Code::SnapshotHash, e, "snapshot", "a snapshot needs a snapshot_hash".to_owned())
                        .with_help(format!(
                            "add `snapshot_hash: \"{hash}\"` if this file is the archived text"
                        )),
                ),
                Some(expected) if expected != hash => {
                    let why = if is_well_formed(expected) {
                        format!("the snapshot's bytes hash to {hash}, not to the recorded snapshot_hash")
                    } else {
                        "snapshot_hash is not `sha256:` and 64 lowercase hex digits".to_owned()
                    };
                    out.push(finding(Code::SnapshotHash, e, "snapshot_hash", why).with_help(format!(
                        "restore the archived file, or set `snapshot_hash: \"{hash}\"` if the new text is meant"
                    )));
                }
                Some(_) => {}
            },
            Some(SnapshotFile::Escapes(why)) => out.push(
                finding(Code::PathEscape, e, "snapshot", format!("snapshot path `{}` {why}", path))
                    .with_help(format!("snapshots are files inside {dir}/, named relative to it")),
            ),
            Some(SnapshotFile::Unreadable(why)) => out.push(
                finding(
                    Code::SnapshotMissing,
                    e,
                    "snapshot",
                    format!("cannot read snapshot `{}`: {why}", path),
                )
                .with_help("check the file's permissions"),
            ),
            Some(SnapshotFile::Missing) | None => out.push(
                finding(Code::SnapshotMissing, e, "snapshot", format!("no snapshot file {dir}/{}", path))
                    .with_help(format!("add the archived text at {dir}/{} or correct the path", path)),
            ),
        }
    }
}

/// Claims named in a `snapshot-unreadable` message, at most.
const MAX_NAMED: usize = 5;

/// `snapshot-unreadable`: one finding per document whose snapshot has no
/// readable text and that some claim quotes, at the document's `snapshot`
/// field (where the fix is), naming the claims that quote it.
pub fn unreadable(cx: &Context, out: &mut Vec<Diagnostic>) {
    let unreadable: std::collections::HashMap<&str, &str> = cx
        .snapshot
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
    for e in &cx.snapshot.entries {
        let Some(d) = e.record.as_document() else { continue };
        if d.snapshot.as_deref().is_some_and(|p| unreadable.contains_key(p)) {
            quoting.insert(d.id.as_str(), Vec::new());
        }
    }
    for (_, claim) in cx.snapshot.claims() {
        for cit in &claim.citations {
            if let Some(claims) = quoting.get_mut(cit.document.as_str())
                && claims.last() != Some(&claim.id.as_str())
            {
                claims.push(claim.id.as_str());
            }
        }
    }
    for e in &cx.snapshot.entries {
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
