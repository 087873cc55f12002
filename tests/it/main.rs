//! The integration tests, as one binary (one link of git2 and SQLite
//! instead of one per file): each module drives the built `claimtrail`
//! binary or the library end to end; `support` is the one fixture builder
//! they share (stores on disk, git repositories, the pipeline properties).

mod at_date;
mod blame;
mod browser;
mod check_formats;
mod ci_since;
mod cli;
mod completions;
mod conflicts_cli;
mod coverage;
mod diagnostics;
mod editors_workflow;
mod export_formats;
mod fuzz;
mod git_faults;
mod hash_laws;
mod history;
mod hostile;
mod import_csv;
mod kerman;
mod large_groups;
mod lsp;
mod merge_driver;
mod missing_history;
mod output_schemas;
mod paths;
mod rate;
mod readable;
mod reference;
mod report_browser;
mod report_formats;
mod reports_in_git;
mod sarif_ghas;
mod sarif_multitool;
mod siege;
mod support;
mod surface;
mod terminal;
mod tidy;
mod walk_index;
mod web_archive;
mod web_recheck;
mod workflow_commands;
mod writes;
