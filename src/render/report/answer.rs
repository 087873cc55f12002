//! The answer first: one line per group, above its chart, putting in words
//! what `compare::answer` decided: the range of the current figures, the
//! latest figure of the best-rated claimant, the figures a later count
//! outgrew, and the open conflicts (`Now 130 – at least 174 (latest from
//! the best-rated claimant: Nord-Ost victims' association, at least 174,
//! 2007-10); Prosecutor General's Office's 130 (2002-11) was outgrown by
//! Nord-Ost victims' association's at least 174 (2007-10); no open
//! conflict.`). Raw text: each format escapes it.

use crate::compare::answer::{self, Answer, Range};
use crate::compare::groups::Group;
use crate::compare::pair::ConflictKind;
use crate::compare::report::{Report, SourceNames};

use super::words::value_words;

/// How many conflicts the line names before it counts the rest.
const NAMED_CONFLICTS: usize = 2;
/// How many outgrown figures the line names before it counts the rest.
const NAMED_OUTGROWN: usize = 3;

/// The summary line of a group; `None` when no member is current.
pub(crate) fn line(report: &Report, g: &Group, names: &SourceNames) -> Option<String> {
    let a = answer::answer(g, &report.analysis.ratings)?;
    Some(words(&a, g, names))
}

/// An answer in words.
pub(crate) fn words(a: &Answer, g: &Group, names: &SourceNames) -> String {
    let mut text = format!("Now {}", range(a, g, names));
    if let Some(best) = &a.best {
        let m = &g.members[best.member];
        let mut when = m.claim.as_of.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
        if let Some(old) = best.revised_from {
            when.push_str(&format!(", revised from {}", value_words(&g.members[old].claim.value, names)));
        }
        if !best.supersedes.is_empty() {
            let others: Vec<String> = best.supersedes.iter().map(|&o| figure(g, o, names)).collect();
            when.push_str(&format!(", supersedes {}", others.join(" and ")));
        }
        text.push_str(&format!(
            " (latest from the best-rated claimant: {}, {}{when})",
            names.get(&m.claim.claimant),
            value_words(&m.claim.value, names)
        ));
    }
    for (i, by) in a.outgrown.iter().take(NAMED_OUTGROWN) {
        let by: Vec<String> = by.iter().map(|&j| dated(g, j, names)).collect();
        text.push_str(&format!("; {} was outgrown by {}", dated(g, *i, names), by.join(" and ")));
    }
    let more = a.outgrown.len().saturating_sub(NAMED_OUTGROWN);
    if more > 0 {
        text.push_str(&format!(" (and {more} more outgrown)"));
    }
    text.push_str(&conflicts(a, g, names));
    text
}

/// The current figures: `144–149` over the bounded ones, `130 – at least
/// 174` with an open-ended figure above them, `at least 150` when none is
/// bounded, or the distinct values joined by "or" for dates, actors and
/// texts.
fn range(a: &Answer, g: &Group, names: &SourceNames) -> String {
    match &a.range {
        Range::Counts { lo, hi, at_least } => {
            let bounded = match (lo, hi) {
                (Some(lo), Some(hi)) if hi > lo => Some(format!("{lo}–{hi}")),
                (Some(lo), _) => Some(lo.to_string()),
                _ => None,
            };
            match (bounded, at_least, lo) {
                (Some(_), Some(top), Some(lo)) => format!("{lo} – at least {top}"),
                (Some(b), _, _) => b,
                (None, top, _) => format!("at least {}", top.unwrap_or(0)),
            }
        }
        Range::Values(members) => {
            let mut values: Vec<String> =
                members.iter().map(|&i| value_words(&g.members[i].claim.value, names)).collect();
            values.sort();
            values.dedup();
            values.join(" or ")
        }
    }
}

/// `Baza's 144`.
fn figure(g: &Group, i: usize, names: &SourceNames) -> String {
    let c = g.members[i].claim;
    format!("{}'s {}", names.get(&c.claimant), value_words(&c.value, names))
}

/// `Baza's 144 (2024-03-25)`.
fn dated(g: &Group, i: usize, names: &SourceNames) -> String {
    match &g.members[i].claim.as_of {
        Some(d) => format!("{} ({d})", figure(g, i, names)),
        None => figure(g, i, names),
    }
}

/// `; 2 open conflicts: A's 150 against B's 144 (and 3 more).`, or `.`
/// without conflicts.
fn conflicts(a: &Answer, g: &Group, names: &SourceNames) -> String {
    if a.conflicts.is_empty() && a.pairs == 0 {
        return if a.compared > 1 { "; no open conflict.".to_owned() } else { ".".to_owned() };
    }
    let named: Vec<String> = a
        .conflicts
        .iter()
        .take(NAMED_CONFLICTS)
        .map(|&(i, j, kind)| match kind {
            ConflictKind::DownwardRevision => {
                format!("{} is above the later {}", figure(g, i, names), figure(g, j, names))
            }
            ConflictKind::Disjoint | ConflictKind::Actor => {
                format!("{} against {}", figure(g, i, names), figure(g, j, names))
            }
        })
        .collect();
    let n = a.pairs.max(a.conflicts.len());
    let more = n.saturating_sub(a.conflicts.len().min(NAMED_CONFLICTS));
    let rest = if more > 0 { format!(" (and {more} more)") } else { String::new() };
    format!("; {n} open conflict{}: {}{rest}.", if n == 1 { "" } else { "s" }, named.join("; "))
}
