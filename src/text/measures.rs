//! Adding a measure to the vocabulary's text (`new measure`): the new
//! `Measure(...)` goes before the list's closing `]`, on a line of its own
//! with the indent of the entry above it (or inline in a one-line list), so
//! comments and layout stay as written. The result is parsed back and must
//! hold the old measures and the new one.

use crate::model::Measure;
use crate::text::parse::parse_measures;
use crate::text::ron_writer;
use crate::text::spans::SpanIndex;

/// The vocabulary's text with `measure` added; `None` for the text of a
/// file that does not exist yet. Errors are in words.
pub(crate) fn append(text: Option<&str>, measure: &Measure) -> Result<String, String> {
    let item = ron_writer::measure(measure);
    let Some(text) = text else {
        return Ok(format!("[\n    {item},\n]\n"));
    };
    let old = parse_measures(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    if old.iter().any(|m| m.id == measure.id) {
        return Err(format!("the vocabulary already has a measure `{}`", measure.id));
    }
    let index = SpanIndex::build(text);
    let close = index.outer_close.ok_or("the vocabulary has no closing `]`")?;
    let last = old.len().checked_sub(1).and_then(|i| index.field(&format!("[{i}]"))).map(|f| f.value.end);
    let mut out = text.to_owned();
    match (last, own_line_indent(text, close)) {
        (None, _) => out.insert_str(close, &format!("\n    {item},\n")),
        (Some(end), Some(_)) => {
            let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
            let indent = text[..end]
                .rfind('\n')
                .map(|nl| {
                    let line = &text[nl + 1..end];
                    line[..line.len() - line.trim_start().len()].to_owned()
                })
                .unwrap_or_else(|| "    ".to_owned());
            let newline = if text.as_bytes()[..line_start].ends_with(b"\r\n") { "\r\n" } else { "\n" };
            out.insert_str(line_start, &format!("{indent}{item},{newline}"));
            if !has_comma(&text[end..line_start]) {
                out.insert(end, ',');
            }
        }
        (Some(end), None) => {
            if has_comma(&text[end..close]) {
                out.insert_str(close, &format!(" {item}"));
            } else {
                out.insert_str(end, &format!(", {item}"));
            }
        }
    }
    let back = parse_measures(&out).map_err(|e| format!("the edit would not parse ({})", e.message))?;
    if back.len() != old.len() + 1 || back.last() != Some(measure) || back[..old.len()] != old[..] {
        return Err("the vocabulary's layout is not understood; file left as it was".to_owned());
    }
    Ok(out)
}

/// The whitespace before `offset` when nothing else precedes it on its line.
fn own_line_indent(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before.chars().all(|c| c == ' ' || c == '\t').then_some(before)
}

/// Whether text between two values holds a comma outside comments.
fn has_comma(between: &str) -> bool {
    let mut rest = between;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
        } else if rest.starts_with(',') {
            return true;
        } else {
            let c = rest.chars().next().expect("rest is not empty");
            rest = &rest[c.len_utf8()..];
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeasureKind, Trend};

    fn measure(id: &str) -> Measure {
        Measure {
            id: id.to_owned(),
            kind: MeasureKind::Count,
            unit: Some("people".to_owned()),
            trend: Trend::NonDecreasing,
            tolerance_percent: 10,
            multi: false,
            description: Some("People \"missing\".".to_owned()),
        }
    }

    fn check(before: Option<&str>, after: &str) {
        assert_eq!(append(before, &measure("missing")).unwrap(), after);
    }

    const NEW: &str = "Measure(id: \"missing\", kind: Count, unit: \"people\", trend: NonDecreasing, description: \"People \\\"missing\\\".\")";

    #[test]
    fn adds_in_the_style_of_the_list() {
        check(None, &format!("[\n    {NEW},\n]\n"));
        check(
            Some("// vocabulary\n[\n    Measure(id: \"killed\", kind: Count), // the toll\n]\n"),
            &format!(
                "// vocabulary\n[\n    Measure(id: \"killed\", kind: Count), // the toll\n    {NEW},\n]\n"
            ),
        );
        check(
            Some("[\n  Measure(id: \"killed\", kind: Count)\n]"),
            &format!("[\n  Measure(id: \"killed\", kind: Count),\n  {NEW},\n]"),
        );
        check(
            Some("[Measure(id: \"killed\", kind: Count)]"),
            &format!("[Measure(id: \"killed\", kind: Count), {NEW}]"),
        );
        check(Some("[]\n"), &format!("[\n    {NEW},\n]\n"));
        check(
            Some("[\r\n    Measure(id: \"killed\", kind: Count),\r\n]\r\n"),
            &format!("[\r\n    Measure(id: \"killed\", kind: Count),\r\n    {NEW},\r\n]\r\n"),
        );
    }

    #[test]
    fn refuses_duplicates_and_broken_files() {
        assert!(
            append(Some("[Measure(id: \"missing\", kind: Count)]"), &measure("missing"))
                .unwrap_err()
                .contains("already")
        );
        assert!(append(Some("[Measure(id: "), &measure("missing")).is_err());
    }
}
