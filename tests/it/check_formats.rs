//! `check --format sarif|github` end to end, on the fixture store: the
//! SARIF log validates against the SARIF 2.1.0 schema (a copy is kept in
//! tests/it/data/, taken from the schema Microsoft publishes for SARIF
//! 2.1.0 RTM 5, under MIT), and the GitHub commands and job summary are
//! pinned by snapshots.

use crate::support::stores::{broken, claimtrail, clean};

fn sarif_schema() -> jsonschema::Validator {
    // The published schema's `language` pattern has a stray `]` that ECMA
    // regexes reject; the copy is kept verbatim and the pattern mended here
    // (claimtrail never writes `language`).
    let text = include_str!("data/sarif-schema-2.1.0.json")
        .replace(r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options().should_validate_formats(true).build(&schema).expect("schema compiles")
}

fn sarif(dir: &std::path::Path) -> serde_json::Value {
    let out = claimtrail(dir).args(["check", "--format", "sarif"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "errors exit 1: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_schema() {
    let dir = broken();
    let log = sarif(dir.path());
    let validator = sarif_schema();
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn the_schema_rejects_a_broken_log() {
    // Proves the validation above can fail.
    let dir = broken();
    let mut log = sarif(dir.path());
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_schema().is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "error".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!sarif_schema().is_valid(&log));
}

#[test]
fn sarif_snapshot() {
    let dir = broken();
    let mut log = sarif(dir.path());
    // The rules are the registry's text, pinned by their own tests; keep
    // the snapshot to the results.
    let rules = log["runs"][0]["tool"]["driver"]["rules"].take();
    assert_eq!(rules.as_array().unwrap().len(), claimtrail::Code::ALL.len());
    assert!(rules.as_array().unwrap().iter().all(|r| r["fullDescription"]["text"].is_string()));
    log["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    insta::assert_json_snapshot!(log);
}

#[test]
fn sarif_to_a_file() {
    let dir = clean();
    let file = dir.path().join("out.sarif");
    claimtrail(dir.path()).args(["check", "--format", "sarif", "-o"]).arg(&file).assert().code(0);
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(sarif_schema().is_valid(&log));
    assert!(log["runs"][0]["results"].as_array().unwrap().iter().all(|r| r["level"] == "warning"));
}

/// The output with the random stop-commands token replaced.
fn redact_token(text: &str) -> String {
    let token = text.lines().find_map(|l| l.strip_prefix("::stop-commands::")).map(str::to_owned);
    match token {
        Some(t) => text.replace(&t, "[token]"),
        None => text.to_owned(),
    }
}

#[test]
fn github_annotations_and_report() {
    let dir = broken();
    let out = claimtrail(dir.path()).args(["check", "--format", "github"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour");
    let token = text.lines().find_map(|l| l.strip_prefix("::stop-commands::")).unwrap().to_owned();
    assert!(token.len() >= 32, "{token}");
    // Nothing between the stop and the resume starts a command but the resume.
    let inside: Vec<&str> =
        text.lines().skip_while(|l| !l.starts_with("::stop-commands::")).skip(1).collect();
    assert_eq!(inside.iter().filter(|l| l.trim_start().starts_with("::")).count(), 1);
    insta::assert_snapshot!(redact_token(&text));
}

#[test]
fn github_annotation_points_at_the_line() {
    let dir = broken();
    let out = claimtrail(dir.path()).args(["check", "--format", "github"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.contains("title=hash-mismatch")).unwrap();
    // The hash field of the edited claim is on line 15 of its file.
    let file = std::fs::read_to_string(dir.path().join("claims/event/killed-ic-137.ron")).unwrap();
    let hash_line = file.lines().position(|l| l.trim_start().starts_with("hash:")).unwrap() + 1;
    assert!(line.starts_with("::error file=claims/event/killed-ic-137.ron,"), "{line}");
    assert!(line.contains(&format!(",line={hash_line},")), "{line} vs {hash_line}");
}

#[test]
fn github_step_summary_is_appended() {
    let dir = broken();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    claimtrail(dir.path())
        .args(["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n## claimtrail check"));
    insta::assert_snapshot!(md);
}

/// The validator of a generated schema under schemas/.
fn output_schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn check_json_validates_against_its_schema() {
    let validator = output_schema("check-output.schema.json");
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = broken();
    for (root, code) in [(shipped, 0), (dir.path(), 1)] {
        let out = claimtrail(root).args(["check", "--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(code));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(json["diagnostics"].as_array().unwrap().iter().any(|d| d.get("related").is_some()));
        let errors: Vec<String> =
            validator.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let mut bad: serde_json::Value = serde_json::json!({"version": 1, "summary": {}, "diagnostics": []});
    assert!(!validator.is_valid(&bad), "the schema can fail");
    bad["summary"] = serde_json::json!({"records": 0, "claims": 0, "sources": 0, "documents": 0, "errors": 0, "warnings": 0});
    assert!(validator.is_valid(&bad));
}
