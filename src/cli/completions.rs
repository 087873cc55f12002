use std::io::Write;

use clap::CommandFactory;

use super::{Cli, io_failure};
use crate::cli::exit;
use crate::failure::Result;

/// Print a shell completion script.
///
/// Example: `claimtrail completions bash > /etc/bash_completion.d/claimtrail`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff), generated from the same definitions as --help.
#[derive(Debug, clap::Args)]
pub struct ManArgs {}

pub fn run(args: Args, out: &mut dyn Write) -> Result<u8> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "claimtrail", out);
    Ok(exit::OK)
}

pub fn man(_: ManArgs, out: &mut dyn Write) -> Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(out).map_err(io_failure)?;
    Ok(exit::OK)
}
