//! History (docs/reference.md sections 4 and 6): what changed between revisions and
//! across a first-parent walk, as pure functions of the plain values that
//! `store::git` produces: the versions of a claim, a record diff, revisions
//! of figures, and `check --since` marking. No git2 type reaches here.

pub(crate) mod blame;
pub(crate) mod merge;
pub(crate) mod new_findings;
pub(crate) mod record_diff;
pub(crate) mod revisions;
pub(crate) mod sealed;
pub(crate) mod versions;
