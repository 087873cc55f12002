//! What a graded claim replaced, and what outgrew it, as reasons beside its
//! grade (docs/reference.md section 4): "revised from 128 as of 2002-10-28" only when
//! the same claimant gave the 128; "supersedes Federal Security Service's
//! 50" when another claimant's figure was superseded explicitly; "outgrown
//! by" the later, higher count of another claimant. Reasons are raw text;
//! each renderer escapes them.

use crate::compare::credibility::figure;
use crate::compare::groups::{Group, Member};
use crate::compare::report::SourceNames;
use crate::store::contents::Contents;

/// Adds to each graded member's reasons what it replaced and what outgrew it.
/// The members each one superseded are found once for the whole group
/// (a member lists its superseders, not what it superseded), so a group of
/// 20,000 figures costs one pass, not one pass per member.
pub(crate) fn add_replacements(g: &mut Group, names: &SourceNames) {
    let replaced = replaced(g);
    let reasons: Vec<Vec<String>> =
        (0..g.members.len()).map(|i| replacements(g, i, &replaced[i], names)).collect();
    for (m, more) in g.members.iter_mut().zip(reasons) {
        if let Some(cred) = &mut m.credibility {
            cred.reasons.extend(more);
        }
    }
}

/// For each member, the members (in group order) whose direct superseders
/// include it.
fn replaced(g: &Group) -> Vec<Vec<usize>> {
    let mut replaced = vec![Vec::new(); g.members.len()];
    if g.members.iter().all(|m| m.superseded_by.is_empty()) {
        return replaced;
    }
    for (j, old) in g.members.iter().enumerate() {
        for &e in &old.superseded_by {
            if let Some(i) = g.member_at(e) {
                // Once per pair, even if an entry were listed twice.
                if replaced[i].last() != Some(&j) {
                    replaced[i].push(j);
                }
            }
        }
    }
    replaced
}

/// The reasons of member `i`: what it revised or superseded (the members
/// in `replaced`), then what outgrew it; none for a member that is not
/// graded.
fn replacements(g: &Group, i: usize, replaced: &[usize], names: &SourceNames) -> Vec<String> {
    let me = &g.members[i];
    if me.credibility.is_none() {
        return Vec::new();
    }
    let mut reasons = Vec::new();
    for old in replaced.iter().map(|&j| &g.members[j]) {
        if old.claim.claimant == me.claim.claimant {
            reasons.push(format!(
                "revised from {} ({}), its claimant's earlier figure",
                figure(old),
                old.claim.id
            ));
        } else {
            reasons.push(format!("supersedes {} ({})", whose(old, names), old.claim.id));
        }
    }
    for newer in me.outgrown_by.iter().filter_map(|&e| g.member_at(e)).map(|j| &g.members[j]) {
        reasons.push(format!(
            "outgrown by {} ({}): a later count of another claimant lies wholly above it",
            whose(newer, names),
            newer.claim.id
        ));
    }
    reasons
}

/// A member's direct superseders (entries), split into its claimant's own
/// later figures ("revised by") and other claimants' corrections
/// ("superseded by"), so no format says a claimant revised another's figure.
pub(crate) fn revised_or_superseded(contents: &Contents, m: &Member) -> (Vec<usize>, Vec<usize>) {
    m.superseded_by.iter().partition(|&&e| {
        contents.entries[e].record.as_claim().is_some_and(|c| c.claimant == m.claim.claimant)
    })
}

/// `Federal Security Service's 50 as of 2002-10-26`.
fn whose(m: &Member, names: &SourceNames) -> String {
    format!("{}'s {}", names.get(&m.claim.claimant), figure(m))
}
