//! The hostile corpus: every file in tests/hostile/cases/ is dropped into
//! the clean store tests/hostile/store/ as claims/hostile/<name>.ron, and
//! `claimtrail check` must report exactly the findings in
//! tests/hostile/cases/<name>.expected (`code line:col`, one a line, in
//! output order; `-` where a finding has no position), never crash, and
//! show no control character of the records in its human output. Cases too
//! big to commit (deep nesting, ten-megabyte strings) are generated here.
//!
//! To write the .expected files after a deliberate change, run with
//! `CLAIMTRAIL_BLESS=1` and review the diff.

#[path = "support/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;
#[path = "support/store.rs"]
mod store;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use store::{clean_store, run};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/cases");

/// Cases generated in code: (name, bytes, expected).
fn generated() -> Vec<(String, Vec<u8>, &'static str)> {
    let n = 100_000;
    let head = "Claim(\n    id: \"deep\",\n    subject: \"s\",\n    measure: \"killed\",\n";
    vec![
        (
            "deep-list-in-tags".into(),
            format!("{head}    tags: {}", "[".repeat(n)).into_bytes(),
            "parse 5:12\n",
        ),
        (
            "deep-parens-in-value".into(),
            format!("{head}    value: {}", "(".repeat(n)).into_bytes(),
            "parse 5:12\n",
        ),
        (
            "deep-newtypes-in-value".into(),
            format!("{head}    value: {}", "Exact(".repeat(n)).into_bytes(),
            "parse 5:18\n",
        ),
        ("deep-top-level".into(), "[".repeat(n).into_bytes(), "parse 1:1\n"),
        (
            "deep-closed".into(),
            format!("{head}    tags: {}{})", "[".repeat(n), "]".repeat(n)).into_bytes(),
            "parse 5:12\n",
        ),
        (
            "deep-nested-comments".into(),
            format!("{head}/*{}{}*/)", "/*".repeat(n), "*/".repeat(n)).into_bytes(),
            "parse 5:400005\n",
        ),
        ("deep-some".into(), format!("{head}    note: {}", "Some(".repeat(n)).into_bytes(), "parse 5:16\n"),
        (
            "ten-megabyte-string".into(),
            format!("{head}    value: Exact(1),\n    statement: \"{}\",\n)", "x".repeat(10_000_000))
                .into_bytes(),
            "parse 7:1\n",
        ),
        (
            "ten-megabyte-unterminated-string".into(),
            format!("{head}    statement: \"{}", "\u{1b}[31m".repeat(2_000_000)).into_bytes(),
            "parse 5:16\n",
        ),
        (
            "megabyte-number".into(),
            format!("{head}    value: Exact({})", "9".repeat(1_000_000)).into_bytes(),
            "parse 5:18\n",
        ),
        (
            "five-megabyte-field-name".into(),
            format!("{head}    {}: 1", "x".repeat(5_000_000)).into_bytes(),
            "parse 5:5\n",
        ),
    ]
}

/// `check --format json` findings, grouped by file, as `code line:col`.
fn findings(store: &Path) -> BTreeMap<String, String> {
    let out = run(store, &["check", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check JSON");
    let mut by_file: BTreeMap<String, String> = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let at = match (d["line"].as_u64(), d["column"].as_u64()) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            _ => "-".to_owned(),
        };
        let file = d["file"].as_str().unwrap().to_owned();
        by_file.entry(file).or_default().push_str(&format!("{} {at}\n", d["code"].as_str().unwrap()));
    }
    by_file
}

fn human_output_is_inert(store: &Path) {
    for colour in ["never", "always"] {
        let out = run(store, &["check", "--color", colour]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        pipeline::assert_inert(&out.stdout, colour == "always");
        pipeline::assert_inert(&out.stderr, false);
        if colour == "never" {
            assert!(!out.stdout.contains(&0x1b));
        }
    }
}

#[test]
fn corpus() {
    let store = clean_store();
    let dir = store.path().join("claims/hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let mut cases: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(CASES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            std::fs::copy(&path, dir.join(format!("{name}.ron"))).unwrap();
            cases.push((name, path.with_extension("expected")));
        }
    }
    assert!(cases.len() >= 30, "the corpus is there");
    let got = findings(store.path());
    let bless = std::env::var_os("CLAIMTRAIL_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, expected_path) in &cases {
        let got = got.get(&format!("claims/hostile/{name}.ron")).cloned().unwrap_or_default();
        if bless {
            std::fs::write(expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|_| panic!("{name}.expected"));
        if got != expected {
            failures.push(format!("{name}:\n  expected:\n{expected}  got:\n{got}"));
        }
    }
    let strays: Vec<_> = got.keys().filter(|f| !f.starts_with("claims/hostile/")).collect();
    assert!(strays.is_empty(), "the clean store has findings: {strays:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    human_output_is_inert(store.path());
}

#[test]
fn generated_cases() {
    let store = clean_store();
    let dir = store.path().join("claims/hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = generated();
    for (name, bytes, _) in &cases {
        std::fs::write(dir.join(format!("{name}.ron")), bytes).unwrap();
    }
    let got = findings(store.path());
    let mut failures = Vec::new();
    for (name, _, expected) in &cases {
        let got = got.get(&format!("claims/hostile/{name}.ron")).cloned().unwrap_or_default();
        if got != *expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    human_output_is_inert(store.path());
}
