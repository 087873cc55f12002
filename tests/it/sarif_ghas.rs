//! The GHAS rules of Microsoft's SARIF multitool (`sarif validate
//! --rule-kind-option Ghas`), written out as checks on real logs for a
//! machine without the Multitool (tests/it/sarif_multitool.rs runs the
//! real one): the shipped store's (warnings) and the
//! broken fixture's (errors, whole-file findings, related locations).
//! Each check states the condition of the rule as the sarif-sdk source
//! (src/Sarif.Multitool.Library/Rules/GH100*.cs) states it.

use std::path::Path;

use serde_json::Value;

use crate::support::stores::{broken, claimtrail};

/// The problems the GHAS rules find in a log, as `GHxxxx pointer: why`.
fn ghas_problems(log: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut say = |rule: &str, at: String, why: &str| problems.push(format!("{rule} {at}: {why}"));
    let empty = Vec::new();
    let runs = log["runs"].as_array().unwrap_or(&empty);
    // GH1004: arrays within GitHub's default limits.
    if runs.len() > 5 {
        say("GH1004", "/runs".into(), "more than 5 runs");
    }
    for (r, run) in runs.iter().enumerate() {
        let at = format!("/runs/{r}");
        if run["tool"]["driver"]["rules"].as_array().is_some_and(|a| a.len() > 1000) {
            say("GH1004", format!("{at}/tool/driver/rules"), "more than 1000 rules");
        }
        let results = run["results"].as_array().unwrap_or(&empty);
        if results.len() > 1000 {
            say("GH1004", format!("{at}/results"), "more than 1000 results");
        }
        // GH1005/GH1006: the working directories a URI may start with, and
        // the checkout paths that make an absolute file URI acceptable.
        let working: Vec<&str> = run["invocations"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(|i| i["workingDirectory"]["uri"].as_str())
            .collect();
        for (i, result) in results.iter().enumerate() {
            let at = format!("{at}/results/{i}");
            // GH1007: a flattened message text.
            if result["message"]["text"].as_str().is_none_or(str::is_empty) {
                say("GH1007", format!("{at}/message"), "no message.text");
            }
            // GH1001: a non-empty locations array.
            let Some(locations) = result["locations"].as_array() else {
                say("GH1001", at, "no locations");
                continue;
            };
            if locations.is_empty() {
                say("GH1001", format!("{at}/locations"), "empty locations");
            }
            if locations.len() > 10 {
                say("GH1004", format!("{at}/locations"), "more than 10 locations");
            }
            let code_flows = result["codeFlows"].as_array().unwrap_or(&empty);
            if code_flows.len() > 100 {
                say("GH1004", format!("{at}/codeFlows"), "more than 100 code flows");
            }
            for (f, flow) in code_flows.iter().enumerate() {
                for (t, thread) in flow["threadFlows"].as_array().unwrap_or(&empty).iter().enumerate() {
                    let steps = thread["locations"].as_array().unwrap_or(&empty);
                    if steps.len() > 100 {
                        say("GH1004", format!("{at}/codeFlows/{f}/threadFlows/{t}"), "more than 100 steps");
                    }
                    // GH1002: thread flow locations inline, not by index.
                    if steps.iter().any(|s| s["index"].as_i64().is_some_and(|i| i >= 0)) {
                        say("GH1002", format!("{at}/codeFlows/{f}/threadFlows/{t}"), "a location by index");
                    }
                }
            }
            let related = result["relatedLocations"].as_array().unwrap_or(&empty);
            let all = locations
                .iter()
                .map(|l| ("locations", l))
                .chain(related.iter().map(|l| ("relatedLocations", l)));
            for (k, (list, location)) in all.enumerate() {
                let at = format!("{at}/{list}/{k}");
                let physical = &location["physicalLocation"];
                // GH1001: physicalLocation.artifactLocation.uri.
                let Some(uri) = physical["artifactLocation"]["uri"].as_str() else {
                    say("GH1001", at, "no physicalLocation.artifactLocation.uri");
                    continue;
                };
                // GH1003: a region with a startLine (for result locations).
                if list == "locations" && physical["region"]["startLine"].as_u64().is_none_or(|l| l == 0) {
                    say("GH1003", format!("{at}/physicalLocation"), "no region.startLine");
                }
                // GH1005: relative, or a file URI (or under a working directory).
                let scheme = uri.split_once(':').map(|(s, _)| s).filter(|s| {
                    s.len() > 1 && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
                if let Some(scheme) = scheme {
                    if scheme != "file" && !working.iter().any(|w| uri.starts_with(w)) {
                        say(
                            "GH1005",
                            format!("{at}/physicalLocation/artifactLocation/uri"),
                            "not a file path",
                        );
                    }
                    // GH1006: an absolute file URI needs its checkout path.
                    if scheme == "file" && !working.iter().any(|w| uri.starts_with(w)) {
                        say(
                            "GH1006",
                            format!("{at}/physicalLocation/artifactLocation/uri"),
                            "no checkout path",
                        );
                    }
                }
            }
        }
    }
    problems
}

fn sarif(dir: &Path, code: i32) -> Value {
    let out = claimtrail(dir).args(["check", "--format", "sarif"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn logs_keep_the_ghas_rules() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = broken();
    for (log, what) in [(sarif(shipped, 0), "the shipped store"), (sarif(dir.path(), 1), "the broken store")]
    {
        assert!(!log["runs"][0]["results"].as_array().expect("results").is_empty(), "{what}");
        assert_eq!(ghas_problems(&log), Vec::<String>::new(), "{what}");
    }
}

#[cfg(unix)]
#[test]
fn whole_file_findings_have_a_region() {
    // A symlink that leads out of the store is a finding about the file,
    // with no line of its own: GitHub gets the file's first line.
    let dir = broken();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("claims/link.ron")).unwrap();
    let log = sarif(dir.path(), 1);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let link = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "claims/link.ron")
        .expect("a finding about the link");
    assert_eq!(link["ruleId"], "path-escape");
    assert_eq!(link["locations"][0]["physicalLocation"]["region"], serde_json::json!({"startLine": 1}));
    assert_eq!(ghas_problems(&log), Vec::<String>::new());
}

#[test]
fn the_checks_can_fail() {
    let dir = broken();
    let mut log = sarif(dir.path(), 1);
    let result = &mut log["runs"][0]["results"][0];
    result["message"]["text"] = "".into();
    result["locations"][0]["physicalLocation"]["region"] = Value::Null;
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "https://example.org/x.ron".into();
    result["codeFlows"] = serde_json::json!([{"threadFlows": [{"locations": [{"index": 0}]}]}]);
    log["runs"][0]["results"][1]["locations"] = serde_json::json!([]);
    log["runs"][0]["results"][2]["relatedLocations"] =
        serde_json::json!([{"physicalLocation": {"artifactLocation": {"uri": "file:///etc/x.ron"}}}]);
    let rules: Vec<String> =
        ghas_problems(&log).iter().map(|p| p.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(rules, ["GH1007", "GH1002", "GH1003", "GH1005", "GH1001", "GH1006"]);
}
