//! JSON Schemas of the records, generated from the model types with
//! schemars into schemas/*.schema.json. They describe the serde data model
//! (the JSON form the hashes are computed over), for editors and for
//! JSON-based tooling. The schema of every JSON output
//! (`<command>-output.schema.json`: check, conflicts, sources, report,
//! history, diff, blame, coverage, archive, recheck) comes from its wire type in
//! `render::wire` the same way; `tests/it/output_schemas.rs` validates
//! real outputs of the shipped store against them. `tests::schemas_are_fresh` fails when the files are
//! stale; `UPDATE_SCHEMAS=1 cargo test schemas_are_fresh` rewrites them.

use schemars::schema_for;

use crate::model::{Claim, Document, Measure, Source};
use crate::render::wire::{
    ArchiveOutput, BlameOutput, CheckOutput, ConflictsOutput, CoverageOutput, DiffOutput, HistoryOutput,
    RecheckOutput, ReportOutput, SourcesOutput,
};
use crate::store::config::Config;

/// Every generated schema: file name under schemas/ and its JSON text.
pub(super) fn all() -> Vec<(&'static str, String)> {
    let pretty = |schema: schemars::Schema| {
        let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize to JSON");
        text.push('\n');
        text
    };
    vec![
        ("claim.schema.json", pretty(schema_for!(Claim))),
        ("source.schema.json", pretty(schema_for!(Source))),
        ("document.schema.json", pretty(schema_for!(Document))),
        ("measures.schema.json", pretty(schema_for!(Vec<Measure>))),
        ("config.schema.json", pretty(schema_for!(Config))),
        ("check-output.schema.json", pretty(schema_for!(CheckOutput<'static>))),
        ("conflicts-output.schema.json", pretty(schema_for!(ConflictsOutput<'static>))),
        ("sources-output.schema.json", pretty(schema_for!(SourcesOutput<'static>))),
        ("report-output.schema.json", pretty(schema_for!(ReportOutput<'static>))),
        ("history-output.schema.json", pretty(schema_for!(HistoryOutput<'static>))),
        ("diff-output.schema.json", pretty(schema_for!(DiffOutput<'static>))),
        ("blame-output.schema.json", pretty(schema_for!(BlameOutput<'static>))),
        ("coverage-output.schema.json", pretty(schema_for!(CoverageOutput<'static>))),
        ("archive-output.schema.json", pretty(schema_for!(ArchiveOutput<'static>))),
        ("recheck-output.schema.json", pretty(schema_for!(RecheckOutput<'static>))),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn schemas_are_fresh() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
        for (name, text) in super::all() {
            let path = dir.join(name);
            if update {
                std::fs::write(&path, &text).expect("write schema");
                continue;
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "schemas/{name} is stale: run `UPDATE_SCHEMAS=1 cargo test schemas_are_fresh`"
            );
        }
    }
}
