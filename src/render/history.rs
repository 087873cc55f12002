//! Output of `history`: JSON (docs/reference.md section 9, its own wire types) and a
//! compact timeline for people, one line per version under a header row:
//! commit, commit time, author, change, value (changes highlighted, `137 →
//! 139 (+2, +1.5%)`; for a source, its rating: `rated B on 2002-11 → rated C on
//! 2007-10-26`), as_of (`2024-03-23 → 2024-03-24`), the version's
//! hash and its path.

use crate::render::wire::{HistoryOutput, WireVersion};
use std::io::{self, Write};

use crate::history::versions::{Change, Version};
use crate::render::diff::delta;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{VERSION, write_value};

pub(crate) fn json(out: &mut dyn Write, versions: &[Version]) -> io::Result<()> {
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

/// The timeline; `show_ids` adds an id column (for groups). A header row
/// names the columns: `committed` is the commit's time on its author's
/// clock, `as of` the time the figure itself refers to.
pub(crate) fn human(
    out: &mut dyn Write,
    style: Style,
    title: &str,
    versions: &[Version],
    show_ids: bool,
) -> io::Result<()> {
    let n = versions.len();
    writeln!(out, "{}: {n} version{}", style.bold(&escape(title)), if n == 1 { "" } else { "s" })?;
    let mut header = vec!["commit", "committed", "author", "change"];
    if show_ids {
        header.push("id");
    }
    header.extend(["value", "as of", "hash", "path"]);
    let rows: Vec<Vec<Cell>> = versions.iter().map(|v| row(v, show_ids, style)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].width).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: Vec<(String, usize)>| {
        let last = cells.len() - 1;
        let mut s = String::new();
        for (i, (text, width)) in cells.into_iter().enumerate() {
            s.push_str("  ");
            s.push_str(&text);
            if i < last {
                s.push_str(&" ".repeat(widths[i].saturating_sub(width)));
            }
        }
        s.trim_end().to_owned()
    };
    let plain = header.iter().map(|h| (h.to_string(), h.chars().count())).collect();
    writeln!(out, "{}", style.dim(&line(plain)))?;
    for r in rows {
        writeln!(out, "{}", line(r.into_iter().map(|c| (c.text, c.width)).collect()))?;
    }
    Ok(())
}

/// One cell of the timeline: its text, styled, and its width on screen.
struct Cell {
    text: String,
    width: usize,
}

impl Cell {
    fn new(text: String) -> Cell {
        Cell { width: text.chars().count(), text }
    }

    fn styled(text: String, paint: impl Fn(&str) -> String) -> Cell {
        Cell { width: text.chars().count(), text: paint(&text) }
    }
}

/// A source's current rating as the timeline shows it: `rated C on
/// 2007-10-26`, or `unrated`.
fn rating(s: &crate::model::Source) -> String {
    s.ratings.last().map_or_else(
        || "unrated".to_owned(),
        |r| format!("rated {} on {}", r.reliability.letter(), escape(&r.on)),
    )
}

/// How many hex digits of a version's hash the timeline shows.
const HASH_DIGITS: usize = 12;

fn row(v: &Version, show_ids: bool, style: Style) -> Vec<Cell> {
    let claim = v.record.as_ref().and_then(|p| p.record.as_claim());
    let before = v.previous.as_ref().and_then(|(_, p)| p.record.as_claim());
    let source = v.record.as_ref().and_then(|p| p.record.as_source());
    let source_before = v.previous.as_ref().and_then(|(_, p)| p.record.as_source());
    let value = match (before, claim, source_before, source) {
        (Some(a), Some(b), _, _) if a.value != b.value => {
            Cell::styled(delta::value_change(&a.value, &b.value), |t| style.yellow(t))
        }
        (_, Some(b), _, _) => Cell::new(delta::value(&b.value)),
        // A source's value is its rating: what the desk changed.
        (_, None, Some(a), Some(b)) if rating(a) != rating(b) => {
            Cell::styled(format!("{} → {}", rating(a), rating(b)), |t| style.yellow(t))
        }
        (_, None, _, Some(b)) => Cell::new(rating(b)),
        (_, None, _, None) => Cell::new("—".to_owned()),
    };
    let as_of =
        |c: Option<&crate::model::Claim>| c.and_then(|c| c.as_of.as_deref()).map(|d| escape(d).into_owned());
    let as_of = match (claim.is_some(), as_of(before), as_of(claim)) {
        (true, Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (true, Some(a), None) => format!("{a} → —"),
        (_, _, Some(b)) => b,
        (_, _, None) => "—".to_owned(),
    };
    let hash = v.record.as_ref().map_or_else(
        || "—".to_owned(),
        |p| {
            let hex = p.hash().trim_start_matches("sha256:");
            format!("{}…", &hex[..hex.len().min(HASH_DIGITS)])
        },
    );
    let path = match (&v.previous, v.change) {
        (Some((old, _)), Change::Moved | Change::Modified) if *old != v.path => {
            format!("{} → {}", escape(old), escape(&v.path))
        }
        _ => escape(&v.path).into_owned(),
    };
    let change = v.change.label().to_owned();
    let change = match v.change {
        Change::Added => Cell::styled(change, |t| style.green(t)),
        Change::Deleted | Change::Unreadable => Cell::styled(change, |t| style.red(t)),
        Change::Modified | Change::Moved => Cell::new(change),
    };
    let mut cells = vec![
        Cell::styled(v.commit.short().to_owned(), |t| style.dim(t)),
        Cell::new(commit_time(&v.commit.time)),
        Cell::new(escape(&v.commit.author).into_owned()),
        change,
    ];
    if show_ids {
        cells.push(Cell::new(escape(&v.id).into_owned()));
    }
    cells.extend([value, Cell::new(as_of), Cell::styled(hash, |t| style.dim(t)), Cell::new(path)]);
    cells
}

/// A commit's RFC 3339 time as people read it, on the author's clock:
/// `2024-03-24T10:00:00+03:00` → `2024-03-24 10:00`.
pub(crate) fn commit_time(time: &str) -> String {
    time.get(..16).map_or_else(|| time.to_owned(), |t| t.replacen('T', " ", 1))
}
