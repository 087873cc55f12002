//! An SQLite database for Datasette: tables `sources`, `documents`,
//! `claims`, `citations`, `conflicts` and, for a store in git,
//! `claim_versions` (one row per version of a claim, as the git-history
//! tool of the Datasette ecosystem builds). Primary and foreign keys are
//! declared so Datasette links claims to their claimants and documents;
//! lists are JSON arrays, which Datasette renders and SQLite's json
//! functions query.
//!
//! **Keys hold on any store**: `PRAGMA foreign_key_check` finds nothing,
//! even in a store with dangling references (a `check` error). A row whose
//! key would name nothing — a document whose publisher is no source, a
//! claim whose claimant is no source, a citation of no document (or of a
//! claim left out), a conflict of a claim left out — is left out, and
//! [`fill`] returns each one with the reason, for the CLI to say on
//! standard error. A newsroom exports a store mid-work to look at it; a
//! database that opens with every sound row beats none, and `check` is
//! where the store's errors are judged.
//!
//! **Every column has one type.** Counts are INTEGER in `lo`/`hi` when they
//! fit in 64 signed bits, NULL otherwise, and always exact as decimal TEXT
//! in `lo_text`/`hi_text` (an `About` bound can pass 2^64); dates are ISO
//! TEXT (`2024-03-26`, or `2024-03-23T13:23` at minute precision) with a
//! `*_precision` column (`year`, `month`, `day`, `minute`); a Date value's
//! span is in `date_lo`/`date_hi`. Claims carry their suggested Admiralty
//! grade (`credibility`, 1–6, NULL when not graded, with its reasons) and
//! `superseded_by` (docs/reference.md section 4); sources their current reliability.
//!
//! Filling works on any connection (tests use an in-memory one); the CLI
//! opens a temporary file beside the target and renames it into place.
//! A store with duplicate ids keeps the first record of each id, as
//! everything else in claimtrail does.

use std::collections::HashSet;

use rusqlite::{Connection, Transaction, params};

use super::{Bound, IsoDate, bounds, iso_date, value_text};
use crate::compare::analysis::Analysis;
use crate::model::{Claim, Record, Seal, Value};
use crate::store::contents::Contents;

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
    hash TEXT,
    published_precision TEXT,
    capture TEXT,
    capture_hash TEXT,
    version_of TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    measure TEXT NOT NULL,
    value_kind TEXT NOT NULL,
    value TEXT NOT NULL,
    value_json TEXT NOT NULL,
    lo INTEGER,
    hi INTEGER,
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
    hash TEXT,
    lo_text TEXT,
    hi_text TEXT,
    date_lo TEXT,
    date_hi TEXT,
    date_precision TEXT,
    as_of_precision TEXT,
    reviewed_on_precision TEXT,
    supersedes TEXT NOT NULL,
    superseded_by TEXT NOT NULL,
    credibility INTEGER,
    credibility_reasons TEXT
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

/// One version of a claim in git history (docs/reference.md section 9's history
/// object); `value` is the value's JSON, `None` with `hash` for deletions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    /// The commit's full hex id.
    pub commit: String,
    /// The commit's author time, RFC 3339.
    pub time: String,
    /// The commit's author.
    pub author: String,
    /// The claim's id.
    pub id: String,
    /// `added`, `modified`, `moved`, `deleted` or `unreadable`.
    pub change: String,
    /// Where the claim is after the commit.
    pub path: Option<String>,
    /// The value's JSON; `None` for a deletion.
    pub value: Option<String>,
    /// The version's hash.
    pub hash: Option<String>,
}

/// A row left out because a key of it would name nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The table it would have gone to.
    pub table: &'static str,
    /// The row: a record id, `claim#position` for a citation,
    /// `a / b` for a conflict.
    pub row: String,
    /// Why, in words: which key names what.
    pub reason: String,
}

/// Creates the tables and fills them, in one transaction; returns the rows
/// left out so that every declared key holds. `analysis` is the store's
/// comparison (`Analysis::of`): its conflicts, grades and supersession.
pub fn fill(
    conn: &mut Connection,
    contents: &Contents,
    analysis: &Analysis,
    versions: &[VersionRow],
) -> rusqlite::Result<Vec<LeftOut>> {
    conn.pragma_update(None, "foreign_keys", true)?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let mut left_out = Vec::new();
    let claims = records(&tx, contents, analysis, &mut left_out)?;
    fill_conflicts(&tx, analysis, &claims, &mut left_out)?;
    fill_versions(&tx, versions)?;
    tx.commit()?;
    Ok(left_out)
}

/// Fills sources, documents, claims and citations; returns the ids of the
/// claims written.
fn records<'s>(
    tx: &Transaction,
    contents: &'s Contents,
    analysis: &Analysis,
    left_out: &mut Vec<LeftOut>,
) -> rusqlite::Result<HashSet<&'s str>> {
    let mut source = tx.prepare(
        "INSERT OR IGNORE INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut document = tx.prepare(
        "INSERT OR IGNORE INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut citation = tx.prepare("INSERT OR IGNORE INTO citations VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    // Referenced tables first, so that each key is checked against rows
    // already written.
    let mut entries: Vec<(usize, &crate::store::contents::Entry)> =
        contents.entries.iter().enumerate().collect();
    entries.sort_by_key(|(_, e)| match e.record {
        Record::Source(_) => 0,
        Record::Document(_) => 1,
        Record::Claim(_) => 2,
    });
    let mut sources: HashSet<&str> = HashSet::new();
    let mut documents: HashSet<&str> = HashSet::new();
    let mut claims: HashSet<&str> = HashSet::new();
    for (index, e) in entries {
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
                    s.hash.as_ref().map(Seal::text),
                ])?;
                sources.insert(&s.id);
            }
            Record::Document(d) => {
                if documents.contains(d.id.as_str()) {
                    continue;
                }
                if !sources.contains(d.publisher.as_str()) {
                    left_out.push(LeftOut {
                        table: "documents",
                        row: d.id.clone(),
                        reason: format!("its publisher `{}` is no source of the store", d.publisher),
                    });
                    continue;
                }
                let (published, precision) = date_columns(Some(&d.published));
                document.execute(params![
                    d.id,
                    d.publisher,
                    d.title,
                    d.url,
                    d.author,
                    published,
                    json_list(&d.updated),
                    d.retrieved,
                    d.language,
                    d.translated_from,
                    d.snapshot,
                    d.snapshot_hash,
                    e.file,
                    d.hash.as_ref().map(Seal::text),
                    precision,
                    d.capture,
                    d.capture_hash,
                    d.version_of,
                ])?;
                documents.insert(&d.id);
            }
            Record::Claim(c) => {
                if claims.contains(c.id.as_str()) {
                    continue; // a duplicate id: its citations would mix with the first's
                }
                if !sources.contains(c.claimant.as_str()) {
                    left_out.push(LeftOut {
                        table: "claims",
                        row: c.id.clone(),
                        reason: format!(
                            "its claimant `{}` is no source of the store (its citations are left out too)",
                            c.claimant
                        ),
                    });
                    continue;
                }
                insert_claim(tx, contents, analysis, index, c, &e.file)?;
                claims.insert(&c.id);
                for (i, cit) in c.citations.iter().enumerate() {
                    if !documents.contains(cit.document.as_str()) {
                        left_out.push(LeftOut {
                            table: "citations",
                            row: format!("{}#{}", c.id, i),
                            reason: format!("its document `{}` is no document of the store", cit.document),
                        });
                        continue;
                    }
                    citation.execute(params![
                        c.id,
                        i,
                        cit.document.as_str(),
                        cit.quote,
                        json_list(&cit.via),
                        cit.locator
                    ])?;
                }
            }
        }
    }
    Ok(claims)
}

fn insert_claim(
    tx: &Transaction,
    contents: &Contents,
    analysis: &Analysis,
    index: usize,
    c: &Claim,
    file: &str,
) -> rusqlite::Result<()> {
    let mut claim = tx.prepare_cached(
        "INSERT INTO claims VALUES \
         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
          ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)",
    )?;
    let (lo, hi) = bounds(contents, c);
    let count = |b: &Option<Bound>| match b {
        Some(Bound::Count(n)) => (i64::try_from(*n).ok(), Some(n.to_string())),
        _ => (None, None),
    };
    let ((lo, lo_text), (hi, hi_text)) = (count(&lo), count(&hi));
    let value_date: Option<IsoDate> = match &c.value {
        Value::Date(d) => iso_date(d),
        _ => None,
    };
    let review = c.review.as_ref();
    let (as_of, as_of_precision) = date_columns(c.as_of.as_deref());
    let (reviewed_on, reviewed_on_precision) = date_columns(review.map(|r| r.on.as_str()));
    let superseded_by: Vec<&str> =
        analysis.supersession.superseded_by(index).iter().map(|&e| contents.entries[e].record.id()).collect();
    let credibility = analysis.credibility(index);
    claim.execute(params![
        c.id,
        c.subject.as_str(),
        c.measure.as_str(),
        c.value.variant(),
        value_text(&c.value),
        c.value.to_json().to_string(),
        lo,
        hi,
        as_of,
        c.statement,
        c.claimant.as_str(),
        c.rank.name(),
        review.map(|r| r.verdict.name()),
        review.map(|r| &r.by),
        reviewed_on,
        review.and_then(|r| r.note.as_ref()),
        json_list(&c.tags),
        c.note,
        c.revises,
        file,
        c.hash.as_ref().map(Seal::text),
        lo_text,
        hi_text,
        value_date.as_ref().map(|d| &d.first),
        value_date.as_ref().map(|d| &d.last),
        value_date.as_ref().map(|d| d.precision),
        as_of_precision,
        reviewed_on_precision,
        json_list(&c.supersedes),
        serde_json::to_string(&superseded_by).expect("ids serialize"),
        credibility.map(|g| g.grade),
        credibility.map(|g| serde_json::to_string(&g.reasons).expect("reasons serialize")),
    ])?;
    Ok(())
}

/// Fills the `conflicts` table (claim ids of a pair sorted, as in JSON);
/// a pair with a claim left out is left out too.
fn fill_conflicts(
    tx: &Transaction,
    analysis: &Analysis,
    claims: &HashSet<&str>,
    left_out: &mut Vec<LeftOut>,
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO conflicts (subject, measure, kind, claim_a, claim_b) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &analysis.conflicts {
        if let Some(missing) = c.claims.iter().find(|id| !claims.contains(id.as_str())) {
            left_out.push(LeftOut {
                table: "conflicts",
                row: format!("{} / {}", c.claims[0], c.claims[1]),
                reason: format!("its claim `{missing}` is left out"),
            });
            continue;
        }
        insert.execute(params![c.subject, c.measure, c.kind.as_str(), c.claims[0], c.claims[1]])?;
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

fn json_list<S: serde::Serialize>(items: &[S]) -> String {
    serde_json::to_string(items).expect("a list of strings serializes")
}

/// A date's ISO column and its precision; a date that is not valid (a
/// `check` error) as written, with no precision.
fn date_columns(date: Option<&str>) -> (Option<String>, Option<&'static str>) {
    match date.map(|d| (d, iso_date(d))) {
        None => (None, None),
        Some((_, Some(iso))) => (Some(iso.first), Some(iso.precision)),
        Some((d, None)) => (Some(d.to_owned()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{sealed, snapshot};

    fn filled(files: &[(&str, &str)]) -> (Connection, Vec<LeftOut>) {
        let snap = snapshot(files);
        let mut conn = Connection::open_in_memory().unwrap();
        let left_out = fill(&mut conn, &snap, &Analysis::of(&snap), &[]).unwrap();
        (conn, left_out)
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Every column of every table holds one type (NULL aside).
    fn assert_uniform_types(conn: &Connection) {
        let mut tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").unwrap();
        let tables: Vec<String> = tables.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        for table in tables {
            let mut cols = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).unwrap();
            let cols: Vec<String> = cols.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
            for col in cols {
                let sql = format!(
                    "SELECT count(DISTINCT typeof(\"{col}\")) FROM {table} WHERE \"{col}\" IS NOT NULL"
                );
                assert!(count(conn, &sql) <= 1, "{table}.{col} mixes types");
            }
        }
    }

    #[test]
    fn fills_every_table() {
        let src = sealed(
            "Source(id: \"ic\", name: \"IC\", kind: Government, ratings: [Rating(on: \"2024\", reliability: B, by: \"d\")])",
        );
        let doc = sealed(
            "Document(id: \"d\", publisher: \"ic\", title: \"T\", published: \"2024\", url: \"https://x\")",
        );
        let claim = sealed(
            "Claim(id: \"c\", subject: \"s\", measure: \"killed\", value: AtLeast(18446744073709551615), as_of: \"2024-03\", statement: \"s\", claimant: \"ic\", citations: [Citation(document: \"d\", quote: \"q\", via: [\"ic\"])])",
        );
        let small = claim.replace("\"c\"", "\"e\"").replace("AtLeast(18446744073709551615)", "Exact(5)");
        let date = claim
            .replace("\"c\"", "\"f\"")
            .replace("\"killed\"", "\"founded\"")
            .replace("AtLeast(18446744073709551615)", "Date(\"2014\")");
        let dup = claim.replace("value: AtLeast", "value: AtMost");
        let (conn, left_out) = filled(&[
            ("sources/ic.ron", &src),
            ("sources/d.ron", &doc),
            ("claims/a.ron", &claim),
            ("claims/b.ron", &dup),
            ("claims/e.ron", &small),
            ("claims/f.ron", &date),
        ]);
        assert_eq!(left_out, []);
        let n = |t: &str| count(&conn, &format!("SELECT count(*) FROM {t}"));
        assert_eq!(
            [n("sources"), n("documents"), n("claims"), n("citations"), n("conflicts")],
            [1, 1, 3, 3, 1]
        );
        let row = |id: &str| -> (Option<i64>, Option<String>, Option<String>, Option<String>) {
            conn.query_row(
                "SELECT lo, lo_text, date_lo, as_of_precision FROM claims WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
        };
        assert_eq!(row("c"), (None, Some("18446744073709551615".into()), None, Some("month".into())));
        assert_eq!(row("e"), (Some(5), Some("5".into()), None, Some("month".into())));
        assert_eq!(row("f"), (None, None, Some("2014-01-01".into()), Some("month".into())));
        let (grade, superseded_by): (Option<i64>, String) = conn
            .query_row("SELECT credibility, superseded_by FROM claims WHERE id = 'e'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((grade, superseded_by.as_str()), (Some(4), "[]"));
        let rating: String = conn.query_row("SELECT rating FROM sources", [], |r| r.get(0)).unwrap();
        assert_eq!(rating, "B");
        assert_uniform_types(&conn);
    }

    #[test]
    fn dangling_rows_are_left_out_and_named() {
        let src = sealed("Source(id: \"ic\", name: \"IC\", kind: Government)");
        let doc = sealed("Document(id: \"d\", publisher: \"ic\", title: \"T\", published: \"2024\")");
        let orphan = sealed("Document(id: \"o\", publisher: \"nobody\", title: \"T\", published: \"2024\")");
        let claim = |id: &str, claimant: &str, value: &str, doc: &str| {
            sealed(&format!(
                "Claim(id: \"{id}\", subject: \"s\", measure: \"killed\", value: {value}, statement: \"s\", claimant: \"{claimant}\", citations: [Citation(document: \"{doc}\", quote: \"q\")])"
            ))
        };
        let (conn, left_out) = filled(&[
            ("sources/ic.ron", &src),
            ("sources/d.ron", &doc),
            ("sources/o.ron", &orphan),
            ("claims/a.ron", &claim("a", "ic", "Exact(1)", "d")),
            ("claims/b.ron", &claim("b", "ghost", "Exact(9)", "d")),
            ("claims/c.ron", &claim("c", "ic", "Exact(50)", "o")),
        ]);
        let got: Vec<String> =
            left_out.iter().map(|l| format!("{} {}: {}", l.table, l.row, l.reason)).collect();
        assert_eq!(
            got,
            [
                "documents o: its publisher `nobody` is no source of the store",
                "claims b: its claimant `ghost` is no source of the store (its citations are left out too)",
                "citations c#0: its document `o` is no document of the store",
                "conflicts a / b: its claim `b` is left out",
                "conflicts b / c: its claim `b` is left out",
            ]
        );
        let fks = count(&conn, "SELECT count(*) FROM pragma_foreign_key_check");
        assert_eq!(fks, 0);
        assert_eq!(count(&conn, "SELECT count(*) FROM claims"), 2);
        assert_eq!(count(&conn, "SELECT count(*) FROM conflicts"), 1, "a / c");
        assert_uniform_types(&conn);
    }
}
