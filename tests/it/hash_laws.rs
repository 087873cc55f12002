//! Property tests of docs/reference.md section 5: formatting, comments, field order and
//! line endings never change a record's hash; any change of content does.

use claimtrail::internals::model::Rank;
use claimtrail::internals::text::hash::record_hash;
use claimtrail::internals::text::parse::parse_record;
use claimtrail::internals::text::ron_writer::{string, string_list};
use claimtrail::{Citation, Claim, Name, Record, Value};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "\\PC{0,10}",
        Just("«Крокус» “q” \\ \" \t\n".to_owned()),
        Just("\u{1}\u{7f}🙂".to_owned()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(Value::Exact),
        any::<u64>().prop_map(Value::AtLeast),
        any::<u64>().prop_map(Value::AtMost),
        (any::<u64>(), any::<u64>()).prop_map(|(a, b)| Value::Between(a.min(b), a.max(b))),
        any::<u64>().prop_map(Value::About),
        "[0-9]{4}(-[0-9]{2})?".prop_map(Value::Date),
        "[a-z]{1,8}".prop_map(Value::Actor),
        proptest::collection::vec("[a-z]{1,8}", 2..4).prop_map(Value::Actors),
        text().prop_map(Value::Text),
    ]
}

prop_compose! {
    fn claim()(
        id in "[a-z][a-z0-9-]{0,10}",
        value in value(),
        as_of in proptest::option::of("2024-0[1-9]"),
        statement in text(),
        quotes in proptest::collection::vec((text(), proptest::collection::vec("[a-z]{1,5}", 0..3)), 1..3),
        tags in proptest::collection::vec("[a-z]{1,6}", 0..3),
        supersedes in proptest::collection::vec("[a-z][a-z0-9-]{0,10}", 0..3),
        rank in prop_oneof![Just(Rank::Normal), Just(Rank::Preferred), Just(Rank::Deprecated)],
        note in proptest::option::of(text()),
    ) -> Claim {
        Claim {
            as_of: as_of.map(Name::from),
            citations: quotes.into_iter().map(|(quote, via)| Citation { document: "doc".into(), locator: None, quote, via: via.into_iter().map(Name::from).collect() }).collect(),
            claimant: "ic".into(),
            hash: None,
            id,
            measure: "m".into(),
            note,
            rank,
            review: None,
            revises: None,
            statement,
            subject: "s".into(),
            supersedes,
            tags,
            value,
        }
    }
}

/// The claim's fields as RON `name: value` pairs, `tags` written even when
/// empty so that "empty list" and "absent" are both exercised.
fn fields(c: &Claim) -> Vec<String> {
    let mut f = vec![
        format!("id: {}", string(&c.id)),
        format!("subject: {}", string(&c.subject)),
        format!("measure: {}", string(&c.measure)),
        format!("value: {}", claimtrail::internals::text::ron_writer::value(&c.value)),
        format!("statement: {}", string(&c.statement)),
        format!("claimant: {}", string(&c.claimant)),
        format!("tags: {}", string_list(&c.tags)),
        format!("supersedes: {}", string_list(&c.supersedes)),
        format!("rank: {}", c.rank.name()),
    ];
    let cites: Vec<String> = c
        .citations
        .iter()
        .map(|x| {
            format!(
                "Citation(via: {}, quote: {}, document: {})",
                string_list(&x.via),
                string(&x.quote),
                string(&x.document)
            )
        })
        .collect();
    f.push(format!("citations: [{}]", cites.join(", ")));
    if let Some(a) = &c.as_of {
        f.push(format!("as_of: {}", string(a)));
    }
    if let Some(n) = &c.note {
        f.push(format!("note: {}", string(n)));
    }
    f
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn layout_never_changes_the_hash(c in claim(), order in Just(()).prop_perturb(|(), mut rng| rng.random::<u64>()), crlf in any::<bool>()) {
        let record = Record::Claim(c.clone());
        let expected = record_hash(&record);
        let pretty = claimtrail::internals::text::ron_writer::record(&record);
        let mut f = fields(&c);
        // A deterministic shuffle from the drawn seed.
        let mut seed = order;
        for i in (1..f.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            f.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut odd = format!("/* lead */ Claim ( // the record\n{} , )", f.join(" ,\n  /* c */ "));
        if crlf {
            odd = odd.replace('\n', "\r\n");
        }
        for text in [pretty, odd] {
            let parsed = parse_record(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
            prop_assert_eq!(record_hash(&parsed), expected.clone(), "{}", text);
        }
    }

    #[test]
    fn any_content_change_changes_the_hash(c in claim(), other in value(), extra in "[a-z]{1,4}") {
        let base = record_hash(&Record::Claim(c.clone()));
        let mut changed = c.clone();
        changed.tags.push(extra);
        prop_assert_ne!(record_hash(&Record::Claim(changed)), base.clone());
        if other != c.value {
            let mut changed = c.clone();
            changed.value = other;
            prop_assert_ne!(record_hash(&Record::Claim(changed)), base.clone());
        }
        let mut changed = c;
        changed.statement.push('.');
        prop_assert_ne!(record_hash(&Record::Claim(changed)), base);
    }
}
