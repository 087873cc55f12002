//! CI on a pull request, end to end with real git (docs/reference.md section 6, "Under
//! check --since"): only the findings a branch adds are annotated, errors
//! first, and only they fail the run; the old warnings of the base are
//! counted in the job summary, and under `--deny-warnings` they alone do
//! not fail it.

use crate::support::{Repo, base_store, output, toll};

/// A claim of `subject` by `claimant`, quoting its own figure.
fn claim(id: &str, subject: &str, claimant: &str, value: u64) -> String {
    toll((id, "killed", value, "2024-03-24", "x"), &[("tass-2024-03-24", &value.to_string())])
        .replace("crocus-city-hall-attack-2024", subject)
        .replace("claimant: \"ic\"", &format!("claimant: \"{claimant}\""))
}

/// A base with old conflict warnings, and one claim that nothing
/// contradicts yet; returns the repository and the base commit.
fn base() -> (Repo, String) {
    let mut repo = Repo::new();
    base_store(&repo);
    for (n, subject) in ["alpha", "beta", "gamma"].iter().enumerate() {
        let n = n as u64;
        repo.write_record(
            &format!("claims/{subject}/ic.ron"),
            &claim(&format!("{subject}-ic"), subject, "ic", 100 + n),
        );
        repo.write_record(
            &format!("claims/{subject}/tass.ron"),
            &claim(&format!("{subject}-tass"), subject, "tass", 200 + n),
        );
    }
    repo.write_record("claims/delta/ic.ron", &claim("delta-ic", "delta", "ic", 5));
    let base = repo.commit("Base", "base with old warnings");
    (repo, base)
}

/// The lines of a run that are workflow commands (before the report).
fn annotations(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .take_while(|l| !l.starts_with("::stop-commands::"))
        .filter(|l| l.starts_with("::"))
        .collect()
}

#[test]
fn a_pull_request_fails_on_what_it_adds_and_only_that_is_annotated() {
    let (mut repo, base) = base();
    let (all, _, code) = output(&mut repo.claimtrail(&["check", "--format", "json"]));
    assert_eq!(code, 0, "warnings alone pass: {all}");
    let old: serde_json::Value = serde_json::from_str(&all).expect("JSON");
    assert_eq!(old["summary"]["warnings"], 3, "one warning per conflicting pair: {all}");

    repo.git(&["checkout", "-q", "-b", "pr"]);
    // One new conflict (with a claim already in the base) and one new error.
    repo.write_record("claims/delta/tass.ron", &claim("delta-tass", "delta", "tass", 9));
    repo.write("claims/epsilon/ic.ron", &claim("epsilon-ic", "epsilon", "ic", 7));
    repo.commit("Author", "add two claims");

    let (stdout, stderr, code) =
        output(&mut repo.claimtrail(&["check", "--since", &base, "--format", "github"]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    let shown = annotations(&stdout);
    assert_eq!(shown.len(), 2, "{stdout}");
    assert!(
        shown[0].starts_with("::error file=claims/epsilon/ic.ron,")
            && shown[0].contains("title=missing-hash")
    );
    assert!(
        shown[1].starts_with("::warning file=claims/delta/tass.ron,") && shown[1].contains("title=conflict")
    );
    assert!(shown[1].contains("see claims/delta/ic.ron:"), "the other claim is named: {}", shown[1]);
    // The report (before the closing resume command) ends with the files with errors.
    let report_end: Vec<&str> = stdout.lines().rev().skip(1).take(2).collect();
    assert_eq!(report_end, ["  claims/epsilon/ic.ron", "file with errors:"], "{stdout}");

    // The new conflict alone fails under --deny-warnings; the old ones do not.
    repo.remove("claims/epsilon/ic.ron");
    let (_, _, code) = output(&mut repo.claimtrail(&["check", "--since", &base, "--deny-warnings"]));
    assert_eq!(code, 1);
    let (only, _, _) =
        output(&mut repo.claimtrail(&["check", "--since", &base, "--only-new", "--format", "json"]));
    let only: serde_json::Value = serde_json::from_str(&only).expect("JSON");
    let ids: Vec<&str> =
        only["diagnostics"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["delta-tass"]);
    assert_eq!(only["diagnostics"][0]["related"][0]["id"], "delta-ic");
}

#[test]
fn old_warnings_pass_under_deny_warnings_and_are_counted_in_the_summary() {
    let (mut repo, base) = base();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    // A change that adds no finding, but moves a conflicting claim's line.
    let text = repo.read("claims/alpha/ic.ron").unwrap();
    repo.write("claims/alpha/ic.ron", &format!("// a comment above\n{text}"));
    repo.commit("Author", "a comment");
    let summary = repo.path().join("summary.md");
    let (stdout, stderr, code) = output(
        repo.claimtrail(&["check", "--since", &base, "--deny-warnings", "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary),
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(annotations(&stdout).is_empty(), "{stdout}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("Already there before: 0 errors, 3 warnings."), "{md}");
    // Without --since, the same warnings fail under --deny-warnings.
    let (_, _, code) = output(&mut repo.claimtrail(&["check", "--deny-warnings"]));
    assert_eq!(code, 1);
}

#[test]
fn an_unwritable_job_summary_is_a_warning() {
    let (repo, _) = base();
    let (_, stderr, code) = output(
        repo.claimtrail(&["check", "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", repo.path().join("no/such/dir/x.md")),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("warning: cannot write the job summary"), "{stderr}");
}

#[test]
fn hash_mismatch_names_what_changed_since_the_commit() {
    let (repo, _) = base();
    let text = repo.read("claims/delta/ic.ron").unwrap();
    repo.write("claims/delta/ic.ron", &text.replace("Exact(5)", "Exact(6)"));
    let (stdout, _, code) = output(&mut repo.claimtrail(&["check", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "hash-mismatch").unwrap();
    assert_eq!(
        d["message"],
        "the content changed since the committed version sealed with this hash: value: {\"Exact\":5} → {\"Exact\":6}"
    );
    let value_line = text.lines().position(|l| l.contains("value:")).unwrap() + 1;
    assert_eq!(d["line"], value_line);
}

/// The base of `--since` is built from the working tree and only the
/// files that differ from it are read from git: a change that is staged,
/// only on disk, untracked or ignored is as new as a committed one, and a
/// base finding of a file that is deleted on disk stays in the base.
#[test]
fn working_tree_changes_of_every_kind_are_new_under_since() {
    let (mut repo, base) = base();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    // Committed: gamma's tass claim is deleted (its pair goes away).
    repo.remove("claims/gamma/tass.ron");
    repo.commit("Author", "remove a claim");
    // On disk only: delta gets a conflicting claim, untracked.
    repo.write_record("claims/delta/tass.ron", &claim("delta-tass", "delta", "tass", 9));
    // Ignored by git, but read by check: another conflict in alpha.
    repo.write(".gitignore", "claims/alpha/ignored.ron\nsources/other.ron\n");
    repo.write_record(
        "sources/other.ron",
        "Source(\n    id: \"other\",\n    name: \"Other\",\n    kind: NewsOutlet,\n)\n",
    );
    repo.write_record("claims/alpha/ignored.ron", &claim("alpha-other", "alpha", "other", 999));
    // Staged: beta's ic claim changes its figure (the old pair stays old).
    repo.write_record("claims/beta/ic.ron", &claim("beta-ic", "beta", "ic", 150));
    repo.git(&["add", "claims/beta/ic.ron"]);
    let (stdout, stderr, code) =
        output(&mut repo.claimtrail(&["check", "--since", &base, "--only-new", "--format", "json"]));
    assert!(code <= 1, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let mut new: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "conflict")
        .map(|d| {
            let mut pair = [d["id"].as_str().unwrap(), d["related"][0]["id"].as_str().unwrap()];
            pair.sort_unstable();
            pair.join(" ")
        })
        .collect();
    new.sort();
    assert_eq!(new, ["alpha-ic alpha-other", "alpha-other alpha-tass", "delta-ic delta-tass"], "{stdout}");
    assert_eq!(
        json["summary"]["warnings"].as_u64(),
        Some(json["diagnostics"].as_array().unwrap().len() as u64 + 2)
    );
}

/// A branch that changes only claims has its base checked within the
/// changes' scope; the findings and their marks are those of the whole
/// base (`CLAIMTRAIL_SINCE_SCOPE=off`), including the revisions of a
/// figure changed and changed back, which differs nowhere at the tip.
#[test]
fn a_claims_only_branch_is_marked_as_with_the_whole_base() {
    let (mut repo, base) = base();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    // A new figure with neither as_of nor citations changed: a revision
    // left unexplained, then another one back.
    let alpha = repo.read("claims/alpha/ic.ron").expect("alpha's claim");
    repo.write_record("claims/alpha/ic.ron", &alpha.replace("Exact(100)", "Exact(400)"));
    repo.commit("Author", "alpha: 400");
    // The same bytes as in the base: the file differs nowhere at the tip.
    repo.write("claims/alpha/ic.ron", &alpha);
    repo.commit("Author", "alpha: back to 100");
    repo.write_record("claims/delta/tass.ron", &claim("delta-tass", "delta", "tass", 9));
    repo.commit("Author", "delta: a second figure");
    // Uncommitted: beta's ic claim gets a new figure.
    repo.write_record("claims/beta/ic.ron", &claim("beta-ic", "beta", "ic", 150));
    let run = |scope: Option<&str>| {
        let mut cmd = repo.claimtrail(&["check", "--since", &base, "--format", "json"]);
        if let Some(v) = scope {
            cmd.env("CLAIMTRAIL_SINCE_SCOPE", v);
        }
        let (stdout, stderr, code) = output(&mut cmd);
        assert!(code <= 1, "{stdout}{stderr}");
        stdout
    };
    let scoped = run(None);
    assert_eq!(scoped, run(Some("off")));
    let json: serde_json::Value = serde_json::from_str(&scoped).expect("JSON");
    let new: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["new"] == true && d["code"] != "value-not-in-quote")
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["id"].as_str().unwrap().to_owned()))
        .collect();
    assert!(new.contains(&("conflict".to_owned(), "delta-tass".to_owned())), "{scoped}");
    let revisions =
        new.iter().filter(|(code, id)| code == "unexplained-revision" && id == "alpha-ic").count();
    assert_eq!(revisions, 2, "{scoped}");
    let old = json["diagnostics"].as_array().unwrap().iter().filter(|d| d["new"] == false).count();
    assert!(old >= 2, "the base's conflicts stay old: {scoped}");
}

/// The library's `check_since` is what `check --since` shows: the same
/// findings, marked new or old alike, whether the base is checked within
/// the changes' scope or whole. (A script or the language server can call
/// it without the command line.)
#[test]
fn the_library_call_marks_what_the_command_shows() {
    use claimtrail::{BaseCheck, Store, check_since};
    let (mut repo, base) = base();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write_record("claims/delta/tass.ron", &claim("delta-tass", "delta", "tass", 9));
    repo.commit("Author", "delta: a second figure");
    let (stdout, stderr, code) =
        output(&mut repo.claimtrail(&["check", "--since", &base, "--format", "json"]));
    assert!(code <= 1, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let mut shown: Vec<(String, String, bool)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (text("code"), text("file"), d["new"] == true)
        })
        .collect();
    shown.sort();
    let store = Store::discover(repo.path()).expect("the store opens");
    for base_check in [BaseCheck::Scoped, BaseCheck::Whole] {
        let since = check_since(&store, &base, base_check).expect("check_since runs");
        let mut found: Vec<(String, String, bool)> =
            since.findings.iter().map(|d| (d.code.as_str().to_owned(), d.file.clone(), d.is_new())).collect();
        found.sort();
        assert_eq!(found, shown, "{base_check:?}");
        assert!(found.iter().any(|(code, file, new)| code == "conflict" && file.contains("delta") && *new));
    }
}
