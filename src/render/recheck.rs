//! `recheck`'s answer: for a desk reading a nightly CI log, one line per
//! document (unchanged, changed, gone, unreachable), what changed as word
//! edits, and for each claim citing a changed or gone page whether its
//! quote is still there, with the closest live passage and how it differs.

use std::io::{self, Write};

use crate::check::recheck::{Rechecked, Status};
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{RecheckOutput, VERSION, WireEdit, WireRecheckQuote, WireRechecked, write_value};

/// Edits shown per changed document in the human form (all are in JSON).
const SHOWN_EDITS: usize = 12;

/// One document's result and the id it was saved as under `--save`.
pub(crate) struct Row<'a> {
    pub result: &'a Rechecked,
    pub saved: Option<&'a str>,
}

pub(crate) fn human(out: &mut dyn Write, style: Style, rows: &[Row]) -> io::Result<()> {
    for row in rows {
        let r = row.result;
        let status = match r.status {
            Status::Unchanged => style.green("unchanged"),
            Status::Changed => style.yellow("changed"),
            Status::Gone | Status::Unreachable => style.red(r.status.name()),
        };
        let reason = r.reason.as_deref().map(|w| format!(" ({})", escape(w))).unwrap_or_default();
        writeln!(out, "{status:<11} {}  {}{reason}", style.bold(&escape(&r.document)), escape(&r.url))?;
        for e in r.edits.iter().take(SHOWN_EDITS) {
            let mut line = format!("    …{} ", escape(&e.before));
            if !e.old.is_empty() {
                line.push_str(&style.red(&format!("[-{}-]", escape(&e.old))));
            }
            if !e.new.is_empty() {
                line.push_str(&style.green(&format!("{{+{}+}}", escape(&e.new))));
            }
            writeln!(out, "{line}")?;
        }
        if r.edits.len() > SHOWN_EDITS {
            writeln!(out, "    … and {} more edits (--format json lists them)", r.edits.len() - SHOWN_EDITS)?;
        }
        if r.status != Status::Unchanged {
            for q in &r.quotes {
                if q.found {
                    writeln!(out, "  claim {}: quote still on the page", escape(&q.claim))?;
                    continue;
                }
                let what = if r.status == Status::Gone {
                    "cites a page that is gone"
                } else {
                    "quote no longer on the page"
                };
                writeln!(out, "  claim {}: {}", style.bold(&escape(&q.claim)), style.red(what))?;
                writeln!(out, "    quote    \"{}\"", escape(&q.quote))?;
                if let Some(c) = &q.closest {
                    writeln!(out, "    closest  \"{}\"", escape(c))?;
                    if !q.differences.is_empty() {
                        writeln!(out, "    differs  {}", escape(&q.differences.join(", ")))?;
                    }
                }
            }
        }
        if let Some(id) = row.saved {
            writeln!(
                out,
                "  saved the live page as document {} (version_of: {})",
                escape(id),
                escape(&r.document)
            )?;
        }
    }
    let count = |s: Status| rows.iter().filter(|r| r.result.status == s).count();
    let lost: usize = rows.iter().map(|r| r.result.quotes.iter().filter(|q| !q.found).count()).sum();
    writeln!(
        out,
        "\n{} document{}: {} unchanged, {} changed, {} gone, {} unreachable; {} cited quote{} no longer found",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        count(Status::Unchanged),
        count(Status::Changed),
        count(Status::Gone),
        count(Status::Unreachable),
        lost,
        if lost == 1 { "" } else { "s" },
    )
}

pub(crate) fn json(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    let documents = rows
        .iter()
        .map(|row| {
            let r = row.result;
            WireRechecked {
                id: &r.document,
                url: &r.url,
                status: r.status.name(),
                reason: r.reason.as_deref(),
                saved: row.saved,
                quotes: r
                    .quotes
                    .iter()
                    .map(|q| WireRecheckQuote {
                        claim: &q.claim,
                        quote: &q.quote,
                        found: q.found,
                        closest: q.closest.as_deref(),
                        differences: &q.differences,
                    })
                    .collect(),
                changes: r
                    .edits
                    .iter()
                    .map(|e| WireEdit { before: &e.before, old: &e.old, new: &e.new })
                    .collect(),
            }
        })
        .collect();
    write_value(out, &RecheckOutput { version: VERSION, documents })
}
