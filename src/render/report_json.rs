//! The JSON wire formats of `conflicts`, `sources` and `report` (SPEC
//! section 9, schema version 1). Field names are a public contract; fields
//! may be added, never renamed. `report` embeds the conflict and source
//! objects of the other two, so all three share these types.

use std::io::{self, Write};

use serde::Serialize;

use super::json::{VERSION, write_value};
use crate::conflict::Conflict;
use crate::report::Report;
use crate::track_record::TrackRecord;

#[derive(Debug, Serialize)]
pub struct ConflictsOutput<'a> {
    pub version: u32,
    pub conflicts: Vec<WireConflict<'a>>,
    pub revisions: &'a [WireRevision],
}

/// A conflicting pair; `claims` sorted.
#[derive(Debug, Serialize)]
pub struct WireConflict<'a> {
    pub subject: &'a str,
    pub measure: &'a str,
    pub kind: &'static str,
    pub claims: [&'a str; 2],
}

/// A revision across history (SPEC section 4), as `conflicts --history`
/// lists it; `from` and `to` are values in their JSON form.
#[derive(Debug, Clone, Serialize)]
pub struct WireRevision {
    pub id: String,
    pub commit: String,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
    pub explained: bool,
}

#[derive(Debug, Serialize)]
pub struct SourcesOutput<'a> {
    pub version: u32,
    pub sources: Vec<WireSource<'a>>,
}

/// A source's track record; `rating` is null when unrated.
#[derive(Debug, Serialize)]
pub struct WireSource<'a> {
    pub id: &'a str,
    pub rating: Option<&'static str>,
    pub claims: usize,
    pub corroborated: usize,
    pub contradicted: usize,
    pub revised: usize,
    pub retracted: usize,
}

#[derive(Debug, Serialize)]
pub struct ReportOutput<'a> {
    pub version: u32,
    pub claims: Vec<WireClaim<'a>>,
    pub conflicts: Vec<WireConflict<'a>>,
    pub sources: Vec<WireSource<'a>>,
}

/// A claim of the report; `credibility` is null when it is not graded.
#[derive(Debug, Serialize)]
pub struct WireClaim<'a> {
    pub id: &'a str,
    pub subject: &'a str,
    pub measure: &'a str,
    pub value: serde_json::Value,
    pub as_of: Option<&'a str>,
    pub claimant: &'a str,
    pub credibility: Option<WireCredibility<'a>>,
}

#[derive(Debug, Serialize)]
pub struct WireCredibility<'a> {
    pub grade: u8,
    pub reasons: &'a [String],
}

impl<'a> WireConflict<'a> {
    pub fn from(c: &'a Conflict) -> WireConflict<'a> {
        WireConflict {
            subject: &c.subject,
            measure: &c.measure,
            kind: c.kind.as_str(),
            claims: [&c.claims[0], &c.claims[1]],
        }
    }
}

impl<'a> WireSource<'a> {
    pub fn from(r: &TrackRecord<'a>) -> WireSource<'a> {
        WireSource {
            id: &r.source.id,
            rating: r.rating.map(|r| r.letter()),
            claims: r.claims,
            corroborated: r.corroborated,
            contradicted: r.contradicted,
            revised: r.revised,
            retracted: r.retracted,
        }
    }
}

/// `conflicts --format json`.
pub fn conflicts(out: &mut dyn Write, conflicts: &[Conflict], revisions: &[WireRevision]) -> io::Result<()> {
    let output = ConflictsOutput {
        version: VERSION,
        conflicts: conflicts.iter().map(WireConflict::from).collect(),
        revisions,
    };
    write_value(out, &output)
}

/// `sources --format json`.
pub fn sources(out: &mut dyn Write, records: &[TrackRecord]) -> io::Result<()> {
    let output = SourcesOutput { version: VERSION, sources: records.iter().map(WireSource::from).collect() };
    write_value(out, &output)
}

/// `report --format json`.
pub fn report(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let claims = report
        .claims()
        .into_iter()
        .map(|line| WireClaim {
            id: &line.claim.id,
            subject: &line.claim.subject,
            measure: &line.claim.measure,
            value: line.claim.value.to_json(),
            as_of: line.claim.as_of.as_deref(),
            claimant: &line.claim.claimant,
            credibility: line.credibility.map(|c| WireCredibility { grade: c.grade, reasons: &c.reasons }),
        })
        .collect();
    let output = ReportOutput {
        version: VERSION,
        claims,
        conflicts: report.analysis.conflicts.iter().map(WireConflict::from).collect(),
        sources: report.sources.iter().map(WireSource::from).collect(),
    };
    write_value(out, &output)
}
