//! `value-not-in-quote` (docs/reference.md section 7.1): a count claim's quotes are its
//! evidence, so every figure of its value must appear in one of them, read
//! as people write numbers (`text::figures`). `Exact(n)` and `About(n)`
//! need n; `AtLeast(n)` n or n − 1 ("more than 60" is `AtLeast(61)`);
//! `AtMost(n)` n or n + 1 ("fewer than 11" is `AtMost(10)`);
//! `Between(lo, hi)` both ends, in the same quote or in two. The finding
//! points at the value and names the figures the quotes do mention.
//!
//! Example: `value: AtLeast(134)` quoting "claimed the lives of at least
//! 143 people" → "the quotes mention 143; the value says 134".
//!
//! Only claims whose measure is a Count and whose value is a count are
//! read (a value of the wrong kind is `value-kind`'s), and each of their
//! quotes is read once. The rule does not look at snapshots: whether the
//! quote is in its document is `quote-not-found`'s question.

use std::fmt::Write as _;

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::{Claim, MeasureKind, Value, ValueFigure};
use crate::store::contents::Entry;
use crate::text::figures::{Figure, figures};
use crate::text::fold::fold;

/// Distinct figures named in a message, at most; a long quote may hold
/// hundreds.
const MAX_NAMED: usize = 8;

/// The rule on one record.
pub(super) fn entry(cx: &Context, e: &Entry, out: &mut Vec<Diagnostic>) {
    let Some(claim) = e.record.as_claim() else { return };
    let wanted = claim.value.figures();
    let is_count = cx.measures.get(claim.measure.as_str()).is_some_and(|m| m.kind == MeasureKind::Count);
    if wanted.is_empty() || !is_count {
        return;
    }
    // Quotes are read in order, each once, until every figure is found:
    // most claims give theirs in the first quote and read no other.
    let mut found = [false; 2];
    // Kept for the message only; no allocation while every claim passes.
    let mut read: Vec<(&str, Vec<Figure>)> = Vec::new();
    for cit in &claim.citations {
        let figures = figures(&cit.quote);
        for (want, found) in wanted.iter().zip(found.iter_mut()) {
            *found = *found || figures.iter().any(|f| want.is(f.value));
        }
        if wanted.iter().zip(found).all(|(_, found)| found) {
            return;
        }
        read.push((cit.quote.as_str(), figures));
    }
    let missing: Vec<ValueFigure> =
        wanted.iter().zip(found).filter(|(_, found)| !found).map(|(want, _)| want).collect();
    let message = format!("the quotes mention {}; the value says {}", mentioned(&read), says(&missing));
    out.push(finding(Code::ValueNotInQuote, e, "value", message).with_help(help(claim)));
}

/// The distinct figures of the quotes, in order, as they are written:
/// `143`, or `"four thousand" (4000)` when the words differ from the digits.
fn mentioned(read: &[(&str, Vec<Figure>)]) -> String {
    let mut seen: Vec<u64> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    let mut more = false;
    for (quote, found) in read {
        for figure in found {
            if seen.contains(&figure.value) {
                continue;
            }
            if seen.len() == MAX_NAMED {
                more = true;
                break;
            }
            seen.push(figure.value);
            let written = fold(&quote[figure.span.clone()]);
            named.push(if written == figure.value.to_string() {
                written
            } else {
                format!("\"{written}\" ({})", figure.value)
            });
        }
    }
    match named.as_slice() {
        [] => "no figure".to_owned(),
        _ if more => format!("{}, …", named.join(", ")),
        _ => named.join(", "),
    }
}

/// The figures of the value that no quote carries: `134`, `900 and 999`.
fn says(missing: &[ValueFigure]) -> String {
    let numbers: Vec<String> = missing.iter().map(|f| f.n.to_string()).collect();
    numbers.join(" and ")
}

/// How to fix it, with the other way a bound may be written.
fn help(claim: &Claim) -> String {
    let mut help =
        "correct the value, or cite the passage that gives its figure (`claimtrail hash` reseals)".to_owned();
    let also = match claim.value {
        Value::AtLeast(n) => n.checked_sub(1).map(|m| (n, format!("{m} as in \"more than {m}\""))),
        Value::AtMost(n) => n.checked_add(1).map(|m| (n, format!("{m} as in \"fewer than {m}\""))),
        _ => None,
    };
    if let Some((n, other)) = also {
        let _ = write!(help, "; {}({n}) is written {n}, or {other}", claim.value.variant());
    }
    help
}
