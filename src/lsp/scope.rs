//! The part of the store that decides one file's findings, so that an
//! edit re-checks a few hundred records instead of the whole store.
//! `check::check_file` runs on this smaller snapshot (`check`'s rules, those
//! about one record at a time on the file's record only); the findings of the file are
//! those `check` gives it on the whole store, because every rule reads, for
//! a record R, only:
//!
//! - R itself (ids, placement, values, dates, hashes);
//! - the records whose id R names, and those that share R's id (dangling
//!   references, duplicate ids, the first record of a duplicate) — every
//!   string R holds is looked up as an id, so a new rule that follows a
//!   new reference field is covered without a list of such fields;
//! - every source and document (did-you-mean candidates, part_of cycles
//!   and relatedness, published dates);
//! - the claims of R's subject and measure (conflicts);
//! - the snapshot files of R, if a document, and of the documents R cites;
//! - the claims citing R, if R is a document whose snapshot has no
//!   readable text (`snapshot-unreadable` names them).
//!
//! Two things may differ, both in the editor's favour: did-you-mean hints
//! and closest passages are budgeted per run, and a run over a few hundred
//! records never exhausts a budget that a whole-store run may. The oracle
//! test below checks the rest on every file of a store.
//!
//! The snapshot borrows the workspace's records instead of copying them
//! ([`Lent`]): a claim's scope holds its whole group, 20,000 claims in the
//! benchmark's one group.
//!
//! [`Scope::Store`] (`claimtrail lsp --check-whole-store`) checks the whole
//! store with the buffers laid over it instead, as the benchmark's
//! baseline.

use std::collections::BTreeMap;

use crate::lsp::buffer::{Parsed, strings_of};
use crate::lsp::workspace::{Workspace, placeholder};
use crate::model::RecordKind;
use crate::store::contents::{Contents, Entry, SnapshotFile};

/// How much of the store an edit re-checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The records that decide the edited file's findings.
    Record,
    /// The whole store.
    Store,
}

/// The snapshot `check` runs on for the findings of `rel`, lent out of
/// the workspace: the disk's records in it are moved, not copied, and
/// moved back when it is dropped (the scope of a claim in a group of
/// 20,000 is those 20,000 records, and a copy of them was most of a
/// publish's memory). Dereferences to the snapshot.
pub(crate) struct Lent<'w> {
    ws: &'w mut Workspace,
    part: Contents,
    loan: Loan,
}

/// How the records of a [`Lent`] snapshot came out of the workspace.
enum Loan {
    /// None: the snapshot is a copy.
    Copied,
    /// Moved one by one into a list of their own: (index in the disk
    /// snapshot, index in the snapshot) of each; for a scope of a small
    /// part of the store.
    Moved(Vec<(usize, usize)>),
    /// The disk's own list, lent whole, for a scope of most of the store
    /// (a list of its own would cost as much as the disk's): the records
    /// left out of the scope set aside with their disk index (ascending),
    /// and where the buffers' records were put in (ascending).
    Whole { aside: Vec<(usize, Entry)>, buffers: Vec<usize> },
}

impl std::ops::Deref for Lent<'_> {
    type Target = Contents;

    fn deref(&self) -> &Contents {
        &self.part
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        match std::mem::replace(&mut self.loan, Loan::Copied) {
            Loan::Copied => {}
            Loan::Moved(moved) => {
                for (disk, at) in moved {
                    let e = std::mem::replace(&mut self.part.entries[at], placeholder());
                    self.ws.put_back(disk, e);
                }
            }
            Loan::Whole { aside, buffers } => {
                let mut all = std::mem::take(&mut self.part.entries);
                for at in buffers.into_iter().rev() {
                    all.remove(at);
                }
                merge_back(&mut all, aside);
                self.ws.return_disk_entries(all);
            }
        }
    }
}

/// Puts the records set aside back at their indices among the others
/// (`all` holds the rest, in order), in place, from the back.
fn merge_back(all: &mut Vec<Entry>, mut aside: Vec<(usize, Entry)>) {
    let mut kept = all.len();
    let n = kept + aside.len();
    all.resize_with(n, placeholder);
    for i in (0..n).rev() {
        if aside.last().is_some_and(|(at, _)| *at == i) {
            let (_, e) = aside.pop().expect("a record set aside");
            all[i] = e;
        } else {
            // The last kept record not yet placed; `i` holds a placeholder.
            kept -= 1;
            all.swap(i, kept);
        }
    }
}

/// Where a record of the snapshot comes from.
enum Pick {
    /// The disk entry at this index (moved in, then back).
    Disk(usize),
    /// A buffer's record (copied).
    Buffer(Box<Entry>),
}

/// The snapshot `check` runs on for the findings of `rel`.
pub(crate) fn contents_for<'w>(ws: &'w mut Workspace, rel: &str, scope: Scope) -> Lent<'w> {
    let paths = snapshot_paths(ws, rel, scope);
    for path in &paths {
        ws.snapshot_file(path);
    }
    if scope == Scope::Store {
        let part = ws.whole();
        return Lent { ws, part, loan: Loan::Copied };
    }
    let mut part = Contents::new(ws.disk().config.clone());
    part.measures = ws.measures().to_vec();
    part.has_measures_file = ws.has_measures_file();
    part.findings = ws.loading_findings(rel);
    let picks = picks(ws, rel);
    for path in paths {
        if let Some(file) = ws.known_snapshot_file(&path) {
            part.snapshots.insert(path, file.clone());
        }
    }
    let from_disk = picks.iter().filter(|p| matches!(p, Pick::Disk(_))).count();
    let loan = if from_disk * 2 > ws.disk().entries.len() {
        lend_whole(ws, &mut part, picks)
    } else {
        let mut moved = Vec::with_capacity(from_disk);
        part.entries = Vec::with_capacity(picks.len());
        for pick in picks {
            match pick {
                Pick::Disk(i) => {
                    moved.push((i, part.entries.len()));
                    part.entries.push(ws.take_disk_entry(i));
                }
                Pick::Buffer(e) => part.entries.push(*e),
            }
        }
        Loan::Moved(moved)
    };
    Lent { ws, part, loan }
}

/// Lends the disk's list of records whole as the snapshot's: the records
/// not picked set aside, the buffers' records put in at their places.
fn lend_whole(ws: &mut Workspace, part: &mut Contents, picks: Vec<Pick>) -> Loan {
    let mut all = ws.take_disk_entries();
    let mut picked = vec![false; all.len()];
    for p in &picks {
        if let Pick::Disk(i) = p {
            picked[*i] = true;
        }
    }
    let mut aside = Vec::with_capacity(all.len().saturating_sub(picks.len()));
    for (i, e) in all.iter_mut().enumerate() {
        if !picked[i] {
            aside.push((i, std::mem::replace(e, placeholder())));
        }
    }
    // `retain` visits each record once, in order.
    let mut flags = picked.into_iter();
    all.retain(|_| flags.next().unwrap_or(false));
    let mut buffers = Vec::new();
    for (at, p) in picks.into_iter().enumerate() {
        if let Pick::Buffer(e) = p {
            all.insert(at, *e);
            buffers.push(at);
        }
    }
    part.entries = all;
    Loan::Whole { aside, buffers }
}

/// The records of the snapshot of `rel`, in file order.
fn picks(ws: &Workspace, rel: &str) -> Vec<Pick> {
    let mut chosen: BTreeMap<&str, &Entry> = BTreeMap::new();
    for e in ws.sources_and_documents() {
        chosen.insert(&e.file, e);
    }
    if let Some(me) = ws.record(rel) {
        chosen.insert(&me.file, me);
        let strings = match ws.buffers.get(rel).map(|b| &b.parsed) {
            Some(Parsed::Record(_, strings)) => strings.clone(),
            _ => strings_of(me),
        };
        for id in &strings {
            for e in ws.with_id(id) {
                chosen.insert(&e.file, e);
            }
        }
        if let Some(c) = me.record.as_claim() {
            for e in ws.group(&c.subject, &c.measure) {
                chosen.insert(&e.file, e);
            }
        }
        // A document whose snapshot has no readable text is
        // `snapshot-unreadable` when claims quote it: those claims decide.
        if let Some(d) = me.record.as_document()
            && d.snapshot
                .as_deref()
                .and_then(|p| ws.known_snapshot_file(p))
                .is_some_and(|f| matches!(f, SnapshotFile::Found { text: Err(_), .. }))
        {
            for e in ws.of_kind(RecordKind::Claim) {
                if e.record.as_claim().is_some_and(|c| c.citations.iter().any(|cit| cit.document == d.id)) {
                    chosen.insert(&e.file, e);
                }
            }
        }
    }
    chosen
        .into_values()
        .map(|e| match ws.disk_index(e) {
            Some(i) => Pick::Disk(i),
            None => Pick::Buffer(Box::new(e.clone())),
        })
        .collect()
}

/// The snapshot files the findings of `rel` depend on: its own (and its
/// capture), if a document, and those of the documents it cites; every
/// one the store's documents name, for the whole store.
fn snapshot_paths(ws: &Workspace, rel: &str, scope: Scope) -> Vec<String> {
    let mut paths = Vec::new();
    if scope == Scope::Store {
        for b in ws.buffers.values() {
            if let Some(d) = b.parsed.entry().and_then(|e| e.record.as_document()) {
                paths.extend(d.snapshot.iter().chain(&d.capture).cloned());
            }
        }
        return paths;
    }
    let Some(me) = ws.record(rel) else { return paths };
    paths.extend(me.record.as_document().and_then(|d| d.capture.clone()));
    let mut documents: Vec<&Entry> = vec![me];
    if let Some(c) = me.record.as_claim() {
        for cit in &c.citations {
            documents.extend(ws.with_id(&cit.document));
        }
    }
    for e in documents {
        if e.record.kind() == RecordKind::Document {
            paths.extend(e.record.as_document().and_then(|d| d.snapshot.clone()));
        }
    }
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Diagnostic;
    use crate::store::Store;

    /// Writes a store with a finding of most kinds to a temp folder.
    fn store() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temp dir");
        let sealed = |text: &str| match crate::text::reseal_text::reseal(text).expect("a record") {
            crate::text::reseal_text::Reseal::Changed { text, .. } => text,
            crate::text::reseal_text::Reseal::UpToDate => text.to_owned(),
        };
        let snapshot = "The toll rose to 143 people, officials said.\n";
        let files: Vec<(&str, String)> = vec![
            ("claimtrail.ron", "Config()\n".into()),
            ("schemas/measures.ron", crate::testing::MEASURES.into()),
            ("sources/snapshots/doc.txt", snapshot.into()),
            (
                "sources/ic.ron",
                sealed("Source(id: \"ic\", name: \"IC\", kind: Government, part_of: [\"loop\"])"),
            ),
            ("sources/loop.ron", sealed("Source(id: \"loop\", name: \"L\", kind: Other, part_of: [\"ic\"])")),
            ("sources/tass.ron", sealed("Source(id: \"tass\", name: \"TASS\", kind: NewsAgency)")),
            (
                "sources/doc.ron",
                sealed(&format!(
                    "Document(id: \"doc\", publisher: \"tass\", title: \"T\", published: \"2024-03-24\", snapshot: \"doc.txt\", snapshot_hash: \"{}\")",
                    crate::text::hash::bytes_hash(snapshot.as_bytes())
                )),
            ),
            (
                "sources/gone.ron",
                sealed(
                    "Document(id: \"gone\", publisher: \"tas\", title: \"T\", published: \"2024-13\", snapshot: \"nope.txt\")",
                ),
            ),
            ("sources/broken.ron", "Source(id: ".into()),
            ("claims/s/a.ron", sealed(&claim("a", "Exact(143)", "ic", "rose to 143 people"))),
            ("claims/s/b.ron", sealed(&claim("b", "Exact(100)", "tass", "rose to 144 people"))),
            ("claims/s/c.ron", claim("c", "Exact(143)", "icc", "rose to 143 people")),
            ("claims/t/a.ron", sealed(&claim("a", "Between(5, 1)", "doc", "x"))),
            ("sources/misplaced.ron", sealed(&claim("m", "Exact(1)", "ic", "x"))),
            ("claims/t/d.ron", sealed(&claim("d", "Exact(7)", "ic", "x").replace("\"killed\"", "\"any\""))),
        ];
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    fn claim(id: &str, value: &str, claimant: &str, quote: &str) -> String {
        format!(
            "Claim(id: \"{id}\", subject: \"s\", measure: \"killed\", value: {value}, as_of: \"2024-03-23\", statement: \"x\", claimant: \"{claimant}\", citations: [Citation(document: \"doc\", quote: \"{quote}\")])"
        )
    }

    fn shown(found: &[Diagnostic]) -> Vec<String> {
        found.iter().map(|d| format!("{} {} {:?} {}", d.code.as_str(), d.file, d.field, d.message)).collect()
    }

    #[test]
    fn every_file_gets_the_findings_of_the_whole_store() {
        let dir = store();
        let mut ws = Workspace::load(Store::open(dir.path().to_path_buf()).expect("a store")).expect("loads");
        let whole = crate::check::check(ws.disk());
        let mut files: Vec<String> = ws.disk().entries.iter().map(|e| e.file.clone()).collect();
        files.extend(ws.disk().findings.iter().map(|d| d.file.clone()));
        let codes: std::collections::BTreeSet<&str> = whole.iter().map(|d| d.code.as_str()).collect();
        let wanted = [
            "bad-date",
            "bad-interval",
            "conflict",
            "dangling-reference",
            "duplicate-id",
            "misplaced-record",
            "missing-hash",
            "parse",
            "part-of-cycle",
            "quote-not-found",
            "snapshot-missing",
        ];
        assert!(wanted.iter().all(|c| codes.contains(c)), "{:#?}", shown(&whole));
        let disk: Vec<String> = ws.disk().entries.iter().map(|e| format!("{e:?}")).collect();
        for file in files {
            let part = contents_for(&mut ws, &file, Scope::Record);
            assert!(part.entries.len() <= disk.len());
            let mine: Vec<Diagnostic> =
                crate::check::check(&part).into_iter().filter(|d| d.file == file).collect();
            let focused = crate::check::check_file(&part, &file);
            drop(part);
            let expected: Vec<Diagnostic> = whole.iter().filter(|d| d.file == file).cloned().collect();
            assert_eq!(shown(&mine), shown(&expected), "{file}");
            assert_eq!(shown(&focused), shown(&expected), "{file}, its own rules only");
            // The records lent to the snapshot are back, unchanged.
            let now: Vec<String> = ws.disk().entries.iter().map(|e| format!("{e:?}")).collect();
            assert_eq!(now, disk, "{file}");
        }
        // The scope leaves out claims of other groups.
        let part = contents_for(&mut ws, "claims/s/b.ron", Scope::Record);
        assert!(part.entries.iter().any(|e| e.file == "claims/s/a.ron"));
        assert!(!part.entries.iter().any(|e| e.file == "claims/t/d.ron"));
    }

    #[test]
    fn buffers_stand_in_for_their_files_and_lent_records_go_back() {
        use crate::lsp::buffer::{Buffer, Parsed};
        let dir = store();
        let mut ws = Workspace::load(Store::open(dir.path().to_path_buf()).expect("a store")).expect("loads");
        let disk: Vec<String> = ws.disk().entries.iter().map(|e| format!("{e:?}")).collect();
        // An edit of a file on disk, a new file in the same group, and a
        // new source (a scope of a few records).
        let open = [
            ("claims/s/a.ron", claim("a", "Exact(150)", "ic", "rose to 143 people")),
            ("claims/s/n.ron", claim("n", "Exact(7)", "tas", "x")),
            (
                "sources/new.ron",
                "Source(id: \"new\", name: \"N\", kind: Other, part_of: [\"ic\"])".to_owned(),
            ),
        ];
        for (rel, text) in &open {
            let uri = crate::lsp::uri::from_path(&ws.store.root.join(rel)).expect("a URI");
            ws.set_buffer(
                rel,
                Buffer { uri, version: 1, text: text.clone(), lost: None, parsed: Parsed::Other },
            );
        }
        for (rel, _) in &open {
            let part = contents_for(&mut ws, rel, Scope::Record);
            let files: Vec<&str> = part.entries.iter().map(|e| e.file.as_str()).collect();
            let mut sorted = files.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(files, sorted, "{rel}: in file order, each once");
            let mine = part.entries.iter().find(|e| e.file == *rel).map(|e| format!("{e:?}"));
            drop(part);
            let buffered = ws.buffers[*rel].parsed.entry().map(|e| format!("{e:?}"));
            assert_eq!(mine, buffered, "{rel}: the buffer's record");
            let now: Vec<String> = ws.disk().entries.iter().map(|e| format!("{e:?}")).collect();
            assert_eq!(now, disk, "{rel}");
            let record = crate::lsp::diagnostics::findings(&mut ws, rel, Scope::Record).expect("open");
            let store = crate::lsp::diagnostics::findings(&mut ws, rel, Scope::Store).expect("open");
            assert!(!record.is_empty(), "{rel}");
            assert_eq!(shown(&record), shown(&store), "{rel}");
        }
    }
}
