//! The walk index (`.git/claimtrail/walk-*.sqlite`) is a cache: every
//! command that uses it answers byte for byte as with
//! `CLAIMTRAIL_WALK_INDEX=off`, whether the index is being built (cold),
//! already built (warm), behind new commits, or damaged.
//!
//! Histories come from a small seeded generator that moves, renames,
//! breaks, mends, duplicates and deletes records, changes the measures and
//! merges a side branch, so the index meets every kind of file change.

use std::path::PathBuf;

use crate::support::{Repo, base_store, output, toll};

/// A deterministic generator (a 64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const IDS: [&str; 6] = ["toll-a", "toll-b", "toll-c", "toll-d", "toll-e", "toll-f"];
const FOLDERS: [&str; 3] = ["claims", "claims/crocus", "claims/crocus/2024"];

/// A claim `id` with a value; measure "killed" or "wounded" by id.
fn claim(id: &str, value: u64, day: u32) -> String {
    let measure = if id.ends_with(['a', 'b', 'c']) { "killed" } else { "wounded" };
    let statement = format!("The Investigative Committee says {value}.");
    toll((id, measure, value, &format!("2024-03-{day}"), &statement), &[("tass-2024-03-23", "toll")])
}

/// Makes `steps` commits of random edits on the current branch.
fn edit(repo: &mut Repo, rng: &mut Rng, steps: usize, live: &mut Vec<(String, String)>) {
    for step in 0..steps {
        let edits = 1 + rng.next(3);
        for _ in 0..edits {
            let id = IDS[rng.next(IDS.len())];
            let value = 100 + rng.next(60) as u64;
            let day = 22 + rng.next(6) as u32;
            let at = live.iter().position(|(i, _)| i == id);
            match (rng.next(7), at) {
                // Add (or add a duplicate of an id at another path).
                (0 | 1, _) => {
                    let path = format!("{}/{id}-{}.ron", FOLDERS[rng.next(FOLDERS.len())], rng.next(3));
                    if !live.iter().any(|(_, p)| *p == path) {
                        repo.write_record(&path, &claim(id, value, day));
                        live.push((id.to_owned(), path));
                    }
                }
                // Revise the value.
                (2 | 3, Some(i)) => {
                    repo.write_record(&live[i].1.clone(), &claim(id, value, day));
                }
                // Move it.
                (4, Some(i)) => {
                    let to = format!("{}/{id}-moved-{step}.ron", FOLDERS[rng.next(FOLDERS.len())]);
                    if !live.iter().any(|(_, p)| *p == to) {
                        let target = repo.path().join(&to);
                        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                        std::fs::rename(repo.path().join(&live[i].1), target).unwrap();
                        live[i].1 = to;
                    }
                }
                // Break it (a parse finding), to be mended or deleted later.
                (5, Some(i)) => {
                    repo.write(&live[i].1.clone(), "Claim(broken\n");
                }
                // Delete it.
                (6, Some(i)) => {
                    let (_, path) = live.remove(i);
                    repo.remove(&path);
                }
                _ => {}
            }
        }
        if rng.next(6) == 0 {
            let trend = ["NonDecreasing", "Any"][rng.next(2)];
            repo.write(
                "schemas/measures.ron",
                &format!(
                    "[\n    Measure(id: \"killed\", kind: Count, unit: \"people\", trend: {trend}),\n    Measure(id: \"wounded\", kind: Count, unit: \"people\", trend: NonDecreasing),\n]\n"
                ),
            );
        }
        repo.commit("Ada Editor", &format!("edit {step}"));
    }
}

/// A seeded history of `steps` commits with a merged side branch.
fn history(seed: u64, steps: usize) -> (Repo, Rng, Vec<(String, String)>) {
    let mut repo = Repo::new();
    base_store(&repo);
    repo.commit("Ada Editor", "Add the sources");
    let mut rng = Rng(seed);
    let mut live = Vec::new();
    edit(&mut repo, &mut rng, steps / 2, &mut live);
    repo.git(&["checkout", "-q", "-b", "side"]);
    let mut side_live = live.clone();
    edit(&mut repo, &mut rng, 3, &mut side_live);
    repo.git(&["checkout", "-q", "main"]);
    edit(&mut repo, &mut rng, steps - steps / 2, &mut live);
    // The merge keeps main's files; it changes nothing on the first parent.
    repo.git(&["merge", "-q", "-s", "ours", "-m", "Merge side", "side"]);
    (repo, rng, live)
}

/// Every answer the index is used for: history of each id and group,
/// diffs between several revisions, conflicts --history, the report.
fn answers(repo: &Repo, index: bool) -> Answers {
    let commits: Vec<String> =
        repo.git(&["rev-list", "--first-parent", "HEAD"]).lines().map(str::to_owned).collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for id in IDS.iter().chain(&["no-such-id"]) {
        runs.push(vec!["history".into(), (*id).into(), "--format".into(), "json".into()]);
    }
    for group in ["crocus-city-hall-attack-2024/killed", "crocus-city-hall-attack-2024/wounded"] {
        runs.push(vec!["history".into(), group.into(), "--format".into(), "json".into()]);
    }
    let last = commits.len() - 1;
    for (a, b) in [(last, 0), (last / 2, 0), (1, 0), (0, last), (last / 3, last / 2)] {
        runs.push(vec![
            "diff".into(),
            commits[a].clone(),
            commits[b].clone(),
            "--format".into(),
            "json".into(),
        ]);
    }
    runs.push(vec!["diff".into(), format!("{}..{}", commits[last], commits[0])]);
    runs.push(vec!["conflicts".into(), "--history".into(), "--format".into(), "json".into()]);
    // Another tip than HEAD: an older commit of the walk.
    let middle = commits[last / 2].clone();
    runs.push(vec![
        "conflicts".into(),
        "--history".into(),
        "--rev".into(),
        middle.clone(),
        "--format".into(),
        "json".into(),
    ]);
    runs.push(vec![
        "history".into(),
        "toll-a".into(),
        "--rev".into(),
        middle,
        "--format".into(),
        "json".into(),
    ]);
    runs.push(vec!["conflicts".into(), "--history".into()]);
    runs.push(vec!["report".into(), "--format".into(), "json".into()]);
    runs.into_iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut cmd = repo.claimtrail(&args);
            if !index {
                cmd.env(claimtrail::internals::store::git::WALK_INDEX_ENV, "off");
            }
            let (out, err, code) = output(&mut cmd);
            (args.join(" "), out, err, code)
        })
        .collect()
}

fn index_files(repo: &Repo) -> Vec<PathBuf> {
    let dir = repo.path().join(".git/claimtrail");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .collect()
}

type Answers = Vec<(String, String, String, i32)>;

/// Each command's output, error and exit status agree, else names the command.
fn agree(plain: &Answers, indexed: &Answers, what: &str) {
    assert_eq!(plain.len(), indexed.len());
    for (p, i) in plain.iter().zip(indexed) {
        assert_eq!(p, i, "{what}: `claimtrail {}` differs with the walk index", p.0);
    }
}

fn assert_same(repo: &Repo, what: &str) {
    let plain = answers(repo, false);
    agree(&plain, &answers(repo, true), what);
    assert!(
        plain.iter().any(|r| r.0.starts_with("history toll") && r.3 == 0),
        "{what}: some history is shown"
    );
}

#[test]
fn the_index_changes_no_answer_cold_warm_and_after_new_commits() {
    for seed in [1, 7, 2024] {
        let (mut repo, mut rng, mut live) = history(seed, 14);
        assert!(index_files(&repo).is_empty());
        let plain = answers(&repo, false);
        assert!(index_files(&repo).is_empty(), "seed {seed}: with the index off, nothing is written");
        agree(&plain, &answers(&repo, true), &format!("seed {seed}: cold"));
        assert_eq!(index_files(&repo).len(), 1, "seed {seed}: one index for the one configuration");
        agree(&plain, &answers(&repo, true), &format!("seed {seed}: warm"));
        // New commits: the index learns them and still agrees.
        edit(&mut repo, &mut rng, 6, &mut live);
        assert_same(&repo, &format!("seed {seed}, after new commits"));
    }
}

#[test]
fn a_damaged_or_unreadable_index_is_ignored() {
    let (repo, _, _) = history(11, 10);
    let plain = answers(&repo, false);
    agree(&plain, &answers(&repo, true), "cold");
    let [file] = index_files(&repo).try_into().expect("one index file");
    std::fs::write(&file, b"this is not an SQLite database, but junk\n".repeat(100)).unwrap();
    agree(&plain, &answers(&repo, true), "a damaged file");
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    agree(&plain, &answers(&repo, true), "a folder where the file should be");
}

#[test]
fn another_configuration_has_its_own_index() {
    let (repo, _, _) = history(5, 8);
    agree(&answers(&repo, false), &answers(&repo, true), "cold");
    repo.write(
        "claimtrail.ron",
        "Config(claims: \"claims/crocus\", sources: \"sources\", measures: \"schemas/measures.ron\")\n",
    );
    assert_same(&repo, "claims in a subfolder");
    assert_eq!(index_files(&repo).len(), 2);
}

#[test]
fn broken_files_keep_their_last_good_record_until_replaced_or_deleted() {
    let mut repo = Repo::new();
    base_store(&repo);
    repo.write_record("claims/p.ron", &claim("toll-a", 137, 23));
    repo.write_record("claims/q.ron", &claim("toll-b", 139, 24));
    repo.commit("Ada Editor", "add");
    repo.write("claims/p.ron", "Claim(broken\n");
    repo.write("claims/q.ron", "Claim(broken too\n");
    repo.commit("Ada Editor", "break both");
    repo.remove("claims/p.ron");
    repo.write_record("claims/q.ron", &claim("toll-c", 143, 25));
    repo.commit("Ada Editor", "delete one, replace the other by another record");
    let plain = answers(&repo, false);
    let versions = |run: &str| plain.iter().find(|r| r.0 == run).map(|r| r.1.matches("\"change\"").count());
    assert_eq!(versions("history toll-a --format json"), Some(2), "added, then deleted");
    assert_eq!(versions("history toll-b --format json"), Some(2), "added, then replaced");
    agree(&plain, &answers(&repo, true), "cold");
    agree(&plain, &answers(&repo, true), "warm");
}

#[test]
fn processes_building_the_index_at_once_agree() {
    let (repo, _, _) = history(3, 12);
    let plain = answers(&repo, false);
    let wanted = |run: &str| plain.iter().find(|r| r.0 == run).expect("a run of answers()").clone();
    let runs = ["conflicts --history --format json", "history toll-a --format json", "report --format json"];
    let children: Vec<(String, std::process::Child)> = runs
        .iter()
        .cycle()
        .take(6)
        .map(|run| {
            let child = crate::support::claimtrail_command()
                .current_dir(repo.path())
                .args(run.split(' '))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("claimtrail starts");
            ((*run).to_owned(), child)
        })
        .collect();
    for (run, child) in children {
        let out = child.wait_with_output().expect("claimtrail runs");
        let got = (
            run.clone(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
            out.status.code().unwrap(),
        );
        assert_eq!(got, wanted(&run), "`claimtrail {run}` run alongside others");
    }
    assert_eq!(index_files(&repo).len(), 1);
    agree(&plain, &answers(&repo, true), "after the concurrent runs");
}

/// The walk index stands in for trees a walk would read, so it checks
/// they are still there: a repository that lost a tree is exit 2 with the
/// index as without it (the index answered exit 0 before).
#[test]
fn a_missing_tree_is_a_failure_with_or_without_the_index() {
    for (seed, lost) in [(3, "HEAD~4:claims"), (4, "HEAD~5^{tree}")] {
        let (repo, _, _) = history(seed, 12);
        // Warm: the index knows every commit.
        answers(&repo, true);
        assert_eq!(index_files(&repo).len(), 1, "seed {seed}");
        repo.delete_object(lost);
        for index in [false, true] {
            for args in [
                &["history", "toll-a"][..],
                &["history", "crocus-city-hall-attack-2024/killed"],
                &["conflicts", "--history"],
            ] {
                let mut cmd = repo.claimtrail(args);
                if !index {
                    cmd.env(claimtrail::internals::store::git::WALK_INDEX_ENV, "off");
                }
                let (_, err, code) = output(&mut cmd);
                assert_eq!(code, 2, "{lost}, index {index}, {args:?}: {err}");
                assert!(err.contains("cannot read") && err.contains("git fsck"), "{lost}, {args:?}: {err}");
            }
        }
    }
}
