//! Validation rules of docs/reference.md section 7, one module per concern. Each rule is
//! a pure function of a [`Contents`] that pushes [`Diagnostic`]s with a
//! field path; positions are filled in later by `finding::locate`.
//! Parse and `merge-conflict` findings come from loading (`store::contents::parse_file`,
//! which looks for git's markers with `text::markers` before parsing); `conflict` wraps `compare::groups`;
//! `unexplained-revision` comes from `history::new_findings`.

mod conflicts;
mod dates;
mod figures;
mod hashes;
mod ids;
mod part_of;
mod placement;
mod quotes;
mod references;
mod snapshots;
mod supersedes;
mod values;

use foldhash::{HashMap, HashMapExt};
use std::collections::hash_map::Entry as Slot;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::finding::Diagnostic;
use crate::model::{Measure, RecordKind};
use crate::store::contents::{Contents, Entry};

/// What every rule needs to look things up.
pub(crate) struct Context<'a> {
    pub contents: &'a Contents,
    /// The first record of each id.
    ids: HashMap<&'a str, &'a Entry>,
    /// Every record of each id used more than once, in file order. Kept
    /// apart so that the usual unique id costs no list of its own.
    duplicates: HashMap<&'a str, Vec<&'a Entry>>,
    pub measures: HashMap<&'a str, &'a Measure>,
    /// Candidate comparisons left for did-you-mean hints in this run.
    /// Atomic so that rules may run on all cores; the rule that spends it
    /// runs in one thread, so hints do not depend on thread timing.
    suggestions_left: AtomicUsize,
    /// Ids of the claims changed since the base of `check --since` (empty
    /// without it): the newer claim of a conflicting pair.
    pub changed: &'a std::collections::HashSet<String>,
    /// Which claims supersede which, worked out once for the rules that
    /// need it (conflicts, bad-supersedes).
    supersession: std::sync::OnceLock<crate::compare::supersession::Supersession>,
    /// The one file whose findings are wanted (`check_file`), if any.
    focus: Option<&'a str>,
}

/// Did-you-mean hints compare a name with every candidate, so a store of
/// many bad references to many records would cost their product; a run
/// makes at most this many comparisons (under a second), then gives hints no
/// more.
pub(crate) const SUGGESTION_BUDGET: usize = 1_000_000;

impl<'a> Context<'a> {
    pub(crate) fn new(
        contents: &'a Contents,
        changed: &'a std::collections::HashSet<String>,
        focus: Option<&'a str>,
    ) -> Context<'a> {
        let mut ids: HashMap<&str, &Entry> = HashMap::with_capacity(contents.entries.len());
        let mut duplicates: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in &contents.entries {
            match ids.entry(e.record.id()) {
                Slot::Vacant(v) => {
                    v.insert(e);
                }
                Slot::Occupied(first) => {
                    duplicates.entry(e.record.id()).or_insert_with(|| vec![*first.get()]).push(e);
                }
            }
        }
        let measures = contents.measures.iter().map(|m| (m.id.as_str(), m)).collect();
        Context {
            contents,
            ids,
            duplicates,
            measures,
            suggestions_left: AtomicUsize::new(SUGGESTION_BUDGET),
            changed,
            supersession: std::sync::OnceLock::new(),
            focus,
        }
    }

    /// Whether the findings of this record are wanted: every record's,
    /// unless the run is about one file. A rule may skip the others'
    /// (their findings would be dropped), but must still spend the run's
    /// budgets on them as it would, in the same order.
    pub(crate) fn reports(&self, e: &Entry) -> bool {
        self.focus.is_none_or(|f| e.file == f)
    }

    /// Spends what [`Context::did_you_mean`] would, without the hint: for
    /// a record whose findings are not wanted.
    pub(crate) fn spend_suggestions(&self, count: usize) {
        if let Some(left) = self.suggestions_left.load(Ordering::Relaxed).checked_sub(count) {
            self.suggestions_left.store(left, Ordering::Relaxed);
        }
    }

    /// The snapshot's supersession (docs/reference.md section 4), computed on first use.
    pub(crate) fn supersession(&self) -> &crate::compare::supersession::Supersession {
        self.supersession.get_or_init(|| crate::compare::supersession::Supersession::of(self.contents))
    }

    /// Every record with this id, in file order (more than one is a
    /// duplicate).
    pub(crate) fn with_id(&self, id: &str) -> &[&'a Entry] {
        // Most stores have no duplicate: then one lookup, not two.
        if !self.duplicates.is_empty()
            && let Some(all) = self.duplicates.get(id)
        {
            return all;
        }
        self.ids.get(id).map_or(&[], std::slice::from_ref)
    }

    /// Whether some id is used by more than one record.
    pub(crate) fn has_duplicates(&self) -> bool {
        !self.duplicates.is_empty()
    }

    /// The record of `kind` with this id, if any.
    pub(crate) fn get(&self, id: &str, kind: RecordKind) -> Option<&'a Entry> {
        self.with_id(id).iter().copied().find(|e| e.record.kind() == kind)
    }

    /// " ; did you mean `x`?" for `wanted` among `candidates` (at most
    /// `count` of them), or nothing once the run's budget is spent.
    pub(crate) fn did_you_mean<'b>(
        &self,
        wanted: &str,
        candidates: impl IntoIterator<Item = &'b str>,
        count: usize,
    ) -> String {
        match self.suggestions_left.load(Ordering::Relaxed).checked_sub(count) {
            Some(left) => {
                self.suggestions_left.store(left, Ordering::Relaxed);
                crate::text::suggest::did_you_mean(wanted, candidates)
            }
            None => String::new(),
        }
    }

    /// Ids of records of `kind`, for suggestions.
    pub(crate) fn ids_of(&self, kind: RecordKind) -> impl Iterator<Item = &'a str> + '_ {
        self.contents.entries.iter().filter(move |e| e.record.kind() == kind).map(|e| e.record.id())
    }
}

/// Runs every rule on the snapshot; loading findings are not included.
/// `changed` names the claims changed since a base, if any; `focus`, the
/// one file whose findings are wanted (others' may or may not be found).
pub(crate) fn check(
    contents: &Contents,
    changed: &std::collections::HashSet<String>,
    focus: Option<&str>,
) -> Vec<Diagnostic> {
    let cx = Context::new(contents, changed, focus);
    // Conflicts (grouping the claims is one thread's work) are found while
    // the other rules run; their findings still come last.
    let (mut out, conflicts) = rayon::join(
        || {
            // The rules about one record at a time, in one pass over the
            // records: each pass reads 100,000 records from memory again.
            let published = dates::published(&cx);
            let [ids, values, dates, hashes, figures] = each_entry(
                &cx,
                [
                    &|e, out| ids::entry(e, out),
                    &|e, out| values::entry(e, out),
                    &|e, out| dates::entry(&published, e, out),
                    &|e, out| hashes::entry(e, out),
                    &|e, out| figures::entry(&cx, e, out),
                ],
            );
            let mut out = ids;
            ids::duplicates(&cx, &mut out);
            placement::check(&cx, &mut out);
            references::check(&cx, &mut out);
            out.extend(values);
            out.extend(dates);
            out.extend(hashes);
            snapshots::check(&cx, &mut out);
            snapshots::unreadable(&cx, &mut out);
            quotes::check(&cx, &mut out);
            out.extend(figures);
            part_of::check(&cx, &mut out);
            supersedes::check(&cx, &mut out);
            out
        },
        || {
            let mut out = Vec::new();
            conflicts::check(&cx, &mut out);
            out
        },
    );
    out.extend(conflicts);
    out
}

/// A rule about one record at a time.
type EntryRule<'r> = &'r (dyn Fn(&Entry, &mut Vec<Diagnostic>) + Sync);

/// Runs rules about single records over every entry in one pass, on all
/// cores. Each rule's findings come out in entry order, exactly as a loop
/// would give them, so reports do not depend on the number of threads.
fn each_entry<const N: usize>(cx: &Context, rules: [EntryRule; N]) -> [Vec<Diagnostic>; N] {
    use rayon::prelude::*;
    let found: Vec<(usize, Diagnostic)> = cx
        .contents
        .entries
        .par_iter()
        .with_min_len(64)
        .filter(|e| cx.reports(e))
        .flat_map_iter(|e| {
            let mut found = Vec::new();
            let mut one = Vec::new();
            for (i, rule) in rules.iter().enumerate() {
                rule(e, &mut one);
                found.extend(one.drain(..).map(|d| (i, d)));
            }
            found
        })
        .collect();
    let mut by_rule: [Vec<Diagnostic>; N] = std::array::from_fn(|_| Vec::new());
    for (i, d) in found {
        by_rule[i].push(d);
    }
    by_rule
}

/// A finding about a record: file and id filled in.
fn finding(code: crate::finding::Code, e: &Entry, field: &str, message: String) -> Diagnostic {
    let d = Diagnostic::new(code, e.file.clone(), message).with_id(e.record.id());
    if field.is_empty() { d } else { d.at_field(field) }
}

#[cfg(test)]
mod tests;
