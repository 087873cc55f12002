//! Output that stays inert in a CI log: GitHub's runner reads any line of a
//! job's output that starts with `::` (after whitespace) as a workflow
//! command — `::error::` makes an annotation, `::add-mask::` hides text,
//! `::stop-commands::` silences the real annotations; its older syntax,
//! `##[error]`, is read wherever `##[` stands in a line. So no line of human,
//! HTML or markdown output may start with `::`, or hold `##[`, taken from the
//! store: record text, file names, commit authors and messages. The escapers
//! write that colon, or that `#`, as an escape of their target (`\u{3a}`,
//! `&#58;`, `\:`; `\u{23}`, `&#35;`, `\#`).

use crate::support::{Repo, base_store, output};

/// Text that is a workflow command wherever it starts a line, and again
/// after a line break and indentation.
const HOSTILE: &str = "::error::pwned\\n  ::add-mask::secret\\r::warning::x\\n##[error]old ##[add-mask]y";

fn claim(id: &str, value: u64, statement: &str) -> String {
    format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"crocus-city-hall-attack-2024\",\n    measure: \"killed\",\n    value: Exact({value}),\n    as_of: \"2024-03-23\",\n    statement: \"{statement}\",\n    claimant: \"evil\",\n    citations: [\n        Citation(document: \"tass-2024-03-23\", quote: \"{HOSTILE}\", locator: \"{HOSTILE}\"),\n    ],\n    review: Review(verdict: Mixed, by: \"{HOSTILE}\", on: \"2024-03-25\", note: \"{HOSTILE}\"),\n    tags: [\"{HOSTILE}\"],\n    note: \"{HOSTILE}\",\n)\n"
    )
}

/// A store whose every text is hostile, in a repository whose author and
/// commit messages are too: two commits, then a working-tree edit and a
/// broken file whose lines start with `::`.
fn hostile_repo() -> Repo {
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record(
        "sources/actors/evil.ron",
        &format!(
            "Source(\n    id: \"evil\",\n    name: \"{HOSTILE}\",\n    kind: Other,\n    aliases: [\"{HOSTILE}\"],\n    note: \"{HOSTILE}\",\n)\n"
        ),
    );
    repo.write_record("claims/a.ron", &claim("a", 100, HOSTILE));
    repo.write_record("claims/b.ron", &claim("b", 300, HOSTILE));
    repo.commit("::error::author", "::add-mask::summary\n\n::error::body");
    repo.write_record("claims/a.ron", &claim("a", 500, &format!("{HOSTILE} two")));
    repo.commit("  ::error::author ##[error]x", "  ::error::second\n##[warning]third");
    repo.write_record("claims/b.ron", &claim("b", 900, &format!("{HOSTILE} three")));
    repo.write("claims/broken.ron", "Claim(\n::error::broken\n  ::add-mask::x\n##[error]b\n");
    repo
}

/// The lines of `text` that GitHub's runner would read as a command: `::`
/// at a line's start, `##[` at a line's start or, with `mid_line`, anywhere.
fn commands(text: &str, mid_line: bool) -> Vec<&str> {
    text.split(['\n', '\r'])
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("::") || line.starts_with("##[") || (mid_line && line.contains("##["))
        })
        .collect()
}

#[test]
fn no_output_line_starts_a_workflow_command() {
    let repo = hostile_repo();
    let runs: &[&[&str]] = &[
        &["check"],
        &["check", "--since", "HEAD~1"],
        &["conflicts"],
        &["conflicts", "--format", "markdown"],
        &["conflicts", "--history"],
        &["history", "a"],
        &["history", "crocus-city-hall-attack-2024/killed"],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        &["diff"],
        &["diff", "--format", "markdown"],
        &["report", "--format", "html"],
        &["report", "--format", "markdown"],
        &["sources"],
        &["blame", "a"],
        &["textconv", "claims/broken.ron"],
        &["textconv", "claims/a.ron"],
    ];
    let mut shown = 0;
    for args in runs {
        let (stdout, stderr, _) = output(&mut repo.claimtrail(args));
        for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            // `textconv` prints a record's RON, quotes included, as `git
            // diff` shows the file itself: `##[` inside its strings is the
            // file's text, not a line claimtrail writes.
            let mid_line = args[0] != "textconv";
            assert_eq!(
                commands(text, mid_line),
                Vec::<&str>::new(),
                "claimtrail {args:?}, {stream}:\n{text}"
            );
        }
        // The hostile text is shown (escaped), not left out.
        if stdout.contains(":error::pwned") || stdout.contains(":error::broken") {
            shown += 1;
        }
    }
    assert!(shown >= 10, "the hostile text reaches most outputs ({shown})");
}

#[test]
fn ordinary_text_keeps_its_colons() {
    // Colons inside a line, and a single colon at a line's start, stay.
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record(
        "sources/actors/evil.ron",
        "Source(\n    id: \"evil\",\n    name: \"Evil: the group\",\n    kind: Other,\n)\n",
    );
    repo.write_record("claims/a.ron", &claim("a", 100, ": at 10::30, ratio 1::2").replace(HOSTILE, "plain"));
    repo.commit("Test", "one");
    let (stdout, _, _) = output(&mut repo.claimtrail(&["report", "--format", "markdown"]));
    assert!(stdout.contains(": at 10::30, ratio 1::2"), "{stdout}");
    let (stdout, _, _) = output(&mut repo.claimtrail(&["report", "--format", "html"]));
    assert!(stdout.contains(": at 10::30, ratio 1::2") && !stdout.contains("&#58;"), "{stdout}");
}
