//! Missing history: shallow clones, missing objects, no repository and
//! bad revisions all exit 2 with what is missing and how to fix it.

use crate::support::scenario::{KILLED, OLD_PATH, run, scenario};
use crate::support::{Repo, base_store, claimtrail_in, output};

#[test]
fn a_shallow_clone_is_refused_with_the_fix() {
    let s = scenario();
    let clone = s.repo.shallow_clone();
    let dir = clone.path().join("clone");
    for args in [&["history", KILLED][..], &["check", "--since", "HEAD~1"], &["diff", "HEAD...HEAD"]] {
        let (_, err, code) = output(&mut claimtrail_in(&dir, args));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("shallow clone"), "{err}");
        assert!(err.contains("git fetch --unshallow") && err.contains("fetch-depth: 0"), "{err}");
    }
    // What needs no history still works.
    let (_, err, code) = output(&mut claimtrail_in(&dir, &["check"]));
    assert_eq!(code, 0, "{err}");
    let (out, _, code) = output(&mut claimtrail_in(&dir, &["diff"]));
    assert_eq!(code, 0);
    assert!(out.contains("no record changed"), "{out}");
}

#[test]
fn missing_objects_fail_plainly() {
    let s = scenario();
    s.repo.delete_object(&format!("{}:{OLD_PATH}", s.commits[1]));
    let (_, err, code) = run(&s.repo, &["history", KILLED]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read blob") && err.contains(OLD_PATH) && err.contains("git fsck"), "{err}");
    // A missing first parent: the walk says which commit is gone.
    s.repo.delete_object(&s.commits[0]);
    let (_, err, code) = run(&s.repo, &["history", KILLED]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("commit {}, the first parent of {}", s.commits[0], s.commits[1])), "{err}");
    // The repository is whole, not shallow: fetching more history would
    // not help, so the message does not suggest it.
    assert!(err.contains("the repository is damaged") && err.contains("git fsck"), "{err}");
    assert!(!err.contains("unshallow"), "{err}");
}

#[test]
fn a_missing_object_in_a_shallow_clone_suggests_the_whole_history() {
    let s = scenario();
    let clone = s.repo.shallow_clone();
    let dir = clone.path().join("clone");
    let git = |args: &[&str]| {
        let out = crate::support::git_command(&dir, "Test", "2024-01-01T00:00:00+00:00", args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8").trim().to_owned()
    };
    let path = crate::support::scenario::NEW_PATH;
    let text = std::fs::read_to_string(dir.join(path)).unwrap().replace("Exact(143)", "Exact(144)");
    std::fs::write(dir.join(path), text).unwrap();
    git(&["commit", "-q", "-am", "Edit in the clone"]);
    let id = git(&["rev-parse", &format!("HEAD:{path}")]);
    std::fs::remove_file(dir.join(".git/objects").join(&id[..2]).join(&id[2..])).unwrap();
    let (_, err, code) = output(&mut claimtrail_in(&dir, &["diff", "HEAD~1", "HEAD"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read blob") && err.contains("shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
}

#[test]
fn outside_git_and_bad_revisions() {
    let repo = Repo::new();
    base_store(&repo);
    std::fs::remove_dir_all(repo.path().join(".git")).unwrap();
    for args in [&["history", KILLED][..], &["diff"], &["check", "--since", "HEAD"]] {
        let (_, err, code) = run(&repo, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("is not in a git repository"), "{err}");
    }
    let (_, err, code) = run(&repo, &["check"]);
    assert_eq!(code, 0, "{err}");

    let s = scenario();
    for args in [
        &["diff", "no-such-rev"][..],
        &["history", KILLED, "--rev", "no-such-rev"],
        &["check", "--since", "no-such-rev"],
    ] {
        let (_, err, code) = run(&s.repo, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("bad revision `no-such-rev`"), "{err}");
    }
    let (_, err, code) = run(&s.repo, &["diff", "HEAD", "HEAD~1", "--worktree"]);
    assert_eq!(code, 2);
    assert!(err.contains("not both"), "{err}");
}
