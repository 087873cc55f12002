use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::history::merge::{Merged, OURS, Sides, THEIRS, merge, without_seal};
use crate::store::git::merge_file::merge_texts;
use crate::store::read::Inside;
use crate::store::write::{Existing, write_atomic};

/// Merge three versions of a record field by field: git's merge driver
/// for records (`merge=claimtrail` in .gitattributes).
///
/// git runs it as `claimtrail merge %O %A %B %P` (`claimtrail init --git`
/// registers that): BASE is the common ancestor's version, OURS the current
/// branch's, THEIRS the merged branch's, PATH the file's name; the result is
/// written over OURS. Each field is merged on its own, and lists (citations,
/// tags, part_of, ratings, ...) as sets of items, so edits to different
/// fields merge cleanly, and the result is resealed with `revises` set to
/// the hash of the base version. A field changed on both sides to
/// different values keeps git's conflict markers around that field alone
/// (run `claimtrail hash` once it is resolved). Files that are not records
/// of one kind, or whose layout cannot be edited line by line, are merged
/// by git's own line merge (the algorithm of git's default merge), as
/// without the driver.
///
/// Exit status: 0 merged cleanly, 1 conflicts left in OURS, 2 failure.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor's version (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); the result is written over it.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository, for messages (git's %P).
    pub path: Option<String>,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let read = |path: &Path| -> Result<Vec<u8>> {
        let cannot = |why: String| Failure::new(format!("cannot read {}: {why}", path.display()));
        match store.read_named(path).map_err(|e| cannot(e.to_string()))? {
            Inside::Bytes(bytes) => Ok(bytes),
            Inside::TooBig(len) => Err(cannot(format!("{len} bytes, over the file limit"))),
            Inside::Escapes => Err(cannot("a symlink that leads out of the store".to_owned())),
        }
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let shown = args.path.clone().unwrap_or_else(|| args.ours.display().to_string());
    let labels = [OURS, THEIRS];
    let bom = ours.starts_with(b"\xef\xbb\xbf");
    let texts = [&base, &ours, &theirs]
        .map(|b| std::str::from_utf8(b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)).ok());
    let merged = match texts {
        [Some(base), Some(ours), Some(theirs)] => {
            let [b, o, t] = [base, ours, theirs].map(without_seal);
            let lines = merge_texts(b.as_bytes(), o.as_bytes(), t.as_bytes(), labels)?;
            let line_merged = lines.clean.then(|| String::from_utf8(lines.text).ok()).flatten();
            merge(Sides { base, ours, theirs }, line_merged.as_deref())
        }
        _ => Merged::Unreadable("not UTF-8".to_owned()),
    };
    let (bytes, clean) = match merged {
        Merged::Clean(text) => (with_bom(bom, text), true),
        Merged::Conflicts { text, fields } => {
            writeln!(
                out,
                "claimtrail merge: conflict in {shown}: {} changed on both sides",
                fields.join(", ")
            )
            .map_err(io_failure)?;
            (with_bom(bom, text), false)
        }
        Merged::Unreadable(why) => {
            writeln!(out, "claimtrail merge: {shown}: {why}; merged line by line as git does")
                .map_err(io_failure)?;
            let lines = merge_texts(&base, &ours, &theirs, labels)?;
            (lines.text, lines.clean)
        }
    };
    write_atomic(&args.ours, &bytes, Existing::Replace)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", args.ours.display())))?;
    Ok(if clean { exit::OK } else { exit::FINDINGS })
}

fn with_bom(bom: bool, text: String) -> Vec<u8> {
    let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(text.as_bytes());
    bytes
}
