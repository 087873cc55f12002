//! Renderers: turn report values into bytes on a `&mut dyn Write`, one
//! folder or file per command with all its formats, plus the version-1 JSON
//! wire types and the escapes of every target. They never decide anything,
//! and never read files.

pub mod archive;
pub mod blame;
pub mod check;
pub mod conflicts;
pub mod coverage;
pub mod diff;
pub mod escape;
pub mod hash;
pub mod history;
pub mod import;
pub mod init;
pub mod leftovers;
pub mod recheck;
pub mod report;
#[cfg(test)]
mod schema;
pub mod sources;
pub mod style;
pub mod text;
pub mod wire;
