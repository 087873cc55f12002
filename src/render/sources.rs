//! Human output of `sources`: an aligned table of each source's current
//! rating and the fate of its claims. The desk's own verdicts (Deprecated,
//! rated False) are labelled as the desk's, never as the source retracting,
//! and superseded claims are counted apart.

use crate::render::wire::{SourcesOutput, VERSION, WireSource, write_value};
use std::io::{self, Write};

use crate::compare::track_record::TrackRecord;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;

const COLUMNS: usize = 8;

const HEADER: [&str; COLUMNS] = [
    "source",
    "rating",
    "claims",
    "corroborated",
    "contradicted",
    "revised",
    "superseded",
    "deprecated/False*",
];

/// What the starred column counts.
const FOOTNOTE: &str =
    "* deprecated or rated False by the desk (the desk's verdict, not a retraction by the source)";

/// One row per source, in the order given; numbers right-aligned.
pub fn human(out: &mut dyn Write, style: Style, records: &[TrackRecord]) -> io::Result<()> {
    let rows: Vec<[String; COLUMNS]> = records
        .iter()
        .map(|r| {
            [
                escape(&r.source.id).into_owned(),
                r.rating.map_or("unrated".to_owned(), |r| r.letter().to_owned()),
                r.claims.to_string(),
                r.corroborated.to_string(),
                r.contradicted.to_string(),
                r.revised.to_string(),
                r.superseded.to_string(),
                r.retracted.to_string(),
            ]
        })
        .collect();
    let header = HEADER.map(str::to_owned);
    let widths: Vec<usize> = (0..COLUMNS)
        .map(|c| rows.iter().chain([&header]).map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    writeln!(out, "{}", style.bold(&line(&header, &widths)))?;
    for r in &rows {
        writeln!(out, "{}", line(r, &widths))?;
    }
    writeln!(out, "{}", style.dim(FOOTNOTE))
}

/// Text columns left-aligned, number columns right-aligned.
fn line(cells: &[String; COLUMNS], widths: &[usize]) -> String {
    let mut out = String::new();
    for (i, (c, &w)) in cells.iter().zip(widths).enumerate() {
        let pad = " ".repeat(w - c.chars().count());
        if i < 2 {
            out.push_str(c);
            out.push_str(&pad);
        } else {
            out.push_str(&pad);
            out.push_str(c);
        }
        out.push_str("  ");
    }
    out.trim_end().to_owned()
}

/// `sources --format json`.
pub fn json(out: &mut dyn Write, records: &[TrackRecord]) -> io::Result<()> {
    let output = SourcesOutput { version: VERSION, sources: records.iter().map(WireSource::from).collect() };
    write_value(out, &output)
}
