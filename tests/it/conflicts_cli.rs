//! End-to-end: `conflicts`, `sources`, `report` and `check` on the shipped
//! store, for the JSON shapes of docs/reference.md section 9 and the exit statuses.

use serde_json::Value;

fn claimtrail(args: &[&str]) -> assert_cmd::assert::Assert {
    crate::support::claimtrail()
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "--color", "never"])
        .args(args)
        .env_remove("NO_COLOR")
        .assert()
}

fn json(args: &[&str]) -> Value {
    let out = claimtrail(args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

/// The conflicts of the shipped store's current claims, as docs/reference.md section 4
/// (second edition) defines them: (measure, kind, claims sorted). The
/// Investigative Committee's, Baza's and MChS's own updates supersede their
/// earlier figures; what is left is the anonymous channel's 150 against
/// every later lower count, the two attributions, the wounded, and the
/// founding date of ISKP.
const SHIPPED: [(&str, &str, &str, &str); 15] = [
    ("killed", "downward-revision", "crocus-killed-baza-144", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-ic-149-final", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-mchs-144", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-telegram-112-150", "crocus-killed-vesti-145"),
    ("organised-by", "actor", "crocus-organised-by-islamic-state-us-nsc", "crocus-organised-by-ukraine-fsb"),
    ("wounded", "downward-revision", "crocus-wounded-fsb-115", "crocus-wounded-health-ministry-145"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-dw-2014"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-usip-2014"),
    ("founded", "disjoint", "iskp-founded-dw-2014", "iskp-founded-jamestown-2015-01-26"),
    ("founded", "disjoint", "iskp-founded-dw-2014", "iskp-founded-nyt-2015"),
    ("founded", "disjoint", "iskp-founded-jamestown-2015-01-26", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-jamestown-2015-01-26", "iskp-founded-usip-2014"),
    ("founded", "disjoint", "iskp-founded-nyt-2015", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-nyt-2015", "iskp-founded-usip-2014"),
];

/// The conflicts with superseded claims compared too (`--all`): the first
/// edition's 32 pairs.
const SHIPPED_ALL: [(&str, &str, &str, &str); 32] = [
    ("killed", "disjoint", "crocus-killed-baza-143", "crocus-killed-ic-115"),
    ("killed", "disjoint", "crocus-killed-baza-143", "crocus-killed-ic-133"),
    ("killed", "downward-revision", "crocus-killed-baza-143", "crocus-killed-ic-137"),
    ("killed", "downward-revision", "crocus-killed-baza-143", "crocus-killed-ic-139"),
    ("killed", "disjoint", "crocus-killed-baza-143", "crocus-killed-ic-93"),
    ("killed", "disjoint", "crocus-killed-baza-143", "crocus-killed-telegram-112-150"),
    ("killed", "disjoint", "crocus-killed-baza-144", "crocus-killed-ic-139"),
    ("killed", "downward-revision", "crocus-killed-baza-144", "crocus-killed-mchs-143"),
    ("killed", "downward-revision", "crocus-killed-baza-144", "crocus-killed-telegram-112-150"),
    ("killed", "disjoint", "crocus-killed-ic-115", "crocus-killed-ic-133"),
    ("killed", "disjoint", "crocus-killed-ic-115", "crocus-killed-ic-93"),
    ("killed", "disjoint", "crocus-killed-ic-115", "crocus-killed-telegram-112-150"),
    ("killed", "disjoint", "crocus-killed-ic-133", "crocus-killed-ic-93"),
    ("killed", "disjoint", "crocus-killed-ic-133", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-ic-137", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-ic-139", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-ic-149-final", "crocus-killed-telegram-112-150"),
    ("killed", "disjoint", "crocus-killed-ic-93", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-mchs-143", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-mchs-144", "crocus-killed-telegram-112-150"),
    ("killed", "downward-revision", "crocus-killed-telegram-112-150", "crocus-killed-vesti-145"),
    ("organised-by", "actor", "crocus-organised-by-islamic-state-us-nsc", "crocus-organised-by-ukraine-fsb"),
    ("wounded", "downward-revision", "crocus-wounded-fsb-115", "crocus-wounded-health-ministry-145"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-dw-2014"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-bbc-2015-01", "iskp-founded-usip-2014"),
    ("founded", "disjoint", "iskp-founded-dw-2014", "iskp-founded-jamestown-2015-01-26"),
    ("founded", "disjoint", "iskp-founded-dw-2014", "iskp-founded-nyt-2015"),
    ("founded", "disjoint", "iskp-founded-jamestown-2015-01-26", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-jamestown-2015-01-26", "iskp-founded-usip-2014"),
    ("founded", "disjoint", "iskp-founded-nyt-2015", "iskp-founded-reuters-late-2014"),
    ("founded", "disjoint", "iskp-founded-nyt-2015", "iskp-founded-usip-2014"),
];

#[test]
fn conflicts_json_lists_exactly_the_pairs_of_section_4() {
    assert_eq!(pairs(&["conflicts", "--format", "json"]), listed(&SHIPPED));
    assert_eq!(pairs(&["conflicts", "--all", "--format", "json"]), listed(&SHIPPED_ALL));
}

fn listed(pairs: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    pairs.iter().map(|(m, k, a, b)| (m.to_string(), k.to_string(), a.to_string(), b.to_string())).collect()
}

/// The pairs of a `conflicts --format json` run, checking each object.
fn pairs(args: &[&str]) -> Vec<(String, String, String, String)> {
    let out = json(args);
    assert_eq!(out["version"], 1);
    assert_eq!(out["revisions"], serde_json::json!([]));
    out["conflicts"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|c| {
            let subject = c["subject"].as_str().expect("subject");
            let expected_subject = if subject == "iskp" { "iskp" } else { "crocus-city-hall-attack-2024" };
            assert_eq!(subject, expected_subject);
            assert_eq!(c.as_object().expect("an object").len(), 4, "{c}");
            let s = |v: &Value| v.as_str().expect("a string").to_owned();
            (s(&c["measure"]), s(&c["kind"]), s(&c["claims"][0]), s(&c["claims"][1]))
        })
        .collect()
}

#[test]
fn conflicts_human_is_a_timeline_per_group() {
    let out = claimtrail(&["conflicts"]).success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "lines fit 100 columns");
    assert!(!text.contains('\u{1b}'), "no colour with --color never");
    insta::assert_snapshot!("conflicts_human", text);
}

#[test]
fn conflicts_markdown() {
    let out = claimtrail(&["conflicts", "--format", "markdown"]).success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.starts_with("# Conflicts\n"));
    assert_eq!(text.matches("\n## ").count(), 4);
    assert!(text.contains("| 6 | 2024-03-23 | 150 | telegram-112 | E | crocus-killed-telegram-112-150 |"));
}

#[test]
fn check_warns_once_per_conflicting_pair() {
    let out = claimtrail(&["check", "--format", "json"]).code(0).get_output().stdout.clone();
    let out: Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(out["summary"]["errors"], 0);
    let diags = out["diagnostics"].as_array().expect("an array");
    let conflicts: Vec<&Value> = diags.iter().filter(|d| d["code"] == "conflict").collect();
    assert_eq!(conflicts.len(), SHIPPED.len());
    assert!(diags.iter().all(|d| d["severity"] == "warning"));
    // The other warnings are the figures the shipped quotes do not carry,
    // which the README explains ("Figures in text").
    let figures: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "value-not-in-quote")
        .map(|d| d["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        figures,
        [
            "crocus-killed-baza-144",
            "crocus-killed-ic-139",
            "crocus-killed-ic-149-final",
            "iskp-victims-killed-dw"
        ]
    );
    assert_eq!(diags.len(), conflicts.len() + figures.len());
    let tg = diags
        .iter()
        .find(|d| d["id"] == "crocus-killed-telegram-112-150")
        .expect("a warning on the Telegram toll");
    assert_eq!(tg["file"], "claims/crocus-city-hall-attack-2024/crocus-killed-telegram-112-150.ron");
    assert_eq!((tg["line"].as_u64(), tg["column"].as_u64()), (Some(6), Some(12)));
    claimtrail(&["check", "--deny-warnings"]).code(1);
}

#[test]
fn sources_json_has_the_track_record_of_each_source() {
    let out = json(&["sources", "--format", "json"]);
    assert_eq!(out["version"], 1);
    let sources = out["sources"].as_array().expect("an array");
    assert_eq!(sources.len(), 54);
    let ic = sources.iter().find(|s| s["id"] == "investigative-committee-russia").expect("the IC");
    assert_eq!(
        *ic,
        serde_json::json!({"id": "investigative-committee-russia", "rating": "C", "claims": 9,
            "corroborated": 1, "contradicted": 1, "revised": 0, "retracted": 0, "superseded": 7})
    );
    let human = claimtrail(&["sources"]).success().get_output().stdout.clone();
    let human = String::from_utf8(human).expect("UTF-8");
    assert!(human.starts_with("source "));
    assert!(human.contains(
        "\ninvestigative-committee-russia  C            9             1             1        0           7                  0\n"
    ));
}

#[test]
fn report_json_grades_every_compared_claim() {
    let out = json(&["report", "--format", "json"]);
    assert_eq!(out["version"], 1);
    assert_eq!(out["conflicts"].as_array().map(Vec::len), Some(SHIPPED.len()));
    assert_eq!(out["sources"].as_array().map(Vec::len), Some(54));
    let claims = out["claims"].as_array().expect("an array");
    assert_eq!(claims.len(), 71);
    let fsb =
        claims.iter().find(|c| c["id"] == "crocus-organised-by-ukraine-fsb").expect("the FSB attribution");
    assert_eq!(fsb["value"], serde_json::json!({"Actor": "ukraine-special-services"}));
    assert_eq!(fsb["credibility"]["grade"], 5);
    assert!(fsb["credibility"]["reasons"][1].as_str().expect("a reason").contains("us-nsc, rated B"));
    // Every current claim is graded; superseded ones say what superseded them.
    for c in claims {
        let superseded_by = c["superseded_by"].as_array().expect("superseded_by is a list");
        match c["credibility"]["grade"].as_u64() {
            Some(grade) => assert!((1..=6).contains(&grade) && superseded_by.is_empty(), "{c}"),
            None => assert!(!superseded_by.is_empty(), "{c}"),
        }
    }
    let ic93 = claims.iter().find(|c| c["id"] == "crocus-killed-ic-93").expect("the IC's 93");
    assert_eq!(ic93["superseded_by"], serde_json::json!(["crocus-killed-ic-115", "crocus-killed-ic-137"]));
}

#[test]
fn report_writes_to_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("report.json");
    let path_str = path.to_str().expect("a UTF-8 path");
    let out =
        claimtrail(&["report", "--format", "json", "-o", path_str]).success().get_output().stdout.clone();
    assert!(out.is_empty());
    let written: Value = serde_json::from_slice(&std::fs::read(&path).expect("written")).expect("valid JSON");
    assert_eq!(written["version"], 1);
    claimtrail(&["report", "-o", "/nonexistent-dir/report.json"]).code(2);
}

#[test]
fn bad_formats_are_usage_errors() {
    claimtrail(&["conflicts", "--format", "sarif"]).code(2);
    claimtrail(&["sources", "--format", "markdown"]).code(2);
}
