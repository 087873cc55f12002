//! The `check` stage (SPEC section 7): loading findings plus every rule, in
//! a stable order. Each rule is one module of [`rules`]; its code and
//! documentation live in `finding::code`, its renderers in `render::check`.
//! [`coverage`] reads a document's figures the way `value-not-in-quote`
//! reads quotes (SPEC 7.1), for `claimtrail coverage`.
//! Pure: it sees only the snapshot, never a file, and formats nothing for a
//! target.

pub mod coverage;
pub mod rules;

use crate::finding::Diagnostic;
use crate::store::snapshot::Snapshot;

/// Every finding of a snapshot, sorted by file and field.
pub fn check(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let mut out = snapshot.findings.clone();
    out.extend(rules::check(snapshot));
    out.sort_by(|a, b| (&a.file, &a.field, a.code).cmp(&(&b.file, &b.field, b.code)));
    out
}
