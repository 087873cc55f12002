//! One line per rule of docs/reference.md section 4's pair rule, each checked in both
//! orders (the rule is symmetric).

use super::*;
use crate::testing;
use crate::text::parse::parse_measures;

fn measure(id: &str) -> Measure {
    parse_measures(testing::MEASURES)
        .expect("fixture measures parse")
        .into_iter()
        .find(|m| m.id == id)
        .expect(id)
}

fn part_of() -> PartOf {
    let sources =
        ["iskp F islamic-state", "khuroson-ovozi F iskp", "islamic-state C", "amaq C islamic-state"];
    let sources: Vec<Source> = sources.iter().map(|s| testing::source(s)).collect();
    PartOf::from_links(sources.iter().map(|s| (s.id.as_str(), &s.part_of[..])))
}

use crate::model::Source;

/// `a` and `b` are claim specs without ids and claimants; `m` the measure.
fn check(m: &str, a: &str, b: &str, expected: &str) {
    let measure = measure(m);
    let (ca, cb) = (testing::claim(&format!("a x {a}")), testing::claim(&format!("b y {b}")));
    let (fa, fb) =
        (Figure::new(&ca, &measure).expect("comparable"), Figure::new(&cb, &measure).expect("comparable"));
    let name = |r: Relation| match r {
        Relation::Conflict(k) => k.as_str(),
        Relation::Agree => "agree",
        Relation::Neither => "neither",
    };
    let part_of = part_of();
    assert_eq!(name(relate(&fa, &fb, &measure, &part_of)), expected, "{m}: {a} vs {b}");
    assert_eq!(name(relate(&fb, &fa, &measure, &part_of)), expected, "{m}: {b} vs {a}");
}

#[test]
fn counts_conflict_when_disjoint() {
    check("any", "Exact(143)", "Exact(143)", "agree");
    check("any", "Exact(143)", "Exact(144)", "disjoint");
    check("any", "Exact(143)", "Between(137,143)", "agree");
    check("any", "Exact(136)", "Between(137,145)", "disjoint");
    check("any", "AtLeast(143)", "Exact(150)", "agree");
    check("any", "AtLeast(143)", "Exact(142)", "disjoint");
    check("any", "AtMost(10)", "Exact(0)", "agree");
    check("any", "AtMost(10)", "AtLeast(11)", "disjoint");
    check("any", "AtLeast(0)", "AtLeast(18446744073709551615)", "agree");
    // About(800) at 10% is [720, 880]; at 50% About(10) is [5, 15].
    check("any", "About(800)", "Exact(720)", "agree");
    check("any", "About(800)", "Exact(719)", "disjoint");
    check("any", "About(800)", "Exact(881)", "disjoint");
    check("about", "About(10)", "Exact(15)", "agree");
    check("about", "About(10)", "Exact(16)", "disjoint");
}

#[test]
fn dates_conflict_when_their_spans_are_disjoint() {
    check("founded", "Date(\"2014\")", "Date(\"2015-01\")", "disjoint");
    check("founded", "Date(\"2015\")", "Date(\"2015-01-26\")", "agree");
    check("founded", "Date(\"2015-01-26T23:59\")", "Date(\"2015-01-26\")", "agree");
    check("founded", "Date(\"2015-01-26T23:59\")", "Date(\"2015-01-27\")", "disjoint");
    // trend is ignored without it: Any is the default.
    check("founded", "Date(\"2014\") @2014", "Date(\"2015\") @2015", "disjoint");
}

#[test]
fn a_toll_that_grew_is_a_revision() {
    check("killed", "Exact(115) @2024-03-23", "Exact(137) @2024-03-24", "neither");
    check("killed", "Exact(143) @2024-03-23", "Exact(137) @2024-03-24", "downward-revision");
    check("killed", "Exact(145) @2024-03-22", "AtMost(115) @2024-03-23", "downward-revision");
    check("killed", "AtLeast(40) @2024-03-22", "Exact(137) @2024-03-24", "agree");
    // The exception needs both as_of, and their spans disjoint.
    check("killed", "Exact(115) @2024-03-23", "Exact(137)", "disjoint");
    check("killed", "Exact(115)", "Exact(137) @2024-03-24", "disjoint");
    check("killed", "Exact(115) @2024-03-23", "Exact(137) @2024-03-23", "disjoint");
    check("killed", "Exact(115) @2024-03-23", "Exact(133) @2024-03-23T13:23", "disjoint");
    check("killed", "Exact(137) @2024-03", "Exact(139) @2024-03-25", "disjoint");
    check("killed", "Exact(115) @2024-03-23T13:22", "Exact(133) @2024-03-23T13:23", "neither");
    check("killed", "Exact(133) @2024-03-23T13:22", "Exact(115) @2024-03-23T13:23", "downward-revision");
    // An invalid as_of is as good as none.
    check("killed", "Exact(115) @2024-02-30", "Exact(137) @2024-03-24", "disjoint");
    // Not NonDecreasing: a growing toll is a plain conflict.
    check("any", "Exact(115) @2024-03-23", "Exact(137) @2024-03-24", "disjoint");
    // A NonDecreasing Date measure follows the same rule.
    check("founded-nd", "Date(\"2014\") @2014", "Date(\"2015\") @2015", "neither");
    check("founded-nd", "Date(\"2015\") @2014", "Date(\"2014\") @2015", "downward-revision");
}

#[test]
fn actors_conflict_unless_related_or_multi() {
    check("organised-by", "Actor(\"islamic-state\")", "Actor(\"islamic-state\")", "agree");
    check("organised-by", "Actor(\"iskp\")", "Actor(\"islamic-state\")", "agree");
    check("organised-by", "Actor(\"khuroson-ovozi\")", "Actor(\"islamic-state\")", "agree");
    check("organised-by", "Actor(\"iskp\")", "Actor(\"amaq\")", "actor");
    check("organised-by", "Actor(\"islamic-state\")", "Actor(\"ukraine\")", "actor");
    check("helped-by", "Actor(\"islamic-state\")", "Actor(\"ukraine\")", "neither");
    check("helped-by", "Actor(\"iskp\")", "Actor(\"islamic-state\")", "agree");
}

#[test]
fn texts_never_compare() {
    check("summary", "Text(\"a\")", "Text(\"a\")", "neither");
    check("summary", "Text(\"a\")", "Text(\"b\")", "neither");
}

#[test]
fn incomparable_claims_have_no_figure() {
    let killed = measure("killed");
    for spec in ["a x Between(5,1)", "a x Text(\"many\")", "a x Actor(\"x\")", "a x Exact(1) m:founded"] {
        let c = testing::claim(spec);
        let m = if c.measure == "founded" { measure("founded") } else { killed.clone() };
        assert!(Figure::new(&c, &m).is_none(), "{spec}");
    }
    let bad_date = testing::claim("a x Date(\"2014-13\") m:founded");
    assert!(Figure::new(&bad_date, &measure("founded")).is_none());
}

#[test]
fn independence() {
    let check = |a: &str, b: &str, expected: Option<&str>| {
        let (a, b) = (testing::claim(a), testing::claim(b));
        let part_of = PartOf::of(&testing::spec_snapshot(&["iskp - islamic-state", "islamic-state -"], &[]));
        assert_eq!(dependence(&a, &b, &part_of).as_deref(), expected);
        assert_eq!(dependence(&b, &a, &part_of).is_some(), expected.is_some());
        assert_eq!(independent(&a, &b, &part_of), expected.is_none());
    };
    check("a ic Exact(1)", "b mchs Exact(1)", None);
    check("a ic Exact(1)", "b ic Exact(1)", Some("same claimant ic"));
    check(
        "a ic Exact(1) via:tass",
        "b tass Exact(1)",
        Some("tass is an intermediary (via) of the claim by ic"),
    );
    // Any citation's via chain counts, at any depth.
    check(
        "a ic Exact(1) via:bbc via:rt,tass",
        "b tass Exact(1)",
        Some("tass is an intermediary (via) of the claim by ic"),
    );
    // Sharing an intermediary is not dependence: two origins, one outlet.
    check("a ic Exact(1) via:tass", "b mchs Exact(1) via:tass", None);
    // A part and its whole are one origin (docs/reference.md, since its second edition).
    check("a iskp Exact(1)", "b islamic-state Exact(1)", Some("iskp is part of islamic-state: one origin"));
    check("a islamic-state Exact(1)", "b iskp Exact(1)", Some("iskp is part of islamic-state: one origin"));
}
