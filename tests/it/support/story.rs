//! Stores built from a public story in git (tests/it/kerman.rs,
//! tests/it/siege.rs): sources, documents and claims written as records
//! and sealed, and the JSON a command answers with.

use serde_json::Value;

use super::{Repo, output, seal};

/// A Source under sources/actors/; `extra` is more fields, written as is.
/// Written again, it is resealed with `revises` (a re-rating).
pub(crate) fn source(repo: &Repo, id: &str, name: &str, kind: &str, extra: &str) {
    repo.write_record(
        &format!("sources/actors/{id}.ron"),
        &format!("Source(\n    id: \"{id}\",\n    name: \"{name}\",\n    kind: {kind},{extra}\n)\n"),
    );
}

/// A Document in English under sources/documents/.
pub(crate) fn document(repo: &Repo, id: &str, publisher: &str, title: &str, published: &str) {
    repo.write(
        &format!("sources/documents/{id}.ron"),
        &seal(
            &format!(
                "Document(\n    id: \"{id}\",\n    publisher: \"{publisher}\",\n    title: \"{title}\",\n    published: \"{published}\",\n    language: \"en\",\n)\n"
            ),
            None,
        ),
    );
}

/// A claim about `subject` at claims/SUBJECT/ID.ron: (measure, value,
/// as_of, claimant), with no as_of when it is empty; (document, quote);
/// and more fields written as is.
pub(crate) fn claim(
    repo: &Repo,
    subject: &str,
    id: &str,
    fields: (&str, &str, &str, &str),
    cite: (&str, &str),
    extra: &str,
) {
    let (measure, value, as_of, claimant) = fields;
    let (document, quote) = cite;
    let as_of = if as_of.is_empty() { String::new() } else { format!("\n    as_of: \"{as_of}\",") };
    let text = format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"{subject}\",\n    measure: \"{measure}\",\n    value: {value},{as_of}\n    statement: \"{id}\",\n    claimant: \"{claimant}\",\n    citations: [Citation(document: \"{document}\", quote: \"{quote}\")],{extra}\n)\n"
    );
    repo.write(&format!("claims/{subject}/{id}.ron"), &seal(&text, None));
}

/// The JSON a command answers with, which must exit 0.
pub(crate) fn json(repo: &Repo, args: &[&str]) -> Value {
    let (stdout, stderr, code) = output(&mut repo.claimtrail(args));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{stdout}"))
}

/// A JSON list of ids.
pub(crate) fn ids(v: &Value) -> Vec<&str> {
    v.as_array().expect("a list").iter().map(|x| x.as_str().expect("an id")).collect()
}
