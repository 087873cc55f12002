//! History (docs/reference.md sections 4 and 6): what changed between revisions and
//! across a first-parent walk, as pure functions of the plain values that
//! `store::git` produces: the versions of a claim, a record diff, revisions
//! of figures, and `check --since` marking. No git2 type reaches here.

pub mod blame;
pub mod merge;
pub mod new_findings;
pub mod record_diff;
pub mod revisions;
pub mod sealed;
pub mod versions;
