//! Output of `blame`: JSON (docs/reference.md section 9, its own wire types) and a table
//! for people, one line per field: the field, the commit that set it, the
//! commit's time and author, the value and the commit's summary.

use std::io::{self, Write};

use crate::history::blame::FieldBlame;
use crate::render::escape::terminal::escape;
use crate::render::history::commit_time;
use crate::render::style::Style;
use crate::render::wire::{BlameOutput, VERSION, WireBlame, write_value};

/// Values longer than this are cut in the table (JSON has them whole).
const VALUE_CHARS: usize = 48;

pub(crate) fn json(out: &mut dyn Write, id: &str, fields: &[FieldBlame]) -> io::Result<()> {
    let wire = fields
        .iter()
        .map(|f| WireBlame {
            field: f.field,
            value: &f.value,
            commit: &f.commit.sha,
            time: &f.commit.time,
            author: &f.commit.author,
            summary: &f.commit.summary,
        })
        .collect();
    write_value(out, &BlameOutput { version: VERSION, id, fields: wire })
}

/// The table; `rev` is the revision whose history was walked.
pub(crate) fn human(
    out: &mut dyn Write,
    style: Style,
    id: &str,
    rev: &str,
    fields: &[FieldBlame],
) -> io::Result<()> {
    writeln!(out, "{} at {}: who set each field", style.bold(&escape(id)), escape(rev))?;
    let header = ["field", "commit", "committed (author's clock)", "author", "value", "summary"];
    let rows: Vec<[String; 6]> = fields
        .iter()
        .map(|f| {
            [
                f.field.to_owned(),
                f.commit.short().to_owned(),
                commit_time(&f.commit.time),
                escape(&f.commit.author).into_owned(),
                escape(&crate::text::escape::clip(&shown(f.field, &f.value), VALUE_CHARS)).into_owned(),
                escape(&f.commit.summary).into_owned(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 6]| {
        let mut s = String::from(" ");
        for (i, cell) in cells.iter().enumerate() {
            s.push(' ');
            s.push_str(cell);
            if i < 5 {
                s.push_str(&" ".repeat(widths[i].saturating_sub(cell.chars().count()) + 1));
            }
        }
        s.trim_end().to_owned()
    };
    writeln!(out, "{}", style.dim(&line(header)))?;
    for r in &rows {
        writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]))?;
    }
    Ok(())
}

/// A field as people read it, as every other view shows it: a claim's
/// value in words (`90`, `at least 174`, `137–145`), strings bare, lists
/// of strings joined by commas, ratings, citations and a review in words,
/// anything else as compact JSON (JSON output keeps the JSON form of docs/reference.md
/// section 5, `{"Exact":90}`).
fn shown(field: &str, value: &serde_json::Value) -> String {
    if field == "value"
        && let Ok(v) = serde_json::from_value::<crate::model::Value>(value.clone())
    {
        return v.display();
    }
    let text =
        |v: &serde_json::Value, key: &str| v.get(key).and_then(serde_json::Value::as_str).map(str::to_owned);
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => {
            items.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join(", ")
        }
        // Ratings as the desk gave them: `B on 2002-11-20, C on 2007-10-26`.
        serde_json::Value::Array(items) if field == "ratings" => items
            .iter()
            .map(|r| match (text(r, "reliability"), text(r, "on")) {
                (Some(letter), Some(on)) => format!("{letter} on {on}"),
                _ => r.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        // Citations by document and quote: `ap-2002-10-26: "67 hostages"`.
        serde_json::Value::Array(items) if field == "citations" => items
            .iter()
            .map(|c| match (text(c, "document"), text(c, "quote")) {
                (Some(doc), Some(quote)) => format!("{doc}: \"{quote}\""),
                _ => c.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        // A review: `False by desk on 2024-01-04`.
        serde_json::Value::Object(_) if field == "review" => {
            match (text(value, "verdict"), text(value, "by"), text(value, "on")) {
                (Some(verdict), Some(by), Some(on)) => format!("{verdict} by {by} on {on}"),
                _ => value.to_string(),
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_people_write_them() {
        let cases = [
            ("value", json!({"Exact": 90}), "90"),
            ("value", json!({"AtLeast": 174}), "at least 174"),
            ("value", json!({"Between": [137, 145]}), "137–145"),
            ("value", json!({"Actors": ["israel", "united-states"]}), "israel + united-states"),
            ("as_of", json!("2002-10-26"), "2002-10-26"),
            ("tags", json!(["toll", "official"]), "toll, official"),
            ("rank", json!("Deprecated"), "Deprecated"),
            ("value", json!({"Nonsense": 1}), "{\"Nonsense\":1}"),
            (
                "ratings",
                json!([{"by": "desk", "on": "2002-11-20", "reliability": "B"}, {"by": "desk", "on": "2007-10-26", "reliability": "C"}]),
                "B on 2002-11-20, C on 2007-10-26",
            ),
            ("citations", json!([{"document": "ap", "quote": "67 hostages"}]), "ap: \"67 hostages\""),
            (
                "review",
                json!({"by": "desk", "on": "2024-01-04", "verdict": "False"}),
                "False by desk on 2024-01-04",
            ),
        ];
        for (field, value, want) in cases {
            assert_eq!(shown(field, &value), want, "{field} {value}");
        }
    }
}
