//! Output of `init`: what was created and what was kept, then how to
//! register claimtrail with git (or that `--git` did it).

use std::io::{self, Write};

use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::store::git::config::{Registered, shell_quoted};
use crate::store::init::Step;

/// What the output says of git: the drivers registered (or to register),
/// and whether claimtrail is on the PATH.
#[derive(Debug, Clone)]
pub(crate) struct Git {
    /// The entries `--git` writes, naming the running binary.
    pub drivers: Vec<(&'static str, String)>,
    /// The same without the binary's path, for every clone to copy.
    pub portable: Vec<(&'static str, String)>,
    /// The running binary, when its path is written into the drivers.
    pub exe: Option<String>,
    pub on_path: bool,
}

/// The lines of `init`; `root` is the store's folder as the user should
/// read it.
pub(crate) fn human(
    out: &mut dyn Write,
    style: Style,
    root: &str,
    steps: &[Step],
    registered: Option<&Registered>,
    git: &Git,
) -> io::Result<()> {
    for step in steps {
        let verb = if step.created { style.green("created") } else { style.dim("kept   ") };
        writeln!(out, "{verb} {}", escape(&step.rel))?;
    }
    let gitattributes_kept = steps.iter().any(|s| s.rel == ".gitattributes" && !s.created);
    if gitattributes_kept {
        writeln!(
            out,
            "\n.gitattributes was already there and is left as it was; for readable diffs and\n\
             field-by-field merges of records it needs lines such as:\n  \
             claims/**/*.ron diff=claimtrail merge=claimtrail\n  \
             sources/**/*.ron diff=claimtrail merge=claimtrail"
        )?;
    }
    match registered {
        Some(r) => {
            if r.created {
                writeln!(out, "\ncreated a git repository at {}", escape(&r.git_dir))?;
            }
            writeln!(out, "\nregistered in {}config:", escape(&r.git_dir))?;
            for (key, value) in &git.drivers {
                writeln!(out, "  {key} = {}", escape(value))?;
            }
            match &git.exe {
                Some(exe) => writeln!(
                    out,
                    "\ngit runs claimtrail at\n  {}\n(or `claimtrail` on the PATH once that is gone); when neither can run,\n\
                     `git merge-file` merges records line by line with conflict markers, so no edit is lost",
                    escape(exe)
                )?,
                None => writeln!(
                    out,
                    "\ngit runs `claimtrail` on its PATH; when it cannot, `git merge-file` merges records\n\
                     line by line with conflict markers, so no edit is lost"
                )?,
            }
        }
        None => {
            writeln!(
                out,
                "\nTo have git show records with `claimtrail textconv` and merge them field by field"
            )?;
            writeln!(out, "with `claimtrail merge`, run once in each clone (or `claimtrail init --git`):")?;
            for (key, value) in &git.portable {
                writeln!(out, "  git config {key} {}", escape(&shell_quoted(value)))?;
            }
        }
    }
    if !git.on_path {
        writeln!(
            out,
            "\n{} claimtrail is not on the PATH: git's diffs and merges rely on {},\n\
             and merges fall back to git's line merge once it is gone; put claimtrail on the PATH,\n\
             or run `claimtrail init --git` again after moving it",
            style.yellow("warning:"),
            if git.exe.is_some() { "the path above" } else { "the PATH" }
        )?;
    }
    match root {
        "." => writeln!(out, "\nNext:")?,
        dir => writeln!(out, "\nNext, in {}:", escape(dir))?,
    }
    writeln!(out, "  claimtrail new source --help      who says things (outlets, officials, groups)")?;
    writeln!(out, "  claimtrail new document --help    where they said them, with an archived snapshot")?;
    writeln!(out, "  claimtrail new claim --help       what they said, with the exact quotes")?;
    writeln!(out, "  claimtrail check")
}
