//! A small git repository builder for integration tests: files are written
//! and committed with the git CLI, with fixed authors and dates, so commit
//! ids are the same on every run (and in snapshots). Git runs without the
//! user's or the system's configuration. Every process a test starts goes
//! through [`env::isolate`]: [`claimtrail`], [`claimtrail_in`] and
//! [`claimtrail_command`] for the binary, [`git_command`] and [`Repo`] for git.

pub(crate) mod env;
pub(crate) mod judges;
pub(crate) mod lsp_client;
pub(crate) mod pipeline;
pub(crate) mod scenario;
pub(crate) mod store;
pub(crate) mod stores;
pub(crate) mod story;
pub(crate) mod surface;
pub(crate) mod web_server;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A repository in a temporary folder.
pub(crate) struct Repo {
    dir: TempDir,
    commits: u32,
}

impl Repo {
    /// An empty repository on branch `main`.
    pub(crate) fn new() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().expect("temp dir"), commits: 0 };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (folders created).
    pub(crate) fn write(&self, rel: &str, text: &str) -> &Repo {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Writes a record with its correct hash, and `revises` set to the hash
    /// of the version it replaces, as `claimtrail hash` would.
    pub(crate) fn write_record(&self, rel: &str, text: &str) -> &Repo {
        self.write(rel, &seal(text, self.read(rel).as_deref()))
    }

    pub(crate) fn read(&self, rel: &str) -> Option<String> {
        std::fs::read_to_string(self.path().join(rel)).ok()
    }

    pub(crate) fn remove(&self, rel: &str) -> &Repo {
        std::fs::remove_file(self.path().join(rel)).expect("remove");
        self
    }

    /// Moves a file with `git mv`.
    pub(crate) fn mv(&self, from: &str, to: &str) -> &Repo {
        let target = self.path().join(to);
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("mkdir");
        self.git(&["mv", from, to]);
        self
    }

    /// Commits everything as `author`, one day after the previous commit;
    /// returns the commit id.
    pub(crate) fn commit(&mut self, author: &str, message: &str) -> String {
        self.commits += 1;
        let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 22).expect("a date")
            + chrono::Days::new(u64::from(self.commits));
        let date = format!("{day}T12:00:00+03:00");
        self.git(&["add", "-A"]);
        self.git_as(author, &date, &["commit", "-q", "--allow-empty", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs git, which may fail (a merge with conflicts); its standard
    /// output and error, and whether it succeeded.
    pub(crate) fn try_git(&self, args: &[&str]) -> (String, bool) {
        let out =
            git_command(self.path(), "Test", "2024-01-01T00:00:00+00:00", args).output().expect("git runs");
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (text, out.status.success())
    }

    /// Runs git, which may fail, with a PATH that holds no `claimtrail`
    /// (the built one is not put first): as on a machine where it is not
    /// installed.
    pub(crate) fn try_git_without_claimtrail(&self, args: &[&str]) -> (String, bool) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let kept: Vec<PathBuf> =
            std::env::split_paths(&path).filter(|dir| !dir.join("claimtrail").exists()).collect();
        let path = std::env::join_paths(kept).expect("a PATH");
        let out = git_command(self.path(), "Test", "2024-01-01T00:00:00+00:00", args)
            .env("PATH", path)
            .output()
            .expect("git runs");
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (text, out.status.success())
    }

    /// Runs git in the repository; its trimmed standard output.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        self.git_as("Test", "2024-01-01T00:00:00+00:00", args)
    }

    fn git_as(&self, author: &str, date: &str, args: &[&str]) -> String {
        git_in(self.path(), author, date, args)
    }

    /// A `git clone --depth 1` of this repository.
    pub(crate) fn shallow_clone(&self) -> TempDir {
        let dest = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", self.path().display());
        let target = dest.path().join("clone");
        git_in(
            dest.path(),
            "Test",
            "2024-01-01T00:00:00+00:00",
            &["clone", "-q", "--depth", "1", &url, "clone"],
        );
        assert!(target.join(".git/shallow").exists(), "the clone is shallow");
        dest
    }

    /// Deletes the loose object of the blob at `rev:path` (as a damaged or
    /// incomplete repository would lack it).
    pub(crate) fn delete_object(&self, spec: &str) {
        let id = self.git(&["rev-parse", spec]);
        let path: PathBuf = self.path().join(".git/objects").join(&id[..2]).join(&id[2..]);
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    /// The claimtrail binary, run in the repository, without colour.
    pub(crate) fn claimtrail(&self, args: &[&str]) -> assert_cmd::Command {
        claimtrail_in(self.path(), args)
    }
}

/// The claimtrail binary, run in `dir`, without colour (see [`isolate`]).
pub(crate) fn claimtrail_in(dir: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = claimtrail_command();
    cmd.current_dir(dir).args(args);
    assert_cmd::Command::from_std(cmd)
}

pub(crate) use env::isolate;

/// The built claimtrail binary, cleaned ([`isolate`]), in the test's own
/// folder: for a test that spawns it or wraps it (a kill, a server, a
/// shell with limits).
pub(crate) fn claimtrail_command() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("claimtrail"));
    isolate(&mut cmd);
    cmd
}

/// The built claimtrail binary, cleaned, in the test's own folder (for
/// `-C DIR`, or a command that needs no store).
pub(crate) fn claimtrail() -> assert_cmd::Command {
    assert_cmd::Command::from_std(claimtrail_command())
}

/// How many cases a proptest property runs: `default` (CI's bound), or
/// `PROPTEST_CASES` for a long run (CONTRIBUTING.md, "Fuzzing").
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs a command; its standard output, its exit status.
pub(crate) fn output(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().expect("claimtrail runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
        out.status.code().expect("an exit status"),
    )
}

fn git_in(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
    let out = git_command(dir, author, date, args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8").trim().to_owned()
}

/// git in `dir` as `author` at `date` (see [`env::git`]), with the built
/// `claimtrail` first on the PATH (for the textconv and the merge driver
/// that `init --git` registers).
pub(crate) fn git_command(dir: &Path, author: &str, date: &str, args: &[&str]) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("claimtrail");
    let mut path = std::ffi::OsString::from(bin.parent().expect("the binary is in a folder"));
    if let Some(rest) = std::env::var_os("PATH") {
        path.push(":");
        path.push(rest);
    }
    let mut cmd = env::git(dir, author, date);
    cmd.args(args).env("PATH", path);
    cmd
}

/// A record text sealed with its hash; `revises` set to the previous
/// version's hash, as `claimtrail hash` does.
pub(crate) fn seal(text: &str, previous: Option<&str>) -> String {
    let old = previous.and_then(|p| {
        let start = p.find("\n    hash: \"")? + 12;
        Some(p[start..start + 71].to_owned())
    });
    let text = match old {
        Some(h) if !text.contains("\n    hash: ") => {
            text.replacen("\n)", &format!("\n    hash: \"{h}\",\n)"), 1)
        }
        _ => text.to_owned(),
    };
    match claimtrail::internals::text::reseal_text::reseal(&text).expect("the test record parses") {
        claimtrail::internals::text::reseal_text::Reseal::Changed { text, .. } => text,
        claimtrail::internals::text::reseal_text::Reseal::UpToDate => text,
    }
}

/// The store every test starts from: configuration, measures, sources
/// and documents (no snapshots, so quotes are not checked).
pub(crate) fn base_store(repo: &Repo) {
    repo.write(
        "claimtrail.ron",
        "Config(claims: \"claims\", sources: \"sources\", measures: \"schemas/measures.ron\")\n",
    );
    repo.write(
        "schemas/measures.ron",
        "[\n    Measure(id: \"killed\", kind: Count, unit: \"people\", trend: NonDecreasing),\n    Measure(id: \"wounded\", kind: Count, unit: \"people\", trend: NonDecreasing),\n]\n",
    );
    repo.write_record(
        "sources/actors/ic.ron",
        "Source(\n    id: \"ic\",\n    name: \"Investigative Committee of Russia\",\n    kind: Government,\n)\n",
    );
    repo.write_record(
        "sources/actors/tass.ron",
        "Source(\n    id: \"tass\",\n    name: \"TASS\",\n    kind: NewsAgency,\n)\n",
    );
    for day in ["23", "24"] {
        repo.write_record(
            &format!("sources/documents/tass-2024-03-{day}.ron"),
            &format!(
                "Document(\n    id: \"tass-2024-03-{day}\",\n    publisher: \"tass\",\n    title: \"Crocus City Hall toll\",\n    published: \"2024-03-{day}\",\n)\n"
            ),
        );
    }
}

/// A claim of the Crocus City Hall attack's tolls, by the Investigative
/// Committee: `(id, measure, value, as_of, statement)` and citations.
pub(crate) fn toll(claim: (&str, &str, u64, &str, &str), citations: &[(&str, &str)]) -> String {
    let (id, measure, value, as_of, statement) = claim;
    let cites: String = citations
        .iter()
        .map(|(doc, quote)| format!("        Citation(document: \"{doc}\", quote: \"{quote}\"),\n"))
        .collect();
    format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"crocus-city-hall-attack-2024\",\n    measure: \"{measure}\",\n    value: Exact({value}),\n    as_of: \"{as_of}\",\n    statement: \"{statement}\",\n    claimant: \"ic\",\n    citations: [\n{cites}    ],\n)\n"
    )
}
