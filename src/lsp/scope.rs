//! The part of the store that decides one file's findings, so that an
//! edit re-checks a few hundred records instead of the whole store. `check`
//! runs unchanged on this smaller snapshot; the findings of the file are
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
//! [`Scope::Store`] (`claimtrail lsp --check-whole-store`) checks the whole
//! store with the buffers laid over it instead, as the benchmark's
//! baseline.

use std::collections::BTreeMap;

use crate::lsp::buffer::{Parsed, strings_of};
use crate::lsp::workspace::Workspace;
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

/// The snapshot `check` runs on for the findings of `rel`.
pub(crate) fn contents_for(ws: &mut Workspace, rel: &str, scope: Scope) -> Contents {
    let paths = snapshot_paths(ws, rel, scope);
    for path in &paths {
        ws.snapshot_file(path);
    }
    let ws = &*ws;
    if scope == Scope::Store {
        return ws.whole();
    }
    let mut part = Contents::new(ws.disk().config.clone());
    part.measures = ws.measures().to_vec();
    part.has_measures_file = ws.has_measures_file();
    part.findings = ws.loading_findings(rel);
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
    part.entries = chosen.into_values().cloned().collect();
    for path in paths {
        if let Some(file) = ws.known_snapshot_file(&path) {
            part.snapshots.insert(path, file.clone());
        }
    }
    part
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
        for file in files {
            let part = contents_for(&mut ws, &file, Scope::Record);
            assert!(part.entries.len() <= ws.disk().entries.len());
            let mine: Vec<Diagnostic> =
                crate::check::check(&part).into_iter().filter(|d| d.file == file).collect();
            let expected: Vec<Diagnostic> = whole.iter().filter(|d| d.file == file).cloned().collect();
            assert_eq!(shown(&mine), shown(&expected), "{file}");
        }
        // The scope leaves out claims of other groups.
        let part = contents_for(&mut ws, "claims/s/b.ron", Scope::Record);
        assert!(part.entries.iter().any(|e| e.file == "claims/s/a.ron"));
        assert!(!part.entries.iter().any(|e| e.file == "claims/t/d.ron"));
    }
}
