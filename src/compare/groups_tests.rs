//! Grouping and exclusions of docs/reference.md section 4, through whole snapshots.

use crate::compare::analysis::Analysis;
use crate::testing;

/// The conflicts of a store, as `kind subject/measure a b`.
fn conflicts(sources: &[&str], claims: &[&str]) -> Vec<String> {
    let snap = testing::spec_snapshot(sources, claims);
    let analysis = Analysis::of(&snap);
    analysis
        .conflicts
        .iter()
        .map(|c| format!("{} {}/{} {} {}", c.kind.as_str(), c.subject, c.measure, c.claims[0], c.claims[1]))
        .collect()
}

fn check(claims: &[&str], expected: &[&str]) {
    assert_eq!(conflicts(&[], claims), expected, "{claims:?}");
}

#[test]
fn only_claims_of_one_subject_and_measure_are_compared() {
    check(&["a x Exact(1)", "b y Exact(2)"], &["disjoint s/killed a b"]);
    check(&["a x Exact(1)", "b y Exact(2) s:t"], &[]);
    check(&["a x Exact(1)", "b y Exact(2) m:any"], &[]);
    check(
        &["c x Exact(1) m:any", "b y Exact(2) m:any", "a z Exact(3) s:t", "d z Exact(4) s:t"],
        &["disjoint s/any b c", "disjoint t/killed a d"],
    );
}

#[test]
fn deprecated_and_false_claims_are_not_compared() {
    check(&["a x Exact(1)", "b y Exact(2) Deprecated"], &[]);
    check(&["a x Exact(1)", "b y Exact(2) False"], &[]);
    check(&["a x Exact(1) False", "b y Exact(2) Deprecated"], &[]);
}

#[test]
fn claims_that_cannot_be_compared_are_left_out() {
    check(&["a x Exact(1)", "b y Exact(2) m:nonesuch", "c y Exact(3) m:nonesuch"], &[]);
    check(&["a x Exact(1)", "b y Between(5,3)", "c y Text(\"3\")"], &[]);
    check(&["a x Date(\"2014\") m:founded", "b y Date(\"2015-02-30\") m:founded"], &[]);
}

#[test]
fn every_pair_of_a_group_is_listed_once_with_sorted_ids() {
    check(
        &["c x Exact(3)", "a y Exact(1)", "b z Exact(2)"],
        &["disjoint s/killed a b", "disjoint s/killed a c", "disjoint s/killed b c"],
    );
}

#[test]
fn kinds_in_one_group() {
    check(
        &["tg x Exact(150) @2024-03-23", "ic1 z Exact(115) @2024-03-23", "ic2 y Exact(137) @2024-03-24"],
        &["disjoint s/killed ic1 tg", "downward-revision s/killed ic2 tg"],
    );
    check(
        &["a x Actor(\"islamic-state\") m:organised-by", "b y Actor(\"ukraine\") m:organised-by"],
        &["actor s/organised-by a b"],
    );
}

#[test]
fn part_of_comes_from_the_store() {
    let claims =
        ["a x Actor(\"khuroson-ovozi\") m:organised-by", "b y Actor(\"islamic-state\") m:organised-by"];
    assert_eq!(conflicts(&[], &claims), ["actor s/organised-by a b"]);
    let sources = ["khuroson-ovozi - iskp", "iskp - islamic-state", "islamic-state -"];
    assert_eq!(conflicts(&sources, &claims), Vec::<String>::new());
}

#[test]
fn members_form_a_timeline() {
    let snap = testing::spec_snapshot(
        &[],
        &[
            "e x Exact(1)",
            "d x Exact(0)",
            "c x Exact(1) @2024-03-23T13:23",
            "b x Exact(1) @2024-03-23",
            "f x Exact(0) @2024-03-23",
            "a x Exact(1) @2024-03-24",
        ],
    );
    let analysis = Analysis::of(&snap);
    let order: Vec<&str> = analysis.groups[0].members.iter().map(|m| m.claim.id.as_str()).collect();
    assert_eq!(order, ["f", "b", "c", "a", "d", "e"]);
}

#[test]
fn file_order_does_not_matter() {
    let claims = [
        "a x Exact(150) @2024-03-23",
        "b y Exact(137) @2024-03-24",
        "c z AtLeast(140)",
        "d z Exact(1) m:any",
    ];
    let mut snap = testing::spec_snapshot(&["x B", "y C"], &claims);
    let before = Analysis::of(&snap).conflicts;
    snap.entries.reverse();
    let after = Analysis::of(&snap);
    assert_eq!(before, after.conflicts);
    assert_eq!(after.conflicts.len(), 2);
}

/// A claimant's series of 40 daily revisions: a group large enough for
/// `member_at` to use its sorted lookup.
fn series() -> crate::store::contents::Contents {
    let claims: Vec<String> = (0..40)
        .map(|d| format!("c{d:02} x Exact({}) @2024-{:02}-{:02}", 100 + d, d / 10 + 1, d % 10 + 1))
        .collect();
    let claims: Vec<&str> = claims.iter().map(String::as_str).rev().collect();
    testing::spec_snapshot(&[], &claims)
}

#[test]
fn members_are_found_by_entry_in_a_large_group() {
    let snap = series();
    let analysis = Analysis::graded(&snap, crate::compare::groups::Scope::All);
    let g = &analysis.groups[0];
    assert_eq!(g.members.len(), 40);
    for (i, m) in g.members.iter().enumerate() {
        assert_eq!(g.member_at(m.entry), Some(i));
    }
    assert_eq!(g.member_at(snap.entries.len()), None);
}

#[test]
fn each_revision_names_the_figure_it_revised() {
    let snap = series();
    let report = crate::compare::report::Report::build_in(
        &snap,
        &std::collections::HashSet::new(),
        crate::compare::groups::Scope::All,
    );
    for m in &report.analysis.groups[0].members {
        let reasons = &m.credibility.as_ref().expect("graded").reasons;
        let revised: Vec<&String> = reasons.iter().filter(|r| r.starts_with("revised from")).collect();
        let n: usize = m.claim.id[1..].parse().expect("a number");
        match n.checked_sub(1) {
            Some(before) => assert_eq!(
                revised,
                [&format!(
                    "revised from {} as of 2024-{:02}-{:02} (c{before:02}), its claimant's earlier figure",
                    100 + before,
                    before / 10 + 1,
                    before % 10 + 1
                )],
                "{}",
                m.claim.id
            ),
            None => assert!(revised.is_empty()),
        }
    }
}
