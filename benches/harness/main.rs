//! The benchmark harness (issue 6): generates inputs from a seed, times
//! claimtrail's commands as whole processes next to their floors and
//! peers, and prints the figures and the ratios against the goals.
//!
//! Run: `cargo bench --bench harness -- [--runs N] [--seed N] [--only GROUPS]`
//! (CONTRIBUTING.md, "Benchmarks"). `harness floor-parse DIR` is the parse
//! floor, run by the harness as its own process.

mod corpus;
mod floor;
mod groups;
mod hostile;
mod lsp;
mod measure;
mod pages;
mod peers;
mod repo_gen;
mod report;
mod rng;
mod store_gen;
mod world;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use measure::{Cmd, measure};
use report::{Outcome, Row};
use store_gen::Shape;

/// What a run measures and where.
struct Options {
    runs: usize,
    seed: u64,
    data: PathBuf,
    claims: usize,
    repo_claims: usize,
    commits: usize,
    only: Vec<String>,
    claimtrail: PathBuf,
    /// Sizes of the large-group stores (`--group-claims 2000,20000`).
    group_claims: Vec<usize>,
}

/// claimtrail's switch for its walk index.
const INDEX_ENV: &str = "CLAIMTRAIL_WALK_INDEX";

const GROUPS: &[&str] = &[
    "store",
    "contested",
    "pr",
    "hostile",
    "pages",
    "conflicts",
    "history",
    "diff",
    "peer",
    "lsp",
    "groups",
];

/// Edits timed in each language-server session, and sessions of the
/// whole-store baseline (each of its edits checks the whole store).
const LSP_EDITS: usize = 20;
const LSP_BASELINE_EDITS: usize = 5;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("floor-parse") {
        let Some(dir) = args.get(1) else { return usage("floor-parse DIR") };
        return match floor::run(Path::new(dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("floor-parse: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let options = match parse_options(&args) {
        Ok(o) => o,
        Err(e) => return usage(&e),
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harness: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(o: &Options) -> std::io::Result<()> {
    let wants = |g: &str| o.only.is_empty() || o.only.iter().any(|x| x == g);
    let ct = &o.claimtrail;
    let me = std::env::current_exe()?;
    let machine = report::Machine::now(o.runs);
    eprintln!("generating inputs in {} (seed {}) …", o.data.display(), o.seed);
    let t = Instant::now();
    let store = o.data.join(format!("store-{}k-s{}", o.claims / 1000, o.seed));
    let big_store = wants("store") || wants("lsp");
    let store_bytes =
        if big_store { store_gen::store(&store, o.seed, o.claims, Shape::Agreeing)? } else { 0 };
    let contested = o.data.join(format!("contested-{}k-s{}", o.claims / 1000, o.seed));
    let contested_bytes = if wants("contested") {
        store_gen::store(&contested, o.seed, o.claims, Shape::Contested)?
    } else {
        0
    };
    let repo_dir = o.data.join(format!("repo-{}k-{}c-s{}", o.repo_claims / 1000, o.commits, o.seed));
    let needs_repo = ["pr", "conflicts", "history", "diff"].iter().any(|g| wants(g));
    let (repo, repo_bytes) = if needs_repo {
        (repo_gen::repo(&repo_dir, o.seed, o.repo_claims, o.commits)?, store_gen::record_bytes(&repo_dir)?)
    } else {
        (repo_gen::Repo { hot_id: String::new(), hot_path: String::new(), hot_versions: 0 }, 0)
    };
    let pr_dir = o.data.join(format!("pr-{}k-{}c-s{}", o.repo_claims / 1000, o.commits, o.seed));
    if wants("pr") {
        repo_gen::pull_request(&repo_dir, &pr_dir, o.seed)?;
    }
    eprintln!("inputs ready in {:.1} s", t.elapsed().as_secs_f64());

    let s = store.to_str().expect("UTF-8 data path");
    let r = repo_dir.to_str().expect("UTF-8 data path");
    let back = format!("HEAD~{}", o.commits / 2);
    // The walk index claimtrail keeps in the repository (warm after each
    // warm-up run); the `_build` rows remove it before every run.
    let index_dir = repo_dir.join(".git/claimtrail");
    let mut rows = Vec::new();
    let mut time = |key: &'static str, what: String, cmd: Cmd, available: Result<(), String>| {
        eprintln!("timing {what} …");
        let outcome = match available {
            Err(why) => Outcome::Unavailable(why),
            Ok(()) => match measure(&cmd, o.runs) {
                Ok(stats) => Outcome::Measured(stats),
                Err(e) => Outcome::Failed(e.to_string()),
            },
        };
        let command = cmd.shown().replace(&o.data.display().to_string(), "$DATA");
        rows.push(Row { key, what, command, outcome });
    };
    if wants("store") {
        let n = o.claims / 1000;
        time("floor", format!("parse floor, {n}k claims"), Cmd::new(&me, &["floor-parse", s]), Ok(()));
        time("check", format!("check, {n}k claims"), Cmd::new(ct, &["-C", s, "check"]), Ok(()));
    }
    if wants("contested") {
        let n = o.claims / 1000;
        let c = contested.to_str().expect("UTF-8 data path");
        let floor = Cmd::new(&me, &["floor-parse", c]);
        time("floor_contested", format!("parse floor, {n}k contested claims"), floor, Ok(()));
        let cmd = Cmd::new(ct, &["-C", c, "check"]).ok_statuses(&[0, 1]);
        time("check_contested", format!("check, {n}k contested claims"), cmd, Ok(()));
        let cmd = Cmd::new(ct, &["-C", c, "check", "--format", "json"]).ok_statuses(&[0, 1]);
        time("check_contested_json", format!("check --format json, {n}k contested claims"), cmd, Ok(()));
    }
    if wants("pr") {
        let p = pr_dir.to_str().expect("UTF-8 data path");
        let cmd = Cmd::new(ct, &["-C", p, "check"]).ok_statuses(&[0, 1]);
        time("check_pr", "check, the pull request's tree".into(), cmd, Ok(()));
        let cmd = Cmd::new(ct, &["-C", p, "check", "--since", "HEAD~3"]).ok_statuses(&[0, 1]);
        time("check_since", "check --since HEAD~3 (the pull request's 3 commits)".into(), cmd, Ok(()));
        let cmd =
            Cmd::new(ct, &["-C", p, "check", "--since", "HEAD~3", "--format", "github"]).ok_statuses(&[0, 1]);
        time("check_since_github", "check --since HEAD~3 --format github".into(), cmd, Ok(()));
    }
    if wants("hostile") {
        for (key, citations) in [("hostile_half", 65_000), ("hostile", 130_000)] {
            let dir = o.data.join(format!("hostile-{}k-s{}", citations / 1000, o.seed));
            let bytes = hostile::store(&dir, o.seed, citations)?;
            let d = dir.to_str().expect("UTF-8 data path");
            let what = format!(
                "check, one file of {} MB with {}k quotes not in their document",
                bytes / 1_000_000,
                citations / 1000
            );
            time(key, what, Cmd::new(ct, &["-C", d, "check"]).ok_statuses(&[0, 1]), Ok(()));
        }
    }
    if wants("pages") {
        // Issue 24: 1,000 documents as real-sized HTML pages against the
        // same store with each page's readable text as `.txt`.
        for (key, kind, what) in [
            ("check_pages_html", pages::Pages::Html, "HTML pages of 100–300 KB"),
            ("check_pages_txt", pages::Pages::Text, "the same pages' text as .txt"),
        ] {
            let dir = o.data.join(format!("pages-{kind:?}-1k-s{}", o.seed).to_lowercase());
            let bytes = pages::store(&dir, o.seed, 1000, kind)?;
            let d = dir.to_str().expect("UTF-8 data path");
            let what = format!("check, 1,000 documents: {what} ({} MB of snapshots)", bytes / 1_000_000);
            time(key, what, Cmd::new(ct, &["-C", d, "check"]).ok_statuses(&[0, 1]), Ok(()));
        }
    }
    if wants("conflicts") {
        let git = Cmd::new("git", &["-C", r, "log", "--raw", "--no-renames", "--", "claims/"]);
        time("gitlog", "git log --raw --no-renames -- claims/".into(), git, Ok(()));
        let args = ["-C", r, "conflicts", "--history"];
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]);
        time("conflicts", "conflicts --history".into(), cmd, available(ct, "conflicts", "--history"));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).reset(&index_dir);
        time("conflicts_build", "conflicts --history, building the walk index".into(), cmd, Ok(()));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).env(INDEX_ENV, "off");
        time("conflicts_off", "conflicts --history, walk index off".into(), cmd, Ok(()));
    }
    if wants("history") {
        let git = Cmd::new("git", &["-C", r, "log", "--raw", "--", &repo.hot_path]);
        time("gitlogpath", "git log --raw -- <path>".into(), git, Ok(()));
        let what = format!("history ID ({} versions)", repo.hot_versions);
        let args = ["-C", r, "history", &repo.hot_id];
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]);
        time("history", what.clone(), cmd, available(ct, "history", ""));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).reset(&index_dir);
        time("history_build", format!("{what}, building the walk index"), cmd, Ok(()));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).env(INDEX_ENV, "off");
        time("history_off", format!("{what}, walk index off"), cmd, Ok(()));
    }
    if wants("diff") {
        let git = Cmd::new("git", &["-C", r, "diff", "--raw", &back, "HEAD"]);
        time("gitdiff", format!("git diff --raw {back} HEAD"), git, Ok(()));
        // Not a floor: git's own diff of the contents, which reads both
        // sides of every changed file as `claimtrail diff` must.
        let patch = Cmd::new("git", &["-C", r, "diff", &back, "HEAD"]);
        time("gitpatch", format!("git diff {back} HEAD (patch: reads both sides)"), patch, Ok(()));
        let args = ["-C", r, "diff", &back, "HEAD"];
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]);
        time("diff", format!("diff {back} HEAD"), cmd, available(ct, "diff", ""));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).reset(&index_dir);
        time("diff_build", format!("diff {back} HEAD, building the walk index"), cmd, Ok(()));
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]).env(INDEX_ENV, "off");
        time("diff_off", format!("diff {back} HEAD, walk index off"), cmd, Ok(()));
    }
    if wants("peer") {
        let n = o.repo_claims / 1000;
        let shapes = [
            (Shape::Agreeing, "store", ["check10k", "jsonschema", "ajv"]),
            (Shape::Contested, "contested", ["check10k_contested", "jsonschema_contested", "ajv_contested"]),
        ];
        for (shape, name, keys) in shapes {
            let small = o.data.join(format!("{name}-{n}k-s{}", o.seed));
            store_gen::store(&small, o.seed, o.repo_claims, shape)?;
            let st = small.to_str().expect("UTF-8 data path");
            let kind = if shape == Shape::Contested { " contested" } else { "" };
            let cmd = Cmd::new(ct, &["-C", st, "check"]).ok_statuses(&[0, 1]);
            time(keys[0], format!("check, {n}k{kind} claims"), cmd, Ok(()));
            let json = o.data.join(format!("json-{name}-{n}k-s{}", o.seed));
            let files = peers::claims_as_json(&small, &json, &format!("json v3 of {st}\n"))?;
            let (cmd, available, version) = peers::check_jsonschema_cmd(&files);
            time(keys[1], format!("{version}, {n}k{kind} claims as JSON"), cmd, available);
            let (cmd, available, version) = peers::ajv_cmd(&json, files.len());
            time(keys[2], format!("{version}, {n}k{kind} claims as JSON"), cmd, available);
        }
    }
    if wants("lsp") {
        let n = o.claims / 1000;
        if !wants("store") {
            time("check", format!("check, {n}k claims"), Cmd::new(ct, &["-C", s, "check"]), Ok(()));
        }
        eprintln!("timing claimtrail lsp …");
        rows.extend(lsp_rows(o, &store, n)?);
    }
    let mut group_stores = Vec::new();
    if wants("groups") {
        for &n in &o.group_claims {
            group_stores.push(groups::stores(ct, &o.data, o.seed, n)?);
        }
        let mut time = |key: &'static str, what: String, cmd: Cmd| {
            eprintln!("timing {what} …");
            let outcome = match measure(&cmd, o.runs) {
                Ok(stats) => Outcome::Measured(stats),
                Err(e) => Outcome::Failed(e.to_string()),
            };
            let command = cmd.shown().replace(&o.data.display().to_string(), "$DATA");
            rows.push(Row { key, what, command, outcome });
        };
        for stores in &group_stores {
            for (key, what, cmd) in groups::commands(ct, stores) {
                time(key, what, cmd);
            }
        }
        for stores in &group_stores {
            eprintln!("timing claimtrail lsp, {} claims in groups …", stores.claims);
            rows.extend(groups::lsp(ct, stores, o.runs)?);
        }
    }
    let inputs = report::Inputs {
        data: o.data.display().to_string(),
        store_bytes,
        contested_bytes,
        repo_bytes,
        o_claims: o.claims,
        repo: &repo,
        commits: o.commits,
    };
    let mut text = report::render(&machine.finish(), &inputs, &rows);
    if wants("groups") {
        text.push_str(&groups::ratios(&o.group_claims, &rows));
    }
    println!("{text}");
    std::fs::write(o.data.join("results.md"), &text)?;
    eprintln!("written to {}", o.data.join("results.md").display());
    Ok(())
}

/// The language server's rows: its load (spawn to the first diagnostics
/// of an opened claim) and the latency of diagnostics after an edit of
/// that claim, in sessions of [`LSP_EDITS`] edits after a warm-up one;
/// then the same edits with the whole store checked each time.
fn lsp_rows(o: &Options, store: &Path, n: usize) -> std::io::Result<Vec<Row>> {
    let ct = &o.claimtrail;
    if let Err(why) = available(ct, "lsp", "") {
        let row = |key, what: &str| Row {
            key,
            what: what.to_owned(),
            command: "claimtrail lsp".to_owned(),
            outcome: Outcome::Unavailable(why.clone()),
        };
        return Ok(vec![row("lsp_load", "lsp"), row("lsp_edit", "lsp edits")]);
    }
    let claim = lsp::edited_claim(&world::World::new(o.seed), store)?;
    lsp::session(ct, store, &claim, 2, false)?;
    let sessions = (0..o.runs)
        .map(|_| lsp::session(ct, store, &claim, LSP_EDITS, false))
        .collect::<std::io::Result<Vec<_>>>()?;
    let baseline = lsp::session(ct, store, &claim, LSP_BASELINE_EDITS, true)?;
    let latencies = |sessions: &[&lsp::Session]| measure::Stats {
        samples: sessions
            .iter()
            .flat_map(|s| {
                s.edits.iter().map(|&wall| measure::Sample { wall, rss: s.load.rss, cpu: Default::default() })
            })
            .collect(),
    };
    let shown = |args: &str| format!("claimtrail lsp{args} (in $DATA/store-{n}k-s{})", o.seed);
    let all: Vec<&lsp::Session> = sessions.iter().collect();
    Ok(vec![
        Row {
            key: "lsp_load",
            what: format!("lsp: start, load, first diagnostics of one claim, {n}k claims"),
            command: shown(""),
            outcome: Outcome::Measured(measure::Stats { samples: sessions.iter().map(|s| s.load).collect() }),
        },
        Row {
            key: "lsp_edit",
            what: format!("lsp: diagnostics after a change to one claim ({} edits)", all.len() * LSP_EDITS),
            command: shown(""),
            outcome: Outcome::Measured(latencies(&all)),
        },
        Row {
            key: "lsp_edit_whole",
            what: format!("lsp: the same, checking the whole store ({LSP_BASELINE_EDITS} edits)"),
            command: shown(" --check-whole-store"),
            outcome: Outcome::Measured(latencies(&[&baseline])),
        },
    ])
}

/// Whether the claimtrail binary has a subcommand (and flag): commands of
/// issues not merged yet get "not available yet" in the table.
fn available(ct: &Path, sub: &str, flag: &str) -> Result<(), String> {
    let out = std::process::Command::new(ct).args([sub, "--help"]).output().map_err(|e| e.to_string())?;
    let help = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && help.contains(flag) { Ok(()) } else { Err("not available yet".to_owned()) }
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        runs: 5,
        seed: 1,
        data: Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"),
        claims: 100_000,
        repo_claims: 10_000,
        commits: 2_000,
        only: Vec::new(),
        claimtrail: PathBuf::from(env!("CARGO_BIN_EXE_claimtrail")),
        group_claims: vec![2_000, 20_000],
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        let number =
            |v: String| v.replace('_', "").parse::<u64>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--runs" => o.runs = number(value()?)?.max(1) as usize,
            "--seed" => o.seed = number(value()?)?,
            "--claims" => o.claims = number(value()?)? as usize,
            "--repo-claims" => o.repo_claims = number(value()?)?.max(100) as usize,
            "--commits" => o.commits = number(value()?)?.max(2) as usize,
            "--data" => o.data = PathBuf::from(value()?),
            "--claimtrail" => o.claimtrail = PathBuf::from(value()?),
            "--group-claims" => {
                o.group_claims = value()?
                    .split(',')
                    .map(|n| {
                        n.replace('_', "")
                            .parse::<usize>()
                            .map_err(|_| format!("--group-claims: not a number: {n}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--only" => {
                o.only = value()?.split(',').map(str::to_owned).collect();
                if let Some(bad) = o.only.iter().find(|g| !GROUPS.contains(&g.as_str())) {
                    return Err(format!("--only: no group `{bad}`"));
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(o)
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "harness: {problem}\n\nusage: cargo bench --bench harness -- [--runs N] [--seed N] [--data DIR]\n       \
         [--claims N] [--repo-claims N] [--commits N] [--group-claims N,N] [--claimtrail PATH] [--only {}]",
        GROUPS.join(",")
    );
    ExitCode::from(2)
}
