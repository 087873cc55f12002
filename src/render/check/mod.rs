//! `check`'s findings in every format: human (miette, with the source line
//! underlined), JSON, SARIF 2.1.0 and GitHub workflow commands.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
mod snippet;
