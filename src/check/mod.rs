//! The `check` stage (docs/reference.md section 7): loading findings plus every rule, in
//! a stable order. Each rule is one module of [`rules`]; its code and
//! documentation live in `finding::code`, its renderers in `render::check`.
//! [`coverage`] reads a document's figures the way `value-not-in-quote`
//! reads quotes (docs/reference.md section 7.1), for `claimtrail coverage`.
//! Pure: it sees only the snapshot, never a file, and formats nothing for a
//! target; [`since`] alone drives `store::git` for the base of
//! `check --since`, and marks findings with `history::new_findings`.

pub(crate) mod check_since;
pub(crate) mod coverage;
pub(crate) mod recheck;
pub(crate) mod rules;

use std::collections::HashSet;

use crate::finding::Diagnostic;
use crate::store::contents::Contents;

/// Every finding of a snapshot, sorted by file and field.
pub fn check(contents: &Contents) -> Vec<Diagnostic> {
    check_changed(contents, &HashSet::new())
}

/// As [`check`], knowing which claims changed since a base (`check
/// --since`): a conflicting pair is reported at its changed claim.
pub(crate) fn check_changed(contents: &Contents, changed: &HashSet<String>) -> Vec<Diagnostic> {
    let mut out = contents.findings.clone();
    out.extend(rules::check(contents, changed));
    out.sort_by(|a, b| (&a.file, &a.field, a.code).cmp(&(&b.file, &b.field, b.code)));
    out
}
