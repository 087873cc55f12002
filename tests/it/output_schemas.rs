//! Every JSON output validates against its schema in schemas/ (generated
//! from the wire types, `render::schema`): the outputs of the shipped store
//! (this repository's claims/ and sources/), committed to a fresh git
//! repository and then revised once, so that the history commands have
//! something to say. Each schema is also shown to reject a broken output.

use std::path::Path;

use serde_json::Value;

use crate::support::store::copy_dir;
use crate::support::{Repo, output};

const CLAIM: &str = "claims/crocus-city-hall-attack-2024/crocus-killed-ic-137.ron";
const ID: &str = "crocus-killed-ic-137";
const DOCUMENT: &str = "orda-2024-03-26-islamic-state-central-asia";

/// The validator of a generated schema under schemas/.
fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let schema: Value = serde_json::from_slice(&std::fs::read(path).expect("schema file")).expect("JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// The shipped store in a git repository of two commits: as shipped, then
/// with one figure revised (137 → 139) and resealed.
fn shipped_in_git() -> Repo {
    let mut repo = Repo::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["claims", "sources", "schemas"] {
        copy_dir(&root.join(folder), &repo.path().join(folder));
    }
    std::fs::copy(root.join("claimtrail.ron"), repo.path().join("claimtrail.ron")).expect("copy config");
    repo.commit("Desk", "The shipped store");
    let text = repo.read(CLAIM).expect("the claim is shipped");
    repo.write(CLAIM, &text.replace("Exact(137)", "Exact(139)"));
    let (_, err, code) = output(&mut repo.claimtrail(&["hash"]));
    assert_eq!(code, 0, "{err}");
    repo.commit("Editor", "IC: 139");
    repo
}

fn json(repo: &Repo, args: &[&str]) -> Value {
    let (out, err, code) = output(&mut repo.claimtrail(args));
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} prints JSON: {e}\n{out}"))
}

fn assert_valid(validator: &jsonschema::Validator, json: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(json).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_json_output_validates_against_its_schema() {
    let repo = shipped_in_git();
    let cases: [(&str, &[&str], &str); 11] = [
        ("check-output.schema.json", &["check", "--format", "json"], "diagnostics"),
        ("conflicts-output.schema.json", &["conflicts", "--format", "json"], "conflicts"),
        (
            "conflicts-output.schema.json",
            &["conflicts", "--history", "--all", "--format", "json"],
            "revisions",
        ),
        ("sources-output.schema.json", &["sources", "--format", "json"], "sources"),
        ("report-output.schema.json", &["report", "--format", "json"], "claims"),
        ("report-output.schema.json", &["report", "--all", "--format", "json"], "conflicts"),
        ("history-output.schema.json", &["history", ID, "--format", "json"], "versions"),
        (
            "history-output.schema.json",
            &["history", "crocus-city-hall-attack-2024/killed", "--format", "json"],
            "versions",
        ),
        ("diff-output.schema.json", &["diff", "HEAD~1", "HEAD", "--format", "json"], "changes"),
        ("blame-output.schema.json", &["blame", ID, "--format", "json"], "fields"),
        ("coverage-output.schema.json", &["coverage", DOCUMENT, "--format", "json"], "figures"),
    ];
    for (name, args, list) in cases {
        let validator = schema(name);
        let out = json(&repo, args);
        assert!(
            out[list].as_array().is_some_and(|items| !items.is_empty()),
            "{args:?}: `{list}` has items, so the schema is tried on them"
        );
        assert_valid(&validator, &out, &format!("{args:?}"));
        // The schema can fail: without `version`, or with a list that is
        // not one.
        let mut broken = out.clone();
        broken.as_object_mut().expect("an object").remove("version");
        assert!(!validator.is_valid(&broken), "{name} accepts an output without version");
        let mut broken = out;
        broken[list] = Value::String("not a list".into());
        assert!(!validator.is_valid(&broken), "{name} accepts a `{list}` that is not a list");
    }
}

#[test]
fn values_in_outputs_are_checked_as_values() {
    // Values (docs/reference.md section 5's JSON form) are described by the records'
    // own `Value` schema, so a value of the wrong shape fails.
    let repo = shipped_in_git();
    let validator = schema("conflicts-output.schema.json");
    let mut out = json(&repo, &["conflicts", "--history", "--all", "--format", "json"]);
    let revision = &mut out["revisions"][0];
    assert_eq!(revision["id"], ID);
    assert_eq!(
        (&revision["from"], &revision["to"]),
        (&serde_json::json!({"Exact": 137}), &serde_json::json!({"Exact": 139}))
    );
    revision["to"] = serde_json::json!({"Exactly": 139});
    assert!(!validator.is_valid(&out));
}
