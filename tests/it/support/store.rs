//! A clean store to break (tests/hostile/store/, copied to a temp folder)
//! and `claimtrail` runs against it, for the hostile-input tests.

use std::path::Path;

pub(crate) const STORE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/store");

/// A claim that is valid in the clean store, except for its hash.
pub(crate) fn claim(id: &str) -> String {
    format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"s\",\n    measure: \"killed\",\n    value: Exact(143),\n    \
         statement: \"x\",\n    claimant: \"c\",\n    citations: [Citation(document: \"d\", quote: \"at least 143 people\")],\n)\n"
    )
}

/// Copies the clean store into a temp folder.
pub(crate) fn clean_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new(STORE), dir.path());
    dir
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `claimtrail ARGS` in `dir` (`support::claimtrail_in`).
pub(crate) fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    super::claimtrail_in(dir, args).output().expect("run")
}

/// `check --format json` findings as `code file` lines, sorted, and the
/// whole output (to look for text that must not be there).
pub(crate) fn check_json(dir: &Path) -> (Vec<String>, String) {
    let out = run(dir, &["check", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let json: serde_json::Value = serde_json::from_str(&text).expect("check JSON");
    let mut found: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| format!("{} {}", d["code"].as_str().unwrap_or("?"), d["file"].as_str().unwrap_or("?")))
        .collect();
    found.sort();
    (found, text)
}
