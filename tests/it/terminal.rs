//! Terminal safety in every command: record text (statements, quotes, ids,
//! file names) never reaches the terminal as raw control characters, C1
//! controls or bidi overrides; they show as `\u{1b}` escapes. Only
//! claimtrail's own styling emits escape codes, and none without colour
//! (`--color never`, NO_COLOR, or output that is not a terminal).

use crate::support::pipeline;
use crate::support::store;

use std::path::Path;

use store::{claim, clean_store, run};

/// Escape sequences of every kind: CSI, OSC (title), C1 CSI, bidi.
const NASTY: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}gnirts\u{202c}";

/// Output of one run, which must be inert with colour off.
fn inert(out: &std::process::Output) -> String {
    pipeline::assert_inert(&out.stdout, false);
    pipeline::assert_inert(&out.stderr, false);
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn nasty_store() -> tempfile::TempDir {
    let store = clean_store();
    let dir = store.path().join("claims/x");
    std::fs::create_dir_all(&dir).unwrap();
    let text = claim("ok-id")
        .replace("statement: \"x\"", &format!("statement: {:?}", NASTY))
        .replace("claimant: \"c\"", &format!("claimant: {:?}", format!("c{NASTY}")));
    std::fs::write(dir.join("nasty.ron"), &text).unwrap();
    std::fs::write(dir.join(format!("name{NASTY}.ron")), claim(&format!("id{NASTY}"))).unwrap();
    std::fs::write(dir.join("broken.ron"), format!("Claim(id: \"{NASTY}\", {NASTY}")).unwrap();
    store
}

#[cfg(unix)]
#[test]
fn check_escapes_record_text_and_file_names() {
    let store = nasty_store();
    let out = run(store.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = inert(&out);
    assert!(text.contains("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{9b}31m\\u{202e}gnirts"), "{text}");
    assert!(text.contains("claims/x/name\\u{1b}[2J"), "file names too: {text}");
    for format in ["json", "sarif", "github"] {
        let out = run(store.path(), &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        inert(&out);
    }
}

#[cfg(unix)]
#[test]
fn exports_escape_record_text_and_ids() {
    // Ids, claimants and statements carry escapes; every text export must
    // show them escaped (SQLite holds data, not text for a terminal).
    let store = nasty_store();
    let reviewed = claim("reviewed").replace(
        "statement: \"x\"",
        &format!("statement: {NASTY:?}, review: Review(verdict: False, by: {NASTY:?}, on: \"2024\")"),
    );
    std::fs::write(store.path().join("claims/x/reviewed.ron"), reviewed).unwrap();
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "csv", "--table", "citations"],
        &["export", "--format", "claimreview"],
    ] {
        let out = run(store.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", inert(&out));
        let shown = inert(&out);
        assert!(shown.contains("2J"), "{args:?} shows the text, escaped: {shown}");
    }
}

#[cfg(unix)]
#[test]
fn hash_escapes_file_names_and_reasons() {
    let store = nasty_store();
    let out = run(store.path(), &["hash"]);
    assert_eq!(out.status.code(), Some(1), "broken.ron is skipped");
    let text = inert(&out);
    assert!(text.contains("sealed claims/x/name\\u{1b}[2J"), "{text}");
    assert!(text.contains("skipped claims/x/broken.ron"), "{text}");
    inert(&run(store.path(), &["hash", "--check"]));
}

#[test]
fn textconv_escapes_parsed_and_unparsed_files() {
    let store = nasty_store();
    let dir = store.path().join("claims/x");
    for file in ["nasty.ron", "broken.ron"] {
        let out = run(store.path(), &["textconv", dir.join(file).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        let text = inert(&out);
        assert!(text.contains("\\u{1b}[2J"), "{file}: {text}");
        assert!(text.contains("\\u{202e}"), "{file}: {text}");
    }
}

/// `claimtrail new claim` of subject `s`, measure `killed`, claimant `c`,
/// document `d`.
fn new_claim(root: &Path, id: &str, value: &str, statement: &str, quote: &str) -> std::process::Output {
    let args = [
        "new",
        "claim",
        "--id",
        id,
        "--subject",
        "s",
        "--measure",
        "killed",
        "--value",
        value,
        "--statement",
        statement,
        "--claimant",
        "c",
        "--document",
        "d",
        "--quote",
        quote,
    ];
    run(root, &args)
}

#[test]
fn new_escapes_what_it_is_given_and_writes_escaped_ron() {
    let store = clean_store();
    let root = store.path();
    // A bad id is refused, its text escaped in the failure.
    let refused =
        run(root, &["new", "source", "--id", &format!("x{NASTY}"), "--name", "N", "--kind", "Other"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(inert(&refused).contains("x\\u{1b}[2J"));
    let bad_value = new_claim(root, "v", NASTY, "x", "q");
    assert_eq!(bad_value.status.code(), Some(2));
    inert(&bad_value);
    // Record text with escapes is written as RON escapes, and the finding
    // shown for it (quote-not-found) is escaped.
    let out = new_claim(root, "n", "Exact(143)", NASTY, NASTY);
    assert_eq!(out.status.code(), Some(1), "{}", inert(&out));
    let shown = inert(&out);
    assert!(shown.contains("\\u{9b}31m"), "{shown}");
    let written = new_claim(root, "n", "Exact(143)", NASTY, "at least 143 people");
    assert_eq!(written.status.code(), Some(0), "{}", inert(&written));
    let file = std::fs::read_to_string(root.join("claims/s/n.ron")).unwrap();
    assert!(!file.contains('\u{1b}') && !file.contains('\u{9b}') && !file.contains('\u{202e}'), "{file}");
    assert!(file.contains("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{9b}31m\\u{202e}gnirts\\u{202c}"), "{file}");
    assert_eq!(run(root, &["check"]).status.code(), Some(0), "and it reads back, sealed");
}

#[test]
fn failures_and_explain_escape_what_they_quote() {
    let dir = tempfile::tempdir().unwrap();
    let explained = run(dir.path(), &["check", "--explain", NASTY]);
    assert_eq!(explained.status.code(), Some(2));
    inert(&explained);
    let missing = dir.path().join(format!("no{NASTY}"));
    let failed = run(Path::new("."), &["-C", missing.to_str().unwrap(), "check"]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(inert(&failed).contains("no\\u{1b}[2J"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let store = nasty_store();
    // Not a terminal (a pipe): --color auto means none.
    inert(&run(store.path(), &["check"]));
    inert(&run(store.path(), &["check", "--color", "never"]));
    // support::claimtrail_in sets NO_COLOR.
    let no_color =
        crate::support::claimtrail_in(store.path(), &["check", "--color", "auto"]).output().unwrap();
    inert(&no_color);
    // Asked for: claimtrail's own SGR sequences, nothing from the records.
    let coloured = run(store.path(), &["check", "--color", "always"]);
    assert!(coloured.stdout.contains(&0x1b));
    pipeline::assert_inert(&coloured.stdout, true);
}

#[test]
fn conflicts_sources_and_report_escape_record_text() {
    let store = clean_store();
    let root = store.path();
    std::fs::write(
        root.join("sources/actors/nasty.ron"),
        format!("Source(id: \"nasty\", name: {NASTY:?}, kind: Other, aliases: [{NASTY:?}], note: {NASTY:?})"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    let conflicting = claim("nasty-claim")
        .replace("Exact(143)", "Exact(1)")
        .replace("claimant: \"c\"", "claimant: \"nasty\"")
        .replace("statement: \"x\"", &format!("statement: {NASTY:?}, as_of: {:?}", format!("2024{NASTY}")));
    std::fs::write(root.join("claims/x/nasty.ron"), conflicting).unwrap();
    assert_eq!(run(root, &["hash"]).status.code(), Some(0));
    for args in [
        &["conflicts"][..],
        &["conflicts", "--format", "markdown"],
        &["conflicts", "--format", "json"],
        &["sources"],
        &["sources", "--format", "json"],
        &["report", "--format", "json"],
        &["check"],
    ] {
        let out = run(root, args);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {}", inert(&out));
        let shown = inert(&out);
        assert!(shown.contains("nasty"), "{args:?} shows the records: {shown}");
        if args[0] == "conflicts" && args.get(2) != Some(&"json") {
            assert!(shown.contains("u{1b}"), "{args:?} shows the escapes: {shown}");
        }
    }
}
