//! Programs nobody here wrote that judge an output: Python's `warcio`
//! (WARC captures) and `openpyxl` (workbooks) in `.ci/tools/venv`, and
//! Microsoft's SARIF Multitool in `.ci/tools/npm`. `.ci/run` installs them;
//! a developer's `cargo test` without them skips those checks with a note,
//! while under `CI=true` a missing judge fails the test that needs it.

// Each judge is used by the tests of its own format.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's folder of installed judges.
fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/tools")
}

/// `path` when it exists; otherwise `None` with a note, or a failure in CI.
fn judge(what: &str, path: PathBuf) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v != "true"),
        "{what} is missing at {}: .ci/run installs it",
        path.display()
    );
    eprintln!("note: {what} not installed at {} (run .ci/run once); check skipped", path.display());
    None
}

/// The `warcio` command (`warcio check FILE` verifies a WARC's digests).
pub(crate) fn warcio() -> Option<PathBuf> {
    judge("warcio", tools().join("venv/bin/warcio"))
}

/// The Python interpreter of the judges' virtual environment, which has
/// `openpyxl` and `warcio` importable.
pub(crate) fn python() -> Option<PathBuf> {
    judge("the judges' Python", tools().join("venv/bin/python"))
}

/// Microsoft's SARIF Multitool (`Sarif.Multitool validate --rule-kind Ghas`).
pub(crate) fn sarif_multitool() -> Option<PathBuf> {
    judge(
        "the SARIF Multitool",
        tools().join("npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"),
    )
}
