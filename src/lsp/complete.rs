//! Completion: ids where a field takes one, with the record's name or
//! title as detail; measures with their kind and unit; enum variants
//! with what they mean. Inside a string the id replaces the string's
//! text; elsewhere it is inserted quoted.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Position, TextEdit};

use crate::lsp::fields::{Takes, takes};
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::workspace::Workspace;
use crate::model::{Record, RecordKind};
use crate::render::escape::terminal::escape;
use crate::store::contents::Entry;
use crate::text::spans::{SpanIndex, TokenKind, cursor_at, string_inner};

/// At most this many ids are listed at once; the list is then marked
/// incomplete, and the editor asks again as more is typed.
pub(super) const MAX_ITEMS: usize = 500;

/// The completions at a position of an open file.
pub(super) fn complete(
    ws: &Workspace,
    rel: &str,
    position: Position,
    encoding: Encoding,
) -> Option<CompletionList> {
    let text = &ws.buffers.get(rel)?.text;
    let index = LineIndex::new(text, encoding);
    let offset = index.offset(position).ok()?;
    let cursor = cursor_at(text, offset);
    let what = takes(&cursor)?;
    // Where the completion goes, what is typed there already, and whether
    // the inserted name needs quotes.
    let (span, quoted) = match &cursor.token {
        Some(t) if t.kind == TokenKind::Str => {
            let inner = string_inner(text, t.range.clone());
            if !(inner.start..=inner.end).contains(&offset) {
                return None;
            }
            (inner, false)
        }
        Some(t) if t.kind == TokenKind::Ident && (t.range.contains(&offset) || t.range.end == offset) => {
            (t.range.clone(), true)
        }
        Some(_) => return None,
        None => (offset..offset, true),
    };
    let typed = &text[span.start..offset.max(span.start)];
    let range = index.range(span);
    let variants = matches!(what, Takes::Variant(_));
    let (items, complete) = match what {
        Takes::Id(kind) => ids(ws, text, kind, typed),
        Takes::Measure => (measures(ws), true),
        Takes::Variant(variants) if quoted => (
            variants
                .into_iter()
                .map(|(name, detail)| Item {
                    label: name.to_owned(),
                    detail,
                    kind: CompletionItemKind::ENUM_MEMBER,
                })
                .collect(),
            true,
        ),
        Takes::Variant(_) | Takes::OwnId(_) | Takes::Snapshot => return None,
    };
    let quote = quoted && !variants;
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let new_text =
                if quote { crate::text::ron_writer::string(&item.label) } else { item.label.clone() };
            CompletionItem {
                filter_text: Some(if quote { new_text.clone() } else { item.label.clone() }),
                sort_text: Some(format!("{i:06}")),
                label: item.label,
                kind: Some(item.kind),
                detail: Some(escape(&item.detail).into_owned()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionList { is_incomplete: !complete, items })
}

struct Item {
    label: String,
    detail: String,
    kind: CompletionItemKind,
}

/// Ids of records of `kind` that contain what is typed, at most
/// [`MAX_ITEMS`]; and whether that is all of them. Claims a claim may
/// supersede are those of its subject and measure (docs/reference.md section 4),
/// read from the text even while it does not parse.
fn ids(ws: &Workspace, text: &str, kind: RecordKind, typed: &str) -> (Vec<Item>, bool) {
    let candidates: Vec<&Entry> = match kind {
        RecordKind::Claim => {
            let index = SpanIndex::build(text);
            let field = |name: &str| {
                let span = index.field(name)?.value.clone();
                Some(text[string_inner(text, span)].to_owned())
            };
            match (field("subject"), field("measure"), field("id")) {
                (Some(subject), Some(measure), own) => {
                    let mut group = ws.group(&subject, &measure);
                    group.retain(|e| Some(e.record.id()) != own.as_deref());
                    group
                }
                _ => ws.of_kind(RecordKind::Claim),
            }
        }
        kind => ws.of_kind(kind),
    };
    let mut items = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in candidates {
        let id = e.record.id();
        if !id.contains(typed) || !seen.insert(id) {
            continue;
        }
        if items.len() == MAX_ITEMS {
            return (items, false);
        }
        items.push(Item { label: id.to_owned(), detail: detail(e), kind: CompletionItemKind::REFERENCE });
    }
    (items, true)
}

/// A record in a few words: a source's name and kind, a document's title
/// and date, a claim's statement.
pub(super) fn detail(e: &Entry) -> String {
    match &e.record {
        Record::Source(s) => format!("{} ({})", s.name, s.kind.name()),
        Record::Document(d) => format!("{} ({}, {})", d.title, d.publisher, d.published),
        Record::Claim(c) => format!("{} ({})", c.statement, c.value.display()),
    }
}

fn measures(ws: &Workspace) -> Vec<Item> {
    ws.measures()
        .iter()
        .map(|m| {
            let mut detail = m.kind.name().to_owned();
            if let Some(unit) = &m.unit {
                detail.push_str(&format!(", {unit}"));
            }
            if let Some(description) = &m.description {
                detail.push_str(&format!(": {description}"));
            }
            Item { label: m.id.clone(), detail, kind: CompletionItemKind::REFERENCE }
        })
        .collect()
}
