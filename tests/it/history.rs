//! History in git, end to end: the five-commit scenario of the issue
//! (`history`, `diff`, `conflicts --history`, `check --since`), merges and
//! stores in a subfolder of the repository.

use crate::support::scenario::{KILLED, NEW_PATH, OLD_PATH, WOUNDED_PATH, json_of, killed, run, scenario};
use crate::support::{Repo, base_store, claimtrail_in, output};
use serde_json::{Value, json};

#[test]
fn history_gives_every_version_of_the_claim() {
    let s = scenario();
    let c = &s.commits;
    let version = |i: usize,
                   time: &str,
                   author: &str,
                   path: &str,
                   change: &str,
                   value: u64,
                   hash: &str,
                   summary: &str| {
        json!({"id": KILLED, "commit": c[i], "time": time, "author": author, "path": path, "change": change,
               "value": {"Exact": value}, "hash": hash, "summary": summary})
    };
    let got = json_of(&s.repo, &["history", KILLED, "--format", "json"]);
    let expected = json!({"version": 1, "versions": [
        version(0, "2024-03-23T12:00:00+03:00", "Ada Editor", OLD_PATH, "added", 137, &s.hashes[0], "Add the Crocus City Hall tolls"),
        version(1, "2024-03-24T12:00:00+03:00", "Ada Editor", OLD_PATH, "modified", 139, &s.hashes[1], "Revise the toll to 139 (TASS, 24 March)"),
        version(2, "2024-03-25T12:00:00+03:00", "Ben Checker", NEW_PATH, "moved", 139, &s.hashes[1], "File the toll under its subject"),
        version(3, "2024-03-26T12:00:00+03:00", "Ben Checker", NEW_PATH, "modified", 143, &s.hashes[2], "Update the toll"),
    ]});
    assert_eq!(got, expected);

    let (out, _, code) = run(&s.repo, &["history", KILLED]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("history_human", out);
}

#[test]
fn history_of_a_group_and_a_deleted_claim() {
    let s = scenario();
    let got = json_of(&s.repo, &["history", "crocus-city-hall-attack-2024/wounded", "--format", "json"]);
    let versions = got["versions"].as_array().expect("versions");
    let summary: Vec<(&str, &str, &Value, &Value)> = versions
        .iter()
        .map(|v| (v["commit"].as_str().unwrap(), v["change"].as_str().unwrap(), &v["value"], &v["hash"]))
        .collect();
    assert_eq!(
        summary,
        [
            (s.commits[0].as_str(), "added", &json!({"Exact": 182}), &json!(s.wounded_hash)),
            (s.commits[4].as_str(), "deleted", &Value::Null, &Value::Null),
        ]
    );
    assert_eq!(versions[1]["path"], WOUNDED_PATH);

    let (out, _, _) = run(&s.repo, &["history", "crocus-city-hall-attack-2024/killed"]);
    insta::assert_snapshot!("history_group_human", out);

    let (_, err, code) = run(&s.repo, &["history", "crocus-killed-icc"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no record `crocus-killed-icc`") && err.contains("did you mean `crocus-killed-ic`"),
        "{err}"
    );
}

#[test]
fn diff_between_the_first_and_last_commits() {
    let s = scenario();
    let (first, last) = (&s.commits[0], &s.commits[4]);
    let range = format!("{first}..{last}");
    let got = json_of(&s.repo, &["diff", &range, "--format", "json"]);
    let cite = |day: &str, n: u64| json!({"document": format!("tass-2024-03-{day}"), "quote": format!("{n} people were killed")});
    let expected = json!({"version": 1, "from": first, "to": last, "changes": [
        {"id": KILLED, "type": "claim", "change": "modified", "path": NEW_PATH, "fields": [
            {"field": "path", "old": OLD_PATH, "new": NEW_PATH},
            {"field": "value", "old": {"Exact": 137}, "new": {"Exact": 143}},
            {"field": "as_of", "old": "2024-03-23", "new": "2024-03-24"},
            {"field": "statement", "old": "The Investigative Committee says 137 people were killed.",
             "new": "The Investigative Committee says 139 people were killed."},
            {"field": "citations", "old": [cite("23", 137)], "new": [cite("23", 137), cite("24", 139)]},
            {"field": "revises", "old": null, "new": s.hashes[1]},
        ]},
        {"id": "crocus-wounded-ic", "type": "claim", "change": "removed", "path": WOUNDED_PATH, "fields": [
            {"field": "subject", "old": "crocus-city-hall-attack-2024", "new": null},
            {"field": "measure", "old": "wounded", "new": null},
            {"field": "value", "old": {"Exact": 182}, "new": null},
            {"field": "as_of", "old": "2024-03-23", "new": null},
            {"field": "statement", "old": "The Investigative Committee says 182 people were wounded.", "new": null},
            {"field": "claimant", "old": "ic", "new": null},
            {"field": "citations", "old": [{"document": "tass-2024-03-23", "quote": "182 people were wounded"}], "new": null},
        ]},
    ], "unreadable": []});
    assert_eq!(got, expected);
    // The same with two arguments.
    assert_eq!(json_of(&s.repo, &["diff", first, last, "--format", "json"]), expected);

    let (out, _, code) = run(&s.repo, &["diff", &range]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("diff_human", out);
    let (out, _, _) = run(&s.repo, &["diff", &range, "--format", "markdown"]);
    insta::assert_snapshot!("diff_markdown", out);
    let (_, _, code) = run(&s.repo, &["diff", &range, "--exit-code"]);
    assert_eq!(code, 1, "--exit-code with changes");
}

#[test]
fn diff_of_one_commit_a_move_and_the_worktree() {
    let s = scenario();
    let got = json_of(&s.repo, &["diff", "HEAD~3", "HEAD~2", "--format", "json"]);
    assert_eq!(
        got["changes"],
        json!([{"id": KILLED, "type": "claim", "change": "moved", "path": NEW_PATH,
                "fields": [{"field": "path", "old": OLD_PATH, "new": NEW_PATH}]}])
    );
    // HEAD against the working tree: nothing, then an uncommitted edit.
    let (out, _, code) = run(&s.repo, &["diff", "--exit-code"]);
    assert_eq!(
        (out.as_str(), code),
        (format!("diff {} → worktree: no record changed\n", &s.commits[4][..7]).as_str(), 0)
    );
    s.repo.write(NEW_PATH, &s.repo.read(NEW_PATH).unwrap().replace("Exact(143)", "Exact(145)"));
    let got = json_of(&s.repo, &["diff", "--format", "json"]);
    assert_eq!(got["to"], "worktree");
    assert_eq!(
        got["changes"][0]["fields"],
        json!([{"field": "value", "old": {"Exact": 143}, "new": {"Exact": 145}}])
    );
    let (out, _, _) = run(&s.repo, &["diff"]);
    assert!(out.contains("    value  143 → 145 (+2, +1.4%)"), "{out}");
}

#[test]
fn check_since_reports_the_unexplained_revision() {
    let s = scenario();
    let got = json_of(&s.repo, &["check", "--since", &s.commits[0], "--format", "json"]);
    let message = format!(
        "the value changed from 139 to 143 in commit {} (\"Update the toll\"), while neither as_of nor the citations changed",
        &s.commits[3][..7]
    );
    // The revised figure is in neither quote either (the quotes say 137 and 139).
    assert_eq!(
        got["diagnostics"],
        json!([{"code": "value-not-in-quote", "severity": "warning", "file": NEW_PATH, "line": 5, "column": 12,
                "id": KILLED, "message": "the quotes mention 137, 139; the value says 143",
                "help": "correct the value, or cite the passage that gives its figure (`claimtrail hash` reseals)",
                "new": true},
               {"code": "unexplained-revision", "severity": "warning", "file": NEW_PATH, "line": 5, "column": 12,
                "id": KILLED, "message": message,
                "help": "set as_of to the time of the new figure and cite the document that carries it", "new": true}])
    );
    assert_eq!(got["summary"]["warnings"], 2);
    let (out, _, code) = run(&s.repo, &["check", "--since", &s.commits[0]]);
    assert_eq!(code, 0, "warnings only");
    insta::assert_snapshot!("check_since_human", out);
    // Since commit 4 itself, nothing was revised; the figure that no quote
    // carries is older than that base.
    let got = json_of(&s.repo, &["check", "--since", &s.commits[3], "--format", "json"]);
    assert_eq!(codes_and_marks(&got), [("value-not-in-quote", false)]);
}

#[test]
fn conflicts_history_lists_the_revisions() {
    let s = scenario();
    let got = json_of(&s.repo, &["conflicts", "--history", "--format", "json"]);
    let expected = json!({"version": 1, "conflicts": [], "revisions": [
        {"id": KILLED, "commit": s.commits[1], "from": {"Exact": 137}, "to": {"Exact": 139}, "explained": true},
        {"id": KILLED, "commit": s.commits[3], "from": {"Exact": 139}, "to": {"Exact": 143}, "explained": false},
    ], "omitted": []});
    assert_eq!(got, expected);
    // At an older revision, only the history up to it.
    let got = json_of(&s.repo, &["conflicts", "--history", "--rev", "HEAD~2", "--format", "json"]);
    assert_eq!(got["revisions"].as_array().unwrap().len(), 1);
    let (out, _, code) = run(&s.repo, &["conflicts", "--history"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("conflicts_history_human", out);
    let (out, _, _) = run(&s.repo, &["conflicts", "--history", "--format", "markdown"]);
    insta::assert_snapshot!("conflicts_history_markdown", out);
    // Without --history, no git is needed and there are no revisions.
    let got = json_of(&s.repo, &["conflicts", "--format", "json"]);
    assert_eq!(got["revisions"], json!([]));
}

#[test]
fn check_since_marks_what_is_new() {
    let mut s = scenario();
    // A finding that predates the base, and one the branch adds.
    let stale = s.repo.read(NEW_PATH).unwrap().replace("143", "144");
    s.repo.write(NEW_PATH, &stale);
    let base = s.repo.commit("Ada Editor", "Edit without resealing");
    s.repo.git(&["checkout", "-q", "-b", "feature"]);
    s.repo.write("claims/x.ron", "Claim(id: \"x\")\n");
    s.repo.commit("Ben Checker", "Add a broken claim");
    let got = json_of(&s.repo, &["check", "--since", "main", "--format", "json"]);
    let marks: Vec<(&str, &str, bool)> = got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap(), d["new"].as_bool().unwrap()))
        .collect();
    // Errors first, the new before the old; then warnings.
    assert_eq!(
        marks,
        [
            ("parse", "claims/x.ron", true),
            ("hash-mismatch", NEW_PATH, false),
            ("value-not-in-quote", NEW_PATH, false)
        ]
    );
    let (out, _, code) = run(&s.repo, &["check", "--since", &base]);
    assert_eq!(code, 1);
    assert!(out.contains("[new]") && out.contains("(1 new)"), "{out}");
}

#[test]
fn uncommitted_revisions_count_for_check_since() {
    let s = scenario();
    s.repo.write_record(NEW_PATH, &s.repo.read(NEW_PATH).unwrap().replace("Exact(143)", "Exact(150)"));
    let got = json_of(&s.repo, &["check", "--since", "HEAD", "--format", "json"]);
    let messages: Vec<&str> =
        got["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "the quotes mention 137, 139; the value says 150",
            "the value changed from 143 to 150 in the working tree, while neither as_of nor the citations changed"
        ]
    );
}

#[test]
fn merges_follow_the_first_parent() {
    let mut s = scenario();
    s.repo.git(&["checkout", "-q", "-b", "feature"]);
    s.repo.write_record(NEW_PATH, &s.repo.read(NEW_PATH).unwrap().replace("Exact(143)", "Exact(144)"));
    let side = s.repo.commit("Ben Checker", "Side branch: 144");
    s.repo.git(&["checkout", "-q", "main"]);
    s.repo.write("README.md", "not a record\n");
    s.repo.commit("Ada Editor", "Unrelated change on main");
    s.repo.git(&["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"]);
    let merge = s.repo.git(&["rev-parse", "HEAD"]);
    let got = json_of(&s.repo, &["history", KILLED, "--format", "json"]);
    let last = got["versions"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["commit"].as_str().unwrap(), &last["value"]), (merge.as_str(), &json!({"Exact": 144})));
    assert!(!got.to_string().contains(&side), "the side branch's own commit is not on the first-parent path");
    // check --since main~1 (before the merge): the merge brought the revision.
    let got = json_of(&s.repo, &["check", "--since", "HEAD~1", "--format", "json"]);
    assert_eq!(codes_and_marks(&got), [("value-not-in-quote", true), ("unexplained-revision", true)]);
    let d = &got["diagnostics"][1];
    assert!(d["message"].as_str().unwrap().contains(&format!("in commit {}", &merge[..7])), "{d}");
    // Since the side branch's commit (a base off the first-parent path), the
    // merge is compared with that base: it revised nothing, and the older
    // revisions of main are not reported.
    let got = json_of(&s.repo, &["check", "--since", &side, "--format", "json"]);
    assert_eq!(codes_and_marks(&got), [("value-not-in-quote", false)]);
}

/// The codes of `check --format json` findings, each with its `new` mark.
fn codes_and_marks(got: &Value) -> Vec<(&str, bool)> {
    let all = got["diagnostics"].as_array().expect("diagnostics");
    all.iter().map(|d| (d["code"].as_str().expect("a code"), d["new"].as_bool().expect("a mark"))).collect()
}

#[test]
fn a_walk_parses_each_blob_once() {
    let s = scenario();
    let store = claimtrail::Store::discover(s.repo.path()).unwrap();
    let repo = claimtrail::GitRepo::open(&store).unwrap();
    let head = repo.resolve("HEAD").unwrap();
    let walk = repo.first_parent_changes(&head, None).unwrap();
    let parsed = |commit: usize, path: &str| {
        let file = walk[commit].files.iter().find(|f| f.path == path).expect("changed in that commit");
        match &file.state {
            claimtrail::internals::store::commits::FileState::Record(p) => p.clone(),
            other => panic!("{other:?}"),
        }
    };
    // Commit 3 moved the file: the same blob, parsed once, shared.
    assert!(std::sync::Arc::ptr_eq(&parsed(1, OLD_PATH), &parsed(2, NEW_PATH)));
    let files: Vec<usize> = walk.iter().map(|c| c.files.len()).collect();
    assert_eq!(files, [6, 1, 2, 1, 1], "the first commit against the empty tree, then only what changed");
    // A snapshot of a commit after the walk reuses the parsed blobs too.
    let snapshot = repo.contents(&walk[2].commit).unwrap();
    assert_eq!(snapshot.entries.len(), 6);
}

#[test]
fn a_store_in_a_subfolder_of_the_repository() {
    let mut repo = Repo::new();
    let store = Repo::new();
    base_store(&store);
    for rel in [
        "claimtrail.ron",
        "schemas/measures.ron",
        "sources/actors/ic.ron",
        "sources/actors/tass.ron",
        "sources/documents/tass-2024-03-23.ron",
        "sources/documents/tass-2024-03-24.ron",
    ] {
        repo.write(&format!("data/{rel}"), &store.read(rel).unwrap());
    }
    repo.write_record("data/claims/a.ron", &killed(137, "2024-03-23", "x", &[("tass-2024-03-23", "q")]));
    repo.commit("Ada Editor", "Add");
    repo.write_record("data/claims/a.ron", &killed(140, "2024-03-23", "x", &[("tass-2024-03-23", "q")]));
    repo.commit("Ada Editor", "Change");
    let dir = repo.path().join("data/claims");
    let (out, err, code) = output(&mut claimtrail_in(&dir, &["history", KILLED, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let got: Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> =
        got["versions"].as_array().unwrap().iter().map(|v| v["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["claims/a.ron", "claims/a.ron"]);
    let (out, _, code) =
        output(&mut claimtrail_in(&dir, &["check", "--since", "HEAD~1", "--format", "json"]));
    assert_eq!(code, 0);
    assert!(out.contains("unexplained-revision"), "{out}");
}

#[test]
fn sources_count_revised_claims_from_history() {
    let s = scenario();
    let got = json_of(&s.repo, &["sources", "--format", "json"]);
    let revised: Vec<(&str, u64)> = got["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter(|src| src["revised"].as_u64() != Some(0))
        .map(|src| (src["id"].as_str().unwrap(), src["revised"].as_u64().unwrap()))
        .collect();
    // The toll claim is revised twice (137 → 139 → 143); it counts once.
    assert_eq!(revised, [("ic", 1)]);
    let report = json_of(&s.repo, &["report", "--format", "json"]);
    let ic = report["sources"].as_array().unwrap().iter().find(|src| src["id"] == "ic").unwrap();
    assert_eq!(ic["revised"], 1);
    // A shallow clone cannot count revisions: exit 2, not a silent 0.
    let shallow = s.repo.shallow_clone();
    let (_, err, code) = output(&mut claimtrail_in(&shallow.path().join("clone"), &["sources"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
}

/// A commit that adds a file that is not RON, a file over the store's size
/// limit, and breaks a record in place: `diff` lists each as unreadable
/// with its reason (not "no record changed", not "removed"), counts them
/// for `--exit-code`, and answers alike with and without the walk index;
/// `history` still shows the broken record as present.
#[test]
fn diff_lists_the_files_it_cannot_read() {
    let s = scenario();
    let mut repo = s.repo;
    repo.write("claimtrail.ron", "Config(max_file_bytes: 2000)\n");
    let before = repo.commit("Ada Editor", "A small file limit");
    repo.write("claims/garbage.ron", "this is not RON\n");
    repo.write("claims/big.ron", &format!("// {}\n", "x".repeat(3000)));
    repo.write(NEW_PATH, "Claim(\n    id: \"crocus-killed-ic\",\n    broken\n");
    let after = repo.commit("Ada Editor", "Break things");

    let diff = |args: &[&str], index: bool| {
        let mut cmd = repo.claimtrail(args);
        if !index {
            cmd.env(claimtrail::internals::store::git::WALK_INDEX_ENV, "off");
        }
        output(&mut cmd)
    };
    let (out, err, code) = diff(&["diff", &before, &after, "--format", "json"], true);
    assert_eq!(code, 0, "{err}");
    let got: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(got["changes"], json!([]), "the broken claim is not `removed`");
    let unreadable = got["unreadable"].as_array().expect("an unreadable list");
    let shown: Vec<(&str, &Value, &Value, bool)> = unreadable
        .iter()
        .map(|u| (u["path"].as_str().unwrap(), &u["id"], &u["old"], u["new"]["message"].is_string()))
        .collect();
    assert_eq!(
        shown,
        [
            ("claims/big.ron", &Value::Null, &Value::Null, true),
            (NEW_PATH, &json!(KILLED), &Value::Null, true),
            ("claims/garbage.ron", &Value::Null, &Value::Null, true),
        ]
    );
    assert_eq!(
        unreadable[0]["new"]["message"],
        "the file is 3004 bytes, over the limit of 2000 bytes; it is not read"
    );
    assert_eq!(unreadable[1]["type"], "claim");
    assert!(unreadable[2]["new"]["line"].is_u64(), "{out}");
    // The same answer from git alone, and both ways round.
    assert_eq!(diff(&["diff", &before, &after, "--format", "json"], false).0, out);
    let (back, _, _) = diff(&["diff", &format!("{after}..{before}"), "--format", "json"], true);
    let back: Value = serde_json::from_str(&back).expect("JSON");
    assert_eq!(back["unreadable"][1]["new"], Value::Null);
    assert_eq!(back["unreadable"][1]["old"], unreadable[1]["new"]);
    assert_eq!(back["changes"], json!([]));

    let (out, _, code) = diff(&["diff", &before, &after, "--exit-code"], true);
    assert_eq!(code, 1, "unreadable files are changes: {out}");
    insta::assert_snapshot!("diff_unreadable_human", out);
    let (out, _, _) = diff(&["diff", &before, &after, "--format", "markdown"], false);
    insta::assert_snapshot!("diff_unreadable_markdown", out);
    // Broken alike in HEAD and the working tree: nothing changed.
    let (out, _, code) = diff(&["diff", "--exit-code"], true);
    assert_eq!(
        (out.as_str(), code),
        (format!("diff {} → worktree: no record changed\n", &after[..7]).as_str(), 0)
    );

    let history = json_of(&repo, &["history", KILLED, "--format", "json"]);
    let changes: Vec<&str> =
        history["versions"].as_array().unwrap().iter().map(|v| v["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["added", "modified", "moved", "modified"], "history keeps the last good version");
}

/// A claim turned into a symlink (to /etc/passwd, which is never read) or
/// a submodule (gitlink) in a commit is a change `diff` names, as an
/// `unreadable` file with its reason, and `history` as an `unreadable`
/// version, with and without the walk index; diff listed the claims as
/// removed and history said nothing before. The claim is neither added nor removed
/// (the diff cannot tell what became of it), and a link left as it was
/// between HEAD and the working tree is no change.
#[cfg(unix)]
#[test]
fn diff_names_a_claim_turned_into_a_symlink_or_a_gitlink() {
    let mut repo = Repo::new();
    base_store(&repo);
    let claim = |id: &str, value: u64| {
        crate::support::toll(
            (id, "killed", value, "2024-03-24", "A toll."),
            &[("tass-2024-03-24", &format!("{value} killed"))],
        )
    };
    repo.write_record("claims/a.ron", &claim("toll-a", 137));
    repo.write_record("claims/b.ron", &claim("toll-b", 140));
    let first = repo.commit("Ada Editor", "Two tolls");
    repo.remove("claims/a.ron");
    std::os::unix::fs::symlink("/etc/passwd", repo.path().join("claims/a.ron")).expect("a symlink");
    repo.remove("claims/b.ron");
    repo.git(&["rm", "-q", "--cached", "claims/b.ron"]);
    repo.git(&["update-index", "--add", "--cacheinfo", &format!("160000,{first},claims/b.ron")]);
    repo.git(&["add", "claims/a.ron"]);
    repo.git(&["commit", "-q", "-m", "Links"]);
    assert_eq!(repo.git(&["ls-tree", "HEAD", "claims/"]).lines().count(), 2);
    for index in ["on", "off"] {
        let mut cmd = claimtrail_in(repo.path(), &["diff", &first, "HEAD", "--format", "json"]);
        let (out, err, code) = output(cmd.env(claimtrail::internals::store::git::WALK_INDEX_ENV, index));
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains("root:"), "/etc/passwd is never read");
        let diff: Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(diff["changes"], json!([]), "index {index}: {diff:#}");
        let unreadable = diff["unreadable"].as_array().expect("unreadable");
        let got: Vec<(&str, &str, &str)> = unreadable
            .iter()
            .map(|u| {
                let why = u["new"]["message"].as_str().unwrap_or("");
                (u["path"].as_str().unwrap_or(""), u["id"].as_str().unwrap_or(""), &why[..why.len().min(14)])
            })
            .collect();
        assert_eq!(
            got,
            [("claims/a.ron", "toll-a", "a symlink in g"), ("claims/b.ron", "toll-b", "a submodule (g")],
            "index {index}"
        );
        let (human, _, _) = output(&mut claimtrail_in(repo.path(), &["diff", &first, "HEAD"]));
        assert!(human.contains("unreadable") && human.contains("claims/a.ron"), "{human}");
        assert!(human.contains("2 files unreadable"), "{human}");
    }
    // history names the commit for each claim, with and without the index.
    for index in ["on", "off"] {
        for (id, what) in [("toll-a", "symlink"), ("toll-b", "gitlink")] {
            let mut cmd = claimtrail_in(repo.path(), &["history", id, "--format", "json"]);
            let (out, err, code) = output(cmd.env(claimtrail::internals::store::git::WALK_INDEX_ENV, index));
            assert_eq!(code, 0, "{err}");
            let history: Value = serde_json::from_str(&out).expect("JSON");
            let changes: Vec<&str> =
                history["versions"].as_array().unwrap().iter().filter_map(|v| v["change"].as_str()).collect();
            assert_eq!(changes, ["added", "unreadable"], "{id} ({what}), index {index}: {history:#}");
            assert_eq!(history["versions"][1]["value"], Value::Null);
        }
    }
    let (human, _, _) =
        output(&mut claimtrail_in(repo.path(), &["history", "crocus-city-hall-attack-2024/killed"]));
    assert_eq!(human.matches("unreadable").count(), 2, "{human}");
    // Between HEAD and the working tree the symlink did not change.
    let (out, err, code) = output(&mut claimtrail_in(repo.path(), &["diff", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let diff: Value = serde_json::from_str(&out).expect("JSON");
    let paths: Vec<&str> =
        diff["unreadable"].as_array().unwrap().iter().filter_map(|u| u["path"].as_str()).collect();
    assert!(!paths.contains(&"claims/a.ron"), "{diff:#}");
}
