//! `conflict`: each conflicting pair of SPEC section 4 (found by
//! `analysis`) becomes a warning on each of its two claims, at the claim's
//! `value`, naming the other claim and the kind. Two figures that cannot
//! both be true deserve a reviewer's look, but they are findings about the
//! world, not mistakes in the files, so they only fail a run under
//! `--deny-warnings`.

use rayon::prelude::*;

use super::{Context, finding};
use crate::compare::credibility::figure;
use crate::compare::groups::{Comparison, Group, Scope, compare, pending_groups};
use crate::compare::pair::ConflictKind;
use crate::compare::relation::PartOf;
use crate::compare::supersession::Supersession;
use crate::finding::{Code, Diagnostic, Related};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Group by group, on all cores, in the order of the groups: no more of
    // the comparison is held at once than one group per thread.
    let part_of = PartOf::of(cx.snapshot);
    let supersession = Supersession::of(cx.snapshot);
    let comparison = Comparison {
        snapshot: cx.snapshot,
        part_of: &part_of,
        supersession: &supersession,
        scope: Scope::Current,
        agreements: false,
    };
    let found: Vec<Diagnostic> = pending_groups(cx.snapshot)
        .into_par_iter()
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
        let e = &cx.snapshot.entries[me.entry];
        for &(j, kind) in &me.conflicts {
            let other = &group.members[j];
            let why = match kind {
                ConflictKind::Disjoint => "the figures cannot both be true",
                ConflictKind::Actor => "the actors differ and neither is part of the other",
                ConflictKind::DownwardRevision => "a later figure is below an earlier one",
            };
            let message = format!(
                "conflicts with claim `{}` ({}): {} vs {}; {why}",
                &other.claim.id,
                kind.as_str(),
                figure(me),
                figure(other),
            );
            let other_file = &cx.snapshot.entries[other.entry].file;
            out.push(
                finding(Code::Conflict, e, "value", message)
                    .with_help(format!(
                        "review it with {other_file}; once settled, rank the wrong one Deprecated or review it False",
                    ))
                    .with_related(Related {
                        file: other_file.clone(),
                        field: Some("value".to_owned()),
                        id: Some(other.claim.id.clone()),
                        message: format!("the conflicting claim `{}`", &other.claim.id),
                    }),
            );
        }
    }
}
