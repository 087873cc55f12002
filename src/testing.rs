//! The one fixture builder of the unit tests: snapshots from in-memory
//! files, claims and sources from one-line specs, and git walks from
//! in-memory record texts. Nothing here touches a disk.
//!
//! A claim spec is `ID CLAIMANT VALUE [@AS_OF] [via:A,B] [s:SUBJECT]
//! [m:MEASURE] [Deprecated] [False]`, with VALUE in RON without spaces
//! (`Between(1,5)`); each `via:` token adds a citation. Defaults: subject
//! `s`, measure `killed`. A source spec is `ID RATING [PART_OF,...]`, with
//! RATING a letter or `-` for unrated.

use crate::finding::locate;
use crate::model::{
    Citation, Claim, Name, Rank, Rating, Record, Reliability, Review, Source, SourceKind, Verdict,
};
use crate::store::commits::{Commit, CommitChanges, FileChange, FileState, Parsed};
use crate::store::config::Config;
use crate::store::contents::{Contents, Entry, Folder};
use crate::store::contents::{SnapshotFile, parse_file};
use crate::store::folder_of;
use std::collections::HashMap;
use std::sync::Arc;

/// The measures the tests use (`killed` is a NonDecreasing count).
pub(crate) const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, trend: NonDecreasing),
    Measure(id: "any", kind: Count),
    Measure(id: "about", kind: Count, tolerance_percent: 50),
    Measure(id: "founded", kind: Date),
    Measure(id: "founded-nd", kind: Date, trend: NonDecreasing),
    Measure(id: "organised-by", kind: Actor),
    Measure(id: "helped-by", kind: Actor, multi: true),
    Measure(id: "summary", kind: Text),
]"#;
/// A snapshot of the given files (path → text); snapshot files live under
/// `sources/snapshots/`. `schemas/measures.ron` defaults to [`MEASURES`].
pub(crate) fn snapshot(files: &[(&str, &str)]) -> Contents {
    let config = Config::default();
    let mut snap = Contents::new(config.clone());
    let texts: HashMap<&str, &str> = files.iter().copied().collect();
    let outcomes = files.iter().filter_map(|(path, text)| {
        Some(parse_file(path.to_string(), folder_of(&config, path)?, text.as_bytes()))
    });
    snap.add_outcomes(outcomes.collect::<Vec<_>>());
    let measures = texts.get("schemas/measures.ron").copied().unwrap_or(MEASURES);
    snap.set_measures("schemas/measures.ron", Some(measures.as_bytes()));
    for wanted in snap.wanted_snapshots() {
        let file = match crate::store::lexically_inside(&wanted) {
            Err(why) => SnapshotFile::Escapes(why),
            Ok(()) => match texts.get(format!("sources/snapshots/{wanted}").as_str()) {
                Some(text) => SnapshotFile::Found {
                    hash: crate::text::hash::bytes_hash(text.as_bytes()),
                    text: crate::store::contents::snapshot_text(
                        &config,
                        &wanted,
                        text.as_bytes(),
                        crate::text::readable::Want::Text,
                    ),
                },
                None => SnapshotFile::Missing,
            },
        };
        snap.snapshots.insert(wanted, file);
    }
    snap
}

/// `check` findings on the files, located, as `code file:line:col`.
pub(crate) fn findings(files: &[(&str, &str)]) -> Vec<String> {
    let snap = snapshot(files);
    let mut diags = crate::check::check(&snap);
    let texts: HashMap<&str, &str> = files.iter().copied().collect();
    locate(&mut diags, |f| texts.get(f).map(|t| t.to_string()));
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d.code.as_str(),
                d.file,
                d.line.map_or("-".into(), |l| l.to_string()),
                d.column.map_or("-".into(), |c| c.to_string())
            )
        })
        .collect()
}

/// Seals a record text with its correct hash (appended as a field).
pub(crate) fn sealed(text: &str) -> String {
    match crate::text::reseal_text::reseal(text).expect("test record parses") {
        crate::text::reseal_text::Reseal::Changed { text, .. } => text,
        crate::text::reseal_text::Reseal::UpToDate => text.to_owned(),
    }
}

// Specs: one line of test data per claim or source.
pub(crate) fn claim(spec: &str) -> Claim {
    let mut words = spec.split_whitespace();
    let id = words.next().expect("an id");
    let claimant = words.next().expect("a claimant");
    let value = ron::from_str(words.next().expect("a value")).expect("a RON value");
    let mut c = Claim {
        as_of: None,
        citations: Vec::new(),
        claimant: claimant.into(),
        hash: None,
        id: id.to_owned(),
        measure: "killed".into(),
        note: None,
        rank: Rank::Normal,
        review: None,
        revises: None,
        statement: format!("claim {id}"),
        subject: "s".into(),
        supersedes: vec![],
        tags: Vec::new(),
        value,
    };
    for w in words {
        if let Some(d) = w.strip_prefix('@') {
            c.as_of = Some(d.into());
        } else if let Some(v) = w.strip_prefix("via:") {
            c.citations.push(citation(v.split(',').map(str::to_owned).collect()));
        } else if let Some(s) = w.strip_prefix("s:") {
            c.subject = s.into();
        } else if let Some(m) = w.strip_prefix("m:") {
            c.measure = m.into();
        } else if w == "Deprecated" {
            c.rank = Rank::Deprecated;
        } else if w == "False" {
            c.review = Some(Box::new(Review {
                by: "desk".into(),
                note: None,
                on: "2024-04-01".into(),
                verdict: Verdict::False,
            }));
        } else {
            panic!("unknown token {w} in {spec}");
        }
    }
    if c.citations.is_empty() {
        c.citations.push(citation(Vec::new()));
    }
    c
}

pub(crate) fn source(spec: &str) -> Source {
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
pub(crate) fn spec_snapshot(sources: &[&str], claims: &[&str]) -> Contents {
    let mut snap = Contents::new(Config::default());
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
    Citation {
        document: "doc".into(),
        locator: None,
        quote: "q".into(),
        via: via.into_iter().map(Name::from).collect(),
    }
}

// Walks: commits built from record texts.
/// A commit `sha` changing files: `(path, Some(text))` writes a record
/// (`Invalid` when it does not parse), `(path, None)` deletes it.
pub(crate) fn commit(sha: &str, files: &[(&str, Option<&str>)]) -> CommitChanges {
    let files = files
        .iter()
        .map(|(path, text)| {
            let state = match text {
                None => FileState::Deleted,
                Some(t) => match crate::text::parse::parse_record(t) {
                    Ok(r) => FileState::Record(Arc::new(Parsed::new(r))),
                    Err(_) => FileState::Invalid,
                },
            };
            FileChange { path: path.to_string(), state }
        })
        .collect();
    let commit = Commit {
        sha: sha.to_owned(),
        time: "2024-03-24T10:00:00+00:00".to_owned(),
        author: "Ada".to_owned(),
        summary: format!("commit {sha}"),
    };
    CommitChanges { commit, files, measures: None }
}

/// A claim of `crocus/killed` with the given value, as_of and quote.
pub(crate) fn claim_text(id: &str, value: &str, as_of: &str, quote: &str) -> String {
    format!(
        r#"Claim(id: "{id}", subject: "crocus", measure: "killed", value: {value}, as_of: "{as_of}",
        statement: "s", claimant: "ic", citations: [Citation(document: "d", quote: "{quote}")])"#
    )
}
