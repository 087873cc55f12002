//! The SARIF 2.1.0 wire format of `check --format sarif`, as GitHub code
//! scanning reads it: one run whose `tool.driver.rules` come from the rule
//! registry (so `--explain` and SARIF cannot drift apart), and one result
//! per finding with a location relative to the repository root, its
//! region's end, the related places (the other claim of a conflict) as
//! `relatedLocations`, and a `partialFingerprints` entry made of the rule,
//! the record id, the field and the related ids, so that code scanning
//! follows an alert when unrelated lines move and keeps apart the many
//! conflicts of one claim that sit on one line.
//!
//! Every result has a region (GitHub's GH1003): a finding about a whole
//! file (a symlink out of the store, a file over the size limit) starts at
//! line 1 of it. `tests/it/sarif_ghas.rs` checks the GHAS rules of
//! Microsoft's SARIF multitool (GH1001–GH1007) on real logs.
//!
//! `tool.driver.informationUri` and each rule's `helpUri` point at the
//! README of the repository that Cargo.toml's `repository` records, and
//! are left out while it records none: claimtrail has no published site,
//! and a made-up address would send code scanning's readers nowhere. Each
//! rule's `help` carries its whole documentation instead.
//!
//! A log stays within GitHub code scanning's documented limits on an
//! upload ("SARIF support for code scanning"; "SARIF results exceed one
//! or more limits"), which reject the whole upload when one is passed, so
//! that a store with too many findings still shows its most important
//! ones: one run; at most 25,000 results, chosen errors first, then new
//! findings (under `--since`), then the rest, each group in the order the
//! findings are written; at most 1,000 locations per result, the related
//! ones included; fewer rules than the 25,000 allowed; and a log whose
//! gzip-compressed size stays under 8 MB (GitHub takes 10 MB; the rest is
//! a margin for other compressors). What is left out is counted in a
//! `toolExecutionNotifications` entry of the run's invocation, which is
//! written only then: a log within the limits is the same as before.
//!
//! Deliberately absent: `partialFingerprints.primaryLocationLineHash`,
//! which the uploader computes from the file itself, and absolute paths,
//! which would tie the log to one machine. Columns count Unicode code
//! points, as `diagnostic::locate` does, and the run says so.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::finding::{Code, Diagnostic, Severity};
use crate::render::escape::terminal::escape;

pub(crate) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub(crate) const VERSION: &str = "2.1.0";
/// The base that artifact URIs are relative to: the repository root.
pub(crate) const SRCROOT: &str = "%SRCROOT%";

/// The key of the fingerprint in `partialFingerprints`; the version says
/// how it is computed.
pub(crate) const FINGERPRINT: &str = "claimtrail/v1";

/// The limits a log keeps (the module's documentation says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Results in the run.
    pub results: usize,
    /// Locations of one result, its related locations included.
    pub locations: usize,
    /// The log's size once gzip-compressed (at the default level), in bytes.
    pub compressed_bytes: usize,
}

/// GitHub code scanning's limits, with a margin on the compressed size.
pub(crate) const GITHUB: Limits = Limits { results: 25_000, locations: 1_000, compressed_bytes: 8_000_000 };

/// The id of the notification that counts what the limits left out.
pub(crate) const LEFT_OUT: &str = "claimtrail/left-out";

/// Writes the SARIF log of a set of findings. `prefix` is the store root
/// relative to the repository root (`""`, or `"data/"` when the store is a
/// subfolder), so that code scanning finds the files; `texts` are the
/// files read by `finding::locate`, for the ends of regions.
pub fn check(
    out: &mut dyn Write,
    tool_version: &'static str,
    prefix: &str,
    diagnostics: &[Diagnostic],
    texts: &HashMap<String, String>,
) -> io::Result<()> {
    check_within(out, tool_version, prefix, diagnostics, texts, GITHUB)
}

/// [`check`] within the given limits.
pub(crate) fn check_within(
    out: &mut dyn Write,
    tool_version: &'static str,
    prefix: &str,
    diagnostics: &[Diagnostic],
    texts: &HashMap<String, String>,
    limits: Limits,
) -> io::Result<()> {
    let rules: Vec<Rule> = Code::ALL.iter().map(|&c| Rule::of(c)).collect();
    debug_assert!(rules.len() <= 25_000, "GitHub takes at most 25,000 rules a run");
    let (results, left_out) = within(diagnostics, prefix, texts, limits)?;
    let invocations = left_out.notification().into_iter().collect();
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimtrail",
                    version: tool_version,
                    information_uri: documentation(""),
                    rules,
                },
            },
            results,
            invocations,
            column_kind: "unicodeCodePoints",
        }],
    };
    crate::render::wire::write_value(out, &log)
}

/// What the limits left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct LeftOut {
    results: usize,
    errors: usize,
    new: usize,
    /// Related locations left out of results that were kept.
    related: usize,
    /// Whether the compressed size (not only the number of results) cut.
    by_size: bool,
}

impl LeftOut {
    /// The invocation that counts what was left out; `None` when nothing was.
    fn notification(&self) -> Option<Invocation> {
        if self.results == 0 && self.related == 0 {
            return None;
        }
        let mut text = String::from("GitHub code scanning rejects a log over its limits, so this one");
        if self.results > 0 {
            let limit = if self.by_size {
                "8 MB of compressed log".to_owned()
            } else {
                format!("{} results", thousands(GITHUB.results))
            };
            text.push_str(&format!(
                " leaves out {} results ({} errors, {} new findings) to stay within {limit}: errors were kept first, then new findings, then the rest",
                thousands(self.results),
                thousands(self.errors),
                thousands(self.new),
            ));
        }
        if self.related > 0 {
            text.push_str(if self.results > 0 { ", and" } else { "" });
            text.push_str(&format!(
                " leaves out {} related locations (at most {} locations a result)",
                thousands(self.related),
                thousands(GITHUB.locations)
            ));
        }
        text.push_str(". `claimtrail check --format json` lists every finding.");
        Some(Invocation {
            execution_successful: true,
            tool_execution_notifications: vec![Notification {
                descriptor: Descriptor { id: LEFT_OUT },
                level: "warning",
                message: Text::new(text),
                properties: LeftOutCounts {
                    results: self.results,
                    errors: self.errors,
                    new: self.new,
                    related_locations: self.related,
                },
            }],
        })
    }
}

/// The results that fit the limits, in the findings' order, and what was
/// left out. Candidates are taken errors first, then new findings, then
/// the rest (each group in order), until the number of results or the
/// compressed size would pass its limit; only the results kept are built.
fn within(
    diagnostics: &[Diagnostic],
    prefix: &str,
    texts: &HashMap<String, String>,
    limits: Limits,
) -> io::Result<(Vec<SarifResult>, LeftOut)> {
    let rank = |d: &Diagnostic| (d.severity != Severity::Error, !d.is_new());
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&i| rank(&diagnostics[i]));
    let mut size = Size::new(limits.compressed_bytes);
    let mut kept: Vec<(usize, SarifResult)> = Vec::with_capacity(diagnostics.len().min(limits.results));
    let mut left = LeftOut::default();
    for i in order {
        let d = &diagnostics[i];
        if kept.len() < limits.results && !left.by_size {
            let mut result = SarifResult::of(d, prefix, texts);
            let room = limits.locations.saturating_sub(result.locations.len());
            if result.related_locations.len() > room {
                left.related += result.related_locations.len() - room;
                result.related_locations.truncate(room);
            }
            if size.fits(&result)? {
                kept.push((i, result));
                continue;
            }
            left.by_size = true;
        }
        left.results += 1;
        left.errors += usize::from(d.severity == Severity::Error);
        left.new += usize::from(d.is_new());
    }
    // Back in the order the findings are written.
    kept.sort_unstable_by_key(|(i, _)| *i);
    Ok((kept.into_iter().map(|(_, r)| r).collect(), left))
}

/// The size of the results taken so far: counted as written, and
/// compressed as gzip does once the written size passes the limit (below
/// it, the compressed size cannot pass it).
struct Size {
    limit: usize,
    written: usize,
    taken: Vec<u8>,
    gzip: Option<flate2::write::GzEncoder<Vec<u8>>>,
}

impl Size {
    fn new(limit: usize) -> Size {
        Size { limit, written: 0, taken: Vec::new(), gzip: None }
    }

    /// Whether the log still fits with `result` added; if so, it is counted.
    fn fits(&mut self, result: &SarifResult) -> io::Result<bool> {
        let mut bytes = Vec::new();
        crate::render::wire::write_value(&mut bytes, result)?;
        self.written += bytes.len();
        if self.gzip.is_none() && self.written <= self.limit {
            self.taken.extend_from_slice(&bytes);
            return Ok(true);
        }
        let gzip = match &mut self.gzip {
            Some(gzip) => gzip,
            None => {
                let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                gzip.write_all(&std::mem::take(&mut self.taken))?;
                self.gzip.insert(gzip)
            }
        };
        gzip.write_all(&bytes)?;
        // What the encoder holds back is at most its window: a margin.
        Ok(gzip.get_ref().len() + (64 << 10) <= self.limit)
    }
}

/// `25000` → `25,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Debug, Serialize)]
struct Notification {
    descriptor: Descriptor,
    level: &'static str,
    message: Text,
    properties: LeftOutCounts,
}

#[derive(Debug, Serialize)]
struct Descriptor {
    id: &'static str,
}

/// The counts of [`LeftOut`], for tools that read the log.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LeftOutCounts {
    results: usize,
    errors: usize,
    new: usize,
    related_locations: usize,
}

#[derive(Debug, Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
    /// Only when the limits left something out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    column_kind: &'static str,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<Rule>,
}

/// The repository Cargo.toml records (empty when it records none).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// An address in the project's README, in the repository Cargo.toml
/// records; `None` when it records none (see the module's documentation).
fn documentation(anchor: &str) -> Option<String> {
    let repository = REPOSITORY.trim_end_matches('/');
    (!repository.is_empty()).then(|| format!("{repository}/blob/HEAD/README.md{anchor}"))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

impl Rule {
    fn of(code: Code) -> Rule {
        let help = format!(
            "{}\n\n{}\n\nExplain locally: claimtrail check --explain {}",
            code.summary(),
            code.explanation(),
            code.as_str()
        );
        Rule {
            id: code.as_str(),
            name: pascal_case(code.as_str()),
            short_description: Text::new(code.summary()),
            full_description: Text::new(code.explanation()),
            help: Text::new(help),
            help_uri: documentation("#finding-codes"),
            default_configuration: Configuration { level: level(code.severity()) },
        }
    }
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Text {
        Text { text: text.into() }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    /// `new` or `unchanged` under `check --since`.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
}

impl SarifResult {
    fn of(d: &Diagnostic, prefix: &str, texts: &HashMap<String, String>) -> SarifResult {
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {}", escape(&d.message), escape(help)),
            None => escape(&d.message).into_owned(),
        };
        let region = Some(Region::of(d.line, d.column, d.span.clone(), texts.get(&d.file)));
        let related_locations = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| RelatedLocation {
                id: i,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri_path(&format!("{prefix}{}", r.file)),
                        uri_base_id: SRCROOT,
                    },
                    region: Some(Region::of(r.line, r.column, r.span.clone(), texts.get(&r.file))),
                },
                message: Text::new(escape(&r.message)),
            })
            .collect();
        SarifResult {
            partial_fingerprints: BTreeMap::from([(FINGERPRINT, fingerprint(d))]),
            related_locations,
            rule_id: d.code.as_str(),
            rule_index: Code::ALL.iter().position(|&c| c == d.code).expect("every code is in Code::ALL"),
            level: level(d.severity),
            message: Text::new(message),
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri_path(&format!("{prefix}{}", d.file)),
                        uri_base_id: SRCROOT,
                    },
                    region,
                },
            }],
            baseline_state: d.new.map(|new| if new { "new" } else { "unchanged" }),
            properties: d.id.clone().map(|id| Properties { record_id: id }),
        }
    }
}

/// A fingerprint that does not move with lines: the rule, the record id
/// (the file, for findings about no record), the field, and the ids of
/// the related places, hashed.
pub(crate) fn fingerprint(d: &Diagnostic) -> String {
    let mut related: Vec<&str> = d.related.iter().map(|r| r.id.as_deref().unwrap_or(&r.file)).collect();
    related.sort_unstable();
    let parts = [
        d.code.as_str(),
        d.id.as_deref().unwrap_or(&d.file),
        d.field.as_deref().unwrap_or(""),
        &related.join("\u{1f}"),
    ];
    let digest = Sha256::digest(parts.join("\u{1e}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    /// The column after the region's last character, as SARIF counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

impl Region {
    /// A whole file's region, as GitHub needs one: its first line.
    fn file() -> Region {
        Region { start_line: 1, start_column: None, end_line: None, end_column: None }
    }

    /// The region of a position, ending where its span ends when the span
    /// and the file's text are known and the span is not empty.
    fn of(
        line: Option<usize>,
        column: Option<usize>,
        span: Option<Range<usize>>,
        text: Option<&String>,
    ) -> Region {
        // A finding about a whole file starts at its first line.
        let Some(start_line) = line else { return Region::file() };
        let end =
            span.filter(|s| s.end > s.start).zip(text).map(|(s, t)| crate::text::spans::line_col(t, s.end));
        Region {
            start_line,
            start_column: column,
            end_line: end.map(|(l, _)| l),
            end_column: end.filter(|_| column.is_some()).map(|(_, c)| c),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    record_id: String,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `hash-mismatch` → `HashMismatch`: SARIF's `name` is an identifier.
fn pascal_case(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
        })
        .collect()
}

/// A relative path as a URI reference: `/` kept, every byte outside the
/// unreserved set percent-encoded (a file name may hold spaces, `#`, `%`
/// or non-ASCII letters; a raw `:` in the first segment would read as a
/// scheme).
pub(crate) fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_encoded() {
        assert_eq!(uri_path("claims/a b/é#1.ron"), "claims/a%20b/%C3%A9%231.ron");
        assert_eq!(uri_path("c:x.ron"), "c%3Ax.ron");
        assert_eq!(uri_path("claims/crocus/x-1_2.ron"), "claims/crocus/x-1_2.ron");
    }

    #[test]
    fn fingerprints_follow_the_record_not_the_line() {
        let at = |line| {
            Diagnostic::new(Code::Conflict, "claims/a.ron", "x")
                .with_id("a")
                .at_field("value")
                .at_position(line, 3)
        };
        assert_eq!(fingerprint(&at(3)), fingerprint(&at(30)));
        let with = |other: &str| {
            at(3).with_related(crate::finding::Related::new("claims/b.ron", "value", other, "y"))
        };
        assert_ne!(fingerprint(&with("b")), fingerprint(&with("c")), "two conflicts on one line stay apart");
        assert_ne!(fingerprint(&at(3)), fingerprint(&at(3).with_id("b")));
    }

    #[test]
    fn regions_end_where_the_span_ends() {
        let text = "Claim(\n  value: Exact(3),\n)\n".to_owned();
        let start = text.find("Exact").unwrap();
        let r = Region::of(Some(2), Some(10), Some(start..start + 8), Some(&text));
        assert_eq!((r.end_line, r.end_column), (Some(2), Some(18)));
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(pascal_case("hash-mismatch"), "HashMismatch");
        assert_eq!(pascal_case("parse"), "Parse");
    }

    #[test]
    fn results_point_at_the_rule_and_the_place() {
        let d = Diagnostic::new(Code::HashMismatch, "claims/a.ron", "changed")
            .with_id("a")
            .at_position(3, 5)
            .with_help("run hash");
        let mut out = Vec::new();
        check(&mut out, "0.1.0", "data/", &[d], &HashMap::new()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "hash-mismatch");
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"][index]["id"], "hash-mismatch");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "data/claims/a.ron");
        assert_eq!(loc["region"]["startLine"], 3);
        assert_eq!(loc["region"]["startColumn"], 5);
        assert_eq!(r["message"]["text"], "changed\nhelp: run hash");
        assert_eq!(r["partialFingerprints"][FINGERPRINT].as_str().unwrap().len(), 32);
    }

    /// The ids of a log's results, and its notification's counts.
    fn render(diags: &[Diagnostic], limits: Limits) -> (Vec<String>, serde_json::Value) {
        let mut out = Vec::new();
        check_within(&mut out, "0", "", diags, &HashMap::new(), limits).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let ids = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["properties"]["recordId"].as_str().unwrap().to_owned())
            .collect();
        let counts = v["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["properties"].clone();
        (ids, counts)
    }

    fn finding(code: Code, id: &str, new: bool) -> Diagnostic {
        let mut d = Diagnostic::new(code, format!("claims/{id}.ron"), "m").with_id(id).at_position(1, 1);
        d.new = Some(new);
        d
    }

    #[test]
    fn limits_keep_errors_then_new_findings_then_the_rest() {
        let diags = [
            finding(Code::Conflict, "w1", false),
            finding(Code::Conflict, "w2-new", true),
            finding(Code::HashMismatch, "e1", false),
            finding(Code::Conflict, "w3", false),
            finding(Code::HashMismatch, "e2-new", true),
        ];
        let at = |results| Limits { results, ..GITHUB };
        let (all, counts) = render(&diags, at(5));
        assert_eq!(all, ["w1", "w2-new", "e1", "w3", "e2-new"], "within the limit, as before");
        assert!(counts.is_null(), "no notification: {counts}");
        let (ids, counts) = render(&diags, at(3));
        assert_eq!(ids, ["w2-new", "e1", "e2-new"], "in the findings' order");
        assert_eq!(counts, serde_json::json!({"results": 2, "errors": 0, "new": 0, "relatedLocations": 0}));
        // New errors before the others.
        let (ids, counts) = render(&diags, at(1));
        assert_eq!(ids, ["e2-new"]);
        assert_eq!(counts, serde_json::json!({"results": 4, "errors": 1, "new": 1, "relatedLocations": 0}));
    }

    #[test]
    fn limits_cap_related_locations() {
        let mut d = finding(Code::Conflict, "a", false);
        for i in 0..5 {
            d = d.with_related(crate::finding::Related::new("claims/b.ron", "value", &format!("b{i}"), "y"));
        }
        let mut out = Vec::new();
        check_within(&mut out, "0", "", &[d], &HashMap::new(), Limits { locations: 3, ..GITHUB }).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["results"][0]["relatedLocations"].as_array().unwrap().len(), 2);
        let note = &run["invocations"][0]["toolExecutionNotifications"][0];
        assert_eq!(note["properties"]["relatedLocations"], 3);
        assert_eq!(note["descriptor"]["id"], LEFT_OUT);
        assert!(note["message"]["text"].as_str().unwrap().contains("3 related locations"), "{note}");
    }

    #[test]
    fn limits_keep_the_compressed_size() {
        // Messages that do not compress: each result costs its size.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut noise = || {
            (0..1500)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    char::from(b'!' + (seed % 90) as u8)
                })
                .collect::<String>()
        };
        let diags: Vec<Diagnostic> = (0..200)
            .map(|i| Diagnostic::new(Code::Conflict, "claims/a.ron", noise()).with_id(format!("c{i}")))
            .collect();
        let limits = Limits { compressed_bytes: 150_000, ..GITHUB };
        let mut out = Vec::new();
        check_within(&mut out, "0", "", &diags, &HashMap::new(), limits).unwrap();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(&out).unwrap();
        let compressed = gzip.finish().unwrap().len();
        assert!(compressed <= limits.compressed_bytes, "{compressed}");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let kept = v["runs"][0]["results"].as_array().unwrap().len();
        let note = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
        assert!(kept > 50 && kept < 200, "{kept}");
        assert_eq!(note["properties"]["results"], 200 - kept, "{note}");
        assert!(note["message"]["text"].as_str().unwrap().contains("compressed"), "{note}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(25_000), "25,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
