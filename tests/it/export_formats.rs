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
    assert_eq!(&mchs[8], "Between 60 and 70 killed,\\u{a}according to the ministry.", "one line per row");
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

/// Escape sequences of every kind a terminal or a CI log acts on: CSI
/// (clear screen), OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), C1
/// CSI and NEL, DEL, bidi override and isolates, and workflow commands on
/// lines of their own.
const NASTY: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}\u{9b}31m\u{85}\u{7f}\u{202e}\u{2066}x\u{2069}\n::error file=a::pwned\n::add-mask::secret\r\n";

/// The clean store plus a reviewed claim whose every text field is
/// hostile: escapes, line breaks that start workflow commands, formulas.
fn hostile_store() -> tempfile::TempDir {
    let dir = clean();
    let claim = format!(
        "Claim(id: \"hostile\", subject: \"event\", measure: \"killed\", value: Exact(7), as_of: \"2024-03\", \
         statement: {NASTY:?}, claimant: \"ic\", \
         citations: [Citation(document: \"ic-1\", quote: {:?}, locator: {:?}, via: [\"baza\"])], \
         review: Review(verdict: Misleading, by: {:?}, on: \"2024-04-01\", note: {:?}), \
         tags: [{:?}, {:?}], note: {:?})",
        format!("\u{a0}=cmd|' /C calc'!A0{NASTY}"),
        "\n=1+1",
        format!("＝HYPERLINK(\"https://evil\"){NASTY}"),
        "\"=2",
        "@SUM(1)",
        "－5",
        "\t+1",
    );
    crate::support::stores::write(dir.path(), "claims/event/hostile.ron", &claim);
    assert_eq!(claimtrail(dir.path()).arg("hash").output().unwrap().status.code(), Some(0));
    dir
}

/// No control character but line breaks between rows, no bidi control, no
/// line that a CI log would read as a workflow command.
fn assert_inert_text(bytes: &[u8], what: &str) {
    crate::support::pipeline::assert_inert(bytes, false);
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(
        text.lines().all(|l| !l.trim_start().starts_with("::")),
        "{what}: a line starts a command:\n{text}"
    );
}

#[test]
fn csv_and_claimreview_are_inert_on_hostile_text() {
    let dir = hostile_store();
    for table in ["claims", "citations"] {
        let text = stdout(dir.path(), &["export", "--format", "csv", "--table", table]);
        assert_inert_text(text.as_bytes(), table);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        for row in reader.records().map(Result::unwrap).filter(|r| r.get(0) == Some("hostile")) {
            for (column, cell) in header.iter().zip(row.iter()) {
                let rest = cell.trim_start_matches(|c: char| c.is_whitespace() || c == '"');
                assert!(
                    !rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']),
                    "{table}.{column} is a live formula: {cell:?}"
                );
            }
        }
    }
    // `import` reads every hostile text back exactly.
    let claims = stdout(dir.path(), &["export", "--format", "csv"]);
    let citations = stdout(dir.path(), &["export", "--format", "csv", "--table", "citations"]);
    let read = claimtrail::internals::export::csv_import::read(
        claimtrail::internals::export::csv_import::Table { name: "claims.csv", bytes: claims.as_bytes() },
        Some(claimtrail::internals::export::csv_import::Table {
            name: "citations.csv",
            bytes: citations.as_bytes(),
        }),
        &|_| None::<&claimtrail::Record>,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let hostile = read.iter().find(|i| i.claim.id == "hostile").unwrap();
    assert_eq!(hostile.claim.statement, NASTY);
    assert_eq!(hostile.claim.tags, ["@SUM(1)", "－5"]);
    assert_eq!(hostile.claim.review.as_ref().and_then(|r| r.note.as_deref()), Some("\"=2"));
    let original = std::fs::read_to_string(dir.path().join("claims/event/hostile.ron")).unwrap();
    let hash = original.split("hash: \"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(
        hostile.claim.hash.as_ref().map(claimtrail::Seal::text).as_deref(),
        Some(hash),
        "the same record, sealed the same"
    );

    let text = stdout(dir.path(), &["export", "--format", "claimreview"]);
    assert_inert_text(text.as_bytes(), "claimreview");
    let reviews: serde_json::Value = serde_json::from_str(&text).unwrap();
    let review = reviews.as_array().unwrap().iter().find(|r| r["identifier"] == "hostile").unwrap();
    assert_eq!(review["claimReviewed"].as_str().unwrap(), format!("\u{a0}=cmd|' /C calc'!A0{NASTY}"));
}

#[test]
fn csv_with_a_bom_for_spreadsheets() {
    let dir = clean();
    let plain = stdout(dir.path(), &["export", "--format", "csv"]);
    let with_bom = stdout(dir.path(), &["export", "--format", "csv", "--bom"]);
    assert!(!plain.starts_with('\u{feff}'));
    assert_eq!(with_bom.strip_prefix('\u{feff}'), Some(plain.as_str()));
    claimtrail(dir.path())
        .args(["export", "--format", "claimreview", "--bom"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--bom is for --format csv"));
}

#[test]
fn csv_columns_are_typed() {
    let dir = clean();
    let text = stdout(dir.path(), &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        for name in ["lo", "hi"] {
            let cell = &row[col(name)];
            assert!(cell.is_empty() || cell.parse::<u128>().is_ok(), "{name}: {cell:?}");
        }
        let (as_of, precision) = (&row[col("as_of")], &row[col("as_of_precision")]);
        match precision {
            "" => assert!(as_of.is_empty()),
            "minute" => assert_eq!(as_of.len(), 16, "{as_of}"),
            "year" | "month" | "day" => assert_eq!(as_of.len(), 10, "{as_of}"),
            other => panic!("precision {other}"),
        }
    }
    // Numbers are never quoted: a count cell is bare digits in the text.
    assert!(text.lines().nth(1).is_some_and(|l| !l.contains("\"40\"")));
    let occurred = rows.iter().find(|r| &r[0] == "occurred-ic").unwrap();
    assert_eq!(
        (&occurred[col("date_lo")], &occurred[col("date_hi")], &occurred[col("date_precision")]),
        ("2024-03-22", "2024-03-22", "day")
    );
    assert_eq!((&occurred[col("lo")], &occurred[col("hi")]), ("", ""));
}

/// The first column of every row of a query, as text.
fn names(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn sqlite_of_a_store_with_dangling_references_keeps_its_keys() {
    let dir = crate::support::stores::broken();
    let db = dir.path().join("claims.db");
    let out = claimtrail(dir.path()).args(["export", "--format", "sqlite", "-o"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("left out of claims: killed-tass-100 (its claimant `tass` is no source"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let violations: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(violations, 0);
    let left: i64 =
        conn.query_row("SELECT count(*) FROM claims WHERE id = 'killed-tass-100'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    // One type per column (NULL aside), in every table.
    for table in names(&conn, "SELECT name FROM sqlite_master WHERE type = 'table'") {
        for column in names(&conn, &format!("SELECT name FROM pragma_table_info('{table}')")) {
            let types: i64 = conn
                .query_row(
                    &format!("SELECT count(DISTINCT typeof(\"{column}\")) FROM {table} WHERE \"{column}\" IS NOT NULL"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(types <= 1, "{table}.{column} mixes types");
        }
    }
    let (grade, superseded_by): (Option<i64>, String) = conn
        .query_row("SELECT credibility, superseded_by FROM claims WHERE id = 'killed-ic-40'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(grade.is_none(), "superseded, so not graded");
    assert_ne!(superseded_by, "[]");
}
