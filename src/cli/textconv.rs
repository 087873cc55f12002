use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::store::read::Inside;

/// Print a record in a stable, readable form, for `git diff`.
///
/// With `*.ron diff=claimtrail` in .gitattributes and
/// `git config diff.claimtrail.textconv "claimtrail textconv"`, plain
/// `git diff` and `git log -p` show records this way: fields in one order,
/// one per line, whatever the file's layout. A file that does not parse is
/// printed as it is, except that control characters and bidirectional
/// overrides are shown as `\u{1b}` escapes: git pipes this output to a
/// pager and a terminal, and a record must not drive either. (A record
/// that parses is printed as RON, whose string escapes already do that.)
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The record file.
    pub file: PathBuf,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let cannot = |e: std::io::Error| Failure::new(format!("cannot read {}: {e}", args.file.display()));
    // git hands over any blob of the repository: a huge one is named, not read.
    let bytes = match store.read_named(&args.file).map_err(cannot)? {
        Inside::Bytes(bytes) => bytes,
        Inside::TooBig(len) => {
            let limit = store.config.file_limit();
            writeln!(out, "(claimtrail: a file of {len} bytes, over the limit of {limit}; not shown)")
                .map_err(io_failure)?;
            return Ok(exit::OK);
        }
        Inside::Escapes => {
            writeln!(out, "(claimtrail: a symlink that leads out of the store; not shown)")
                .map_err(io_failure)?;
            return Ok(exit::OK);
        }
    };
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let rendered = std::str::from_utf8(body)
        .ok()
        .and_then(|text| crate::text::parse::parse_record(text).ok())
        .map(|rec| crate::text::ron_writer::record(&rec));
    match rendered {
        Some(text) => out.write_all(text.as_bytes()),
        None => out.write_all(
            crate::render::escape::terminal::escape_source(&String::from_utf8_lossy(body)).text.as_bytes(),
        ),
    }
    .map_err(io_failure)?;
    Ok(exit::OK)
}
