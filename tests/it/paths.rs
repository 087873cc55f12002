//! Paths: nothing outside the store is ever read or shown. Symlinked files
//! and folders that lead out (or nowhere, or in a loop) get `path-escape`;
//! so do configured paths that climb out; names that are not UTF-8 and
//! files that are not regular files are reported, never fatal; oversized
//! files are a `parse` finding, not a slow parse. (Unix: symlinks, FIFOs
//! and non-UTF-8 names are built here, not committed.)
#![cfg(unix)]

use crate::support::store;

use std::os::unix::fs::symlink;
use std::path::Path;

use store::{check_json, claim, clean_store, run};

/// A folder outside the store holding a record and a secret, neither of
/// which may ever show up in any output.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.ron"), claim("outside-secret-id")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET-TEXT at least 143 people").unwrap();
    dir
}

fn assert_not_leaked(text: &str) {
    assert!(!text.contains("outside-secret-id") && !text.contains("TOP-SECRET"), "leaked: {text}");
}

/// Check, JSON and human, and return the JSON findings.
fn check(root: &Path) -> Vec<String> {
    let (found, json) = check_json(root);
    assert_not_leaked(&json);
    let human = run(root, &["check", "--color", "never"]);
    assert_not_leaked(&String::from_utf8_lossy(&human.stdout));
    found
}

#[test]
fn symlinks_out_of_the_store_are_not_read() {
    let (store, out) = (clean_store(), outside());
    let root = store.path();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    symlink(out.path().join("secret.ron"), root.join("claims/x/file-link.ron")).unwrap();
    symlink(out.path(), root.join("claims/folder-link")).unwrap();
    symlink(root.join("claims/x/nowhere.ron"), root.join("claims/x/dangling.ron")).unwrap();
    symlink(root.join("claims/x/loop-b.ron"), root.join("claims/x/loop-a.ron")).unwrap();
    symlink(root.join("claims/x/loop-a.ron"), root.join("claims/x/loop-b.ron")).unwrap();
    symlink(root.join("claims"), root.join("claims/x/folder-loop")).unwrap(); // inside: walked once
    symlink(out.path(), root.join("sources/actors/folder-link")).unwrap();
    assert_eq!(
        check(root),
        [
            "path-escape claims/folder-link",
            "path-escape claims/x/dangling.ron",
            "path-escape claims/x/file-link.ron",
            "path-escape claims/x/loop-a.ron",
            "path-escape claims/x/loop-b.ron",
            "path-escape sources/actors/folder-link",
        ]
    );
    // hash leaves them alone too.
    let hashed = run(root, &["hash"]);
    assert_eq!(hashed.status.code(), Some(1));
    assert_not_leaked(&String::from_utf8_lossy(&hashed.stdout));
    assert_eq!(std::fs::read_to_string(out.path().join("secret.ron")).unwrap(), claim("outside-secret-id"));
}

#[test]
fn top_folders_and_config_files_that_lead_out_are_not_read() {
    let (store, out) = (clean_store(), outside());
    let root = store.path();
    std::fs::remove_dir_all(root.join("claims")).unwrap();
    symlink(out.path(), root.join("claims")).unwrap();
    let measures = root.join("schemas/measures.ron");
    std::fs::remove_file(&measures).unwrap();
    symlink(out.path().join("secret.txt"), &measures).unwrap();
    let found = check(root);
    assert!(found.contains(&"path-escape claims".to_owned()), "{found:?}");
    assert!(found.contains(&"path-escape schemas/measures.ron".to_owned()), "{found:?}");

    std::fs::remove_file(root.join("claimtrail.ron")).unwrap();
    symlink(out.path().join("secret.txt"), root.join("claimtrail.ron")).unwrap();
    assert!(check(root).contains(&"path-escape claimtrail.ron".to_owned()));
}

#[test]
fn configured_paths_must_stay_in_the_store() {
    let (store, out) = (clean_store(), outside());
    let root = store.path();
    let up = format!("{}/secret.txt", out.path().display());
    for config in [
        format!("Config(measures: {up:?})"),
        "Config(claims: \"../..\")".to_owned(),
        "Config(sources: \"sources/../../x\")".to_owned(),
    ] {
        std::fs::write(root.join("claimtrail.ron"), &config).unwrap();
        let found = check(root);
        assert_eq!(found, ["path-escape claimtrail.ron"], "{config}");
    }
}

#[test]
fn snapshots_that_lead_out_are_not_read() {
    let (store, out) = (clean_store(), outside());
    let root = store.path();
    let doc = std::fs::read_to_string(root.join("sources/documents/d.ron")).unwrap();
    // The document's snapshot file itself a link out...
    std::fs::remove_file(root.join("sources/snapshots/d.txt")).unwrap();
    symlink(out.path().join("secret.txt"), root.join("sources/snapshots/d.txt")).unwrap();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    std::fs::write(root.join("claims/x/q.ron"), claim("q").replace("at least 143 people", "no such words"))
        .unwrap();
    let found = check(root);
    assert!(found.contains(&"path-escape sources/documents/d.ron".to_owned()), "{found:?}");
    // ...or the whole snapshots folder.
    std::fs::remove_dir_all(root.join("sources/snapshots")).unwrap();
    std::fs::write(out.path().join("d.txt"), "TOP-SECRET-TEXT at least 143 people").unwrap();
    symlink(out.path(), root.join("sources/snapshots")).unwrap();
    let found = check(root);
    assert!(found.contains(&"path-escape sources/documents/d.ron".to_owned()), "{found:?}");
    // ...or a path that climbs out.
    std::fs::write(root.join("sources/documents/d.ron"), doc.replace("\"d.txt\"", "\"../../etc/passwd\""))
        .unwrap();
    assert!(check(root).contains(&"path-escape sources/documents/d.ron".to_owned()));
}

#[test]
fn links_inside_the_store_are_followed_and_kept() {
    let store = clean_store();
    let root = store.path();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/linked.ron"), claim("linked")).unwrap();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    symlink(root.join("shared/linked.ron"), root.join("claims/x/linked.ron")).unwrap();
    assert_eq!(check(root), ["missing-hash claims/x/linked.ron"]);
    assert_eq!(run(root, &["hash"]).status.code(), Some(0));
    assert!(std::fs::symlink_metadata(root.join("claims/x/linked.ron")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(root.join("shared/linked.ron")).unwrap().contains("hash: \"sha256:"));
    assert!(check(root).is_empty());
}

#[test]
fn odd_files_are_reported_not_fatal() {
    use std::os::unix::ffi::OsStrExt;
    let store = clean_store();
    let root = store.path();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"claims/x/bad-\xff\xfe-\x1b[31m.ron");
    std::fs::write(root.join(name), claim("non-utf8")).unwrap();
    let fifo = root.join("claims/x/fifo.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    std::fs::write(root.join("claims/x/ok.ron"), claim("ok")).unwrap();
    let found = check(root);
    assert_eq!(
        found,
        [
            "missing-hash claims/x/ok.ron",
            "parse claims/x/bad-\u{fffd}\u{fffd}-\u{1b}[31m.ron",
            "parse claims/x/fifo.ron"
        ]
    );
    let human = run(root, &["check", "--color", "never"]);
    assert!(!human.stdout.contains(&0x1b), "{}", String::from_utf8_lossy(&human.stdout));
    let hashed = run(root, &["hash"]);
    assert_eq!(hashed.status.code(), Some(1), "the odd files are reported");
    assert!(!hashed.stdout.contains(&0x1b));
    assert!(
        std::fs::read_to_string(root.join("claims/x/ok.ron")).unwrap().contains("hash:"),
        "the rest is sealed"
    );
}

#[test]
fn oversized_files_are_a_finding() {
    let store = clean_store();
    let root = store.path();
    std::fs::create_dir_all(root.join("claims/x")).unwrap();
    // Sparse: 17 MiB on paper, nothing on disk; never read.
    let big = std::fs::File::create(root.join("claims/x/big.ron")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    std::fs::write(root.join("claims/x/small.ron"), claim("small")).unwrap();
    assert_eq!(check(root), ["missing-hash claims/x/small.ron", "parse claims/x/big.ron"]);
    // A configured limit applies, and no configured limit can overflow.
    std::fs::write(root.join("claimtrail.ron"), "Config(max_file_bytes: 100)").unwrap();
    let found = check(root);
    assert!(found.contains(&"parse claims/x/small.ron".to_owned()), "{found:?}");
    // Nor raise it past the hard cap (256 MiB).
    std::fs::write(root.join("claimtrail.ron"), "Config(max_file_bytes: 18446744073709551615)").unwrap();
    big.set_len(300 * 1024 * 1024).unwrap();
    assert_eq!(check(root), ["missing-hash claims/x/small.ron", "parse claims/x/big.ron"]);
    // textconv (git hands it any blob) names a huge file instead of reading it.
    let shown = run(root, &["textconv", "claims/x/big.ron"]);
    assert_eq!(shown.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&shown.stdout).contains("over the limit"));
}

/// A folder under claims/ that cannot be listed is one finding, with its
/// path and a fix; the rest of the store is still checked (it was an abort
/// with exit 2 and no findings). Tests run as root, whom permissions do
/// not stop, so the folder is made unlistable by its path: nested past
/// PATH_MAX (4096 bytes), which `read_dir` of its full path refuses for
/// anyone. As another user, a folder without permissions is tried too.
#[test]
fn an_unreadable_folder_is_one_finding() {
    let store = clean_store();
    let root = store.path();
    let name = "d".repeat(250);
    // Made one level at a time, relative to the last: each call's path is short.
    let script = format!("cd claims && for i in $(seq 18); do mkdir {name} && cd -P {name} || exit 1; done");
    let made = std::process::Command::new("sh").arg("-c").arg(&script).current_dir(root).status().unwrap();
    assert!(made.success());
    std::fs::write(root.join("claims/added.ron"), claim("added")).unwrap();
    let found = check(root);
    assert!(
        found.iter().any(|f| f.starts_with("hash-mismatch claims/added.ron")
            || f.starts_with("missing-hash claims/added.ron")),
        "the rest is checked: {found:?}"
    );
    let deep: Vec<&String> = found.iter().filter(|f| f.contains(&name)).collect();
    assert_eq!(deep.len(), 1, "{found:?}");
    assert!(deep[0].starts_with("parse claims/"), "{found:?}");
    let out = run(root, &["check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("cannot read the folder") && human.contains("chmod u+rx"), "{human}");
    // `hash` skips it and goes on.
    let out = run(root, &["hash"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));

    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        let locked = root.join("claims/locked");
        std::fs::create_dir_all(&locked).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let found = check(root);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(found.contains(&"parse claims/locked".to_owned()), "{found:?}");
    }
}

/// Each load reads its own store's files: a thread of the pool keeps a
/// folder open between files, and that folder must not outlive the load
/// (found by the store-walk property: a second store's `claims/x` was read
/// through the first one's folder; a folder deleted and made again, as a
/// branch switch does under the language server, was read as it was).
#[test]
fn each_load_reads_its_own_folders() {
    let write = |root: &Path, id: &str| {
        std::fs::create_dir_all(root.join("claims/x")).unwrap();
        std::fs::write(root.join("claims/x/c.ron"), claim(id)).unwrap();
    };
    // Stores of one folder each, so the last folder one load reads is the
    // first the next one reads.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(a.path(), "from-a");
    write(b.path(), "from-b");
    let ids = |root: &Path| -> Vec<String> {
        let store = claimtrail::Store::open(root.to_path_buf()).unwrap();
        let snap = store.load().unwrap();
        snap.entries.iter().filter(|e| e.file == "claims/x/c.ron").map(|e| e.record.id().to_owned()).collect()
    };
    // One thread, so the same thread reads both stores.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    pool.install(|| {
        assert_eq!(ids(a.path()), ["from-a"]);
        assert_eq!(ids(b.path()), ["from-b"]);
        std::fs::remove_dir_all(a.path().join("claims/x")).unwrap();
        write(a.path(), "made-again");
        assert_eq!(ids(a.path()), ["made-again"]);
    });
}
