//! Writes are atomic and safe under failure: `hash` killed by SIGKILL in
//! the middle of a large store leaves every file old or new, never torn,
//! and the next `hash` removes any temp file the kill left; two `hash`
//! runs at once leave a valid store (the second stops on the store lock);
//! a file that cannot be written is reported and the rest are sealed.

use crate::support::store;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use claimtrail::internals::text::reseal_text::{Reseal, reseal};
use store::{claim, clean_store, run};

/// `n` unsealed claims spread over 50 folders; their paths and texts.
fn many_claims(root: &Path, n: usize) -> Vec<(PathBuf, String)> {
    (0..n)
        .map(|i| {
            let dir = root.join(format!("claims/s{:02}", i % 50));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("c{i:05}.ron"));
            let text = claim(&format!("c{i}"));
            std::fs::write(&path, &text).unwrap();
            (path, text)
        })
        .collect()
}

fn sealed(text: &str) -> String {
    match reseal(text).expect("the claim parses") {
        Reseal::Changed { text, .. } => text,
        Reseal::UpToDate => text.to_owned(),
    }
}

/// Every file under `dir` whose name marks it a claimtrail temp file.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(temp_files(&path));
        } else if path.file_name().unwrap().to_string_lossy().starts_with(".claimtrail-") {
            found.push(path);
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn sigkill_in_the_middle_of_hash_tears_nothing() {
    use std::os::unix::process::ExitStatusExt;
    let store = clean_store();
    let root = store.path();
    let files = many_claims(root, 1000);
    let mut child = crate::support::claimtrail_command()
        .arg("hash")
        .current_dir(root)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as it has written its first file: mid-run, whatever
    // the machine's speed.
    let first = &files.iter().min_by_key(|(p, _)| p.clone()).unwrap().0;
    while std::fs::read_to_string(first).is_ok_and(|t| !t.contains("hash:")) {
        std::thread::yield_now();
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "hash was killed mid-run, not finished: {status:?}");

    let (mut old, mut new) = (0, 0);
    for (path, text) in &files {
        let now = std::fs::read_to_string(path).unwrap();
        if now == *text {
            old += 1;
        } else {
            assert_eq!(now, sealed(text), "{} is torn", path.display());
            new += 1;
        }
    }
    assert!(new > 0 && old > 0, "killed in the middle: {new} sealed, {old} not");

    // A temp file a kill can leave (between create and rename) is ignored
    // by check and removed by the next hash.
    let leftover = root.join("claims/s07/.claimtrail-AbC123.tmp");
    std::fs::write(&leftover, &files[7].1[..40]).unwrap();
    let checked = run(root, &["check", "--format", "json"]);
    assert!(!String::from_utf8_lossy(&checked.stdout).contains(".claimtrail-"));
    let again = run(root, &["hash"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("removed claims/s07/.claimtrail-AbC123.tmp"));
    assert_eq!(temp_files(root), Vec::<PathBuf>::new());
    for (path, text) in &files {
        assert_eq!(std::fs::read_to_string(path).unwrap(), sealed(text));
    }
    assert_eq!(run(root, &["check"]).status.code(), Some(0));
}

#[test]
fn two_hash_runs_at_once_leave_a_valid_store() {
    let store = clean_store();
    let root = store.path();
    let files = many_claims(root, 1000);
    let spawn = || {
        crate::support::claimtrail_command()
            .arg("hash")
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for out in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        match out.status.code() {
            Some(0) => {}
            Some(2) => assert!(
                String::from_utf8_lossy(&out.stderr)
                    .contains("another claimtrail command is writing to the store"),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            ),
            other => panic!("{other:?}: {}", String::from_utf8_lossy(&out.stderr)),
        }
    }
    // Whichever order they ran in, a last run finds every file sealed.
    let last = run(root, &["hash"]);
    assert_eq!(last.status.code(), Some(0));
    for (path, text) in &files {
        assert_eq!(std::fs::read_to_string(path).unwrap(), sealed(text));
    }
    assert_eq!(temp_files(root), Vec::<PathBuf>::new());
}

#[cfg(unix)]
#[test]
fn a_held_lock_stops_writers_with_a_clear_message() {
    let store = clean_store();
    let root = store.path();
    many_claims(root, 3);
    let lock = claimtrail::Store::open(root.to_path_buf()).unwrap().lock().unwrap();
    for args in [&["hash"][..], &["new", "source", "--id", "n", "--name", "N", "--kind", "Other"]] {
        let waited = std::time::Instant::now();
        let out = run(root, &[&["--lock-wait", "0.3"][..], args].concat());
        assert!(waited.elapsed() >= std::time::Duration::from_millis(300), "writers wait for the lock");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("another claimtrail command is writing to the store"), "{err}");
        assert!(err.contains("wait for it to finish"), "{err}");
    }
    // Readers take no lock.
    assert_eq!(run(root, &["hash", "--check"]).status.code(), Some(1));
    assert_eq!(run(root, &["check", "--format", "json"]).status.code(), Some(1));
    drop(lock);
    assert_eq!(run(root, &["hash"]).status.code(), Some(0));
    // A writer that waits gets the lock once the holder lets go.
    let lock = claimtrail::Store::open(root.to_path_buf()).unwrap().lock().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(lock);
    });
    assert_eq!(run(root, &["--lock-wait", "10", "hash"]).status.code(), Some(0));
    release.join().unwrap();
}

/// Makes a path unwritable for the test's lifetime: `chattr +i` (which
/// binds root too), else read-only permissions (enough for other users).
#[cfg(unix)]
struct Unwritable(PathBuf);

#[cfg(unix)]
impl Unwritable {
    fn new(path: &Path) -> Option<Unwritable> {
        let immutable = Command::new("chattr").arg("+i").arg(path).stderr(Stdio::null()).status();
        if immutable.is_ok_and(|s| s.success()) {
            return Some(Unwritable(path.to_path_buf()));
        }
        if is_root() {
            return None; // permissions do not stop root
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
        Some(Unwritable(path.to_path_buf()))
    }
}

#[cfg(unix)]
impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(&self.0).stderr(Stdio::null()).status();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[cfg(unix)]
#[test]
fn an_unwritable_file_is_reported_and_the_rest_are_sealed() {
    let store = clean_store();
    let root = store.path();
    let files = many_claims(root, 150); // three per folder
    let folder = root.join("claims/s03");
    let Some(_guard) = Unwritable::new(&folder) else {
        eprintln!("skipped: running as root without chattr, so nothing here is unwritable");
        return;
    };
    let out = run(root, &["hash"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for (path, original) in &files {
        let now = std::fs::read_to_string(path).unwrap();
        if path.starts_with(&folder) {
            assert_eq!(now, *original, "left as it was");
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            assert!(text.contains(&format!("failed {rel}: cannot write it")), "{text}");
        } else {
            assert_eq!(now, sealed(original), "the rest of the run went on");
        }
    }
    assert!(text.contains("147 records sealed"), "{text}");
}

/// `-o -` is standard output, and `-o LINK` to a device writes through the
/// link (issue 19: `report -o /dev/stdout` run as root replaced the
/// machine's /dev/stdout with a regular file).
#[cfg(unix)]
#[test]
fn outputs_to_standard_output_and_through_links_to_devices() {
    let dir = clean_store();
    let out = run(dir.path(), &["report", "--format", "json", "-o", "-"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the report on stdout");
    assert_eq!(report["version"], 1);
    assert!(!dir.path().join("-").exists(), "no file named -");
    let null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null).expect("a symlink");
    for args in [
        vec!["report", "-o", "null"],
        vec!["export", "--format", "csv", "-o", "null"],
        vec!["export", "--format", "sqlite", "-o", "null"],
    ] {
        let out = run(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::symlink_metadata(&null).expect("still there").file_type().is_symlink(), "{args:?}");
    }
    let out = run(dir.path(), &["export", "--format", "sqlite", "-o", "-"]);
    assert_eq!(out.status.code(), Some(2), "an SQLite database does not go to a terminal");
}

/// `-o FIFO` with no process reading it fails after a bounded wait with a
/// message (it blocked forever: opening a FIFO for writing waits for a
/// reader); with a reader, the FIFO gets the output.
#[cfg(unix)]
#[test]
fn an_output_fifo_without_a_reader_fails_after_a_bounded_wait() {
    use std::time::{Duration, Instant};
    let dir = clean_store();
    let fifo = dir.path().join("out.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let started = Instant::now();
    let out = crate::support::claimtrail_in(dir.path(), &["report", "--format", "json", "-o", "out.fifo"])
        .timeout(Duration::from_mins(1))
        .output()
        .expect("claimtrail runs");
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write out.fifo: it is a FIFO that no process opened for reading"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    // A reader that comes late (within the wait) gets the report.
    let path = fifo.clone();
    let reader = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        std::fs::read(path).expect("read the FIFO")
    });
    let out = run(dir.path(), &["report", "--format", "json", "-o", "out.fifo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&reader.join().expect("the reader")).expect("JSON");
    assert_eq!(report["version"], 1);
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).expect("still there").file_type().is_fifo());
}

/// Every command that writes to the store removes, under the lock, the
/// temp files that killed writes left: in claims/ and sources/, in the
/// snapshots folder, next to the measures file and at the root (only
/// `hash` did, and only in claims/ and sources/). Readers leave them.
#[test]
fn every_writer_removes_the_temp_files_of_killed_writes() {
    const LEFT: [&str; 4] = [
        "claims/base/.claimtrail-AbC123.tmp",
        "sources/snapshots/.claimtrail-DeF456.tmp",
        "schemas/.claimtrail-GhI789.tmp",
        ".claimtrail-JkL012.tmp",
    ];
    let plant = |root: &Path| {
        for rel in LEFT {
            std::fs::write(root.join(rel), "half a record").unwrap();
        }
    };
    let new_source = ["new", "source", "--id", "fresh-source", "--name", "Fresh", "--kind", "Other"];
    let import_table = "id,subject,measure,value,as_of,statement,claimant,document,quote\n";
    for (what, args) in [
        ("hash", &["hash"][..]),
        ("new source", &new_source[..]),
        ("new measure", &["new", "measure", "--id", "fresh-measure", "--kind", "Count"][..]),
        ("import", &["import", "--format", "csv", "table.csv"][..]),
        ("init", &["init"][..]),
    ] {
        let store = clean_store();
        let root = store.path();
        std::fs::write(root.join("table.csv"), import_table).unwrap();
        plant(root);
        let read = run(root, &["check", "--format", "json"]);
        assert!(!String::from_utf8_lossy(&read.stdout).contains(".claimtrail-"), "{what}");
        assert_eq!(temp_files(root).len(), LEFT.len(), "{what}: a reader removes nothing");
        let out = run(root, args);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{what}: {said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(temp_files(root), Vec::<PathBuf>::new(), "{what}: {said}");
        for rel in LEFT {
            assert!(said.contains(&format!("removed {rel}, left by an interrupted run")), "{what}: {said}");
        }
    }
}
