//! Hover over an id or a measure: a source's name, kind, current rating
//! and track record; a document's title, publisher, date and whether its
//! snapshot is on disk; a measure's kind, unit and trend; a claim's
//! statement and value. Markdown, with record text escaped for it.

use std::collections::{BTreeSet, HashMap, HashSet};

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::compare::analysis::Analysis;
use crate::compare::track_record::track_records;
use crate::lsp::fields::{Takes, takes};
use crate::lsp::position::{Encoding, LineIndex};
use crate::lsp::workspace::Workspace;
use crate::model::{Measure, Record, RecordKind, Source};
use crate::render::escape::markdown::{code, escape};
use crate::store::contents::{Contents, Entry, SnapshotFile};
use crate::text::spans::{TokenKind, cursor_at, string_inner};

/// The hover at a position of an open file.
pub(super) fn hover(
    ws: &Workspace,
    known: &mut TrackRecords,
    rel: &str,
    position: Position,
    encoding: Encoding,
) -> Option<Hover> {
    let text = &ws.buffers.get(rel)?.text;
    let index = LineIndex::new(text, encoding);
    let offset = index.offset(position).ok()?;
    let (what, name, span) = named_at(text, offset)?;
    let markdown = match what {
        Takes::Measure => measure(ws.measures().iter().find(|m| m.id == name)?),
        Takes::Id(_) | Takes::OwnId(_) => {
            let records = ws.with_id(&name);
            let e = records.first()?;
            let mut shown = record(ws, known, e);
            if records.len() > 1 {
                shown.push_str(&format!("\n\n{} records have this id.", records.len()));
            }
            shown
        }
        Takes::Snapshot | Takes::Variant(_) => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(index.range(span)),
    })
}

/// The id (or measure, or snapshot path) written at an offset: what the
/// field takes, the string's text, and the string's span.
pub(super) fn named_at(text: &str, offset: usize) -> Option<(Takes, String, std::ops::Range<usize>)> {
    let cursor = cursor_at(text, offset);
    let token = cursor.token.clone().filter(|t| t.kind == TokenKind::Str && t.range.contains(&offset))?;
    let what = takes(&cursor)?;
    let inner = string_inner(text, token.range.clone());
    Some((what, text[inner].to_owned(), token.range))
}

fn record(ws: &Workspace, known: &mut TrackRecords, e: &Entry) -> String {
    match &e.record {
        Record::Source(s) => source(ws, known, s),
        Record::Document(d) => {
            let mut out = format!("**{}**  \ndocument {}", escape(&d.title), code(&d.id));
            let publisher = ws.with_id(&d.publisher);
            let publisher_name = publisher.iter().find_map(|p| p.record.as_source()).map(|s| s.name.as_str());
            out.push_str(&format!(
                "\n\npublished {} by {}{}",
                escape(&d.published),
                publisher_name.map(|n| format!("{} ", escape(n))).unwrap_or_default(),
                code(&d.publisher),
            ));
            if let Some(url) = &d.url {
                out.push_str(&format!("  \n{}", code(url)));
            }
            let snapshot = match &d.snapshot {
                None => "no archived snapshot".to_owned(),
                Some(path) => match ws.known_snapshot_file(path) {
                    Some(SnapshotFile::Found { text: Ok(_), .. }) => {
                        format!("snapshot {} is archived", code(path))
                    }
                    Some(SnapshotFile::Found { text: Err(why), .. }) => {
                        format!("snapshot {} has **no readable text**: {}", code(path), escape(&why.why))
                    }
                    Some(SnapshotFile::Missing) | None => format!("snapshot {} is **missing**", code(path)),
                    Some(SnapshotFile::Escapes(why)) => format!("snapshot {} {}", code(path), escape(why)),
                    Some(SnapshotFile::Unreadable(why)) => {
                        format!("snapshot {} cannot be read: {}", code(path), escape(why))
                    }
                },
            };
            out.push_str(&format!("\n\n{snapshot}"));
            out
        }
        Record::Claim(c) => format!(
            "**{}**  \nclaim {} by {}: {} {}{}",
            escape(&c.statement),
            code(&c.id),
            code(&c.claimant),
            escape(&c.measure),
            escape(&c.value.display()),
            c.as_of.as_deref().map(|d| format!(" as of {}", escape(d))).unwrap_or_default()
        ),
    }
}

fn source(ws: &Workspace, known: &mut TrackRecords, s: &Source) -> String {
    let mut out = format!("**{}**  \n{} source {}", escape(&s.name), s.kind.name(), code(&s.id));
    match s.ratings.last() {
        Some(r) => out.push_str(&format!(
            "\n\ncurrent rating **{}** (on {}, by {})",
            r.reliability.letter(),
            escape(&r.on),
            escape(&r.by)
        )),
        None => out.push_str("\n\nnot rated"),
    }
    if !s.part_of.is_empty() {
        let parents: Vec<String> = s.part_of.iter().map(|p| code(p)).collect();
        out.push_str(&format!("  \npart of {}", parents.join(", ")));
    }
    let t = known.of(ws, &s.id);
    out.push_str(&format!(
        "\n\ntrack record: claimant of {} claims; {} corroborated, {} contradicted, {} retracted",
        t.claims, t.corroborated, t.contradicted, t.retracted
    ));
    out
}

fn measure(m: &Measure) -> String {
    let mut out = format!("**{}**  \nmeasure of kind {}", escape(&m.id), m.kind.name());
    if let Some(unit) = &m.unit {
        out.push_str(&format!(", in {}", escape(unit)));
    }
    out.push_str(&format!(
        "  \ntrend {:?}, tolerance {} %{}",
        m.trend,
        m.tolerance_percent,
        if m.multi { ", several actors may all be true" } else { "" }
    ));
    if let Some(description) = &m.description {
        out.push_str(&format!("\n\n{}", escape(description)));
    }
    out
}

/// A source's counts from `compare::track_record` (revisions need git
/// history and are left out).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Counts {
    pub claims: usize,
    pub corroborated: usize,
    pub contradicted: usize,
    pub retracted: usize,
}

/// Track records computed since the store or a buffer last changed: a
/// second hover over the same source costs nothing.
#[derive(Debug, Default)]
pub(super) struct TrackRecords {
    generation: u64,
    counts: HashMap<String, Counts>,
}

impl TrackRecords {
    fn of(&mut self, ws: &Workspace, id: &str) -> &Counts {
        if self.generation != ws.generation() {
            self.counts.clear();
            self.generation = ws.generation();
        }
        self.counts.entry(id.to_owned()).or_insert_with(|| track_record(ws, id))
    }
}

/// The track record of one source over the store with the buffers laid
/// over it. Whether a claim is corroborated or contradicted depends only
/// on its group, so only the groups of the source's claims are compared,
/// with every source, a batch of groups at a time: the work of those
/// groups, and the memory of one batch, never of the whole store.
pub(super) fn track_record(ws: &Workspace, id: &str) -> Counts {
    /// Claims compared at once: enough that the sources' part of each
    /// comparison costs little, few enough to hold.
    const BATCH: usize = 4096;
    let mut groups: BTreeSet<(String, String)> = BTreeSet::new();
    for e in ws.of_kind(RecordKind::Claim) {
        if let Some(c) = e.record.as_claim().filter(|c| c.claimant == id) {
            groups.insert((c.subject.to_string(), c.measure.to_string()));
        }
    }
    let mut part = Contents::new(ws.disk().config.clone());
    part.measures = ws.measures().to_vec();
    part.entries = ws.of_kind(RecordKind::Source).into_iter().cloned().collect();
    let sources = part.entries.len();
    let mut total = Counts::default();
    let mut groups = groups.into_iter().peekable();
    while groups.peek().is_some() {
        part.entries.truncate(sources);
        while part.entries.len() - sources < BATCH
            && let Some((subject, measure)) = groups.next()
        {
            part.entries.extend(ws.group(&subject, &measure).into_iter().cloned());
        }
        let analysis = Analysis::of(&part);
        let records = track_records(&part, &analysis, &HashSet::new());
        if let Some(r) = records.iter().find(|r| r.source.id == id) {
            total.claims += r.claims;
            total.corroborated += r.corroborated;
            total.contradicted += r.contradicted;
            total.retracted += r.retracted;
        }
    }
    total
}
