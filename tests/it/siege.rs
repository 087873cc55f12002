//! The third edition's verdicts (docs/reference.md section 4 "Outgrown", section 6
//! `--at`), end to end, on a store built from the public record of the
//! Moscow theatre siege of 23–26 October 2002 (the desk's facts table):
//! the deputy interior minister's early 67;
//! the Health Ministry's 90, then "at least 118"; the Moscow health
//! committee's 117; the prosecutor's 130 correcting them; and, five years
//! later, the victims' association's "at least 174", which counts those who
//! died of the gas in the years after. The official 130 was never updated
//! while the independent count rose: the story's dispute, which is no
//! conflict (a toll may grow) but an outgrown figure. The FSB's 50 gunmen
//! killed, corrected by the prosecutor's 40; Basayev's claim for his
//! group, which Barayev's unit was part of. One commit holds what the desk
//! knew in 2002, rated then; the next adds the association's count and the
//! desk's re-rating of the prosecutor in 2007, so `--at` sees both.

use serde_json::Value;

use crate::support::story::{document, ids, json, source};
use crate::support::{Repo, output, seal, story};

/// A claim of this story (`story::claim` about its subject).
fn claim(repo: &Repo, id: &str, fields: (&str, &str, &str, &str), cite: (&str, &str), extra: &str) {
    story::claim(repo, "moscow-theatre-siege-2002", id, fields, cite, extra);
}

const PROSECUTOR_2002: &str = "\n    ratings: [Rating(on: \"2002-11-20\", reliability: B, by: \"desk\")],";
const PROSECUTOR_2007: &str = "\n    ratings: [\n        Rating(on: \"2002-11-20\", reliability: B, by: \"desk\"),\n        Rating(on: \"2007-10-26\", reliability: C, by: \"desk\", note: \"its 130 was never updated while independent counts rose\"),\n    ],";

/// The store of 2002, committed; then the association's count of 2007 and
/// the desk's re-rating, committed.
fn siege() -> Repo {
    let mut repo = Repo::new();
    repo.write("claimtrail.ron", "Config()\n");
    repo.write(
        "schemas/measures.ron",
        "[\n    Measure(id: \"hostages-killed\", kind: Count, unit: \"people\", trend: NonDecreasing),\n    Measure(id: \"attackers-killed\", kind: Count, unit: \"people\"),\n    Measure(id: \"responsible\", kind: Actor),\n]\n",
    );
    for (id, name, kind, extra) in [
        ("vasilyev", "Deputy Interior Minister Vladimir Vasilyev", "Government", ""),
        ("health-ministry", "Russian Health Ministry", "Government", ""),
        ("moscow-health-committee", "Moscow health committee", "Government", ""),
        ("prosecutor", "Prosecutor's Office", "Government", PROSECUTOR_2002),
        (
            "fsb",
            "FSB",
            "SecurityService",
            "\n    ratings: [Rating(on: \"2002-10-30\", reliability: C, by: \"desk\")],",
        ),
        ("basayev", "Shamil Basayev", "ArmedGroup", ""),
        ("riyadus-salikhin", "Riyadus-Salikhin", "ArmedGroup", ""),
        ("barayev-unit", "Movsar Barayev's unit", "ArmedGroup", "\n    part_of: [\"riyadus-salikhin\"],"),
        ("ap", "Associated Press", "NewsAgency", ""),
        ("voa", "Voice of America", "NewsOutlet", ""),
        ("playbill", "Playbill", "NewsOutlet", ""),
        ("new-york-times", "The New York Times", "NewsOutlet", ""),
        ("nord-ost", "Nord-Ost victims' association", "Other", ""),
    ] {
        source(&repo, id, name, kind, extra);
    }
    for (id, publisher, title, published) in [
        ("ap-2002-10-26", "ap", "Gas used in Moscow raid", "2002-10-26"),
        ("voa-2002-10-27", "voa", "Moscow hostage toll", "2002-10-27"),
        ("playbill-2002-10-28", "playbill", "Nord-Ost toll rises", "2002-10-28"),
        ("prosecutor-2002-11", "prosecutor", "The prosecutor's final count", "2002-11"),
        ("ap-2002-11-01", "ap", "Basayev claims the siege", "2002-11-01"),
    ] {
        document(&repo, id, publisher, title, published);
    }
    let toll = "hostages-killed";
    claim(
        &repo,
        "siege-killed-vasilyev-67",
        (toll, "Exact(67)", "2002-10-26", "vasilyev"),
        ("ap-2002-10-26", "Vasilyev said that 67 hostages had died"),
        "",
    );
    claim(
        &repo,
        "siege-killed-health-ministry-90",
        (toll, "Exact(90)", "2002-10-26", "health-ministry"),
        ("ap-2002-10-26", "The Health Ministry said 90 captives were killed"),
        "",
    );
    claim(
        &repo,
        "siege-killed-health-ministry-118",
        (toll, "AtLeast(118)", "2002-10-27", "health-ministry"),
        ("voa-2002-10-27", "at least 118 of the hostages died in the operation"),
        "",
    );
    claim(
        &repo,
        "siege-killed-health-committee-117",
        (toll, "Exact(117)", "2002-10-28", "moscow-health-committee"),
        ("playbill-2002-10-28", "The death toll has risen to 117"),
        "",
    );
    claim(
        &repo,
        "siege-killed-prosecutor-130",
        (toll, "Exact(130)", "2002-11", "prosecutor"),
        ("prosecutor-2002-11", "130 hostages died"),
        "\n    supersedes: [\"siege-killed-health-committee-117\", \"siege-killed-health-ministry-118\"],\n    note: \"The desk's paraphrase: the facts table has no stored report of it.\",",
    );
    claim(
        &repo,
        "siege-attackers-fsb-50",
        ("attackers-killed", "Exact(50)", "2002-10-26", "fsb"),
        ("ap-2002-10-26", "The Federal Security Service later said 50 captors died"),
        "",
    );
    claim(
        &repo,
        "siege-attackers-prosecutor-40",
        ("attackers-killed", "Exact(40)", "2002-11", "prosecutor"),
        ("prosecutor-2002-11", "all 40 hostage takers"),
        "\n    supersedes: [\"siege-attackers-fsb-50\"],",
    );
    claim(
        &repo,
        "siege-responsible-riyadus-salikhin-basayev",
        ("responsible", "Actor(\"riyadus-salikhin\")", "", "basayev"),
        ("ap-2002-11-01", "Basayev claimed responsibility"),
        "",
    );
    claim(
        &repo,
        "siege-responsible-barayev-ap",
        ("responsible", "Actor(\"barayev-unit\")", "", "ap"),
        ("ap-2002-10-26", "led by Movsar Barayev"),
        "",
    );
    repo.commit("Ada", "Siege: the figures of 2002");
    document(&repo, "nord-ost-2007-10", "nord-ost", "Five years after Nord-Ost", "2007-10-26");
    claim(
        &repo,
        "siege-killed-nord-ost-174",
        (toll, "AtLeast(174)", "2007-10", "nord-ost"),
        ("nord-ost-2007-10", "at least 174 hostages died"),
        "\n    note: \"The desk's paraphrase of the association's count, which includes those who died of the gas later.\",",
    );
    source(&repo, "prosecutor", "Prosecutor's Office", "Government", PROSECUTOR_2007);
    source(
        &repo,
        "nord-ost",
        "Nord-Ost victims' association",
        "Other",
        "\n    ratings: [Rating(on: \"2007-10-26\", reliability: B, by: \"desk\")],",
    );
    repo.commit("Ada", "Siege: the association's count of 2007; the prosecutor re-rated");
    repo
}

fn find<'v>(list: &'v Value, id: &str) -> &'v Value {
    list.as_array().expect("a list").iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}"))
}

/// The answer lines of a report, one per line.
fn answers(report: &Value) -> String {
    report["answers"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            format!("{}: {}", a["measure"].as_str().expect("a measure"), a["text"].as_str().expect("a text"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_siege_end_to_end() {
    let repo = siege();

    // check: no error, no conflict invented: the growing toll is no conflict.
    let out = json(&repo, &["check", "--format", "json"]);
    assert_eq!(out["summary"]["errors"], 0, "{out:#}");
    assert_eq!(out["summary"]["warnings"], 0, "{out:#}");
    let out = json(&repo, &["conflicts", "--format", "json"]);
    assert_eq!(out["conflicts"], serde_json::json!([]), "{out:#}");

    // report: the 67 is outgrown by the prosecutor's 130, the 130 by the
    // association's at least 174; both stay current and graded.
    let report = json(&repo, &["report", "--format", "json"]);
    let claims = &report["claims"];
    assert_eq!(
        ids(&find(claims, "siege-killed-vasilyev-67")["outgrown_by"]),
        ["siege-killed-prosecutor-130"]
    );
    assert_eq!(
        ids(&find(claims, "siege-killed-prosecutor-130")["outgrown_by"]),
        ["siege-killed-nord-ost-174"]
    );
    assert!(ids(&find(claims, "siege-killed-nord-ost-174")["outgrown_by"]).is_empty());
    assert!(ids(&find(claims, "siege-killed-health-ministry-90")["outgrown_by"]).is_empty(), "superseded");
    assert!(find(claims, "siege-killed-prosecutor-130")["credibility"]["grade"].is_u64());
    let reasons = |id: &str| find(claims, id)["credibility"]["reasons"].to_string();
    // Whose figure was superseded, in the JSON reasons too.
    assert!(
        reasons("siege-attackers-prosecutor-40").contains("supersedes FSB's 50"),
        "{}",
        reasons("siege-attackers-prosecutor-40")
    );
    assert!(!reasons("siege-attackers-prosecutor-40").contains("revised from"));
    assert!(
        reasons("siege-killed-prosecutor-130")
            .contains("outgrown by Nord-Ost victims' association's at least 174")
    );
    insta::assert_snapshot!("siege_answers", answers(&report));

    // markdown and HTML say the same.
    let (md, _, code) = output(&mut repo.claimtrail(&["report", "--format", "markdown"]));
    assert_eq!(code, 0);
    assert!(md.contains("outgrown by `siege-killed-prosecutor-130`"), "{md}");
    assert!(md.contains("outgrown by `siege-killed-nord-ost-174`"), "{md}");
    assert!(md.contains("Now 130 – at least 174"), "{md}");
    let (html, _, code) = output(&mut repo.claimtrail(&["report", "--format", "html"]));
    assert_eq!(code, 0);
    assert!(html.contains("Now 130 – at least 174"), "the answer line");
    assert!(
        html.contains("was outgrown by Nord-Ost victims&#x27;")
            || html.contains("was outgrown by Nord-Ost victims&#39;")
            || html.contains("was outgrown by Nord-Ost victims'"),
        "the answer names the outgrown figure"
    );
    assert!(html.contains("<path class=\"outgrown\""), "an arrow from the outgrown figure");
    assert!(html.contains("outgrown: dashed amber arrow"), "in the legend");
    assert!(html.contains("outgrown by <a href=\"#claim-siege-killed-nord-ost-174\">"));
    assert!(html.contains("Re-rated") || html.contains("re-rated"), "the recent history has the re-rating");

    // The human timeline shows the group though it has no conflict.
    let (human, _, code) = output(&mut repo.claimtrail(&["conflicts", "--color", "never"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("siege_conflicts_human", human);

    // sources, now: the prosecutor re-rated C, the association B.
    let sources = json(&repo, &["sources", "--format", "json"]);
    assert_eq!(find(&sources["sources"], "prosecutor")["rating"], "C");
    assert_eq!(find(&sources["sources"], "nord-ost")["rating"], "B");

    // history of the prosecutor lists its rating change.
    let (history, _, code) = output(&mut repo.claimtrail(&["history", "prosecutor", "--color", "never"]));
    assert_eq!(code, 0);
    assert!(history.contains("rated B on 2002-11-20 → rated C on 2007-10-26"), "{history}");
}

#[test]
fn at_a_date_the_ratings_of_then() {
    let repo = siege();
    let at = ["--at", "2002-12-01"];
    let sources = json(&repo, &[&["sources", "--format", "json"][..], &at].concat());
    assert_eq!(find(&sources["sources"], "prosecutor")["rating"], "B", "the prosecutor's rating of 2002");
    assert_eq!(
        find(&sources["sources"], "nord-ost")["rating"],
        Value::Null,
        "rated only in 2007: unrated then"
    );
    let report = json(&repo, &[&["report", "--format", "json"][..], &at].concat());
    assert!(
        report["claims"].as_array().expect("a list").iter().all(|c| c["id"] != "siege-killed-nord-ost-174")
    );
    assert!(ids(&find(&report["claims"], "siege-killed-prosecutor-130")["outgrown_by"]).is_empty());
    assert_eq!(
        ids(&find(&report["claims"], "siege-killed-vasilyev-67")["outgrown_by"]),
        ["siege-killed-prosecutor-130"]
    );
    assert_eq!(find(&report["sources"], "prosecutor")["rating"], "B");
    let conflicts = json(&repo, &[&["conflicts", "--format", "json"][..], &at].concat());
    assert_eq!(conflicts["conflicts"], serde_json::json!([]));
    // After the re-rating, the ratings of 2007.
    let later = json(&repo, &["sources", "--format", "json", "--at", "2007-10-26"]);
    assert_eq!(find(&later["sources"], "prosecutor")["rating"], "C");
    assert_eq!(find(&later["sources"], "nord-ost")["rating"], "B");
    insta::assert_snapshot!("siege_answers_2002", answers(&report));
}

#[test]
fn coverage_reads_a_range_of_days_as_a_date() {
    let repo = siege();
    repo.write("sources/snapshots/report.txt", "Reports of 27-28 October 2002 put the toll at 118.\n");
    let doc = "Document(\n    id: \"report-text\",\n    publisher: \"voa\",\n    title: \"t\",\n    published: \"2002-10-28\",\n    snapshot: \"report.txt\",\n    snapshot_hash: \"HASH\",\n)\n";
    let hash = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(b"Reports of 27-28 October 2002 put the toll at 118.\n");
        format!("sha256:{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
    };
    repo.write("sources/documents/report-text.ron", &seal(&doc.replace("HASH", &hash), None));
    let out = json(&repo, &["coverage", "report-text", "--format", "json"]);
    let figures: Vec<&str> = out["figures"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["text"].as_str().expect("text"))
        .collect();
    assert_eq!(figures, ["118"], "{out:#}");
    let dates: Vec<&str> =
        out["dates"].as_array().expect("a list").iter().map(|f| f["text"].as_str().expect("text")).collect();
    assert_eq!(dates, ["27-28 October 2002"]);
}
