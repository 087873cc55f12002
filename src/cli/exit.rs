//! Exit statuses (SPEC section 6), in one place.

/// No errors (warnings allowed unless `--deny-warnings`).
pub const OK: u8 = 0;
/// Errors found, or warnings under `--deny-warnings`; `hash --check` when a
/// hash would change; `diff --exit-code` when there are changes.
pub const FINDINGS: u8 = 1;
/// Usage error, or failure to run: unreadable repository, bad revision, I/O.
pub const FAILURE: u8 = 2;
