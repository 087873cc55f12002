//! git's conflict markers in a record's text: a merge that stopped on a
//! conflict leaves both sides' lines between `<<<<<<<`, `=======` and
//! `>>>>>>>` lines (and `|||||||` before the base's, in diff3 style). Such
//! a file is reported as `merge-conflict` at its first marker, naming the
//! fields between the markers, before anyone tries to parse it.
//!
//! A line counts as a marker when it starts with seven of the marker's
//! characters. `=======` alone (a heading underline in a multi-line note)
//! is not enough: the text must also hold a `<<<<<<<` or `>>>>>>>` line.

/// Where a text's conflict markers are, and what they enclose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Markers {
    /// The byte offset of the first marker line.
    pub offset: usize,
    /// Its line, 1-based.
    pub line: usize,
    /// The fields whose lines lie between markers (or that enclose them),
    /// in text order, each once.
    pub fields: Vec<String>,
}

/// The conflict markers of `text`, if it has any.
pub(crate) fn find(text: &str) -> Option<Markers> {
    // Fast path: almost every record has none of these bytes runs.
    if memchr::memmem::find(text.as_bytes(), b"<<<<<<<").is_none()
        && memchr::memmem::find(text.as_bytes(), b">>>>>>>").is_none()
    {
        return None;
    }
    let lines: Vec<(usize, &str)> = line_starts(text).collect();
    let kind = |line: &str| -> Option<u8> {
        ["<<<<<<<", "|||||||", "=======", ">>>>>>>"]
            .iter()
            .position(|m| line.starts_with(m))
            .map(|i| b"<|=>"[i])
    };
    if !lines.iter().any(|(_, l)| matches!(kind(l), Some(b'<' | b'>'))) {
        return None;
    }
    let first = lines.iter().position(|(_, l)| kind(l).is_some())?;
    let mut fields: Vec<String> = Vec::new();
    let mut inside = false;
    for (i, (_, line)) in lines.iter().enumerate() {
        match kind(line) {
            Some(b'<') => {
                inside = true;
                if let Some(name) = enclosing_field(&lines[..i]) {
                    push_once(&mut fields, name);
                }
            }
            Some(b'>') => inside = false,
            Some(_) => {}
            None if inside => {
                if let Some(name) = field_name(line) {
                    push_once(&mut fields, name);
                }
            }
            None => {}
        }
    }
    let (offset, _) = lines[first];
    Some(Markers { offset, line: first + 1, fields })
}

/// Each line with the byte offset it starts at (line breaks left out).
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// The name of the field a line starts (`    value: Exact(139),` → `value`).
fn field_name(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let end = rest.find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))?;
    let (name, after) = rest.split_at(end);
    let starts_like_a_name = name.starts_with(|c: char| c == '_' || c.is_ascii_lowercase());
    (starts_like_a_name && after.trim_start().starts_with(':')).then_some(name)
}

/// When a conflict starts inside a field's value (a citation of the list),
/// the field it is in: the nearest line above, indented less than the
/// lines between, that starts a field whose value is still open.
fn enclosing_field<'a>(before: &[(usize, &'a str)]) -> Option<&'a str> {
    let (_, previous) = before.iter().rev().find(|(_, l)| !l.trim().is_empty())?;
    let trimmed = previous.trim_end();
    // The line before ends a field or an item: the conflict starts a new one.
    if trimmed.ends_with(',') || trimmed.ends_with('(') && field_name(trimmed).is_none() {
        return None;
    }
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut limit = indent(previous) + 1;
    for (_, line) in before.iter().rev() {
        if line.trim().is_empty() || indent(line) >= limit {
            continue;
        }
        if let Some(name) = field_name(line) {
            return Some(name);
        }
        limit = indent(line);
    }
    None
}

fn push_once(fields: &mut Vec<String>, name: &str) {
    if !fields.iter().any(|f| f == name) {
        fields.push(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` → (line of the first marker, fields) or none.
    fn check(text: &str, expected: Option<(usize, &[&str])>) {
        let got = find(text).map(|m| {
            assert!(text[m.offset..].starts_with(['<', '=', '>', '|']), "{m:?}");
            (m.line, m.fields)
        });
        let expected = expected.map(|(l, f)| (l, f.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()));
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn finds_the_first_marker_and_the_fields_between() {
        check("Claim(\n    id: \"k\",\n)\n", None);
        check(
            "Claim(\n    measure: \"killed\",\n<<<<<<< ours\n    value: Exact(139),\n=======\n    value: Exact(143),\n    note: \"n\",\n>>>>>>> theirs\n)\n",
            Some((3, &["value", "note"])),
        );
        // diff3 style, two conflicts, CRLF.
        check(
            "Claim(\r\n<<<<<<< HEAD\r\n    statement: \"a\",\r\n||||||| base\r\n    statement: \"b\",\r\n=======\r\n    statement: \"c\",\r\n>>>>>>> desk\r\n    id: \"k\",\r\n<<<<<<< HEAD\r\n    tags: [\"x\"],\r\n=======\r\n>>>>>>> desk\r\n)\r\n",
            Some((2, &["statement", "tags"])),
        );
        // Inside a list: the field that holds it.
        check(
            "Claim(\n    citations: [\n<<<<<<< ours\n        Citation(document: \"a\", quote: \"95\"),\n=======\n        Citation(document: \"b\", quote: \"84\"),\n>>>>>>> theirs\n    ],\n)\n",
            Some((3, &["citations"])),
        );
        check(
            "Claim(\n    citations: [\n        Citation(\n            document: \"a\",\n<<<<<<< ours\n            quote: \"95\",\n=======\n            quote: \"94\",\n>>>>>>> theirs\n        ),\n    ],\n)\n",
            Some((5, &["quote"])),
        );
        // A heading underline in a note is no marker; nor is a marker run
        // in the middle of a line.
        check("Claim(\n    note: \"Title\n=======\nbody\",\n)\n", None);
        check("Claim(\n    note: \"a <<<<<<< b\",\n)\n", None);
        // A marker line inside a multi-line string still is one.
        check("Claim(\n    note: \"x\n<<<<<<< ours\n\",\n)\n", Some((3, &["note"])));
    }
}
