//! A failed operation (exit status 2): I/O, a bad revision, an unreadable
//! repository. Findings about the records are not failures.

use std::fmt;

/// A failed operation: what went wrong and, often, how to get past it.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, in a sentence.
    pub message: String,
    /// How to get past it.
    pub help: Option<String>,
    /// Nothing to say: the reader went away (a closed pipe, as with
    /// `claimtrail sources | head`).
    pub silent: bool,
}

impl Failure {
    /// A failure with this message and no help.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), help: None, silent: false }
    }

    /// The same failure, saying how to get past it.
    pub fn with_help(mut self, help: impl Into<String>) -> Failure {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::new(e.to_string())
    }
}

pub(crate) type Result<T> = std::result::Result<T, Failure>;
