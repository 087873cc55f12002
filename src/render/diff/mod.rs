//! Output of `diff`: JSON (docs/reference.md section 9, its own wire types), a
//! field-by-field listing for people (word diffs of texts, deltas of
//! counts, coloured on a terminal) and a Markdown table for a pull-request
//! comment. Fields are shown in RON notation, as in the record files.
//! Record files a side cannot read are listed after the records, with
//! each side's reason.

pub(crate) mod delta;

use crate::render::escape::markdown::{code, escape as md};
use crate::render::wire::{DiffOutput, WireChange, WireField, WireReason, WireUnreadable};
use std::io::{self, Write};

use serde_json::Value as Json;

use crate::history::record_diff::{Diff, DiffKind, FieldChange, Reason, RecordDiff};
use crate::model::Value;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::{VERSION, write_value};

/// The two sides, as commit ids or `worktree`.
pub(crate) struct Sides<'a> {
    pub from: &'a str,
    pub to: &'a str,
}

pub(crate) fn json(out: &mut dyn Write, sides: &Sides, diff: &Diff) -> io::Result<()> {
    let changes = diff
        .records
        .iter()
        .map(|c| WireChange {
            id: &c.id,
            kind: c.kind.label(),
            change: c.change.label(),
            path: c.path(),
            fields: c
                .fields
                .iter()
                .map(|f| WireField { field: &f.field, old: &f.old, new: &f.new })
                .collect(),
        })
        .collect();
    let reason = |r: &'_ Option<Reason>| {
        r.as_ref().map(|r| WireReason {
            message: escape(&r.message).into_owned(),
            line: r.line,
            column: r.column,
        })
    };
    let unreadable = diff
        .unreadable
        .iter()
        .map(|u| WireUnreadable {
            path: &u.path,
            id: u.record.as_ref().map(|(_, id)| id.as_str()),
            kind: u.record.as_ref().map(|(kind, _)| kind.label()),
            old: reason(&u.old),
            new: reason(&u.new),
        })
        .collect();
    write_value(out, &DiffOutput { version: VERSION, from: sides.from, to: sides.to, changes, unreadable })
}

/// One block per record: a header line, then one line per field.
pub(crate) fn human(
    out: &mut dyn Write,
    style: Style,
    sides: &Sides,
    diff: &Diff,
    quiet: bool,
) -> io::Result<()> {
    if !quiet {
        writeln!(
            out,
            "{}",
            style.bold(&format!("diff {} → {}: {}", short(sides.from), short(sides.to), tally(diff)))
        )?;
    }
    for c in &diff.records {
        let label = match c.change {
            DiffKind::Added => style.green(c.change.label()),
            DiffKind::Removed => style.red(c.change.label()),
            DiffKind::Modified | DiffKind::Moved => style.yellow(c.change.label()),
        };
        writeln!(
            out,
            "{label} {} {}  {}",
            c.kind.label(),
            style.bold(&escape(&c.id)),
            style.dim(&escape(c.path()))
        )?;
        if c.change == DiffKind::Removed {
            continue;
        }
        let width = c.fields.iter().map(|f| f.field.len()).max().unwrap_or(0);
        for f in &c.fields {
            let lines = field_lines(style, f, c.change == DiffKind::Added);
            for (i, line) in lines.iter().enumerate() {
                let name = if i == 0 { f.field.as_str() } else { "" };
                writeln!(out, "    {name:width$}  {line}")?;
            }
        }
    }
    for u in &diff.unreadable {
        let what = match &u.record {
            Some((kind, id)) => format!("{} {}  ", kind.label(), style.bold(&escape(id))),
            None => String::new(),
        };
        writeln!(out, "{} {what}{}", style.red("unreadable"), style.dim(&escape(&u.path)))?;
        for (side, reason) in [("old", &u.old), ("new", &u.new)] {
            let shown = match reason {
                Some(r) => style.red(&reason_text(r)),
                None if u.record.is_some() => "(a record)".to_owned(),
                None => style.dim("(no file)"),
            };
            writeln!(out, "    {side}  {shown}")?;
        }
    }
    Ok(())
}

/// `line 3, column 5: expected ...`, escaped for a terminal.
fn reason_text(r: &Reason) -> String {
    match (r.line, r.column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}: {}", escape(&r.message)),
        (Some(line), None) => format!("line {line}: {}", escape(&r.message)),
        _ => escape(&r.message).into_owned(),
    }
}

/// A table, for a pull-request comment.
pub(crate) fn markdown(out: &mut dyn Write, sides: &Sides, diff: &Diff) -> io::Result<()> {
    writeln!(out, "### claimtrail diff `{}` → `{}`\n", short(sides.from), short(sides.to))?;
    if diff.is_empty() {
        return writeln!(out, "No record changed.");
    }
    writeln!(out, "{}\n", tally(diff))?;
    writeln!(out, "| change | record | field | old | new |\n|---|---|---|---|---|")?;
    for c in &diff.records {
        let record = format!("{} **{}**", c.kind.label(), md(&c.id));
        let mut first = true;
        let mut row = |field: &str, old: &str, new: &str| {
            let (change, record) = if first { (c.change.label(), record.as_str()) } else { ("", "") };
            first = false;
            writeln!(out, "| {change} | {record} | {field} | {old} | {new} |")
        };
        if c.change == DiffKind::Removed || c.fields.is_empty() {
            row("", &md(c.path()), "")?;
            continue;
        }
        for f in &c.fields {
            let old = f.old.as_ref().map_or(String::new(), |v| md(&show(&f.field, v)));
            let new = match (&f.old, &f.new) {
                (Some(a), Some(b)) if f.field == "value" => match value_delta(a, b) {
                    Some(d) => format!("{} ({d})", md(&show(&f.field, b))),
                    None => md(&show(&f.field, b)),
                },
                (_, Some(b)) => md(&show(&f.field, b)),
                (_, None) => String::new(),
            };
            row(&md(&f.field), &old, &new)?;
        }
    }
    for u in &diff.unreadable {
        let record = match &u.record {
            Some((kind, id)) => format!("{} **{}** ", kind.label(), md(id)),
            None => String::new(),
        };
        let side = |r: &Option<Reason>| r.as_ref().map_or(String::new(), |r| md(&reason_text(r)));
        writeln!(out, "| unreadable | {record}{} | | {} | {} |", code(&u.path), side(&u.old), side(&u.new))?;
    }
    Ok(())
}

/// `2 records changed (1 modified, 1 removed)`, and the files a side
/// cannot read.
fn tally(diff: &Diff) -> String {
    let records = records_tally(&diff.records);
    match diff.unreadable.len() {
        0 => records,
        1 => format!("{records}; 1 file unreadable"),
        n => format!("{records}; {n} files unreadable"),
    }
}

fn records_tally(changes: &[RecordDiff]) -> String {
    if changes.is_empty() {
        return "no record changed".to_owned();
    }
    let parts: Vec<String> = [DiffKind::Added, DiffKind::Removed, DiffKind::Modified, DiffKind::Moved]
        .into_iter()
        .filter_map(|k| {
            let n = changes.iter().filter(|c| c.change == k).count();
            (n > 0).then(|| format!("{n} {}", k.label()))
        })
        .collect();
    let n = changes.len();
    format!("{n} record{} changed ({})", if n == 1 { "" } else { "s" }, parts.join(", "))
}

fn short(side: &str) -> &str {
    if side.len() == 40 && side.bytes().all(|b| b.is_ascii_hexdigit()) { &side[..7] } else { side }
}

/// The lines of one field: `old → new`, a word diff for texts, removed
/// and added items for lists; only the value for an added record.
fn field_lines(style: Style, f: &FieldChange, added_record: bool) -> Vec<String> {
    let name = f.field.as_str();
    match (&f.old, &f.new) {
        (None, Some(new)) if added_record => vec![show(name, new)],
        (None, Some(new)) => vec![format!("{} → {}", style.dim("(none)"), show(name, new))],
        (Some(old), None) => vec![format!("{} → {}", show(name, old), style.dim("(none)"))],
        (None, None) => Vec::new(),
        (Some(Json::String(a)), Some(Json::String(b))) if a.contains(' ') || b.contains(' ') => {
            vec![word_diff(style, a, b)]
        }
        (Some(Json::Array(a)), Some(Json::Array(b))) => {
            let mut lines: Vec<String> = a
                .iter()
                .filter(|x| !b.contains(x))
                .map(|x| style.red(&format!("- {}", show_item(name, x))))
                .collect();
            lines.extend(
                b.iter()
                    .filter(|x| !a.contains(x))
                    .map(|x| style.green(&format!("+ {}", show_item(name, x)))),
            );
            if lines.is_empty() {
                lines.push("(reordered)".to_owned());
            }
            lines
        }
        (Some(old), Some(new)) => {
            let text = match (name, value_delta(old, new)) {
                ("value", Some(d)) => format!("{} → {} ({d})", show(name, old), show(name, new)),
                _ => format!("{} → {}", show(name, old), show(name, new)),
            };
            vec![style.yellow(&text)]
        }
    }
}

fn value_delta(old: &Json, new: &Json) -> Option<String> {
    let a: Value = serde_json::from_value(old.clone()).ok()?;
    let b: Value = serde_json::from_value(new.clone()).ok()?;
    delta::delta(&a, &b)
}

/// Removed words red, added words green; plain `[-…-]{+…+}` marks without colour.
fn word_diff(style: Style, old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    if !style.color {
        return escape(&crate::text::fold::word_diff(old, new)).into_owned();
    }
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let v = escape(change.value());
        match change.tag() {
            ChangeTag::Equal => out.push_str(&v),
            ChangeTag::Delete => out.push_str(&style.red(&v)),
            ChangeTag::Insert => out.push_str(&style.green(&v)),
        }
    }
    out
}

/// A field's JSON form in RON notation: `Exact(137)` reads as `137`,
/// strings quoted, objects as `Citation(document: "…", quote: "…")`.
pub(crate) fn show(field: &str, v: &Json) -> String {
    if field == "value"
        && let Ok(value) = serde_json::from_value::<Value>(v.clone())
    {
        return delta::value(&value);
    }
    match v {
        Json::Array(items) => {
            let shown: Vec<String> = items.iter().map(|x| show_item(field, x)).collect();
            format!("[{}]", shown.join(", "))
        }
        _ => show_item(field, v),
    }
}

fn show_item(field: &str, v: &Json) -> String {
    match v {
        Json::String(s) => escape(&crate::text::ron_writer::string(s)).into_owned(),
        Json::Object(map) => {
            let name = match field {
                "citations" => "Citation",
                "review" => "Review",
                "ratings" => "Rating",
                _ => "",
            };
            let inner: Vec<String> = map.iter().map(|(k, x)| format!("{k}: {}", show(k, x))).collect();
            format!("{name}({})", inner.join(", "))
        }
        Json::Array(_) => show(field, v),
        other => other.to_string(),
    }
}
