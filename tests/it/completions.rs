//! `completions SHELL` and `man` are generated from the clap definitions:
//! each produces a script or page that names every subcommand.

use crate::support::claimtrail;

fn run(args: &[&str]) -> String {
    let out = claimtrail().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        for word in ["claimtrail", "check", "export", "format"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
        if !matches!(shell, "elvish" | "powershell") {
            // elvish and powershell complete option names, not their values.
            assert!(script.contains("sarif") && script.contains("claimreview"), "{shell}");
        }
    }
}

#[test]
fn man_page_is_roff() {
    let page = run(&["man"]);
    assert!(page.contains(".TH claimtrail"));
    for word in ["check", "export", "completions"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}

#[test]
fn man_pages_refer_to_no_page_that_cannot_be_printed() {
    let page = run(&["man"]);
    assert!(!page.contains("claimtrail-check(1)"), "{page}");
    assert!(page.contains("claimtrail man check"), "{page}");
    let check = run(&["man", "check"]);
    assert!(check.contains(".TH claimtrail-check") && check.contains("deny\\-warnings"), "{check}");
    let out = claimtrail().args(["man", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
