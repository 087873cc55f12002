//! The five-commit repository, shared by the history tests.

use serde_json::Value;

use super::{Repo, base_store, output, toll};

pub(crate) const KILLED: &str = "crocus-killed-ic";
pub(crate) const OLD_PATH: &str = "claims/crocus-killed-ic.ron";
pub(crate) const NEW_PATH: &str = "claims/crocus-city-hall-attack-2024/crocus-killed-ic.ron";
pub(crate) const WOUNDED_PATH: &str = "claims/crocus-wounded-ic.ron";

/// The repository: 1 add the claims; 2 revise 137 → 139 with a new
/// as_of and a new citation; 3 move the file; 4 revise 139 → 143 with
/// nothing else changed; 5 delete another claim.
pub(crate) struct Scenario {
    pub repo: Repo,
    pub commits: Vec<String>,
    /// The computed hash of the toll claim after commits 1, 2 and 4.
    pub hashes: Vec<String>,
    pub wounded_hash: String,
}

pub(crate) fn killed(value: u64, as_of: &str, statement: &str, citations: &[(&str, &str)]) -> String {
    toll((KILLED, "killed", value, as_of, statement), citations)
}

pub(crate) fn scenario() -> Scenario {
    let mut repo = Repo::new();
    base_store(&repo);
    let first = [("tass-2024-03-23", "137 people were killed")];
    let second = [first[0], ("tass-2024-03-24", "139 people were killed")];
    let said = |n: u64| format!("The Investigative Committee says {n} people were killed.");
    repo.write_record(OLD_PATH, &killed(137, "2024-03-23", &said(137), &first));
    let wounded = (
        "crocus-wounded-ic",
        "wounded",
        182,
        "2024-03-23",
        "The Investigative Committee says 182 people were wounded.",
    );
    repo.write_record(WOUNDED_PATH, &toll(wounded, &[("tass-2024-03-23", "182 people were wounded")]));
    let mut hashes = vec![stored_hash(&repo, OLD_PATH)];
    let wounded_hash = stored_hash(&repo, WOUNDED_PATH);
    let mut commits = vec![repo.commit("Ada Editor", "Add the Crocus City Hall tolls")];
    repo.write_record(OLD_PATH, &killed(139, "2024-03-24", &said(139), &second));
    hashes.push(stored_hash(&repo, OLD_PATH));
    commits.push(repo.commit("Ada Editor", "Revise the toll to 139 (TASS, 24 March)"));
    repo.mv(OLD_PATH, NEW_PATH);
    commits.push(repo.commit("Ben Checker", "File the toll under its subject"));
    repo.write_record(NEW_PATH, &killed(143, "2024-03-24", &said(139), &second));
    hashes.push(stored_hash(&repo, NEW_PATH));
    commits.push(repo.commit("Ben Checker", "Update the toll"));
    repo.remove(WOUNDED_PATH);
    commits.push(repo.commit("Ada Editor", "Drop the wounded figure"));
    Scenario { repo, commits, hashes, wounded_hash }
}

pub(crate) fn stored_hash(repo: &Repo, rel: &str) -> String {
    let text = repo.read(rel).expect("the record exists");
    let start = text.find("\n    hash: \"").expect("sealed") + 12;
    text[start..start + 71].to_owned()
}

/// Runs claimtrail in the repository; stdout, stderr and the status.
pub(crate) fn run(repo: &Repo, args: &[&str]) -> (String, String, i32) {
    output(&mut repo.claimtrail(args))
}

pub(crate) fn json_of(repo: &Repo, args: &[&str]) -> Value {
    let (out, err, code) = run(repo, args);
    assert!(code < 2, "{args:?}: {err}");
    serde_json::from_str(&out).expect("JSON output")
}
