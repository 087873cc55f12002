//! Large groups (issue 27): stores whose claims sit in one group of N
//! differing figures (every pair conflicts), against the same N claims in
//! groups of 8. Each command is timed on both; the ratios say whether the
//! work grows with the claims or with their pairs (goal: at most 2× in
//! time and in peak memory).

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use crate::measure::{Cmd, Stats};
use crate::report::{Outcome, Row};
use crate::store_gen::{self, Shape};

/// Claims of a spread group.
pub(crate) const SPREAD: usize = 8;

/// The stores of one size: one group, and groups of [`SPREAD`].
pub(crate) struct Stores {
    pub claims: usize,
    pub one: PathBuf,
    pub spread: PathBuf,
    /// An empty store (the world's fixed files) and the CSV tables of the
    /// one-group and spread stores, for `import --dry-run`.
    pub empty: PathBuf,
    pub csv_one: (PathBuf, PathBuf),
    pub csv_spread: (PathBuf, PathBuf),
}

/// Generates (or reuses) the stores of `claims` claims, and their CSV.
pub(crate) fn stores(ct: &Path, data: &Path, seed: u64, claims: usize) -> io::Result<Stores> {
    let n = claims;
    let one = data.join(format!("group-one-{n}-s{seed}"));
    let spread = data.join(format!("group-spread-{n}-s{seed}"));
    store_gen::store(&one, seed, claims, Shape::Figures(claims))?;
    store_gen::store(&spread, seed, claims, Shape::Figures(SPREAD))?;
    let empty = data.join(format!("group-empty-s{seed}"));
    if !empty.join("claims").is_dir() {
        store_gen::write_all(&empty, &crate::world::World::new(seed).fixed_files())?;
        std::fs::create_dir_all(empty.join("claims"))?;
    }
    let csv_one = csv(ct, &one)?;
    let csv_spread = csv(ct, &spread)?;
    Ok(Stores { claims, one, spread, empty, csv_one, csv_spread })
}

/// `export --format csv` of a store's claims and citations, beside it.
fn csv(ct: &Path, store: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let claims = store.with_extension("claims.csv");
    let citations = store.with_extension("citations.csv");
    for (table, path) in [("claims", &claims), ("citations", &citations)] {
        if path.exists() {
            continue;
        }
        let s = store.to_str().expect("UTF-8 data path");
        let p = path.to_str().expect("UTF-8 data path");
        let status = std::process::Command::new(ct)
            .args(["-C", s, "export", "--format", "csv", "--table", table, "-o", p])
            .status()?;
        if !status.success() {
            return Err(io::Error::other(format!("export --table {table} of {s} failed")));
        }
    }
    Ok((claims, citations))
}

/// The timed commands of one store: (key suffix, what, arguments after
/// `-C STORE`).
const COMMANDS: &[(&str, &str, &[&str])] = &[
    ("check", "check", &["check"]),
    ("check_json", "check --format json", &["check", "--format", "json"]),
    ("check_sarif", "check --format sarif", &["check", "--format", "sarif"]),
    ("check_github", "check --format github", &["check", "--format", "github"]),
    ("conflicts", "conflicts --format json", &["conflicts", "--format", "json"]),
    ("report", "report --format json", &["report", "--format", "json"]),
];

/// Every command of both stores of a size, as (key, what, command).
pub(crate) fn commands(ct: &Path, s: &Stores) -> Vec<(&'static str, String, Cmd)> {
    let mut out = Vec::new();
    let n = s.claims;
    for (side, store, csv) in [("one", &s.one, &s.csv_one), ("spread", &s.spread, &s.csv_spread)] {
        let dir = store.to_str().expect("UTF-8 data path");
        let label =
            if side == "one" { format!("one group of {n}") } else { format!("{n} in groups of {SPREAD}") };
        for (key, what, args) in COMMANDS {
            let mut all = vec!["-C", dir];
            all.extend_from_slice(args);
            let cmd = Cmd::new(ct, &all).ok_statuses(&[0, 1]);
            out.push((key_of(n, side, key), format!("{what}, {label}"), cmd));
        }
        let empty = s.empty.to_str().expect("UTF-8 data path");
        let (claims, citations) = (csv.0.to_str().expect("UTF-8"), csv.1.to_str().expect("UTF-8"));
        let args = ["-C", empty, "import", "--format", "csv", claims, "--citations", citations, "--dry-run"];
        let cmd = Cmd::new(ct, &args).ok_statuses(&[0, 1]);
        out.push((key_of(n, side, "import"), format!("import --dry-run, {label} as CSV"), cmd));
    }
    out
}

/// The language server's publish of one claim of each store: spawn,
/// load, the first diagnostics of the group's first claim.
pub(crate) fn lsp(ct: &Path, s: &Stores, runs: usize) -> io::Result<Vec<Row>> {
    let mut rows = Vec::new();
    let n = s.claims;
    for (side, store) in [("one", &s.one), ("spread", &s.spread)] {
        let rel = first_claim(store)?;
        let text = std::fs::read_to_string(store.join(&rel))?;
        let claim = (rel, text, ["Exact(1)".to_owned(), "Exact(2)".to_owned()]);
        crate::lsp::session(ct, store, &claim, 0, false)?;
        let samples = (0..runs)
            .map(|_| crate::lsp::session(ct, store, &claim, 0, false).map(|s| s.load))
            .collect::<io::Result<Vec<_>>>()?;
        let label =
            if side == "one" { format!("one group of {n}") } else { format!("{n} in groups of {SPREAD}") };
        rows.push(Row {
            key: key_of(n, side, "lsp"),
            what: format!("lsp: start, load, first diagnostics of one claim, {label}"),
            command: "claimtrail lsp".to_owned(),
            outcome: Outcome::Measured(Stats { samples }),
        });
    }
    Ok(rows)
}

/// The first claim file of a store (by path).
fn first_claim(store: &Path) -> io::Result<String> {
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(store.join("claims"))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    let dir = dirs.first().ok_or_else(|| io::Error::other("a store without claims"))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let file = files.first().ok_or_else(|| io::Error::other("an empty subject folder"))?;
    Ok(file.strip_prefix(store).map_err(io::Error::other)?.to_string_lossy().into_owned())
}

/// `groups_2000_one_check`: keys live as long as the run.
fn key_of(n: usize, side: &str, what: &str) -> &'static str {
    Box::leak(format!("groups_{n}_{side}_{what}").into_boxed_str())
}

/// The ratios of one group to groups of [`SPREAD`], per size and command.
pub(crate) fn ratios(sizes: &[usize], rows: &[Row]) -> String {
    let get = |key: String| {
        rows.iter().find(|r| r.key == key).and_then(|r| match &r.outcome {
            Outcome::Measured(s) => Some(s),
            _ => None,
        })
    };
    let mut w = String::new();
    let _ = writeln!(
        w,
        "\n| large groups: one group ÷ groups of {SPREAD} | claims | time | peak RSS | goal | met |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|:---:|");
    let names = COMMANDS
        .iter()
        .map(|c| (c.0, c.1))
        .chain([("import", "import --dry-run (CSV)"), ("lsp", "lsp: one claim's first diagnostics")]);
    for &n in sizes {
        for (key, what) in names.clone() {
            let (Some(a), Some(b)) =
                (get(format!("groups_{n}_one_{key}")), get(format!("groups_{n}_spread_{key}")))
            else {
                continue;
            };
            let t = a.median().as_secs_f64() / b.median().as_secs_f64().max(1e-9);
            let m = a.rss() as f64 / (b.rss() as f64).max(1.0);
            let met = if t <= 2.0 && m <= 2.0 { "yes" } else { "**no**" };
            let _ = writeln!(w, "| {what} | {n} | {t:.2}× | {m:.2}× | ≤ 2× | {met} |");
        }
    }
    w
}
