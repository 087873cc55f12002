//! The fields of each record kind, listed once, in the order of docs/reference.md
//! section 2. The RON writer (`new`, `textconv`) and the record diff read a
//! record through [`Record::fields`] instead of naming fields themselves.
//!
//! Each kind's list destructures its struct without `..`, as
//! `content.rs` does, so a field added to a record type is a compile error
//! here until it is listed, and then every user of the list has it.

use super::{Citation, Claim, Document, Rank, Rating, Record, Review, Source, SourceKind, Value};

/// One field of a record, borrowed, typed by how it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue<'a> {
    /// A required string (`id`, `statement`, `published`, ...).
    Str(&'a str),
    /// An optional string, absent when `None`.
    OptStr(Option<&'a str>),
    /// A list of strings (ids, tags, dates), absent when empty.
    List(&'a [String]),
    Value(&'a Value),
    Citations(&'a [Citation]),
    Review(Option<&'a Review>),
    /// Absent when `Normal`.
    Rank(Rank),
    Kind(SourceKind),
    Ratings(&'a [Rating]),
}

/// A named field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field<'a> {
    pub name: &'static str,
    pub value: FieldValue<'a>,
}

impl FieldValue<'_> {
    /// Whether the field is absent from the record's canonical form
    /// (docs/reference.md section 5): an absent optional, an empty list, a Normal rank.
    pub fn is_absent(&self) -> bool {
        match self {
            FieldValue::Str(_) | FieldValue::Value(_) | FieldValue::Kind(_) => false,
            FieldValue::OptStr(v) => v.is_none(),
            FieldValue::List(v) => v.is_empty(),
            FieldValue::Citations(v) => v.is_empty(),
            FieldValue::Review(v) => v.is_none(),
            FieldValue::Rank(r) => r.is_normal(),
            FieldValue::Ratings(v) => v.is_empty(),
        }
    }

    /// The field in its JSON form of docs/reference.md section 5; `None` when absent.
    pub fn to_json(self) -> Option<serde_json::Value> {
        use serde_json::Value as Json;
        if self.is_absent() {
            return None;
        }
        Some(match self {
            FieldValue::Str(s) | FieldValue::OptStr(Some(s)) => Json::String(s.to_owned()),
            FieldValue::Value(v) => v.to_json(),
            FieldValue::Rank(r) => Json::String(r.name().to_owned()),
            FieldValue::Kind(k) => Json::String(k.name().to_owned()),
            FieldValue::List(v) => json(v),
            FieldValue::Citations(v) => json(v),
            FieldValue::Review(v) => json(&v),
            FieldValue::Ratings(v) => json(v),
            FieldValue::OptStr(None) => Json::Null,
        })
    }
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("record fields serialize to JSON")
}

impl Record {
    /// Every field but `hash`, in the order of docs/reference.md section 2. Absent
    /// fields are listed too (see `FieldValue::is_absent`).
    pub fn fields(&self) -> Vec<Field<'_>> {
        match self {
            Record::Claim(c) => claim(c),
            Record::Source(s) => source(s),
            Record::Document(d) => document(d),
        }
    }
}

fn field<'a>(name: &'static str, value: FieldValue<'a>) -> Field<'a> {
    Field { name, value }
}

fn claim(c: &Claim) -> Vec<Field<'_>> {
    use FieldValue::*;
    let Claim {
        as_of,
        citations,
        claimant,
        hash: _,
        id,
        measure,
        note,
        rank,
        review,
        revises,
        statement,
        subject,
        supersedes,
        tags,
        value,
    } = c;
    vec![
        field("id", Str(id)),
        field("subject", Str(subject)),
        field("measure", Str(measure)),
        field("value", Value(value)),
        field("as_of", OptStr(as_of.as_deref())),
        field("statement", Str(statement)),
        field("claimant", Str(claimant)),
        field("citations", Citations(citations)),
        field("review", Review(review.as_deref())),
        field("rank", Rank(*rank)),
        field("supersedes", List(supersedes)),
        field("tags", List(tags)),
        field("note", OptStr(note.as_deref())),
        field("revises", OptStr(revises.as_deref())),
    ]
}

fn source(s: &Source) -> Vec<Field<'_>> {
    use FieldValue::*;
    let Source { aliases, country, hash: _, homepage, id, kind, name, note, part_of, ratings, revises } = s;
    vec![
        field("id", Str(id)),
        field("name", Str(name)),
        field("kind", Kind(*kind)),
        field("part_of", List(part_of)),
        field("aliases", List(aliases)),
        field("homepage", OptStr(homepage.as_deref())),
        field("country", OptStr(country.as_deref())),
        field("ratings", Ratings(ratings)),
        field("note", OptStr(note.as_deref())),
        field("revises", OptStr(revises.as_deref())),
    ]
}

fn document(d: &Document) -> Vec<Field<'_>> {
    use FieldValue::*;
    let Document {
        author,
        capture,
        capture_hash,
        hash: _,
        id,
        language,
        published,
        publisher,
        retrieved,
        revises,
        snapshot,
        snapshot_hash,
        title,
        translated_from,
        updated,
        url,
        version_of,
    } = d;
    vec![
        field("id", Str(id)),
        field("publisher", Str(publisher)),
        field("title", Str(title)),
        field("url", OptStr(url.as_deref())),
        field("author", OptStr(author.as_deref())),
        field("published", Str(published)),
        field("updated", List(updated)),
        field("retrieved", OptStr(retrieved.as_deref())),
        field("language", OptStr(language.as_deref())),
        field("translated_from", OptStr(translated_from.as_deref())),
        field("snapshot", OptStr(snapshot.as_deref())),
        field("snapshot_hash", OptStr(snapshot_hash.as_deref())),
        field("capture", OptStr(capture.as_deref())),
        field("capture_hash", OptStr(capture_hash.as_deref())),
        field("version_of", OptStr(version_of.as_deref())),
        field("revises", OptStr(revises.as_deref())),
    ]
}
