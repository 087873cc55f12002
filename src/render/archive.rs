//! `archive`'s answer: what was captured and where it was written.

use std::io::{self, Write};

use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{ArchiveOutput, VERSION, write_value};

/// A capture written by `archive`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Archived<'a> {
    pub document: &'a str,
    /// The final URL, after redirects.
    pub url: &'a str,
    pub status: u16,
    /// Names in sources/snapshots/.
    pub snapshot: &'a str,
    pub capture: &'a str,
    /// The record's path from the store root.
    pub record: &'a str,
}

pub(crate) fn human(out: &mut dyn Write, style: Style, a: &Archived) -> io::Result<()> {
    writeln!(out, "archived {} (HTTP {}) as {}", escape(a.url), a.status, style.bold(&escape(a.document)))?;
    writeln!(out, "  snapshot  sources/snapshots/{}", escape(a.snapshot))?;
    writeln!(out, "  capture   sources/snapshots/{}", escape(a.capture))?;
    writeln!(out, "  record    {}", escape(a.record))
}

pub(crate) fn json(out: &mut dyn Write, a: &Archived) -> io::Result<()> {
    write_value(
        out,
        &ArchiveOutput {
            version: VERSION,
            document: a.document,
            url: a.url,
            status: a.status,
            snapshot: a.snapshot,
            capture: a.capture,
            record: a.record,
        },
    )
}
