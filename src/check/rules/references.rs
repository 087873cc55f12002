//! `dangling-reference`, `unknown-measure` and `value-kind`.
//!
//! claimant, via, part_of, publisher and `Actor(...)`/`Actors([...])`
//! values must name a Source; citations and a document's `version_of` must
//! name a Document; `supersedes`
//! must name a Claim; a claim's measure must be
//! defined in schemas/measures.ron, and its value must be of the measure's
//! kind. Example: `claimant: "knbb"` → dangling-reference, did you mean
//! `knb`?

use rayon::prelude::*;

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::{MeasureKind, Record, RecordKind, Value};
use crate::store::contents::Entry;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // References are resolved on all cores, without hints; the records
    // with a finding are then checked again in one thread, in file order,
    // with hints: did-you-mean hints spend a budget, and which findings get
    // one must not depend on thread timing.
    let flagged: Vec<&Entry> = cx
        .contents
        .entries
        .par_iter()
        .with_min_len(64)
        .filter(|e| {
            let mut found = Vec::new();
            entry(cx, &mut found, e, Hints::Off);
            !found.is_empty()
        })
        .collect();
    for e in flagged {
        if cx.reports(e) {
            entry(cx, out, e, Hints::On);
        } else {
            // Not wanted, but its hints would have spent the budget.
            entry(cx, &mut Vec::new(), e, Hints::Spend);
        }
    }
}

/// Whether findings get did-you-mean hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hints {
    On,
    Off,
    /// No hints, but their cost spent from the run's budget.
    Spend,
}

impl Hints {
    /// The hint for `wanted` among `candidates` (`count` of them), or
    /// nothing; spends the budget unless off.
    fn did_you_mean<'b>(
        self,
        cx: &Context,
        wanted: &str,
        candidates: impl IntoIterator<Item = &'b str>,
        count: usize,
    ) -> String {
        match self {
            Hints::On => cx.did_you_mean(wanted, candidates, count),
            Hints::Spend => {
                cx.spend_suggestions(count);
                String::new()
            }
            Hints::Off => String::new(),
        }
    }
}

fn entry(cx: &Context, out: &mut Vec<Diagnostic>, e: &Entry, hints: Hints) {
    match &e.record {
        Record::Claim(c) => {
            reference(cx, out, (e, hints), || "claimant".into(), &c.claimant, RecordKind::Source);
            for (i, cit) in c.citations.iter().enumerate() {
                let doc = || format!("citations[{i}].document");
                reference(cx, out, (e, hints), doc, &cit.document, RecordKind::Document);
                for (j, via) in cit.via.iter().enumerate() {
                    reference(
                        cx,
                        out,
                        (e, hints),
                        || format!("citations[{i}].via[{j}]"),
                        via,
                        RecordKind::Source,
                    );
                }
            }
            for actor in c.value.actors() {
                reference(cx, out, (e, hints), || "value".into(), actor, RecordKind::Source);
            }
            for (i, target) in c.supersedes.iter().enumerate() {
                reference(cx, out, (e, hints), || format!("supersedes[{i}]"), target, RecordKind::Claim);
            }
            if c.citations.is_empty() {
                out.push(
                    finding(Code::Parse, e, "citations", "a claim needs at least one citation".to_owned())
                        .with_help("add Citation(document: \"...\", quote: \"...\")"),
                );
            }
            measure(cx, out, (e, hints), &c.measure, &c.value);
        }
        Record::Source(s) => {
            for (i, parent) in s.part_of.iter().enumerate() {
                reference(cx, out, (e, hints), || format!("part_of[{i}]"), parent, RecordKind::Source);
            }
        }
        Record::Document(d) => {
            reference(cx, out, (e, hints), || "publisher".into(), &d.publisher, RecordKind::Source);
            if let Some(earlier) = &d.version_of {
                reference(cx, out, (e, hints), || "version_of".into(), earlier, RecordKind::Document);
            }
        }
    }
}

/// Checks one reference; the field's path is only spelled out for a
/// finding (most references resolve, and 100,000 claims have many).
fn reference(
    cx: &Context,
    out: &mut Vec<Diagnostic>,
    (e, hints): (&Entry, Hints),
    field: impl FnOnce() -> String,
    id: &str,
    want: RecordKind,
) {
    if cx.get(id, want).is_some() {
        return;
    }
    let field = field();
    let what = want.label();
    let message = match cx.with_id(id).first() {
        Some(other) => {
            format!("`{}` is a {}, but {field} must name a {what}", id, other.record.kind().label())
        }
        None => format!(
            "{field} names `{}`, but there is no {what} with that id{}",
            id,
            hints.did_you_mean(cx, id, cx.ids_of(want), cx.contents.entries.len())
        ),
    };
    let help = match want {
        RecordKind::Document => "correct the id, or add the document with `claimtrail new document`",
        _ => "correct the id, or add the source with `claimtrail new source`",
    };
    out.push(finding(Code::DanglingReference, e, &field, message).with_help(help));
}

fn measure(cx: &Context, out: &mut Vec<Diagnostic>, (e, hints): (&Entry, Hints), id: &str, value: &Value) {
    let Some(m) = cx.measures.get(id) else {
        let file = &cx.contents.config.measures;
        let help = if cx.contents.has_measures_file {
            format!("use a measure defined in {file}, or add `Measure(id: \"{}\", kind: ...)` to it", id)
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
                    id,
                    hints.did_you_mean(cx, id, cx.measures.keys().copied(), cx.measures.len())
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
                    id,
                    m.kind.name()
                ),
            )
            .with_help(format!("write the value as {allowed}")),
        );
    }
}
