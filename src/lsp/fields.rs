//! What the value at an editor's cursor is: an id of some kind of record,
//! a measure, a snapshot path or one of an enum's variants, read from the
//! cursor's field path (`text::spans::cursor_at`) and the constructors
//! around it. Completion, hover, definition and the did-you-mean fixes all
//! ask here, so they agree on which fields take what.

use crate::model::{Rank, RecordKind, Reliability, SourceKind, Verdict};
use crate::text::spans::Cursor;

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Takes {
    /// The id of a record of this kind (claimant, document, via,
    /// publisher, part_of, supersedes, version_of, Actor and Actors
    /// values).
    Id(RecordKind),
    /// The record's own id.
    OwnId(RecordKind),
    /// A measure of schemas/measures.ron.
    Measure,
    /// A file under sources/snapshots/.
    Snapshot,
    /// One of these names, each with what it means.
    Variant(Vec<(&'static str, String)>),
}

/// What the value at the cursor takes, if it is a field claimtrail knows.
pub(super) fn takes(cursor: &Cursor) -> Option<Takes> {
    let record = RecordKind::from_name(cursor.within.first()?)?;
    let inner = cursor.within.last().map(String::as_str).unwrap_or_default();
    let path = plain(&cursor.path);
    // Variants are written where a field's value begins, not inside a
    // value's own parentheses (`Exact(|)`).
    let at_field = matches!(inner, "Claim" | "Source" | "Document" | "Review" | "Rating");
    use RecordKind::*;
    Some(match (record, path.as_str()) {
        (_, "id") => Takes::OwnId(record),
        (Claim, "claimant" | "citations.via") | (Source, "part_of") | (Document, "publisher") => {
            Takes::Id(Source)
        }
        (Claim, "citations.document") | (Document, "version_of") => Takes::Id(Document),
        (Claim, "supersedes") => Takes::Id(Claim),
        (Claim, "measure") => Takes::Measure,
        (Claim, "value") if matches!(inner, "Actor" | "Actors") => Takes::Id(Source),
        (Claim, "value") if at_field => Takes::Variant(values()),
        (Claim, "rank") if at_field => Takes::Variant(ranks()),
        (Claim, "review.verdict") if at_field => Takes::Variant(verdicts()),
        (Source, "kind") if at_field => Takes::Variant(source_kinds()),
        (Source, "ratings.reliability") if at_field => Takes::Variant(ratings()),
        (Document, "snapshot" | "capture") => Takes::Snapshot,
        _ => return None,
    })
}

/// A field path without list indices: `citations[0].via[1]` →
/// `citations.via`.
pub(super) fn plain(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value constructors of docs/reference.md section 3.
fn values() -> Vec<(&'static str, String)> {
    [
        ("Exact", "Exact(n): a count of exactly n"),
        ("AtLeast", "AtLeast(n): a count of n or more"),
        ("AtMost", "AtMost(n): a count of at most n"),
        ("Between", "Between(lo, hi): a count from lo to hi"),
        ("About", "About(n): about n, within the measure's tolerance"),
        ("Date", "Date(\"2024-03-22\"): a partial date"),
        ("Actor", "Actor(\"source-id\"): who did it"),
        ("Actors", "Actors([\"a\", \"b\"]): two or more actors together"),
        ("Text", "Text(\"...\"): free text, never compared"),
    ]
    .into_iter()
    .map(|(name, detail)| (name, detail.to_owned()))
    .collect()
}

fn ranks() -> Vec<(&'static str, String)> {
    [
        (Rank::Preferred, "preferred over the others of its group"),
        (Rank::Normal, "the default"),
        (Rank::Deprecated, "kept, but not compared"),
    ]
    .into_iter()
    .map(|(r, detail)| (r.name(), detail.to_owned()))
    .collect()
}

fn verdicts() -> Vec<(&'static str, String)> {
    use Verdict::*;
    [True, MostlyTrue, Mixed, MostlyFalse, False, Unproven, Misleading]
        .into_iter()
        .map(|v| {
            (v.name(), if v == False { "the claim is not compared".to_owned() } else { "verdict".to_owned() })
        })
        .collect()
}

fn source_kinds() -> Vec<(&'static str, String)> {
    SourceKind::ALL.into_iter().map(|k| (k.name(), "source kind".to_owned())).collect()
}

fn ratings() -> Vec<(&'static str, String)> {
    use Reliability::*;
    [
        (A, "completely reliable"),
        (B, "usually reliable"),
        (C, "fairly reliable"),
        (D, "not usually reliable"),
        (E, "unreliable"),
        (F, "reliability cannot be judged"),
    ]
    .into_iter()
    .map(|(r, detail)| (r.letter(), detail.to_owned()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::spans::cursor_at;

    fn at(marked: &str) -> Option<Takes> {
        let offset = marked.find('|').expect("a cursor mark");
        takes(&cursor_at(&marked.replacen('|', "", 1), offset))
    }

    fn kind(takes: Option<Takes>) -> String {
        match takes {
            Some(Takes::Variant(v)) => format!("variants {}", v.first().map_or("", |v| v.0)),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn fields_and_what_they_take() {
        use RecordKind::*;
        assert_eq!(at("Claim(claimant: \"k|\")"), Some(Takes::Id(Source)));
        assert_eq!(at("Claim(citations: [Citation(document: |)])"), Some(Takes::Id(Document)));
        assert_eq!(at("Claim(citations: [Citation(via: [\"a\", \"|\"])])"), Some(Takes::Id(Source)));
        assert_eq!(at("Claim(supersedes: [|])"), Some(Takes::Id(Claim)));
        assert_eq!(at("Claim(value: Actors([\"a\", |]))"), Some(Takes::Id(Source)));
        assert_eq!(at("Claim(value: Actor(\"|\"))"), Some(Takes::Id(Source)));
        assert_eq!(at("Claim(measure: \"|\")"), Some(Takes::Measure));
        assert_eq!(at("Claim(id: \"|a\")"), Some(Takes::OwnId(Claim)));
        assert_eq!(at("Source(part_of: [|])"), Some(Takes::Id(Source)));
        assert_eq!(at("Document(publisher: |)"), Some(Takes::Id(Source)));
        assert_eq!(at("Document(snapshot: \"a|\")"), Some(Takes::Snapshot));
        assert_eq!(at("Document(capture: \"a|\")"), Some(Takes::Snapshot));
        assert_eq!(at("Document(version_of: \"|\")"), Some(Takes::Id(Document)));
        assert_eq!(kind(at("Claim(value: |)")), "variants Exact");
        assert_eq!(kind(at("Claim(value: Exact(|))")), "None");
        assert_eq!(kind(at("Claim(rank: D|)")), "variants Preferred");
        assert_eq!(kind(at("Claim(review: Review(verdict: |))")), "variants True");
        assert_eq!(kind(at("Source(kind: |)")), "variants NewsOutlet");
        assert_eq!(kind(at("Source(ratings: [Rating(reliability: |)])")), "variants A");
        assert_eq!(at("Claim(statement: \"|\")"), None);
        assert_eq!(at("Measure(id: \"|\")"), None);
    }

    #[test]
    fn plain_paths() {
        assert_eq!(plain("citations[0].via[12]"), "citations.via");
        assert_eq!(plain("claimant"), "claimant");
    }
}
