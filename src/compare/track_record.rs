//! Each source's track record (docs/reference.md section 9, `sources`): its current
//! rating and how its claims fared: corroborated and contradicted (among
//! the compared claims), revised, deprecated or rated False by the desk,
//! superseded.
//!
//! Revisions come from git history, which this module never sees: callers
//! pass the ids of the claims with a revision in the history of HEAD (an
//! empty set outside git). That set is the hook for `store::git`.

use std::collections::{HashMap, HashSet};

use crate::compare::analysis::Analysis;
use crate::model::{Reliability, Source};
use crate::store::contents::Contents;

/// One source and the counts of the claims it is claimant of.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackRecord<'a> {
    /// The source.
    pub source: &'a Source,
    /// The latest rating; `None` when unrated.
    pub rating: Option<Reliability>,
    /// How many claims it is claimant of.
    pub claims: usize,
    /// Claims with at least one corroborating claim.
    pub corroborated: usize,
    /// Claims with at least one conflicting claim.
    pub contradicted: usize,
    /// Claims with a revision in the history of HEAD.
    pub revised: usize,
    /// Claims ranked Deprecated or reviewed False by the desk (the field
    /// keeps the first edition's name: it is the desk's verdict, not the
    /// source retracting anything).
    pub retracted: usize,
    /// Claims superseded by a later or corrected figure (docs/reference.md section 4).
    pub superseded: usize,
}

/// The track record of every source, sorted by id. `revised` holds the ids
/// of the claims with a revision in the history of HEAD.
pub fn track_records<'a>(
    contents: &'a Contents,
    analysis: &Analysis,
    revised: &HashSet<String>,
) -> Vec<TrackRecord<'a>> {
    let mut records: Vec<TrackRecord> = contents
        .entries
        .iter()
        .filter_map(|e| e.record.as_source())
        .map(|source| TrackRecord {
            source,
            rating: source.ratings.last().map(|r| r.reliability),
            claims: 0,
            corroborated: 0,
            contradicted: 0,
            revised: 0,
            retracted: 0,
            superseded: 0,
        })
        .collect();
    records.sort_by(|a, b| a.source.id.cmp(&b.source.id));
    let index: HashMap<&str, usize> =
        records.iter().enumerate().rev().map(|(i, r)| (r.source.id.as_str(), i)).collect();
    for (i, e) in contents.entries.iter().enumerate() {
        let Some(claim) = e.record.as_claim() else { continue };
        let Some(&r) = index.get(claim.claimant.as_str()) else { continue };
        let record = &mut records[r];
        record.claims += 1;
        if let Some((_, member)) = analysis.member(i) {
            record.corroborated += usize::from(member.is_corroborated());
            record.contradicted += usize::from(member.is_contradicted());
        }
        record.revised += usize::from(revised.contains(&claim.id));
        record.retracted += usize::from(claim.is_retracted());
        record.superseded += usize::from(analysis.supersession.is_superseded(i));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn check(sources: &[&str], claims: &[&str], revised: &[&str], expected: &[&str]) {
        let snap = testing::spec_snapshot(sources, claims);
        let analysis = Analysis::of(&snap);
        let revised: HashSet<String> = revised.iter().map(|s| s.to_string()).collect();
        let got: Vec<String> = track_records(&snap, &analysis, &revised)
            .iter()
            .map(|r| {
                format!(
                    "{} {} claims={} corroborated={} contradicted={} revised={} retracted={} superseded={}",
                    r.source.id,
                    r.rating.map_or("-", |r| r.letter()),
                    r.claims,
                    r.corroborated,
                    r.contradicted,
                    r.revised,
                    r.retracted,
                    r.superseded
                )
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn counts() {
        check(
            &["mchs C", "ic C", "tg -", "rt D"],
            &[
                "ic137 ic Exact(137) @2024-03-24",
                "ic139 ic Exact(139) @2024-03-25",
                "mchs139 mchs Exact(139) @2024-03-25",
                "tg150 tg Exact(150) @2024-03-23",
                "tgold tg Exact(10) @2024-03-22 Deprecated",
                "tgfalse tg Exact(10) @2024-03-22 False",
                "nobody nosuch Exact(139) @2024-03-25",
            ],
            &["ic139", "tg150", "gone"],
            &[
                // ic's 139 supersedes its 137, which is then not compared.
                "ic C claims=2 corroborated=1 contradicted=1 revised=1 retracted=0 superseded=1",
                "mchs C claims=1 corroborated=1 contradicted=1 revised=0 retracted=0 superseded=0",
                "rt D claims=0 corroborated=0 contradicted=0 revised=0 retracted=0 superseded=0",
                // tg's retracted figures of 03-22 are superseded by its 150 too.
                "tg - claims=3 corroborated=0 contradicted=1 revised=1 retracted=2 superseded=2",
            ],
        );
    }
}
