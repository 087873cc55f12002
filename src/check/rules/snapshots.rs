//! `snapshot-missing`, `snapshot-hash` and `path-escape` for document
//! snapshots: the archived text quotes are checked against must exist,
//! stay inside sources/snapshots/, and match its recorded sha256.
//! Example: `snapshot: "../../etc/passwd"` is a path-escape.

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
