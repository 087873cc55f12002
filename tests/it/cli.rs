//! End-to-end CLI cases: exit codes, JSON shape, the shipped store, the
//! README tour, malformed input. Most behaviour is tested lower down; these
//! prove the wiring.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value as Json;

/// The binary with `-C dir` (`dir` need not exist).
fn claimtrail(dir: &Path) -> Command {
    let mut cmd = crate::support::claimtrail();
    cmd.arg("-C").arg(dir);
    cmd
}

fn json_of(output: &[u8]) -> Json {
    serde_json::from_slice(output).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(output)))
}

/// A small valid store in a temp folder.
fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("claimtrail.ron"), "Config()\n").unwrap();
    std::fs::create_dir_all(root.join("schemas")).unwrap();
    std::fs::write(
        root.join("schemas/measures.ron"),
        "[Measure(id: \"killed\", kind: Count, trend: NonDecreasing)]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("sources/snapshots")).unwrap();
    std::fs::write(root.join("sources/snapshots/a.txt"), "The toll rose to 137 people.\n").unwrap();
    claimtrail(root)
        .args(["new", "source", "--id", "ic", "--name", "Investigative Committee", "--kind", "Government"])
        .assert()
        .success();
    claimtrail(root)
        .args([
            "new",
            "document",
            "--id",
            "doc",
            "--publisher",
            "ic",
            "--title",
            "T",
            "--published",
            "2024-03-24",
        ])
        .args(["--snapshot", "a.txt"])
        .assert()
        .success();
    dir
}

fn new_claim(root: &Path, id: &str, value: &str, quote: &str) -> assert_cmd::assert::Assert {
    claimtrail(root)
        .args(["new", "claim", "--id", id, "--subject", "crocus", "--measure", "killed", "--value", value])
        .args(["--statement", "The toll rose.", "--claimant", "ic", "--document", "doc", "--quote", quote])
        .args(["--as-of", "2024-03-24"])
        .assert()
}

#[test]
fn shipped_store_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = claimtrail(root).args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let json = json_of(&out.stdout);
    assert_eq!(json["version"], 1);
    assert!(json["summary"]["claims"].as_u64().unwrap() >= 20);
    assert_eq!(json["summary"]["errors"], 0);
    let records = json["summary"]["records"].as_u64().unwrap();
    let parts: u64 =
        ["claims", "sources", "documents"].iter().map(|k| json["summary"][k].as_u64().unwrap()).sum();
    assert_eq!(records, parts);
}

#[test]
fn shipped_store_hashes_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    claimtrail(root).args(["hash", "--check"]).assert().code(0);
}

#[test]
fn tour_new_check_break_fix() {
    let dir = store();
    let root = dir.path();
    new_claim(root, "toll-137", "Exact(137)", "rose to 137 people").success();
    claimtrail(root).arg("check").assert().code(0);
    // A wrong quote is refused by `new` and nothing is written.
    new_claim(root, "toll-139", "Exact(139)", "rose to 139 people").code(1);
    assert!(!root.join("claims/crocus/toll-139.ron").exists());
    // An existing id is refused with exit 2.
    new_claim(root, "toll-137", "Exact(137)", "rose to 137 people").code(2);
    // Break it by hand: check fails with the hash-mismatch at the hash line.
    let path = root.join("claims/crocus/toll-137.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Exact(137)", "Exact(138)")).unwrap();
    let out = claimtrail(root).args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out.stdout);
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["hash-mismatch", "value-not-in-quote"], "errors first");
    let d = &json["diagnostics"][0];
    assert_eq!(d["file"], "claims/crocus/toll-137.ron");
    assert_eq!(d["id"], "toll-137");
    assert!(d["line"].as_u64().is_some() && d["column"].as_u64().is_some());
    assert!(d.get("new").is_none(), "`new` appears only with --since");
    claimtrail(root).args(["hash", "--check"]).assert().code(1);
    claimtrail(root).arg("hash").assert().code(0);
    claimtrail(root).args(["hash", "--check"]).assert().code(0);
    let resealed = std::fs::read_to_string(&path).unwrap();
    assert!(resealed.contains("revises: \"sha256:"), "{resealed}");
    // Resealed, the tampered figure is still caught against its quote: a
    // warning, so check exits 0.
    let out = claimtrail(root).args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json = json_of(&out.stdout);
    let d = &json["diagnostics"][0];
    assert_eq!((d["code"].as_str(), d["line"].as_u64()), (Some("value-not-in-quote"), Some(5)));
    assert_eq!(d["message"], "the quotes mention 137; the value says 138");
}

#[test]
fn resealing_keeps_comments_and_matches_section_5() {
    let dir = store();
    let root = dir.path();
    new_claim(root, "toll-137", "Exact(137)", "rose to 137 people").success();
    let path = root.join("claims/crocus/toll-137.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = format!(
        "// Checked against the IC statement.\n{}",
        text.replace("Exact(137)", "Exact(137) /* final? */")
    );
    let edited = edited.replace("The toll rose.", "The toll rose to 137.");
    std::fs::write(&path, &edited).unwrap();
    claimtrail(root).arg("hash").assert().success();
    let resealed = std::fs::read_to_string(&path).unwrap();
    assert!(resealed.starts_with("// Checked against the IC statement.\n"));
    assert!(resealed.contains("Exact(137) /* final? */"));
    let record = claimtrail::internals::text::parse::parse_record(&resealed).unwrap();
    assert_eq!(*record.stored_hash().unwrap(), claimtrail::internals::text::hash::record_hash(&record));
    claimtrail(root).arg("check").assert().code(0);
}

#[test]
fn malformed_input_is_a_parse_finding() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage.ron", (0..=255u8).cycle().take(4096).collect()),
        ("empty.ron", vec![]),
        ("nested.ron", "[".repeat(100_000).into_bytes()),
        ("nested-in-claim.ron", format!("Claim(id: \"x\", tags: {}", "[".repeat(100_000)).into_bytes()),
        ("invalid-utf8.ron", b"Claim(id: \"\xff\xfe\")".to_vec()),
    ];
    for (name, bytes) in cases {
        let dir = store();
        let root = dir.path();
        std::fs::create_dir_all(root.join("claims")).unwrap();
        std::fs::write(root.join("claims").join(name), &bytes).unwrap();
        let out = claimtrail(root).args(["check", "--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let json = json_of(&out.stdout);
        let d = &json["diagnostics"][0];
        assert_eq!(d["code"], "parse", "{name}: {json}");
        assert_eq!(d["file"], format!("claims/{name}"));
        assert!(d["line"].as_u64().is_some(), "{name}: {d}");
        // Human output never panics either.
        claimtrail(root).arg("check").assert().code(1);
    }
}

#[test]
fn exit_codes() {
    let dir = store();
    claimtrail(dir.path()).arg("check").assert().code(0);
    claimtrail(Path::new("/nonexistent/claimtrail")).arg("check").assert().code(2);
    claimtrail(dir.path()).arg("no-such-command").assert().code(2);
    claimtrail(dir.path()).args(["check", "--format", "yaml"]).assert().code(2);
    claimtrail(dir.path()).args(["check", "--explain", "hash-mismatch"]).assert().code(0);
    claimtrail(dir.path()).args(["check", "--explain", "nope"]).assert().code(2);
}

#[test]
fn completions_and_man_page() {
    let dir = store();
    let out = claimtrail(dir.path()).args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("claimtrail"));
    let out = claimtrail(dir.path()).arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH claimtrail"));
}
