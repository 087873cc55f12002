//! Renderers: turn report values into bytes on a `&mut dyn Write`, one
//! folder or file per command with all its formats, plus the version-1 JSON
//! wire types and the escapes of every target. They never decide anything,
//! and never read files.

pub(crate) mod archive;
pub(crate) mod blame;
pub(crate) mod check;
pub(crate) mod conflicts;
pub(crate) mod coverage;
pub(crate) mod diff;
pub(crate) mod escape;
pub(crate) mod hash;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod leftovers;
pub(crate) mod recheck;
pub(crate) mod report;
#[cfg(test)]
mod schema;
pub(crate) mod sources;
pub(crate) mod style;
pub(crate) mod text;
pub(crate) mod wire;
