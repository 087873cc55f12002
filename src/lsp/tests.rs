//! Completion, hover, definition and code actions in memory: a workspace
//! over `testing::snapshot`, one buffer open, a cursor marked `|`.

use lsp_types::{CodeActionContext, CodeActionOrCommand, CodeActionParams, Position, TextDocumentIdentifier};

use crate::lsp::buffer::{Buffer, Parsed};
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::scope::Scope;
use crate::lsp::workspace::Workspace;
use crate::testing::{sealed, snapshot};

const OPEN: &str = "claims/s/new.ron";

fn source(id: &str, name: &str) -> String {
    sealed(&format!(
        "Source(id: \"{id}\", name: \"{name}\", kind: Government, ratings: [Rating(on: \"2024\", reliability: C, by: \"Desk\")])"
    ))
}

fn claim(id: &str, subject: &str, value: &str) -> String {
    sealed(&format!(
        "Claim(id: \"{id}\", subject: \"{subject}\", measure: \"killed\", value: {value}, as_of: \"2024-03-2{}\", statement: \"S {id}\", claimant: \"ic\", citations: [Citation(document: \"doc\", quote: \"q\")])",
        id.len() % 9
    ))
}

/// A workspace with sources, a document and claims, and `marked` open at
/// OPEN; the cursor's position.
fn open(marked: &str) -> (Workspace, Position) {
    let files = [
        ("sources/ic.ron", source("ic", "Investigative Committee")),
        ("sources/knb.ron", source("knb", "KNB")),
        (
            "sources/doc.ron",
            sealed(
                "Document(id: \"doc\", publisher: \"knb\", title: \"The toll\", published: \"2024-03-24\")",
            ),
        ),
        ("claims/s/a.ron", claim("a", "s", "Exact(5)")),
        ("claims/s/b.ron", claim("b", "s", "Exact(500)")),
        ("claims/t/c.ron", claim("c", "t", "Exact(5)")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let mut ws = Workspace::in_memory(snapshot(&refs));
    let offset = marked.find('|').expect("a cursor mark");
    let text = marked.replacen('|', "", 1);
    let position = LineIndex::new(&text, Encoding::Utf16).position(offset);
    let uri = "file:///nowhere/store/claims/s/new.ron".parse().expect("a URI");
    ws.set_buffer(OPEN, Buffer { uri, version: 1, text, lost: None, parsed: Parsed::Other });
    (ws, position)
}

fn labels(marked: &str) -> Vec<String> {
    let (ws, at) = open(marked);
    let list = crate::lsp::complete::complete(&ws, OPEN, at, Encoding::Utf16);
    list.map_or(Vec::new(), |l| l.items.into_iter().map(|i| i.label).collect())
}

#[test]
fn completes_what_each_field_takes() {
    assert_eq!(labels("Claim(claimant: \"|\")"), ["ic", "knb"]);
    assert_eq!(labels("Claim(claimant: \"k|\")"), ["knb"]);
    assert_eq!(labels("Claim(citations: [Citation(document: |)])"), ["doc"]);
    assert_eq!(labels("Claim(measure: \"|\")")[..2], ["killed", "any"]);
    assert_eq!(labels("Claim(value: Actor(\"|\"))"), ["ic", "knb"]);
    assert_eq!(labels("Claim(value: |)")[..3], ["Exact", "AtLeast", "AtMost"]);
    assert_eq!(labels("Source(ratings: [Rating(reliability: |)])"), ["A", "B", "C", "D", "E", "F"]);
    assert_eq!(labels("Claim(review: Review(verdict: Mi|))")[0], "True");
    assert!(labels("Claim(statement: \"|\")").is_empty());
    // Claims a claim may supersede: its group's, read from a text that
    // does not parse yet, itself left out.
    assert_eq!(
        labels("Claim(id: \"a\", subject: \"s\", measure: \"killed\", supersedes: [\"|\"], valu"),
        ["b"]
    );
}

#[test]
fn ids_are_quoted_outside_strings_and_replace_the_inside_of_one() {
    let (ws, at) = open("Claim(claimant: kn|)");
    let list = crate::lsp::complete::complete(&ws, OPEN, at, Encoding::Utf16).expect("a list");
    let edit = match &list.items[0].text_edit {
        Some(lsp_types::CompletionTextEdit::Edit(e)) => e.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(edit.new_text, "\"knb\"");
    assert_eq!((edit.range.start.character, edit.range.end.character), (16, 18));
    let (ws, at) = open("Claim(claimant: \"i|x\")");
    let list = crate::lsp::complete::complete(&ws, OPEN, at, Encoding::Utf16).expect("a list");
    match &list.items[0].text_edit {
        Some(lsp_types::CompletionTextEdit::Edit(e)) => {
            assert_eq!((e.new_text.as_str(), e.range.start.character, e.range.end.character), ("ic", 17, 19))
        }
        other => panic!("{other:?}"),
    }
}

fn hover(marked: &str) -> String {
    let (ws, at) = open(marked);
    let mut known = crate::lsp::hover::TrackRecords::default();
    let h = crate::lsp::hover::hover(&ws, &mut known, OPEN, at, Encoding::Utf16);
    match h.map(|h| h.contents) {
        Some(lsp_types::HoverContents::Markup(m)) => m.value,
        other => format!("{other:?}"),
    }
}

#[test]
fn hovers_show_the_record() {
    let ic = hover(&claim("x", "s", "Exact(5)").replacen("\"ic\"", "\"i|c\"", 1));
    assert!(ic.contains("**Investigative Committee**") && ic.contains("current rating **C**"), "{ic}");
    // ic is claimant of a, b, c and the open claim; a and b (Exact 5 and
    // 500, same subject) contradict each other, and x agrees with a but
    // has the same claimant (no corroboration).
    assert!(ic.contains("claimant of 4 claims; 0 corroborated, 3 contradicted, 0 retracted"), "{ic}");
    let doc = hover("Claim(citations: [Citation(document: \"d|oc\")])");
    assert!(
        doc.contains("**The toll**") && doc.contains("by KNB `knb`") && doc.contains("no archived snapshot"),
        "{doc}"
    );
    let measure = hover("Claim(measure: \"kil|led\")");
    assert!(measure.contains("measure of kind Count") && measure.contains("NonDecreasing"), "{measure}");
    assert_eq!(hover("Claim(claimant: \"nob|ody\")"), "None");
}

#[test]
fn definitions_point_at_the_id() {
    let (ws, at) = open("Claim(claimant: \"k|nb\")");
    let found = crate::lsp::definition::definition(&ws, OPEN, at, Encoding::Utf16);
    let Some(lsp_types::GotoDefinitionResponse::Array(locations)) = found else { panic!("{found:?}") };
    assert_eq!(locations.len(), 1);
    assert!(locations[0].uri.as_str().ends_with("/store/sources/knb.ron"), "{:?}", locations[0].uri);
}

fn action_titles(marked: &str) -> Vec<String> {
    let (mut ws, at) = open(marked);
    let found = crate::lsp::diagnostics::findings(&mut ws, OPEN, Scope::Record).expect("open");
    let params = CodeActionParams {
        text_document: TextDocumentIdentifier { uri: ws.buffers[OPEN].uri.clone() },
        range: lsp_types::Range { start: at, end: at },
        context: CodeActionContext::default(),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    };
    crate::lsp::actions::actions(
        &ws,
        OPEN,
        &params,
        &found,
        Encoding::Utf16,
        crate::lsp::actions::EditForm::Plain,
    )
    .into_iter()
    .map(|a| match a {
        CodeActionOrCommand::CodeAction(a) => a.title,
        CodeActionOrCommand::Command(c) => c.title,
    })
    .collect()
}

#[test]
fn fixes_for_mistyped_ids_and_stale_hashes() {
    let text = claim("x", "s", "Exact(5)");
    let titles = action_titles(&text.replacen("\"ic\"", "\"k|nbb\"", 1));
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(titles[0], "Replace with `knb`");
    assert!(titles[1].starts_with("Reseal the hash (sha256:"), "{titles:?}");
    // An id inside a value, and a measure.
    let actor = text.replacen("Exact(5)", "Actor(\"kn|bb\")", 1).replacen("killed", "organised-by", 1);
    assert_eq!(action_titles(&actor)[0], "Replace with `knb`");
    let measure = text.replacen("\"killed\"", "\"kil|ed\"", 1);
    assert_eq!(action_titles(&measure)[0], "Replace with `killed`");
    // A sealed record needs no reseal.
    assert!(action_titles(&format!("|{text}")).is_empty());
}

#[test]
fn record_text_reaches_the_editor_escaped() {
    let hostile = claim("x", "s", "Exact(5)").replacen("\"ic\"", "\"i\u{202e}c\u{1b}[31m|\"", 1);
    let (mut ws, _) = open(&hostile);
    let found = crate::lsp::diagnostics::findings(&mut ws, OPEN, Scope::Record).expect("open");
    let shown = crate::lsp::diagnostics::to_protocol(&ws, OPEN, &found, Encoding::Utf16);
    let dangling = shown.iter().find(|d| d.message.contains("there is no source")).expect("the finding");
    assert!(dangling.message.contains("i\\u{202e}c\\u{1b}[31m"), "{}", dangling.message);
    assert!(!shown.iter().any(|d| d.message.chars().any(|c| c == '\u{202e}' || c == '\u{1b}')));
}

#[test]
fn a_buffer_with_conflict_markers_is_a_merge_conflict_at_the_first_marker() {
    let (mut ws, _) = open(
        "Claim(\n    id: \"new\",\n<<<<<<< ours\n    value: Exact(5),\n=======\n    value: Exact(6),\n>>>>>>> theirs\n)|\n",
    );
    let found = crate::lsp::diagnostics::findings(&mut ws, OPEN, Scope::Record).expect("open");
    let shown: Vec<String> = found
        .iter()
        .map(|d| format!("{} {:?}:{:?} {}", d.code.as_str(), d.line, d.column, d.message))
        .collect();
    assert_eq!(
        shown,
        [
            "merge-conflict Some(3):Some(1) git's conflict markers: a merge left `value` unresolved, with both sides' lines"
        ]
    );
    assert!(found[0].help.as_deref().is_some_and(|h| h.contains("claimtrail hash")));
}
