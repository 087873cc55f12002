//! `blame` on a three-commit history with a move, end to end with real
//! git: each field's commit, time, author and summary (docs/reference.md section 9),
//! and the human table.

use serde_json::json;

use crate::support::scenario::{json_of, run};
use crate::support::{Repo, base_store, toll};

const OLD: &str = "claims/killed-ic.ron";
const NEW: &str = "claims/crocus/killed-ic.ron";

fn claim(value: u64, as_of: &str, extra: &str) -> String {
    toll(("killed-ic", "killed", value, as_of, "The committee's toll."), &[("tass-2024-03-23", "137 people")])
        .replace("\n)\n", &format!("\n{extra})\n"))
}

/// 1 adds the claim; 2 revises the figure and tags it; 3 moves the file
/// and adds a note.
fn history() -> (Repo, Vec<String>) {
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record(OLD, &claim(137, "2024-03-23", ""));
    let mut commits = vec![repo.commit("Ada Editor", "Add the toll")];
    repo.write_record(OLD, &claim(139, "2024-03-23", "    tags: [\"toll\"],\n"));
    commits.push(repo.commit("Ben Checker", "Revise the toll to 139"));
    repo.mv(OLD, NEW);
    repo.write_record(
        NEW,
        &claim(139, "2024-03-23", "    tags: [\"toll\"],\n    note: \"Filed under its subject.\",\n"),
    );
    commits.push(repo.commit("Cy Desk", "File the toll under its subject"));
    (repo, commits)
}

#[test]
fn each_field_names_the_commit_that_set_it_across_a_move() {
    let (repo, c) = history();
    let got = json_of(&repo, &["blame", "killed-ic", "--format", "json"]);
    let field = |name: &str, value: serde_json::Value, i: usize, author: &str, summary: &str, day: u32| json!({"field": name, "value": value, "commit": c[i], "time": format!("2024-03-{day}T12:00:00+03:00"), "author": author, "summary": summary});
    let (add, revise, file) = (
        |n: &str, v| field(n, v, 0, "Ada Editor", "Add the toll", 23),
        |n: &str, v| field(n, v, 1, "Ben Checker", "Revise the toll to 139", 24),
        |n: &str, v| field(n, v, 2, "Cy Desk", "File the toll under its subject", 25),
    );
    let hashes: Vec<String> = c
        .iter()
        .take(2)
        .map(|sha| {
            let text = repo.git(&["show", &format!("{sha}:{OLD}")]);
            let record = claimtrail::internals::text::parse::parse_record(&text).unwrap();
            claimtrail::internals::text::hash::record_hash(&record)
        })
        .collect();
    assert_eq!(
        got,
        json!({"version": 1, "id": "killed-ic", "fields": [
            add("id", json!("killed-ic")),
            add("subject", json!("crocus-city-hall-attack-2024")),
            add("measure", json!("killed")),
            revise("value", json!({"Exact": 139})),
            add("as_of", json!("2024-03-23")),
            add("statement", json!("The committee's toll.")),
            add("claimant", json!("ic")),
            add("citations", json!([{"document": "tass-2024-03-23", "quote": "137 people"}])),
            revise("tags", json!(["toll"])),
            file("note", json!("Filed under its subject.")),
            file("revises", json!(hashes[1])),
        ]})
    );
    assert_ne!(hashes[0], hashes[1]);
    // At an earlier revision, before the move.
    let earlier = json_of(&repo, &["blame", "killed-ic", "--rev", "HEAD~1", "--format", "json"]);
    let names: Vec<&str> =
        earlier["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "id",
            "subject",
            "measure",
            "value",
            "as_of",
            "statement",
            "claimant",
            "citations",
            "tags",
            "revises"
        ]
    );
}

#[test]
fn the_human_table_and_failures() {
    let (repo, c) = history();
    let (out, err, code) = run(&repo, &["blame", "killed-ic"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("killed-ic at HEAD: who set each field\n"), "{out}");
    assert!(out.contains("  field      commit   committed (author's clock)  author       value"), "{out}");
    let value_line = out.lines().find(|l| l.trim_start().starts_with("value ")).unwrap();
    assert!(
        value_line.contains(&c[1][..7])
            && value_line.contains("2024-03-24 12:00")
            && value_line.contains("  139  "),
        "{value_line}"
    );
    let (_, err, code) = run(&repo, &["blame", "killed-id"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `killed-ic`"), "{err}");
}
