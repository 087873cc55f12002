//! `bad-supersedes`: a claim's `supersedes` must name earlier claims of
//! the same subject and measure, not the claim itself, and must not form a
//! cycle (docs/reference.md section 4) — with the implicit rule, a claimant's later
//! figure supersedes its earlier one, so `supersedes` pointing back from an
//! earlier figure to a later one of the same claimant is a cycle too. An id
//! that names no claim is `dangling-reference` (see `references`).
//! Example: `supersedes: ["crocus-wounded-ic"]` on a `killed` claim.

use std::collections::{HashMap, HashSet};

use super::{Context, finding};
use crate::compare::supersession::Supersession;
use crate::finding::{Code, Diagnostic};
use crate::model::{Claim, RecordKind};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let claims =
        || cx.contents.entries.iter().enumerate().filter_map(|(i, e)| Some((i, e, e.record.as_claim()?)));
    if !claims().any(|(_, _, c)| !c.supersedes.is_empty()) {
        return;
    }
    let supersession = cx.supersession();
    // The entry of each claim id (the first, as `Context::get` finds it).
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, _, c) in claims() {
        index.entry(c.id.as_str()).or_insert(i);
    }
    for (i, e) in cx.contents.entries.iter().enumerate().filter(|(_, e)| cx.reports(e)) {
        let Some(c) = e.record.as_claim() else { continue };
        for (n, target) in c.supersedes.iter().enumerate() {
            let field = format!("supersedes[{n}]");
            let Some(t) = cx.get(target, RecordKind::Claim) else { continue };
            let other = t.record.as_claim().expect("a Claim entry holds a claim");
            let problem = if target == &c.id {
                Some(("a claim cannot supersede itself".to_owned(), "remove the entry".to_owned()))
            } else if (other.subject.as_str(), other.measure.as_str())
                != (c.subject.as_str(), c.measure.as_str())
            {
                Some(other_group(c, other))
            } else if c.is_compared() && supersedes(supersession, index[other.id.as_str()], i) {
                Some((
                    format!("`{target}` supersedes this claim in turn: a cycle leaves no current figure"),
                    "remove one of the two: the later or corrected figure supersedes the earlier one"
                        .to_owned(),
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                out.push(finding(Code::BadSupersedes, e, &field, message).with_help(help));
            }
        }
    }
}

fn other_group(c: &Claim, other: &Claim) -> (String, String) {
    (
        format!(
            "`{}` is a claim of {} / {}, not of {} / {}",
            other.id, other.subject, other.measure, c.subject, c.measure
        ),
        "name a claim of the same subject and measure".to_owned(),
    )
}

/// Whether the claim at `from` supersedes the one at `to`, directly or
/// through a chain: `to`'s superseders, followed transitively, reach `from`.
fn supersedes(supersession: &Supersession, from: usize, to: usize) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![to];
    while let Some(next) = stack.pop() {
        for &by in supersession.superseded_by(next) {
            if by == from {
                return true;
            }
            if seen.insert(by) {
                stack.push(by);
            }
        }
    }
    false
}
