//! Large groups (docs/reference.md section 4): a group with more conflicting pairs than
//! `max_pairs_per_group` reports and lists only that many, the same ones
//! whatever the files are called, and says how many it left out.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::stores::{claimtrail, clean, sealed, write};

/// Figures in the group: 60 that all differ, 1,770 pairs.
const N: usize = 60;

/// Writes the group's claims; `file` names claim `i`'s file.
fn crowd(root: &Path, file: impl Fn(usize) -> String) {
    for i in 0..N {
        let text = format!(
            "Claim(\n    id: \"many-{i:02}\",\n    subject: \"many\",\n    measure: \"killed\",\n    value: Exact({}),\n    statement: \"A figure of {i}.\",\n    claimant: \"baza\",\n    citations: [Citation(document: \"baza-1\", quote: \"A figure of {i}.\")],\n)\n",
            1000 + 10 * i
        );
        write(root, &file(i), &sealed(&text));
    }
}

fn json_of(root: &Path, args: &[&str]) -> Value {
    let out = claimtrail(root).args(args).output().expect("claimtrail runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// The pairs of subject `many` in a conflicts list.
fn many(conflicts: &Value) -> Vec<(String, String)> {
    conflicts
        .as_array()
        .expect("a list")
        .iter()
        .filter(|c| c["subject"] == "many")
        .map(|c| (c["claims"][0].as_str().unwrap().to_owned(), c["claims"][1].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn a_large_group_reports_its_first_pairs_and_counts_the_rest() {
    let dir = clean();
    let root = dir.path();
    crowd(root, |i| format!("claims/many/many-{i:02}.ron"));

    // The first 100 pairs by id: many-00 with the 59 others, then many-01
    // with many-02 … many-42.
    let expected: Vec<(String, String)> = (0..N)
        .flat_map(|a| (a + 1..N).map(move |b| (format!("many-{a:02}"), format!("many-{b:02}"))))
        .take(100)
        .collect();
    let conflicts = json_of(root, &["conflicts", "--format", "json"]);
    assert_eq!(many(&conflicts["conflicts"]), expected);
    assert_eq!(conflicts["omitted"], json!([{"subject": "many", "measure": "killed", "pairs": 1670}]));

    // check: the same 100 pairs, one finding each, and one that counts the rest.
    let check = json_of(root, &["check", "--format", "json"]);
    let found: Vec<&Value> = check["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "conflict" && d["id"].as_str().is_some_and(|id| id.starts_with("many-")))
        .collect();
    assert_eq!(found.len(), 101);
    let summary: Vec<&&Value> =
        found.iter().filter(|d| d["message"].as_str().unwrap().contains("not reported")).collect();
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0]["id"], "many-00");
    assert_eq!(
        summary[0]["message"],
        "many / killed: 1770 conflicting pairs, 1670 not reported (at most 100 per group)"
    );
    assert!(summary[0]["help"].as_str().unwrap().contains("max_pairs_per_group: 1770"), "{}", summary[0]);

    // The report lists the same pairs and names the group.
    let report = json_of(root, &["report", "--format", "json"]);
    assert_eq!(many(&report["conflicts"]), expected);
    assert_eq!(report["omitted"], conflicts["omitted"]);

    // Every pair, once the limit allows it.
    let config = std::fs::read_to_string(root.join("claimtrail.ron")).expect("config");
    write(root, "claimtrail.ron", &config.replacen("Config(", "Config(max_pairs_per_group: 2000, ", 1));
    let all = json_of(root, &["conflicts", "--format", "json"]);
    assert_eq!(many(&all["conflicts"]).len(), N * (N - 1) / 2);
    assert_eq!(all["omitted"], json!([]));
}

#[test]
fn which_pairs_are_kept_does_not_depend_on_the_files() {
    let named = clean();
    crowd(named.path(), |i| format!("claims/many/many-{i:02}.ron"));
    let shuffled = clean();
    // Other names and folders, in another order.
    crowd(shuffled.path(), |i| format!("claims/{}/x-{:02}.ron", i % 3, (i * 37) % N));
    for args in [&["conflicts", "--format", "json"][..], &["report", "--format", "json"]] {
        let a = json_of(named.path(), args);
        let b = json_of(shuffled.path(), args);
        assert_eq!(a["conflicts"], b["conflicts"], "{args:?}");
        assert_eq!(a["omitted"], b["omitted"], "{args:?}");
    }
}
