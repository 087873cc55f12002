//! Live diagnostics: the findings `check` gives an open file, computed on
//! its unsaved text within the store ([`scope`]), as protocol diagnostics
//! with the same codes, severities, messages and help, ranges from the
//! findings' spans, and the places a finding names as related
//! information. Record text in messages is escaped as for JSON message
//! texts of the CLI (`render::escape::terminal`): an editor shows the
//! words, never a control or bidi character from a record.

use std::collections::HashMap;

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use crate::finding::{Diagnostic, Severity, locate};
use crate::lsp::buffer::Parsed;
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::scope::{Scope, contents_for};
use crate::lsp::workspace::Workspace;
use crate::render::escape::terminal::escape;
use crate::text::spans::SpanIndex;

/// What diagnostics name themselves by in an editor.
pub(super) const SOURCE: &str = "claimtrail";

/// The findings of an open file, located in its text; `None` when the
/// file is not open.
pub(super) fn findings(ws: &mut Workspace, rel: &str, scope: Scope) -> Option<Vec<Diagnostic>> {
    let record = !matches!(ws.buffers.get(rel)?.parsed, Parsed::Other);
    let mut found: Vec<Diagnostic> = if record {
        let snapshot = contents_for(ws, rel, scope);
        match scope {
            // The whole store checked whole: the baseline it stands for.
            Scope::Store => crate::check::check(&snapshot).into_iter().filter(|d| d.file == rel).collect(),
            Scope::Record => crate::check::check_file(&snapshot, rel),
        }
    } else {
        ws.loading_findings(rel)
    };
    let text = &ws.buffers.get(rel)?.text;
    locate(&mut found, |file| (file == rel).then(|| text.clone()));
    found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Some(found)
}

/// The protocol diagnostics of an open file, from its located findings.
pub(super) fn to_protocol(
    ws: &Workspace,
    rel: &str,
    found: &[Diagnostic],
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let Some(buffer) = ws.buffers.get(rel) else { return Vec::new() };
    if let Some(why) = &buffer.lost {
        return vec![lost(why)];
    }
    let index = LineIndex::new(&buffer.text, encoding);
    let mut others = Places::default();
    found
        .iter()
        .map(|d| {
            let related: Vec<DiagnosticRelatedInformation> = d
                .related
                .iter()
                .filter_map(|r| {
                    let location = others.location(ws, &r.file, r.field.as_deref(), encoding)?;
                    Some(DiagnosticRelatedInformation { location, message: escape(&r.message).into_owned() })
                })
                .collect();
            lsp_types::Diagnostic {
                range: d.span.clone().map(|s| index.range(s)).unwrap_or_default(),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.code.as_str().to_owned())),
                source: Some(SOURCE.to_owned()),
                message: message(d),
                related_information: (!related.is_empty()).then_some(related),
                ..lsp_types::Diagnostic::default()
            }
        })
        .collect()
}

/// The message and, on a line of its own, the help.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {}", escape(&d.message), escape(help)),
        None => escape(&d.message).into_owned(),
    }
}

/// The one diagnostic of a buffer whose text is no longer the editor's.
fn lost(why: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "claimtrail lost track of this buffer: {}; close and reopen the file to check it again",
            escape(why)
        ),
        ..lsp_types::Diagnostic::default()
    }
}

/// The editor's name for a file of the store: its buffer's URI when open.
pub(super) fn uri_of(ws: &Workspace, rel: &str) -> Option<Uri> {
    match ws.buffers.get(rel) {
        Some(b) => Some(b.uri.clone()),
        None => crate::lsp::uri::from_path(&ws.store.root.join(rel)),
    }
}

/// Locations of fields in other files, each file read and indexed once.
#[derive(Default)]
struct Places {
    files: HashMap<String, Option<(String, SpanIndex)>>,
}

impl Places {
    fn location(
        &mut self,
        ws: &Workspace,
        rel: &str,
        field: Option<&str>,
        encoding: Encoding,
    ) -> Option<Location> {
        let uri = uri_of(ws, rel)?;
        let read = self.files.entry(rel.to_owned()).or_insert_with(|| {
            let text = ws.text(rel)?;
            let index = SpanIndex::build(&text);
            Some((text, index))
        });
        let range = match read {
            Some((text, index)) => {
                let span = match field {
                    Some(path) => index.locate(path),
                    None => index.outer_name.clone(),
                };
                span.map(|s| LineIndex::new(text, encoding).range(s)).unwrap_or_default()
            }
            None => lsp_types::Range::default(),
        };
        Some(Location { uri, range })
    }
}
