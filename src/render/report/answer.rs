//! The answer first: one line per group, above its chart, saying what a
//! fact-checker would say: the range of the current figures, the latest
//! figure of the best-rated claimant, and the open conflicts in words
//! (`Now 144–150 (latest from the best-rated claimant: Investigative
//! Committee of Russia, 149, 2026-03); 4 open conflicts: Telegram channel
//! "112"'s 150 is above the later Baza's 144; …`). Raw text: the renderer
//! escapes it.

use crate::compare::groups::{Group, Member, Standing};
use crate::compare::pair::ConflictKind;
use crate::compare::report::{Report, SourceNames};
use crate::model::MeasureKind;

use super::words::value_words;

/// How many conflicts the line names before it counts the rest.
const NAMED_CONFLICTS: usize = 2;

/// The summary line of a group; `None` when no member is current.
pub fn line(report: &Report, g: &Group, names: &SourceNames) -> Option<String> {
    let current: Vec<&Member> = g.members.iter().filter(|m| m.standing == Standing::Current).collect();
    if current.is_empty() {
        return None;
    }
    let mut text = format!("Now {}", range(g, &current, names));
    if let Some(best) = best_latest(report, &current) {
        let mut when = best.claim.as_of.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
        if let Some(old) = g.members.iter().find(|m| m.superseded_by.contains(&best.entry)) {
            when.push_str(&format!(", revised from {}", value_words(&old.claim.value, names)));
        }
        text.push_str(&format!(
            " (latest from the best-rated claimant: {}, {}{when})",
            names.get(&best.claim.claimant),
            value_words(&best.claim.value, names)
        ));
    }
    text.push_str(&conflicts(g, names));
    Some(text)
}

/// The current figures: `144–149` over the bounded ones (an open-ended
/// `at least 40` agrees with them and says less), `at least 150` when
/// none is bounded, or the distinct values joined by "or" for dates,
/// actors and texts.
fn range(g: &Group, current: &[&Member], names: &SourceNames) -> String {
    let intervals: Vec<_> = current.iter().filter_map(|m| m.figure.interval).collect();
    if g.measure.kind == MeasureKind::Count && intervals.len() == current.len() {
        let bounded: Vec<(i128, i128)> = intervals.iter().filter_map(|i| Some((i.lo, i.hi?))).collect();
        let lo = bounded.iter().map(|b| b.0).min();
        let hi = bounded.iter().map(|b| b.1).max();
        return match (lo, hi) {
            (Some(lo), Some(hi)) if hi > lo => format!("{lo}–{hi}"),
            (Some(lo), _) => lo.to_string(),
            _ => format!("at least {}", intervals.iter().map(|i| i.lo).max().unwrap_or(0)),
        };
    }
    let mut values: Vec<String> = current.iter().map(|m| value_words(&m.claim.value, names)).collect();
    values.sort();
    values.dedup();
    values.join(" or ")
}

/// The latest current figure of the best-rated claimant (unrated counts
/// as F); among equals, the latest as_of.
fn best_latest<'m, 'a>(report: &Report, current: &[&'m Member<'a>]) -> Option<&'m Member<'a>> {
    let ratings = &report.analysis.ratings;
    current.iter().copied().min_by(|a, b| {
        let key = |m: &Member| ratings.effective(&m.claim.claimant);
        let when = |m: &Member| m.figure.as_of.map(|d| d.last_minute);
        key(a).cmp(&key(b)).then_with(|| when(b).cmp(&when(a)))
    })
}

/// `; open: A's 150 against B's 144 (and 3 more).`, or `.` without
/// conflicts.
fn conflicts(g: &Group, names: &SourceNames) -> String {
    let pairs: Vec<(usize, usize, ConflictKind)> = g
        .members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.conflicts.iter().filter(move |&&(j, _)| i < j).map(move |&(j, k)| (i, j, k)))
        .collect();
    if pairs.is_empty() {
        return if g.compared() > 1 { "; no open conflict.".to_owned() } else { ".".to_owned() };
    }
    let figure = |i: usize| {
        let c = g.members[i].claim;
        format!("{}'s {}", names.get(&c.claimant), value_words(&c.value, names))
    };
    let named: Vec<String> = pairs
        .iter()
        .take(NAMED_CONFLICTS)
        .map(|&(i, j, kind)| match kind {
            ConflictKind::DownwardRevision => format!("{} is above the later {}", figure(i), figure(j)),
            ConflictKind::Disjoint | ConflictKind::Actor => format!("{} against {}", figure(i), figure(j)),
        })
        .collect();
    let more = pairs.len().saturating_sub(NAMED_CONFLICTS);
    let rest = if more > 0 { format!(" (and {more} more)") } else { String::new() };
    let n = pairs.len();
    format!("; {n} open conflict{}: {}{rest}.", if n == 1 { "" } else { "s" }, named.join("; "))
}
