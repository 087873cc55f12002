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
    out.extend(rules::check(contents, changed, None));
    out.sort_by(|a, b| (&a.file, &a.field, a.code).cmp(&(&b.file, &b.field, b.code)));
    out
}

/// The findings of one file: [`check`]'s, kept only where they are about
/// `file`. The rules about one record at a time run on that file's record
/// only (any other's findings would be dropped); the rules over several
/// records (duplicates, conflicts, supersession, budgets of hints and of
/// closest passages spent in file order) still read the whole snapshot,
/// so the findings are those `check` gives the file. The language server's
/// snapshot of a claim holds its whole group: 20,000 claims in one group
/// cost the claim's own rules and the group's comparison, not 20,000
/// claims' rules.
pub(crate) fn check_file(contents: &Contents, file: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = contents.findings.iter().filter(|d| d.file == file).cloned().collect();
    out.extend(rules::check(contents, &HashSet::new(), Some(file)).into_iter().filter(|d| d.file == file));
    out.sort_by(|a, b| (&a.file, &a.field, a.code).cmp(&(&b.file, &b.field, b.code)));
    out
}
