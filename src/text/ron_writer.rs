//! Writing RON literals: the one place that knows RON's string escapes,
//! used by `hash` (in-place edits) and `new` (whole records).

use std::fmt::Write;

use crate::model::Value;

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
    }
}

/// A RON list of strings: `["a", "b"]`.
pub fn string_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// A whole record as pretty RON, fields in the order of SPEC section 2,
/// optional fields only when present, hash last. Used by `new` to write
/// records and by `textconv` to show them in a stable form.
pub fn record(rec: &crate::model::Record) -> String {
    use crate::model::Record;
    let mut w = Fields::default();
    match rec {
        Record::Claim(c) => {
            w.str("id", &c.id).str("subject", &c.subject).str("measure", &c.measure);
            w.raw("value", value(&c.value));
            w.opt("as_of", &c.as_of).str("statement", &c.statement).str("claimant", &c.claimant);
            let cites: Vec<String> = c
                .citations
                .iter()
                .map(|cit| {
                    let mut parts = vec![
                        format!("document: {}", string(&cit.document)),
                        format!("quote: {}", string(&cit.quote)),
                    ];
                    if !cit.via.is_empty() {
                        parts.push(format!("via: {}", string_list(&cit.via)));
                    }
                    if let Some(l) = &cit.locator {
                        parts.push(format!("locator: {}", string(l)));
                    }
                    format!("        Citation({}),\n", parts.join(", "))
                })
                .collect();
            w.raw("citations", format!("[\n{}    ]", cites.concat()));
            if let Some(r) = &c.review {
                let mut parts = vec![
                    format!("verdict: {}", r.verdict.name()),
                    format!("by: {}", string(&r.by)),
                    format!("on: {}", string(&r.on)),
                ];
                if let Some(n) = &r.note {
                    parts.push(format!("note: {}", string(n)));
                }
                w.raw("review", format!("Review({})", parts.join(", ")));
            }
            if !c.rank.is_normal() {
                w.raw("rank", c.rank.name().to_owned());
            }
            w.list("tags", &c.tags).opt("note", &c.note).opt("revises", &c.revises).opt("hash", &c.hash);
            w.finish("Claim")
        }
        Record::Source(s) => {
            w.str("id", &s.id).str("name", &s.name).raw("kind", s.kind.name().to_owned());
            w.list("part_of", &s.part_of)
                .list("aliases", &s.aliases)
                .opt("homepage", &s.homepage)
                .opt("country", &s.country);
            if !s.ratings.is_empty() {
                let items: Vec<String> = s
                    .ratings
                    .iter()
                    .map(|r| {
                        let mut parts = vec![
                            format!("on: {}", string(&r.on)),
                            format!("reliability: {}", r.reliability.letter()),
                            format!("by: {}", string(&r.by)),
                        ];
                        if let Some(n) = &r.note {
                            parts.push(format!("note: {}", string(n)));
                        }
                        format!("        Rating({}),\n", parts.join(", "))
                    })
                    .collect();
                w.raw("ratings", format!("[\n{}    ]", items.concat()));
            }
            w.opt("note", &s.note).opt("revises", &s.revises).opt("hash", &s.hash);
            w.finish("Source")
        }
        Record::Document(d) => {
            w.str("id", &d.id)
                .str("publisher", &d.publisher)
                .str("title", &d.title)
                .opt("url", &d.url)
                .opt("author", &d.author);
            w.str("published", &d.published).list("updated", &d.updated).opt("retrieved", &d.retrieved);
            w.opt("language", &d.language).opt("translated_from", &d.translated_from);
            w.opt("snapshot", &d.snapshot)
                .opt("snapshot_hash", &d.snapshot_hash)
                .opt("revises", &d.revises)
                .opt("hash", &d.hash);
            w.finish("Document")
        }
    }
}

#[derive(Default)]
struct Fields(String);

impl Fields {
    fn raw(&mut self, name: &str, value: String) -> &mut Self {
        writeln!(self.0, "    {name}: {value},").expect("writing to a String cannot fail");
        self
    }

    fn str(&mut self, name: &str, value: &str) -> &mut Self {
        self.raw(name, string(value))
    }

    fn opt(&mut self, name: &str, value: &Option<String>) -> &mut Self {
        if let Some(v) = value {
            self.str(name, v);
        }
        self
    }

    fn list(&mut self, name: &str, items: &[String]) -> &mut Self {
        if !items.is_empty() {
            self.raw(name, string_list(items));
        }
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
