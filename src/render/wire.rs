//! Every version-1 JSON wire type of docs/reference.md section 9, in one place: the
//! outputs of `check`, `conflicts`, `sources`, `report`, `history`, `diff`,
//! `blame` and `coverage`. They are serde structs of their own, apart from
//! the model, so the model can change without breaking anyone's scripts.
//! Field names are a public contract: fields may be added, never renamed or
//! removed. Every output type derives `JsonSchema`; its schema is in
//! schemas/`<command>-output.schema.json` (`render::schema`), and a test
//! fails when the two drift apart.

use std::borrow::Cow;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value as Json;

use crate::compare::pair::Conflict;
use crate::compare::track_record::TrackRecord;
use crate::finding::{Diagnostic, Tally};
use crate::render::escape::terminal::escape;

pub(crate) const VERSION: u32 = 1;

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CheckOutput<'a> {
    pub version: u32,
    pub summary: Summary,
    pub diagnostics: Vec<WireDiagnostic<'a>>,
}

/// The counts that open `check`'s JSON output.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub struct Summary {
    /// How many records: claims, sources and documents.
    pub records: usize,
    /// How many claims.
    pub claims: usize,
    /// How many sources.
    pub sources: usize,
    /// How many documents.
    pub documents: usize,
    /// How many error findings.
    pub errors: usize,
    /// How many warning findings.
    pub warnings: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub id: Option<&'a str>,
    /// Display text, escaped as for a terminal (`jq -r .message` is safe).
    pub message: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
    /// Other places the finding names (the other claim of a conflict);
    /// left out when there are none (`default` tells the schema so).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<WireRelated<'a>>,
}

/// A related place of a finding.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireRelated<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub id: Option<&'a str>,
    /// Display text, escaped as for a terminal.
    pub message: Cow<'a, str>,
}

impl<'a> WireDiagnostic<'a> {
    pub(crate) fn from(d: &'a Diagnostic) -> Self {
        WireDiagnostic {
            code: d.code.as_str(),
            severity: d.severity.name(),
            file: &d.file,
            line: d.line,
            column: d.column,
            id: d.id.as_deref(),
            message: escape(&d.message),
            help: d.help.as_deref().map(escape),
            new: d.new,
            related: d
                .related
                .iter()
                .map(|r| WireRelated {
                    file: &r.file,
                    line: r.line,
                    column: r.column,
                    id: r.id.as_deref(),
                    message: escape(&r.message),
                })
                .collect(),
        }
    }
}

impl Summary {
    /// The summary of a store with these counts and findings.
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

/// Writes any wire value as pretty JSON and a newline, with the string
/// escapes of `safe_json` (no raw C1 controls or bidi overrides).
pub(crate) fn write_value(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, super::escape::json::SafeFormatter::new());
    value.serialize(&mut ser).map_err(io::Error::other)?;
    writeln!(out)
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ConflictsOutput<'a> {
    pub version: u32,
    pub conflicts: Vec<WireConflict<'a>>,
    pub revisions: &'a [WireRevision],
    /// The groups that left conflicting pairs out (over
    /// `max_pairs_per_group`); empty when none.
    pub omitted: Vec<WireOmitted<'a>>,
}

/// A group that left conflicting pairs out: how many (docs/reference.md section 4,
/// "Large groups").
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireOmitted<'a> {
    pub subject: &'a str,
    pub measure: &'a str,
    /// The pairs not listed.
    pub pairs: usize,
}

impl<'a> WireOmitted<'a> {
    pub(crate) fn of(analysis: &'a crate::compare::analysis::Analysis) -> Vec<WireOmitted<'a>> {
        analysis
            .omitted()
            .map(|g| WireOmitted { subject: g.subject, measure: &g.measure.id, pairs: g.omitted })
            .collect()
    }
}

/// A conflicting pair; `claims` sorted.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireConflict<'a> {
    pub subject: &'a str,
    pub measure: &'a str,
    pub kind: &'static str,
    pub claims: [&'a str; 2],
}

/// A revision across history (docs/reference.md section 4), as `conflicts --history`
/// lists it; `from` and `to` are values in their JSON form.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WireRevision {
    pub id: String,
    pub commit: String,
    #[schemars(with = "crate::model::Value")]
    pub from: serde_json::Value,
    #[schemars(with = "crate::model::Value")]
    pub to: serde_json::Value,
    pub explained: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SourcesOutput<'a> {
    pub version: u32,
    pub sources: Vec<WireSource<'a>>,
}

/// A source's track record; `rating` is null when unrated.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireSource<'a> {
    pub id: &'a str,
    pub rating: Option<&'static str>,
    pub claims: usize,
    pub corroborated: usize,
    pub contradicted: usize,
    pub revised: usize,
    pub retracted: usize,
    /// Claims superseded by a later or corrected figure.
    pub superseded: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReportOutput<'a> {
    pub version: u32,
    pub claims: Vec<WireClaim<'a>>,
    pub conflicts: Vec<WireConflict<'a>>,
    pub sources: Vec<WireSource<'a>>,
    /// The groups that left conflicting pairs out, as in `conflicts`;
    /// absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<WireOmitted<'a>>,
    /// Each group's answer line, by subject and measure (groups with a
    /// current claim).
    pub answers: Vec<WireAnswer<'a>>,
}

/// The answer line of a group: its current range, the best-rated
/// claimant's latest figure and what it replaced, the outgrown figures and
/// the open conflicts, in words.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireAnswer<'a> {
    pub subject: &'a str,
    pub measure: &'a str,
    /// Display text, escaped as for a terminal.
    pub text: String,
}

/// A claim of the report; `credibility` is null when it is not graded.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireClaim<'a> {
    pub id: &'a str,
    pub subject: &'a str,
    pub measure: &'a str,
    #[schemars(with = "crate::model::Value")]
    pub value: serde_json::Value,
    pub as_of: Option<&'a str>,
    pub claimant: &'a str,
    pub credibility: Option<WireCredibility<'a>>,
    /// The ids of the claims that directly supersede it; empty when current.
    pub superseded_by: Vec<&'a str>,
    /// The ids of the claims that outgrew it: the first later current
    /// claims of another claimant that lie wholly above it, for a
    /// NonDecreasing measure; empty when none.
    pub outgrown_by: Vec<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireCredibility<'a> {
    pub grade: u8,
    /// Display texts, escaped as for a terminal.
    pub reasons: Vec<Cow<'a, str>>,
}

impl<'a> WireConflict<'a> {
    pub(crate) fn from(c: &'a Conflict) -> WireConflict<'a> {
        WireConflict {
            subject: &c.subject,
            measure: &c.measure,
            kind: c.kind.as_str(),
            claims: [&c.claims[0], &c.claims[1]],
        }
    }
}

impl<'a> WireSource<'a> {
    pub(crate) fn from(r: &TrackRecord<'a>) -> WireSource<'a> {
        WireSource {
            id: &r.source.id,
            rating: r.rating.map(|r| r.letter()),
            claims: r.claims,
            corroborated: r.corroborated,
            contradicted: r.contradicted,
            revised: r.revised,
            retracted: r.retracted,
            superseded: r.superseded,
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct HistoryOutput<'a> {
    pub version: u32,
    pub versions: Vec<WireVersion<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireVersion<'a> {
    pub id: &'a str,
    pub commit: &'a str,
    pub time: &'a str,
    pub author: &'a str,
    pub path: &'a str,
    /// `added`, `modified`, `moved`, `deleted`, or `unreadable` (an
    /// addition to docs/reference.md section 9: the record's file became a symlink or a
    /// submodule in git, which is never read).
    pub change: &'static str,
    /// The claim's value (section 5 JSON); null when deleted, unreadable
    /// or not a claim.
    #[schemars(with = "Option<crate::model::Value>")]
    pub value: Option<serde_json::Value>,
    /// The computed hash of this version; null when deleted or unreadable.
    pub hash: Option<&'a str>,
    /// The commit's first line.
    pub summary: &'a str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct DiffOutput<'a> {
    pub version: u32,
    pub from: &'a str,
    pub to: &'a str,
    pub changes: Vec<WireChange<'a>>,
    /// Record files that a side cannot read (not RON, not UTF-8, over
    /// `max_file_bytes`, unreadable), by path; an addition to docs/reference.md section 9.
    pub unreadable: Vec<WireUnreadable<'a>>,
}

/// A record file that a side cannot read.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireUnreadable<'a> {
    pub path: &'a str,
    /// The record the other side reads at the path; null when none.
    pub id: Option<&'a str>,
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// Why the old side cannot read it; null when it reads a record there
    /// or has no file.
    pub old: Option<WireReason>,
    /// The same for the new side.
    pub new: Option<WireReason>,
}

/// Why a side cannot read a record file.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireReason {
    /// Display text, escaped as for a terminal.
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireChange<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub change: &'static str,
    /// Where the record is (was, if removed).
    pub path: &'a str,
    pub fields: Vec<WireField<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireField<'a> {
    pub field: &'a str,
    pub old: &'a Option<Json>,
    pub new: &'a Option<Json>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct BlameOutput<'a> {
    pub version: u32,
    pub id: &'a str,
    pub fields: Vec<WireBlame<'a>>,
}

/// One field of `blame`: its value (section 5 JSON) and the commit that
/// last set it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireBlame<'a> {
    pub field: &'a str,
    pub value: &'a Json,
    pub commit: &'a str,
    pub time: &'a str,
    pub author: &'a str,
    /// The commit's first line.
    pub summary: &'a str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CoverageOutput<'a> {
    pub version: u32,
    pub document: &'a str,
    /// The snapshot's path, relative to sources/snapshots/.
    pub snapshot: &'a str,
    /// Uncovered figures first, each group in text order.
    pub figures: Vec<WireFigure<'a>>,
    pub dates: Vec<WireDate<'a>>,
}

/// A figure of a snapshot and the claims that cover it (none: uncovered).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireFigure<'a> {
    /// The figure as written, escaped as for a terminal.
    pub text: Cow<'a, str>,
    pub value: u64,
    pub line: usize,
    pub column: usize,
    /// The sentence around it: whitespace runs as one space, `…` where it
    /// was cut short; escaped as for a terminal.
    pub sentence: String,
    pub claims: &'a [&'a str],
}

/// A year or date of a snapshot, listed apart from its figures.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireDate<'a> {
    /// The date as written, escaped as for a terminal.
    pub text: Cow<'a, str>,
    pub line: usize,
    pub column: usize,
    /// `year` or `date`.
    pub kind: &'static str,
}

/// `archive`: the document written, from where, and its files.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ArchiveOutput<'a> {
    pub version: u32,
    /// The new document's id.
    pub document: &'a str,
    /// The final URL, after redirects.
    pub url: &'a str,
    /// The HTTP status of the final response.
    pub status: u16,
    /// The snapshot's name in sources/snapshots/.
    pub snapshot: &'a str,
    /// The WARC capture's name in sources/snapshots/.
    pub capture: &'a str,
    /// The Document record's path from the store root.
    pub record: &'a str,
}

/// `recheck`: each document's live page against its archived text.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RecheckOutput<'a> {
    pub version: u32,
    pub documents: Vec<WireRechecked<'a>>,
}

/// One document rechecked.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireRechecked<'a> {
    pub id: &'a str,
    pub url: &'a str,
    /// `unchanged`, `changed`, `gone` (HTTP 404 or 410) or `unreachable`.
    pub status: &'static str,
    /// Why unreachable; the HTTP status when gone; else null.
    pub reason: Option<&'a str>,
    /// The id of the new document `--save` wrote, else null.
    pub saved: Option<&'a str>,
    /// Every quote citing the document (none when unreachable).
    pub quotes: Vec<WireRecheckQuote<'a>>,
    /// What changed, when changed: word edits of the readable text
    /// (folded as quotes are), each with the words before it.
    pub changes: Vec<WireEdit<'a>>,
}

/// A quote citing a rechecked document.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireRecheckQuote<'a> {
    pub claim: &'a str,
    pub quote: &'a str,
    /// Whether the live page still has it (false when the page is gone).
    pub found: bool,
    /// The closest live passage when not found, else null.
    pub closest: Option<&'a str>,
    /// How the quote differs from `closest`, one `old → new` per edit
    /// (`143 → 144`; `∅` for nothing).
    pub differences: &'a [String],
}

/// One word edit of a changed page.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WireEdit<'a> {
    /// Up to six words before the edit.
    pub before: &'a str,
    /// The words removed (empty when only added).
    pub old: &'a str,
    /// The words added (empty when only removed).
    pub new: &'a str,
}
