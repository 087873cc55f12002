//! `dangling-reference`, `unknown-measure` and `value-kind`.
//!
//! claimant, via, part_of, publisher and `Actor(...)` values must name a
//! Source; citations must name a Document; a claim's measure must be
//! defined in schemas/measures.ron, and its value must be of the measure's
//! kind. Example: `claimant: "knbb"` → dangling-reference, did you mean
//! `knb`?

use super::{Context, finding};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{MeasureKind, Record, RecordKind, Value};
use crate::snapshot::Entry;
use crate::term::escape;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for e in &cx.snapshot.entries {
        match &e.record {
            Record::Claim(c) => {
                reference(cx, out, e, "claimant", &c.claimant, RecordKind::Source);
                for (i, cit) in c.citations.iter().enumerate() {
                    let at = format!("citations[{i}]");
                    reference(cx, out, e, &format!("{at}.document"), &cit.document, RecordKind::Document);
                    for (j, via) in cit.via.iter().enumerate() {
                        reference(cx, out, e, &format!("{at}.via[{j}]"), via, RecordKind::Source);
                    }
                }
                if let Value::Actor(actor) = &c.value {
                    reference(cx, out, e, "value", actor, RecordKind::Source);
                }
                if c.citations.is_empty() {
                    out.push(
                        finding(
                            Code::Parse,
                            e,
                            "citations",
                            "a claim needs at least one citation".to_owned(),
                        )
                        .with_help("add Citation(document: \"...\", quote: \"...\")"),
                    );
                }
                measure(cx, out, e, &c.measure, &c.value);
            }
            Record::Source(s) => {
                for (i, parent) in s.part_of.iter().enumerate() {
                    reference(cx, out, e, &format!("part_of[{i}]"), parent, RecordKind::Source);
                }
            }
            Record::Document(d) => {
                reference(cx, out, e, "publisher", &d.publisher, RecordKind::Source);
            }
        }
    }
}

fn reference(cx: &Context, out: &mut Vec<Diagnostic>, e: &Entry, field: &str, id: &str, want: RecordKind) {
    if cx.get(id, want).is_some() {
        return;
    }
    let what = want.label();
    let message = match cx.ids.get(id).and_then(|v| v.first()) {
        Some(other) => {
            format!("`{}` is a {}, but {field} must name a {what}", escape(id), other.record.kind().label())
        }
        None => format!(
            "{field} names `{}`, but there is no {what} with that id{}",
            escape(id),
            cx.did_you_mean(id, cx.ids_of(want), cx.snapshot.entries.len())
        ),
    };
    let help = match want {
        RecordKind::Document => "correct the id, or add the document with `claimtrail new document`",
        _ => "correct the id, or add the source with `claimtrail new source`",
    };
    out.push(finding(Code::DanglingReference, e, field, message).with_help(help));
}

fn measure(cx: &Context, out: &mut Vec<Diagnostic>, e: &Entry, id: &str, value: &Value) {
    let Some(m) = cx.measures.get(id) else {
        let file = &cx.snapshot.config.measures;
        let help = if cx.snapshot.has_measures_file {
            format!(
                "use a measure defined in {file}, or add `Measure(id: \"{}\", kind: ...)` to it",
                escape(id)
            )
        } else {
            format!("{file} does not exist: create it with the store's measures")
        };
        out.push(
            finding(
                Code::UnknownMeasure,
                e,
                "measure",
                format!(
                    "measure `{}` is not defined{}",
                    escape(id),
                    cx.did_you_mean(id, cx.measures.keys().copied(), cx.measures.len())
                ),
            )
            .with_help(help),
        );
        return;
    };
    if value.kind() != m.kind {
        let allowed = match m.kind {
            MeasureKind::Count => "Exact(n), AtLeast(n), AtMost(n), Between(lo, hi) or About(n)",
            MeasureKind::Date => "Date(\"YYYY-MM-DD\")",
            MeasureKind::Actor => "Actor(\"source-id\")",
            MeasureKind::Text => "Text(\"...\")",
        };
        out.push(
            finding(
                Code::ValueKind,
                e,
                "value",
                format!(
                    "{} is a {} value, but measure `{}` is a {}",
                    value.variant(),
                    value.kind().name(),
                    escape(id),
                    m.kind.name()
                ),
            )
            .with_help(format!("write the value as {allowed}")),
        );
    }
}
