//! One test per finding code of docs/reference.md section 7 (but `unexplained-revision`),
//! each asserting file, line and column.

use crate::finding::Code;
use crate::testing::{findings, sealed};

const SNAPSHOT: &str = "The toll \u{a0}rose to “143” people – officials said…\n";

fn source(id: &str) -> String {
    sealed(&format!("Source(\n    id: \"{id}\",\n    name: \"{id}\",\n    kind: Government,\n)\n"))
}

fn document() -> String {
    sealed(&format!(
        "Document(\n    id: \"doc\",\n    publisher: \"ic\",\n    title: \"T\",\n    published: \"2024-03-24\",\n    snapshot: \"doc.txt\",\n    snapshot_hash: \"{}\",\n)\n",
        crate::text::hash::bytes_hash(SNAPSHOT.as_bytes())
    ))
}

/// A valid claim; `edit` replaces one line's text before sealing.
fn claim(id: &str, edit: (&str, &str)) -> String {
    let text = format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"crocus\",\n    measure: \"killed\",\n    value: Exact(143),\n    as_of: \"2024-03-23\",\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [\n        Citation(document: \"doc\", quote: \"rose to \\\"143\\\" people - officials\"),\n    ],\n)\n"
    );
    assert!(text.contains(edit.0), "{} not in claim", edit.0);
    sealed(&text.replacen(edit.0, edit.1, 1))
}

/// The base store plus extra files; returns its findings.
fn run(extra: &[(&str, String)]) -> Vec<String> {
    let mut files: Vec<(String, String)> = vec![
        ("sources/ic.ron".into(), source("ic")),
        ("sources/doc.ron".into(), document()),
        ("sources/snapshots/doc.txt".into(), SNAPSHOT.into()),
    ];
    for (p, t) in extra {
        files.retain(|(q, _)| q != p);
        files.push((p.to_string(), t.clone()));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    findings(&refs)
}

fn check(extra: &[(&str, String)], expected: &[&str]) {
    assert_eq!(run(extra), expected);
}

#[test]
fn a_valid_store_is_clean() {
    check(&[("claims/crocus/a.ron", claim("a", ("", "")))], &[]);
}

#[test]
fn parse() {
    check(&[("claims/a.ron", "Claim(\n    id: \"a\",\n    valu: 3,\n)".into())], &["parse claims/a.ron:3:5"]);
    check(&[("claims/a.ron", String::new())], &["parse claims/a.ron:1:1"]);
}

#[test]
fn bad_id() {
    check(&[("claims/a.ron", claim("Bad_Id", ("", "")))], &["bad-id claims/a.ron:2:9"]);
    check(&[("claims/a.ron", claim("a", ("\"crocus\"", "\"Crocus Hall\"")))], &["bad-id claims/a.ron:3:14"]);
}

#[test]
fn duplicate_id() {
    check(
        &[("claims/a.ron", claim("a", ("", ""))), ("claims/b.ron", claim("a", ("", "")))],
        &["duplicate-id claims/b.ron:2:9"],
    );
}

#[test]
fn dangling_reference() {
    check(
        &[("claims/a.ron", claim("a", ("claimant: \"ic\"", "claimant: \"icc\"")))],
        &["dangling-reference claims/a.ron:8:15"],
    );
    check(
        &[("claims/a.ron", claim("a", ("document: \"doc\"", "document: \"ic\"")))],
        &["dangling-reference claims/a.ron:10:28"],
    );
}

#[test]
fn unknown_measure() {
    check(
        &[("claims/a.ron", claim("a", ("\"killed\"", "\"kiled\"")))],
        &["unknown-measure claims/a.ron:4:14"],
    );
}

#[test]
fn value_kind() {
    check(
        &[("claims/a.ron", claim("a", ("Exact(143)", "Text(\"many\")")))],
        &["value-kind claims/a.ron:5:12"],
    );
}

#[test]
fn bad_interval() {
    check(
        &[("claims/a.ron", claim("a", ("Exact(143)", "Between(145, 137)")))],
        // The quote gives 143, neither end of the interval.
        &["bad-interval claims/a.ron:5:12", "value-not-in-quote claims/a.ron:5:12"],
    );
}

#[test]
fn bad_date() {
    check(&[("claims/a.ron", claim("a", ("2024-03-23", "2024-02-30")))], &["bad-date claims/a.ron:6:12"]);
}

#[test]
fn date_order() {
    check(&[("claims/a.ron", claim("a", ("2024-03-23", "2024-03-25")))], &["date-order claims/a.ron:6:12"]);
    // The day of publication itself is fine.
    check(&[("claims/a.ron", claim("a", ("2024-03-23", "2024-03-24")))], &[]);
}

#[test]
fn missing_hash_and_hash_mismatch() {
    let sealed_claim = claim("a", ("", ""));
    let unsealed: String =
        sealed_claim.lines().filter(|l| !l.contains("hash:")).collect::<Vec<_>>().join("\n");
    check(&[("claims/a.ron", unsealed)], &["missing-hash claims/a.ron:1:1"]);
    let edited = sealed_claim.replace("statement: \"x\"", "statement: \"y\"");
    check(&[("claims/a.ron", edited)], &["hash-mismatch claims/a.ron:12:11"]);
}

#[test]
fn snapshot_missing_hash_and_escape() {
    let doc = document();
    check(
        &[("sources/doc.ron", sealed(&doc.replace("\"doc.txt\"", "\"gone.txt\"")))],
        &["snapshot-missing sources/doc.ron:6:15"],
    );
}

#[test]
fn snapshot_hash() {
    let found = run(&[
        ("claims/crocus/a.ron", claim("a", ("", ""))),
        ("sources/snapshots/doc.txt", format!("{SNAPSHOT} more")),
    ]);
    assert_eq!(found, ["snapshot-hash sources/doc.ron:7:20"]);
}

/// A document with a capture: the WARC file is checked as the snapshot
/// is (missing, hash, escape), and `version_of` must name a document.
#[test]
fn captures_and_versions() {
    let warc = "WARC/1.1\r\n";
    let with = |capture: &str, hash: &str, version_of: &str| {
        sealed(&document().replace(
            "\n)\n",
            &format!("\n    capture: \"{capture}\",\n    capture_hash: \"{hash}\",\n    version_of: \"{version_of}\",\n)\n"),
        ))
    };
    let good = crate::text::hash::bytes_hash(warc.as_bytes());
    let wrong = crate::text::hash::bytes_hash(b"other");
    let capture = ("sources/snapshots/doc.warc.gz", warc.to_owned());
    let earlier = ("sources/earlier.ron", sealed(&document().replace("\"doc\"", "\"earlier\"")));
    check(
        &[("sources/doc.ron", with("doc.warc.gz", &good, "earlier")), capture.clone(), earlier.clone()],
        &[],
    );
    check(
        &[("sources/doc.ron", with("gone.warc.gz", &good, "earlier")), earlier.clone()],
        &["snapshot-missing sources/doc.ron:10:14"],
    );
    check(
        &[("sources/doc.ron", with("doc.warc.gz", &wrong, "earlier")), capture.clone(), earlier.clone()],
        &["snapshot-hash sources/doc.ron:11:19"],
    );
    check(
        &[("sources/doc.ron", with("../x.warc.gz", &good, "earlier")), earlier.clone()],
        &["path-escape sources/doc.ron:10:14"],
    );
    check(
        &[("sources/doc.ron", with("doc.warc.gz", &good, "erlier")), capture, earlier],
        &["dangling-reference sources/doc.ron:12:17"],
    );
}

#[test]
fn path_escape() {
    let doc = document();
    check(
        &[("sources/doc.ron", sealed(&doc.replace("\"doc.txt\"", "\"../../etc/passwd\"")))],
        &["path-escape sources/doc.ron:6:15"],
    );
    check(
        &[("sources/doc.ron", sealed(&doc.replace("\"doc.txt\"", "\"/etc/passwd\"")))],
        &["path-escape sources/doc.ron:6:15"],
    );
}

#[test]
fn quote_not_found() {
    let found = run(&[("claims/crocus/a.ron", claim("a", ("people - officials", "people, officials")))]);
    assert_eq!(found, ["quote-not-found claims/crocus/a.ron:10:42"]);
}

#[test]
fn quote_folding_accepts_typography() {
    // The snapshot has NBSP, curly quotes, an en dash and an ellipsis.
    check(&[("claims/crocus/a.ron", claim("a", ("people - officials", "people - officials said...")))], &[]);
}

#[test]
fn part_of_cycle() {
    let a = sealed("Source(\n    id: \"a\",\n    name: \"A\",\n    kind: Other,\n    part_of: [\"b\"],\n)\n");
    let b = sealed("Source(\n    id: \"b\",\n    name: \"B\",\n    kind: Other,\n    part_of: [\"a\"],\n)\n");
    check(&[("sources/a.ron", a), ("sources/b.ron", b)], &["part-of-cycle sources/a.ron:5:15"]);
}

#[test]
fn conflict() {
    // A conflicting pair is one warning, at the value of the claim whose
    // id sorts last (and the quote of `b`, which says 143, does not carry
    // its 150).
    check(
        &[
            ("claims/crocus/a.ron", claim("a", ("", ""))),
            ("claims/crocus/b.ron", claim("b", ("Exact(143)", "Exact(150)"))),
        ],
        &["value-not-in-quote claims/crocus/b.ron:5:12", "conflict claims/crocus/b.ron:5:12"],
    );
    // A growing toll is not a conflict; a Deprecated claim is not compared.
    check(
        &[
            ("claims/crocus/a.ron", claim("a", ("", ""))),
            (
                "claims/crocus/b.ron",
                claim(
                    "b",
                    ("Exact(143),\n    as_of: \"2024-03-23\"", "Exact(150),\n    as_of: \"2024-03-24\""),
                ),
            ),
            ("claims/crocus/c.ron", claim("c", ("Exact(143)", "Exact(1),\n    rank: Deprecated"))),
        ],
        // Their quotes still say 143, and a Deprecated claim is still read.
        &["value-not-in-quote claims/crocus/b.ron:5:12", "value-not-in-quote claims/crocus/c.ron:5:12"],
    );
}

#[test]
fn conflict_names_the_other_claim_and_the_kind() {
    let a = claim("a", ("", ""));
    // Another claimant: the same claimant's later figure would supersede
    // the earlier one instead of conflicting with it.
    let b = claim("b", ("Exact(143),\n    as_of: \"2024-03-23\"", "Exact(140),\n    as_of: \"2024-03-24\""));
    let b = crate::testing::sealed(&b.replace("claimant: \"ic\"", "claimant: \"mchs\""));
    let snap = crate::testing::snapshot(&[
        ("claims/a.ron", &a),
        ("claims/b.ron", &b),
        ("sources/ic.ron", &source("ic")),
        ("sources/mchs.ron", &source("mchs")),
        ("sources/doc.ron", &document()),
        ("sources/snapshots/doc.txt", SNAPSHOT),
    ]);
    let conflicts = |found: Vec<crate::finding::Diagnostic>| -> Vec<crate::finding::Diagnostic> {
        found.into_iter().filter(|d| d.code == Code::Conflict).collect()
    };
    let found = conflicts(crate::check::check(&snap));
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "conflicts with claim `a` (downward-revision): 140 as of 2024-03-24 vs 143 as of 2024-03-23; a later figure is below an earlier one",
        ]
    );
    let related: Vec<(&str, Option<&str>, &str)> =
        found[0].related.iter().map(|r| (r.file.as_str(), r.id.as_deref(), r.message.as_str())).collect();
    assert_eq!(related, [("claims/a.ron", Some("a"), "the other claim: `a`, 143 as of 2024-03-23")]);
    // Under `check --since`, the pair is reported at its changed claim.
    let changed = ["a".to_owned()].into_iter().collect();
    let found = conflicts(crate::check::check_changed(&snap, &changed));
    assert_eq!(found[0].id.as_deref(), Some("a"));
    assert_eq!(found[0].related[0].id.as_deref(), Some("b"));
}

#[test]
fn duplicate_id_names_the_first_record() {
    let a = claim("a", ("", ""));
    let snap = crate::testing::snapshot(&[("claims/a.ron", &a), ("claims/b.ron", &a)]);
    let found = crate::check::check(&snap);
    let dup = found.iter().find(|d| d.code == crate::finding::Code::DuplicateId).expect("a duplicate");
    assert_eq!(dup.file, "claims/b.ron");
    assert_eq!(dup.related.len(), 1);
    assert_eq!((dup.related[0].file.as_str(), dup.related[0].field.as_deref()), ("claims/a.ron", Some("id")));
}

#[test]
fn misplaced_record() {
    check(&[("sources/a.ron", claim("a", ("", "")))], &["misplaced-record sources/a.ron:1:1"]);
}

#[test]
fn finding_messages_carry_raw_text_that_every_renderer_escapes() {
    let evil = claim("a", ("claimant: \"ic\"", "claimant: \"i\\u{1b}[31mc\""));
    let snap = crate::testing::snapshot(&[("claims/a.ron", &evil), ("sources/ic.ron", &source("ic"))]);
    let diags = crate::check::check(&snap);
    assert!(diags.iter().any(|d| d.message.contains('\u{1b}')), "analysis keeps record text raw: {diags:?}");
    let summary = crate::render::wire::Summary::new(1, 1, 0, crate::finding::Tally::of(&diags));
    let texts = std::collections::HashMap::new();
    let mut outputs: Vec<Vec<u8>> = vec![Vec::new(); 4];
    crate::render::check::human::check(
        &mut outputs[0],
        crate::render::style::Style::PLAIN,
        &diags,
        &texts,
        Some(summary),
    )
    .expect("render to memory");
    crate::render::check::json::check(&mut outputs[1], summary, &diags).expect("render to memory");
    crate::render::check::sarif::check(&mut outputs[2], "0", "", &diags, &texts).expect("render to memory");
    crate::render::check::github::annotations(&mut outputs[3], "", &diags).expect("render to memory");
    for out in outputs {
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("\\u{1b}") || text.contains("\\\\u{1b}"), "shown as a visible escape: {text}");
    }
}

#[test]
fn bad_value() {
    let actors = |value: &str| {
        claim(
            "a",
            (
                "measure: \"killed\",\n    value: Exact(143)",
                &format!("measure: \"organised-by\",\n    value: {value}"),
            ),
        )
    };
    check(&[("claims/a.ron", actors("Actors([\"ic\"])"))], &["bad-value claims/a.ron:5:12"]);
    check(&[("claims/a.ron", actors("Actors([\"ic\", \"ic\"])"))], &["bad-value claims/a.ron:5:12"]);
    check(&[("claims/a.ron", actors("Actors([])"))], &["bad-value claims/a.ron:5:12"]);
    // Two distinct actors are a joint attribution; each must be a source.
    check(
        &[("claims/a.ron", actors("Actors([\"ic\", \"doc\"])")), ("sources/x.ron", source("x"))],
        &["dangling-reference claims/a.ron:5:12"],
    );
    check(&[("claims/a.ron", actors("Actors([\"ic\", \"x\"])")), ("sources/x.ron", source("x"))], &[]);
}

/// Claim `id` with `supersedes: [targets]` after its as_of.
fn superseding(id: &str, as_of: &str, targets: &str) -> String {
    claim(id, ("as_of: \"2024-03-23\",", &format!("as_of: \"{as_of}\",\n    supersedes: [{targets}],")))
}

#[test]
fn bad_supersedes() {
    let b = || claim("b", ("", ""));
    // A correction of an earlier claim of the same group is fine, in both
    // file orders.
    check(&[("claims/a.ron", superseding("a", "2024-03-23", "\"b\"")), ("claims/b.ron", b())], &[]);
    check(&[("claims/b.ron", b()), ("claims/z.ron", superseding("a", "2024-03-23", "\"b\""))], &[]);
    check(
        &[("claims/a.ron", superseding("a", "2024-03-23", "\"a\""))],
        &["bad-supersedes claims/a.ron:7:18"],
    );
    let other = claim("b", ("subject: \"crocus\"", "subject: \"kerman\""));
    check(
        &[("claims/a.ron", superseding("a", "2024-03-23", "\"b\"")), ("claims/b.ron", other)],
        &["bad-supersedes claims/a.ron:7:18"],
    );
    // Each names the other: a cycle, found on both sides.
    check(
        &[
            ("claims/a.ron", superseding("a", "2024-03-23", "\"b\"")),
            ("claims/b.ron", superseding("b", "2024-03-23", "\"a\"")),
        ],
        &["bad-supersedes claims/a.ron:7:18", "bad-supersedes claims/b.ron:7:18"],
    );
    // An earlier figure naming the same claimant's later one: the later one
    // already supersedes it.
    check(
        &[("claims/a.ron", superseding("a", "2024-03-22", "\"b\"")), ("claims/b.ron", b())],
        &["bad-supersedes claims/a.ron:7:18"],
    );
    check(
        &[("claims/a.ron", superseding("a", "2024-03-23", "\"nobody\""))],
        &["dangling-reference claims/a.ron:7:18"],
    );
}

/// The `value-not-in-quote` findings of one claim of `measure` with
/// `value`, citing `quotes` of a snapshot that holds them all (so that no
/// other rule fires), as `code file:line:col message`.
fn figures_of(measure: &str, value: &str, quotes: &[&str]) -> Vec<String> {
    let snapshot = quotes.join("\n");
    let doc = sealed(&format!(
        "Document(\n    id: \"doc\",\n    publisher: \"ic\",\n    title: \"T\",\n    published: \"2024-03-24\",\n    snapshot: \"doc.txt\",\n    snapshot_hash: \"{}\",\n)\n",
        crate::text::hash::bytes_hash(snapshot.as_bytes())
    ));
    let citations: String =
        quotes.iter().map(|q| format!("        Citation(document: \"doc\", quote: {q:?}),\n")).collect();
    let claim = sealed(&format!(
        "Claim(\n    id: \"a\",\n    subject: \"crocus\",\n    measure: \"{measure}\",\n    value: {value},\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [\n{citations}    ],\n)\n"
    ));
    let files = [
        ("sources/ic.ron", source("ic")),
        ("sources/doc.ron", doc),
        ("sources/snapshots/doc.txt", snapshot.clone()),
        ("claims/a.ron", claim),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let snap = crate::testing::snapshot(&refs);
    let mut diags = crate::check::check(&snap);
    let texts: std::collections::HashMap<&str, &str> = refs.iter().copied().collect();
    crate::finding::locate(&mut diags, |f| texts.get(f).map(|t| t.to_string()));
    let others: Vec<&str> =
        diags.iter().filter(|d| d.code != Code::ValueNotInQuote).map(|d| d.code.as_str()).collect();
    assert!(others.is_empty(), "other findings for {value} in {quotes:?}: {others:?}");
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{} {}",
                d.code.as_str(),
                d.file,
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.message
            )
        })
        .collect()
}

/// (value, quotes, whether `value-not-in-quote` fires): a firing and a
/// quiet case for every value form and every way of writing a figure.
const VALUE_FIGURES: &[(&str, &[&str], bool)] = &[
    ("Exact(143)", &["at least 143 people"], false),
    ("Exact(134)", &["at least 143 people"], true),
    ("About(800)", &["about 800 citizens"], false),
    ("About(800)", &["about 880 citizens"], true),
    ("AtLeast(143)", &["at least 143 people"], false),
    ("AtLeast(61)", &["more than 60 people"], false),
    ("AtLeast(62)", &["more than 60 people"], true),
    ("AtLeast(60)", &["more than 61 people"], true),
    ("AtLeast(0)", &["no one, 0 people"], false),
    ("AtMost(10)", &["at most 10 people"], false),
    ("AtMost(10)", &["fewer than 11 people"], false),
    ("AtMost(10)", &["fewer than 12 people"], true),
    ("AtMost(10)", &["fewer than 9 people"], true),
    ("Between(137, 145)", &["between 137 and 145 people"], false),
    ("Between(137, 145)", &["137 found", "145 in all"], false),
    ("Between(137, 145)", &["137 or more"], true),
    ("Between(137, 145)", &["up to 145"], true),
    ("Between(137, 145)", &["from 136 to 146"], true),
    // Number words, scale words, separators.
    ("Exact(95)", &["ninety-five killed"], false),
    ("Exact(95)", &["Ninety five killed"], false),
    ("Exact(95)", &["ninety killed"], true),
    ("Exact(7)", &["seven"], false),
    ("AtLeast(280)", &["more than two hundred and seventy-nine"], false),
    ("AtLeast(280)", &["two hundred and eighty wounded"], false),
    ("About(1000)", &["approaching a thousand"], false),
    ("About(1000)", &["thousands of people"], true),
    ("Exact(1500000)", &["1.5 million people"], false),
    ("Exact(1500000)", &["1.5 people"], true),
    ("About(4000)", &["4,000 militants"], false),
    ("About(4000)", &["4 000 militants"], false),
    ("About(4000)", &["4.000 militants"], false),
    ("About(4000)", &["4\u{a0}000 militants"], false),
    ("About(4000)", &["4\u{2009}000 militants"], false),
    ("About(4000)", &["4 thousand militants"], false),
    ("About(4000)", &["4,0000 militants"], true),
    ("About(4000)", &["40,000 militants"], true),
    // A number inside a longer run of digits or letters does not count.
    ("Exact(143)", &["flight 1430 landed"], true),
    ("Exact(143)", &["unit A143 left"], true),
    ("Exact(143)", &["the 143B form"], true),
    // Years count as figures of a value: a count of 2024 is a count.
    ("Exact(2024)", &["in 2024, it said"], false),
];

#[test]
fn value_not_in_quote() {
    for &(value, quotes, fires) in VALUE_FIGURES {
        let found = figures_of("killed", value, quotes);
        assert_eq!(!found.is_empty(), fires, "{value} in {quotes:?}: {found:?}");
        for f in &found {
            assert!(f.starts_with("value-not-in-quote claims/a.ron:5:12 "), "{f}");
        }
    }
}

#[test]
fn value_not_in_quote_reads_only_counts() {
    assert_eq!(figures_of("founded", "Date(\"2014\")", &["founded in 2015"]), Vec::<String>::new());
    assert_eq!(figures_of("summary", "Text(\"143\")", &["nothing here"]), Vec::<String>::new());
}

#[test]
fn value_not_in_quote_names_the_figures_the_quotes_mention() {
    let messages = |value, quotes| -> Vec<String> {
        figures_of("killed", value, quotes)
            .into_iter()
            .map(|f| {
                f.split_once(' ')
                    .map(|(_, rest)| rest.split_once(' ').expect("a message").1.to_owned())
                    .expect("a finding")
            })
            .collect()
    };
    assert_eq!(
        messages("AtLeast(134)", &["claimed the lives of at least 143 people"]),
        ["the quotes mention 143; the value says 134"]
    );
    assert_eq!(
        messages("Between(900, 999)", &["the figure approaching a thousand", "4,000 left, then 4000"]),
        ["the quotes mention \"a thousand\" (1000), \"4,000\" (4000); the value says 900 and 999"]
    );
    assert_eq!(
        messages("AtLeast(2000)", &["thousands of people"]),
        ["the quotes mention no figure; the value says 2000"]
    );
    let many = "1 2 3 4 5 6 7 8 9 10";
    assert_eq!(
        messages("Exact(11)", &[many]),
        ["the quotes mention 1, 2, 3, 4, 5, 6, 7, 8, …; the value says 11"]
    );
}

/// `check_file` runs the rules about one record on that file's record
/// only, but the budgets of a run are spent in file order on every record:
/// a file checked alone gets exactly the findings `check` gives it, hints
/// and closest passages spent before it included.
#[test]
fn a_file_checked_alone_gets_its_findings_of_the_whole_run() {
    use super::{SUGGESTION_BUDGET, quotes::CLOSEST_PASSAGE_BUDGET};
    // One snapshot a ninth of the passage budget: the first quotes that
    // miss it get a closest passage, the last ones not.
    let line = "The toll rose to 143 people, officials said.\n";
    let snapshot = line.repeat(CLOSEST_PASSAGE_BUDGET / 9 / line.len() + 1);
    let document = sealed(&format!(
        "Document(id: \"doc\", publisher: \"ic\", title: \"T\", published: \"2024-03-24\", snapshot: \"doc.txt\", snapshot_hash: \"{}\")",
        crate::text::hash::bytes_hash(snapshot.as_bytes())
    ));
    let bare = sealed("Document(id: \"bare\", publisher: \"ic\", title: \"T\", published: \"2024-03-24\")");
    let claim = |id: &str, claimant: &str, document: &str, quote: &str| {
        sealed(&format!(
            "Claim(id: \"{id}\", subject: \"s\", measure: \"killed\", value: Exact(143), as_of: \"2024-03-23\", statement: \"x\", claimant: \"{claimant}\", citations: [Citation(document: \"{document}\", quote: \"{quote}\")])"
        ))
    };
    let mut files: Vec<(String, String)> = vec![
        ("sources/ic.ron".into(), source("ic")),
        ("sources/doc.ron".into(), document),
        ("sources/bare.ron".into(), bare),
        ("sources/snapshots/doc.txt".into(), snapshot),
    ];
    for i in 0..9 {
        files
            .push((format!("claims/q/q{i}.ron"), claim(&format!("q{i}"), "ic", "doc", "rose to 144 people")));
    }
    // Enough dangling claimants to spend the hints' budget (each spends
    // the number of records) before the last ones.
    let dangling = SUGGESTION_BUDGET / 1000 + 10;
    for i in 0..dangling {
        files
            .push((format!("claims/s/d{i:04}.ron"), claim(&format!("d{i:04}"), "icc", "bare", "143 people")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let snap = crate::testing::snapshot(&refs);
    let whole = crate::check::check(&snap);
    let hinted = |file: &str| whole.iter().any(|d| d.file == file && d.message.contains("did you mean"));
    let passage = |file: &str| whole.iter().any(|d| d.file == file && d.message.contains("closest passage"));
    // Both budgets run out within the store.
    assert!(hinted("claims/s/d0000.ron") && !hinted(&format!("claims/s/d{:04}.ron", dangling - 1)));
    assert!(passage("claims/q/q0.ron") && !passage("claims/q/q8.ron"));
    let mut chosen: Vec<String> = (0..9).map(|i| format!("claims/q/q{i}.ron")).collect();
    chosen.extend([0, 1, 900, 950, dangling - 1].map(|i| format!("claims/s/d{i:04}.ron")));
    chosen.extend(["sources/ic.ron", "sources/doc.ron", "sources/bare.ron"].map(str::to_owned));
    for file in chosen {
        let expected: Vec<&crate::finding::Diagnostic> = whole.iter().filter(|d| d.file == file).collect();
        let alone = crate::check::check_file(&snap, &file);
        assert_eq!(alone.iter().collect::<Vec<_>>(), expected, "{file}");
    }
}
