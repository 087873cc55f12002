//! Microsoft's SARIF Multitool, the validator GitHub points at, judges real
//! logs with its GitHub Advanced Security rules (`validate --rule-kind
//! Ghas`): the shipped store's, a store with findings, and a store whose
//! findings pass code scanning's 25,000 results a run, whose log is cut at
//! the limit (errors first) and says what it left out. Any result of level
//! `error` in the validator's own log fails the test. `.ci/run` installs
//! the Multitool (tests/it/support/judges.rs); tests/it/sarif_ghas.rs
//! re-implements its rules for a machine without it.

use std::path::Path;

use serde_json::Value;

use crate::support::judges::sarif_multitool;
use crate::support::stores::{broken, claimtrail, write};
use crate::support::{Repo, base_store};

/// The log of `check --format sarif` in `dir`, with its exit status.
fn sarif(dir: &Path, code: i32) -> Vec<u8> {
    let out = claimtrail(dir).args(["check", "--format", "sarif"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The Multitool's error results on a log, as `rule: message` lines.
fn multitool_errors(tool: &Path, log: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, log).expect("write the log");
    let run = std::process::Command::new(tool)
        // GitHub's limit is on the compressed log (10 MB); the Multitool
        // skips files over 10 MB unless told otherwise.
        .args(["validate", "--rule-kind", "Ghas", "--max-file-size-in-kb", "1000000", "--output"])
        .arg(&output)
        .arg(&input)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .expect("the Multitool runs");
    let said = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the Multitool failed: {said}");
    let validation: Value =
        serde_json::from_slice(&std::fs::read(&output).expect("the Multitool writes its log")).expect("JSON");
    let runs = validation["runs"].as_array().expect("runs");
    let mut errors = Vec::new();
    for run in runs {
        for note in run["invocations"][0]["toolExecutionNotifications"].as_array().into_iter().flatten() {
            if note["level"] == "error" {
                errors.push(format!("notification: {}", note["message"]["text"]));
            }
        }
        for r in run["results"].as_array().into_iter().flatten() {
            if r["level"].as_str().is_none_or(|l| l == "error") {
                errors.push(format!("{}: {} {}", r["ruleId"], r["message"]["id"], r["message"]["arguments"]));
            }
        }
    }
    errors
}

#[test]
fn the_multitool_passes_the_shipped_and_the_broken_logs() {
    let Some(tool) = sarif_multitool() else { return };
    let shipped = sarif(Path::new(env!("CARGO_MANIFEST_DIR")), 0);
    assert_eq!(multitool_errors(&tool, &shipped), Vec::<String>::new(), "the shipped store");
    let dir = broken();
    let log = sarif(dir.path(), 1);
    assert_eq!(multitool_errors(&tool, &log), Vec::<String>::new(), "the broken store");
}

#[test]
fn the_multitool_fails_a_log_that_breaks_its_rules() {
    let Some(tool) = sarif_multitool() else { return };
    let dir = broken();
    let mut log: Value = serde_json::from_slice(&sarif(dir.path(), 1)).expect("JSON");
    log["runs"][0]["results"][0]["locations"] = serde_json::json!([]);
    let errors = multitool_errors(&tool, &serde_json::to_vec(&log).expect("JSON"));
    assert!(errors.iter().any(|e| e.contains("EmptyLocationsArray")), "{errors:?}");
}

/// A store of `n` claims with two errors each (`missing-hash` and
/// `bad-date`), each of its own subject so that nothing is compared, and
/// `warnings` claims whose only finding is a warning.
fn many_findings(n: usize, warnings: usize) -> Repo {
    let repo = Repo::new();
    base_store(&repo);
    let claim = |id: &str, as_of: &str, quote: &str| {
        format!(
            "Claim(\n    id: \"{id}\",\n    subject: \"s-{id}\",\n    measure: \"killed\",\n    value: Exact(7),\n    as_of: \"{as_of}\",\n    statement: \"Seven.\",\n    claimant: \"ic\",\n    citations: [Citation(document: \"tass-2024-03-23\", quote: \"{quote}\")],\n)\n"
        )
    };
    for i in 0..n {
        write(
            repo.path(),
            &format!("claims/c{}/e-{i}.ron", i % 100),
            &claim(&format!("e-{i}"), "2024-13", "7 dead"),
        );
    }
    for i in 0..warnings {
        let text = crate::support::seal(&claim(&format!("w-{i}"), "2024-03", "many dead"), None);
        write(repo.path(), &format!("claims/w/w-{i}.ron"), &text);
    }
    repo
}

#[test]
fn a_log_over_the_limit_is_cut_errors_first_and_passes_the_multitool() {
    let repo = many_findings(12_600, 5);
    let log = sarif(repo.path(), 1);
    let parsed: Value = serde_json::from_slice(&log).expect("JSON");
    let run = &parsed["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    assert!(results.iter().all(|r| r["level"] == "error"), "errors were kept first");
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(
        note["properties"],
        serde_json::json!({"results": 205, "errors": 200, "new": 0, "relatedLocations": 0}),
        "{note}"
    );
    assert!(note["message"]["text"].as_str().expect("text").contains("25,000 results"), "{note}");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let Some(tool) = sarif_multitool() else { return };
    assert_eq!(multitool_errors(&tool, &log), Vec::<String>::new());
}
