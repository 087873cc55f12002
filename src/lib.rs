//! claimtrail keeps factual claims (death tolls, attributions, dates) as
//! RON records in git, each linked to the documents it was found in and to
//! the actor who asserts it, sealed with a content hash; this library
//! checks them, compares them and follows them through history. The
//! `claimtrail` command line is built on it, and so can a newsroom's own
//! scripts be. The record format, the rules and the outputs are described
//! in the repository's `docs/reference.md`.
//!
//! # Where to start
//!
//! Every use runs the same pipeline: a [`Store`] is found on disk and
//! loaded into a [`Contents`] (the only step that reads files or git), and
//! everything after it is a pure function of the loaded contents.
//!
//! - **Findings**: [`check()`] gives every [`Diagnostic`] of the contents (a
//!   stable [`Code`], a [`Severity`], a file, a field and a message), and
//!   [`Store::locate`] gives them lines and columns. [`check_since`] marks
//!   what is new on a branch, as `claimtrail check --since` does.
//! - **Conflicts and grades**: [`Analysis::graded`] compares the claims of
//!   each subject and measure: its [`Conflict`]s, each claim's [`Group`]
//!   [`Member`] with its [`Standing`] (current or superseded, by the
//!   [`Supersession`] of figures), the later figures that outgrew it
//!   ([`Member::outgrown_by`]) and its Admiralty [`Credibility`], and the
//!   sources' current ratings ([`Ratings`]). [`known_at`] gives the store as
//!   it could be known at a date, and [`track_records`] each source's
//!   record.
//! - **History**: [`GitRepo`] reads the store's repository (never checking
//!   anything out): a first-parent walk of the commits' record changes, from
//!   which [`versions`] lists each version of a claim.
//! - **Exports**: [`exports::claimreview`], [`exports::csv`] and
//!   [`exports::sqlite`] write the store for other tools.
//!
//! Operations that fail (an unreadable store, a bad revision) return an
//! [`Error`]; problems in the records are findings, never errors.
//!
//! # Example
//!
//! The open conflicts of the store shipped with claimtrail, with the
//! ratings of the claimants on either side:
//!
//! ```
//! use claimtrail::{Analysis, Scope, Store};
//!
//! let store = Store::discover(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
//! let contents = store.load()?;
//! let analysis = Analysis::graded(&contents, Scope::Current);
//! let claims = contents.by_id();
//! for conflict in &analysis.conflicts {
//!     let sides: Vec<String> = conflict
//!         .claims
//!         .iter()
//!         .filter_map(|id| claims.get(id.as_str())?.record.as_claim())
//!         .map(|c| format!("{} ({}, {})", c.id, c.claimant, analysis.ratings.describe(&c.claimant)))
//!         .collect();
//!     println!("{} / {}: {}", conflict.subject, conflict.measure, sides.join(" vs "));
//! }
//! assert!(!analysis.conflicts.is_empty());
//!
//! // The same store's findings, with their lines and columns.
//! let mut findings = claimtrail::check(&contents);
//! store.locate(&mut findings);
//! for f in &findings {
//!     let (line, column) = (f.line.unwrap_or(1), f.column.unwrap_or(1));
//!     println!("{}:{line}:{column}: {} {}", f.file, f.code.as_str(), f.message);
//! }
//! assert!(findings.iter().any(|f| f.line.is_some()));
//! # Ok::<(), claimtrail::Error>(())
//! ```
//!
//! `examples/open_conflicts.rs` is the same as a program
//! (`cargo run --example open_conflicts`).
//!
//! # The modules
//!
//! The items above are the library's interface. The stage modules they
//! come from (model, text, finding, store, compare, history, check,
//! export, render, lsp, cli: ARCHITECTURE.md has the map) are public for
//! the command line and the tests, hidden from these docs, and may change
//! between any two versions: use them through the items above.
//!
//! The library never prints (`clippy::print_stdout` and `print_stderr`
//! are denied outside `cli`), reads none of claimtrail's own switches from
//! the environment (the command line reads `CLAIMTRAIL_WALK_INDEX` and
//! `CLAIMTRAIL_SINCE_SCOPE` and passes them on; what git and the network
//! read by convention, such as `XDG_CONFIG_HOME` for git's global config or
//! `HTTPS_PROXY` and `SSL_CERT_FILE` for a fetch, the library reads as they
//! do), and holds one piece of process-wide state: opening a
//! [`GitRepo`] turns off libgit2's hash check of every object read (see
//! its documentation for why).

#![warn(clippy::print_stdout, clippy::print_stderr)]
// Findings travel as values: a `Diagnostic` in an `Err` is the design, not
// an accident of size.
#![allow(clippy::result_large_err)]
// Missing documentation is an error on the interface above. The stage
// modules are `#[doc(hidden)]` while they stay public (the command line
// and the tests use them), and the lint does not look inside hidden
// modules: once the stages are private, it covers exactly the re-exported
// items, wherever they are defined.
#![deny(missing_docs)]

#[doc(hidden)]
pub mod check;
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod compare;
#[doc(hidden)]
pub mod export;
#[doc(hidden)]
pub mod failure;
#[doc(hidden)]
pub mod finding;
#[doc(hidden)]
pub mod history;
#[doc(hidden)]
pub mod lsp;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod store;
#[doc(hidden)]
pub mod text;

#[cfg(test)]
mod testing;

use std::fmt;

pub use check::check;
pub use check::check_since::{BaseCheck, Since, check_since};
pub use compare::analysis::Analysis;
pub use compare::credibility::{Credibility, Ratings};
pub use compare::groups::{Group, Member, Scope, Standing};
pub use compare::known_at::known_at;
pub use compare::pair::{Conflict, ConflictKind};
pub use compare::supersession::Supersession;
pub use compare::track_record::{TrackRecord, track_records};
pub use failure::Failure;
pub use finding::{Code, Diagnostic, Related, Severity};
pub use history::versions::{Change, Selector, Version, versions};
pub use model::date::PartialDate;

pub use model::{Citation, Claim, Document, Measure, Record, Reliability, Source, Value};
pub use store::Store;
pub use store::commits::{Commit, CommitChanges};
pub use store::contents::{Contents, Entry};
pub use store::git::GitRepo;

/// The store written for other tools, each a function of a [`Contents`]:
/// schema.org ClaimReview JSON-LD, CSV tables, an SQLite database.
pub mod exports {
    pub use crate::export::claimreview;
    pub use crate::export::csv;
    pub use crate::export::sqlite;
}

/// A failed operation: the store or its repository could not be read, a
/// revision names no commit, an output could not be written. Problems in
/// the records themselves are never errors: they are [`Diagnostic`]s.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading the store failed (`Store::discover`, `Store::load`).
    Io(std::io::Error),
    /// An operation failed with a message and, often, how to get past it
    /// (git, revisions, writes).
    Failed(Failure),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(_) => f.write_str("cannot read the store"),
            Error::Failed(_) => f.write_str("claimtrail failed"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Failed(e) => Some(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<Failure> for Error {
    fn from(e: Failure) -> Error {
        Error::Failed(e)
    }
}
