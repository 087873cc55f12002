//! Output of `history`: JSON (SPEC section 9, its own wire types) and a
//! compact timeline for people, one line per version, value changes
//! highlighted (`137 → 139 (+2, +1.5%)`).

use crate::render::wire::{HistoryOutput, WireVersion};
use std::io::{self, Write};

use crate::history::versions::{Change, Version};
use crate::render::diff::delta;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{VERSION, write_value};

pub fn json(out: &mut dyn Write, versions: &[Version]) -> io::Result<()> {
    let wire = versions
        .iter()
        .map(|v| WireVersion {
            id: &v.id,
            commit: &v.commit.sha,
            time: &v.commit.time,
            author: &v.commit.author,
            path: &v.path,
            change: v.change.label(),
            value: v.record.as_ref().and_then(|p| p.record.as_claim()).map(|c| c.value.to_json()),
            hash: v.record.as_ref().map(|p| p.hash()),
            summary: &v.commit.summary,
        })
        .collect();
    write_value(out, &HistoryOutput { version: VERSION, versions: wire })
}

/// The timeline; `show_ids` adds an id column (for groups).
pub fn human(
    out: &mut dyn Write,
    style: Style,
    title: &str,
    versions: &[Version],
    show_ids: bool,
) -> io::Result<()> {
    let n = versions.len();
    writeln!(out, "{}: {n} version{}", style.bold(&escape(title)), if n == 1 { "" } else { "s" })?;
    let rows: Vec<Row> = versions.iter().map(|v| row(v, show_ids)).collect();
    let width = |f: fn(&Row) -> &str| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (w_author, w_change, w_id, w_value) =
        (width(|r| &r.author), width(|r| &r.change), width(|r| &r.id), width(|r| &r.value));
    for r in &rows {
        let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(s.chars().count()));
        let change = match r.kind {
            Change::Added => style.green(&r.change),
            Change::Deleted => style.red(&r.change),
            Change::Modified | Change::Moved => r.change.clone(),
        };
        let value = if r.highlight { style.yellow(&r.value) } else { r.value.clone() };
        let id = if show_ids { format!("{}{}  ", r.id, pad(&r.id, w_id)) } else { String::new() };
        let line = format!(
            "  {}  {}  {}{}  {}{}  {id}{}{}  {}",
            style.dim(&r.short),
            r.when,
            r.author,
            pad(&r.author, w_author),
            change,
            pad(&r.change, w_change),
            value,
            pad(&r.value, w_value),
            r.path
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One timeline line as plain text cells (styled when written).
struct Row {
    short: String,
    when: String,
    author: String,
    change: String,
    kind: Change,
    id: String,
    value: String,
    highlight: bool,
    path: String,
}

fn row(v: &Version, show_ids: bool) -> Row {
    let claim = v.record.as_ref().and_then(|p| p.record.as_claim());
    let before = v.previous.as_ref().and_then(|(_, p)| p.record.as_claim());
    let (value, highlight) = match (before, claim) {
        (Some(a), Some(b)) if a.value != b.value => (delta::value_change(&a.value, &b.value), true),
        (_, Some(b)) => (delta::value(&b.value), false),
        (_, None) => ("—".to_owned(), false),
    };
    let path = match (&v.previous, v.change) {
        (Some((old, _)), Change::Moved | Change::Modified) if *old != v.path => {
            format!("{} → {}", escape(old), escape(&v.path))
        }
        _ => escape(&v.path).into_owned(),
    };
    Row {
        short: v.commit.short().to_owned(),
        // `2024-03-24T10:00:00+03:00` → `2024-03-24 10:00`, the author's clock.
        when: v.commit.time.get(..16).map_or_else(|| v.commit.time.clone(), |t| t.replacen('T', " ", 1)),
        author: escape(&v.commit.author).into_owned(),
        change: v.change.label().to_owned(),
        kind: v.change,
        id: if show_ids { escape(&v.id).into_owned() } else { String::new() },
        value,
        highlight,
        path,
    }
}
