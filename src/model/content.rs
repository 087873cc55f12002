//! Equality of content: two records have the same canonical form (docs/reference.md
//! section 5), and so the same hash, exactly when they are equal but for
//! the written `hash` field. Comparing fields is far cheaper than hashing
//! both, and a walk through history compares every version it meets.
//!
//! The patterns below name every field, so a field added to a record
//! type is a compile error here until it is compared.

use super::{Claim, Document, Record, Source};

impl Record {
    /// Whether the two records hash alike: equal in every field but `hash`.
    pub fn same_content(&self, other: &Record) -> bool {
        match (self, other) {
            (Record::Claim(a), Record::Claim(b)) => claims(a, b),
            (Record::Source(a), Record::Source(b)) => sources(a, b),
            (Record::Document(a), Record::Document(b)) => documents(a, b),
            _ => false,
        }
    }
}

fn claims(a: &Claim, b: &Claim) -> bool {
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
    } = a;
    *id == b.id
        && *value == b.value
        && *subject == b.subject
        && *measure == b.measure
        && *as_of == b.as_of
        && *claimant == b.claimant
        && *citations == b.citations
        && *statement == b.statement
        && *review == b.review
        && *rank == b.rank
        && *supersedes == b.supersedes
        && *tags == b.tags
        && *note == b.note
        && *revises == b.revises
}

fn sources(a: &Source, b: &Source) -> bool {
    let Source { aliases, country, hash: _, homepage, id, kind, name, note, part_of, ratings, revises } = a;
    *id == b.id
        && *kind == b.kind
        && *name == b.name
        && *part_of == b.part_of
        && *aliases == b.aliases
        && *homepage == b.homepage
        && *country == b.country
        && *ratings == b.ratings
        && *note == b.note
        && *revises == b.revises
}

fn documents(a: &Document, b: &Document) -> bool {
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
    } = a;
    *id == b.id
        && *publisher == b.publisher
        && *title == b.title
        && *published == b.published
        && *url == b.url
        && *author == b.author
        && *updated == b.updated
        && *retrieved == b.retrieved
        && *language == b.language
        && *translated_from == b.translated_from
        && *snapshot == b.snapshot
        && *snapshot_hash == b.snapshot_hash
        && *capture == b.capture
        && *capture_hash == b.capture_hash
        && *version_of == b.version_of
        && *revises == b.revises
}

#[cfg(test)]
mod tests {
    use crate::text::hash::record_hash;
    use crate::text::parse::parse_record;

    /// Same content exactly when the hashes agree, over pairs that differ
    /// in one field, in the written hash only, in layout, or in type.
    #[test]
    fn agrees_with_the_hash() {
        let claim = |value: &str, hash: &str| {
            format!(
                "Claim(id: \"a\", subject: \"s\", measure: \"m\", value: {value}, statement: \"x\",
                 claimant: \"c\", citations: [Citation(document: \"d\", quote: \"q\")] {hash})"
            )
        };
        let texts = [
            claim("Exact(1)", ""),
            claim("Exact(1)", ", hash: \"sha256:00\""),
            claim("Exact(2)", ""),
            claim("Exact(1)", ", rank: Normal, tags: []"),
            claim("Exact(1)", ", rank: Preferred"),
            claim("Exact(1)", ", note: \"n\""),
            "Source(id: \"a\", name: \"A\", kind: Court)".to_owned(),
            "Source(id: \"a\", name: \"A\", kind: Court, hash: \"sha256:11\")".to_owned(),
            "Source(id: \"a\", name: \"A\", kind: Expert)".to_owned(),
            "Document(id: \"a\", publisher: \"p\", title: \"t\", published: \"2024\")".to_owned(),
            "Document(id: \"a\", publisher: \"p\", title: \"t\", published: \"2024\", updated: [\"2025\"])"
                .to_owned(),
        ];
        let records: Vec<_> = texts.iter().map(|t| parse_record(t).expect(t)).collect();
        for a in &records {
            for b in &records {
                assert_eq!(a.same_content(b), record_hash(a) == record_hash(b), "{a:?}\n{b:?}");
            }
        }
    }
}
