//! `claimtrail coverage DOC` end to end: the JSON contract of docs/reference.md section
//! 9, the human listing with each figure underlined in its sentence and
//! snapshot text escaped, exit 2 with the fix for documents it cannot
//! read, and `value-not-in-quote` on the same store; then the shipped
//! store's Orda article.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::pipeline::assert_inert;
use crate::support::{claimtrail_in, output, seal};

/// The archived article: figures in digits, words and with a no-break
/// space, a date and a year, a figure no claim accounts for, and a control
/// character that must never reach a terminal.
const SNAPSHOT: &str = "Kerman toll\n\n\
On 3 January 2024, ninety-five people were killed, the ministry said. More than 280 \
people were wounded.\n\nBy 2018, about 4\u{a0}000 militants had left; 12 \u{1b}[31mreturned.\n";

/// A store of that article and `claims` (`(id, value, quote)`).
fn store(claims: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("claimtrail.ron", "Config()\n");
    write(
        "schemas/measures.ron",
        "[\n    Measure(id: \"killed\", kind: Count),\n    Measure(id: \"wounded\", kind: Count),\n]\n",
    );
    write("sources/snapshots/kerman.txt", SNAPSHOT);
    write(
        "sources/moh.ron",
        &seal("Source(\n    id: \"moh\",\n    name: \"Ministry\",\n    kind: Government,\n)\n", None),
    );
    let hash = claimtrail::internals::text::hash::bytes_hash(SNAPSHOT.as_bytes());
    write(
        "sources/kerman.ron",
        &seal(
            &format!(
                "Document(\n    id: \"kerman-report\",\n    publisher: \"moh\",\n    title: \"T\",\n    published: \"2024-01-04\",\n    snapshot: \"kerman.txt\",\n    snapshot_hash: \"{hash}\",\n)\n"
            ),
            None,
        ),
    );
    write(
        "sources/bare.ron",
        &seal(
            "Document(\n    id: \"bare\",\n    publisher: \"moh\",\n    title: \"T\",\n    published: \"2024-01-04\",\n)\n",
            None,
        ),
    );
    for (id, value, quote) in claims {
        let measure = if id.contains("wounded") { "wounded" } else { "killed" };
        let text = format!(
            "Claim(\n    id: \"{id}\",\n    subject: \"kerman\",\n    measure: \"{measure}\",\n    value: {value},\n    statement: \"x\",\n    claimant: \"moh\",\n    citations: [\n        Citation(document: \"kerman-report\", quote: {quote:?}),\n    ],\n)\n"
        );
        write(&format!("claims/{id}.ron"), &seal(&text, None));
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    output(&mut claimtrail_in(dir, args))
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let (out, err, code) = run(dir, args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("coverage JSON")
}

/// Two claims: the toll covers its figure by its quote, the wounded by
/// their value only (AtLeast(281) has the figure 280, "more than 280").
fn kerman() -> tempfile::TempDir {
    store(&[
        ("kerman-killed", "Exact(95)", "ninety-five people were killed"),
        ("kerman-wounded", "AtLeast(281)", "people were wounded"),
    ])
}

#[test]
fn json_lists_every_figure_uncovered_first() {
    let dir = kerman();
    let got = json_of(dir.path(), &["coverage", "kerman-report", "--format", "json"]);
    assert_eq!(got["version"], 1);
    assert_eq!(got["document"], "kerman-report");
    let figures = got["figures"].as_array().expect("figures");
    let keys: Vec<&str> = figures[0].as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["claims", "column", "line", "sentence", "text", "value"]);
    let brief: Vec<Value> =
        figures.iter().map(|f| json!([f["text"], f["value"], f["line"], f["column"], f["claims"]])).collect();
    assert_eq!(
        brief,
        [
            json!(["4\u{a0}000", 4000, 5, 16, []]),
            json!(["12", 12, 5, 42, []]),
            json!(["ninety-five", 95, 3, 20, ["kerman-killed"]]),
            json!(["280", 280, 3, 81, ["kerman-wounded"]]),
        ]
    );
    assert_eq!(
        figures[2]["sentence"],
        "On 3 January 2024, ninety-five people were killed, the ministry said."
    );
    // Snapshot text is escaped as for a terminal, like check's messages.
    assert_eq!(figures[1]["sentence"], "By 2018, about 4 000 militants had left; 12 \\u{1b}[31mreturned.");
    assert_eq!(
        got["dates"],
        json!([
            {"text": "3 January 2024", "line": 3, "column": 4, "kind": "date"},
            {"text": "2018", "line": 5, "column": 4, "kind": "year"},
        ])
    );
}

#[test]
fn human_output_underlines_each_figure_in_its_sentence() {
    let dir = kerman();
    let (out, _, code) = run(dir.path(), &["coverage", "kerman-report"]);
    assert_eq!(code, 0);
    assert_inert(out.as_bytes(), false);
    let expected = "\
not covered (2 figures)
  5:16  4 000
      By 2018, about 4 000 militants had left; 12 \\u{1b}[31mreturned.
                     ─────
  5:42  12
      By 2018, about 4 000 militants had left; 12 \\u{1b}[31mreturned.
                                               ──

covered (2 figures)
  3:20  ninety-five  kerman-killed
      On 3 January 2024, ninety-five people were killed, the ministry said.
                         ───────────
  3:81  280  kerman-wounded
      More than 280 people were wounded.
                ───
";
    assert!(out.contains(expected), "{out}");
    assert!(out.contains("years and dates (2)\n  3:4  3 January 2024\n  5:4  2018\n"), "{out}");
    assert!(out.ends_with("4 figures: 2 not covered, 2 covered; 2 years and dates\n"), "{out}");
    // With colour, only claimtrail's own styling.
    let (out, _, _) =
        output(&mut claimtrail_in(dir.path(), &["--color", "always", "coverage", "kerman-report"]));
    assert_inert(out.as_bytes(), true);
}

#[test]
fn documents_it_cannot_read_exit_2_with_the_fix() {
    let dir = kerman();
    let cases = [
        ("kerman-reprot", "no document `kerman-reprot` in the store; did you mean `kerman-report`?"),
        ("bare", "document `bare` has no snapshot"),
        ("moh", "`moh` is not a document (sources/moh.ron)"),
    ];
    for (id, message) in cases {
        let (out, err, code) = run(dir.path(), &["coverage", id]);
        assert_eq!((out.as_str(), code), ("", 2), "{id}: {err}");
        assert!(err.starts_with(&format!("error: {message}\n  help: ")), "{id}: {err}");
    }
    let (_, err, _) = run(dir.path(), &["coverage", "bare"]);
    assert!(err.contains("set `snapshot` and `snapshot_hash` in sources/bare.ron"), "{err}");
    std::fs::remove_file(dir.path().join("sources/snapshots/kerman.txt")).expect("remove");
    let (_, err, code) = run(dir.path(), &["coverage", "kerman-report"]);
    assert_eq!(code, 2);
    assert!(err.contains("sources/snapshots/kerman.txt, cannot be used: the file is not there"), "{err}");
}

#[test]
fn a_tampered_figure_is_caught_and_left_uncovered() {
    // 95 changed to 59 and resealed: the quote still says ninety-five.
    let dir = store(&[("kerman-killed", "Exact(59)", "ninety-five people were killed")]);
    let got: Value = {
        let (out, _, code) = run(dir.path(), &["check", "--format", "json"]);
        assert_eq!(code, 0, "a warning: {out}");
        serde_json::from_str(&out).expect("check JSON")
    };
    let d = &got["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("value-not-in-quote"), Some(5), Some(12))
    );
    assert_eq!(d["message"], "the quotes mention \"ninety-five\" (95); the value says 59");
    // Its quote still covers the figure in the article.
    let got = json_of(dir.path(), &["coverage", "kerman-report", "--format", "json"]);
    let killed = got["figures"].as_array().expect("figures").iter().find(|f| f["value"] == 95).expect("95");
    assert_eq!(killed["claims"], json!(["kerman-killed"]));
    let (_, _, code) = run(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn the_shipped_orda_article_is_covered_but_for_a_count_of_factors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let got = json_of(root, &["coverage", "orda-2024-03-26-islamic-state-central-asia", "--format", "json"]);
    let uncovered: Vec<&str> = got["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .filter(|f| f["claims"].as_array().is_some_and(Vec::is_empty))
        .map(|f| f["text"].as_str().expect("a text"))
        .collect();
    assert_eq!(uncovered, ["three"], "README, \"Figures in text\", says why it is left out");
    let covers = |text: &str| -> Vec<Value> {
        let f = got["figures"].as_array().expect("figures").iter().find(|f| f["text"] == text).expect(text);
        f["claims"].as_array().expect("claims").clone()
    };
    assert!(covers("95").contains(&json!("kerman-killed-orda-95")));
    assert!(covers("800").contains(&json!("kazakhstan-left-for-syria-iraq-knb-800")));
    assert!(covers("4,000").contains(&json!("central-asian-fighters-economist-4000")));
    assert!(got["dates"].as_array().expect("dates").iter().any(|d| d["text"] == "26/03/24"));
}
