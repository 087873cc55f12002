//! Exit statuses (docs/reference.md section 6), in one place.

/// No errors (warnings allowed unless `--deny-warnings`).
pub(crate) const OK: u8 = 0;
/// Errors found, or warnings under `--deny-warnings`; `hash --check` when a
/// hash would change; `diff --exit-code` when there are changes.
pub(crate) const FINDINGS: u8 = 1;
/// Usage error, or failure to run: unreadable repository, bad revision, I/O.
pub(crate) const FAILURE: u8 = 2;

/// Leaves `value` to the operating system instead of dropping it. Every
/// command ends the process right after it runs, and the system takes the
/// memory back at once: freeing 100,000 records one by one would cost a
/// tenth of a big `check`. Only for values that hold nothing that must be
/// flushed or unlocked (records, snapshots, a read-only repository handle).
pub(crate) fn free_at_exit<T>(value: T) {
    std::mem::forget(value);
}
