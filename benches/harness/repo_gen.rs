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
pub struct Repo {
    /// The claim with the longest history, its path and its version count.
    pub hot_id: String,
    pub hot_path: String,
    pub hot_versions: usize,
}

pub fn repo(dir: &Path, seed: u64, claims: usize, commits: usize) -> io::Result<Repo> {
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
        "Text" => format!("Text({})", claimtrail::text::ron_writer::string(&world.corpus.sentence(r, 6, 10))),
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
