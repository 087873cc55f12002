//! `bad-interval`, `bad-value` and `bad-date`.
//!
//! `Between(lo, hi)` needs lo ≤ hi; every date (as_of, review and rating
//! dates, published, updated, retrieved, `Date(...)` values) must be a
//! valid partial ISO date; `Actors([...])` needs two or more distinct ids.
//! Example: `Between(145, 137)`; `as_of: "2024-02-30"`; `Actors(["israel"])`.

use super::finding;
use crate::finding::{Code, Diagnostic};
use crate::model::date::PartialDate;
use crate::model::{Record, Value};
use crate::store::contents::Entry;

/// The rule on one record.
pub(super) fn entry(e: &Entry, out: &mut Vec<Diagnostic>) {
    match &e.record {
        Record::Claim(c) => {
            if let Value::Between(lo, hi) = c.value
                && lo > hi
            {
                out.push(
                    finding(
                        Code::BadInterval,
                        e,
                        "value",
                        format!("Between({lo}, {hi}) is empty: {lo} > {hi}"),
                    )
                    .with_help(format!("write Between({hi}, {lo})")),
                );
            }
            if let Value::Date(d) = &c.value {
                date(out, e, "value", d);
            }
            if let Value::Actors(all) = &c.value {
                actors(out, e, all);
            }
            if let Some(d) = &c.as_of {
                date(out, e, "as_of", d);
            }
            if let Some(r) = &c.review {
                date(out, e, "review.on", &r.on);
            }
        }
        Record::Source(s) => {
            for (i, r) in s.ratings.iter().enumerate() {
                date(out, e, &format!("ratings[{i}].on"), &r.on);
            }
        }
        Record::Document(d) => {
            date(out, e, "published", &d.published);
            for (i, u) in d.updated.iter().enumerate() {
                date(out, e, &format!("updated[{i}]"), u);
            }
            if let Some(r) = &d.retrieved {
                date(out, e, "retrieved", r);
            }
        }
    }
}

fn actors(out: &mut Vec<Diagnostic>, e: &Entry, all: &[String]) {
    let repeated = all.iter().enumerate().find(|(i, a)| all[..*i].contains(a)).map(|(_, a)| a);
    let (message, help) = match (all.len(), repeated) {
        (0, _) => (
            "Actors([]) names no actor".to_owned(),
            "name two or more actors, or use Actor(\"id\")".to_owned(),
        ),
        (1, _) => (
            format!("Actors names one actor, `{}`", all[0]),
            format!("write Actor({}) for a single actor", crate::text::ron_writer::string(&all[0])),
        ),
        (_, Some(a)) => (format!("Actors names `{a}` twice"), "name each actor once".to_owned()),
        _ => return,
    };
    out.push(finding(Code::BadValue, e, "value", message).with_help(help));
}

fn date(out: &mut Vec<Diagnostic>, e: &Entry, field: &str, text: &str) {
    if let Err(why) = PartialDate::parse(text) {
        out.push(
            finding(Code::BadDate, e, field, why)
                .with_help("dates are \"2014\", \"2024-03\", \"2024-03-26\" or \"2024-03-23T13:23\""),
        );
    }
}
