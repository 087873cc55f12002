use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::history::merge::{Lines, Merged, OURS, Sides, THEIRS, merge, without_seal};
use crate::store::git::merge_file::merge_texts;
use crate::store::leftovers::remove_temps_in;
use crate::store::read::Inside;
use crate::store::write::{Existing, write_atomic};

/// Merge three versions of a record field by field: git's merge driver
/// for records (`merge=claimtrail` in .gitattributes).
///
/// git runs it as `claimtrail merge %O %A %B %P` (`claimtrail init --git`
/// registers that, by the binary's absolute path, with `git merge-file` as
/// the fallback when claimtrail cannot run): BASE is the common ancestor's
/// version, OURS the current
/// branch's, THEIRS the merged branch's, PATH the file's name; the result is
/// written over OURS. Each field is merged on its own, and lists (citations,
/// tags, part_of, ratings, ...) as sets of items, so edits to different
/// fields merge cleanly, and the result is resealed with `revises` set to
/// the hash of the base version. A field changed on both sides to
/// different values keeps git's conflict markers around that field alone
/// (run `claimtrail hash` once it is resolved). Files that are not records
/// of one kind, or whose layout cannot be edited line by line, are merged
/// by git's own line merge (the algorithm of git's default merge), as
/// without the driver. Comments either side added are kept, or the merge
/// conflicts. A version that is not text (a NUL byte) or is over the file
/// limit leaves OURS as it is, a conflict: nothing is written empty. The
/// temp files of a merge killed half way are removed by the next one.
///
/// Exit status: 0 merged cleanly, 1 conflicts left in OURS, 2 failure.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The common ancestor's version (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); the result is written over it.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository, for messages (git's %P).
    pub path: Option<String>,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let shown = args.path.clone().unwrap_or_else(|| args.ours.display().to_string());
    // Under the store lock, what a killed merge (or any killed writer) left
    // beside ours and in the store goes first. Busy: another claimtrail
    // writes; the merge goes on without the tidying.
    let _lock = store.lock().ok().inspect(|_| {
        let _ = store.remove_leftovers();
        let beside = args.ours.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        remove_temps_in(beside);
    });
    let read = |path: &Path| -> Result<Input> {
        let cannot = |why: String| Failure::new(format!("cannot read {}: {why}", path.display()));
        Ok(match store.read_named(path).map_err(|e| cannot(e.to_string()))? {
            Inside::Bytes(bytes) => Input::Bytes(bytes),
            Inside::TooBig(len) => Input::TooBig(len),
            Inside::Escapes => return Err(cannot("a symlink that leads out of the store".to_owned())),
        })
    };
    let inputs = [read(&args.base)?, read(&args.ours)?, read(&args.theirs)?];
    let [Input::Bytes(base), Input::Bytes(ours), Input::Bytes(theirs)] = inputs else {
        // Never read whole: ours stays as it is, and git sees a conflict.
        let len = inputs.iter().find_map(|i| match i {
            Input::TooBig(len) => Some(*len),
            Input::Bytes(_) => None,
        });
        writeln!(
            out,
            "claimtrail merge: conflict in {shown}: a version is {} bytes, over the file limit; ours is kept \
             as it is, unmerged: resolve by hand",
            len.unwrap_or_default()
        )
        .map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    };
    if [&base, &ours, &theirs].iter().any(|b| is_binary(b)) {
        return binary(&args, &shown, [&base, &ours, &theirs], out);
    }
    let labels = [OURS, THEIRS];
    let bom = ours.starts_with(b"\xef\xbb\xbf");
    let texts = [&base, &ours, &theirs]
        .map(|b| std::str::from_utf8(b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)).ok());
    let merged = match texts {
        [Some(base), Some(ours), Some(theirs)] => {
            let [b, o, t] = [base, ours, theirs].map(without_seal);
            let lines = merge_texts(b.as_bytes(), o.as_bytes(), t.as_bytes(), labels)?;
            let text = String::from_utf8(lines.text).ok();
            let lines = text.as_deref().map(|text| Lines { text, clean: lines.clean });
            merge(Sides { base, ours, theirs }, lines)
        }
        _ => Merged::Unreadable("not UTF-8".to_owned()),
    };
    let (bytes, clean) = match merged {
        Merged::Clean(text) => (with_bom(bom, text), true),
        Merged::Conflicts { text, fields } => {
            let what = if fields.is_empty() {
                "a comment was added or removed next to a field the other side changed".to_owned()
            } else {
                format!("{} changed on both sides", fields.join(", "))
            };
            writeln!(out, "claimtrail merge: conflict in {shown}: {what}").map_err(io_failure)?;
            (with_bom(bom, text), false)
        }
        Merged::Unreadable(why) => {
            writeln!(out, "claimtrail merge: {shown}: {why}; merged line by line as git does")
                .map_err(io_failure)?;
            let lines = merge_texts(&base, &ours, &theirs, labels)?;
            (lines.text, lines.clean)
        }
    };
    if !clean && bytes.is_empty() && !(ours.is_empty() && theirs.is_empty()) {
        // A merge with conflicts has both sides' lines: an empty result
        // would lose them. Ours stays, and git sees the conflict.
        writeln!(out, "claimtrail merge: {shown}: the merge came out empty; ours is kept, unmerged")
            .map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    }
    write_atomic(&args.ours, &bytes, Existing::Replace)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", args.ours.display())))?;
    Ok(if clean { exit::OK } else { exit::FINDINGS })
}

/// One version, as read.
enum Input {
    Bytes(Vec<u8>),
    TooBig(u64),
}

/// Whether git would take these bytes for a binary file: a NUL byte in
/// the first 8,000 (git's own test, `buffer_is_binary`).
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8000)].contains(&0)
}

/// A binary version: what git does for binary files. A side that changed
/// nothing takes the other; otherwise ours is left as it is, a conflict.
fn binary(args: &Args, shown: &str, [base, ours, theirs]: [&Vec<u8>; 3], out: &mut dyn Write) -> Result<u8> {
    if ours == theirs || base == theirs {
        return Ok(exit::OK);
    }
    if base == ours {
        write_atomic(&args.ours, theirs, Existing::Replace)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", args.ours.display())))?;
        return Ok(exit::OK);
    }
    writeln!(
        out,
        "claimtrail merge: conflict in {shown}: not text (a NUL byte); ours is kept as it is, theirs is \
         left out: resolve by hand (`git checkout --theirs {shown}` takes theirs)"
    )
    .map_err(io_failure)?;
    Ok(exit::FINDINGS)
}

fn with_bom(bom: bool, text: String) -> Vec<u8> {
    let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(text.as_bytes());
    bytes
}
