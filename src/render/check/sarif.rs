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

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";
/// The base that artifact URIs are relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of the fingerprint in `partialFingerprints`; the version says
/// how it is computed.
pub const FINGERPRINT: &str = "claimtrail/v1";

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
    let rules: Vec<Rule> = Code::ALL.iter().map(|&c| Rule::of(c)).collect();
    let results = diagnostics.iter().map(|d| SarifResult::of(d, prefix, texts)).collect();
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
            column_kind: "unicodeCodePoints",
        }],
    };
    crate::render::wire::write_value(out, &log)
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
        let region = Region::of(d.line, d.column, d.span.clone(), texts.get(&d.file));
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
                    region: Region::of(r.line, r.column, r.span.clone(), texts.get(&r.file)),
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
pub fn fingerprint(d: &Diagnostic) -> String {
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
    ) -> Option<Region> {
        // A finding about a whole file starts at its first line.
        let Some(start_line) = line else { return Some(Region::file()) };
        let end =
            span.filter(|s| s.end > s.start).zip(text).map(|(s, t)| crate::text::spans::line_col(t, s.end));
        Some(Region {
            start_line,
            start_column: column,
            end_line: end.map(|(l, _)| l),
            end_column: end.filter(|_| column.is_some()).map(|(_, c)| c),
        })
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
pub fn uri_path(path: &str) -> String {
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
        let r = Region::of(Some(2), Some(10), Some(start..start + 8), Some(&text)).unwrap();
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
}
