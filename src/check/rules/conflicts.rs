//! `conflict`: each conflicting pair of docs/reference.md section 4 (found by
//! `analysis`) becomes one warning, at the `value` of the pair's newer
//! claim (the one changed since the base under `check --since`, otherwise
//! the one whose id sorts last), naming the other claim and the kind, with
//! the other claim's `value` as the related place. Two figures that cannot
//! both be true deserve a reviewer's look, but they are findings about the
//! world, not mistakes in the files, so they only fail a run under
//! `--deny-warnings`.
//!
//! A group reports at most `max_pairs_per_group` pairs (claimtrail.ron,
//! default 100; docs/reference.md section 4, "Large groups"): which ones is decided by
//! `compare::groups` (the changed claims' pairs first under `--since`,
//! then by id). A group that left pairs out gets one more `conflict`
//! finding that says how many and how to list them.

use rayon::prelude::*;

use super::{Context, finding};
use crate::compare::credibility::figure;
use crate::compare::groups::{Comparison, Group, Member, Scope, compare, pending_groups};
use crate::compare::pair::ConflictKind;
use crate::compare::part_of::PartOf;
use crate::finding::{Code, Diagnostic, Related};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Group by group, on all cores, in the order of the groups: no more of
    // the comparison is held at once than one group per thread.
    let part_of = PartOf::of(cx.contents);
    let supersession = cx.supersession();
    let comparison = Comparison {
        contents: cx.contents,
        part_of: &part_of,
        supersession,
        scope: Scope::Current,
        agreements: false,
        changed: (!cx.changed.is_empty()).then_some(cx.changed),
    };
    // A group without a wanted record has no wanted finding.
    let entries = &cx.contents.entries;
    let found: Vec<Diagnostic> = pending_groups(cx.contents)
        .into_par_iter()
        .filter(|pending| pending.entries.iter().any(|&i| cx.reports(&entries[i])))
        .flat_map_iter(|pending| {
            let group = compare(&comparison, pending, &mut Vec::new());
            let mut found = Vec::new();
            warnings(cx, &group, &mut found);
            found
        })
        .collect();
    out.extend(found);
}

fn warnings(cx: &Context, group: &Group, out: &mut Vec<Diagnostic>) {
    for me in &group.members {
        let e = &cx.contents.entries[me.entry];
        if !cx.reports(e) {
            continue;
        }
        for &(j, kind) in &me.conflicts {
            let other = &group.members[j];
            if !is_newer(cx, me, other) {
                continue;
            }
            let o = &cx.contents.entries[other.entry];
            let why = match kind {
                ConflictKind::Disjoint => "the figures cannot both be true",
                ConflictKind::Actor => "the actors differ and neither is part of the other",
                ConflictKind::DownwardRevision => "a later figure is below an earlier one",
            };
            let theirs = figure(other);
            let message = format!(
                "conflicts with claim `{}` ({}): {} vs {theirs}; {why}",
                &other.claim.id,
                kind.as_str(),
                figure(me),
            );
            let related = Related::new(
                o.file.clone(),
                "value",
                &other.claim.id,
                format!("the other claim: `{}`, {theirs}", &other.claim.id),
            );
            out.push(
                finding(Code::Conflict, e, "value", message)
                    .with_help(format!(
                        "review it with {}; once settled, rank the wrong one Deprecated or review it False",
                        &o.file
                    ))
                    .with_related(related),
            );
        }
    }
    if group.omitted > 0 {
        out.push(omitted(cx, group));
    }
}

/// The finding of a group that left pairs out, at the value of its first
/// contradicted claim by id (a changed one first, under `--since`).
fn omitted(cx: &Context, group: &Group) -> Diagnostic {
    let changed = |m: &Member| cx.changed.contains(m.claim.id.as_str());
    let at = group
        .members
        .iter()
        .filter(|m| m.is_contradicted())
        .min_by_key(|m| (!changed(m), m.claim.id.as_str(), m.entry))
        .expect("a group that left pairs out has conflicting members");
    let limit = cx.contents.config.max_pairs_per_group;
    let message = format!(
        "{} / {}: {} conflicting pairs, {} not reported (at most {limit} per group)",
        group.subject, &group.measure.id, group.pairs, group.omitted,
    );
    finding(Code::Conflict, &cx.contents.entries[at.entry], "value", message).with_help(format!(
        "list them with `claimtrail conflicts` after setting `max_pairs_per_group: {}` in claimtrail.ron",
        group.pairs
    ))
}

/// Whether `me` is the claim of the pair that carries the finding: the
/// one changed since the base, when just one of them is; otherwise the one
/// whose id sorts last (entries break a tie of duplicate ids).
fn is_newer(cx: &Context, me: &Member, other: &Member) -> bool {
    let changed = |m: &Member| cx.changed.contains(m.claim.id.as_str());
    match (changed(me), changed(other)) {
        (true, false) => true,
        (false, true) => false,
        _ => (me.claim.id.as_str(), me.entry) > (other.claim.id.as_str(), other.entry),
    }
}
