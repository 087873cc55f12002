//! Validation rules of SPEC section 7, one module per concern. Each rule is
//! a pure function of a [`Snapshot`] that pushes [`Diagnostic`]s with a
//! field path; positions are filled in later by `diagnostic::locate`.
//! Parse findings come from loading; `conflict` wraps the `analysis`
//! module; `unexplained-revision` comes from history.

pub mod registry;

mod conflicts;
mod dates;
mod hashes;
mod ids;
mod part_of;
mod placement;
mod quotes;
mod references;
mod snapshots;
mod values;

use std::cell::Cell;
use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Measure, RecordKind};
use crate::snapshot::{Entry, Snapshot};

/// What every rule needs to look things up.
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    /// Records by id; more than one entry is a duplicate.
    pub ids: HashMap<&'a str, Vec<&'a Entry>>,
    pub measures: HashMap<&'a str, &'a Measure>,
    /// Candidate comparisons left for did-you-mean hints in this run.
    suggestions_left: Cell<usize>,
}

/// Did-you-mean hints compare a name with every candidate, so a store of
/// many bad references to many records would cost their product; a run
/// makes at most this many comparisons (under a second), then gives hints no
/// more.
pub const SUGGESTION_BUDGET: usize = 1_000_000;

impl<'a> Context<'a> {
    pub fn new(snapshot: &'a Snapshot) -> Context<'a> {
        let mut ids: HashMap<&str, Vec<&Entry>> = HashMap::with_capacity(snapshot.entries.len());
        for e in &snapshot.entries {
            ids.entry(e.record.id()).or_default().push(e);
        }
        let measures = snapshot.measures.iter().map(|m| (m.id.as_str(), m)).collect();
        Context { snapshot, ids, measures, suggestions_left: Cell::new(SUGGESTION_BUDGET) }
    }

    /// The record of `kind` with this id, if any.
    pub fn get(&self, id: &str, kind: RecordKind) -> Option<&'a Entry> {
        self.ids.get(id)?.iter().copied().find(|e| e.record.kind() == kind)
    }

    /// " ; did you mean `x`?" for `wanted` among `candidates` (at most
    /// `count` of them), or nothing once the run's budget is spent.
    pub fn did_you_mean<'b>(
        &self,
        wanted: &str,
        candidates: impl IntoIterator<Item = &'b str>,
        count: usize,
    ) -> String {
        match self.suggestions_left.get().checked_sub(count) {
            Some(left) => {
                self.suggestions_left.set(left);
                crate::suggest::did_you_mean(wanted, candidates)
            }
            None => String::new(),
        }
    }

    /// Ids of records of `kind`, for suggestions.
    pub fn ids_of(&self, kind: RecordKind) -> impl Iterator<Item = &'a str> + '_ {
        self.snapshot.entries.iter().filter(move |e| e.record.kind() == kind).map(|e| e.record.id())
    }
}

/// Runs every rule on the snapshot; loading findings are not included.
pub fn check(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let cx = Context::new(snapshot);
    let mut out = Vec::new();
    ids::check(&cx, &mut out);
    placement::check(&cx, &mut out);
    references::check(&cx, &mut out);
    values::check(&cx, &mut out);
    dates::check(&cx, &mut out);
    hashes::check(&cx, &mut out);
    snapshots::check(&cx, &mut out);
    quotes::check(&cx, &mut out);
    part_of::check(&cx, &mut out);
    conflicts::check(&cx, &mut out);
    out
}

/// A finding about a record: file and id filled in.
fn finding(code: crate::diagnostic::Code, e: &Entry, field: &str, message: String) -> Diagnostic {
    let d = Diagnostic::new(code, e.file.clone(), message).with_id(e.record.id());
    if field.is_empty() { d } else { d.at_field(field) }
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
