//! claimtrail: factual claims as RON records in git, with their sources,
//! documents, quotes and content hashes; validation, conflicts and history.
//!
//! The pipeline (see ARCHITECTURE.md): arguments → config → `store` loads a
//! [`snapshot::Snapshot`] → pure analysis (`check`, `rules`) → report
//! values → `render` → exit status. Only `store` does I/O; the library
//! never prints.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// Findings travel as values: a `Diagnostic` in an `Err` is the design, not
// an accident of size.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod check;
pub mod cli;
pub mod config;
pub mod conflict;
pub mod credibility;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod exit;
pub mod export;
pub mod failure;
pub mod fold;
pub mod hash;
pub mod history;
pub mod id;
pub mod interval;
pub mod model;
pub mod parse;
pub mod relation;
pub mod render;
pub mod report;
pub mod reseal;
pub mod revision;
pub mod ronfmt;
pub mod rules;
pub mod schema;
pub mod since;
pub mod snapshot;
pub mod span_index;
pub mod store;
pub mod suggest;
pub mod term;
pub mod timeline;
pub mod track_record;

#[cfg(test)]
mod fixture;
