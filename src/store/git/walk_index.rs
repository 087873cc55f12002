//! The walk index: what first-parent walks learn, kept between runs in the
//! git directory (`<git dir>/claimtrail/walk-<key>.sqlite`) so that the
//! next run need not learn it again.
//!
//! For each commit it holds the commit's first parent, metadata, measures
//! blob and the record files it changed relative to that parent (the tree
//! diff a walk makes); for each record blob, the id of the record in it
//! (or that it holds none). Each of these is a function of immutable git
//! objects, of the store's configuration and of claimtrail's parser; the
//! last two name the file (`<key>`), so the index never goes stale: a
//! rewritten branch is new commits, an edited claimtrail.ron another file.
//!
//! It is a cache, never the truth: a command that cannot open, read or
//! write it (a read-only repository, a damaged file, another process
//! holding the lock too long) does its work from git alone, as it would
//! with `CLAIMTRAIL_WALK_INDEX=off`. A tampered index can mislead `history`
//! and `diff` the way a tampered `.git` can mislead git; SECURITY.md says so.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use git2::Oid;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::tree_diff::{RawChange, Special};
use crate::store::commits::Commit;
use crate::store::config::Config;
use crate::store::contents::Folder;

/// Bumped whenever the tables or the meaning of a row change.
const FORMAT: &str = "walk-index 3";

/// Above this many blobs, [`Index::blob_ids`] reads the whole table.
const SCAN_ABOVE: usize = 1000;

/// The environment variable with which the command line turns the index
/// off (`off`); `cli` reads it and passes it on as `Store::walk_index`.
pub const ENV: &str = "CLAIMTRAIL_WALK_INDEX";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS commits (
    oid BLOB PRIMARY KEY,
    parent BLOB,
    measures BLOB,
    time TEXT NOT NULL,
    author TEXT NOT NULL,
    summary TEXT NOT NULL,
    trees BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
    oid BLOB NOT NULL,
    seq INTEGER NOT NULL,
    path TEXT NOT NULL,
    folder INTEGER NOT NULL,
    blob BLOB,
    special INTEGER,
    PRIMARY KEY (oid, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS changes_by_path ON changes (path);
CREATE INDEX IF NOT EXISTS changes_by_blob ON changes (blob);
CREATE TABLE IF NOT EXISTS blobs (
    blob BLOB PRIMARY KEY,
    id TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS blobs_by_id ON blobs (id);
";

/// A commit as the index knows it.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub parent: Option<Oid>,
    pub measures: Option<Oid>,
    pub commit: Commit,
    /// The trees a walk reads to learn the commit's changes (its root
    /// tree, the folders to the records and the subtrees that differ from
    /// its first parent's): what the index stands in for, so a use of it
    /// first checks they are still in the repository.
    pub trees: Vec<Oid>,
}

/// A commit to add: what [`Known`] holds and the files it changed.
pub(super) struct NewCommit {
    pub oid: Oid,
    pub known: Known,
    pub changes: Vec<RawChange>,
}

/// One change of [`Index::changes_touching`]: the commit, the change, and
/// the id held by its new blob (`None`: deleted, or not a record).
pub(super) struct Touch {
    pub commit: Oid,
    pub change: RawChange,
    pub id: Option<String>,
}

pub(super) struct Index {
    conn: Connection,
}

impl Index {
    /// Opens (creating if needed) the index of this configuration, or
    /// `None` when it cannot be opened for writing. (Turned off, it is not
    /// opened at all: `Store::walk_index`.)
    pub(super) fn open(git_dir: &Path, prefix: &str, config: &Config) -> Option<Index> {
        let dir = git_dir.join("claimtrail");
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("walk-{}.sqlite", key(prefix, config)));
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW;
        let conn = Connection::open_with_flags(&path, flags).ok()?;
        let index = Index { conn };
        index.prepare().ok()?;
        Some(index)
    }

    fn prepare(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // SQLite's defaults: a rollback journal (not WAL, so nothing is left
        // beside the file between runs; commands end without closing it)
        // and full syncs, so neither a crash nor a power cut leaves a torn
        // file. Writes happen only when a run learns new commits or blobs.
        self.conn.execute_batch(SCHEMA)
    }

    /// Every commit the index knows.
    pub(super) fn commits(&self) -> rusqlite::Result<HashMap<Oid, Known>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT oid, parent, measures, time, author, summary, trees FROM commits")?;
        let rows = stmt.query_map([], |r| {
            let oid = oid_of(r.get_ref(0)?.as_blob()?)?;
            let known = Known {
                parent: opt_oid(r.get_ref(1)?.as_blob_or_null()?)?,
                measures: opt_oid(r.get_ref(2)?.as_blob_or_null()?)?,
                commit: Commit {
                    sha: oid.to_string(),
                    time: r.get(3)?,
                    author: r.get(4)?,
                    summary: r.get(5)?,
                },
                trees: r.get_ref(6)?.as_blob()?.chunks(20).map(oid_of).collect::<rusqlite::Result<_>>()?,
            };
            Ok((oid, known))
        })?;
        rows.collect()
    }

    /// The changes of every commit the index knows, each in tree order.
    pub(super) fn all_changes(&self) -> rusqlite::Result<HashMap<Oid, Vec<RawChange>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT oid, path, folder, blob, special FROM changes ORDER BY oid, seq")?;
        let mut out: HashMap<Oid, Vec<RawChange>> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let oid = oid_of(r.get_ref(0)?.as_blob()?)?;
            out.entry(oid).or_default().push(change(r, 1)?);
        }
        Ok(out)
    }

    /// Every change at a path that ever held a blob with this id, in any
    /// commit the index knows, with the id each new blob holds; in commit
    /// order within each commit. `None` when a blob's id is unknown.
    pub(super) fn changes_touching(&self, id: &str) -> rusqlite::Result<Option<Vec<Touch>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.oid, c.path, c.folder, c.blob, c.special, b.blob IS NOT NULL, b.id
             FROM changes c LEFT JOIN blobs b ON b.blob = c.blob
             WHERE c.path IN (
                 SELECT DISTINCT path FROM changes WHERE blob IN (SELECT blob FROM blobs WHERE id = ?1))
             ORDER BY c.oid, c.seq",
        )?;
        let mut rows = stmt.query([id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let change = change(r, 1)?;
            let known: bool = r.get(5)?;
            if change.blob.is_some() && change.special.is_none() && !known {
                return Ok(None);
            }
            out.push(Touch { commit: oid_of(r.get_ref(0)?.as_blob()?)?, change, id: r.get(6)? });
        }
        Ok(Some(out))
    }

    /// The id each blob holds (`Some(None)`: not a record), for the blobs
    /// the index knows.
    pub(super) fn blob_ids(&self, blobs: &[Oid]) -> rusqlite::Result<HashMap<Oid, Option<String>>> {
        let mut out = HashMap::with_capacity(blobs.len());
        if blobs.len() > SCAN_ABOVE {
            // One scan of the table beats thousands of lookups.
            let wanted: std::collections::HashSet<&Oid> = blobs.iter().collect();
            let mut stmt = self.conn.prepare_cached("SELECT blob, id FROM blobs")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let blob = oid_of(r.get_ref(0)?.as_blob()?)?;
                if wanted.contains(&blob) {
                    out.insert(blob, r.get(1)?);
                }
            }
            return Ok(out);
        }
        let mut stmt = self.conn.prepare_cached("SELECT id FROM blobs WHERE blob = ?1")?;
        for &blob in blobs {
            if let Some(id) =
                stmt.query_row([blob.as_bytes()], |r| r.get::<_, Option<String>>(0)).optional()?
            {
                out.insert(blob, id);
            }
        }
        Ok(out)
    }

    /// Adds commits and blob ids in one transaction.
    pub(super) fn insert(
        &self,
        commits: &[NewCommit],
        blobs: &[(Oid, Option<String>)],
    ) -> rusqlite::Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut commit = tx.prepare_cached(
                "INSERT OR REPLACE INTO commits (oid, parent, measures, time, author, summary, trees)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut change = tx.prepare_cached(
                "INSERT OR REPLACE INTO changes (oid, seq, path, folder, blob, special)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in commits {
                let k = &c.known;
                commit.execute(params![
                    c.oid.as_bytes(),
                    k.parent.as_ref().map(Oid::as_bytes),
                    k.measures.as_ref().map(Oid::as_bytes),
                    k.commit.time,
                    k.commit.author,
                    k.commit.summary,
                    k.trees.iter().flat_map(|t| t.as_bytes().iter().copied()).collect::<Vec<u8>>(),
                ])?;
                for (seq, ch) in c.changes.iter().enumerate() {
                    change.execute(params![
                        c.oid.as_bytes(),
                        seq as i64,
                        ch.path,
                        folder_code(ch.folder),
                        ch.blob.as_ref().map(Oid::as_bytes),
                        ch.special.map(Special::code),
                    ])?;
                }
            }
            let mut blob = tx.prepare_cached("INSERT OR REPLACE INTO blobs (blob, id) VALUES (?1, ?2)")?;
            for (oid, id) in blobs {
                blob.execute(params![oid.as_bytes(), id])?;
            }
        }
        tx.commit()
    }
}

/// The file name's key: the format, claimtrail's version (its parser
/// decides which blobs are records), and what of the configuration decides
/// which files are records and how they parse.
fn key(prefix: &str, config: &Config) -> String {
    let mut h = Sha256::new();
    for part in [
        FORMAT,
        env!("CARGO_PKG_VERSION"),
        prefix,
        &config.claims,
        &config.sources,
        &config.snapshots(),
        &config.measures,
        &config.file_limit().to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn folder_code(folder: Folder) -> i64 {
    match folder {
        Folder::Claims => 0,
        Folder::Sources => 1,
    }
}

/// A change from columns `at..at + 4` (path, folder, blob, special).
fn change(r: &rusqlite::Row, at: usize) -> rusqlite::Result<RawChange> {
    let folder = match r.get::<_, i64>(at + 1)? {
        0 => Folder::Claims,
        1 => Folder::Sources,
        n => return Err(bad(format!("folder code {n}"))),
    };
    Ok(RawChange {
        path: r.get(at)?,
        folder,
        blob: opt_oid(r.get_ref(at + 2)?.as_blob_or_null()?)?,
        old: None,
        special: r.get::<_, Option<i64>>(at + 3)?.and_then(Special::of_code),
    })
}

fn oid_of(bytes: &[u8]) -> rusqlite::Result<Oid> {
    Oid::from_bytes(bytes).map_err(|e| bad(e.message().to_owned()))
}

fn opt_oid(bytes: Option<&[u8]>) -> rusqlite::Result<Option<Oid>> {
    bytes.map(oid_of).transpose()
}

fn bad(what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, what.into())
}
