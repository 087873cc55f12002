//! `diff`: the semantic difference of two snapshots (SPEC sections 6, 9).
//! Records are matched by id, so a moved file is `moved`, not a removal
//! and an addition; changes are listed field by field, each field in the
//! JSON form of SPEC section 5 (`{"Exact":137}`), absent fields as `None`.
//!
//! The `hash` field is not compared: it changes whenever content does, so
//! listing it would only repeat the other changes, and a record whose
//! content is the same is the same claim. A record both moved and changed
//! is `modified`, with `path` among its fields. Pure.

use rayon::prelude::*;
use serde_json::Value as Json;

use crate::model::{Record, RecordKind};
use crate::store::snapshot::{Entry, Snapshot};

/// How a record changed between the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiffKind {
    Added,
    Removed,
    Modified,
    Moved,
}

impl DiffKind {
    pub fn label(self) -> &'static str {
        match self {
            DiffKind::Added => "added",
            DiffKind::Removed => "removed",
            DiffKind::Modified => "modified",
            DiffKind::Moved => "moved",
        }
    }
}

/// One field that differs; `None` is an absent field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Json>,
    pub new: Option<Json>,
}

/// One record that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDiff {
    pub id: String,
    pub kind: RecordKind,
    pub change: DiffKind,
    pub old_path: Option<String>,
    pub new_path: Option<String>,
    /// For added and removed records, every field (one side `None`).
    pub fields: Vec<FieldChange>,
}

impl RecordDiff {
    /// Where the record is now (or was, if removed).
    pub fn path(&self) -> &str {
        self.new_path.as_deref().or(self.old_path.as_deref()).unwrap_or_default()
    }
}

/// Every record that differs between `old` and `new`, ordered by record
/// type (claims, sources, documents), then id. A record whose type changed
/// is a removal and an addition.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<RecordDiff> {
    let before = old.by_id();
    let after = new.by_id();
    // Records are compared on all cores: thousands change between distant
    // revisions, each compared field by field in its JSON form.
    let pairs: Vec<(&Entry, Option<&Entry>)> = before
        .iter()
        .map(|(id, a)| (*a, after.get(id).copied().filter(|b| b.record.kind() == a.record.kind())))
        .collect();
    let mut out: Vec<RecordDiff> = pairs
        .into_par_iter()
        .filter_map(|(a, b)| match b {
            Some(b) => compare(a, b),
            None => Some(one_sided(a, DiffKind::Removed)),
        })
        .collect();
    for (id, b) in &after {
        if before.get(id).is_none_or(|a| a.record.kind() != b.record.kind()) {
            out.push(one_sided(b, DiffKind::Added));
        }
    }
    out.par_sort_unstable_by(|x, y| (x.kind, &x.id, x.change).cmp(&(y.kind, &y.id, y.change)));
    out
}

/// The fields of a record in its JSON form of SPEC section 5, without
/// `id` (the match key), in the order of SPEC section 2; absent fields are
/// left out.
pub fn fields(record: &Record) -> Vec<(String, Json)> {
    record
        .fields()
        .into_iter()
        .filter(|f| f.name != "id")
        .filter_map(|f| Some((f.name.to_owned(), f.value.to_json()?)))
        .collect()
}

fn compare(a: &Entry, b: &Entry) -> Option<RecordDiff> {
    let moved = a.file != b.file;
    let mut changes = Vec::new();
    if moved {
        changes.push(FieldChange {
            field: "path".to_owned(),
            old: Some(Json::String(a.file.clone())),
            new: Some(Json::String(b.file.clone())),
        });
    }
    if a.record != b.record {
        // Both records are of one kind, so their field lists line up.
        for (old, new) in a.record.fields().into_iter().zip(b.record.fields()) {
            if old.name != "id" && old.value != new.value {
                changes.push(FieldChange {
                    field: old.name.to_owned(),
                    old: old.value.to_json(),
                    new: new.value.to_json(),
                });
            }
        }
    }
    let change = match (moved, changes.len() > usize::from(moved)) {
        (_, true) => DiffKind::Modified,
        (true, false) => DiffKind::Moved,
        (false, false) => return None, // the same content; only layout or the written hash differ
    };
    Some(RecordDiff {
        id: a.record.id().to_owned(),
        kind: a.record.kind(),
        change,
        old_path: Some(a.file.clone()),
        new_path: Some(b.file.clone()),
        fields: changes,
    })
}

fn one_sided(e: &Entry, change: DiffKind) -> RecordDiff {
    let added = change == DiffKind::Added;
    let fields = fields(&e.record)
        .into_iter()
        .map(|(field, v)| {
            let (old, new) = if added { (None, Some(v)) } else { (Some(v), None) };
            FieldChange { field, old, new }
        })
        .collect();
    let path = Some(e.file.clone());
    RecordDiff {
        id: e.record.id().to_owned(),
        kind: e.record.kind(),
        change,
        old_path: if added { None } else { path.clone() },
        new_path: if added { path } else { None },
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::claim_text as claim;
    use crate::testing::snapshot;

    /// Diffs two stores; each change as `change id: field old → new; ...`.
    fn check(old: &[(&str, &str)], new: &[(&str, &str)], expected: &[&str]) {
        let got: Vec<String> = diff(&snapshot(old), &snapshot(new))
            .iter()
            .map(|d| {
                let fields: Vec<String> = d
                    .fields
                    .iter()
                    .map(|f| {
                        let j = |v: &Option<Json>| v.as_ref().map_or("null".to_owned(), |v| v.to_string());
                        format!("{} {} → {}", f.field, j(&f.old), j(&f.new))
                    })
                    .collect();
                format!("{} {}: {}", d.change.label(), d.id, fields.join("; "))
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn matches_records_by_id() {
        let a = claim("a", "Exact(137)", "2024-03-23", "q");
        let a2 = claim("a", "Exact(143)", "2024-03-24", "q");
        let b = claim("b", "Exact(1)", "2024", "q");
        let c = claim("c", "Exact(1)", "2024", "q");
        check(
            &[("claims/a.ron", &a), ("claims/b.ron", &b), ("claims/c.ron", &c)],
            &[("claims/x/a.ron", &a2), ("claims/b2.ron", &b), ("claims/c.ron", &c.replace(", ", ",\n"))],
            &[
                "modified a: path \"claims/a.ron\" → \"claims/x/a.ron\"; value {\"Exact\":137} → {\"Exact\":143}; as_of \"2024-03-23\" → \"2024-03-24\"",
                "moved b: path \"claims/b.ron\" → \"claims/b2.ron\"",
            ],
        );
    }

    #[test]
    fn added_and_removed_records_list_their_fields() {
        let a = "Claim(id: \"a\", subject: \"s\", measure: \"killed\", value: Exact(1), statement: \"x\", claimant: \"ic\", citations: [Citation(document: \"d\", quote: \"q\")], hash: \"sha256:00\")";
        check(
            &[],
            &[("claims/a.ron", a)],
            &[
                "added a: subject null → \"s\"; measure null → \"killed\"; value null → {\"Exact\":1}; statement null → \"x\"; claimant null → \"ic\"; citations null → [{\"document\":\"d\",\"quote\":\"q\"}]",
            ],
        );
        check(
            &[("claims/a.ron", a)],
            &[],
            &[
                "removed a: subject \"s\" → null; measure \"killed\" → null; value {\"Exact\":1} → null; statement \"x\" → null; claimant \"ic\" → null; citations [{\"document\":\"d\",\"quote\":\"q\"}] → null",
            ],
        );
    }

    #[test]
    fn absent_fields_are_null_and_the_hash_is_ignored() {
        let a = "Claim(id: \"a\", subject: \"s\", measure: \"killed\", value: Exact(1), statement: \"x\", claimant: \"ic\", citations: [Citation(document: \"d\", quote: \"q\")], hash: \"sha256:00\")";
        let noted = a.replace("hash: \"sha256:00\"", "note: \"n\", rank: Deprecated, hash: \"sha256:11\"");
        check(
            &[("claims/a.ron", a)],
            &[("claims/a.ron", &noted)],
            &["modified a: rank null → \"Deprecated\"; note null → \"n\""],
        );
        check(&[("claims/a.ron", a)], &[("claims/a.ron", &a.replace("00", "11"))], &[]);
    }

    #[test]
    fn a_type_change_is_a_removal_and_an_addition() {
        let a = claim("a", "Exact(1)", "2024", "q");
        let s = "Source(id: \"a\", name: \"A\", kind: Court)";
        check(
            &[("claims/a.ron", &a)],
            &[("sources/a.ron", s)],
            &[
                "removed a: subject \"crocus\" → null; measure \"killed\" → null; value {\"Exact\":1} → null; as_of \"2024\" → null; statement \"s\" → null; claimant \"ic\" → null; citations [{\"document\":\"d\",\"quote\":\"q\"}] → null",
                "added a: name null → \"A\"; kind null → \"Court\"",
            ],
        );
    }
}
