//! `check --since REV`: what a branch introduced relative to its base.
//!
//! A finding is *new* when the base had no finding with the same key:
//! code, record id (or file, for findings without one), field, and message
//! with the parts that drift without anyone touching the problem taken
//! out (hashes, which change with every edit, and did-you-mean lists,
//! which change as records are added). Lines are not part of the key, so
//! an edit above a finding does not make it new. Keys are counted: three
//! identical findings where the base had two make one new. A finding
//! about a pair (a conflict, with the other claim as related) is keyed by
//! the pair, so it stays old when it moves to the pair's other claim.
//!
//! Unexplained revisions (SPEC section 4) made since the base become
//! `unexplained-revision` warnings at the claim's `value` field. Pure.

use std::collections::{HashMap, HashSet};

use crate::finding::{Code, Diagnostic};
use crate::history::revisions::Revision;
use crate::store::snapshot::Snapshot;

/// Sets `new` on every finding: true when the base had none like it.
pub fn mark_new(current: &mut [Diagnostic], base: &[Diagnostic]) {
    let mut left: HashMap<Key, usize> = HashMap::new();
    for d in base {
        *left.entry(key(d)).or_default() += 1;
    }
    for d in current.iter_mut() {
        let existed = left.get_mut(&key(d)).is_some_and(|n| {
            let had = *n > 0;
            *n = n.saturating_sub(1);
            had
        });
        d.new = Some(!existed);
    }
}

/// Ids of the claims of `now` that the base lacks or that changed in
/// content since it: the newer claims of `check --since`.
pub fn changed_claims(base: &Snapshot, now: &Snapshot) -> HashSet<String> {
    let before = base.by_id();
    now.claims()
        .filter(|(e, _)| before.get(e.record.id()).is_none_or(|b| !b.record.same_content(&e.record)))
        .map(|(e, _)| e.record.id().to_owned())
        .collect()
}

/// An `unexplained-revision` warning for each unexplained revision whose
/// claim is still in the store, at its `value` field.
pub fn unexplained(revisions: &[Revision], now: &Snapshot) -> Vec<Diagnostic> {
    let by_id = now.by_id();
    revisions
        .iter()
        .filter(|r| !r.explained)
        .filter_map(|r| {
            let entry = by_id.get(r.id.as_str())?;
            let when = if r.commit.is_worktree() {
                "in the working tree".to_owned()
            } else {
                format!("in commit {} (\"{}\")", r.commit.short(), &r.commit.summary)
            };
            let message = format!(
                "the value changed from {} to {} {when}, while neither as_of nor the citations changed",
                &r.from.display(),
                &r.to.display(),
            );
            Some(
                Diagnostic::new(Code::UnexplainedRevision, entry.file.clone(), message)
                    .with_id(r.id.clone())
                    .at_field("value")
                    .with_help(
                        "set as_of to the time of the new figure and cite the document that carries it",
                    ),
            )
        })
        .collect()
}

type Key = (Code, Vec<String>, Option<String>, String);

fn key(d: &Diagnostic) -> Key {
    let who = d.id.clone().unwrap_or_else(|| d.file.clone());
    if d.related.is_empty() {
        return (d.code, vec![who], d.field.clone(), stable_message(&d.message));
    }
    // A pair's message is written from the side that carries it; the pair
    // itself is the key.
    let mut pair: Vec<String> = std::iter::once(who)
        .chain(d.related.iter().map(|r| r.id.clone().unwrap_or_else(|| r.file.clone())))
        .collect();
    pair.sort();
    (d.code, pair, d.field.clone(), String::new())
}

/// The message without hashes and did-you-mean suggestions.
fn stable_message(message: &str) -> String {
    let message = message.split("; did you mean").next().unwrap_or(message);
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(crate::text::hash::PREFIX) {
        out.push_str(&rest[..at + crate::text::hash::PREFIX.len()]);
        rest =
            rest[at + crate::text::hash::PREFIX.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(code: Code, id: &str, field: &str, message: &str) -> Diagnostic {
        Diagnostic::new(code, format!("claims/{id}.ron"), message).with_id(id).at_field(field)
    }

    /// Marks `current` against `base`; the `new` flags in order.
    fn check(base: &[Diagnostic], current: &[Diagnostic], expected: &[bool]) {
        let mut current = current.to_vec();
        mark_new(&mut current, base);
        let got: Vec<bool> = current.iter().map(|d| d.new.expect("marked")).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn new_findings_are_those_the_base_lacked() {
        let mismatch = |h: &str| d(Code::HashMismatch, "a", "hash", &format!("now hashes to sha256:{h}"));
        let dangling = |s: &str| d(Code::DanglingReference, "a", "claimant", &format!("no source `x`{s}"));
        check(&[mismatch("00ff")], &[mismatch("11ee")], &[false]);
        check(&[dangling("; did you mean `y`?")], &[dangling("")], &[false]);
        check(&[dangling("")], &[dangling(""), dangling("")], &[false, true]);
        check(&[], &[mismatch("00")], &[true]);
        check(&[mismatch("00")], &[d(Code::HashMismatch, "b", "hash", "now hashes to sha256:00")], &[true]);
        // Moving the file keeps the finding, as the id stays.
        let mut moved = mismatch("00");
        moved.file = "claims/x/a.ron".into();
        check(&[mismatch("00")], &[moved], &[false]);
    }

    #[test]
    fn a_pair_stays_old_when_it_moves_to_its_other_claim() {
        let conflict = |at: &str, other: &str| {
            d(Code::Conflict, at, "value", &format!("conflicts with claim `{other}`")).with_related(
                crate::finding::Related::new(format!("claims/{other}.ron"), "value", other, "x"),
            )
        };
        check(&[conflict("b", "a")], &[conflict("a", "b")], &[false]);
        check(&[conflict("b", "a")], &[conflict("c", "a")], &[true]);
    }

    #[test]
    fn hashes_are_left_out_of_keys() {
        assert_eq!(stable_message("a sha256:0af9 b sha256:12 c"), "a sha256: b sha256: c");
        assert_eq!(stable_message("x; did you mean `y`?"), "x");
    }
}
