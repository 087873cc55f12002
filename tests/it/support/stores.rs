//! A small store written into a temporary folder, for end-to-end tests of
//! the reports and exports: sources with ratings, documents with and
//! without URLs, a toll that grew and one that went down (a conflict),
//! open-ended and approximate figures, a reviewed claim, a date, an actor
//! and a deprecated claim. `broken()` adds findings for `check`.

use std::path::Path;

use assert_cmd::Command;
use claimtrail::internals::text::reseal_text::{Reseal, reseal};

pub(crate) const SNAPSHOT: &str =
    "The bodies of 137 people were found, the committee said.\nAbout 140 people died.\n";

const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, unit: "people", trend: NonDecreasing),
    Measure(id: "occurred", kind: Date),
    Measure(id: "claimed-by", kind: Actor),
    Measure(id: "summary", kind: Text),
]"#;

/// The clean store: `check` finds only the conflict warning.
pub(crate) fn clean() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "claimtrail.ron", "Config(review_url: \"https://desk.example/reviews/\")\n");
    write(root, "schemas/measures.ron", MEASURES);
    write(root, "sources/snapshots/ic-1.txt", SNAPSHOT);
    source(root, "ic", "Investigative Committee", "Government", &[("2024-01-01", "C"), ("2024-06-01", "B")]);
    source(root, "mchs", "Emergencies Ministry", "Government", &[("2024-06-01", "C")]);
    source(root, "baza", "Baza, \"Telegram\" channel", "NewsOutlet", &[("2024-06-01", "D")]);
    source(root, "islamic-state", "Islamic State", "ArmedGroup", &[]);
    source(root, "expert-jones", "A. Jones", "Expert", &[]);
    document(
        root,
        "ic-1",
        "ic",
        "Statement on the toll",
        Some("https://ic.example/news/1?a=1&b=2"),
        "2024-03-24",
        true,
    );
    document(
        root,
        "baza-1",
        "baza",
        "Post, with a comma",
        Some("https://t.example/baza/1"),
        "2024-03-26",
        false,
    );
    document(root, "amaq-1", "islamic-state", "Claim of responsibility", None, "2024-03-22", false);
    claim(
        root,
        "killed-ic-40",
        "killed",
        "Exact(40)",
        Some("2024-03-22T23:00"),
        "The committee said 40 people were killed.",
        "ic",
        "baza-1",
        "review: Review(verdict: MostlyTrue, by: \"Desk\", on: \"2024-04-02\", note: \"early figure\"),",
    );
    claim(
        root,
        "killed-ic-137",
        "killed",
        "Exact(137)",
        Some("2024-03-24"),
        "The bodies of 137 people were found, the committee said.",
        "ic",
        "ic-1",
        "tags: [\"toll\", \"final, maybe\"],",
    );
    claim(
        root,
        "killed-baza-115",
        "killed",
        "AtLeast(115)",
        Some("2024-03-23"),
        "At least 115 dead, \"Baza\" wrote.",
        "baza",
        "baza-1",
        "",
    );
    claim(
        root,
        "killed-mchs-60",
        "killed",
        "Between(60, 70)",
        Some("2024-03-25"),
        "Between 60 and 70 killed,\naccording to the ministry.",
        "mchs",
        "baza-1",
        "review: Review(verdict: Misleading, by: \"Desk\", on: \"2024-04-03\"),",
    );
    claim(
        root,
        "killed-jones-about-140",
        "killed",
        "About(140)",
        Some("2024-03-24"),
        "About 140 people died.",
        "expert-jones",
        "ic-1",
        "",
    );
    claim(
        root,
        "killed-baza-old",
        "killed",
        "Exact(12)",
        Some("2024-03-22"),
        "12 dead.",
        "baza",
        "baza-1",
        "rank: Deprecated,",
    );
    claim(
        root,
        "occurred-ic",
        "occurred",
        "Date(\"2024-03-22\")",
        None,
        "The attack took place on 22 March.",
        "ic",
        "ic-1",
        "",
    );
    claim(
        root,
        "claimed-by-is",
        "claimed-by",
        "Actor(\"islamic-state\")",
        None,
        "Islamic State claimed the attack.",
        "islamic-state",
        "amaq-1",
        "review: Review(verdict: True, by: \"Desk\", on: \"2024-03-30\"),",
    );
    dir
}

/// The clean store plus errors: a hash mismatch, a dangling reference and
/// a missing snapshot quote.
pub(crate) fn broken() -> tempfile::TempDir {
    let dir = clean();
    let root = dir.path();
    let path = root.join("claims/event/killed-ic-137.ron");
    let text = std::fs::read_to_string(&path).expect("fixture claim");
    std::fs::write(&path, text.replace("Exact(137)", "Exact(138)")).expect("edit fixture claim");
    claim(
        root,
        "killed-tass-100",
        "killed",
        "Exact(100)",
        Some("2024-03-23"),
        "100 dead, 50% of them \"children\", TASS said.",
        "tass",
        "ic-1",
        "",
    );
    dir
}

/// The binary, run in `dir` without colour (`support::claimtrail_in`).
pub(crate) fn claimtrail(dir: &Path) -> Command {
    super::claimtrail_in(dir, &[])
}

pub(crate) fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    std::fs::write(path, text).expect("write fixture file");
}

pub(crate) fn sealed(text: &str) -> String {
    match reseal(text).expect("fixture record parses") {
        Reseal::Changed { text, .. } => text,
        Reseal::UpToDate => text.to_owned(),
    }
}

pub(crate) fn source(root: &Path, id: &str, name: &str, kind: &str, ratings: &[(&str, &str)]) {
    let ratings: String = ratings
        .iter()
        .map(|(on, r)| format!("        Rating(on: \"{on}\", reliability: {r}, by: \"Desk\"),\n"))
        .collect();
    let name = name.replace('"', "\\\"");
    let text = format!(
        "Source(\n    id: \"{id}\",\n    name: \"{name}\",\n    kind: {kind},\n    ratings: [\n{ratings}    ],\n)\n"
    );
    write(root, &format!("sources/actors/{id}.ron"), &sealed(&text));
}

pub(crate) fn document(
    root: &Path,
    id: &str,
    publisher: &str,
    title: &str,
    url: Option<&str>,
    published: &str,
    snap: bool,
) {
    let url = url.map(|u| format!("    url: \"{u}\",\n")).unwrap_or_default();
    let snap = if snap {
        format!(
            "    snapshot: \"{id}.txt\",\n    snapshot_hash: \"{}\",\n",
            claimtrail::internals::text::hash::bytes_hash(SNAPSHOT.as_bytes())
        )
    } else {
        String::new()
    };
    let text = format!(
        "Document(\n    id: \"{id}\",\n    publisher: \"{publisher}\",\n    title: \"{title}\",\n{url}    published: \"{published}\",\n{snap})\n"
    );
    write(root, &format!("sources/documents/{id}.ron"), &sealed(&text));
}

#[allow(clippy::too_many_arguments)]
fn claim(
    root: &Path,
    id: &str,
    measure: &str,
    value: &str,
    as_of: Option<&str>,
    statement: &str,
    claimant: &str,
    document: &str,
    extra: &str,
) {
    let as_of = as_of.map(|d| format!("    as_of: \"{d}\",\n")).unwrap_or_default();
    // The quote is the statement itself where the document can carry it: a
    // document without a snapshot, or a statement the snapshot holds.
    let quote = if document != "ic-1" || SNAPSHOT.contains(statement) {
        statement.replace('"', "\\\"").replace('\n', "\\n")
    } else {
        "bodies of 137 people were found".to_owned()
    };
    let statement = statement.replace('"', "\\\"").replace('\n', "\\n");
    let subject = if measure == "killed" || measure == "occurred" { "event" } else { "event-claims" };
    let text = format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"{subject}\",\n    measure: \"{measure}\",\n    value: {value},\n{as_of}    statement: \"{statement}\",\n    claimant: \"{claimant}\",\n    citations: [\n        Citation(document: \"{document}\", quote: \"{quote}\", locator: \"para 1\"),\n    ],\n    {extra}\n)\n"
    );
    write(root, &format!("claims/{subject}/{id}.ron"), &sealed(&text));
}
