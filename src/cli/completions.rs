use std::io::Write;

use clap::CommandFactory;

use super::{Cli, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};

/// Print a shell completion script.
///
/// Example: `claimtrail completions bash > /etc/bash_completion.d/claimtrail`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff), generated from the same definitions as --help.
///
/// Without COMMAND, the page of claimtrail, which lists the commands; with
/// it, the page of that command (`claimtrail man check | man -l -`).
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print.
    pub command: Option<String>,
}

#[expect(clippy::unnecessary_wraps, reason = "every command's run has this signature")]
pub(super) fn run(args: Args, out: &mut dyn Write) -> Result<u8> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "claimtrail", out);
    Ok(exit::OK)
}

pub(super) fn man(args: ManArgs, out: &mut dyn Write) -> Result<u8> {
    let cli = Cli::command();
    match args.command {
        Some(name) => {
            let sub = cli.find_subcommand(&name).cloned().ok_or_else(|| {
                let all: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                Failure::new(format!("no command `{name}`"))
                    .with_help(format!("commands: {}", all.join(", ")))
            })?;
            let page = sub.display_name(format!("claimtrail-{name}")).bin_name(format!("claimtrail {name}"));
            clap_mangen::Man::new(page).render(out).map_err(io_failure)?;
        }
        None => main_page(cli, out).map_err(io_failure)?,
    }
    Ok(exit::OK)
}

/// The page of claimtrail itself. clap_mangen's list of subcommands refers
/// to `claimtrail-check(1)` and the like, pages no package installs; this
/// list points at `claimtrail man COMMAND`, which prints them.
fn main_page(cli: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cli.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cli.get_subcommands().filter(|c| !c.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, ".TP\n\\fBclaimtrail {}\\fR\n{}", roff(sub.get_name()), roff(&about))?;
        writeln!(out, "Its page: \\fBclaimtrail man {}\\fR.", roff(sub.get_name()))?;
    }
    man.render_version_section(out)
}

/// Text made inert for roff: a backslash written as `\e`, no line opening with a
/// control character.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|l| if l.starts_with(['.', '\'']) { format!("\\&{l}") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}
