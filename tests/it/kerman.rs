//! The second edition's rules (docs/reference.md, sections 2–4), end to
//! end, on a store built from the public record of the Kerman bombings of
//! 3 January 2024 (as Mehr, Al Jazeera, IRINN, IRNA and AP reported them,
//! figures as found in agency copies): the emergency services' first
//! "at least 103", corrected to 95 by the health minister ("95 and not 103
//! … some victims were counted twice"), revised to 84 by the interior
//! minister, then 89; the Islamic State claiming the attack while officials
//! blamed "the U.S. and Zionist regimes" (a joint attribution), and Reuters'
//! sources naming ISKP. One commit adds the figures as the desk learned them,
//! the next the corrections, so `history` sees the story too.

use serde_json::Value;

use crate::support::story::{document, ids, json, source};
use crate::support::{Repo, output, story};

/// A claim of this story (`story::claim` about its subject).
fn claim(repo: &Repo, id: &str, fields: (&str, &str, &str, &str), cite: (&str, &str), extra: &str) {
    story::claim(repo, "kerman-bombings-2024", id, fields, cite, extra);
}

/// The store of the first day, committed; then the corrections, committed.
fn kerman() -> Repo {
    let mut repo = Repo::new();
    repo.write("claimtrail.ron", "Config()\n");
    repo.write(
        "schemas/measures.ron",
        "[\n    Measure(id: \"killed\", kind: Count, unit: \"people\", trend: NonDecreasing),\n    Measure(id: \"responsible\", kind: Actor),\n]\n",
    );
    for (id, name, kind, extra) in [
        ("ems-iran", "Iran Emergency Medical Services", "Government", ""),
        ("saberi", "Reza Fallah, head of Kerman emergency services", "Government", ""),
        ("iran-health-ministry", "Iran Ministry of Health", "Government", ""),
        ("iran-interior-ministry", "Iran Ministry of Interior", "Government", ""),
        ("iran-state-tv", "Iranian state TV", "Government", ""),
        ("jamshidi", "Mohammad Jamshidi, deputy chief of staff", "Government", ""),
        ("islamic-state", "Islamic State", "ArmedGroup", ""),
        ("iskp", "Islamic State Khorasan Province", "ArmedGroup", "\n    part_of: [\"islamic-state\"],"),
        ("reuters-sources", "Reuters' unnamed sources", "Anonymous", ""),
        ("israel", "Israel", "Government", ""),
        ("united-states", "United States", "Government", ""),
        ("mehr", "Mehr News Agency", "NewsAgency", ""),
        ("al-jazeera", "Al Jazeera", "NewsOutlet", ""),
        ("china-daily", "China Daily", "NewsOutlet", ""),
        ("ap", "Associated Press", "NewsAgency", ""),
        ("voa", "Voice of America", "NewsOutlet", ""),
        ("iran-international", "Iran International", "NewsOutlet", ""),
        ("the-guardian", "The Guardian", "NewsOutlet", ""),
    ] {
        source(&repo, id, name, kind, extra);
    }
    for (id, publisher, title, published) in [
        ("mehr-2024-01-03", "mehr", "Kerman blasts toll", "2024-01-03"),
        ("al-jazeera-2024-01-03", "al-jazeera", "Kerman explosions", "2024-01-03"),
        ("china-daily-2024-01-04", "china-daily", "Iran revises Kerman toll", "2024-01-04"),
        ("ap-2024-01-04", "ap", "Islamic State claims Kerman bombing", "2024-01-04"),
        ("ap-2024-01-06", "ap", "Kerman toll rises", "2024-01-06"),
        ("voa-2024-01-05", "voa", "Iran blames others", "2024-01-05"),
        ("iran-international-2024-01-05", "iran-international", "Intercepts point to ISIS-K", "2024-01-05"),
        ("guardian-2024-01-04", "the-guardian", "Kerman bombings", "2024-01-04"),
    ] {
        document(&repo, id, publisher, title, published);
    }
    claim(
        &repo,
        "kerman-killed-ems-103",
        ("killed", "AtLeast(103)", "2024-01-03", "ems-iran"),
        ("mehr-2024-01-03", "at least 103"),
        "",
    );
    claim(
        &repo,
        "kerman-killed-saberi-103",
        ("killed", "Exact(103)", "2024-01-03", "saberi"),
        ("al-jazeera-2024-01-03", "total number of dead to 103"),
        "",
    );
    claim(
        &repo,
        "kerman-responsible-israel-us-jamshidi",
        ("responsible", "Actors([\"united-states\", \"israel\"])", "2024-01-03", "jamshidi"),
        ("voa-2024-01-05", "The responsibility for this crime lies with the U.S. and Zionist regimes"),
        "",
    );
    repo.commit("Ada", "Kerman: the first day's figures");
    claim(
        &repo,
        "kerman-killed-moh-95",
        ("killed", "Exact(95)", "2024-01-03", "iran-health-ministry"),
        ("china-daily-2024-01-04", "95 and not 103"),
        "\n    supersedes: [\"kerman-killed-ems-103\", \"kerman-killed-saberi-103\"],",
    );
    // The desk also rates the double-counted 103 False: it stays in the story.
    claim(
        &repo,
        "kerman-killed-saberi-103",
        ("killed", "Exact(103)", "2024-01-03", "saberi"),
        ("al-jazeera-2024-01-03", "total number of dead to 103"),
        "\n    review: Review(verdict: False, by: \"desk\", on: \"2024-01-04\", note: \"victims counted twice\"),",
    );
    claim(
        &repo,
        "kerman-killed-interior-84",
        ("killed", "Exact(84)", "2024-01-04", "iran-interior-ministry"),
        ("china-daily-2024-01-04", "revised from 95 to 84"),
        "\n    supersedes: [\"kerman-killed-moh-95\"],",
    );
    claim(
        &repo,
        "kerman-killed-guardian-83",
        ("killed", "AtLeast(83)", "2024-01-04", "the-guardian"),
        ("guardian-2024-01-04", "at least 83"),
        "",
    );
    claim(
        &repo,
        "kerman-killed-interior-89",
        ("killed", "Exact(89)", "2024-01-05", "iran-interior-ministry"),
        ("iran-international-2024-01-05", "89"),
        "",
    );
    claim(
        &repo,
        "kerman-killed-state-tv-91",
        ("killed", "AtLeast(91)", "2024-01-06", "iran-state-tv"),
        ("ap-2024-01-06", "risen to at least 91"),
        "",
    );
    claim(
        &repo,
        "kerman-claimed-by-islamic-state",
        ("responsible", "Actor(\"islamic-state\")", "2024-01-04", "islamic-state"),
        ("ap-2024-01-04", "dual martyrdom operation"),
        "",
    );
    claim(
        &repo,
        "kerman-responsible-iskp-reuters-sources",
        ("responsible", "Actor(\"iskp\")", "2024-01-05", "reuters-sources"),
        ("iran-international-2024-01-05", "clear cut and indisputable"),
        "",
    );
    repo.commit("Ada", "Kerman: corrections and the claim of responsibility");
    repo
}

#[test]
fn kerman_end_to_end() {
    let repo = kerman();

    // check: no error; the only warnings are the real disagreement about
    // who is responsible (the joint attribution against both IS claims).
    let out = json(&repo, &["check", "--format", "json"]);
    assert_eq!(out["summary"]["errors"], 0, "{out:#}");
    let warned: Vec<&str> = out["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["code"].as_str().expect("a code"))
        .collect();
    assert!(warned.iter().all(|c| *c == "conflict"), "{warned:?}");

    // conflicts: 103 → 95 → 84 → 89 is a story of corrections, not conflicts.
    let out = json(&repo, &["conflicts", "--format", "json"]);
    let pairs: Vec<(String, String, String)> = out["conflicts"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| (c["kind"].to_string(), c["claims"][0].to_string(), c["claims"][1].to_string()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "\"actor\"".to_owned(),
                "\"kerman-claimed-by-islamic-state\"".to_owned(),
                "\"kerman-responsible-israel-us-jamshidi\"".to_owned()
            ),
            (
                "\"actor\"".to_owned(),
                "\"kerman-responsible-iskp-reuters-sources\"".to_owned(),
                "\"kerman-responsible-israel-us-jamshidi\"".to_owned()
            ),
        ]
    );
    // --all compares the superseded figures too, as the first edition did.
    let all = json(&repo, &["conflicts", "--all", "--format", "json"]);
    let killed =
        all["conflicts"].as_array().expect("a list").iter().filter(|c| c["measure"] == "killed").count();
    assert!(killed >= 3, "{all:#}");

    // report: the 103s stay, marked with what superseded them, ungraded;
    // the IS claim and Reuters' ISKP corroborate each other (part_of).
    let report = json(&repo, &["report", "--format", "json"]);
    let claim = |id: &str| {
        report["claims"].as_array().expect("a list").iter().find(|c| c["id"] == id).cloned().expect(id)
    };
    assert_eq!(ids(&claim("kerman-killed-ems-103")["superseded_by"]), ["kerman-killed-moh-95"]);
    assert_eq!(claim("kerman-killed-ems-103")["credibility"], Value::Null);
    assert_eq!(ids(&claim("kerman-killed-saberi-103")["superseded_by"]), ["kerman-killed-moh-95"]);
    assert_eq!(ids(&claim("kerman-killed-moh-95")["superseded_by"]), ["kerman-killed-interior-84"]);
    assert_eq!(ids(&claim("kerman-killed-interior-84")["superseded_by"]), ["kerman-killed-interior-89"]);
    assert!(ids(&claim("kerman-killed-interior-89")["superseded_by"]).is_empty());
    assert_eq!(claim("kerman-killed-interior-89")["credibility"]["grade"], 1);
    assert_eq!(
        claim("kerman-responsible-israel-us-jamshidi")["value"],
        serde_json::json!({"Actors": ["united-states", "israel"]})
    );
    assert_eq!(claim("kerman-claimed-by-islamic-state")["credibility"]["grade"], 3);

    // sources: the desk's False is its own verdict; superseded counted apart.
    let sources = json(&repo, &["sources", "--format", "json"]);
    let source = |id: &str| {
        sources["sources"].as_array().expect("a list").iter().find(|s| s["id"] == id).cloned().expect(id)
    };
    assert_eq!(
        (source("saberi")["retracted"].as_u64(), source("saberi")["superseded"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (source("ems-iran")["retracted"].as_u64(), source("ems-iran")["superseded"].as_u64()),
        (Some(0), Some(1))
    );
    let (human, _, _) = output(&mut repo.claimtrail(&["sources", "--color", "never"]));
    assert!(human.contains("deprecated or rated False by the desk"), "{human}");
    assert!(!human.contains("retracted"), "{human}");

    // The HTML report names the joint attribution and keeps the 103.
    let (html, _, _) = output(&mut repo.claimtrail(&["report", "--format", "html"]));
    assert!(html.contains("United States + Israel"), "the actors by name");
    assert!(html.contains("superseded by <a href=\"#claim-kerman-killed-moh-95\">"));
    assert!(html.contains("class=\"successor\""), "an arrow from a superseded figure to its successor");

    // ClaimReview rates the claimant's own words.
    let (reviews, _, code) = output(&mut repo.claimtrail(&["export", "--format", "claimreview"]));
    assert_eq!(code, 0);
    let reviews: Value = serde_json::from_str(&reviews).expect("JSON");
    assert_eq!(reviews[0]["claimReviewed"], "total number of dead to 103");
    assert_eq!(
        reviews[0]["itemReviewed"]["author"]["name"],
        "Reza Fallah, head of Kerman emergency services"
    );

    // history keeps the superseded claim's versions.
    let history = json(&repo, &["history", "kerman-bombings-2024/killed", "--format", "json"]);
    let versions = history["versions"].as_array().expect("a list");
    assert!(versions.iter().any(|v| v["id"] == "kerman-killed-ems-103"));
    assert_eq!(versions.iter().filter(|v| v["id"] == "kerman-killed-saberi-103").count(), 2);
}

#[test]
fn a_superseded_claim_in_the_human_timeline() {
    let repo = kerman();
    let (text, _, code) = output(&mut repo.claimtrail(&["conflicts", "--all", "--color", "never"]));
    assert_eq!(code, 0);
    let (current, _, _) = output(&mut repo.claimtrail(&["conflicts", "--color", "never"]));
    insta::assert_snapshot!("kerman_conflicts_all", text);
    insta::assert_snapshot!("kerman_conflicts_current", current);
}

#[test]
fn a_superseded_claim_in_the_html_report() {
    let repo = kerman();
    let (html, _, _) = output(&mut repo.claimtrail(&["report", "--format", "html"]));
    let row = |id: &str| {
        let start = html.find(&format!("<tr id=\"claim-{id}\"")).expect("a row");
        let end = start + html[start..].find("</tr>").expect("its end") + 5;
        html[start..end].to_owned()
    };
    insta::assert_snapshot!(
        "kerman_html_superseded_rows",
        format!("{}\n{}", row("kerman-killed-ems-103"), row("kerman-killed-saberi-103"))
    );
}
