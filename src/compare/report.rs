//! The report value (docs/reference.md section 6, `report`): the whole picture of one
//! snapshot, built once and rendered by every format (JSON here; HTML and
//! markdown by their own renderers). It holds the analysis (groups as
//! timelines, conflicts, grades) and the sources' track records.

use std::collections::{HashMap, HashSet};

use crate::compare::analysis::Analysis;
use crate::compare::credibility::Credibility;
use crate::compare::groups::Scope;
use crate::compare::track_record::{TrackRecord, track_records};
use crate::compare::wording;
use crate::model::Claim;
use crate::store::contents::Contents;

/// What `report` shows, decided once for every format.
#[derive(Debug)]
pub struct Report<'a> {
    /// The contents the report is about.
    pub contents: &'a Contents,
    /// Groups with their figures over time, conflicts, grades.
    pub analysis: Analysis<'a>,
    /// Every source's track record, sorted by id.
    pub sources: Vec<TrackRecord<'a>>,
}

/// Source names by id, for showing claimants in words.
pub struct SourceNames<'a> {
    names: HashMap<&'a str, &'a str>,
}

impl SourceNames<'_> {
    /// The name of the source with this id, or the id when there is none.
    pub fn get<'b>(&'b self, id: &'b str) -> &'b str {
        self.names.get(id).copied().unwrap_or(id)
    }
}

/// One claim of the report, with its grade if it is graded.
#[derive(Debug, Clone)]
pub struct ClaimLine<'r> {
    pub claim: &'r Claim,
    /// Its index in `Contents::entries`.
    pub entry: usize,
    pub credibility: Option<&'r Credibility>,
    /// The ids of its direct superseders; empty when current.
    pub superseded_by: Vec<&'r str>,
    /// The ids of the claims that outgrew it (docs/reference.md section 4); empty for most.
    pub outgrown_by: Vec<&'r str>,
}

impl<'a> Report<'a> {
    /// The names of the report's sources.
    pub fn source_names(&self) -> SourceNames<'a> {
        SourceNames {
            names: self.sources.iter().map(|t| (t.source.id.as_str(), t.source.name.as_str())).collect(),
        }
    }

    /// The report of a snapshot; `revised` holds the ids of the claims with
    /// a revision in the history of HEAD (empty outside git).
    pub fn build(contents: &'a Contents, revised: &HashSet<String>) -> Report<'a> {
        Report::build_in(contents, revised, Scope::Current)
    }

    /// [`Report::build`], comparing the members in `scope` (`--all`).
    pub fn build_in(contents: &'a Contents, revised: &HashSet<String>, scope: Scope) -> Report<'a> {
        let mut analysis = Analysis::graded(contents, scope);
        let sources = track_records(contents, &analysis, revised);
        let names = SourceNames {
            names: sources.iter().map(|t| (t.source.id.as_str(), t.source.name.as_str())).collect(),
        };
        for g in &mut analysis.groups {
            wording::add_replacements(g, &names);
        }
        Report { contents, analysis, sources }
    }

    /// The ids of the claims that outgrew the claim at this entry.
    pub fn outgrown_by(&self, entry: usize) -> Vec<&'a str> {
        let contents = self.contents;
        self.analysis
            .member(entry)
            .map(|(_, m)| m.outgrown_by.iter().map(|&e| contents.entries[e].record.id()).collect())
            .unwrap_or_default()
    }

    /// The ids of the direct superseders of the claim at this entry.
    pub fn superseded_by(&self, entry: usize) -> Vec<&'a str> {
        let contents = self.contents;
        self.analysis
            .supersession
            .superseded_by(entry)
            .iter()
            .map(|&e| contents.entries[e].record.id())
            .collect()
    }

    /// Every claim of the store, sorted by id (then file), with its grade.
    pub fn claims(&self) -> Vec<ClaimLine<'_>> {
        let mut lines: Vec<(usize, &Claim)> = self
            .contents
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.record.as_claim()?)))
            .collect();
        lines.sort_by(|a, b| {
            (&a.1.id, &self.contents.entries[a.0].file).cmp(&(&b.1.id, &self.contents.entries[b.0].file))
        });
        lines
            .into_iter()
            .map(|(i, claim)| ClaimLine {
                claim,
                entry: i,
                credibility: self.analysis.credibility(i),
                superseded_by: self.superseded_by(i),
                outgrown_by: self.outgrown_by(i),
            })
            .collect()
    }
}

/// One change of a claim in git history, for the "Recent history" section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentChange {
    pub commit: String,
    pub time: String,
    pub author: String,
    pub id: String,
    pub change: String,
    /// The value after the change, in words; `None` when deleted.
    pub value: Option<String>,
    /// The value before the change, in words; `None` when added.
    pub old_value: Option<String>,
}

impl RecentChange {
    /// The value's change in words: `95 → 84`, the value alone when it
    /// did not change (or was added), `84 → –` when deleted.
    pub fn value_change(&self) -> String {
        match (&self.old_value, &self.value) {
            (Some(old), Some(new)) if old != new => format!("{old} → {new}"),
            (_, Some(new)) => new.clone(),
            (Some(old), None) => format!("{old} → –"),
            (None, None) => "–".to_owned(),
        }
    }
}
