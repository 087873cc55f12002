//! `missing-hash` and `hash-mismatch`: every record is sealed with the hash
//! of docs/reference.md section 5; a record edited after it was sealed no longer matches.
//! `claimtrail hash` writes both fixes. Example: changing `Exact(137)` to
//! `Exact(139)` without resealing.

use super::finding;
use crate::finding::{Code, Diagnostic};
use crate::model::Seal;
use crate::store::contents::Entry;
use crate::text::hash::{is_well_formed, record_digest};

/// The rule on one record.
pub(super) fn entry(e: &Entry, out: &mut Vec<Diagnostic>) {
    if let Some(revises) = e.record.revises()
        && !is_well_formed(revises)
    {
        out.push(
            finding(Code::Parse, e, "revises", "revises is not a hash".to_owned())
                .with_help("revises is `sha256:` and 64 lowercase hex digits, written by `claimtrail hash`"),
        );
    }
    let Some(stored) = e.record.stored_hash() else {
        out.push(
            finding(Code::MissingHash, e, "", format!("{} has no hash", e.record.kind().label()))
                .with_help("run `claimtrail hash` to seal it"),
        );
        return;
    };
    let actual = record_digest(&e.record);
    if stored.digest() != Some(&actual) {
        let message = if stored.digest().is_some() {
            format!(
                "the content changed since the hash was written; it now hashes to {}",
                Seal::sha256(actual)
            )
        } else {
            "the hash is not `sha256:` and 64 lowercase hex digits".to_owned()
        };
        out.push(
            finding(Code::HashMismatch, e, "hash", message)
                .with_help("if the change is meant, run `claimtrail hash` to reseal the record"),
        );
    }
}
