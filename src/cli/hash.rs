use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, io_failure};
use crate::exit;
use crate::failure::{Failure, Result};
use crate::reseal::{Reseal, reseal};
use crate::store::write::{Existing, write_atomic};

/// Write missing or stale hashes (and `revises`), in place and atomically.
///
/// Only the `hash` and `revises` fields change: comments, field order and
/// layout stay. A file that does not parse is never rewritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to reseal (default: the whole store).
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit 1 if any hash would change.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let (files, _) = store.record_files()?;
    let wanted: Vec<String> = args
        .paths
        .iter()
        .map(|p| {
            store.relative(p).ok_or_else(|| {
                Failure::new(format!(
                    "{} is not a path inside the store at {}",
                    p.display(),
                    store.root.display()
                ))
            })
        })
        .collect::<Result<_>>()?;
    let mut changed = 0usize;
    let mut failed = 0usize;
    for f in files {
        if !wanted.is_empty()
            && !wanted.iter().any(|w| w.is_empty() || f.rel == *w || f.rel.starts_with(&format!("{w}/")))
        {
            continue;
        }
        let path = store.root.join(&f.rel);
        let bytes = std::fs::read(&path).map_err(|e| Failure::new(format!("cannot read {}: {e}", f.rel)))?;
        let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => (&bytes[..3], rest),
            None => (&bytes[..0], &bytes[..]),
        };
        let Ok(text) = std::str::from_utf8(body) else {
            failed += 1;
            writeln!(out, "skipped {}: not valid UTF-8", f.rel).map_err(io_failure)?;
            continue;
        };
        match reseal(text) {
            Ok(Reseal::UpToDate) => {}
            Ok(Reseal::Changed { text: new_text, old_hash, new_hash }) => {
                changed += 1;
                let verb = match (args.check, old_hash.is_some()) {
                    (true, _) => "would reseal",
                    (false, true) => "resealed",
                    (false, false) => "sealed",
                };
                if !args.check {
                    let mut new_bytes = bom.to_vec();
                    new_bytes.extend_from_slice(new_text.as_bytes());
                    if let Err(e) = write_atomic(&path, &new_bytes, Existing::MustEqual(&bytes)) {
                        failed += 1;
                        writeln!(out, "failed {}: {e}", f.rel).map_err(io_failure)?;
                        continue;
                    }
                }
                if !ctx.quiet || args.check {
                    writeln!(out, "{verb} {} {}", f.rel, ctx.style.dim(&new_hash)).map_err(io_failure)?;
                }
            }
            Err(why) => {
                failed += 1;
                writeln!(out, "skipped {}: {}", f.rel, crate::term::escape(&why)).map_err(io_failure)?;
            }
        }
    }
    if !ctx.quiet && !args.check {
        writeln!(out, "{changed} record{} sealed", if changed == 1 { "" } else { "s" })
            .map_err(io_failure)?;
    }
    Ok(if failed > 0 || (args.check && changed > 0) { exit::FINDINGS } else { exit::OK })
}
