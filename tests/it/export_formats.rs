//! `export --format claimreview|csv|sqlite` end to end on the fixture
//! store: ClaimReview and CSV pinned by snapshots, CSV read back by a CSV
//! parser, and the SQLite database opened and queried.

use crate::support::stores::{claimtrail, clean};

fn stdout(dir: &std::path::Path, args: &[&str]) -> String {
    let out = claimtrail(dir).args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn claimreview_snapshot() {
    let dir = clean();
    let text = stdout(dir.path(), &["export", "--format", "claimreview"]);
    let reviews: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(reviews.as_array().unwrap().len(), 3, "three reviewed claims");
    insta::assert_snapshot!(text);
}

#[test]
fn csv_claims_snapshot_and_round_trip() {
    let dir = clean();
    let text = stdout(dir.path(), &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    let mchs = rows.iter().find(|r| &r[0] == "killed-mchs-60").unwrap();
    assert_eq!(&mchs[8], "Between 60 and 70 killed,\naccording to the ministry.");
    assert_eq!((&mchs[5], &mchs[6]), ("60", "70"));
    insta::assert_snapshot!(text);
}

#[test]
fn csv_citations_to_a_file() {
    let dir = clean();
    let file = dir.path().join("citations.csv");
    claimtrail(dir.path())
        .args(["export", "--format", "csv", "--table", "citations", "-o"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    insta::assert_snapshot!(std::fs::read_to_string(&file).unwrap());
}

#[test]
fn sqlite_tables_match_the_store() {
    let dir = clean();
    let db = dir.path().join("out/claims.db");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(&db, b"an older file").unwrap();
    claimtrail(dir.path()).args(["export", "--format", "sqlite", "-o"]).arg(&db).assert().code(0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM claims"), 8);
    assert_eq!(count("SELECT count(*) FROM citations"), 8);
    assert_eq!(count("SELECT count(*) FROM sources"), 5);
    assert_eq!(count("SELECT count(*) FROM documents"), 3);
    assert_eq!(count("SELECT count(*) FROM claim_versions"), 0, "not in git");
    let conflicts: serde_json::Value =
        serde_json::from_str(&stdout(dir.path(), &["conflicts", "--format", "json"])).unwrap();
    let n = conflicts["conflicts"].as_array().unwrap().len() as i64;
    assert!(n > 0);
    assert_eq!(count("SELECT count(*) FROM conflicts"), n);
    assert_eq!(
        count(
            "SELECT count(*) FROM conflicts WHERE kind = 'downward-revision' AND claim_b = 'killed-mchs-60'"
        ),
        n
    );
    // Datasette follows the declared keys: every claimant is a source.
    assert_eq!(count("SELECT count(*) FROM claims JOIN sources ON sources.id = claims.claimant"), 8);
    assert_eq!(
        count("SELECT count(*) FROM citations JOIN documents ON documents.id = citations.document"),
        8
    );
    let (rating, hi): (String, Option<i64>) = conn
        .query_row(
            "SELECT sources.rating, claims.hi FROM claims JOIN sources ON sources.id = claimant WHERE claims.id = 'killed-baza-115'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((rating.as_str(), hi), ("D", None));
    let fks: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fks, 0);
}

#[test]
fn sqlite_needs_a_file() {
    let dir = clean();
    claimtrail(dir.path())
        .args(["export", "--format", "sqlite"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-o claims.db"));
}
