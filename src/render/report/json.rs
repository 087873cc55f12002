//! The JSON wire formats of `conflicts`, `sources` and `report` (docs/reference.md
//! section 9, schema version 1). Field names are a public contract; fields
//! may be added, never renamed. `report` embeds the conflict and source
//! objects of the other two, so all three share these types.

use std::io::{self, Write};

use crate::render::wire::{
    ReportOutput, VERSION, WireAnswer, WireClaim, WireConflict, WireCredibility, WireOmitted, WireSource,
    write_value,
};

use crate::compare::report::Report;
use crate::render::escape::terminal::escape;

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
            credibility: line.credibility.map(|c| WireCredibility {
                grade: c.grade,
                reasons: c.reasons.iter().map(|r| escape(r)).collect(),
            }),
            superseded_by: line.superseded_by,
            outgrown_by: line.outgrown_by,
        })
        .collect();
    let names = report.source_names();
    let answers = report
        .analysis
        .groups
        .iter()
        .filter_map(|g| {
            let text = super::answer::line(report, g, &names)?;
            Some(WireAnswer { subject: g.subject, measure: &g.measure.id, text: escape(&text).into_owned() })
        })
        .collect();
    let output = ReportOutput {
        version: VERSION,
        claims,
        conflicts: report.analysis.conflicts.iter().map(WireConflict::from).collect(),
        sources: report.sources.iter().map(WireSource::from).collect(),
        omitted: WireOmitted::of(&report.analysis),
        answers,
    };
    write_value(out, &output)
}
