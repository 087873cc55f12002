//! Resealing a record in place (`claimtrail hash`): the `hash` field is
//! set to the record's hash, and `revises` to the old hash when there was a
//! well-formed one. Only those two fields' text changes; comments, field
//! order and layout stay as written, and so do the line endings: lines added
//! to a CRLF file end in CRLF. The result is re-parsed and its hash
//! verified before anyone writes it.

use crate::model::Record;
use crate::text::hash::{is_well_formed, record_hash};
use crate::text::parse::parse_record;
use crate::text::ron_writer;
use crate::text::spans::SpanIndex;

/// What resealing a text would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reseal {
    /// The stored hash is right.
    UpToDate,
    /// The new text, and the hash it now carries.
    Changed {
        /// The resealed text.
        text: String,
        /// The hash it held, if any.
        old_hash: Option<String>,
        /// The hash it holds now.
        new_hash: String,
    },
}

/// Reseals a record's text (BOM removed), as `claimtrail hash` does: a
/// stale stored hash becomes `revises`. Errors are in words, for a text
/// that does not parse or cannot be edited safely.
pub fn reseal(text: &str) -> Result<Reseal, String> {
    seal(text, None)
}

/// Reseals a record's text with `revises` set to this hash (a merge's
/// base version), or, with `None`, left as written.
pub(crate) fn reseal_with(text: &str, revises: Option<&str>) -> Result<Reseal, String> {
    let record = parse_record(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    seal(text, Some(revises.or(record.revises()).map(str::to_owned)))
}

/// Reseals with `revises` as given, or (`None`) from the stale stored hash.
fn seal(text: &str, revises: Option<Option<String>>) -> Result<Reseal, String> {
    let record = parse_record(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    let old = record.stored_hash().map(crate::model::Seal::text);
    let current = old.as_deref() == Some(record_hash(&record).as_str());
    if current && revises.as_ref().is_none_or(|r| r.as_deref() == record.revises()) {
        return Ok(Reseal::UpToDate);
    }
    let mut sealed = record.clone();
    let revises = match (revises, &old) {
        (Some(given), _) => given,
        (None, Some(h)) if is_well_formed(h) => Some(h.clone()),
        (None, _) => record.revises().map(str::to_owned),
    };
    sealed.set_revises(revises.clone());
    let new_hash = record_hash(&sealed);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let index = SpanIndex::build(text);
    let close = index.outer_close.ok_or("the record has no closing `)`")?;
    if index.top_level_value_ends().any(|end| end > close)
        || index.outer_name.as_ref().is_none_or(|n| n.start > close)
    {
        return Err("the record's layout is not understood; file left as it was".to_owned());
    }
    let mut appended: Vec<(&str, String)> = Vec::new();
    if revises.as_deref() != record.revises() {
        let literal = ron_writer::string(revises.as_deref().expect("revises only changes to a value"));
        match (index.field("revises"), index.field("hash")) {
            (Some(f), _) => edits.push((f.value.start, f.value.end, literal)),
            (None, Some(h)) => {
                let indent = indent_before(text, h.key.start);
                let insert = match indent {
                    Some(ws) => format!("revises: {literal},{}{ws}", line_ending(text)),
                    None => format!("revises: {literal}, "),
                };
                edits.push((h.key.start, h.key.start, insert));
            }
            (None, None) => appended.push(("revises", literal)),
        }
    }
    let hash_literal = ron_writer::string(&new_hash);
    match index.field("hash") {
        Some(f) => edits.push((f.value.start, f.value.end, hash_literal)),
        None => appended.push(("hash", hash_literal)),
    }
    if !appended.is_empty() {
        edits.push(append_fields(text, &index, close, &appended));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    verify(&out, &new_hash)?;
    Ok(Reseal::Changed { text: out, old_hash: old, new_hash })
}

/// New fields go after the last field, in its style: one per line with the
/// same indent, or inline for a one-line record.
fn append_fields(
    text: &str,
    index: &SpanIndex,
    close: usize,
    fields: &[(&str, String)],
) -> (usize, usize, String) {
    let last_end = index.top_level_value_ends().max().unwrap_or(close);
    let between = &text[last_end..close];
    let has_comma = strip_comments(between).contains(',');
    let comma = if has_comma || last_end == close { "" } else { "," };
    match indent_before(text, close) {
        // `)` on its own line: insert whole lines before it.
        Some(close_indent) => {
            let field_indent = index
                .top_level_keys()
                .next()
                .and_then(|k| indent_before(text, k))
                .unwrap_or_else(|| format!("{close_indent}    "));
            let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
            let mut insert = String::new();
            for (name, literal) in fields {
                insert.push_str(&format!("{field_indent}{name}: {literal},{}", line_ending(text)));
            }
            if comma.is_empty() {
                (line_start, line_start, insert)
            } else {
                // Add the missing comma right after the last value.
                let mut with = String::from(comma);
                with.push_str(&text[last_end..line_start]);
                with.push_str(&insert);
                (last_end, line_start, with)
            }
        }
        None => {
            let list: Vec<String> =
                fields.iter().map(|(name, literal)| format!("{name}: {literal}")).collect();
            if has_comma {
                let space = if between.ends_with([' ', '\t']) { "" } else { " " };
                (close, close, format!("{space}{}", list.join(", ")))
            } else {
                (last_end, last_end, format!(", {}", list.join(", ")))
            }
        }
    }
}

/// The file's line ending: CRLF if its first line break is one.
fn line_ending(text: &str) -> &'static str {
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The whitespace before `offset` on its line, if only whitespace is there.
fn indent_before(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    before.chars().all(|c| c == ' ' || c == '\t').then(|| before.to_owned())
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
        } else {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn verify(text: &str, new_hash: &str) -> Result<(), String> {
    let back: Record = parse_record(text)
        .map_err(|e| format!("the edit would not parse ({}); file left as it was", e.message))?;
    if !back.stored_hash().is_some_and(|h| *h == *new_hash) || record_hash(&back) != new_hash {
        return Err("the edit did not reseal the record; file left as it was".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(text: &str) -> (String, Option<String>, String) {
        match reseal(text).expect(text) {
            Reseal::Changed { text, old_hash, new_hash } => (text, old_hash, new_hash),
            Reseal::UpToDate => panic!("expected a change"),
        }
    }

    const CLAIM: &str = "// The IC's figure\nClaim(\n    id: \"a\", // keep me\n    subject: \"s\",\n    measure: \"m\",\n    value: Exact(137),\n    statement: \"x\",\n    claimant: \"c\",\n    citations: [Citation(document: \"d\", quote: \"q\")]\n)\n";

    #[test]
    fn adds_a_missing_hash_keeping_comments() {
        let (text, old, new) = changed(CLAIM);
        assert_eq!(old, None);
        assert!(text.starts_with("// The IC's figure\nClaim(\n    id: \"a\", // keep me\n"));
        assert!(text.ends_with(&format!("quote: \"q\")],\n    hash: \"{new}\",\n)\n")), "{text}");
        assert_eq!(reseal(&text).unwrap(), Reseal::UpToDate);
    }

    #[test]
    fn stale_hash_moves_to_revises() {
        let (sealed, _, first) = changed(CLAIM);
        let edited = sealed.replace("Exact(137)", "Exact(139)");
        let (text, old, new) = changed(&edited);
        assert_eq!(old.as_deref(), Some(first.as_str()));
        assert!(text.contains(&format!("    revises: \"{first}\",\n    hash: \"{new}\",\n")), "{text}");
        // A second edit replaces revises in place.
        let (text2, _, newer) = changed(&text.replace("Exact(139)", "Exact(143)"));
        assert!(text2.contains(&format!("revises: \"{new}\"")) && text2.contains(&newer));
        assert!(text2.contains("// keep me"));
    }

    #[test]
    fn one_line_records() {
        let (text, _, new) = changed("Source(id: \"a\", name: \"A\", kind: Other)");
        assert_eq!(text, format!("Source(id: \"a\", name: \"A\", kind: Other, hash: \"{new}\")"));
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let crlf = CLAIM.replace('\n', "\r\n");
        let (text, _, first) = changed(&crlf);
        assert!(text.ends_with(&format!("quote: \"q\")],\r\n    hash: \"{first}\",\r\n)\r\n")), "{text:?}");
        let (text, _, _) = changed(&text.replace("Exact(137)", "Exact(139)"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "{text:?}");
        assert!(text.contains(&format!("    revises: \"{first}\",\r\n    hash: ")), "{text:?}");
        assert_eq!(reseal(&text).unwrap(), Reseal::UpToDate);
    }

    #[test]
    fn seals_records_under_an_attribute() {
        // Found by cargo-fuzz: the attribute's `]` was taken for the
        // record's end, and slicing between them panicked.
        let (text, _, new) = changed(&format!("#![enable(unwrap_newtypes)]\n{CLAIM}"));
        assert!(text.starts_with("#![enable(unwrap_newtypes)]\n// The IC's figure\n"), "{text}");
        assert!(text.ends_with(&format!("    hash: \"{new}\",\n)\n")), "{text}");
    }

    #[test]
    fn refuses_what_does_not_parse() {
        assert!(reseal("Claim(id: ").is_err());
    }
}
