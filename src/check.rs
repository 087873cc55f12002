//! The `check` analysis: loading findings plus every rule, in a stable
//! order. Pure: it sees only the snapshot.

use crate::diagnostic::Diagnostic;
use crate::snapshot::Snapshot;

/// Every finding of a snapshot, sorted by file and field.
pub fn check(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let mut out = snapshot.findings.clone();
    out.extend(crate::rules::check(snapshot));
    out.sort_by(|a, b| (&a.file, &a.field, a.code).cmp(&(&b.file, &b.field, b.code)));
    out
}
