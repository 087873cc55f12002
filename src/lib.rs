//! claimtrail: factual claims as RON records in git, with their sources,
//! documents, quotes and content hashes; validation, conflicts and history.
//!
//! The pipeline (see ARCHITECTURE.md): arguments → config → `store` loads a
//! [`snapshot::Snapshot`] → pure analysis (`check`, `rules`) → report
//! values → `render` → exit status; `lsp` serves the same analysis to
//! editors. Only `store` does I/O; the library
//! never prints.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// Findings travel as values: a `Diagnostic` in an `Err` is the design, not
// an accident of size.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cli;
pub mod compare;
pub mod export;
pub mod failure;
pub mod finding;
pub mod history;
pub mod lsp;
pub mod model;
pub mod render;
pub mod store;
pub mod text;

#[cfg(test)]
mod testing;
