//! Appending an item to a list field of a record's text, in place (`rate`
//! adds a `Rating` to `ratings`): the item goes on a line of its own before
//! the list's closing `]` (or after the last item of a one-line list), and
//! a field that is not there yet is added before `revises`/`hash`. Nothing
//! else of the text changes, so comments and layout stay as written.

use crate::text::spans::SpanIndex;

/// `text` with `item` (RON source, such as `Rating(on: "2024-03-01", ...)`)
/// appended to the list field `field`. Errors are in words, for a layout
/// this cannot edit safely (the caller then writes nothing).
pub(crate) fn append_item(text: &str, field: &str, item: &str) -> Result<String, String> {
    let index = SpanIndex::build(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let close = index.outer_close.ok_or("the record has no closing `)`")?;
    let mut out = text.to_owned();
    match index.field(field) {
        Some(f) => {
            let value = &text[f.value.clone()];
            if !(value.starts_with('[') && value.ends_with(']')) || f.value.end > close {
                return Err(format!("`{field}` is not a list this can add to"));
            }
            let bracket = f.value.end - 1;
            if let Some(indent) = indent_before(text, bracket) {
                // `]` on a line of its own: the item on a line before it,
                // indented as the list's last line of items is (or one
                // step more than the `]`).
                let line_start = bracket - indent.len();
                let item_indent = last_item_indent(text, f.value.start + 1, line_start)
                    .unwrap_or_else(|| format!("{indent}    "));
                out.insert_str(line_start, &format!("{item_indent}{item},{newline}"));
            } else {
                let inner = &text[f.value.start + 1..bracket];
                let kept = inner.trim_end();
                let at = f.value.start + 1 + kept.len();
                let joined = if kept.trim().is_empty() {
                    item.to_owned()
                } else if kept.ends_with(',') {
                    format!(" {item}")
                } else {
                    format!(", {item}")
                };
                if kept.trim().is_empty() {
                    out.replace_range(f.value.start + 1..bracket, &joined);
                } else {
                    out.insert_str(at, &joined);
                }
            }
        }
        None => {
            let (at, indent) =
                insertion_point(text, &index).ok_or("the record has no line to add a field before")?;
            out.insert_str(
                at,
                &format!("{indent}{field}: [{newline}{indent}    {item},{newline}{indent}],{newline}"),
            );
        }
    }
    Ok(out)
}

/// The blanks before `offset` on its line, when only blanks precede it.
fn indent_before(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before.chars().all(|c| c == ' ' || c == '\t').then_some(before)
}

/// The indent of the last non-blank line between `from` and `to` (the
/// list's items), if that line starts on its own.
fn last_item_indent(text: &str, from: usize, to: usize) -> Option<String> {
    let inner = &text[from..to];
    let line = inner.lines().rev().find(|l| !l.trim().is_empty())?;
    // Only a line that begins after the `[` line counts.
    let first_line_end = inner.find('\n')?;
    if inner[first_line_end..].lines().all(|l| l.trim().is_empty()) {
        return None;
    }
    Some(line[..line.len() - line.trim_start().len()].to_owned())
}

/// Where a new field goes: at the start of the `revises` or `hash` line
/// when that field is on a line of its own, else before a `)` on a line of
/// its own; with the indent of the record's fields.
fn insertion_point(text: &str, index: &SpanIndex) -> Option<(usize, String)> {
    let indent = index
        .top_level_keys()
        .next()
        .and_then(|k| indent_before(text, k))
        .filter(|i| !i.is_empty())
        .unwrap_or("    ")
        .to_owned();
    for name in ["revises", "hash"] {
        if let Some(f) = index.field(name)
            && indent_before(text, f.key.start).is_some()
        {
            let start = text[..f.key.start].rfind('\n').map_or(0, |i| i + 1);
            return Some((start, indent));
        }
    }
    let close = index.outer_close?;
    indent_before(text, close).map(|_| (text[..close].rfind('\n').map_or(0, |i| i + 1), indent))
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "Rating(on: \"2024\", reliability: B, by: \"Ada\")";

    fn check(text: &str, expected: &str) {
        assert_eq!(append_item(text, "ratings", R).as_deref(), Ok(expected), "{text}");
    }

    #[test]
    fn appends_on_a_line_of_its_own_or_inside_one_line() {
        check(
            "Source(\n    id: \"k\",\n    ratings: [\n        // first\n        Rating(on: \"2014\", reliability: C, by: \"Ben\"),\n    ],\n    hash: \"x\",\n)\n",
            &format!(
                "Source(\n    id: \"k\",\n    ratings: [\n        // first\n        Rating(on: \"2014\", reliability: C, by: \"Ben\"),\n        {R},\n    ],\n    hash: \"x\",\n)\n"
            ),
        );
        check(
            "Source(\n    ratings: [Rating(on: \"2014\", reliability: C, by: \"Ben\")], // kept\n)\n",
            &format!(
                "Source(\n    ratings: [Rating(on: \"2014\", reliability: C, by: \"Ben\"), {R}], // kept\n)\n"
            ),
        );
        check("Source(\n    ratings: [ ],\n)\n", &format!("Source(\n    ratings: [{R}],\n)\n"));
        check(
            "Source(\n    ratings: [\n    ],\n)\n",
            &format!("Source(\n    ratings: [\n        {R},\n    ],\n)\n"),
        );
        // No ratings yet: a field before revises and hash, CRLF kept.
        check(
            "Source(\r\n  id: \"k\",\r\n  revises: \"r\",\r\n  hash: \"x\",\r\n)\r\n",
            &format!(
                "Source(\r\n  id: \"k\",\r\n  ratings: [\r\n      {R},\r\n  ],\r\n  revises: \"r\",\r\n  hash: \"x\",\r\n)\r\n"
            ),
        );
        check(
            "Source(\n    id: \"k\",\n)",
            &format!("Source(\n    id: \"k\",\n    ratings: [\n        {R},\n    ],\n)"),
        );
        assert!(append_item("Source(id: \"k\")", "ratings", R).is_err());
    }
}
