//! Reports and exports of a store in git: the SQLite export's
//! claim_versions table holds every version `history` shows, the report
//! counts revisions in the sources' track records and lists the recent
//! changes; a shallow clone fails plainly.

use crate::support::scenario::{KILLED, json_of, run, scenario};

/// commit, author, change, value, hash.
type VersionRow = (String, String, String, Option<String>, Option<String>);

#[test]
fn sqlite_claim_versions_match_history() {
    let s = scenario();
    let db = s.repo.path().join("claims.db");
    let (_, err, code) = run(&s.repo, &["export", "--format", "sqlite", "-o", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let history = json_of(&s.repo, &["history", KILLED, "--format", "json"]);
    let versions = history["versions"].as_array().unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT \"commit\", author, change, value, hash FROM claim_versions WHERE id = ?1 ORDER BY time",
        )
        .unwrap();
    let rows: Vec<VersionRow> = stmt
        .query_map([KILLED], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), versions.len());
    for (row, v) in rows.iter().zip(versions) {
        assert_eq!(row.0, v["commit"].as_str().unwrap());
        assert_eq!(row.1, v["author"].as_str().unwrap());
        assert_eq!(row.2, v["change"].as_str().unwrap());
        let value: serde_json::Value = serde_json::from_str(row.3.as_deref().unwrap()).unwrap();
        assert_eq!(value, v["value"]);
        assert_eq!(row.4.as_deref(), v["hash"].as_str());
    }
    // The deleted wounded claim: added, then deleted with no value.
    let deleted: (Option<String>, Option<String>) = conn
        .query_row("SELECT value, hash FROM claim_versions WHERE change = 'deleted'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(deleted, (None, None));
    let total: i64 = conn.query_row("SELECT count(*) FROM claim_versions", [], |r| r.get(0)).unwrap();
    assert_eq!(total, versions.len() as i64 + 2);
}

#[test]
fn report_counts_revisions_and_lists_recent_changes() {
    let s = scenario();
    let report = json_of(&s.repo, &["report", "--format", "json"]);
    let revised: u64 =
        report["sources"].as_array().unwrap().iter().map(|s| s["revised"].as_u64().unwrap()).sum();
    assert_eq!(revised, 1, "one claim was revised (twice)");
    let (html, err, code) = run(&s.repo, &["report", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let history = &html[html.find("<h2 id=\"history\">").expect("a history section")..];
    // Newest first: the deletion of the last commit leads.
    let first_row = &history[history.find("<tbody>").unwrap()..];
    assert!(first_row.contains(&s.commits[4][..10]), "{}", &first_row[..400]);
    assert!(first_row.find("deleted").unwrap() < first_row.find("modified").unwrap());
    assert!(history.contains("Ben Checker") && history.contains("Ada Editor"));
    // A changed value shows what it was: old → new.
    assert!(history.contains("137 → 139") && history.contains("139 → 143"), "{history}");
    let (md, _, code) = run(&s.repo, &["report", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(md.contains("### Recent history"));
    assert!(md.contains("| committed | commit | author | claim | change | value (old → new) |"), "{md}");
    assert!(md.contains("| 137 → 139 |"), "{md}");
}

#[test]
fn report_at_a_revision() {
    let s = scenario();
    // At the second commit: the toll is 139, the wounded claim is there,
    // and the history ends there.
    let report = json_of(&s.repo, &["report", "--format", "json", "--rev", &s.commits[1]]);
    let claims = report["claims"].as_array().unwrap();
    let killed = claims.iter().find(|c| c["id"] == KILLED).unwrap();
    assert_eq!(killed["value"], serde_json::json!({"Exact": 139}));
    assert_eq!(claims.len(), 2);
    let (md, err, code) = run(&s.repo, &["report", "--format", "markdown", "--rev", &s.commits[1]]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains(&s.commits[1][..10]) && !md.contains(&s.commits[2][..10]), "{md}");
    let (_, err, code) = run(&s.repo, &["report", "--rev", "no-such-rev"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad revision"), "{err}");
}

#[test]
fn a_shallow_clone_fails_plainly() {
    let s = scenario();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", s.repo.path().display());
    let dest = clone.path().join("c");
    let args = ["clone", "-q", "--depth", "1", &url, dest.to_str().expect("a UTF-8 temp path")];
    let status = crate::support::git_command(clone.path(), "Test", "2024-01-01T00:00:00+00:00", &args)
        .status()
        .unwrap();
    assert!(status.success());
    let out = crate::support::claimtrail()
        .arg("-C")
        .arg(clone.path().join("c"))
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shallow clone"));
}

#[test]
fn sarif_marks_what_is_new_since_a_base() {
    let s = scenario();
    let (out, err, code) = run(&s.repo, &["check", "--since", &s.commits[2], "--format", "sarif"]);
    assert!(code < 2, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "the unexplained revision since the base");
    for r in results {
        let state = r["baselineState"].as_str().expect("every result has a baseline state under --since");
        assert!(state == "new" || state == "unchanged", "{state}");
    }
    assert!(results.iter().any(|r| r["ruleId"] == "unexplained-revision" && r["baselineState"] == "new"));
}
