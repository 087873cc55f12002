//! `hash-mismatch` that says what changed (docs/reference.md section 6): when the
//! committed version of a file (HEAD's) was sealed with the hash the file
//! now carries, the content changed since that version, and the finding can
//! name each changed field with its old and new value and point at the
//! first of them in the file's order. Without such a version the finding
//! stays as the rule wrote it. Pure: the CLI reads HEAD's snapshot and the
//! files' texts.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::finding::{Code, Diagnostic};
use crate::history::record_diff::FieldChange;
use crate::model::Record;
use crate::store::contents::Contents;
use crate::text::hash::record_hash;
use crate::text::spans::SpanIndex;

/// Rewrites every `hash-mismatch` whose file's version in `head` was sealed
/// with the hash now written: the changed fields in the message, the first
/// of them (in the text `read` gives for the file) as its field.
pub(crate) fn explain(
    diagnostics: &mut [Diagnostic],
    now: &Contents,
    head: &Contents,
    mut read: impl FnMut(&str) -> Option<String>,
) {
    let now_by_file: HashMap<&str, &Record> =
        now.entries.iter().map(|e| (e.file.as_str(), &e.record)).collect();
    let head_by_file: HashMap<&str, &Record> =
        head.entries.iter().map(|e| (e.file.as_str(), &e.record)).collect();
    for d in diagnostics.iter_mut().filter(|d| d.code == Code::HashMismatch) {
        let (Some(current), Some(sealed)) =
            (now_by_file.get(d.file.as_str()), head_by_file.get(d.file.as_str()))
        else {
            continue;
        };
        let Some(changes) = changes_since_sealed(current, sealed) else {
            continue;
        };
        let first = read(&d.file).and_then(|text| first_in_file(&text, &changes));
        describe(d, &changes, first);
    }
}

/// The fields that differ between `now` and `sealed`, in the order of
/// docs/reference.md section 2, when `sealed` carries the hash `now` carries and that
/// hash is `sealed`'s own; otherwise `None`.
pub(crate) fn changes_since_sealed(now: &Record, sealed: &Record) -> Option<Vec<FieldChange>> {
    let written = now.stored_hash()?;
    if sealed.stored_hash() != Some(written) || *written != record_hash(sealed) || now.kind() != sealed.kind()
    {
        return None;
    }
    let changes: Vec<FieldChange> = sealed
        .fields()
        .into_iter()
        .zip(now.fields())
        .filter(|(old, new)| old.value != new.value)
        .map(|(old, new)| FieldChange {
            field: old.name.to_owned(),
            old: old.value.to_json(),
            new: new.value.to_json(),
        })
        .collect();
    (!changes.is_empty()).then_some(changes)
}

/// The changed field that comes first in the file's text; fields the file
/// no longer has cannot be pointed at.
fn first_in_file(text: &str, changes: &[FieldChange]) -> Option<String> {
    let index = SpanIndex::build(text);
    changes
        .iter()
        .filter_map(|c| Some((index.locate(&c.field)?.start, &c.field)))
        .min()
        .map(|(_, field)| field.clone())
}

fn describe(d: &mut Diagnostic, changes: &[FieldChange], first: Option<String>) {
    let listed: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.field, shown(c.old.as_ref()), shown(c.new.as_ref())))
        .collect();
    d.message = crate::finding::clipped(format!(
        "the content changed since the committed version sealed with this hash: {}",
        listed.join("; ")
    ));
    if let Some(field) = first {
        d.field = Some(field);
        d.span = None;
        d.line = None;
        d.column = None;
    }
}

/// A field's value as compact JSON, or `absent`.
fn shown(value: Option<&Json>) -> String {
    value.map_or_else(|| "absent".to_owned(), Json::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(text: &str) -> Contents {
        crate::testing::snapshot(&[("claims/a.ron", text)])
    }

    fn claim(value: &str, note: &str) -> String {
        format!(
            "Claim(\n    id: \"a\",\n    subject: \"s\",\n    measure: \"killed\",\n    note: \"{note}\",\n    value: {value},\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [Citation(document: \"d\", quote: \"x\")],\n)\n"
        )
    }

    fn explained(head: &str, now: &str) -> Diagnostic {
        let head = snapshot(&crate::testing::sealed(head));
        let sealed_hash = head.entries[0].record.stored_hash().expect("sealed").to_owned();
        let now_text = now.replace(")\n", &format!("    hash: \"{sealed_hash}\",\n)\n"));
        let now = snapshot(&now_text);
        let mut ds = vec![Diagnostic::new(Code::HashMismatch, "claims/a.ron", "changed").at_field("hash")];
        explain(&mut ds, &now, &head, |_| Some(now_text.clone()));
        ds.remove(0)
    }

    #[test]
    fn names_each_changed_field_and_points_at_the_first_in_the_file() {
        let d = explained(&claim("Exact(137)", "old"), &claim("Exact(139)", "new"));
        assert_eq!(
            d.message,
            "the content changed since the committed version sealed with this hash: \
             value: {\"Exact\":137} → {\"Exact\":139}; note: \"old\" → \"new\""
        );
        assert_eq!(d.field.as_deref(), Some("note"), "note comes before value in this file");
    }

    #[test]
    fn a_version_sealed_with_another_hash_leaves_the_finding() {
        let head = snapshot(&crate::testing::sealed(&claim("Exact(1)", "x")));
        let now = snapshot(&claim("Exact(2)", "x").replace(")\n", "    hash: \"sha256:00\",\n)\n"));
        let mut ds = vec![Diagnostic::new(Code::HashMismatch, "claims/a.ron", "changed").at_field("hash")];
        explain(&mut ds, &now, &head, |_| None);
        assert_eq!((ds[0].message.as_str(), ds[0].field.as_deref()), ("changed", Some("hash")));
    }
}
