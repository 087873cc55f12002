//! Three-way merge of one record, field by field (`claimtrail merge`, the
//! git merge driver of docs/reference.md section 6). Pure: texts in, a text out.
//!
//! Each field (`Record::fields`, in its canonical JSON form) is decided on
//! its own: changed on one side, that side's value; changed alike on both,
//! that value; changed differently on both, a conflict — except lists
//! (citations, tags, part_of, aliases, updated, ratings), which merge as
//! sets of items: what either side added is in, what either side removed
//! is out, in ours' order with theirs' additions after. `hash` and `revises` are
//! not merged: a clean result is resealed, with `revises` the hash of the
//! base version, so two editors who each changed and resealed a record no
//! longer conflict on those lines.
//!
//! The result is ours' text with field edits (records keep their
//! comments and layout), unless git's own line merge of the three texts
//! (made by the caller with `hash` and `revises` left out, see
//! [`without_seal`]) merged cleanly to the same record: that text is used
//! then, so comments added on either side survive too. A conflict keeps
//! git's markers around that field alone, both sides' lines between them.
//! What this cannot read as records of one kind, or whose layout it cannot
//! edit line by line, is [`Merged::Unreadable`]: the caller falls back to
//! git's text merge, so no side's edit is ever dropped.

use std::collections::BTreeSet;
use std::ops::Range;

use serde_json::Value as Json;

use crate::model::fields::FieldValue;
use crate::model::{Claim, Document, Record, RecordKind, Source};
use crate::text::hash::record_hash;
use crate::text::parse::parse_record;
use crate::text::reseal_text::{Reseal, reseal_with};
use crate::text::ron_writer;
use crate::text::spans::{FieldSpan, SpanIndex};

/// The three versions of a file, as texts (UTF-8, byte-order mark removed).
#[derive(Debug, Clone, Copy)]
pub struct Sides<'a> {
    /// The common ancestor's text.
    pub base: &'a str,
    /// Our side's text (the branch merged into).
    pub ours: &'a str,
    /// Their side's text.
    pub theirs: &'a str,
}

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// Merged cleanly; the text is sealed.
    Clean(String),
    /// These fields changed differently on both sides; the text has
    /// conflict markers around each of them and does not parse.
    Conflicts {
        /// The merged text, with markers.
        text: String,
        /// The fields that conflict.
        fields: Vec<&'static str>,
    },
    /// Not understood as records of one kind (the reason in words): leave
    /// the file to git's text merge.
    Unreadable(String),
}

/// The markers' labels, as git writes them after `<<<<<<<` and `>>>>>>>`.
pub const OURS: &str = "ours";
/// The label of their side.
pub const THEIRS: &str = "theirs";

/// How one field comes out of the merge.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    Ours,
    Theirs,
    /// A list merged as a set: the new JSON value (`None`: empty).
    Union(Option<Json>),
    Conflict,
}

/// git's line merge of the three texts [`without_seal`], made by the
/// caller: its text (with markers when it is not clean).
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    /// The merged text.
    pub text: &'a str,
    /// Whether git merged it without conflict markers.
    pub clean: bool,
}

/// Merges the three versions of one record. `lines` is git's line merge of
/// the three texts [`without_seal`].
///
/// Every comment a side added is kept, and none a side removed comes
/// back: a result that cannot have both sides' comments (a comment added
/// next to a field the other side changed, where git's line merge stops)
/// is not clean. It is then git's line merge with its markers, as without
/// the driver (or [`Merged::Unreadable`] when that merge was clean yet
/// another record: the caller merges the whole texts line by line).
pub fn merge(sides: Sides, lines: Option<Lines>) -> Merged {
    let parse = |which: &str, text: &str| {
        parse_record(text)
            .map_err(|e| format!("{which} is not a record ({}:{}: {})", e.line, e.column, e.message))
    };
    let (base, ours, theirs) =
        match (parse("base", sides.base), parse("ours", sides.ours), parse("theirs", sides.theirs)) {
            (Ok(b), Ok(o), Ok(t)) => (b, o, t),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Merged::Unreadable(e),
        };
    if base.kind() != ours.kind() || base.kind() != theirs.kind() {
        return Merged::Unreadable("the three versions are not records of one kind".to_owned());
    }
    let comments = CommentEdits::of(sides);
    let decisions = decide(&base, &ours, &theirs);
    let Some(mut merged) = assemble(&ours, &theirs, &decisions) else {
        return Merged::Unreadable("the merged record would not be valid".to_owned());
    };
    let conflicts: Vec<&'static str> =
        decisions.iter().filter(|(_, d)| *d == Decision::Conflict).map(|(name, _)| *name).collect();
    if !conflicts.is_empty() {
        return match edit(sides, &merged, &decisions) {
            Ok(text) if comments.kept_in(&text) => Merged::Conflicts { text, fields: conflicts },
            Ok(_) => comments_conflict(lines, conflicts),
            Err(why) => Merged::Unreadable(why),
        };
    }
    // The seal: a side's own when the merge is that side's content (its
    // `revises` stays), else a new version of the base.
    let bare = without_revises(&merged);
    let (is_ours, is_theirs) =
        (without_revises(&ours).same_content(&bare), without_revises(&theirs).same_content(&bare));
    let revises = if is_ours {
        ours.revises().map(str::to_owned)
    } else if is_theirs {
        theirs.revises().map(str::to_owned)
    } else {
        Some(record_hash(&base))
    };
    merged.set_revises(revises.clone());
    let candidates = [
        lines.filter(|l| l.clean).map(|l| l.text.to_owned()),
        is_ours.then(|| sides.ours.to_owned()),
        is_theirs.then(|| sides.theirs.to_owned()),
        edit(sides, &merged, &decisions).ok(),
    ];
    let mut comments_lost = false;
    for text in candidates.into_iter().flatten() {
        if let Some(sealed) = sealed_as(&text, revises.as_deref(), &merged) {
            if comments.kept_in(&sealed) {
                return Merged::Clean(sealed);
            }
            comments_lost = true;
        }
    }
    if comments_lost {
        return comments_conflict(lines, Vec::new());
    }
    Merged::Unreadable("the record's layout is not understood by the field merge".to_owned())
}

/// Comments the two sides added and removed, against the base.
struct CommentEdits {
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
}

impl CommentEdits {
    fn of(sides: Sides) -> CommentEdits {
        let (base, ours, theirs) = (comments(sides.base), comments(sides.ours), comments(sides.theirs));
        let added: BTreeSet<String> =
            ours.iter().chain(&theirs).filter(|c| !base.contains(*c)).cloned().collect();
        let removed = base
            .iter()
            .filter(|c| !ours.contains(*c) || !theirs.contains(*c))
            .filter(|c| !added.contains(*c))
            .cloned()
            .collect();
        CommentEdits { added, removed }
    }

    /// Whether `text` has every added comment and no removed one.
    fn kept_in(&self, text: &str) -> bool {
        let have = comments(text);
        self.added.is_subset(&have) && self.removed.is_disjoint(&have)
    }
}

/// The comments of a text, each trimmed.
pub(crate) fn comments(text: &str) -> BTreeSet<String> {
    SpanIndex::build(text).comments.iter().map(|r| text[r.clone()].trim().to_owned()).collect()
}

/// The merge conflicts because no merged text keeps both sides' comments:
/// git's line merge with its markers, as without the driver.
fn comments_conflict(lines: Option<Lines>, fields: Vec<&'static str>) -> Merged {
    match lines {
        Some(l) if !l.clean => Merged::Conflicts { text: l.text.to_owned(), fields },
        _ => Merged::Unreadable("the two sides' comments cannot both be kept field by field".to_owned()),
    }
}

/// `text` (a record's) with every field that differs from `new` (a record
/// of the same kind) rewritten to `new`'s value as `new` writes it, in
/// place: the other fields, comments and layout stay (`import --update`
/// writes a correction so). Not sealed. Errors in words, when the layout
/// is not understood or the result would not be `new`.
pub(crate) fn rewrite_fields(text: &str, new: &Record) -> Result<String, String> {
    let old = parse_record(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    if old.kind() != new.kind() {
        return Err("the records are not of one kind".to_owned());
    }
    let theirs = ron_writer::record(new);
    let decisions: Vec<(&'static str, Decision)> = old
        .fields()
        .into_iter()
        .zip(new.fields())
        .map(|(o, n)| {
            let same = o.value.to_json() == n.value.to_json();
            (o.name, if same { Decision::Ours } else { Decision::Theirs })
        })
        .collect();
    let out = edit(Sides { base: text, ours: text, theirs: &theirs }, new, &decisions)?;
    let back = parse_record(&out).map_err(|e| format!("the edited text does not parse ({})", e.message))?;
    if back.same_content(new) { Ok(out) } else { Err("the edited text is not the record".to_owned()) }
}

/// The text without its `hash` and `revises` lines, for git's line merge:
/// two sides that both resealed differ on those lines even when their
/// edits do not touch. A text whose seal is not on lines of its own, or
/// that does not parse, is returned as it is.
pub fn without_seal(text: &str) -> String {
    let index = SpanIndex::build(text);
    let mut regions: Vec<Range<usize>> = ["hash", "revises"]
        .iter()
        .filter_map(|name| index.field(name).and_then(|f| line_region(text, f)))
        .collect();
    regions.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = text.to_owned();
    for r in regions {
        out.replace_range(r, "");
    }
    out
}

/// The decision for each field of the records' kind, in field order
/// (`revises` is left to the seal).
fn decide(base: &Record, ours: &Record, theirs: &Record) -> Vec<(&'static str, Decision)> {
    let (b, t) = (base.fields(), theirs.fields());
    ours.fields()
        .into_iter()
        .zip(b)
        .zip(t)
        .filter(|((o, _), _)| o.name != "revises")
        .map(|((o, b), t)| {
            let list =
                matches!(o.value, FieldValue::List(_) | FieldValue::Citations(_) | FieldValue::Ratings(_));
            let (b, o_json, t) = (b.value.to_json(), o.value.to_json(), t.value.to_json());
            let decision = if o_json == t || t == b {
                Decision::Ours
            } else if o_json == b {
                Decision::Theirs
            } else if list {
                Decision::Union(union(b.as_ref(), o_json.as_ref(), t.as_ref()))
            } else {
                Decision::Conflict
            };
            (o.name, decision)
        })
        .collect()
}

/// Lists merged as sets: ours' items but those theirs removed, then
/// theirs' additions; `None` when nothing is left.
fn union(base: Option<&Json>, ours: Option<&Json>, theirs: Option<&Json>) -> Option<Json> {
    let items = |v: Option<&Json>| v.and_then(Json::as_array).cloned().unwrap_or_default();
    let (base, ours, theirs) = (items(base), items(ours), items(theirs));
    let mut out: Vec<Json> = Vec::new();
    for item in &ours {
        let removed_by_theirs = base.contains(item) && !theirs.contains(item);
        if !removed_by_theirs && !out.contains(item) {
            out.push(item.clone());
        }
    }
    for item in &theirs {
        if !base.contains(item) && !out.contains(item) {
            out.push(item.clone());
        }
    }
    (!out.is_empty()).then_some(Json::Array(out))
}

/// The merged record: ours with theirs' values and the merged lists in
/// (and ours' value where they conflict). `None` when it would not be a
/// valid record (a claim left without citations).
fn assemble(ours: &Record, theirs: &Record, decisions: &[(&'static str, Decision)]) -> Option<Record> {
    let inner = |r: &Record| match serde_json::to_value(r) {
        Ok(Json::Object(outer)) => outer.into_iter().next().and_then(|(_, v)| v.as_object().cloned()),
        _ => None,
    };
    let (mut fields, theirs) = (inner(ours)?, inner(theirs)?);
    for (name, decision) in decisions {
        let value = match decision {
            Decision::Ours | Decision::Conflict => continue,
            Decision::Theirs => theirs.get(*name).cloned(),
            Decision::Union(v) => v.clone(),
        };
        match value {
            Some(v) => fields.insert((*name).to_owned(), v),
            None => fields.remove(*name),
        };
    }
    let fields = Json::Object(fields);
    match ours.kind() {
        RecordKind::Claim => serde_json::from_value::<Claim>(fields).ok().map(Record::Claim),
        RecordKind::Source => serde_json::from_value::<Source>(fields).ok().map(Record::Source),
        RecordKind::Document => {
            serde_json::from_value::<Document>(fields).ok().map(|d| Record::Document(Box::new(d)))
        }
    }
}

fn without_revises(record: &Record) -> Record {
    let mut r = record.clone();
    r.set_revises(None);
    r
}

/// `text` sealed with this `revises`, if it is then the `merged` record.
fn sealed_as(text: &str, revises: Option<&str>, merged: &Record) -> Option<String> {
    let sealed = match reseal_with(text, revises).ok()? {
        Reseal::Changed { text, .. } => text,
        Reseal::UpToDate => text.to_owned(),
    };
    parse_record(&sealed).ok().filter(|r| r.same_content(merged)).map(|_| sealed)
}

/// Ours' text with every field that is not ours' replaced: theirs' value
/// (its text as theirs wrote it), a merged list, or, for a conflict, both
/// sides' lines between git's markers.
fn edit(sides: Sides, merged: &Record, decisions: &[(&'static str, Decision)]) -> Result<String, String> {
    let o_index = SpanIndex::build(sides.ours);
    let t_index = SpanIndex::build(sides.theirs);
    let newline = if sides.ours.contains("\r\n") { "\r\n" } else { "\n" };
    let indent = o_index
        .top_level_keys()
        .next()
        .and_then(|k| indent_before(sides.ours, k))
        .unwrap_or("    ")
        .to_owned();
    let not_understood = |name: &str| format!("the field `{name}` is not on lines of its own");
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut added = String::new();
    for (name, decision) in decisions {
        let mine = o_index.field(name);
        let new_text: Option<String> = match decision {
            Decision::Ours => continue,
            Decision::Theirs => t_index.field(name).map(|f| sides.theirs[f.value.clone()].to_owned()),
            Decision::Union(v) => v.as_ref().and_then(|_| field_text(merged, name)),
            Decision::Conflict => {
                let lines = |text: &str, index: &SpanIndex| -> Result<String, String> {
                    match index.field(name) {
                        None => Ok(String::new()),
                        Some(f) => line_region(text, f)
                            .map(|r| text[r].to_owned())
                            .ok_or_else(|| not_understood(name)),
                    }
                };
                let (o, t) = (lines(sides.ours, &o_index)?, lines(sides.theirs, &t_index)?);
                let block = format!(
                    "<<<<<<< {OURS}{newline}{}======={newline}{}>>>>>>> {THEIRS}{newline}",
                    ends_line(&o, newline),
                    ends_line(&t, newline)
                );
                match mine {
                    Some(f) => {
                        edits.push((line_region(sides.ours, f).ok_or_else(|| not_understood(name))?, block))
                    }
                    None => added.push_str(&block),
                }
                continue;
            }
        };
        match (mine, new_text) {
            (Some(f), Some(text)) => edits.push((f.value.clone(), with_newlines(&text, newline))),
            (Some(f), None) => {
                edits.push((line_region(sides.ours, f).ok_or_else(|| not_understood(name))?, String::new()))
            }
            (None, Some(text)) => {
                added.push_str(&format!("{indent}{name}: {},{newline}", with_newlines(&text, newline)))
            }
            (None, None) => {}
        }
    }
    if !added.is_empty() {
        let at =
            insertion_point(sides.ours, &o_index).ok_or("the record has no line to add fields before")?;
        edits.push((at..at, added));
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = sides.ours.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    Ok(out)
}

/// A field of the merged record written as `new` writes it.
fn field_text(merged: &Record, name: &str) -> Option<String> {
    merged.fields().into_iter().find(|f| f.name == name).map(|f| ron_writer::field(f.value))
}

/// Where new fields go: before `revises` or `hash` when on a line of its
/// own, else before a `)` on a line of its own.
fn insertion_point(text: &str, index: &SpanIndex) -> Option<usize> {
    for name in ["revises", "hash"] {
        if let Some(f) = index.field(name)
            && let Some(region) = line_region(text, f)
        {
            return Some(region.start);
        }
    }
    let close = index.outer_close?;
    indent_before(text, close).map(|_| text[..close].rfind('\n').map_or(0, |i| i + 1))
}

/// The whole lines a field takes: from the start of its key's line to the
/// end of its value's line, when nothing but blanks, one comma and a `//`
/// comment share them.
fn line_region(text: &str, f: &FieldSpan) -> Option<Range<usize>> {
    indent_before(text, f.key.start)?;
    let start = text[..f.key.start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[f.value.end..];
    let line_end = rest.find('\n').map_or(text.len(), |i| f.value.end + i + 1);
    let tail = text[f.value.end..line_end].trim_end_matches(['\n', '\r']).trim();
    let tail = tail.strip_prefix(',').unwrap_or(tail).trim_start();
    (tail.is_empty() || tail.starts_with("//")).then_some(start..line_end)
}

/// The blanks before `offset` on its line, when only blanks precede it.
fn indent_before(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before.chars().all(|c| c == ' ' || c == '\t').then_some(before)
}

/// `text` with its line breaks written as `newline`.
fn with_newlines(text: &str, newline: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', newline)
}

/// `text` ending in a line break.
fn ends_line(text: &str, newline: &str) -> String {
    if text.is_empty() || text.ends_with('\n') { text.to_owned() } else { format!("{text}{newline}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sealed;

    const BASE: &str = "// The ministry's figure.\nClaim(\n    id: \"k\",\n    subject: \"kerman\",\n    measure: \"killed\",\n    value: Exact(95),\n    statement: \"95 dead.\",\n    claimant: \"m\",\n    citations: [\n        Citation(document: \"a\", quote: \"95\"),\n    ],\n    tags: [\"toll\"],\n)\n";

    /// A side: the base with replacements, resealed as `hash` would.
    fn side(edits: &[(&str, &str)]) -> String {
        let mut text = sealed(BASE);
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        match crate::text::reseal_text::reseal(&text).unwrap() {
            Reseal::Changed { text, .. } => text,
            Reseal::UpToDate => text,
        }
    }

    fn merged(ours: &[(&str, &str)], theirs: &[(&str, &str)]) -> Merged {
        let (base, ours, theirs) = (sealed(BASE), side(ours), side(theirs));
        merge(Sides { base: &base, ours: &ours, theirs: &theirs }, None)
    }

    fn clean(m: Merged) -> Record {
        let Merged::Clean(text) = m else { panic!("{m:?}") };
        let record = parse_record(&text).unwrap();
        assert!(record.stored_hash().is_some_and(|h| *h == record_hash(&record)), "sealed:\n{text}");
        assert!(text.starts_with("// The ministry's figure.\n"), "ours' comments stay:\n{text}");
        record
    }

    #[test]
    fn different_fields_merge_and_reseal_on_the_base() {
        let record =
            clean(merged(&[("Exact(95)", "Exact(84)")], &[("\"95 dead.\"", "\"84 dead, after all.\"")]));
        let c = record.as_claim().unwrap();
        assert_eq!(
            (c.value.clone(), c.statement.as_str()),
            (crate::model::Value::Exact(84), "84 dead, after all.")
        );
        let base = parse_record(&sealed(BASE)).unwrap();
        assert_eq!(record.revises(), Some(record_hash(&base).as_str()));
    }

    #[test]
    fn lists_merge_as_sets() {
        let record = clean(merged(
            &[
                ("[\"toll\"]", "[\"toll\", \"revised\"]"),
                ("quote: \"95\"),", "quote: \"95\"),\n        Citation(document: \"b\", quote: \"84\"),"),
            ],
            &[("[\"toll\"]", "[\"disputed\"]"), ("quote: \"95\"),", "quote: \"95\", locator: \"para 2\"),")],
        ));
        let c = record.as_claim().unwrap();
        assert_eq!(c.tags, ["revised", "disputed"], "theirs removed toll, ours added revised");
        let cites: Vec<String> =
            c.citations.iter().map(|c| format!("{} {:?}", c.document, c.locator)).collect();
        assert_eq!(cites, ["b None", "a Some(\"para 2\")"]);
    }

    #[test]
    fn one_sided_and_identical_changes_keep_that_sides_text() {
        let ours = side(&[("Exact(95)", "Exact(84)")]);
        let m = merge(Sides { base: &sealed(BASE), ours: &ours, theirs: &sealed(BASE) }, None);
        assert_eq!(m, Merged::Clean(ours.clone()));
        let m = merge(Sides { base: &sealed(BASE), ours: &sealed(BASE), theirs: &ours }, None);
        assert_eq!(m, Merged::Clean(ours.clone()));
        let m = merge(Sides { base: &sealed(BASE), ours: &ours, theirs: &ours }, None);
        assert_eq!(m, Merged::Clean(ours));
    }

    #[test]
    fn a_field_changed_on_both_sides_is_a_conflict_around_it_alone() {
        let m = merged(
            &[("Exact(95)", "Exact(84)"), ("\"95 dead.\"", "\"84 dead.\"")],
            &[("Exact(95)", "Exact(103)")],
        );
        let Merged::Conflicts { text, fields } = m else { panic!("{m:?}") };
        assert_eq!(fields, ["value"]);
        assert!(
            text.contains("    measure: \"killed\",\n<<<<<<< ours\n    value: Exact(84),\n=======\n    value: Exact(103),\n>>>>>>> theirs\n    statement: \"84 dead.\",\n"),
            "{text}"
        );
    }

    #[test]
    fn line_merged_text_keeps_both_sides_comments() {
        let base = sealed(BASE);
        let ours = side(&[("value: Exact(95),", "value: Exact(84), // corrected")]);
        let theirs = side(&[("    tags:", "    // Seen on state TV too.\n    tags:")]);
        let [b, o, t] = [&base, &ours, &theirs].map(|t| without_seal(t));
        let lines = crate::store::git::merge_file::merge_texts(
            b.as_bytes(),
            o.as_bytes(),
            t.as_bytes(),
            [OURS, THEIRS],
        )
        .unwrap();
        assert!(lines.clean);
        let line = String::from_utf8(lines.text).unwrap();
        let m = merge(
            Sides { base: &base, ours: &ours, theirs: &theirs },
            Some(Lines { text: &line, clean: true }),
        );
        let Merged::Clean(text) = m else { panic!("{m:?}") };
        assert!(text.contains("// corrected") && text.contains("// Seen on state TV too."), "{text}");
        assert!(
            text.ends_with(&format!(
                "    revises: \"{}\",\n    hash: \"{}\",\n)\n",
                record_hash(&parse_record(&base).unwrap()),
                parse_record(&text).unwrap().stored_hash().unwrap()
            )),
            "{text}"
        );
    }

    #[test]
    fn what_is_not_a_record_is_left_to_git() {
        let m = merge(Sides { base: &sealed(BASE), ours: "Claim(", theirs: &sealed(BASE) }, None);
        assert!(matches!(m, Merged::Unreadable(ref why) if why.contains("ours is not a record")), "{m:?}");
        let source = "Source(id: \"k\", name: \"K\", kind: Other)";
        let m = merge(Sides { base: &sealed(BASE), ours: source, theirs: &sealed(BASE) }, None);
        assert!(matches!(m, Merged::Unreadable(_)), "{m:?}");
    }

    #[test]
    fn a_correction_rewrites_only_the_fields_that_changed() {
        let text = sealed(BASE).replace("    tags:", "    // Checked twice.\n    tags:");
        let mut new = parse_record(&text).unwrap();
        if let Record::Claim(c) = &mut new {
            c.value = crate::model::Value::Exact(84);
            c.note = Some("Corrected.".to_owned());
            c.tags.clear();
            c.citations.push(crate::model::Citation {
                document: "b".into(),
                quote: "84".to_owned(),
                via: vec![],
                locator: None,
            });
        }
        let out = rewrite_fields(&text, &new).unwrap();
        assert!(out.starts_with("// The ministry's figure.\nClaim(\n"), "{out}");
        assert!(out.contains("    value: Exact(84),\n"), "{out}");
        assert!(out.contains("    // Checked twice.\n"), "comments stay: {out}");
        assert!(!out.contains("tags:"), "{out}");
        assert!(out.contains("Citation(document: \"b\", quote: \"84\")"), "{out}");
        assert!(parse_record(&out).unwrap().same_content(&new));
        let source = "Source(id: \"k\", name: \"K\", kind: Other)";
        assert!(rewrite_fields(source, &new).is_err(), "another kind");
    }

    #[test]
    fn the_seal_lines_are_left_out_of_the_line_merge() {
        let text = side(&[("Exact(95)", "Exact(84)")]);
        let bare = without_seal(&text);
        assert!(!bare.contains("hash:") && !bare.contains("revises:"), "{bare}");
        assert!(bare.ends_with("    tags: [\"toll\"],\n)\n"), "{bare}");
    }
}
