//! `claimtrail merge` as git's merge driver, with real `git merge` of two
//! branches: edits to different fields of one claim merge cleanly and are
//! resealed on the base version; a field changed on both sides keeps git's
//! markers around it alone; what is not a record is merged as git would.

use crate::support::{Repo, base_store, output, toll};

const PATH: &str = "claims/crocus/killed-ic.ron";

fn claim(value: u64, as_of: &str, statement: &str) -> String {
    toll(("killed-ic", "killed", value, as_of, statement), &[("tass-2024-03-23", "137 people were killed")])
}

/// A repository on `main` with the claim committed and the driver
/// registered by `init --git`; then a branch `desk` from it.
fn repo() -> Repo {
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record(PATH, &claim(137, "2024-03-23", "137 dead."));
    let (out, err, code) = output(&mut repo.claimtrail(&["init", "--git"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        repo.read(".gitattributes").unwrap().contains("claims/**/*.ron diff=claimtrail merge=claimtrail")
    );
    repo.commit("Ada Editor", "The toll");
    repo.git(&["branch", "desk"]);
    repo
}

fn stored(text: &str) -> claimtrail::Record {
    claimtrail::internals::text::parse::parse_record(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

#[test]
fn edits_to_different_fields_merge_cleanly_and_are_resealed() {
    let mut repo = repo();
    let base = repo.read(PATH).unwrap();
    // main: a new figure; desk: a tag and a note on the same claim.
    repo.write_record(PATH, &claim(139, "2024-03-24", "137 dead."));
    repo.commit("Ada Editor", "Revise the toll");
    repo.git(&["checkout", "-q", "desk"]);
    let tagged = claim(137, "2024-03-23", "137 dead.")
        .replace("    citations:", "    note: \"Checked by phone.\",\n    citations:")
        .replace("\n)\n", "\n    tags: [\"checked\"],\n)\n");
    repo.write_record(PATH, &tagged);
    repo.commit("Ben Checker", "Tag the toll");
    repo.git(&["checkout", "-q", "main"]);
    let (said, merged) = repo.try_git(&["merge", "--no-edit", "desk"]);
    assert!(merged, "{said}");
    let text = repo.read(PATH).unwrap();
    let record = stored(&text);
    let c = record.as_claim().unwrap();
    assert_eq!(c.value, claimtrail::Value::Exact(139), "main's edit");
    assert_eq!(c.as_of.as_deref(), Some("2024-03-24"));
    assert_eq!(
        (c.note.as_deref(), c.tags.as_slice()),
        (Some("Checked by phone."), &["checked".to_owned()][..]),
        "desk's edit"
    );
    let base_hash = claimtrail::internals::text::hash::record_hash(&stored(&base));
    assert_eq!(record.revises(), Some(base_hash.as_str()), "revises is the base version");
    let (out, err, code) = output(&mut repo.claimtrail(&["check"]));
    assert_eq!(code, 0, "{out}{err}\n{text}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "the merge is committed");
}

#[test]
fn a_field_changed_on_both_sides_keeps_markers_around_it_alone() {
    let mut repo = repo();
    repo.write_record(PATH, &claim(139, "2024-03-23", "137 dead."));
    repo.commit("Ada Editor", "139");
    repo.git(&["checkout", "-q", "desk"]);
    repo.write_record(
        PATH,
        &claim(143, "2024-03-23", "The toll rose.")
            .replace("137 people were killed", "143 people were killed"),
    );
    repo.commit("Ben Checker", "143");
    repo.git(&["checkout", "-q", "main"]);
    let (said, merged) = repo.try_git(&["merge", "--no-edit", "desk"]);
    assert!(!merged, "a conflict: {said}");
    assert!(said.contains("conflict in claims/crocus/killed-ic.ron: value changed on both sides"), "{said}");
    let text = repo.read(PATH).unwrap();
    assert!(
        text.contains(
            "<<<<<<< ours\n    value: Exact(139),\n=======\n    value: Exact(143),\n>>>>>>> theirs\n"
        ),
        "{text}"
    );
    assert_eq!(text.matches("<<<<<<<").count(), 1, "one conflict, around the value: {text}");
    assert!(
        text.contains("statement: \"The toll rose.\"") && text.contains("143 people were killed"),
        "theirs' other edits are in: {text}"
    );
    // Resolve by hand, reseal, and the store is whole again.
    let resolved =
        text.replace("<<<<<<< ours\n    value: Exact(139),\n=======\n", "").replace(">>>>>>> theirs\n", "");
    repo.write(PATH, &resolved);
    let (out, err, code) = output(&mut repo.claimtrail(&["hash"]));
    assert_eq!(code, 0, "{out}{err}");
    let (out, err, code) = output(&mut repo.claimtrail(&["check"]));
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn what_is_not_a_record_is_merged_line_by_line_as_git_does() {
    let mut repo = repo();
    let broken =
        "Claim(\n    id: \"killed-ic\",\n    // first line\n    value: Exact(137)\n    // last line\n";
    repo.write(PATH, broken);
    repo.commit("Ada Editor", "Break it");
    repo.git(&["branch", "-f", "desk"]);
    repo.write(PATH, &broken.replace("first line", "first line, ours"));
    repo.commit("Ada Editor", "Ours");
    repo.git(&["checkout", "-q", "desk"]);
    repo.write(PATH, &broken.replace("last line", "last line, theirs"));
    repo.commit("Ben Checker", "Theirs");
    repo.git(&["checkout", "-q", "main"]);
    let (said, merged) = repo.try_git(&["merge", "--no-edit", "desk"]);
    assert!(merged, "{said}");
    assert!(said.contains("merged line by line as git does"), "{said}");
    assert_eq!(
        repo.read(PATH).unwrap(),
        broken.replace("first line", "first line, ours").replace("last line", "last line, theirs")
    );
}

#[test]
fn the_driver_alone_on_three_files() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let sealed = |t: &str| crate::support::seal(t, None);
    let (b, o, t) = (
        write("base", &sealed(&claim(137, "2024-03-23", "137 dead."))),
        write("ours", &sealed(&claim(137, "2024-03-23", "137 dead, said the IC."))),
        write("theirs", &sealed(&claim(137, "2024-03-24", "137 dead."))),
    );
    let (out, err, code) =
        output(&mut crate::support::claimtrail_in(dir.path(), &["merge", &b, &o, &t, PATH]));
    assert_eq!(code, 0, "{out}{err}");
    let merged = stored(&std::fs::read_to_string(&o).unwrap());
    let c = merged.as_claim().unwrap();
    assert_eq!((c.statement.as_str(), c.as_of.as_deref()), ("137 dead, said the IC.", Some("2024-03-24")));
}

/// Two branches from `repo()`: main changes the value, desk the
/// statement; both resealed, so their `hash:` lines differ too.
fn two_edits(repo: &mut Repo) {
    repo.write_record(PATH, &claim(139, "2024-03-23", "137 dead."));
    repo.commit("Ada Editor", "139");
    repo.git(&["checkout", "-q", "desk"]);
    repo.write_record(PATH, &claim(137, "2024-03-23", "137 dead, said the IC."));
    repo.commit("Ben Checker", "Statement");
    repo.git(&["checkout", "-q", "main"]);
}

/// Both edits are in the file: merged, or between git's markers.
fn keeps_both_edits(text: &str) {
    assert!(text.contains("Exact(139)"), "main's edit: {text}");
    assert!(text.contains("137 dead, said the IC."), "desk's edit: {text}");
}

#[test]
fn without_claimtrail_on_the_path_the_driver_runs_the_binary_init_ran_from() {
    let mut repo = repo();
    two_edits(&mut repo);
    let (said, merged) = repo.try_git_without_claimtrail(&["merge", "--no-edit", "desk"]);
    assert!(merged, "merged field by field by the binary named in the driver: {said}");
    let text = repo.read(PATH).unwrap();
    keeps_both_edits(&text);
    assert!(!text.contains("<<<<<<<"), "{text}");
}

#[test]
fn with_claimtrail_gone_the_driver_falls_back_to_gits_line_merge() {
    // init runs from a copy of the binary, which is then deleted.
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record(PATH, &claim(137, "2024-03-23", "137 dead."));
    let bin_dir = tempfile::tempdir().unwrap();
    let copy = bin_dir.path().join("claimtrail");
    // Copied by `cp`, so that no descriptor of the copy open for writing
    // leaks into a process another test thread starts (exec would fail
    // with "text file busy").
    let copied = std::process::Command::new("cp")
        .arg(assert_cmd::cargo::cargo_bin("claimtrail"))
        .arg(&copy)
        .status()
        .unwrap();
    assert!(copied.success());
    let out = crate::support::isolate(&mut std::process::Command::new(&copy))
        .args(["init", "--git"])
        .current_dir(repo.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("claimtrail is not on the PATH"), "init warns: {said}");
    assert!(said.contains("`git merge-file` merges records"), "init says what happens then: {said}");
    repo.commit("Ada Editor", "The toll");
    repo.git(&["branch", "desk"]);
    drop(bin_dir);
    assert!(!copy.exists());
    two_edits(&mut repo);
    let (said, merged) = repo.try_git_without_claimtrail(&["merge", "--no-edit", "desk"]);
    assert!(said.contains("claimtrail merge did not run"), "{said}");
    // Both sides resealed, so git's line merge stops at the hash lines:
    // a conflict, with every edit kept.
    assert!(!merged, "{said}");
    let text = repo.read(PATH).unwrap();
    keeps_both_edits(&text);
    assert!(text.contains("<<<<<<< ours") && text.contains(">>>>>>> theirs"), "{text}");
    let (out, _, code) = output(&mut repo.claimtrail(&["check", "--format", "json"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\"code\": \"merge-conflict\""), "{out}");
}

#[test]
fn a_file_with_a_nul_byte_keeps_ours_with_a_conflict() {
    let mut repo = repo();
    let nul = "claims/crocus/binary.ron";
    repo.git(&["checkout", "-q", "desk"]);
    repo.write(nul, "Claim(\0 theirs\n");
    repo.commit("Ben Checker", "Theirs");
    repo.git(&["checkout", "-q", "main"]);
    repo.write(nul, "Claim(\0 ours\n");
    repo.commit("Ada Editor", "Ours");
    let (said, merged) = repo.try_git(&["merge", "--no-edit", "desk"]);
    assert!(!merged, "{said}");
    assert_eq!(repo.read(nul).unwrap(), "Claim(\0 ours\n", "ours untouched, never emptied: {said}");
    // The driver alone, on three files.
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("base", "Claim(\n"), ("ours", "Claim(\0 ours\n"), ("theirs", "Claim(\0 theirs\n")] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let (out, err, code) =
        output(&mut crate::support::claimtrail_in(dir.path(), &["merge", "base", "ours", "theirs", nul]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("not text (a NUL byte); ours is kept"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.path().join("ours")).unwrap(), "Claim(\0 ours\n");
}

#[test]
fn a_comment_next_to_a_field_the_other_side_changed_is_kept_or_conflicts() {
    let mut repo = repo();
    repo.write_record(PATH, &claim(139, "2024-03-23", "137 dead."));
    repo.commit("Ada Editor", "139");
    repo.git(&["checkout", "-q", "desk"]);
    let commented = claim(137, "2024-03-23", "137 dead.")
        .replace("    value: Exact(137),\n", "    // Counted at the morgue.\n    value: Exact(137),\n");
    repo.write_record(PATH, &commented);
    repo.commit("Ben Checker", "A comment");
    repo.git(&["checkout", "-q", "main"]);
    // A leftover of a killed merge, beside the files git hands the driver.
    repo.write(".claimtrail-killed.tmp", "half a record");
    let (said, merged) = repo.try_git(&["merge", "--no-edit", "desk"]);
    let text = repo.read(PATH).unwrap();
    assert!(text.contains("// Counted at the morgue."), "the comment: {said}\n{text}");
    assert!(text.contains("Exact(139)"), "main's figure: {text}");
    if merged {
        let (out, err, code) = output(&mut repo.claimtrail(&["check"]));
        assert_eq!(code, 0, "{out}{err}");
    } else {
        assert!(text.contains("<<<<<<<"), "{text}");
    }
    assert!(repo.read(".claimtrail-killed.tmp").is_none(), "the next merge removed the leftover");
}
