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
//! export, render, lsp, cli: ARCHITECTURE.md has the map) are private.
//! The command line, the tests, the benchmarks and the fuzz targets reach
//! a few more of their items through a hidden `internals` module, with no
//! stability promise: use the items above.
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
// Missing documentation is an error on the interface above. The stages
// are private, so the lint sees exactly the items the root (or
// `internals`) re-exports, wherever they are defined.
#![deny(missing_docs)]

mod check;
mod cli;
mod compare;
mod export;
mod failure;
mod finding;
mod history;
mod lsp;
mod model;
mod render;
mod store;
mod text;

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

pub use model::{Citation, Claim, Document, Measure, Name, Record, Reliability, Seal, Source, Value};
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

/// What the `claimtrail` binary, the integration tests (`tests/it`), the
/// benchmark harness (`benches/harness`) and the fuzz targets (`fuzz/`,
/// which build on `tests/it/support`) use beyond the interface above:
/// re-exports of single items of the private stages, under the stages'
/// own paths. Hidden from the docs, with no stability promise: anything
/// here may change or go in any version. Programs use the items at the
/// crate's root.
#[doc(hidden)]
pub mod internals {
    // src/main.rs: the command line, and the process-wide git config
    // switch its first statement sets.
    pub use crate::cli::main as cli_main;
    pub use crate::store::git::config::skip_unreadable_global_config;

    /// No stability promise.
    pub mod check {
        /// No stability promise.
        pub mod coverage {
            // tests/it/support/pipeline.rs (coverage of every snapshot).
            pub use crate::check::coverage::coverage;
        }
    }

    /// No stability promise.
    pub mod compare {
        /// No stability promise.
        pub mod report {
            // tests/it/support/{pipeline,surface}.rs: `report` in process.
            pub use crate::compare::report::Report;
        }
    }

    /// No stability promise.
    pub mod export {
        // tests/it/fuzz.rs: CSV cells, escaped and read back.
        pub use crate::export::cell;
        /// No stability promise.
        pub mod csv_import {
            // tests/it/{export_formats,support/surface}.rs and
            // fuzz/fuzz_targets/import.rs: CSV read back.
            pub use crate::export::csv_import::{Table, read};
        }
    }

    /// No stability promise.
    pub mod finding {
        // tests/it/support/pipeline.rs: locating and counting findings,
        // and the bound on a message.
        pub use crate::finding::{MAX_MESSAGE_CHARS, Tally, locate};
    }

    /// No stability promise.
    pub mod history {
        /// No stability promise.
        pub mod merge {
            // tests/it/support/surface.rs: the merge driver's logic.
            pub use crate::history::merge::{Lines, Merged, OURS, Sides, THEIRS, merge, without_seal};
        }
        /// No stability promise.
        pub mod record_diff {
            // tests/it/support/surface.rs.
            pub use crate::history::record_diff::diff;
        }
        /// No stability promise.
        pub mod revisions {
            // tests/it/support/surface.rs.
            pub use crate::history::revisions::revisions;
        }
    }

    /// No stability promise.
    pub mod model {
        // tests/it/hash_laws.rs, tests/it/support/pipeline.rs, and the
        // types of record fields the facade does not name yet.
        pub use crate::model::{Rank, Rating, RecordKind, Review, SourceKind, Trend, Verdict};
        /// No stability promise.
        pub mod interval {
            // tests/it/support/pipeline.rs.
            pub use crate::model::interval::Interval;
        }
    }

    /// No stability promise.
    pub mod render {
        // tests/it/support/{pipeline,surface}.rs (and the fuzz targets
        // built on them): every renderer run in process on every input.
        /// No stability promise.
        pub mod check {
            /// No stability promise.
            pub mod github {
                pub use crate::render::check::github::annotations;
            }
            /// No stability promise.
            pub mod human {
                pub use crate::render::check::human::check;
            }
            /// No stability promise.
            pub mod json {
                pub use crate::render::check::json::check;
            }
            /// No stability promise.
            pub mod sarif {
                pub use crate::render::check::sarif::check;
            }
        }
        /// No stability promise.
        pub mod conflicts {
            pub use crate::render::conflicts::{human, json, markdown};
        }
        /// No stability promise.
        pub mod coverage {
            pub use crate::render::coverage::{human, json};
        }
        /// No stability promise.
        pub mod report {
            /// No stability promise.
            pub mod html {
                pub use crate::render::report::html::report;
            }
            /// No stability promise.
            pub mod json {
                pub use crate::render::report::json::report;
            }
            /// No stability promise.
            pub mod markdown {
                // Also tests/it/report_formats.rs (LIMIT).
                pub use crate::render::report::markdown::{LIMIT, report};
            }
        }
        /// No stability promise.
        pub mod sources {
            pub use crate::render::sources::{human, json};
        }
        /// No stability promise.
        pub mod style {
            pub use crate::render::style::Style;
        }
        /// No stability promise.
        pub mod wire {
            pub use crate::render::wire::Summary;
        }
    }

    /// No stability promise.
    pub mod store {
        // tests/it/support/pipeline.rs: the path check of every file.
        pub use crate::store::lexically_inside;
        /// No stability promise.
        pub mod commits {
            // tests/it/{history,support/surface}.rs: a walk's values.
            pub use crate::store::commits::{FileState, Located, State};
        }
        /// No stability promise.
        pub mod config {
            // tests/it/support/pipeline.rs: contents built in memory.
            pub use crate::store::config::Config;
        }
        /// No stability promise.
        pub mod contents {
            // tests/it/support/pipeline.rs: contents built in memory.
            pub use crate::store::contents::{FileOutcome, Folder, SnapshotFile, parse_file, snapshot_text};
        }
        /// No stability promise.
        pub mod git {
            // tests/it/{history,walk_index}.rs: the walk index's switch,
            // set for the commands they run.
            pub use crate::store::git::WALK_INDEX_ENV;
            /// No stability promise.
            pub mod merge_file {
                // tests/it/support/surface.rs.
                pub use crate::store::git::merge_file::merge_texts;
            }
        }
    }

    /// No stability promise.
    pub mod text {
        /// No stability promise.
        pub mod escape {
            // tests/it/{fuzz,support/pipeline}.rs: no output holds one.
            pub use crate::text::escape::needs_escape;
        }
        /// No stability promise.
        pub mod hash {
            // Tests and the benchmark harness: sealing the records and
            // snapshots they write.
            pub use crate::text::hash::{bytes_hash, record_hash};
        }
        /// No stability promise.
        pub mod parse {
            // Tests and the benchmark harness: reading back what a command wrote.
            pub use crate::text::parse::parse_record;
        }
        /// No stability promise.
        pub mod readable {
            // benches/harness/pages.rs, tests/it/support/pipeline.rs.
            pub use crate::text::readable::{Want, read};
        }
        /// No stability promise.
        pub mod reseal_text {
            // Tests: sealing the records they write.
            pub use crate::text::reseal_text::{Reseal, reseal};
        }
        /// No stability promise.
        pub mod ron_writer {
            // tests/it/{hash_laws,support/*}.rs, benches/harness: writing records.
            pub use crate::text::ron_writer::{record, string, string_list, value};
        }
    }
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
