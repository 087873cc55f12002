//! The whole check pipeline on one untrusted file, and the properties every
//! run must keep, whatever the bytes: no panic, positions inside the text,
//! human output with no control character that the file put there, JSON
//! that parses, `hash` edits that reseal exactly, writers (`new`,
//! `textconv`) that round-trip. Shared by tests/fuzz.rs (proptest) and
//! fuzz/fuzz_targets/check_pipeline.rs (cargo-fuzz).

use std::collections::HashMap;

use claimtrail::Contents;
use claimtrail::internals::finding::locate;
use claimtrail::internals::store::config::Config;
use claimtrail::internals::store::contents::{FileOutcome, Folder, SnapshotFile, parse_file};
use claimtrail::internals::text::parse::parse_record;
use claimtrail::internals::text::reseal_text::{Reseal, reseal};
use claimtrail::{Measure, Record};

/// Measures of every kind, one with a tolerance that overflows naive
/// `About` arithmetic.
pub(crate) const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, trend: NonDecreasing),
    Measure(id: "huge", kind: Count, tolerance_percent: 18446744073709551615),
    Measure(id: "occurred", kind: Date),
    Measure(id: "responsible", kind: Actor),
    Measure(id: "summary", kind: Text),
]"#;

/// A source, a document with a snapshot, and a claim of each measure, so
/// that references, snapshot, quote and conflict rules all run against the
/// fuzzed file.
const BASE: &[(&str, &str)] = &[
    (
        "claims/base/k.ron",
        r#"Claim(id: "k", subject: "s", measure: "killed", value: Exact(143), as_of: "2024-03-23", statement: "x", claimant: "c", citations: [Citation(document: "d", quote: "at least 143 people")])"#,
    ),
    (
        "claims/base/h.ron",
        r#"Claim(id: "h", subject: "s", measure: "huge", value: About(1000), statement: "x", claimant: "c", citations: [Citation(document: "d", quote: "q")])"#,
    ),
    (
        "claims/base/o.ron",
        r#"Claim(id: "o", subject: "s", measure: "occurred", value: Date("2024-03-22"), statement: "x", claimant: "c", citations: [Citation(document: "d", quote: "q")])"#,
    ),
    (
        "claims/base/r.ron",
        r#"Claim(id: "r", subject: "s", measure: "responsible", value: Actor("c"), statement: "x", claimant: "c", citations: [Citation(document: "d", quote: "q")])"#,
    ),
    ("sources/actors/c.ron", r#"Source(id: "c", name: "C", kind: Other)"#),
    (
        "sources/documents/d.ron",
        r#"Document(id: "d", publisher: "c", title: "T", published: "2024-03-22", snapshot: "d.txt")"#,
    ),
];

const SNAPSHOT_TEXT: &str =
    "The tragedy claimed the lives of at least 143 people, the committee said on “Monday” – officially.";

/// Runs everything on `bytes` as the file `claims/s/x.ron` (or, when
/// `as_source`, `sources/x.ron`). Panics if a property fails.
pub(crate) fn check_one(bytes: &[u8], as_source: bool) {
    let (file, snap) = snapshot_with(bytes, as_source);

    // check, located as the CLI does it (BOM dropped, lossy UTF-8).
    let mut texts: HashMap<&str, String> = BASE.iter().map(|(f, t)| (*f, t.to_string())).collect();
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    texts.insert(file, String::from_utf8_lossy(body).into_owned());
    let mut diags = claimtrail::check(&snap);
    let shown = locate(&mut diags, |f| texts.get(f).cloned());
    check_located(&snap, &diags, &shown, bytes);
}

/// The small store with `bytes` as the file `claims/s/x.ron` (or, when
/// `as_source`, `sources/x.ron`): that path and the snapshot.
pub(crate) fn snapshot_with(bytes: &[u8], as_source: bool) -> (&'static str, Contents) {
    let (file, folder) =
        if as_source { ("sources/x.ron", Folder::Sources) } else { ("claims/s/x.ron", Folder::Claims) };
    let config = Config::default();
    let mut snap = Contents::new(config);
    let mut outcomes: Vec<FileOutcome> =
        BASE.iter().map(|(f, t)| parse_file(f.to_string(), folder_of(f), t.as_bytes())).collect();
    outcomes.push(parse_file(file.to_owned(), folder, bytes));
    snap.add_outcomes(outcomes);
    snap.set_measures("schemas/measures.ron", Some(MEASURES.as_bytes()));
    for wanted in snap.wanted_snapshots() {
        let found = if wanted == "d.txt" {
            SnapshotFile::Found {
                hash: claimtrail::internals::text::hash::bytes_hash(SNAPSHOT_TEXT.as_bytes()),
                text: claimtrail::internals::store::contents::snapshot_text(
                    &Config::default(),
                    "d.txt",
                    SNAPSHOT_TEXT.as_bytes(),
                    claimtrail::internals::text::readable::Want::Text,
                ),
            }
        } else {
            match claimtrail::internals::store::lexically_inside(&wanted) {
                Err(why) => SnapshotFile::Escapes(why),
                Ok(()) => SnapshotFile::Missing,
            }
        };
        snap.snapshots.insert(wanted, found);
    }
    (file, snap)
}

/// The properties of one run of `check` on the snapshot and of everything
/// rendered from it.
fn check_located(
    snap: &Contents,
    diags: &[claimtrail::Diagnostic],
    shown: &HashMap<String, String>,
    bytes: &[u8],
) {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    for d in diags {
        let text = &shown[&d.file];
        if let Some(span) = &d.span {
            assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{d:?}");
        }
        assert!(d.line.is_none_or(|l| l >= 1) && d.column.is_none_or(|c| c >= 1), "{d:?}");
        assert!(d.message.chars().count() <= claimtrail::internals::finding::MAX_MESSAGE_CHARS + 1, "{d:?}");
    }
    render(snap, diags, shown);
    coverage(snap);
    // The bytes as an archived article too, as text (lossy, as before
    // snapshots were read by type) and as a web page: coverage reads
    // snapshot text.
    let mut as_article = snap.clone();
    let lossy = String::from_utf8_lossy(body);
    let hash = claimtrail::internals::text::hash::bytes_hash(lossy.as_bytes());
    for (name, bytes) in [("d.txt", lossy.as_bytes()), ("d.html", body)] {
        let text = claimtrail::internals::store::contents::snapshot_text(
            &Config::default(),
            name,
            bytes,
            claimtrail::internals::text::readable::Want::Main,
        );
        as_article.snapshots.insert("d.txt".to_owned(), SnapshotFile::Found { hash: hash.clone(), text });
        coverage(&as_article);
    }
    if let Ok(text) = std::str::from_utf8(body) {
        round_trips(text, &snap.measures);
    }
}

fn folder_of(file: &str) -> Folder {
    if file.starts_with("claims/") { Folder::Claims } else { Folder::Sources }
}

fn render(snap: &Contents, diags: &[claimtrail::Diagnostic], texts: &HashMap<String, String>) {
    use claimtrail::internals::model::RecordKind;
    use claimtrail::internals::render::check::{human, json};
    use claimtrail::internals::render::style::Style;
    let summary = claimtrail::internals::render::wire::Summary::new(
        snap.count(RecordKind::Claim),
        snap.count(RecordKind::Source),
        snap.count(RecordKind::Document),
        claimtrail::internals::finding::Tally::of(diags),
    );
    let mut plain = Vec::new();
    human::check(&mut plain, Style::PLAIN, diags, texts, Some(summary)).expect("render to memory");
    assert_inert(&plain, false);
    let mut coloured = Vec::new();
    human::check(&mut coloured, Style { color: true }, diags, texts, Some(summary))
        .expect("render to memory");
    assert_inert(&coloured, true);
    let mut wire = Vec::new();
    json::check(&mut wire, summary, diags).expect("render to memory");
    let text = std::str::from_utf8(&wire).expect("JSON is UTF-8");
    let raw = text.chars().find(|&c| c != '\n' && claimtrail::internals::text::escape::needs_escape(c));
    assert_eq!(raw, None, "a raw control or bidi character in JSON output");
    let value: serde_json::Value = serde_json::from_str(text).expect("check JSON parses");
    assert_eq!(value["diagnostics"].as_array().map(Vec::len), Some(diags.len()));
    analyses(snap);
}

/// `coverage` of the document `d`, in both formats: positions inside the
/// text, sentences around their figures, output inert and JSON that parses.
fn coverage(snap: &Contents) {
    use claimtrail::internals::render::{coverage as render, style::Style};
    let Ok(found) = claimtrail::internals::check::coverage::coverage(snap, "d") else { return };
    for f in &found.figures {
        let s = &f.sentence.range;
        assert!(s.start <= f.span.start && f.span.end <= s.end && s.end <= found.text.len(), "{f:?}");
        assert!(f.at.line >= 1 && f.at.column >= 1, "{f:?}");
    }
    for style in [Style::PLAIN, Style { color: true }] {
        let mut out = Vec::new();
        render::human(&mut out, style, &found, false).expect("render to memory");
        assert_inert(&out, style.color);
    }
    let mut out = Vec::new();
    render::json(&mut out, &found).expect("render to memory");
    let text = std::str::from_utf8(&out).expect("JSON is UTF-8");
    let raw = text.chars().find(|&c| c != '\n' && claimtrail::internals::text::escape::needs_escape(c));
    assert_eq!(raw, None, "a raw control or bidi character in coverage JSON");
    let value: serde_json::Value = serde_json::from_str(text).expect("coverage JSON parses");
    assert_eq!(value["figures"].as_array().map(Vec::len), Some(found.figures.len()));
}

/// conflicts, sources and report, in every format they have.
fn analyses(snap: &Contents) {
    use claimtrail::internals::render::report::json as report_json;
    use claimtrail::internals::render::{conflicts, sources, style::Style};
    let analysis = claimtrail::Analysis::of(snap);
    let revised = std::collections::HashSet::new();
    let records = claimtrail::track_records(snap, &analysis, &revised);
    for style in [Style::PLAIN, Style { color: true }] {
        let mut out = Vec::new();
        conflicts::human(&mut out, style, &analysis, false).expect("render to memory");
        sources::human(&mut out, style, &records).expect("render to memory");
        assert_inert(&out, style.color);
    }
    let mut out = Vec::new();
    conflicts::markdown(&mut out, &analysis).expect("render to memory");
    assert_inert(&out, false);
    let mut out = Vec::new();
    conflicts::json(&mut out, &analysis, &[]).expect("render to memory");
    serde_json::from_slice::<serde_json::Value>(&out).expect("conflicts JSON parses");
    let mut out = Vec::new();
    sources::json(&mut out, &records).expect("render to memory");
    serde_json::from_slice::<serde_json::Value>(&out).expect("sources JSON parses");
    let report = claimtrail::internals::compare::report::Report::build(snap, &revised);
    let mut out = Vec::new();
    report_json::report(&mut out, &report).expect("render to memory");
    serde_json::from_slice::<serde_json::Value>(&out).expect("report JSON parses");
}

/// Human output is UTF-8 without control characters (beyond newlines) or
/// bidi overrides; with colour, every ESC starts one of claimtrail's own
/// SGR sequences (`ESC [ digits m`).
pub(crate) fn assert_inert(out: &[u8], colour: bool) {
    let text = std::str::from_utf8(out).expect("human output is UTF-8");
    for (at, c) in text.char_indices() {
        if c == '\u{1b}' && colour {
            let rest = &text[at + 1..];
            let sgr = rest.strip_prefix('[').and_then(|r| {
                let digits = r.bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
                (digits > 0 && r.as_bytes().get(digits) == Some(&b'm')).then_some(digits + 2)
            });
            assert!(sgr.is_some(), "a raw ESC not from claimtrail's styling at byte {at}: {:?}", &text[at..]);
            continue;
        }
        let bad =
            (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "raw {c:?} at byte {at} of human output:\n{text}");
    }
}

/// `hash` edits reseal exactly and are stable; `new`/`textconv` output
/// parses back to the same record; interval arithmetic never overflows.
fn round_trips(text: &str, measures: &[Measure]) {
    let Ok(record) = parse_record(text) else {
        assert!(reseal(text).is_err(), "reseal accepted what does not parse");
        return;
    };
    let written = claimtrail::internals::text::ron_writer::record(&record);
    assert_eq!(
        parse_record(&written).as_ref(),
        Ok(&record),
        "ronfmt::record does not round-trip:\n{written}"
    );
    if let Record::Claim(c) = &record {
        for m in measures.iter().map(Some).chain([None]) {
            let _ = claimtrail::internals::model::interval::Interval::of(&c.value, m);
        }
    }
    match reseal(text) {
        Ok(Reseal::UpToDate) => {
            assert_eq!(
                record.stored_hash().map(claimtrail::Seal::text),
                Some(claimtrail::internals::text::hash::record_hash(&record))
            );
        }
        Ok(Reseal::Changed { text: sealed, new_hash, .. }) => {
            let back = parse_record(&sealed).expect("resealed text parses");
            assert_eq!(back.stored_hash().map(claimtrail::Seal::text), Some(new_hash.clone()));
            assert_eq!(claimtrail::internals::text::hash::record_hash(&back), new_hash);
            assert_eq!(reseal(&sealed), Ok(Reseal::UpToDate), "resealing is not idempotent");
            // Only hash and revises changed.
            let mut a = record.clone();
            a.set_revises(back.revises().map(str::to_owned));
            assert_eq!(claimtrail::internals::text::hash::record_hash(&a), new_hash);
        }
        // Refusing to edit is allowed (and reported); editing wrongly is not.
        Err(_) => {}
    }
}
