//! The hostile corpus: each file in tests/hostile/cases/ is dropped, alone,
//! into a copy of the clean store tests/hostile/store/ as
//! claims/hostile/<name>.ron, and `claimtrail check` must report exactly
//! the findings in tests/hostile/cases/<name>.expected for that file
//! (`code line:col`, one a line, in output order; `-` where a finding has no
//! position), never crash, and show no control character of the records in
//! its human output; `hash` must then run on it without crashing. The
//! clean store holds a claim of each count measure,
//! so extreme values also go through the conflict rules. Cases too big to
//! commit (deep nesting, ten-megabyte strings) are generated here.
//!
//! To write the .expected files after a deliberate change, run with
//! `CLAIMTRAIL_BLESS=1` and review the diff.

use crate::support::pipeline;
use crate::support::store;

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
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
        pipeline::assert_inert(&out.stdout, colour == "always");
        pipeline::assert_inert(&out.stderr, false);
        if colour == "never" {
            assert!(!out.stdout.contains(&0x1b));
        }
    }
}

/// Checks one case alone in a clean store: its findings as `code line:col`
/// lines, after asserting that human output is inert and that the clean
/// store's own files have no findings but conflicts with the case.
fn check_case(name: &str, bytes: &[u8]) -> String {
    let store = clean_store();
    let dir = store.path().join("claims/hostile");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.ron")), bytes).unwrap();
    let mut got = findings(store.path());
    let case = got.remove(&format!("claims/hostile/{name}.ron")).unwrap_or_default();
    for (file, found) in &got {
        assert!(
            found.lines().all(|l| l.starts_with("conflict ")),
            "{name}: the clean store's {file} has {found}"
        );
    }
    human_output_is_inert(store.path());
    // hash must not crash on it either (cargo-fuzz found it did, on
    // enable-attribute), and what it writes must still parse.
    let hashed = run(store.path(), &["hash"]);
    assert!(
        matches!(hashed.status.code(), Some(0 | 1)),
        "{name}: {}",
        String::from_utf8_lossy(&hashed.stderr)
    );
    pipeline::assert_inert(&hashed.stdout, false);
    let after = findings(store.path());
    let still = after.get(&format!("claims/hostile/{name}.ron")).cloned().unwrap_or_default();
    assert!(!still.contains("missing-hash") || case.contains("parse"), "{name}: hash left {still}");
    case
}

#[test]
fn corpus() {
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(CASES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus is there");
    let bless = std::env::var_os("CLAIMTRAIL_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, path) in &cases {
        let got = check_case(name, &std::fs::read(path).unwrap());
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| panic!("{name}.expected"));
        if got != expected {
            failures.push(format!("{name}:\n  expected:\n{expected}  got:\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generated_cases() {
    let mut failures = Vec::new();
    for (name, bytes, expected) in generated() {
        let got = check_case(&name, &bytes);
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Many small files whose costs used to multiply: a 10,000-source part_of
/// chain and a 1,000-source ring (a closure and a DFS per source were
/// quadratic: 3,000 chained sources took 40 s and 330 MB), and 1,000
/// references that name none of 12,000 records (did-you-mean compared each
/// with every id). Each is now linear or bounded by a budget.
#[test]
fn many_files_stay_linear() {
    let store = clean_store();
    let root = store.path();
    let write = |dir: &str, name: String, text: String| {
        let dir = root.join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    };
    let (chain, ring) = (10_000, 1_000);
    for i in 0..chain {
        let up = if i + 1 < chain { format!(", part_of: [\"chain-{}\"]", i + 1) } else { String::new() };
        write(
            "sources/chain",
            format!("{i}.ron"),
            format!("Source(id: \"chain-{i}\", name: \"C\", kind: Other{up})"),
        );
    }
    for i in 0..ring {
        let up = format!(", part_of: [\"ring-{}\"]", (i + 1) % ring);
        write(
            "sources/ring",
            format!("{i}.ron"),
            format!("Source(id: \"ring-{i}\", name: \"R\", kind: Other{up})"),
        );
    }
    for i in 0..1_000 {
        let text = store::claim(&format!("dangling-{i}"))
            .replace("claimant: \"c\"", &format!("claimant: \"chian-{i}\""));
        write("claims/dangling", format!("{i}.ron"), text);
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for found in findings(root).values() {
        for line in found.lines() {
            *counts.entry(line.split(' ').next().unwrap().to_owned()).or_default() += 1;
        }
    }
    let expected: BTreeMap<String, usize> =
        [("dangling-reference", 1_000), ("missing-hash", chain + ring + 1_000), ("part-of-cycle", 1)]
            .into_iter()
            .map(|(c, n)| (c.to_owned(), n))
            .collect();
    assert_eq!(counts, expected);
}
