//! Golden tests of rendered diagnostics: human (miette) and JSON output of a
//! store with one finding of each kind that a hand edit typically causes.

use std::path::Path;

const MEASURES: &str = "[Measure(id: \"killed\", kind: Count)]\n";
const SOURCE: &str = "Source(\n    id: \"knb\",\n    name: \"KNB\",\n    kind: SecurityService,\n)\n";
const DOC: &str = "Document(\n    id: \"orda\",\n    publisher: \"knb\",\n    title: \"T\",\n    published: \"2024-03-26\",\n    snapshot: \"orda.txt\",\n)\n";
const CLAIM: &str = "// By 2018, per the KNB.\nClaim(\n    id: \"left-by-2018\",\n    subject: \"kazakhstan\",\n    measure: \"kiled\",\n    value: Between(900, 800),\n    as_of: \"2018-13\",\n    statement: \"About 800 citizens left.\",\n    claimant: \"knbb\",\n    citations: [\n        Citation(document: \"orda\", quote: \"about 800 citizens of Kazakhstan had left for Syria\"),\n    ],\n)\n";
const SNAPSHOT: &str =
    "By 2018, about 800 citizens of Kazakhstan had left for Syria and Iraq, most of whom were children.\n";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "claimtrail.ron", "Config()\n");
    write(root, "schemas/measures.ron", MEASURES);
    write(root, "sources/knb.ron", SOURCE);
    write(root, "sources/orda.ron", DOC);
    write(root, "sources/snapshots/orda.txt", SNAPSHOT);
    write(root, "claims/left-by-2018.ron", CLAIM);
    let out = crate::support::claimtrail()
        .args(["-C"])
        .arg(root)
        .args(["check", "--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn human_diagnostics() {
    insta::assert_snapshot!(run("human"));
}

#[test]
fn json_diagnostics() {
    insta::assert_snapshot!(run("json"));
}
