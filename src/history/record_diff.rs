//! `diff`: the semantic difference of two snapshots (docs/reference.md sections 6, 9).
//! Records are matched by id, so a moved file is `moved`, not a removal
//! and an addition; changes are listed field by field, each field in the
//! JSON form of docs/reference.md section 5 (`{"Exact":137}`), absent fields as `None`.
//!
//! The `hash` field is not compared: it changes whenever content does, so
//! listing it would only repeat the other changes, and a record whose
//! content is the same is the same claim. A record both moved and changed
//! is `modified`, with `path` among its fields. Pure.
//!
//! A record file that one side cannot read as a record (not RON, not
//! UTF-8, over the size limit, unreadable) is a change of its own kind,
//! [`Unreadable`], with each side's reason: a diff that cannot read a file
//! must say so, not answer "no record changed". The record the other side
//! holds at that path is then neither added nor removed — the diff cannot
//! tell what became of it (`history` keeps its last good version, too).

use rayon::prelude::*;
use serde_json::Value as Json;

use std::collections::{BTreeMap, HashSet};

use crate::finding::{Code, Diagnostic};
use crate::model::{Record, RecordKind};
use crate::store::contents::{Contents, Entry};

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

/// Why one side cannot read a record file: the message of its `parse`
/// finding, with the position where one applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// A record file that one side (or both, for different reasons) cannot
/// read as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Relative to the store root, `/`-separated.
    pub path: String,
    /// Why the old side cannot read it; `None` when it reads a record
    /// there or has no file.
    pub old: Option<Reason>,
    /// The same for the new side.
    pub new: Option<Reason>,
    /// The record the other side reads at this path, if any.
    pub record: Option<(RecordKind, String)>,
}

/// Everything that differs between two snapshots.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    /// The records that differ, by type and id.
    pub records: Vec<RecordDiff>,
    /// The record files a side cannot read, by path.
    pub unreadable: Vec<Unreadable>,
}

impl Diff {
    /// Whether nothing differs (`diff --exit-code` exits 0).
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.unreadable.is_empty()
    }
}

/// The records that differ between `old` and `new` (`records`) and the
/// record files that a side cannot read (`unreadable`); a record at a
/// path the other side cannot read is not listed as added or removed.
pub fn diff(old: &Contents, new: &Contents) -> Diff {
    let unreadable = unreadable(old, new);
    let (gone, came): (HashSet<&str>, HashSet<&str>) = (
        unreadable.iter().filter(|u| u.new.is_some()).map(|u| u.path.as_str()).collect(),
        unreadable.iter().filter(|u| u.old.is_some()).map(|u| u.path.as_str()).collect(),
    );
    let mut records = records(old, new);
    records.retain(|r| match r.change {
        DiffKind::Removed => !r.old_path.as_deref().is_some_and(|p| gone.contains(p)),
        DiffKind::Added => !r.new_path.as_deref().is_some_and(|p| came.contains(p)),
        DiffKind::Modified | DiffKind::Moved => true,
    });
    Diff { records, unreadable }
}

/// The record files that a side cannot read, by path: each path with a
/// `parse` finding of the loading (a file that is not RON, not UTF-8, not
/// a regular file, over `max_file_bytes`, or that cannot be read) on
/// either side, unless both sides have the same finding there (a file
/// broken alike on both sides did not change as far as a diff can tell).
pub(crate) fn unreadable(old: &Contents, new: &Contents) -> Vec<Unreadable> {
    let reasons = |s: &Contents| -> BTreeMap<String, Reason> {
        let mut map = BTreeMap::new();
        for d in s.findings.iter().filter(|d| is_unreadable_file(s, d)) {
            map.entry(d.file.clone()).or_insert_with(|| Reason {
                message: d.message.clone(),
                line: d.line,
                column: d.column,
            });
        }
        map
    };
    let (mut before, mut after) = (reasons(old), reasons(new));
    let paths: std::collections::BTreeSet<String> = before.keys().chain(after.keys()).cloned().collect();
    let record_at = |s: &Contents, path: &str| {
        let at = s.entries.partition_point(|e| e.file.as_str() < path);
        s.entries.get(at).filter(|e| e.file == path).map(|e| (e.record.kind(), e.record.id().to_owned()))
    };
    paths
        .into_iter()
        .filter_map(|path| {
            let (a, b) = (before.remove(&path), after.remove(&path));
            if a.is_some() && a == b || a.as_ref().zip(b.as_ref()).is_some_and(|(a, b)| both_links(a, b)) {
                return None;
            }
            let record = match (&a, &b) {
                (None, _) => record_at(old, &path),
                (_, None) => record_at(new, &path),
                _ => None,
            };
            Some(Unreadable { path, old: a, new: b, record })
        })
        .collect()
}

/// Whether a loading finding says a record file cannot be read as a
/// record (not a finding about the configuration or the measures file): a
/// `parse` finding, or a symlink left unread (git history holds a symlink
/// or a submodule with a record's name as a `parse` finding of its own).
fn is_unreadable_file(s: &Contents, d: &Diagnostic) -> bool {
    let unread = matches!(d.code, Code::Parse | Code::MergeConflict)
        || d.code == Code::PathEscape && d.message.starts_with(LINK);
    unread && crate::store::folder_of(&s.config, &d.file).is_some()
}

/// How every finding about a symlink left unread begins, on disk and in git.
const LINK: &str = "a symlink";

/// Whether two sides' reasons are both a symlink left unread: the working
/// tree says where it leads, git history only that it is one; the file
/// did not change as far as a diff can tell.
fn both_links(a: &Reason, b: &Reason) -> bool {
    a.message.starts_with(LINK) && b.message.starts_with(LINK)
}

/// Every record that differs between `old` and `new`, ordered by record
/// type (claims, sources, documents), then id. A record whose type changed
/// is a removal and an addition.
pub(crate) fn records(old: &Contents, new: &Contents) -> Vec<RecordDiff> {
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

/// The fields of a record in its JSON form of docs/reference.md section 5, without
/// `id` (the match key), in the order of docs/reference.md section 2; absent fields are
/// left out.
pub(crate) fn fields(record: &Record) -> Vec<(String, Json)> {
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
        let got: Vec<String> = records(&snapshot(old), &snapshot(new))
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

    /// Each unreadable file as `path: old-reason | new-reason (record)`,
    /// then the records that differ as `change id`.
    fn check_unreadable(old: &[(&str, &str)], new: &[(&str, &str)], expected: &[&str]) {
        let d = diff(&snapshot(old), &snapshot(new));
        let side = |r: &Option<Reason>| {
            r.as_ref().map_or("-".to_owned(), |r| format!("{:?}:{:?}", r.line, r.column))
        };
        let mut got: Vec<String> = d
            .unreadable
            .iter()
            .map(|u| {
                let record =
                    u.record.as_ref().map_or(String::new(), |(k, id)| format!(" ({} {id})", k.label()));
                format!("{}: {} | {}{record}", u.path, side(&u.old), side(&u.new))
            })
            .collect();
        got.extend(d.records.iter().map(|r| format!("{} {}", r.change.label(), r.id)));
        assert_eq!(got, expected);
        assert_eq!(d.is_empty(), expected.is_empty());
    }

    #[test]
    fn files_a_side_cannot_read_are_changes_of_their_own() {
        let a = claim("a", "Exact(1)", "2024", "q");
        let b = claim("b", "Exact(1)", "2024", "q");
        // Added garbage.
        check_unreadable(
            &[("claims/a.ron", &a)],
            &[("claims/a.ron", &a), ("claims/garbage.ron", "not RON"), ("claims/nul.ron", "\u{0}")],
            &["claims/garbage.ron: - | Some(1):Some(1)", "claims/nul.ron: - | Some(1):Some(1)"],
        );
        // Broken in place: unreadable, with the record it held; not removed.
        check_unreadable(
            &[("claims/a.ron", &a), ("claims/b.ron", &b)],
            &[("claims/a.ron", "Claim(id: \"a\","), ("claims/b.ron", &b.replace("Exact(1)", "Exact(2)"))],
            &["claims/a.ron: - | Some(1):Some(14) (claim a)", "modified b"],
        );
        // Mended: the same, the other way round.
        check_unreadable(
            &[("claims/a.ron", "Claim(id: \"a\",")],
            &[("claims/a.ron", &a)],
            &["claims/a.ron: Some(1):Some(14) | - (claim a)"],
        );
        // Broken alike on both sides: no change; broken differently: one.
        check_unreadable(&[("claims/a.ron", "Claim(")], &[("claims/a.ron", "Claim(")], &[]);
        check_unreadable(
            &[("claims/a.ron", "Claim(")],
            &[("claims/a.ron", "Claim(id: \"a\",")],
            &["claims/a.ron: Some(1):Some(6) | Some(1):Some(14)"],
        );
        // Deleted while broken; a broken file moved away from a record's
        // path leaves that record removed at its old path.
        check_unreadable(&[("claims/a.ron", "Claim(")], &[], &["claims/a.ron: Some(1):Some(6) | -"]);
        check_unreadable(
            &[("claims/a.ron", &a)],
            &[("claims/x.ron", "Claim(")],
            &["claims/x.ron: - | Some(1):Some(6)", "removed a"],
        );
    }
}
