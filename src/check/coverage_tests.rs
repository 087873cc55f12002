//! `coverage` as data: which figures, where, in which sentence, covered by
//! which claims; and why a document may have none to show.

use super::*;
use crate::testing::snapshot;

const TEXT: &str = "Attack in Kerman\n\n\
ISKP is reportedly responsible for the attack in Kerman on January 3, 2024, which killed 95 people. \
The tragedy claimed the lives of at least 143 people. About 1.5 million watched; more than 280 \
were wounded.\n\nBy 2018, about 800 citizens had left, most of them children.\n";

fn doc(snapshot: &str) -> String {
    format!("Document(id: \"doc\", publisher: \"orda\", title: \"T\", published: \"2024-03-26\"{snapshot})")
}

fn claim(id: &str, value: &str, quote: &str) -> String {
    format!(
        "Claim(id: \"{id}\", subject: \"s\", measure: \"killed\", value: {value}, statement: \"x\", claimant: \"orda\", \
         citations: [Citation(document: \"doc\", quote: {quote:?})])"
    )
}

/// The coverage of `doc` in a store of the document and `claims`, as
/// `(figure text, line:column, claims)` in the order given.
fn covered(claims: &[String]) -> Vec<(String, String, Vec<String>)> {
    let document = doc(", snapshot: \"doc.txt\"");
    let mut files: Vec<(String, &str)> =
        vec![("sources/doc.ron".into(), &document), ("sources/snapshots/doc.txt".into(), TEXT)];
    for (i, c) in claims.iter().enumerate() {
        files.push((format!("claims/{i}.ron"), c));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let snap = snapshot(&refs);
    let cov = coverage(&snap, "doc").expect("the document has a snapshot");
    cov.figures
        .iter()
        .map(|f| {
            let ids = f.claims.iter().map(|c| c.to_string()).collect();
            (TEXT[f.span.clone()].to_owned(), format!("{}:{}", f.at.line, f.at.column), ids)
        })
        .collect()
}

fn row(text: &str, at: &str, claims: &[&str]) -> (String, String, Vec<String>) {
    (text.to_owned(), at.to_owned(), claims.iter().map(|c| c.to_string()).collect())
}

#[test]
fn every_figure_with_its_place_uncovered_first() {
    assert_eq!(
        covered(&[]),
        [
            row("95", "3:90", &[]),
            row("143", "3:143", &[]),
            row("1.5 million", "3:161", &[]),
            row("280", "3:192", &[]),
            row("800", "5:16", &[]),
        ]
    );
}

#[test]
fn a_claim_covers_the_figures_inside_its_quotes_and_those_of_its_value() {
    let found = covered(&[
        // The quote holds 95 (and a date, which is listed apart).
        claim("kerman", "Exact(95)", "on January 3, 2024, which killed 95 people"),
        // Its value's figure 280 ("more than 280" is AtLeast(281)) covers it
        // wherever it is, though the quote does not hold it.
        claim("wounded", "AtLeast(281)", "The tragedy claimed the lives"),
        // A quote that holds only part of a figure does not cover it.
        claim("half", "Exact(7)", "1.5"),
        claim("citizens", "About(800)", "about 800 citizens had left"),
    ]);
    assert_eq!(
        found,
        [
            row("143", "3:143", &[]),
            row("1.5 million", "3:161", &[]),
            row("95", "3:90", &["kerman"]),
            row("280", "3:192", &["wounded"]),
            row("800", "5:16", &["citizens"]),
        ]
    );
}

#[test]
fn quotes_are_found_after_folding() {
    let found = covered(&[claim("toll", "Exact(1)", "the lives of at least\u{a0}143  people")]);
    assert_eq!(found[4], row("143", "3:143", &["toll"]));
}

#[test]
fn years_and_dates_are_listed_apart() {
    let document = doc(", snapshot: \"doc.txt\"");
    let snap = snapshot(&[("sources/doc.ron", &document), ("sources/snapshots/doc.txt", TEXT)]);
    let cov = coverage(&snap, "doc").expect("a snapshot");
    let dates: Vec<(&str, DateKind, (usize, usize))> =
        cov.dates.iter().map(|d| (&TEXT[d.span.clone()], d.kind, (d.at.line, d.at.column))).collect();
    assert_eq!(dates, [("January 3, 2024", DateKind::Date, (3, 60)), ("2018", DateKind::Year, (5, 4))]);
}

#[test]
fn sentences_end_at_punctuation_before_space_and_at_blank_lines() {
    fn passage<'t>(text: &'t str, figure: &str) -> (&'t str, bool, bool) {
        let at = text.find(figure).expect("the figure");
        let p = sentence(text, at..at + figure.len());
        (&text[p.range], p.cut_before, p.cut_after)
    }
    assert_eq!(passage("One. Then 95 died, i.e. many. Next.", "95"), ("Then 95 died, i.e.", false, false));
    assert_eq!(
        passage("About 1.5 million watched! Then", "1.5 million"),
        ("About 1.5 million watched!", false, false)
    );
    assert_eq!(passage("Title\n\n143 dead\nin all\n\nNext", "143"), ("143 dead\nin all", false, false));
    assert_eq!(passage("Who? 40%… of 12 voters… Yes", "12"), ("of 12 voters…", false, false));
    let long = format!("{} 7 {}", "word ".repeat(100), "word ".repeat(100));
    let (shown, before, after) = passage(&long, "7");
    assert!(before && after && shown.len() <= 2 * MAX_CONTEXT + 1, "{shown}");
}

#[test]
fn places_are_counted_in_characters() {
    let mut places = Places::new("é1\nab 2 ü 3");
    let at = |p: &mut Places, i| {
        let Position { line, column } = p.at(i);
        (line, column)
    };
    assert_eq!(at(&mut places, 2), (1, 2));
    assert_eq!(at(&mut places, 7), (2, 4));
    assert_eq!(at(&mut places, 12), (2, 8));
}

#[test]
fn documents_without_coverage_say_why() {
    let with = doc(", snapshot: \"doc.txt\"");
    let without = doc("");
    let source = "Source(id: \"orda\", name: \"Orda\", kind: NewsOutlet)";
    let snap = snapshot(&[("sources/doc.ron", &with), ("sources/orda.ron", source)]);
    assert_eq!(coverage(&snap, "nope").err(), Some(Unavailable::Unknown));
    assert_eq!(coverage(&snap, "orda").err(), Some(Unavailable::NotADocument("sources/orda.ron")));
    match coverage(&snap, "doc").err() {
        Some(Unavailable::Unreadable { file: "sources/doc.ron", path: "doc.txt", why }) => {
            assert_eq!(why, "the file is not there")
        }
        other => panic!("{other:?}"),
    }
    let snap = snapshot(&[("sources/doc.ron", &without)]);
    assert_eq!(coverage(&snap, "doc").err(), Some(Unavailable::NoSnapshot("sources/doc.ron")));
}
