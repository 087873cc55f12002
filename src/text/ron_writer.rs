//! Writing RON literals: the one place that knows RON's string escapes,
//! used by `hash` (in-place edits) and `new` (whole records).

use std::fmt::Write;

use crate::model::fields::FieldValue;
use crate::model::{Citation, Measure, MeasureKind, Rating, Record, Review, Value};

/// A RON string literal for `s`, with `"`, `\`, control characters and
/// bidirectional overrides escaped so that the literal reads back as
/// exactly `s` and shows nothing a terminal or an editor would act on.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if crate::text::escape::needs_escape(c) => {
                write!(out, "\\u{{{:x}}}", c as u32).expect("writing to a String cannot fail")
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value as RON source (`Between(137, 145)`), for writers.
pub fn value(v: &Value) -> String {
    match v {
        Value::Exact(n) | Value::AtLeast(n) | Value::AtMost(n) | Value::About(n) => {
            format!("{}({n})", v.variant())
        }
        Value::Between(lo, hi) => format!("Between({lo}, {hi})"),
        Value::Date(s) | Value::Actor(s) | Value::Text(s) => format!("{}({})", v.variant(), string(s)),
        Value::Actors(all) => format!("Actors({})", string_list(all)),
    }
}

/// A RON list of strings: `["a", "b"]`.
pub fn string_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| string(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// A whole record as pretty RON, fields in the order of docs/reference.md section 2
/// (`Record::fields`), absent fields left out, hash last. Used by `new` to
/// write records and by `textconv` to show them in a stable form.
pub fn record(rec: &Record) -> String {
    let mut w = Fields::default();
    for f in rec.fields() {
        if !f.value.is_absent() {
            w.raw(f.name, field(f.value));
        }
    }
    if let Some(hash) = rec.stored_hash() {
        w.raw("hash", string(&hash.text()));
    }
    w.finish(rec.kind().name())
}

/// A measure of schemas/measures.ron on one line, as the shipped
/// vocabulary writes them: `trend` for counts, `tolerance_percent` and
/// `multi` only when not their defaults.
pub(crate) fn measure(m: &Measure) -> String {
    let mut parts = vec![format!("id: {}", string(&m.id)), format!("kind: {}", m.kind.name())];
    if let Some(unit) = &m.unit {
        parts.push(format!("unit: {}", string(unit)));
    }
    if m.kind == MeasureKind::Count {
        parts.push(format!("trend: {}", m.trend.name()));
    }
    if m.tolerance_percent != crate::model::DEFAULT_TOLERANCE_PERCENT {
        parts.push(format!("tolerance_percent: {}", m.tolerance_percent));
    }
    if m.multi {
        parts.push("multi: true".to_owned());
    }
    if let Some(d) = &m.description {
        parts.push(format!("description: {}", string(d)));
    }
    format!("Measure({})", parts.join(", "))
}

/// One present field's value as RON (a merged field's new text, too).
pub(crate) fn field(value: FieldValue) -> String {
    match value {
        FieldValue::Str(s) | FieldValue::OptStr(Some(s)) => string(s),
        FieldValue::OptStr(None) => "None".to_owned(),
        FieldValue::List(items) => string_list(items),
        FieldValue::Value(v) => self::value(v),
        FieldValue::Rank(r) => r.name().to_owned(),
        FieldValue::Kind(k) => k.name().to_owned(),
        FieldValue::Citations(cites) => block(cites.iter().map(citation)),
        FieldValue::Review(r) => r.map(review).unwrap_or_default(),
        FieldValue::Ratings(ratings) => block(ratings.iter().map(rating)),
    }
}

fn citation(cit: &Citation) -> String {
    let mut parts =
        vec![format!("document: {}", string(&cit.document)), format!("quote: {}", string(&cit.quote))];
    if !cit.via.is_empty() {
        parts.push(format!("via: {}", string_list(&cit.via)));
    }
    if let Some(l) = &cit.locator {
        parts.push(format!("locator: {}", string(l)));
    }
    format!("Citation({})", parts.join(", "))
}

fn review(r: &Review) -> String {
    let mut parts = vec![
        format!("verdict: {}", r.verdict.name()),
        format!("by: {}", string(&r.by)),
        format!("on: {}", string(&r.on)),
    ];
    if let Some(n) = &r.note {
        parts.push(format!("note: {}", string(n)));
    }
    format!("Review({})", parts.join(", "))
}

/// One rating as RON, as `new source` and `rate` write it.
pub(crate) fn rating(r: &Rating) -> String {
    let mut parts = vec![
        format!("on: {}", string(&r.on)),
        format!("reliability: {}", r.reliability.letter()),
        format!("by: {}", string(&r.by)),
    ];
    if let Some(n) = &r.note {
        parts.push(format!("note: {}", string(n)));
    }
    format!("Rating({})", parts.join(", "))
}

/// A list of records one a line, as `new` writes citations and ratings.
fn block(items: impl Iterator<Item = String>) -> String {
    let lines: String = items.map(|item| format!("        {item},\n")).collect();
    format!("[\n{lines}    ]")
}

#[derive(Default)]
struct Fields(String);

impl Fields {
    fn raw(&mut self, name: &str, value: String) -> &mut Self {
        writeln!(self.0, "    {name}: {value},").expect("writing to a String cannot fail");
        self
    }

    fn finish(&mut self, kind: &str) -> String {
        format!("{kind}(\n{})\n", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_ron() {
        for s in ["plain", "q\"uote", "back\\slash", "line\nbreak", "esc\u{1b}[31m", "ü – “x”"] {
            let lit = string(s);
            let back: String = ron::from_str(&lit).expect(&lit);
            assert_eq!(back, s);
        }
    }
}
