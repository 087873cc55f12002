//! The store as it could be known at a date (`--at DATE` of `conflicts`,
//! `report` and `sources`; docs/reference.md section 6): a claim keeps only its
//! citations of documents whose `published` date begins on or before the
//! date's end, and a claim left without a citation is dropped; a source
//! keeps only the ratings given on or before the date's end (`on`), so one
//! rated only later is unrated then, and grades, track records and answers
//! use the ratings of then. `updated` and `retrieved` play no part; sources
//! and documents stay, and a citation of a document that is missing or has
//! no valid `published` date could not be known, so it goes too, as does a
//! rating whose `on` is not a valid date. Pure: a snapshot in, a snapshot
//! out.

use std::collections::HashMap;

use crate::model::Record;
use crate::model::date::PartialDate;
use crate::store::contents::Contents;

/// What of `snapshot` could be known at `at`.
pub fn known_at(mut contents: Contents, at: PartialDate) -> Contents {
    let known: HashMap<String, bool> = contents
        .by_id()
        .into_iter()
        .filter_map(|(id, e)| {
            let d = e.record.as_document()?;
            let by_then = PartialDate::parse(&d.published).is_ok_and(|p| p.first_minute <= at.last_minute);
            Some((id.to_owned(), by_then))
        })
        .collect();
    contents.entries.retain_mut(|e| match &mut e.record {
        Record::Claim(c) => {
            c.citations.retain(|cit| known.get(cit.document.as_str()).copied().unwrap_or(false));
            !c.citations.is_empty()
        }
        Record::Source(s) => {
            s.ratings.retain(|r| PartialDate::parse(&r.on).is_ok_and(|on| on.first_minute <= at.last_minute));
            true
        }
        Record::Document(_) => true,
    });
    contents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::snapshot;

    const DOC: &str = r#"Document(id: "ID", publisher: "p", title: "t", published: "DATE")"#;

    fn claim(id: &str, docs: &[&str]) -> String {
        let cites: Vec<String> =
            docs.iter().map(|d| format!("Citation(document: \"{d}\", quote: \"q\")")).collect();
        format!(
            r#"Claim(id: "{id}", subject: "s", measure: "killed", value: Exact(1), statement: "s", claimant: "c", citations: [{}])"#,
            cites.join(", ")
        )
    }

    /// The claims left at `at`, as `id: documents`.
    fn check(at: &str, expected: &[&str]) {
        let doc = |id: &str, date: &str| DOC.replace("ID", id).replace("DATE", date);
        let files = [
            ("sources/d3.ron", doc("d3", "2024-01-03")),
            ("sources/d4.ron", doc("d4", "2024-01-04T09:30")),
            ("sources/d2025.ron", doc("d2025", "2025")),
            ("sources/bad.ron", doc("bad", "soon")),
            ("claims/early.ron", claim("early", &["d3", "d4"])),
            ("claims/late.ron", claim("late", &["d4", "bad", "nowhere"])),
            ("claims/year.ron", claim("year", &["d2025"])),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let snap = known_at(snapshot(&files), PartialDate::parse(at).unwrap());
        let got: Vec<String> = snap
            .claims()
            .map(|(_, c)| {
                let docs: Vec<&str> = c.citations.iter().map(|c| c.document.as_str()).collect();
                format!("{}: {}", c.id, docs.join(" "))
            })
            .collect();
        assert_eq!(got, expected);
        assert_eq!(snap.count(crate::model::RecordKind::Document), 4, "documents stay");
    }

    #[test]
    fn citations_of_documents_published_by_the_dates_end() {
        check("2024-01-02", &[]);
        check("2024-01-03", &["early: d3"]);
        check("2024-01-04T09:29", &["early: d3"]);
        check("2024-01-04", &["early: d3 d4", "late: d4"]);
        // A document of 2025 begins on 1 January 2025.
        check("2025-01-01T00:00", &["early: d3 d4", "late: d4", "year: d2025"]);
        check("2024", &["early: d3 d4", "late: d4"]);
    }

    /// The ratings a source keeps at `at`, as their letters.
    fn ratings_at(at: &str) -> String {
        let source = r#"Source(id: "prosecutor", name: "P", kind: Government, ratings: [
            Rating(on: "2002-11", reliability: B, by: "desk"),
            Rating(on: "2007-10-26", reliability: C, by: "desk"),
            Rating(on: "someday", reliability: A, by: "desk"),
        ])"#;
        let snap = known_at(snapshot(&[("sources/p.ron", source)]), PartialDate::parse(at).unwrap());
        let s = snap.entries[0].record.as_source().unwrap();
        s.ratings.iter().map(|r| r.reliability.letter()).collect()
    }

    #[test]
    fn ratings_given_by_the_dates_end() {
        assert_eq!(ratings_at("2002-10-31"), "", "rated only later: unrated then");
        assert_eq!(ratings_at("2002-11-01"), "B");
        assert_eq!(ratings_at("2002-12-01"), "B");
        assert_eq!(ratings_at("2007-10-25T23:59"), "B");
        assert_eq!(ratings_at("2007-10"), "BC");
        assert_eq!(ratings_at("2030"), "BC", "a rating without a valid date is never known");
    }
}
