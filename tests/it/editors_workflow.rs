//! The editors' workflow end to end: from an empty folder to a committed
//! store of a new story (sources, documents with snapshots, claims with two
//! citations and a review) with only `init` and `new`, no file edited by
//! hand, `check` passing at every step; `new measure`, and what `new`
//! refuses.

use std::path::Path;

use crate::support::{Repo, claimtrail_in, output};

/// Runs claimtrail in `dir`; asserts the exit status; its output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let (out, err, code) = output(&mut claimtrail_in(dir, args));
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    out
}

fn fails(dir: &Path, args: &[&str], status: i32) -> String {
    let (out, err, code) = output(&mut claimtrail_in(dir, args));
    assert_eq!(code, status, "{args:?}\n{out}\n{err}");
    format!("{out}{err}")
}

const STATE_TV: &str = "Two explosions near the Martyrs' cemetery in Kerman killed 103 people and \
    wounded 141, the head of Kerman emergency services, Reza Fallah, told state television.\n";
const IRNA: &str = "The death toll of the Kerman terrorist attack has been revised from 95 to 84, \
    Interior Minister Ahmad Vahidi said; severed limbs had been counted as bodies.\n";

#[test]
fn a_new_story_from_an_empty_folder_with_init_and_new() {
    let mut repo = Repo::new();
    let root = repo.path().to_path_buf();
    let story = root.join("kerman");
    let downloads = tempfile::tempdir().unwrap();
    std::fs::write(downloads.path().join("irna.txt"), IRNA).unwrap();
    let init = ok(&root, &["init", "kerman", "--git"]);
    assert!(init.contains("created schemas/measures.ron") && init.contains("registered in"), "{init}");
    // The binary that ran init, else claimtrail on the PATH, else git's
    // own line merge.
    let bin = assert_cmd::cargo::cargo_bin("claimtrail");
    let driver = repo.git(&["config", "--local", "merge.claimtrail.driver"]);
    assert!(driver.starts_with(&format!("c='{}'; ", bin.display())), "{driver}");
    assert!(driver.contains("c=claimtrail; \"$c\" merge %O %A %B %P; "), "{driver}");
    assert!(driver.contains("git merge-file -L ours -L base -L theirs %A %O %B"), "{driver}");
    let textconv = repo.git(&["config", "--local", "diff.claimtrail.textconv"]);
    assert!(textconv.ends_with("\"$c\" textconv"), "{textconv}");
    ok(&story, &["check"]);
    let again = ok(&root, &["init", "kerman"]);
    assert!(!again.contains("created"), "init never overwrites: {again}");

    ok(
        &story,
        &["new", "source", "--id", "irna", "--name", "IRNA", "--kind", "NewsAgency", "--country", "IR"],
    );
    ok(
        &story,
        &[
            "new",
            "source",
            "--id",
            "ahmad-vahidi",
            "--name",
            "Ahmad Vahidi, Interior Minister",
            "--kind",
            "Government",
            "--country",
            "IR",
            "--rating",
            "C",
            "--rated-by",
            "Desk",
            "--rated-on",
            "2024-01-05",
            "--rating-note",
            "corrected his own ministry",
        ],
    );
    ok(&story, &["new", "source", "--id", "irib", "--name", "IRIB state television", "--kind", "Government"]);
    // A snapshot from anywhere is copied in and hashed; one already in the
    // folder is named by its path from the store root.
    let irna = downloads.path().join("irna.txt");
    let copied = ok(
        &story,
        &[
            "new",
            "document",
            "--id",
            "irna-2024-01-04",
            "--publisher",
            "irna",
            "--title",
            "Kerman death toll revised to 84",
            "--published",
            "2024-01-04",
            "--url",
            "https://en.irna.ir/news/kerman",
            "--language",
            "en",
            "--snapshot",
            irna.to_str().unwrap(),
        ],
    );
    assert!(copied.contains("copied the snapshot to sources/snapshots/irna-2024-01-04.txt"), "{copied}");
    std::fs::write(story.join("sources/snapshots/irib-2024-01-03.txt"), STATE_TV).unwrap();
    ok(
        &story,
        &[
            "new",
            "document",
            "--id",
            "irib-2024-01-03",
            "--publisher",
            "irib",
            "--title",
            "Kerman blasts",
            "--published",
            "2024-01-03T20:00",
            "--snapshot",
            "sources/snapshots/irib-2024-01-03.txt",
        ],
    );
    ok(
        &story,
        &[
            "new",
            "claim",
            "--id",
            "kerman-killed-irib-103",
            "--subject",
            "kerman-bombings-2024",
            "--measure",
            "killed",
            "--value",
            "Exact(103)",
            "--as-of",
            "2024-01-03",
            "--statement",
            "State TV put the toll at 103.",
            "--claimant",
            "irib",
            "--document",
            "irib-2024-01-03",
            "--quote",
            "killed 103 people",
        ],
    );
    ok(
        &story,
        &[
            "new",
            "claim",
            "--id",
            "kerman-killed-vahidi-84",
            "--subject",
            "kerman-bombings-2024",
            "--measure",
            "killed",
            "--value",
            "Exact(84)",
            "--as-of",
            "2024-01-04",
            "--statement",
            "Interior Minister Vahidi revised the toll from 95 to 84.",
            "--claimant",
            "ahmad-vahidi",
            "--cite",
            "irna-2024-01-04",
            "--quote",
            "revised from 95 to 84",
            "--locator",
            "para 1",
            "--cite",
            "irna-2024-01-04",
            "--quote",
            "severed limbs had been counted as bodies",
            "--via",
            "irna",
            "--review",
            "MostlyTrue",
            "--reviewed-by",
            "Desk",
            "--reviewed-on",
            "2024-01-06",
            "--review-note",
            "limbs had been counted as bodies",
            "--tag",
            "toll",
            "--supersedes",
            "kerman-killed-irib-103",
        ],
    );
    let check = ok(&story, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert_eq!(
        (json["summary"]["errors"].as_u64(), json["summary"]["warnings"].as_u64()),
        (Some(0), Some(0)),
        "the 84 supersedes the 103: {check}"
    );
    assert_eq!(json["summary"]["claims"], 2);
    let written =
        std::fs::read_to_string(story.join("claims/kerman-bombings-2024/kerman-killed-vahidi-84.ron"))
            .unwrap();
    let claim = claimtrail::internals::text::parse::parse_record(&written).unwrap();
    let claim = claim.as_claim().unwrap();
    assert_eq!(claim.citations.len(), 2);
    assert_eq!(claim.citations[0].locator.as_deref(), Some("para 1"));
    assert_eq!(claim.citations[1].via, ["irna"]);
    assert_eq!(claim.review.as_ref().unwrap().note.as_deref(), Some("limbs had been counted as bodies"));
    assert_eq!(claim.supersedes, ["kerman-killed-irib-103"]);
    let source = std::fs::read_to_string(story.join("sources/actors/ahmad-vahidi.ron")).unwrap();
    assert!(
        source.contains(
            "Rating(on: \"2024-01-05\", reliability: C, by: \"Desk\", note: \"corrected his own ministry\")"
        ),
        "{source}"
    );
    repo.commit("Ada Editor", "Kerman bombings: first tolls");
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "everything is committed");
    ok(&story, &["check"]);
    ok(&story, &["hash", "--check"]);
    // textconv is wired: git diff of a committed record goes through it.
    let shown = repo.git(&["log", "-p", "-1", "--textconv", "--", "kerman/claims"]);
    assert!(shown.contains("+    value: Exact(84),"), "{shown}");
}

#[test]
fn the_rater_and_reviewer_default_to_gits_user_name() {
    let repo = Repo::new();
    repo.git(&["config", "user.name", "Ben Checker"]);
    ok(repo.path(), &["init"]);
    ok(repo.path(), &["new", "source", "--id", "s", "--name", "S", "--kind", "Other", "--rating", "B"]);
    let text = std::fs::read_to_string(repo.path().join("sources/actors/s.ron")).unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(
        text.contains(&format!("Rating(on: \"{today}\", reliability: B, by: \"Ben Checker\")")),
        "{text}"
    );
}

#[test]
fn new_refuses_what_it_cannot_write_well() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    ok(root, &["init"]);
    let said = fails(
        root,
        &["new", "source", "--id", "x", "--name", "X", "--kind", "Government", "--country", "Iran"],
        2,
    );
    assert!(said.contains("not an ISO 3166-1 alpha-2 code") && said.contains("IR (Iran)"), "{said}");
    let said = fails(root, &["new", "source", "--id", "x", "--name", "X", "--kind", "Goverment"], 2);
    assert!(said.contains("did you mean `Government`"), "{said}");
    ok(root, &["new", "source", "--id", "x", "--name", "X", "--kind", "Other"]);
    ok(root, &["new", "document", "--id", "d", "--publisher", "x", "--title", "T", "--published", "2024"]);
    let claim = |extra: &[&str]| {
        let mut args = vec![
            "new",
            "claim",
            "--id",
            "c",
            "--subject",
            "s",
            "--measure",
            "killed",
            "--value",
            "Exact(1)",
            "--statement",
            "S",
            "--claimant",
            "x",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |extra: &[&str], status| {
        let args = claim(extra);
        fails(root, &args.iter().map(String::as_str).collect::<Vec<_>>(), status)
    };
    assert!(run(&["--cite", "d"], 2).contains("--quote"));
    assert!(run(&["--quote", "q", "--cite", "d"], 2).contains("before any --cite"));
    assert!(run(&["--cite", "d", "--quote", "q", "--quote", "r"], 2).contains("two --quote"));
    assert!(run(&["--cite", "d", "--quote", "q", "--review", "Maybe"], 2).contains("MostlyTrue"));
    assert!(run(&["--cite", "d", "--quote", "q", "--reviewed-by", "me"], 2).contains("--review"));
    assert!(run(&["--cite", "nowhere", "--quote", "q"], 1).contains("dangling-reference"));
    assert!(!root.join("claims/s/c.ron").exists());
}

#[test]
fn new_measure_extends_the_vocabulary() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    ok(root, &["init"]);
    let before = std::fs::read_to_string(root.join("schemas/measures.ron")).unwrap();
    ok(
        root,
        &[
            "new",
            "measure",
            "--id",
            "evacuated",
            "--kind",
            "Count",
            "--unit",
            "people",
            "--trend",
            "NonDecreasing",
            "--description",
            "People evacuated from the area, cumulatively.",
        ],
    );
    let after = std::fs::read_to_string(root.join("schemas/measures.ron")).unwrap();
    assert!(after.starts_with(before.trim_end().trim_end_matches(']')), "the old text stays as it was");
    assert!(after.contains("    Measure(id: \"evacuated\", kind: Count, unit: \"people\", trend: NonDecreasing, description: \"People evacuated from the area, cumulatively.\"),\n]\n"), "{after}");
    assert!(
        fails(root, &["new", "measure", "--id", "evacuated", "--kind", "Count"], 2).contains("already has")
    );
    assert!(
        fails(root, &["new", "measure", "--id", "x", "--kind", "Actor", "--unit", "people"], 2)
            .contains("applies to counts")
    );
    ok(root, &["check"]);
}
