//! Code actions: reseal the hash, the same edit `claimtrail hash` makes
//! (`text::reseal_text`), as one text edit over the part of the text that
//! changes; and "did you mean" fixes for dangling references and unknown
//! measures (`text::suggest`). Both are edits the editor applies to its
//! buffer; the server writes nothing.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

use crate::finding::{Code, Diagnostic};
use crate::lsp::buffer::Buffer;
use crate::lsp::diagnostics::SOURCE;
use crate::lsp::fields::Takes;
use crate::lsp::hover::named_at;
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::workspace::Workspace;
use crate::render::escape::terminal::escape;
use crate::text::reseal_text::{Reseal, reseal};
use crate::text::spans::string_inner;
use crate::text::suggest::closest;

/// How the client takes workspace edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EditForm {
    /// `documentChanges`, with the buffer's version, so a stale edit is
    /// refused.
    Versioned,
    /// `changes`, for clients without `documentChanges`.
    Plain,
}

/// The code actions for a range of an open file, given its findings.
pub(super) fn actions(
    ws: &Workspace,
    rel: &str,
    params: &CodeActionParams,
    found: &[Diagnostic],
    encoding: Encoding,
    form: EditForm,
) -> Vec<CodeActionOrCommand> {
    let Some(buffer) = ws.buffers.get(rel) else { return Vec::new() };
    if buffer.lost.is_some() {
        return Vec::new();
    }
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    if !wanted(&CodeActionKind::QUICKFIX) {
        return Vec::new();
    }
    let index = LineIndex::new(&buffer.text, encoding);
    let mut out = Vec::new();
    let Ok(start) = index.offset(params.range.start) else { return out };
    let end = index.offset(params.range.end).unwrap_or(buffer.text.len());
    for d in found {
        let Some(span) = d.span.clone() else { continue };
        let touches = span.start <= end && start <= span.end;
        if touches && matches!(d.code, Code::DanglingReference | Code::UnknownMeasure) {
            out.extend(did_you_mean(ws, buffer, span, &index, form));
        }
    }
    if let Ok(Reseal::Changed { text, new_hash, .. }) = reseal(&buffer.text) {
        let (span, with) = changed_part(&buffer.text, &text);
        let hash_findings: Vec<lsp_types::Diagnostic> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| {
                d.source.as_deref() == Some(SOURCE)
                    && matches!(&d.code, Some(lsp_types::NumberOrString::String(c))
                        if c == Code::MissingHash.as_str() || c == Code::HashMismatch.as_str())
            })
            .cloned()
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Reseal the hash ({new_hash}), as `claimtrail hash` does"),
            kind: Some(CodeActionKind::QUICKFIX),
            is_preferred: Some(!hash_findings.is_empty()),
            diagnostics: (!hash_findings.is_empty()).then_some(hash_findings),
            edit: Some(edit(
                buffer,
                vec![TextEdit { range: index.range(span), new_text: with.to_owned() }],
                form,
            )),
            ..CodeAction::default()
        }));
    }
    out
}

/// "Replace with `x`" for each id close to the one a finding names.
fn did_you_mean(
    ws: &Workspace,
    buffer: &Buffer,
    span: std::ops::Range<usize>,
    index: &LineIndex,
    form: EditForm,
) -> Vec<CodeActionOrCommand> {
    let text = &buffer.text;
    // The finding's span is the id's string, or a value holding it
    // (`Actor("x")`): the id is the first string in it.
    let Some(quote) = text[span.clone()].find('"') else { return Vec::new() };
    let Some((what, wanted, literal)) = named_at(text, span.start + quote + 1) else { return Vec::new() };
    let candidates: Vec<String> = match what {
        Takes::Measure => ws.measures().iter().map(|m| m.id.clone()).collect(),
        Takes::Id(kind) => ws.of_kind(kind).iter().map(|e| e.record.id().to_owned()).collect(),
        _ => Vec::new(),
    };
    let inner = index.range(string_inner(text, literal));
    closest(&wanted, candidates.iter().map(String::as_str))
        .into_iter()
        .map(|id| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with `{}`", escape(id)),
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(edit(buffer, vec![TextEdit { range: inner, new_text: id.to_owned() }], form)),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// The part of `old` that differs from `new` (whole characters), and what
/// replaces it.
fn changed_part<'a>(old: &str, new: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let prefix: usize =
        old.chars().zip(new.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

fn edit(buffer: &Buffer, edits: Vec<TextEdit>, form: EditForm) -> WorkspaceEdit {
    match form {
        EditForm::Versioned => WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: buffer.uri.clone(),
                    version: Some(buffer.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        },
        EditForm::Plain => WorkspaceEdit {
            changes: Some(HashMap::from([(buffer.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_part_is_small() {
        let (span, with) =
            changed_part("a: \"x\",\n    hash: \"old\",\n)", "a: \"x\",\n    hash: \"new\",\n)");
        assert_eq!((span, with), (19..22, "new"));
        let (span, with) = changed_part("ab", "ab");
        assert_eq!((span, with), (2..2, ""));
        let (span, with) = changed_part("éa", "éb");
        assert_eq!((span, with), (2..3, "b"));
        // An insertion between equal halves.
        let (span, with) = changed_part("aXa", "aXYXa");
        assert_eq!(&"aXa"[span.clone()], "");
        assert_eq!(with.len(), 2);
    }
}
