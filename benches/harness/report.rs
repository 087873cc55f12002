//! The printed result: the machine, the inputs, every timed command with
//! median, min–max and peak RSS, and each goal of issue 6 as a ratio in
//! the same run. Markdown, so it can go into docs/BENCHMARKS.md as is.

use std::fmt::Write;
use std::time::Duration;

use crate::measure::Stats;
use crate::repo_gen::Repo;

/// What happened to one timed command.
pub(crate) enum Outcome {
    Measured(Stats),
    Unavailable(String),
    Failed(String),
}

pub(crate) struct Row {
    /// The name goals refer to it by.
    pub key: &'static str,
    pub what: String,
    pub command: String,
    pub outcome: Outcome,
}

pub(crate) struct Inputs<'a> {
    pub data: String,
    pub store_bytes: u64,
    pub contested_bytes: u64,
    pub repo_bytes: u64,
    pub o_claims: usize,
    pub repo: &'a Repo,
    pub commits: usize,
}

/// The machine and its load, before and after the run.
pub(crate) struct Machine {
    pub cpus: usize,
    pub cpu: String,
    pub rustc: String,
    pub git: String,
    pub load_before: String,
    pub load_after: String,
    pub runs: usize,
}

impl Machine {
    pub(crate) fn now(runs: usize) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name")?.split(':').nth(1).map(|m| m.trim().to_owned()))
            .unwrap_or_else(|| "unknown".into());
        let sha = if cpuinfo.contains(" sha_ni") { ", SHA-NI" } else { "" };
        Machine {
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu: format!("{cpu}{sha}"),
            rustc: version("rustc"),
            git: version("git"),
            load_before: load(),
            load_after: String::new(),
            runs,
        }
    }

    pub(crate) fn finish(mut self) -> Machine {
        self.load_after = load();
        self
    }
}

pub(crate) fn render(m: &Machine, inputs: &Inputs, rows: &[Row]) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "Machine: {} CPUs ({}), {}, {}.", m.cpus, m.cpu, m.rustc, m.git);
    let _ = writeln!(w, "Load average (1, 5, 15 min): {} before, {} after.", m.load_before, m.load_after);
    let _ = writeln!(w, "Inputs are in $DATA ({}).", inputs.data);
    let _ = writeln!(
        w,
        "Inputs: a store of {} claims + 50 sources + 200 documents ({}); the contested store of as many \
         claims, 8 per subject over three count measures with figures of their own ({}); a repository of {} commits \
         revising 5 claims each over a store of {} record bytes; history follows `{}` ({} versions); \
         the 10k check and its peer use the first 10,000 claims of the big store's generator.",
        inputs.o_claims,
        bytes(inputs.store_bytes),
        bytes(inputs.contested_bytes),
        inputs.commits,
        bytes(inputs.repo_bytes),
        inputs.repo.hot_id,
        inputs.repo.hot_versions,
    );
    let _ = writeln!(
        w,
        "Each command: 1 warm-up, then {} runs; wall time median (min–max), CPU time (user + system) and peak RSS medians.\n",
        m.runs
    );
    let _ = writeln!(w, "| what | median | min–max | CPU | peak RSS | command |");
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---|");
    for row in rows {
        let (median, range, cpu, rss) = match &row.outcome {
            Outcome::Measured(s) => (
                secs(s.median()),
                format!("{}–{}", secs(s.min()), secs(s.max())),
                // Latencies within a session have no CPU time of their own.
                if s.cpu().is_zero() { "–".to_owned() } else { secs(s.cpu()) },
                bytes(s.rss()),
            ),
            Outcome::Unavailable(why) => (why.clone(), String::new(), String::new(), String::new()),
            Outcome::Failed(why) => (format!("failed: {why}"), String::new(), String::new(), String::new()),
        };
        let _ = writeln!(w, "| {} | {median} | {range} | {cpu} | {rss} | `{}` |", row.what, row.command);
    }
    let _ = writeln!(w, "\n| goal | measured | against | ratio | goal | met |");
    let _ = writeln!(w, "|---|---:|---:|---:|---:|:---:|");
    let get = |key: &str| {
        rows.iter().find(|r| r.key == key).and_then(|r| match &r.outcome {
            Outcome::Measured(s) => Some(s),
            _ => None,
        })
    };
    let mut goal =
        |name: &str, a: Option<f64>, b: Option<f64>, shown: (String, String), limit: f64, at_most: bool| {
            let (ratio, met) = match (a, b) {
                (Some(a), Some(b)) if b > 0.0 => {
                    let r = a / b;
                    (
                        format!("{r:.2}×"),
                        if (at_most && r <= limit) || (!at_most && r >= limit) { "yes" } else { "**no**" },
                    )
                }
                _ => ("–".to_owned(), "not measured"),
            };
            let sign = if at_most { "≤" } else { "≥" };
            let _ = writeln!(w, "| {name} | {} | {} | {ratio} | {sign} {limit}× | {met} |", shown.0, shown.1);
        };
    let t = |key: &str| get(key).map(|s| s.median().as_secs_f64());
    let ts = |key: &str| t(key).map_or("–".to_owned(), |v| secs(Duration::from_secs_f64(v)));
    goal("check 100k ÷ parse floor", t("check"), t("floor"), (ts("check"), ts("floor")), 1.5, true);
    let rss = get("check").map(|s| s.rss() as f64);
    let rss_shown = get("check").map_or("–".to_owned(), |s| bytes(s.rss()));
    let store = (inputs.store_bytes > 0).then_some(inputs.store_bytes as f64);
    goal("check 100k peak RSS ÷ record bytes", rss, store, (rss_shown, bytes(inputs.store_bytes)), 2.0, true);
    let rss_c = get("check_contested").map(|s| s.rss() as f64);
    let rss_c_json = get("check_contested_json").map(|s| s.rss() as f64);
    let contested = (inputs.contested_bytes > 0).then_some(inputs.contested_bytes as f64);
    let shown_rss = |key: &str| get(key).map_or("–".to_owned(), |s| bytes(s.rss()));
    goal(
        "check 100k contested ÷ its parse floor",
        t("check_contested"),
        t("floor_contested"),
        (ts("check_contested"), ts("floor_contested")),
        1.5,
        true,
    );
    goal(
        "check --format json 100k contested ÷ its parse floor",
        t("check_contested_json"),
        t("floor_contested"),
        (ts("check_contested_json"), ts("floor_contested")),
        1.5,
        true,
    );
    goal(
        "check 100k contested peak RSS ÷ record bytes",
        rss_c,
        contested,
        (shown_rss("check_contested"), bytes(inputs.contested_bytes)),
        2.0,
        true,
    );
    goal(
        "check --format json 100k contested peak RSS ÷ record bytes",
        rss_c_json,
        contested,
        (shown_rss("check_contested_json"), bytes(inputs.contested_bytes)),
        2.0,
        true,
    );
    goal(
        "check --since HEAD~3 ÷ check (pull request)",
        t("check_since"),
        t("check_pr"),
        (ts("check_since"), ts("check_pr")),
        1.2,
        true,
    );
    goal(
        "hostile file: check of 130k wrong quotes ÷ 2 s",
        t("hostile"),
        Some(2.0),
        (ts("hostile"), "2 s".to_owned()),
        1.0,
        true,
    );
    goal(
        "hostile file: 130k wrong quotes ÷ 65k (linear: ≈ 2×)",
        t("hostile"),
        t("hostile_half"),
        (ts("hostile"), ts("hostile_half")),
        2.5,
        true,
    );
    goal(
        "check of 1,000 HTML pages ÷ the same pages as .txt (text cache warm)",
        t("check_pages_html"),
        t("check_pages_txt"),
        (ts("check_pages_html"), ts("check_pages_txt")),
        1.5,
        true,
    );
    goal(
        "conflicts --history ÷ git log --raw --no-renames -- claims/",
        t("conflicts"),
        t("gitlog"),
        (ts("conflicts"), ts("gitlog")),
        3.0,
        true,
    );
    goal(
        "history ID ÷ git log --raw -- <path>",
        t("history"),
        t("gitlogpath"),
        (ts("history"), ts("gitlogpath")),
        3.0,
        true,
    );
    goal("diff ÷ git diff --raw", t("diff"), t("gitdiff"), (ts("diff"), ts("gitdiff")), 5.0, true);
    goal(
        "check-jsonschema 10k ÷ check 10k (speed-up)",
        t("jsonschema"),
        t("check10k"),
        (ts("jsonschema"), ts("check10k")),
        20.0,
        false,
    );
    goal(
        "ajv-cli 10k ÷ check 10k (speed-up)",
        t("ajv"),
        t("check10k"),
        (ts("ajv"), ts("check10k")),
        4.0,
        false,
    );
    goal(
        "check-jsonschema 10k contested ÷ check 10k contested (speed-up)",
        t("jsonschema_contested"),
        t("check10k_contested"),
        (ts("jsonschema_contested"), ts("check10k_contested")),
        20.0,
        false,
    );
    goal(
        "ajv-cli 10k contested ÷ check 10k contested (speed-up)",
        t("ajv_contested"),
        t("check10k_contested"),
        (ts("ajv_contested"), ts("check10k_contested")),
        4.0,
        false,
    );
    goal(
        "lsp: start to first diagnostics ÷ check 100k",
        t("lsp_load"),
        t("check"),
        (ts("lsp_load"), ts("check")),
        1.0,
        true,
    );
    let lsp_rss = get("lsp_load").map(|s| s.rss() as f64);
    goal(
        "lsp: peak RSS of a session ÷ check 100k peak RSS",
        lsp_rss,
        rss,
        (
            get("lsp_load").map_or("–".to_owned(), |s| bytes(s.rss())),
            get("check").map_or("–".to_owned(), |s| bytes(s.rss())),
        ),
        1.0,
        true,
    );
    goal(
        "lsp: diagnostics after a change to one claim (median) ÷ 50 ms",
        t("lsp_edit"),
        Some(0.05),
        (ts("lsp_edit"), "50 ms".to_owned()),
        1.0,
        true,
    );
    // The goals above are met with the walk index warm (the state after
    // any earlier history command). For comparison, the same ratios when
    // each run first builds the index, and with the index off.
    let _ = writeln!(w, "\n| the same ratio | index warm | building the index | index off |");
    let _ = writeln!(w, "|---|---:|---:|---:|");
    for (name, key, floor) in [
        ("conflicts --history ÷ git log --raw --no-renames -- claims/", "conflicts", "gitlog"),
        ("history ID ÷ git log --raw -- <path>", "history", "gitlogpath"),
        ("diff ÷ git diff --raw", "diff", "gitdiff"),
    ] {
        let ratio = |k: &str| match (t(k), t(floor)) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
            _ => "–".to_owned(),
        };
        let (build, off) = (format!("{key}_build"), format!("{key}_off"));
        let _ = writeln!(w, "| {name} | {} | {} | {} |", ratio(key), ratio(&build), ratio(&off));
    }
    let patch = match (t("diff"), t("gitpatch"), t("gitdiff")) {
        (Some(d), Some(p), Some(raw)) if raw > 0.0 => format!(
            "\n`git diff -p` of the same revisions, which reads both sides of every changed file: {} = {:.2}× `git diff --raw`; `diff` is {:.2}× that.\n",
            secs(Duration::from_secs_f64(p)),
            p / raw,
            d / p
        ),
        _ => String::new(),
    };
    let _ = write!(w, "{patch}");
    out
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 0.01 {
        format!("{:.1} ms", s * 1000.0)
    } else if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

fn bytes(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

fn version(program: &str) -> String {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|_| format!("{program}: not found"))
}

fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().take(3).collect::<Vec<_>>().join(", ")
}
