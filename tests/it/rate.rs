//! `claimtrail rate`: a rating appended to a source in place (its comments
//! and layout kept), resealed with `revises`, and seen by `sources`,
//! `history` and the report; what it refuses.

use crate::support::stores::{claimtrail, clean};
use crate::support::{Repo, output};

fn run(dir: &std::path::Path, args: &[&str]) -> (String, i32) {
    let (out, err, code) = output(claimtrail(dir).args(args));
    (format!("{out}{err}"), code)
}

#[test]
fn a_rating_is_appended_resealed_and_seen_everywhere() {
    let mut repo = Repo::new();
    crate::support::store::copy_dir(clean().path(), repo.path());
    let rel = "sources/actors/mchs.ron";
    let before = repo.read(rel).unwrap();
    repo.write(rel, &format!("// The ministry.\n{before}"));
    repo.commit("Ada Editor", "The store");
    repo.git(&["config", "user.name", "Ben Checker"]);
    let (said, code) =
        run(repo.path(), &["rate", "mchs", "--rating", "E", "--on", "2024-07-01", "--note", "A false toll."]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("rated mchs E on 2024-07-01 by Ben Checker"), "{said}");
    let text = repo.read(rel).unwrap();
    assert!(text.starts_with("// The ministry.\n"), "comments stay: {text}");
    assert!(
        text.contains(
            "        Rating(on: \"2024-06-01\", reliability: C, by: \"Desk\"),\n        Rating(on: \"2024-07-01\", reliability: E, by: \"Ben Checker\", note: \"A false toll.\"),\n    ],\n"
        ),
        "{text}"
    );
    let old = claimtrail::internals::text::parse::parse_record(&before).unwrap();
    let new = claimtrail::internals::text::parse::parse_record(&text).unwrap();
    assert_eq!(
        new.revises(),
        old.stored_hash().map(claimtrail::Seal::text).as_deref(),
        "revises the rated version"
    );
    assert_eq!(run(repo.path(), &["check"]).1, 0);
    let (said, _) = run(repo.path(), &["sources", "--format", "json"]);
    let sources: serde_json::Value = serde_json::from_str(&said).unwrap();
    let rating = |v: &serde_json::Value| {
        v["sources"].as_array().unwrap().iter().find(|s| s["id"] == "mchs").map(|s| s["rating"].clone())
    };
    assert_eq!(rating(&sources), Some(serde_json::json!("E")));
    repo.commit("Ben Checker", "Rate the ministry");
    let (said, code) = run(repo.path(), &["report", "--format", "json"]);
    assert_eq!(code, 0, "{said}");
    assert_eq!(rating(&serde_json::from_str(&said).unwrap()), Some(serde_json::json!("E")));
    let (said, code) = run(repo.path(), &["history", "mchs"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("mchs: 2 versions") && said.contains("Ben Checker"), "{said}");
}

#[test]
fn rate_refuses_what_it_cannot_write_well() {
    let store = clean();
    let dir = store.path();
    let (said, code) = run(dir, &["rate", "mchz", "--rating", "B", "--by", "Desk"]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("no source `mchz`") && said.contains("mchs"), "did you mean: {said}");
    let (said, code) = run(dir, &["rate", "ic-1", "--rating", "B", "--by", "Desk"]);
    assert_eq!(code, 2);
    assert!(said.contains("is a Document, not a source"), "{said}");
    let (said, code) = run(dir, &["rate", "mchs", "--rating", "G", "--by", "Desk"]);
    assert_eq!(code, 2);
    assert!(said.contains("--rating `G` is not one of: A, B, C, D, E, F"), "{said}");
    let (said, code) = run(dir, &["rate", "mchs", "--rating", "B", "--by", "Desk", "--on", "2024-05-01"]);
    assert_eq!(code, 2);
    assert!(said.contains("before the source's latest rating (2024-06-01, C)"), "{said}");
    let (said, code) = run(dir, &["rate", "mchs", "--rating", "B", "--by", "Desk", "--on", "2024-13-01"]);
    assert_eq!(code, 2);
    assert!(said.contains("--on `2024-13-01` is not a date"), "{said}");
    // A source with edits not sealed is not sealed along with the rating.
    let rel = dir.join("sources/actors/mchs.ron");
    let text = std::fs::read_to_string(&rel).unwrap().replace("Emergencies Ministry", "EMERCOM");
    std::fs::write(&rel, &text).unwrap();
    let (said, code) = run(dir, &["rate", "mchs", "--rating", "B", "--by", "Desk"]);
    assert_eq!(code, 2);
    assert!(said.contains("changes that are not sealed") && said.contains("claimtrail hash"), "{said}");
    assert_eq!(std::fs::read_to_string(&rel).unwrap(), text, "nothing written");
}
