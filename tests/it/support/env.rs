//! The tests' one environment cleanup, for every process a test starts
//! (claimtrail, git, a shell around them). Standard library only: the fuzz
//! targets include this file by path (through support/surface.rs).

use std::path::Path;
use std::process::Command;

/// The variables of the test runner's environment that no process a test
/// starts may see: a `GIT_DIR`, `GIT_WORK_TREE` or `GIT_INDEX_FILE` set by
/// a git hook that runs the tests would send git and claimtrail to another
/// repository; a CI job's `GITHUB_STEP_SUMMARY` would collect the job
/// summaries of `check --format github`; claimtrail's own switches would
/// change what is being tested (a test that wants one sets it); a proxy
/// would send `archive` and `recheck` past the test's own server on
/// 127.0.0.1.
pub(crate) const LEAKS: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GITHUB_STEP_SUMMARY",
    "CLAIMTRAIL_WALK_INDEX",
    "CLAIMTRAIL_SINCE_SCOPE",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The cleanup: none of [`LEAKS`], and no colour.
pub(crate) fn isolate(cmd: &mut Command) -> &mut Command {
    for name in LEAKS {
        cmd.env_remove(name);
    }
    cmd.env("NO_COLOR", "1")
}

/// git in `dir`, cleaned, without the user's or the system's configuration
/// (no signing, no line-ending conversion, no automatic gc), as `author`
/// at `date` for what it commits.
pub(crate) fn git(dir: &Path, author: &str, date: &str) -> Command {
    let email = format!("{}@example.org", author.to_lowercase().replace(' ', "."));
    let mut cmd = Command::new("git");
    isolate(&mut cmd)
        .current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "-c", "gc.auto=0"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_COMMITTER_DATE", date);
    cmd
}
