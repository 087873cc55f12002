//! The laws of docs/reference.md section 4 (second edition), on generated stores: a
//! brute-force oracle over all pairs of claims, written from the spec's
//! words and kept apart from the implementation's grouping (it shares only
//! the date parser of section 2), must agree with `Analysis` on which
//! claims are superseded, every conflict and every grade; conflicts are
//! symmetric, independent of file order, never of a claim with itself, and
//! widening a value never creates one.

use std::collections::{BTreeMap, BTreeSet};

use crate::Analysis;
use crate::PartialDate;
use crate::model::{Name, Rank, Rating, Review, SourceKind, Trend, Verdict};
use crate::store::config::Config;
use crate::store::contents::Folder;
use crate::{Citation, Claim, Contents, Entry, Measure, Record, Reliability, Source, Value};
use proptest::prelude::*;

const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, trend: NonDecreasing),
    Measure(id: "any", kind: Count, tolerance_percent: 20),
    Measure(id: "founded", kind: Date),
    Measure(id: "founded-nd", kind: Date, trend: NonDecreasing),
    Measure(id: "organised-by", kind: Actor),
    Measure(id: "helped-by", kind: Actor, multi: true),
    Measure(id: "summary", kind: Text),
]"#;

/// The measures the generator draws from (a claim may also name one the
/// store does not define).
const MEASURE_IDS: [(&str, &str); 7] = [
    ("killed", "Count"),
    ("any", "Count"),
    ("founded", "Date"),
    ("founded-nd", "Date"),
    ("organised-by", "Actor"),
    ("helped-by", "Actor"),
    ("summary", "Text"),
];

const SOURCES: [&str; 6] = ["s0", "s1", "s2", "s3", "s4", "s5"];
const DATES: [&str; 9] = [
    "2014",
    "2015",
    "2015-01",
    "2015-01-26",
    "2024-03-23",
    "2024-03-23T13:23",
    "2024-03-24",
    "2024-03",
    "2024-02-30",
];

// ---------------------------------------------------------------- stores

fn reliability() -> impl Strategy<Value = Option<Reliability>> {
    prop_oneof![
        Just(None),
        Just(Some(Reliability::A)),
        Just(Some(Reliability::B)),
        Just(Some(Reliability::C)),
        Just(Some(Reliability::D)),
        Just(Some(Reliability::E)),
        Just(Some(Reliability::F)),
    ]
}

/// Six sources; each may be part of sources with higher numbers (no
/// cycles), often in chains, so that relatedness is transitive.
fn sources() -> impl Strategy<Value = Vec<Source>> {
    proptest::collection::vec((reliability(), proptest::collection::vec(1usize..3, 0..3)), 6).prop_map(
        |specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (rating, parents))| Source {
                    aliases: vec![],
                    country: None,
                    hash: None,
                    homepage: None,
                    id: SOURCES[i].to_owned(),
                    kind: SourceKind::Other,
                    name: SOURCES[i].to_owned(),
                    note: None,
                    part_of: parents
                        .into_iter()
                        .map(|d| i + d)
                        .filter(|&p| p < 6)
                        .map(|p| SOURCES[p].to_owned())
                        .collect(),
                    ratings: rating
                        .map(|r| Rating { by: "d".into(), note: None, on: "2024".into(), reliability: r })
                        .into_iter()
                        .collect(),
                    revises: None,
                })
                .collect()
        },
    )
}

/// A value of the measure's kind, or now and then of any kind (a
/// `value-kind` error, which must keep the claim out of comparison).
fn value(kind: &'static str) -> BoxedStrategy<Value> {
    let n = 0u64..30;
    let counts = prop_oneof![
        n.clone().prop_map(Value::Exact),
        n.clone().prop_map(Value::AtLeast),
        n.clone().prop_map(Value::AtMost),
        (n.clone(), 0u64..8).prop_map(|(lo, w)| Value::Between(lo, lo + w)),
        (n.clone(), 1u64..4).prop_map(|(hi, d)| Value::Between(hi + d, hi)), // inverted: not compared
        n.prop_map(Value::About),
        Just(Value::About(u64::MAX)),
    ];
    let dates = proptest::sample::select(&DATES[..]).prop_map(|d| Value::Date(d.to_owned()));
    let actors = prop_oneof![
        5 => proptest::sample::select(&SOURCES[..]).prop_map(|a| Value::Actor(a.to_owned())),
        1 => Just(Value::Actor("nobody".to_owned())),
        2 => proptest::sample::subsequence(&SOURCES[..], 2..4)
            .prop_map(|all| Value::Actors(all.into_iter().map(str::to_owned).collect())),
    ];
    let texts = Just(Value::Text("t".to_owned()));
    let fitting = match kind {
        "Count" => counts.clone().boxed(),
        "Date" => dates.clone().boxed(),
        "Actor" => actors.clone().boxed(),
        _ => texts.clone().boxed(),
    };
    prop_oneof![12 => fitting, 1 => counts, 1 => dates, 1 => actors, 1 => texts].boxed()
}

fn claim() -> impl Strategy<Value = Claim> {
    let measure = prop_oneof![
        3 => Just(0usize), 2 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize),
        2 => Just(4usize), 1 => Just(5usize), 1 => Just(6usize), 1 => Just(7usize),
    ];
    measure
        .prop_flat_map(|m| {
            // Index 7 is a measure the store does not define.
            let (id, kind) = MEASURE_IDS.get(m).copied().unwrap_or(("nonesuch", "Count"));
            (
                prop_oneof![4 => Just("a"), 1 => Just("b")],
                Just(id),
                value(kind),
                proptest::option::of(proptest::sample::select(&DATES[..])),
                prop_oneof![5 => proptest::sample::select(&SOURCES[..]), 1 => Just("unknown")],
                proptest::collection::vec(
                    proptest::collection::vec(proptest::sample::select(&SOURCES[..]), 0..3),
                    1..3,
                ),
                0u8..12,
                proptest::collection::vec(0usize..16, 0..2),
            )
        })
        .prop_map(|(subject, measure, value, as_of, claimant, vias, fate, supersedes)| Claim {
            as_of: as_of.map(Name::from),
            citations: vias
                .into_iter()
                .map(|via| Citation {
                    document: "doc".into(),
                    locator: None,
                    quote: "q".into(),
                    via: via.into_iter().map(Name::from).collect(),
                })
                .collect(),
            claimant: claimant.into(),
            hash: None,
            id: String::new(),
            measure: measure.into(),
            note: None,
            rank: if fate == 0 { Rank::Deprecated } else { Rank::Normal },
            review: (fate == 1).then(|| {
                Box::new(Review { by: "d".into(), note: None, on: "2024".into(), verdict: Verdict::False })
            }),
            revises: None,
            statement: "s".into(),
            subject: subject.into(),
            // Ids are c00…c15 (see `store`); most lists stay empty.
            supersedes: supersedes.into_iter().map(|i| format!("c{i:02}")).collect(),
            tags: vec![],
            value,
        })
}

fn store() -> impl Strategy<Value = (Vec<Source>, Vec<Claim>)> {
    (sources(), proptest::collection::vec(claim(), 0..16)).prop_map(|(sources, mut claims)| {
        for (i, c) in claims.iter_mut().enumerate() {
            c.id = format!("c{i:02}");
        }
        (sources, claims)
    })
}

fn snapshot(sources: &[Source], claims: &[Claim]) -> Contents {
    let mut snap = Contents::new(Config::default());
    snap.set_measures("schemas/measures.ron", Some(MEASURES.as_bytes()));
    for s in sources {
        let file = format!("sources/{}.ron", s.id);
        snap.entries.push(Entry { file, folder: Folder::Sources, record: Record::Source(s.clone()) });
    }
    for c in claims {
        let file = format!("claims/{}.ron", c.id);
        snap.entries.push(Entry { file, folder: Folder::Claims, record: Record::Claim(c.clone()) });
    }
    snap
}

// ---------------------------------------------------------------- oracle

type Conflicts = BTreeSet<(String, String, &'static str, String, String)>;

/// A measure as the oracle reads it: (id, kind, NonDecreasing, tolerance,
/// multi).
type M<'a> = (&'a str, &'static str, bool, i128, bool);

/// The ids of the superseded claims, straight from docs/reference.md section 4: another
/// compared claim of the group lists it in `supersedes`, or has the same
/// claimant and an as_of that begins after this one's ends; Text values
/// take no part.
fn superseded(claims: &[Claim]) -> BTreeSet<String> {
    let compared = |c: &Claim| {
        c.rank != Rank::Deprecated && !c.review.as_ref().is_some_and(|r| r.verdict == Verdict::False)
    };
    let when = |c: &Claim| c.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok());
    let text = |c: &Claim| matches!(c.value, Value::Text(_));
    let mut out = BTreeSet::new();
    for (i, x) in claims.iter().enumerate() {
        for (j, y) in claims.iter().enumerate() {
            if i == j
                || text(x)
                || text(y)
                || !compared(y)
                || (&x.subject, &x.measure) != (&y.subject, &y.measure)
            {
                continue;
            }
            let explicit = y.supersedes.contains(&x.id);
            let implicit = x.claimant == y.claimant
                && matches!((when(x), when(y)), (Some(tx), Some(ty)) if ty.first_minute > tx.last_minute);
            if explicit || implicit {
                out.insert(x.id.clone());
            }
        }
    }
    out
}

/// Every conflict and every grade, by brute force over all pairs.
fn oracle(sources: &[Source], claims: &[Claim], measures: &[Measure]) -> (Conflicts, BTreeMap<String, u8>) {
    let superseded = superseded(claims);
    let table: Vec<M> = measures
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.kind.name(),
                m.trend == Trend::NonDecreasing,
                m.tolerance_percent as i128,
                m.multi,
            )
        })
        .collect();
    let measure = |id: &str| table.iter().find(|m| m.0 == id).copied();
    let usable = |c: &Claim| {
        let retracted =
            c.rank == Rank::Deprecated || c.review.as_ref().is_some_and(|r| r.verdict == Verdict::False);
        let Some((_, kind, _, tol, _)) = measure(&c.measure) else { return false };
        !retracted
            && !superseded.contains(&c.id)
            && kind_of(&c.value) == kind
            && (kind == "Actor" || kind == "Text" || span(&c.value, tol).is_some())
    };
    let mut conflicts = Conflicts::new();
    let mut grades = BTreeMap::new();
    for (i, a) in claims.iter().enumerate() {
        if !usable(a) {
            continue;
        }
        let (_, kind, _, _, _) = measure(&a.measure).expect("usable");
        let (mut others, mut corroborated, mut contradicting) = (0, false, Vec::new());
        for (j, b) in claims.iter().enumerate() {
            if i == j || !usable(b) || a.subject != b.subject || a.measure != b.measure {
                continue;
            }
            others += 1;
            match pair(a, b, measure(&a.measure).expect("usable"), sources) {
                Some(Ok(kind)) => {
                    contradicting.push(b);
                    if i < j {
                        let (x, y) = if a.id < b.id { (&a.id, &b.id) } else { (&b.id, &a.id) };
                        conflicts.insert((
                            a.subject.to_string(),
                            a.measure.to_string(),
                            kind,
                            x.clone(),
                            y.clone(),
                        ));
                    }
                }
                Some(Err(())) => {
                    let via =
                        |c: &Claim, who: &str| c.citations.iter().any(|cit| cit.via.iter().any(|v| v == who));
                    let one_origin = a.claimant == b.claimant
                        || ancestor(&a.claimant, &b.claimant, sources)
                        || ancestor(&b.claimant, &a.claimant, sources);
                    if !one_origin && !via(a, &b.claimant) && !via(b, &a.claimant) {
                        corroborated = true;
                    }
                }
                None => {}
            }
        }
        let rating = |who: &str| -> u8 {
            let r =
                sources.iter().find(|s| s.id == who).and_then(|s| s.ratings.last()).map(|r| r.reliability);
            match r.unwrap_or(Reliability::F) {
                Reliability::A => 1,
                Reliability::B => 2,
                Reliability::C => 3,
                Reliability::D => 4,
                Reliability::E => 5,
                Reliability::F => 6,
            }
        };
        let grade = if kind == "Text" || others == 0 {
            6
        } else {
            match (corroborated, !contradicting.is_empty()) {
                (true, false) => 1,
                (true, true) => 3,
                (false, false) => 2,
                (false, true) => {
                    let mine = rating(&a.claimant);
                    let better =
                        contradicting.iter().any(|b| rating(&b.claimant) <= 3 && rating(&b.claimant) < mine);
                    if better { 5 } else { 4 }
                }
            }
        };
        grades.insert(a.id.clone(), grade);
    }
    (conflicts, grades)
}

/// `Some(Ok(kind))` conflict, `Some(Err(()))` agree, `None` neither.
fn pair(
    a: &Claim,
    b: &Claim,
    (_, kind, non_decreasing, tol, multi): M,
    sources: &[Source],
) -> Option<Result<&'static str, ()>> {
    match kind {
        "Text" => None,
        "Actor" => {
            let set = |v: &Value| match v {
                Value::Actor(x) => vec![x.clone()],
                Value::Actors(all) => all.clone(),
                _ => unreachable!("usable Actor claims hold actors"),
            };
            let related = set(&a.value).iter().any(|x| {
                set(&b.value).iter().any(|y| x == y || ancestor(x, y, sources) || ancestor(y, x, sources))
            });
            if related {
                Some(Err(()))
            } else if multi {
                None
            } else {
                Some(Ok("actor"))
            }
        }
        _ => {
            let (x, y) = (span(&a.value, tol)?, span(&b.value, tol)?);
            let below = |p: (i128, Option<i128>), q: (i128, Option<i128>)| p.1.is_some_and(|hi| hi < q.0);
            if !below(x, y) && !below(y, x) {
                return Some(Err(()));
            }
            let when = |c: &Claim| c.as_of.as_deref().and_then(|d| PartialDate::parse(d).ok());
            if non_decreasing && let (Some(ta), Some(tb)) = (when(a), when(b)) {
                if ta.last_minute < tb.first_minute {
                    return if below(x, y) { None } else { Some(Ok("downward-revision")) };
                }
                if tb.last_minute < ta.first_minute {
                    return if below(y, x) { None } else { Some(Ok("downward-revision")) };
                }
            }
            Some(Ok("disjoint"))
        }
    }
}

/// Whether `whole` is reachable from `part` through part_of links.
fn ancestor(part: &str, whole: &str, sources: &[Source]) -> bool {
    let mut stack = vec![part.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(p) = stack.pop() {
        for s in sources.iter().filter(|s| s.id == p) {
            for parent in &s.part_of {
                if parent == whole {
                    return true;
                }
                if seen.insert(parent.clone()) {
                    stack.push(parent.clone());
                }
            }
        }
    }
    false
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Date(_) => "Date",
        Value::Actor(_) | Value::Actors(_) => "Actor",
        Value::Text(_) => "Text",
        _ => "Count",
    }
}

/// The interval of docs/reference.md section 3, straight from its table.
fn span(v: &Value, tol: i128) -> Option<(i128, Option<i128>)> {
    Some(match *v {
        Value::Exact(n) => (n as i128, Some(n as i128)),
        Value::AtLeast(n) => (n as i128, None),
        Value::AtMost(n) => (0, Some(n as i128)),
        Value::Between(lo, hi) if lo <= hi => (lo as i128, Some(hi as i128)),
        Value::Between(..) => return None,
        Value::About(n) => {
            let n = n as i128;
            ((n * (100 - tol)).div_euclid(100), Some(-((-(n * (100 + tol))).div_euclid(100))))
        }
        Value::Date(ref d) => {
            let d = PartialDate::parse(d).ok()?;
            (d.first_minute as i128, Some(d.last_minute as i128))
        }
        Value::Actor(_) | Value::Actors(_) | Value::Text(_) => return None,
    })
}

// ---------------------------------------------------------------- laws

fn conflicts_of(snap: &Contents) -> Conflicts {
    Analysis::of(snap)
        .conflicts
        .iter()
        .map(|c| {
            (c.subject.clone(), c.measure.clone(), c.kind.as_str(), c.claims[0].clone(), c.claims[1].clone())
        })
        .collect()
}

fn superseded_of(snap: &Contents) -> BTreeSet<String> {
    let s = crate::Supersession::of(snap);
    (0..snap.entries.len())
        .filter(|&i| s.is_superseded(i))
        .map(|i| snap.entries[i].record.id().to_owned())
        .collect()
}

fn grades_of(snap: &Contents) -> BTreeMap<String, (u8, Vec<String>)> {
    let analysis = Analysis::of(snap);
    (0..snap.entries.len())
        .filter_map(|i| {
            let c = analysis.credibility(i)?;
            Some((snap.entries[i].record.id().to_owned(), (c.grade, c.reasons.clone())))
        })
        .collect()
}

/// A wider value: every number the old one allows is still allowed.
fn widen(v: &Value, d: u64) -> Value {
    match *v {
        Value::Exact(n) => Value::Between(n.saturating_sub(d), n + d),
        Value::AtLeast(n) => Value::AtLeast(n.saturating_sub(d)),
        Value::AtMost(n) => Value::AtMost(n + d),
        Value::Between(lo, hi) if lo <= hi => Value::Between(lo.saturating_sub(d), hi + d),
        Value::About(n) if n < 1 << 40 => Value::AtMost(n * 2 + d),
        Value::Date(ref s) if PartialDate::parse(s).is_ok() => Value::Date(match s.len() {
            7 => s[..4].to_owned(),
            10 | 16 => s[..7].to_owned(),
            _ => s.clone(),
        }),
        ref other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn the_analysis_agrees_with_the_oracle((sources, claims) in store()) {
        let snap = snapshot(&sources, &claims);
        let (conflicts, grades) = oracle(&sources, &claims, &snap.measures);
        prop_assert_eq!(superseded_of(&snap), superseded(&claims));
        prop_assert_eq!(conflicts_of(&snap), conflicts);
        let got: BTreeMap<String, u8> = grades_of(&snap).into_iter().map(|(id, (g, _))| (id, g)).collect();
        prop_assert_eq!(got, grades);
        let listed = Analysis::of(&snap).conflicts;
        prop_assert_eq!(listed.len(), conflicts_of(&snap).len(), "each pair listed once");
    }

    #[test]
    fn conflicts_are_symmetric_and_never_of_a_claim_with_itself((sources, claims) in store()) {
        use crate::compare::pair::{Figure, relate, Relation};
        use crate::compare::part_of::PartOf;
        let snap = snapshot(&sources, &claims);
        let part_of = PartOf::of(&snap);
        for a in &claims {
            let Some(m) = snap.measures.iter().find(|m| m.id == a.measure) else { continue };
            let Some(fa) = Figure::new(a, m) else { continue };
            prop_assert!(!matches!(relate(&fa, &fa, m, &part_of), Relation::Conflict(_)), "{a:?}");
            for b in claims.iter().filter(|b| b.measure == a.measure) {
                let Some(fb) = Figure::new(b, m) else { continue };
                prop_assert_eq!(relate(&fa, &fb, m, &part_of), relate(&fb, &fa, m, &part_of));
            }
        }
        for c in Analysis::of(&snap).conflicts {
            prop_assert!(c.claims[0] < c.claims[1], "{:?}", c);
        }
    }

    #[test]
    fn file_order_does_not_matter(
        (sources, claims) in store(),
        seed in any::<u64>(),
    ) {
        let snap = snapshot(&sources, &claims);
        let mut shuffled = snap.clone();
        // A deterministic shuffle from the seed (Fisher–Yates, xorshift).
        let mut x = seed | 1;
        for i in (1..shuffled.entries.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.entries.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(superseded_of(&snap), superseded_of(&shuffled));
        prop_assert_eq!(conflicts_of(&snap), conflicts_of(&shuffled));
        prop_assert_eq!(grades_of(&snap), grades_of(&shuffled));
    }

    #[test]
    fn widening_a_value_never_creates_a_conflict(
        (sources, claims) in store(),
        pick in any::<proptest::sample::Index>(),
        d in 0u64..20,
    ) {
        prop_assume!(!claims.is_empty());
        let before = conflicts_of(&snapshot(&sources, &claims));
        let mut wider = claims.clone();
        let k = pick.index(wider.len());
        wider[k].value = widen(&wider[k].value, d);
        let after = conflicts_of(&snapshot(&sources, &wider));
        prop_assert!(after.is_subset(&before), "{:?} → {:?}: new {:?}", claims[k].value, wider[k].value, after.difference(&before).collect::<Vec<_>>());
    }
}

/// The generated stores are dense enough to exercise every outcome.
#[test]
fn generated_stores_cover_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut grade_counts = [0usize; 7];
    let mut superseded_claims = 0;
    for _ in 0..200 {
        let (sources, claims) = store().new_tree(&mut runner).expect("a store").current();
        superseded_claims += superseded(&claims).len();
        let measures = snapshot(&[], &[]).measures;
        let (conflicts, grades) = oracle(&sources, &claims, &measures);
        for c in conflicts {
            *kinds.entry(c.2).or_default() += 1;
        }
        for g in grades.values() {
            grade_counts[*g as usize] += 1;
        }
    }
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(superseded_claims > 20, "{superseded_claims} superseded claims");
    assert!(grade_counts[1..].iter().all(|&n| n > 0), "{grade_counts:?}");
}

/// The shipped store, read independently: the oracle and the analysis
/// agree on it, and its 15 conflicts are those docs/reference.md section 4 defines.
#[test]
fn the_shipped_store_agrees_with_the_oracle() {
    let store = crate::Store::open(env!("CARGO_MANIFEST_DIR").into()).expect("the shipped store opens");
    let snap = store.load().expect("the shipped store loads");
    let sources: Vec<Source> = snap.entries.iter().filter_map(|e| e.record.as_source().cloned()).collect();
    let claims: Vec<Claim> = snap.entries.iter().filter_map(|e| e.record.as_claim().cloned()).collect();
    let (conflicts, grades) = oracle(&sources, &claims, &snap.measures);
    assert_eq!(conflicts_of(&snap), conflicts);
    let got: BTreeMap<String, u8> = grades_of(&snap).into_iter().map(|(id, (g, _))| (id, g)).collect();
    assert_eq!(got, grades);
    assert_eq!(conflicts.len(), 15);
}

#[test]
fn widen_widens() {
    assert_eq!(widen(&Value::Date("2015-01-26".into()), 0), Value::Date("2015-01".into()));
    assert_eq!(widen(&Value::Date("2024-03-23T13:23".into()), 0), Value::Date("2024-03".into()));
    assert_eq!(widen(&Value::Date("2015-01".into()), 0), Value::Date("2015".into()));
    assert_eq!(widen(&Value::Exact(3), 5), Value::Between(0, 8));
}

// ------------------------------------------------------- large groups

/// Up to 48 claims, most in one or two groups, so that groups often have
/// more conflicting pairs than a small limit.
fn crowded_store() -> impl Strategy<Value = (Vec<Source>, Vec<Claim>)> {
    (sources(), proptest::collection::vec(claim(), 0..48)).prop_map(|(sources, mut claims)| {
        for (i, c) in claims.iter_mut().enumerate() {
            c.id = format!("c{i:02}");
        }
        (sources, claims)
    })
}

/// A group's members as the rule of every pair sees them: per member, its
/// conflicting, corroborating and dependent partners in timeline order;
/// and every conflicting pair.
type EveryPair =
    (BTreeMap<usize, (Vec<(usize, crate::ConflictKind)>, Vec<usize>, Vec<usize>)>, Vec<(usize, usize)>);

fn every_pair(group: &crate::Group, part_of: &crate::compare::part_of::PartOf) -> EveryPair {
    use crate::compare::pair::{Relation, independent, relate};
    let compared: Vec<usize> = (0..group.members.len()).filter(|&i| group.members[i].compared).collect();
    let mut per: BTreeMap<usize, (Vec<_>, Vec<usize>, Vec<usize>)> =
        compared.iter().map(|&i| (i, Default::default())).collect();
    let mut pairs = Vec::new();
    for (n, &i) in compared.iter().enumerate() {
        for &j in &compared[n + 1..] {
            let (a, b) = (&group.members[i], &group.members[j]);
            match relate(&a.figure, &b.figure, group.measure, part_of) {
                Relation::Conflict(kind) => {
                    pairs.push((i, j));
                    per.get_mut(&i).expect("compared").0.push((j, kind));
                    per.get_mut(&j).expect("compared").0.push((i, kind));
                }
                Relation::Agree => {
                    let side = |m: &mut (Vec<_>, Vec<usize>, Vec<usize>), other: usize| {
                        if independent(a.claim, b.claim, part_of) { m.1.push(other) } else { m.2.push(other) }
                    };
                    side(per.get_mut(&i).expect("compared"), j);
                    side(per.get_mut(&j).expect("compared"), i);
                }
                Relation::Neither => {}
            }
        }
    }
    for lists in per.values_mut() {
        lists.0.sort_unstable();
        lists.1.sort_unstable();
        lists.2.sort_unstable();
    }
    (per, pairs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// The sweep of docs/reference.md section 4's "Large groups" against the rule of
    /// every pair: each member's counts and named partners, the group's
    /// pairs, and which pairs are kept under a limit (the changed claims'
    /// first, then by id), whatever the limit and the scope.
    #[test]
    fn the_sweep_agrees_with_every_pair(
        (sources, claims) in crowded_store(),
        limit in 0usize..30,
        changed in proptest::collection::btree_set(0usize..48, 0..4),
        all in any::<bool>(),
    ) {
        use crate::Scope;
        use crate::compare::groups::{Comparison, NAMED, compare, pending_groups};
        use crate::compare::part_of::PartOf;
        use crate::Supersession;
        let mut snap = snapshot(&sources, &claims);
        snap.config.max_pairs_per_group = limit;
        let changed: std::collections::HashSet<String> = changed.iter().map(|i| format!("c{i:02}")).collect();
        let part_of = PartOf::of(&snap);
        let supersession = Supersession::of(&snap);
        let cx = Comparison {
            contents: &snap,
            part_of: &part_of,
            supersession: &supersession,
            scope: if all { Scope::All } else { Scope::Current },
            agreements: true,
            changed: (!changed.is_empty()).then_some(&changed),
        };
        for pending in pending_groups(&snap) {
            let group = compare(&cx, pending, &mut Vec::new());
            let (per, pairs) = every_pair(&group, &part_of);
            for (&i, (conflicts, corroborators, dependents)) in &per {
                let m = &group.members[i];
                prop_assert_eq!(m.conflicting, conflicts.len(), "{}", &m.claim.id);
                prop_assert_eq!(m.tally.corroborating, corroborators.len(), "{}", &m.claim.id);
                prop_assert_eq!(m.tally.dependent, dependents.len(), "{}", &m.claim.id);
                prop_assert_eq!(&m.tally.named_conflicts[..], &conflicts[..conflicts.len().min(NAMED)]);
                prop_assert_eq!(&m.tally.named_corroborators[..], &corroborators[..corroborators.len().min(NAMED)]);
                prop_assert_eq!(&m.tally.named_dependents[..], &dependents[..dependents.len().min(NAMED)]);
            }
            prop_assert_eq!(group.pairs, pairs.len());
            prop_assert_eq!(group.omitted, pairs.len() - pairs.len().min(limit));
            // The order of docs/reference.md section 4 as the README words it.
            let key = |i: usize| (group.members[i].claim.id.clone(), group.members[i].entry);
            let fresh = |i: usize| changed.contains(&group.members[i].claim.id);
            let mut ordered: Vec<_> = pairs
                .iter()
                .map(|&(i, j)| {
                    let (lo, hi) = if key(i) < key(j) { (i, j) } else { (j, i) };
                    let (a, b) = if fresh(hi) && !fresh(lo) { (hi, lo) } else { (lo, hi) };
                    ((!(fresh(a) || fresh(b)), key(a), key(b)), (i.min(j), i.max(j)))
                })
                .collect();
            ordered.sort();
            let expected: BTreeSet<(usize, usize)> = ordered.into_iter().take(limit).map(|(_, p)| p).collect();
            let kept: BTreeSet<(usize, usize)> = group
                .members
                .iter()
                .enumerate()
                .flat_map(|(i, m)| m.conflicts.iter().filter(move |&&(j, _)| i < j).map(move |&(j, _)| (i, j)))
                .collect();
            prop_assert_eq!(kept, expected);
        }
    }
}
