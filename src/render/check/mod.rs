//! `check`'s findings in every format: human (miette, with the source line
//! underlined), JSON, SARIF 2.1.0 and GitHub workflow commands.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
mod layout;
pub(crate) mod sarif;
mod snippet;
