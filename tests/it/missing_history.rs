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
