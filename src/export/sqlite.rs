//! An SQLite database for Datasette: tables `sources`, `documents`,
//! `claims`, `citations`, `conflicts` and, for a store in git,
//! `claim_versions` (one row per version of a claim, as the git-history
//! tool of the Datasette ecosystem builds). Primary and foreign keys are
//! declared so Datasette links claims to their claimants and documents;
//! lists are JSON arrays, which Datasette renders and SQLite's json
//! functions query.
//!
//! Filling works on any connection (tests use an in-memory one); the CLI
//! opens a temporary file beside the target and renames it into place.
//! A store with duplicate ids keeps the first record of each id, as
//! everything else in claimtrail does.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Transaction, params};

use super::{Bound, bounds, value_text};
use crate::model::Record;
use crate::store::snapshot::Snapshot;

const SCHEMA: &str = "
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    rating TEXT NOT NULL,
    rated_on TEXT,
    part_of TEXT NOT NULL,
    aliases TEXT NOT NULL,
    homepage TEXT,
    country TEXT,
    ratings TEXT NOT NULL,
    note TEXT,
    file TEXT NOT NULL,
    hash TEXT
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    publisher TEXT NOT NULL REFERENCES sources(id),
    title TEXT NOT NULL,
    url TEXT,
    author TEXT,
    published TEXT NOT NULL,
    updated TEXT NOT NULL,
    retrieved TEXT,
    language TEXT,
    translated_from TEXT,
    snapshot TEXT,
    snapshot_hash TEXT,
    file TEXT NOT NULL,
    hash TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    measure TEXT NOT NULL,
    value_kind TEXT NOT NULL,
    value TEXT NOT NULL,
    value_json TEXT NOT NULL,
    lo,
    hi,
    as_of TEXT,
    statement TEXT NOT NULL,
    claimant TEXT NOT NULL REFERENCES sources(id),
    rank TEXT NOT NULL,
    verdict TEXT,
    reviewed_by TEXT,
    reviewed_on TEXT,
    review_note TEXT,
    tags TEXT NOT NULL,
    note TEXT,
    revises TEXT,
    file TEXT NOT NULL,
    hash TEXT
);
CREATE INDEX claims_group ON claims(subject, measure);
CREATE INDEX claims_claimant ON claims(claimant);
CREATE TABLE citations (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    position INTEGER NOT NULL,
    document TEXT NOT NULL REFERENCES documents(id),
    quote TEXT NOT NULL,
    via TEXT NOT NULL,
    locator TEXT,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX citations_document ON citations(document);
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    measure TEXT NOT NULL,
    kind TEXT NOT NULL,
    claim_a TEXT NOT NULL REFERENCES claims(id),
    claim_b TEXT NOT NULL REFERENCES claims(id)
);
CREATE TABLE claim_versions (
    \"commit\" TEXT NOT NULL,
    time TEXT NOT NULL,
    author TEXT NOT NULL,
    id TEXT NOT NULL,
    change TEXT NOT NULL,
    path TEXT,
    value TEXT,
    hash TEXT,
    PRIMARY KEY (\"commit\", id)
);
CREATE INDEX claim_versions_id ON claim_versions(id);
";

/// A conflicting pair (SPEC section 9's conflict object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub subject: String,
    pub measure: String,
    pub kind: String,
    pub claims: [String; 2],
}

/// One version of a claim in git history (SPEC section 9's history
/// object); `value` is the value's JSON, `None` with `hash` for deletions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub commit: String,
    pub time: String,
    pub author: String,
    pub id: String,
    pub change: String,
    pub path: Option<String>,
    pub value: Option<String>,
    pub hash: Option<String>,
}

/// Creates the tables and fills them, in one transaction.
pub fn fill(
    conn: &mut Connection,
    snapshot: &Snapshot,
    conflicts: &[ConflictRow],
    versions: &[VersionRow],
) -> rusqlite::Result<()> {
    // The keys are declared for Datasette, not enforced: a store with a
    // dangling reference (a `check` error) still exports.
    conn.pragma_update(None, "foreign_keys", false)?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    records(&tx, snapshot)?;
    fill_conflicts(&tx, conflicts)?;
    fill_versions(&tx, versions)?;
    tx.commit()
}

fn records(tx: &Transaction, snapshot: &Snapshot) -> rusqlite::Result<()> {
    let mut source = tx.prepare(
        "INSERT OR IGNORE INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut document = tx.prepare(
        "INSERT OR IGNORE INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut claim = tx.prepare(
        "INSERT OR IGNORE INTO claims VALUES \
         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    let mut citation = tx.prepare("INSERT OR IGNORE INTO citations VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    // Referenced tables first, so the rows read in order of dependency.
    let mut entries: Vec<_> = snapshot.entries.iter().collect();
    entries.sort_by_key(|e| match e.record {
        Record::Source(_) => 0,
        Record::Document(_) => 1,
        Record::Claim(_) => 2,
    });
    for e in entries {
        match &e.record {
            Record::Source(s) => {
                let latest = s.ratings.last();
                let ratings = serde_json::to_string(&s.ratings).expect("ratings serialize");
                source.execute(params![
                    s.id,
                    s.name,
                    s.kind.name(),
                    s.current_reliability().letter(),
                    latest.map(|r| &r.on),
                    json_list(&s.part_of),
                    json_list(&s.aliases),
                    s.homepage,
                    s.country,
                    ratings,
                    s.note,
                    e.file,
                    s.hash,
                ])?;
            }
            Record::Document(d) => {
                document.execute(params![
                    d.id,
                    d.publisher,
                    d.title,
                    d.url,
                    d.author,
                    d.published,
                    json_list(&d.updated),
                    d.retrieved,
                    d.language,
                    d.translated_from,
                    d.snapshot,
                    d.snapshot_hash,
                    e.file,
                    d.hash,
                ])?;
            }
            Record::Claim(c) => {
                let (lo, hi) = bounds(snapshot, c);
                let review = c.review.as_ref();
                let inserted = claim.execute(params![
                    c.id,
                    c.subject,
                    c.measure,
                    c.value.variant(),
                    value_text(&c.value),
                    c.value.to_json().to_string(),
                    lo.map(sql_bound),
                    hi.map(sql_bound),
                    c.as_of,
                    c.statement,
                    c.claimant,
                    c.rank.name(),
                    review.map(|r| r.verdict.name()),
                    review.map(|r| &r.by),
                    review.map(|r| &r.on),
                    review.and_then(|r| r.note.as_ref()),
                    json_list(&c.tags),
                    c.note,
                    c.revises,
                    e.file,
                    c.hash,
                ])?;
                if inserted == 0 {
                    continue; // a duplicate id: its citations would mix with the first's
                }
                for (i, cit) in c.citations.iter().enumerate() {
                    citation.execute(params![
                        c.id,
                        i,
                        cit.document,
                        cit.quote,
                        json_list(&cit.via),
                        cit.locator
                    ])?;
                }
            }
        }
    }
    Ok(())
}

/// Fills the `conflicts` table (claim ids of a pair sorted, as in JSON).
pub fn fill_conflicts(tx: &Transaction, conflicts: &[ConflictRow]) -> rusqlite::Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO conflicts (subject, measure, kind, claim_a, claim_b) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in conflicts {
        insert.execute(params![c.subject, c.measure, c.kind, c.claims[0], c.claims[1]])?;
    }
    Ok(())
}

/// Fills the `claim_versions` table from the history of the store.
pub fn fill_versions(tx: &Transaction, versions: &[VersionRow]) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO claim_versions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for v in versions {
        insert.execute(params![v.commit, v.time, v.author, v.id, v.change, v.path, v.value, v.hash])?;
    }
    Ok(())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).expect("a list of strings serializes")
}

/// A count as an SQLite integer where it fits (every u64 but the top half,
/// and `About` bounds past it, are kept exactly as text instead).
fn sql_bound(b: Bound) -> Sql {
    match b {
        Bound::Count(n) => i64::try_from(n).map_or_else(|_| Sql::Text(n.to_string()), Sql::Integer),
        Bound::Date(d) => Sql::Text(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{sealed, snapshot};

    #[test]
    fn fills_every_table() {
        let src = sealed(
            "Source(id: \"ic\", name: \"IC\", kind: Government, ratings: [Rating(on: \"2024\", reliability: B, by: \"d\")])",
        );
        let doc = sealed(
            "Document(id: \"d\", publisher: \"ic\", title: \"T\", published: \"2024\", url: \"https://x\")",
        );
        let claim = sealed(
            "Claim(id: \"c\", subject: \"s\", measure: \"killed\", value: AtLeast(18446744073709551615), statement: \"s\", claimant: \"ic\", citations: [Citation(document: \"d\", quote: \"q\", via: [\"ic\"])])",
        );
        let dup = claim.replace("value: AtLeast", "value: AtMost");
        let snap = snapshot(&[
            ("sources/ic.ron", &src),
            ("sources/d.ron", &doc),
            ("claims/a.ron", &claim),
            ("claims/b.ron", &dup),
        ]);
        let mut conn = Connection::open_in_memory().unwrap();
        let conflict = ConflictRow {
            subject: "s".into(),
            measure: "killed".into(),
            kind: "disjoint".into(),
            claims: ["a".into(), "c".into()],
        };
        fill(&mut conn, &snap, &[conflict], &[]).unwrap();
        let count = |t: &str| {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).unwrap()
        };
        assert_eq!(
            [count("sources"), count("documents"), count("claims"), count("citations"), count("conflicts")],
            [1, 1, 1, 1, 1]
        );
        let (lo, via): (String, String) = conn
            .query_row("SELECT lo, via FROM claims JOIN citations ON claim_id = id", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((lo.as_str(), via.as_str()), ("18446744073709551615", "[\"ic\"]"));
        let rating: String = conn.query_row("SELECT rating FROM sources", [], |r| r.get(0)).unwrap();
        assert_eq!(rating, "B");
    }
}
