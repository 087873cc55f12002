//! Go to definition: from an id to the record that defines it (at its
//! `id` field; every record, when the id is duplicated), from a measure
//! to its entry in schemas/measures.ron, from a document's snapshot path
//! to the archived file.

use lsp_types::{GotoDefinitionResponse, Location, Position, Range};

use crate::lsp::diagnostics::uri_of;
use crate::lsp::fields::Takes;
use crate::lsp::hover::named_at;
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::workspace::Workspace;
use crate::text::spans::{SpanIndex, string_inner};

/// The definitions of what is written at a position of an open file.
pub(super) fn definition(
    ws: &Workspace,
    rel: &str,
    position: Position,
    encoding: Encoding,
) -> Option<GotoDefinitionResponse> {
    let text = &ws.buffers.get(rel)?.text;
    let offset = LineIndex::new(text, encoding).offset(position).ok()?;
    let (what, name, _) = named_at(text, offset)?;
    let locations: Vec<Location> = match what {
        Takes::Id(_) | Takes::OwnId(_) => ws
            .with_id(&name)
            .into_iter()
            .filter_map(|e| at_field(ws, &e.file, |index, _| index.locate("id"), encoding))
            .collect(),
        Takes::Measure => {
            let file = ws.store.config.measures.clone();
            let find = |index: &SpanIndex, text: &str| {
                (0..).map_while(|i| index.field(&format!("[{i}].id"))).find_map(|f| {
                    (text[string_inner(text, f.value.clone())] == *name).then(|| f.value.clone())
                })
            };
            at_field(ws, &file, find, encoding).into_iter().collect()
        }
        Takes::Snapshot => {
            // Never a path out of the snapshots folder (docs/reference.md, `path-escape`).
            crate::store::lexically_inside(&name).ok()?;
            let path = ws.store.root.join(ws.store.config.snapshots()).join(&name);
            let uri = crate::lsp::uri::from_path(&path)?;
            vec![Location { uri, range: Range::default() }]
        }
        Takes::Variant(_) => return None,
    };
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

/// A location in a file of the store, at the span `find` picks in it.
fn at_field(
    ws: &Workspace,
    rel: &str,
    find: impl Fn(&SpanIndex, &str) -> Option<std::ops::Range<usize>>,
    encoding: Encoding,
) -> Option<Location> {
    let uri = uri_of(ws, rel)?;
    // A file that cannot be read now is still the place: its start.
    let range = ws
        .text(rel)
        .and_then(|text| {
            let span = find(&SpanIndex::build(&text), &text)?;
            Some(LineIndex::new(&text, encoding).range(span))
        })
        .unwrap_or_default();
    Some(Location { uri, range })
}
