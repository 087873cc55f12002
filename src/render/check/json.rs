//! The JSON wire format of `check` (docs/reference.md section 9, schema version 1). The
//! wire types are their own serde structs, apart from the model, so the
//! model can change without breaking anyone's scripts.

use crate::render::wire::{CheckOutput, Summary, VERSION, WireDiagnostic, write_value};

use std::io::{self, Write};

use crate::finding::Diagnostic;

/// Writes `check`'s version-1 JSON: the summary and every finding.
pub fn check(out: &mut dyn Write, summary: Summary, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let output = CheckOutput {
        version: VERSION,
        summary,
        diagnostics: diagnostics.iter().map(WireDiagnostic::from).collect(),
    };
    write_value(out, &output)
}
