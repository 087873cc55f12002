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

fn stored(text: &str) -> claimtrail::model::Record {
    claimtrail::text::parse::parse_record(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
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
    assert_eq!(c.value, claimtrail::model::Value::Exact(139), "main's edit");
    assert_eq!(c.as_of.as_deref(), Some("2024-03-24"));
    assert_eq!(
        (c.note.as_deref(), c.tags.as_slice()),
        (Some("Checked by phone."), &["checked".to_owned()][..]),
        "desk's edit"
    );
    let base_hash = claimtrail::text::hash::record_hash(&stored(&base));
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
