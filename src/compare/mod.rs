//! Comparison (docs/reference.md section 4): claims grouped by subject and measure,
//! compared pair by pair within a group (conflict, agreement, independence),
//! graded on the Admiralty scale, and summed up per source. Pure functions of
//! a store's contents: no I/O, no formatting for a target.

pub(crate) mod analysis;
pub(crate) mod answer;
pub(crate) mod credibility;
pub(crate) mod groups;
pub(crate) mod known_at;
pub(crate) mod outgrown;
pub(crate) mod pair;
pub(crate) mod part_of;
pub(crate) mod report;
pub(crate) mod supersession;
pub(crate) mod sweep;
pub(crate) mod track_record;
pub(crate) mod wording;

// The laws of comparison against a brute-force oracle over every pair, on
// generated stores (proptest); it was an integration test that reached
// these stages through `internals`.
#[cfg(test)]
mod oracle_tests;
