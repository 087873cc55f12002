//! The JSON wire format of `check` (SPEC section 9, schema version 1). The
//! wire types are their own serde structs, apart from the model, so the
//! model can change without breaking anyone's scripts.

use serde::Serialize;
use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Tally};

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct CheckOutput<'a> {
    pub version: u32,
    pub summary: Summary,
    pub diagnostics: Vec<WireDiagnostic<'a>>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Summary {
    pub records: usize,
    pub claims: usize,
    pub sources: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct WireDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub id: Option<&'a str>,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
}

impl<'a> WireDiagnostic<'a> {
    pub fn from(d: &'a Diagnostic) -> Self {
        WireDiagnostic {
            code: d.code.as_str(),
            severity: d.severity.name(),
            file: &d.file,
            line: d.line,
            column: d.column,
            id: d.id.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
            new: d.new,
        }
    }
}

impl Summary {
    pub fn new(claims: usize, sources: usize, documents: usize, tally: Tally) -> Summary {
        Summary {
            records: claims + sources + documents,
            claims,
            sources,
            documents,
            errors: tally.errors,
            warnings: tally.warnings,
        }
    }
}

pub fn check(out: &mut dyn Write, summary: Summary, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let output = CheckOutput {
        version: VERSION,
        summary,
        diagnostics: diagnostics.iter().map(WireDiagnostic::from).collect(),
    };
    write_value(out, &output)
}

/// Writes any wire value as pretty JSON and a newline, with the string
/// escapes of `safe_json` (no raw C1 controls or bidi overrides).
pub fn write_value(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, super::safe_json::SafeFormatter::new());
    value.serialize(&mut ser).map_err(io::Error::other)?;
    writeln!(out)
}
