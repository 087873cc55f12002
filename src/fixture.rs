//! Test support for the comparison modules: claims, sources and snapshots
//! from one-line specs, so that each rule of SPEC section 4 is one line of
//! test data.
//!
//! A claim spec is `ID CLAIMANT VALUE [@AS_OF] [via:A,B] [s:SUBJECT]
//! [m:MEASURE] [Deprecated] [False]`, with VALUE in RON without spaces
//! (`Between(1,5)`); each `via:` token adds a citation. Defaults: subject
//! `s`, measure `killed`. A source spec is `ID RATING [PART_OF,...]`, with
//! RATING a letter or `-` for unrated.

use crate::config::Config;
use crate::model::{Citation, Claim, Rank, Rating, Record, Reliability, Review, Source, SourceKind, Verdict};
use crate::snapshot::{Entry, Folder, Snapshot};

/// The measures the comparison tests use.
pub const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, trend: NonDecreasing),
    Measure(id: "any", kind: Count),
    Measure(id: "about", kind: Count, tolerance_percent: 50),
    Measure(id: "founded", kind: Date),
    Measure(id: "founded-nd", kind: Date, trend: NonDecreasing),
    Measure(id: "organised-by", kind: Actor),
    Measure(id: "helped-by", kind: Actor, multi: true),
    Measure(id: "summary", kind: Text),
]"#;

pub fn claim(spec: &str) -> Claim {
    let mut words = spec.split_whitespace();
    let id = words.next().expect("an id");
    let claimant = words.next().expect("a claimant");
    let value = ron::from_str(words.next().expect("a value")).expect("a RON value");
    let mut c = Claim {
        as_of: None,
        citations: Vec::new(),
        claimant: claimant.to_owned(),
        hash: None,
        id: id.to_owned(),
        measure: "killed".to_owned(),
        note: None,
        rank: Rank::Normal,
        review: None,
        revises: None,
        statement: format!("claim {id}"),
        subject: "s".to_owned(),
        tags: Vec::new(),
        value,
    };
    for w in words {
        if let Some(d) = w.strip_prefix('@') {
            c.as_of = Some(d.to_owned());
        } else if let Some(v) = w.strip_prefix("via:") {
            c.citations.push(citation(v.split(',').map(str::to_owned).collect()));
        } else if let Some(s) = w.strip_prefix("s:") {
            c.subject = s.to_owned();
        } else if let Some(m) = w.strip_prefix("m:") {
            c.measure = m.to_owned();
        } else if w == "Deprecated" {
            c.rank = Rank::Deprecated;
        } else if w == "False" {
            c.review = Some(Review {
                by: "desk".into(),
                note: None,
                on: "2024-04-01".into(),
                verdict: Verdict::False,
            });
        } else {
            panic!("unknown token {w} in {spec}");
        }
    }
    if c.citations.is_empty() {
        c.citations.push(citation(Vec::new()));
    }
    c
}

pub fn source(spec: &str) -> Source {
    let mut words = spec.split_whitespace();
    let id = words.next().expect("an id").to_owned();
    let ratings = match words.next().expect("a rating or -") {
        "-" => Vec::new(),
        letter => vec![Rating {
            by: "desk".into(),
            note: None,
            on: "2024-01-01".into(),
            reliability: Reliability::from_letter(letter).expect("a rating letter"),
        }],
    };
    let part_of = words.next().map(|p| p.split(',').map(str::to_owned).collect()).unwrap_or_default();
    Source {
        aliases: Vec::new(),
        country: None,
        hash: None,
        homepage: None,
        name: id.clone(),
        id,
        kind: SourceKind::Other,
        note: None,
        part_of,
        ratings,
        revises: None,
    }
}

/// A snapshot of these sources and claims, with [`MEASURES`].
pub fn snapshot(sources: &[&str], claims: &[&str]) -> Snapshot {
    let mut snap = Snapshot::new(Config::default());
    snap.set_measures("schemas/measures.ron", Some(MEASURES.as_bytes()));
    for s in sources {
        let s = source(s);
        snap.entries.push(Entry {
            file: format!("sources/{}.ron", s.id),
            folder: Folder::Sources,
            record: Record::Source(s),
        });
    }
    for c in claims {
        let c = claim(c);
        snap.entries.push(Entry {
            file: format!("claims/{}.ron", c.id),
            folder: Folder::Claims,
            record: Record::Claim(c),
        });
    }
    snap
}

fn citation(via: Vec<String>) -> Citation {
    Citation { document: "doc".into(), locator: None, quote: "q".into(), via }
}
