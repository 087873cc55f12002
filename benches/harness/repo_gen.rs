//! Generates a git repository of `claims` claims and `commits` commits on
//! top of the commit that adds the store, each revising 5 claims (a new
//! value, often disjoint from the old; half the time a new as_of; now and
//! then a new citation). One "hot" claim is revised in every tenth commit,
//! so `history` has a long trail to follow. The history is written in one
//! `git fast-import` stream, then repacked as `git gc` would, and checked
//! out. A finished repository is stamped and reused.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::rng::Rng;
use crate::world::{ClaimSpec, SOURCES, World, count_value};

/// What the harness needs to know about a generated repository.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The claim with the longest history, its path and its version count.
    pub hot_id: String,
    pub hot_path: String,
    pub hot_versions: usize,
}

pub(crate) fn repo(dir: &Path, seed: u64, claims: usize, commits: usize) -> io::Result<Repo> {
    let world = World::new(seed);
    let hot = world.claim(0);
    let info = Repo { hot_path: World::claim_path(&hot), hot_id: hot.id, hot_versions: 1 + commits / 10 };
    let stamp = dir.join(".git/bench-stamp");
    let want = format!("repo v3 seed {seed} claims {claims} commits {commits}\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return Ok(info);
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    git(dir, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()?;
    let mut w = BufWriter::new(child.stdin.take().expect("stdin is piped"));
    let mut specs: Vec<(ClaimSpec, String)> = (0..claims)
        .map(|i| {
            let spec = world.claim(i);
            let (_, hash) = spec.render();
            (spec, hash)
        })
        .collect();
    header(&mut w, 0, "Add the store")?;
    for (path, bytes) in world.fixed_files() {
        file(&mut w, &path, &bytes)?;
    }
    for (spec, _) in &specs {
        file(&mut w, &World::claim_path(spec), spec.render().0.as_bytes())?;
    }
    let mut r = world.rng.fork(5_000_000_000);
    for c in 1..=commits {
        let mut picked: Vec<usize> = if c % 10 == 0 { vec![0] } else { Vec::new() };
        while picked.len() < 5 {
            let i = 1 + r.below(claims as u64 - 1) as usize;
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        header(&mut w, c, &format!("Revise {} and 4 more", specs[picked[0]].0.id))?;
        for i in picked {
            let (spec, hash) = &mut specs[i];
            revise(&world, spec, &mut r);
            spec.revises = Some(hash.clone());
            let (text, new_hash) = spec.render();
            *hash = new_hash;
            file(&mut w, &World::claim_path(spec), text.as_bytes())?;
        }
    }
    w.flush()?;
    drop(w);
    if !child.wait()?.success() {
        return Err(io::Error::other("git fast-import failed"));
    }
    git(dir, &["repack", "-a", "-d", "-f", "-q"])?;
    git(dir, &["reset", "--hard", "-q"])?;
    fs::write(stamp, want)?;
    Ok(info)
}

/// A new version of a claim.
fn revise(world: &World, spec: &mut ClaimSpec, r: &mut Rng) {
    spec.value = match spec.value.split('(').next().unwrap_or_default() {
        "Date" => format!("Date(\"2024-0{}-{:02}\")", r.range(1, 9), r.range(1, 28)),
        "Actor" => format!("Actor(\"source-{:02}\")", r.below(SOURCES as u64)),
        "Text" => format!(
            "Text({})",
            claimtrail::internals::text::ron_writer::string(&world.corpus.sentence(r, 6, 10))
        ),
        _ => {
            // Tolls grow: a new figure above the old one.
            spec.base += spec.base * r.range(5, 30) / 100;
            count_value(r, spec.base)
        }
    };
    if r.chance(50) {
        spec.as_of = format!("2024-0{}-{:02}", r.range(1, 6), r.range(1, 28));
    }
    if r.chance(20) {
        let d = r.below(crate::world::DOCUMENTS as u64) as usize;
        let quote = r.pick(&world.docs[d].sentences).clone();
        spec.citations.push((d, quote, None, None));
        if spec.citations.len() > 3 {
            spec.citations.remove(0);
        }
    }
}

fn header(w: &mut impl Write, c: usize, message: &str) -> io::Result<()> {
    const AUTHORS: &[&str] = &["Aigerim Desk", "Boris Editor", "Chen Checker", "Dana Reviewer"];
    let name = AUTHORS[c % AUTHORS.len()];
    let email = name.split(' ').next().unwrap_or("desk").to_lowercase();
    let time = 1_704_067_200 + c as u64 * 3_600;
    writeln!(w, "commit refs/heads/main")?;
    writeln!(w, "author {name} <{email}@example.org> {time} +0000")?;
    writeln!(w, "committer {name} <{email}@example.org> {time} +0000")?;
    writeln!(w, "data {}\n{message}", message.len())
}

fn file(w: &mut impl Write, path: &str, bytes: &[u8]) -> io::Result<()> {
    writeln!(w, "M 100644 inline {path}\ndata {}", bytes.len())?;
    w.write_all(bytes)?;
    writeln!(w)
}

fn git(dir: &Path, args: &[&str]) -> io::Result<()> {
    let status = Command::new("git").args(args).current_dir(dir).status()?;
    if status.success() { Ok(()) } else { Err(io::Error::other(format!("git {} failed", args.join(" ")))) }
}

/// The pull-request path (issue 18): a clone of the generated repository
/// at `pr` with a branch of 3 commits on top of its HEAD, as a desk's pull
/// request is: one revises the dates of three claims, one adds a claim
/// whose figure conflicts with its group (a new warning), one rewords two
/// statements. Every record stays sealed. `check --since HEAD~3` in it is
/// the command CI runs on the pull request. Stamped and reused.
pub(crate) fn pull_request(repo: &Path, pr: &Path, seed: u64) -> io::Result<()> {
    let stamp = pr.join(".git/bench-stamp");
    let base = fs::read_to_string(repo.join(".git/bench-stamp"))?;
    let want = format!("pr v1 seed {seed} on {base}");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    if pr.exists() {
        fs::remove_dir_all(pr)?;
    }
    let (from, to) = (repo.to_str().expect("UTF-8 path"), pr.to_str().expect("UTF-8 path"));
    git(repo.parent().expect("a parent folder"), &["clone", "-q", "--shared", from, to])?;
    git(pr, &["checkout", "-q", "-b", "pull-request"])?;
    let mut r = Rng::new(seed).fork(7_000_000_000);
    let claims = crate::floor::record_paths(pr)?
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "claims"))
        .collect::<Vec<_>>();
    let pick = |r: &mut Rng| claims[r.below(claims.len() as u64) as usize].clone();
    // 1. Three claims get a new as_of.
    for _ in 0..3 {
        let path = pick(&mut r);
        let date = format!("2024-0{}-{:02}", r.range(1, 6), r.range(1, 28));
        reseal(&path, |line| {
            line.trim_start().starts_with("as_of:").then(|| format!("    as_of: \"{date}\","))
        })?;
    }
    commit(pr, "Correct the dates of three claims")?;
    // 2. A new claim: another claimant's figure for an existing group, far
    // above the group's (a conflict).
    let model = pick(&mut r);
    let text = fs::read_to_string(&model)?;
    let id = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("id: \"")?.strip_suffix("\","))
        .expect("claims have an id")
        .to_owned();
    let new_id = format!("{id}-pr");
    let new_path = model.with_file_name(format!("{new_id}.ron"));
    fs::write(&new_path, &text)?;
    reseal(&new_path, |line| {
        let t = line.trim_start();
        if t.starts_with("id:") {
            Some(format!("    id: \"{new_id}\","))
        } else if t.starts_with("value:") && t.contains("Date(") {
            Some("    value: Date(\"2024-05-30\"),".to_owned())
        } else if t.starts_with("value:") && t.contains("Actor(") {
            Some("    value: Actor(\"source-49\"),".to_owned())
        } else if t.starts_with("value:") && t.contains("Text(") {
            None
        } else if t.starts_with("value:") {
            Some("    value: Exact(99999),".to_owned())
        } else if t.starts_with("claimant:") {
            Some("    claimant: \"source-49\",".to_owned())
        } else if t.starts_with("revises:") {
            Some(String::new())
        } else {
            None
        }
    })?;
    commit(pr, "Add another figure")?;
    // 3. Two statements reworded.
    for _ in 0..2 {
        let path = pick(&mut r);
        reseal(&path, |line| {
            let t = line.trim_start();
            t.starts_with("statement:").then(|| {
                format!(
                    "{},",
                    line.trim_end_matches(',').replacen("statement: \"", "statement: \"Reworded: ", 1,)
                )
            })
        })?;
    }
    commit(pr, "Reword two statements")?;
    fs::write(stamp, want)
}

/// Rewrites a sealed record's lines through `edit` (None keeps a line, an
/// empty string drops it) and seals it again as a revision of the old
/// version (`revises`), unless `edit` drops `revises`.
fn reseal(path: &Path, edit: impl Fn(&str) -> Option<String>) -> io::Result<()> {
    let text = fs::read_to_string(path)?;
    let old = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("hash: \"")?.strip_suffix("\","))
        .expect("generated records are sealed")
        .to_owned();
    let mut out = String::new();
    let mut revises = true;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("hash:") {
            continue;
        }
        if t.starts_with("revises:") {
            revises = edit(line).is_none();
            continue;
        }
        if t == ")" && revises {
            out.push_str(&format!("    revises: \"{old}\",\n"));
        }
        match edit(line) {
            Some(new) if new.is_empty() => {}
            Some(new) => out.push_str(&new),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    fs::write(path, crate::world::seal(&out))
}

fn commit(dir: &Path, message: &str) -> io::Result<()> {
    git(dir, &["add", "-A", "claims"])?;
    git(
        dir,
        &["-c", "user.name=Pull Request", "-c", "user.email=pr@example.org", "commit", "-q", "-m", message],
    )
}
