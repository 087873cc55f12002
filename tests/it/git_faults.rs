//! Git faults: a corrupt object, an unborn branch, a bare repository, a
//! detached HEAD, and commit metadata or paths full of escape sequences.
//! Faults end in a clear message and exit 2, never a panic; a detached HEAD
//! (how CI checks out pull requests) is not a fault and just works; and
//! what git history says reaches the terminal escaped.

use crate::support::pipeline;

use crate::support::scenario::{KILLED, NEW_PATH, OLD_PATH, run, scenario};
use crate::support::{Repo, base_store, claimtrail_in, output};

/// Every command that reads history, with what it prints; none may panic.
const HISTORY_COMMANDS: &[&[&str]] = &[
    &["history", KILLED],
    &["diff"],
    &["diff", "HEAD~1", "HEAD"],
    &["check", "--since", "HEAD~1"],
    &["conflicts", "--history"],
    &["report", "--format", "json"],
];

fn assert_clear_failure(args: &[&str], err: &str, code: i32) {
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

#[test]
fn a_corrupt_object_fails_plainly() {
    let s = scenario();
    // Overwrite the loose blob of the first version with garbage.
    let id = s.repo.git(&["rev-parse", &format!("{}:{OLD_PATH}", s.commits[0])]);
    let path = s.repo.path().join(".git/objects").join(&id[..2]).join(&id[2..]);
    let _ = std::fs::remove_file(&path);
    std::fs::write(&path, b"\x78\x9cthis is not zlib \x1b[31m at all").unwrap();
    let (_, err, code) = run(&s.repo, &["history", KILLED]);
    assert_clear_failure(&["history"], &err, code);
    assert!(err.contains("cannot read") && err.contains("git fsck"), "{err}");
    pipeline::assert_inert(err.as_bytes(), false);
    // What does not need that object still works.
    let (_, err, code) = run(&s.repo, &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_unborn_branch_has_no_history_yet() {
    let repo = Repo::new();
    base_store(&repo);
    repo.write_record(
        OLD_PATH,
        &crate::support::scenario::killed(137, "2024-03-23", "x", &[("tass-2024-03-23", "q")]),
    );
    for args in HISTORY_COMMANDS {
        let (out, err, code) = run(&repo, args);
        if args[0] == "report" {
            // The report counts revisions when there are commits; none yet is fine.
            assert_eq!(code, 0, "{args:?}: {out}{err}");
            continue;
        }
        assert_clear_failure(args, &err, code);
        let revision = args.contains(&"HEAD~1");
        assert!(
            err.contains("HEAD has no commits yet") || (revision && err.contains("bad revision `HEAD~1`")),
            "{args:?}: {err}"
        );
    }
    let (_, err, code) = run(&repo, &["check", "--since", "HEAD"]);
    assert_clear_failure(&["check", "--since", "HEAD"], &err, code);
    assert!(err.contains("HEAD has no commits yet"), "{err}");
    let (_, err, code) = run(&repo, &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_bare_repository_is_refused() {
    let s = scenario();
    let bare = tempfile::tempdir().unwrap();
    let url = format!("file://{}", s.repo.path().display());
    let args = ["clone", "-q", "--bare", &url, "store.git"];
    let status = crate::support::git_command(bare.path(), "Test", "2024-01-01T00:00:00+00:00", &args)
        .status()
        .unwrap();
    assert!(status.success());
    let dir = bare.path().join("store.git");
    for args in [&["history", KILLED][..], &["diff", "HEAD~1", "HEAD"], &["check", "--since", "HEAD~1"]] {
        let (_, err, code) = output(&mut claimtrail_in(&dir, args));
        assert_clear_failure(args, &err, code);
        assert!(err.contains("bare"), "{args:?}: {err}");
    }
}

#[test]
fn a_detached_head_just_works() {
    let s = scenario();
    s.repo.git(&["checkout", "-q", "--detach", &s.commits[3]]);
    let (out, err, code) = run(&s.repo, &["history", KILLED]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(NEW_PATH), "{out}");
    for args in HISTORY_COMMANDS {
        let (out, err, code) = run(&s.repo, args);
        assert!(matches!(code, 0 | 1), "{args:?}: exit {code}: {out}{err}");
    }
}

#[test]
fn git_metadata_and_paths_reach_the_terminal_escaped() {
    let mut repo = Repo::new();
    base_store(&repo);
    let nasty = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    let path = format!("claims/x{nasty}/toll.ron");
    let said = |n: u64| format!("{n} killed{nasty}");
    let cite = [("tass-2024-03-23", "q")];
    repo.write_record(&path, &crate::support::scenario::killed(137, "2024-03-23", &said(137), &cite));
    repo.commit(&format!("Mallory{nasty}"), &format!("Add{nasty}"));
    repo.write_record(&path, &crate::support::scenario::killed(139, "2024-03-23", &said(139), &cite));
    repo.commit(&format!("Mallory{nasty}"), &format!("Revise{nasty}"));
    for args in [
        &["history", KILLED][..],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        &["check", "--since", "HEAD~1"],
        &["conflicts", "--history"],
    ] {
        let out = claimtrail_in(repo.path(), args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pipeline::assert_inert(&out.stdout, false);
        pipeline::assert_inert(&out.stderr, false);
        assert!(!out.stdout.contains(&0x1b), "{args:?}");
        if args[0] == "history" {
            let shown = String::from_utf8_lossy(&out.stdout);
            assert!(shown.contains("Mallory\\u{1b}]0;pwned"), "{shown}");
        }
    }
}

/// A home folder whose git configuration cannot be read (a link loop
/// here, which stops root too; permissions for anyone else) does not stop
/// the commands that read history: git's global settings are left out
/// with a warning, as git itself does. A missing or unset HOME is fine.
#[cfg(unix)]
#[test]
fn an_unreadable_home_does_not_stop_git_commands() {
    let s = scenario();
    let home = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(home.path().join(".gitconfig"), home.path().join(".gitconfig")).unwrap();
    std::fs::create_dir_all(home.path().join(".config/git")).unwrap();
    std::os::unix::fs::symlink(
        home.path().join(".config/git/config"),
        home.path().join(".config/git/config"),
    )
    .unwrap();
    for args in HISTORY_COMMANDS {
        let (out, err, code) =
            output(s.repo.claimtrail(args).env("HOME", home.path()).env_remove("XDG_CONFIG_HOME"));
        assert!(code < 2, "{args:?}: {out}{err}");
        assert!(err.contains(".gitconfig cannot be read") && err.contains("left out"), "{args:?}: {err}");
        assert!(err.contains(".config/git/config cannot be read"), "{args:?}: {err}");
    }
    for home in ["/nonexistent-home", ""] {
        let (out, err, code) = output(s.repo.claimtrail(&["history", KILLED]).env("HOME", home));
        assert_eq!(code, 0, "HOME={home}: {out}{err}");
        assert!(!err.contains("warning"), "{err}");
    }
    let (out, err, code) = output(s.repo.claimtrail(&["history", KILLED]).env_remove("HOME"));
    assert_eq!(code, 0, "no HOME: {out}{err}");
}
