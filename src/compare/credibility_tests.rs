//! One case per grade of docs/reference.md section 4, and the edges of each.

use crate::compare::analysis::Analysis;
use crate::testing;

/// Each claim's grade, in the order given, as `id grade` (`id -` when not
/// graded).
fn grades(sources: &[&str], claims: &[&str]) -> Vec<String> {
    let snap = testing::spec_snapshot(sources, claims);
    let analysis = Analysis::of(&snap);
    (0..snap.entries.len())
        .filter_map(|i| {
            let claim = snap.entries[i].record.as_claim()?;
            let grade = analysis.credibility(i).map_or("-".to_owned(), |c| c.grade.to_string());
            Some(format!("{} {grade}", claim.id))
        })
        .collect()
}

fn check(sources: &[&str], claims: &[&str], expected: &[&str]) {
    assert_eq!(grades(sources, claims), expected, "{sources:?} {claims:?}");
}

const RATED: &[&str] = &["a1 A", "b1 B", "b2 B", "c1 C", "d1 D", "e1 E", "f1 F", "u1 -"];

#[test]
fn grade_6_alone_in_its_group() {
    check(RATED, &["x b1 Exact(1)"], &["x 6"]);
    check(RATED, &["x b1 Exact(1)", "y b2 Exact(1) s:other", "z b2 Exact(1) m:any"], &["x 6", "y 6", "z 6"]);
    // The others are out of the comparison.
    check(
        RATED,
        &["x b1 Exact(1)", "y b2 Exact(2) Deprecated", "z c1 Exact(1) False"],
        &["x 6", "y -", "z -"],
    );
    // Text claims are never compared.
    check(RATED, &["x b1 Text(\"a\") m:summary", "y b2 Text(\"a\") m:summary"], &["x 6", "y 6"]);
}

#[test]
fn grade_1_corroborated_not_contradicted() {
    check(RATED, &["x b1 Exact(143)", "y c1 Between(140,145)"], &["x 1", "y 1"]);
    check(
        RATED,
        &["x b1 Actor(\"iskp\") m:organised-by", "y c1 Actor(\"iskp\") m:organised-by"],
        &["x 1", "y 1"],
    );
}

#[test]
fn corroboration_needs_independence() {
    // One claimant twice is one origin.
    check(RATED, &["x b1 Exact(143)", "y b1 Exact(143)"], &["x 2", "y 2"]);
    // An outlet passing on the ministry's figure is not a second origin.
    check(RATED, &["x b1 Exact(143) via:c1", "y c1 Exact(143)"], &["x 2", "y 2"]);
    check(RATED, &["x b1 Exact(143) via:e1 via:d1,c1", "y c1 Exact(143)"], &["x 2", "y 2"]);
    check(RATED, &["x b1 Exact(143) via:d1", "y c1 Exact(143) via:d1"], &["x 1", "y 1"]);
    // A toll that grew is consistent, but not a confirmation.
    check(RATED, &["x b1 Exact(137) @2024-03-24", "y c1 Exact(143) @2024-03-27"], &["x 2", "y 2"]);
    // Different actors of a multi measure neither agree nor conflict.
    check(RATED, &["x b1 Actor(\"p\") m:helped-by", "y c1 Actor(\"q\") m:helped-by"], &["x 2", "y 2"]);
}

#[test]
fn grade_3_corroborated_and_contradicted() {
    check(RATED, &["x b1 Exact(143)", "y c1 Exact(143)", "z d1 Exact(150)"], &["x 3", "y 3", "z 5"]);
    check(RATED, &["x b1 Exact(143)", "y c1 Exact(143)", "z a1 Exact(150)"], &["x 3", "y 3", "z 4"]);
}

#[test]
fn grade_2_neither() {
    check(RATED, &["x b1 Exact(143)", "y b1 Exact(143)", "z c1 Exact(145) m:any"], &["x 2", "y 2", "z 6"]);
}

#[test]
fn grade_5_contradicted_by_a_better_source_rated_a_to_c() {
    check(RATED, &["x d1 Exact(150)", "y c1 Exact(137)"], &["x 5", "y 4"]);
    check(RATED, &["x b1 Exact(150)", "y a1 Exact(137)"], &["x 5", "y 4"]);
    check(RATED, &["x c1 Exact(150)", "y b1 Exact(137)"], &["x 5", "y 4"]);
    // An unrated claimant counts as F, and an unknown one too.
    check(RATED, &["x u1 Exact(150)", "y c1 Exact(137)"], &["x 5", "y 4"]);
    check(RATED, &["x nobody Exact(150)", "y c1 Exact(137)"], &["x 5", "y 4"]);
    // Any one better conflicting claimant is enough.
    check(RATED, &["x d1 Exact(150)", "y e1 Exact(137)", "z b1 Exact(1)"], &["x 5", "y 5", "z 4"]);
}

#[test]
fn grade_4_contradicted_otherwise() {
    // Equal ratings: not better.
    check(RATED, &["x b1 Exact(150)", "y b2 Exact(137)"], &["x 4", "y 4"]);
    // Better, but D is not rated A, B or C.
    check(RATED, &["x e1 Exact(150)", "y d1 Exact(137)"], &["x 4", "y 4"]);
    check(RATED, &["x u1 Exact(150)", "y f1 Exact(137)"], &["x 4", "y 4"]);
    check(RATED, &["x a1 Actor(\"p\") m:organised-by", "y b1 Actor(\"q\") m:organised-by"], &["x 4", "y 5"]);
}

#[test]
fn the_latest_rating_counts() {
    let snap = {
        let mut snap = testing::spec_snapshot(&["x D", "y C"], &["p x Exact(150)", "q y Exact(137)"]);
        let later = crate::model::Rating {
            by: "desk".into(),
            note: None,
            on: "2025-01-01".into(),
            reliability: crate::model::Reliability::A,
        };
        if let crate::model::Record::Source(s) = &mut snap.entries[0].record {
            s.ratings.push(later);
        }
        snap
    };
    let analysis = Analysis::of(&snap);
    assert_eq!(analysis.credibility(2).map(|c| c.grade), Some(4));
    assert_eq!(analysis.credibility(3).map(|c| c.grade), Some(5));
}

#[test]
fn reasons_say_who_and_why() {
    let snap = testing::spec_snapshot(
        &["tg E", "ic C", "mchs C", "baza D"],
        &[
            "tg150 tg Exact(150) @2024-03-23",
            "ic137 ic Exact(137) @2024-03-24",
            "mchs143 mchs Exact(143) @2024-03-27",
            // No as_of: not superseded by the same claimant's later figure.
            "baza143 baza Exact(143)",
            "baza143b baza Exact(143) @2024-03-27",
        ],
    );
    let analysis = Analysis::of(&snap);
    let reasons = |i: usize| analysis.credibility(i).expect("graded").reasons.clone();
    assert_eq!(
        reasons(4),
        [
            "contradicted by 4 claims and corroborated by none; the claimant of ic137, ic, is rated C, better than tg (rated E)",
            "contradicted by ic137 (ic, rated C: 137 as of 2024-03-24), downward-revision (a later figure below this one)",
            "contradicted by baza143b (baza, rated D: 143 as of 2024-03-27), downward-revision (a later figure below this one)",
            "contradicted by mchs143 (mchs, rated C: 143 as of 2024-03-27), downward-revision (a later figure below this one)",
            "contradicted by baza143 (baza, rated D: 143), disjoint (the figures cannot both be true)",
        ]
    );
    assert_eq!(
        reasons(8),
        [
            "corroborated by 1 independent claim and contradicted by 1",
            "corroborated by mchs143 (mchs, rated C: 143 as of 2024-03-27)",
            "contradicted by tg150 (tg, rated E: 150 as of 2024-03-23), downward-revision (this figure is below an earlier one)",
            "agrees with baza143 (baza, rated D: 143), but not independently: same claimant baza",
        ]
    );
}

#[test]
fn long_lists_of_partners_are_cut() {
    let mut claims: Vec<String> = (0..13).map(|i| format!("c{i:02} s{i} Exact({})", 100 + i)).collect();
    claims.push("x s99 Exact(1)".into());
    let refs: Vec<&str> = claims.iter().map(String::as_str).collect();
    let snap = testing::spec_snapshot(&[], &refs);
    let analysis = Analysis::of(&snap);
    let reasons = &analysis.credibility(13).expect("graded").reasons;
    assert_eq!(reasons.len(), 1 + 10 + 1);
    assert_eq!(reasons.last().map(String::as_str), Some("contradicted by 3 more claims"));
}
