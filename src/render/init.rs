//! Output of `init`: what was created and what was kept, then how to
//! register claimtrail with git (or that `--git` did it).

use std::io::{self, Write};

use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::store::git::config::{DRIVERS, Registered};
use crate::store::init::Step;

/// The lines of `init`; `root` is the store's folder as the user should
/// read it.
pub fn human(
    out: &mut dyn Write,
    style: Style,
    root: &str,
    steps: &[Step],
    registered: Option<&Registered>,
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
            for (key, value) in DRIVERS {
                writeln!(out, "  {key} = {value}")?;
            }
        }
        None => {
            writeln!(
                out,
                "\nTo have git show records with `claimtrail textconv` and merge them field by field"
            )?;
            writeln!(out, "with `claimtrail merge`, run once in each clone (or `claimtrail init --git`):")?;
            for (key, value) in DRIVERS {
                writeln!(out, "  git config {key} '{value}'")?;
            }
        }
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
