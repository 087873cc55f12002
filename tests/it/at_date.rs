//! `--at DATE` of `conflicts`, `report` and `sources`: the store as it
//! could be known at a date (docs/reference.md section 6), on the fixture store, whose
//! documents were published on 22, 24 and 26 March.

use std::path::Path;

use serde_json::Value;

use crate::support::stores::{claimtrail, clean};

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = claimtrail(dir).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(report: &Value) -> Vec<&str> {
    report["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect()
}

#[test]
fn only_what_was_published_by_the_end_of_the_date() {
    let dir = clean();
    let root = dir.path();
    let all = json(root, &["conflicts", "--format", "json"]);
    assert!(!all["conflicts"].as_array().unwrap().is_empty());
    assert_eq!(json(root, &["conflicts", "--format", "json", "--at", "2024-03-26"]), all);
    // Before Baza's post of the 26th, the figures that conflict are unknown.
    let early = json(root, &["conflicts", "--format", "json", "--at", "2024-03-25"]);
    assert_eq!(early["conflicts"], serde_json::json!([]));
    let report = json(root, &["report", "--format", "json", "--at", "2024-03-24"]);
    assert_eq!(ids(&report), ["claimed-by-is", "killed-ic-137", "killed-jones-about-140", "occurred-ic"]);
    let report = json(root, &["report", "--format", "json", "--at", "2024-03-23"]);
    assert_eq!(ids(&report), ["claimed-by-is"]);
    let sources = json(root, &["sources", "--format", "json", "--at", "2024-03"]);
    let baza = sources["sources"].as_array().unwrap().iter().find(|s| s["id"] == "baza").unwrap().clone();
    assert_eq!(baza["claims"], 2, "the whole month: Baza's two claims");
    let sources = json(root, &["sources", "--format", "json", "--at", "2024-03-25T23:59"]);
    let baza = sources["sources"].as_array().unwrap().iter().find(|s| s["id"] == "baza").unwrap().clone();
    assert_eq!(baza["claims"], 0);
}

#[test]
fn a_date_that_is_not_one_is_a_usage_error() {
    let dir = clean();
    let out = claimtrail(dir.path()).args(["conflicts", "--at", "24 March"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--at `24 March` is not a date"));
}
