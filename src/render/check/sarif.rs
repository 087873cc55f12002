//! The SARIF 2.1.0 wire format of `check --format sarif`, as GitHub code
//! scanning reads it: one run whose `tool.driver.rules` come from the rule
//! registry (so `--explain` and SARIF cannot drift apart), and one result
//! per finding with a location relative to the repository root.
//!
//! Deliberately absent: `partialFingerprints.primaryLocationLineHash`,
//! which the uploader computes from the file itself, and absolute paths,
//! which would tie the log to one machine. Columns count Unicode code
//! points, as `diagnostic::locate` does, and the run says so.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Code, Diagnostic, Severity};
use crate::render::escape::terminal::escape;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";
/// The base that artifact URIs are relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// Writes the SARIF log of a set of findings. `prefix` is the store root
/// relative to the repository root (`""`, or `"data/"` when the store is a
/// subfolder), so that code scanning finds the files.
pub fn check(
    out: &mut dyn Write,
    tool_version: &'static str,
    prefix: &str,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let rules: Vec<Rule> = Code::ALL.iter().map(|&c| Rule::of(c)).collect();
    let results = diagnostics.iter().map(|d| SarifResult::of(d, prefix)).collect();
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool { driver: Driver { name: "claimtrail", version: tool_version, rules } },
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
    rules: Vec<Rule>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
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
}

impl SarifResult {
    fn of(d: &Diagnostic, prefix: &str) -> SarifResult {
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {}", escape(&d.message), escape(help)),
            None => escape(&d.message).into_owned(),
        };
        let region = d.line.map(|line| Region { start_line: line, start_column: d.column });
        SarifResult {
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

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
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
        check(&mut out, "0.1.0", "data/", &[d]).unwrap();
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
        assert!(r.get("partialFingerprints").is_none());
    }
}
