use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::Result;
use crate::render::escape::terminal::escape;
use crate::store::write::{Existing, write_atomic};
use crate::text::reseal::{Reseal, reseal};

/// Write missing or stale hashes (and `revises`), in place and atomically.
///
/// Only the `hash` and `revises` fields change: comments, field order and
/// layout stay. A file that does not parse is never rewritten. A file that
/// cannot be read or written is reported and the run goes on (exit 1).
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
    // Writers hold the store lock from before reading until the last
    // rename; `--check` only reads.
    let _lock = if args.check { None } else { Some(super::lock_store(&store)?) };
    let walk = store.walk()?;
    let filter = super::paths::PathFilter::new(&store, &args.paths)?;
    let is_wanted = |rel: &str| filter.matches(rel);
    if !args.check {
        for rel in &walk.stale_temps {
            // Left by a writer that was killed: we hold the lock, so no
            // running claimtrail needs it.
            match std::fs::remove_file(store.root.join(rel)) {
                Ok(()) => writeln!(out, "removed {}, left by an interrupted run", escape(rel)),
                Err(e) => writeln!(out, "cannot remove {}, left by an interrupted run: {e}", escape(rel)),
            }
            .map_err(io_failure)?;
        }
    }
    let mut changed = 0usize;
    let mut failed = 0usize;
    for d in walk.findings.iter().filter(|d| is_wanted(&d.file)) {
        failed += 1;
        writeln!(out, "skipped {}: {}", escape(&d.file), escape(&d.message)).map_err(io_failure)?;
    }
    for f in walk.files.into_iter().filter(|f| is_wanted(&f.rel)) {
        let rel = escape(&f.rel);
        // Write through a symlink (one that stays in the store) to its
        // target, so the link stays a link.
        let path = store.root.join(&f.rel);
        let path = path.canonicalize().unwrap_or(path);
        let len = f.size(&store.root).unwrap_or(0);
        if len > store.config.file_limit() {
            failed += 1;
            writeln!(out, "skipped {rel}: {len} bytes, over the limit of {}", store.config.file_limit())
                .map_err(io_failure)?;
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                failed += 1;
                writeln!(out, "failed {rel}: cannot read it: {e}").map_err(io_failure)?;
                continue;
            }
        };
        let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => (&bytes[..3], rest),
            None => (&bytes[..0], &bytes[..]),
        };
        let Ok(text) = std::str::from_utf8(body) else {
            failed += 1;
            writeln!(out, "skipped {rel}: not valid UTF-8").map_err(io_failure)?;
            continue;
        };
        match reseal(text) {
            Ok(Reseal::UpToDate) => {}
            Ok(Reseal::Changed { text: new_text, old_hash, new_hash }) => {
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
                        writeln!(
                            out,
                            "failed {rel}: cannot write it ({}); it was left as it was",
                            escape(&e.to_string())
                        )
                        .map_err(io_failure)?;
                        continue;
                    }
                }
                changed += 1;
                if !ctx.quiet || args.check {
                    writeln!(out, "{verb} {rel} {}", ctx.style.dim(&new_hash)).map_err(io_failure)?;
                }
            }
            Err(why) => {
                failed += 1;
                writeln!(out, "skipped {rel}: {}", escape(&why)).map_err(io_failure)?;
            }
        }
    }
    if !ctx.quiet && !args.check {
        writeln!(out, "{changed} record{} sealed", if changed == 1 { "" } else { "s" })
            .map_err(io_failure)?;
    }
    Ok(if failed > 0 || (args.check && changed > 0) { exit::FINDINGS } else { exit::OK })
}
