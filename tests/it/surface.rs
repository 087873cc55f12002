//! Property-based fuzzing of the whole surface (tests/it/support/surface.rs
//! holds the properties, which the cargo-fuzz targets in fuzz/ share):
//! every output format of a store holding a hostile file, the store walk
//! over random file trees, history and diff over random commit sequences,
//! the merge driver and `import`. Bounded for CI (a few seconds each in a
//! debug build); for a long run, `PROPTEST_CASES=5000 cargo test --release
//! --test it surface::` (CONTRIBUTING.md, "Fuzzing").

use crate::support::cases;
use crate::support::surface::{self, Edit, Entry, Op};

use proptest::prelude::*;

/// Record-like texts with the pieces that break outputs: markup, control
/// and bidi characters, CSV and spreadsheet syntax, workflow commands.
fn hostile_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "](javascript:alert(3))",
        "[link](http://x)",
        "\u{1b}[2J",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{9b}31m",
        "\u{202e}",
        "\u{2066}",
        "\u{85}",
        "\u{7f}",
        "\n::error::owned\n",
        "\r\n::add-mask::x",
        "=cmd|' /C calc'!A0",
        "\"=1+1",
        "＝1",
        " @SUM(1)",
        ",\"\",",
        "`code`",
        "| pipe |",
        "&amp;",
        "\\",
        "143",
        "ninety-five",
    ];
    prop::collection::vec(0..PIECES.len(), 0..6).prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

/// A claim or source whose every text field is hostile.
fn hostile_record() -> impl Strategy<Value = (String, bool)> {
    (hostile_text(), hostile_text(), hostile_text(), any::<bool>(), 0u64..1000).prop_map(|(a, b, c, source, v)| {
        let q = |t: &str| claimtrail::internals::text::ron_writer::string(t);
        if source {
            (format!("Source(id: \"x\", name: {}, kind: Other, note: {}, aliases: [{}])", q(&a), q(&b), q(&c)), true)
        } else {
            (
                format!(
                    "Claim(id: \"x\", subject: \"s\", measure: \"killed\", value: Exact({v}), statement: {}, claimant: \"c\", note: {}, tags: [{}], citations: [Citation(document: \"d\", quote: {}, locator: {})])",
                    q(&a),
                    q(&b),
                    q(&c),
                    q(&a),
                    q(&c)
                ),
                false,
            )
        }
    })
}

fn entry() -> impl Strategy<Value = Entry> {
    // Names from a small alphabet so that entries meet: folders, `.ron`
    // files, hidden and temp names, bytes that are not UTF-8.
    let segment = prop_oneof![
        Just(b"a".to_vec()),
        Just(b"b.ron".to_vec()),
        Just(b".hidden.ron".to_vec()),
        Just(b".claimtrail-x1.tmp".to_vec()),
        Just(b"snapshots".to_vec()),
        Just(b"\xff\xfe.ron".to_vec()),
        Just(b"d".to_vec()),
    ];
    let path = prop::collection::vec(segment, 1..4).prop_map(|s| s.join(&b'/'));
    // Targets relative to the store root; none is ever written through
    // (the tree builder skips paths under links).
    let target = prop_oneof![
        Just(b"../outside/secret.ron".to_vec()),
        Just(b"../outside".to_vec()),
        Just(b"claims".to_vec()),
        Just(b"claims/a".to_vec()),
        Just(b"nowhere.ron".to_vec()),
        Just(b"sources/snapshots".to_vec()),
        Just(b"../../../../../../../../etc/hostname".to_vec()),
    ];
    prop_oneof![
        4 => (path.clone(), prop::collection::vec(any::<u8>(), 0..64)).prop_map(|(path, bytes)| Entry::File { path, bytes }),
        2 => (path.clone(), hostile_record()).prop_map(|(path, (text, _))| Entry::File { path, bytes: text.into_bytes() }),
        2 => path.clone().prop_map(|path| Entry::Dir { path }),
        2 => (path.clone(), target).prop_map(|(path, target)| Entry::Link { path, target }),
        1 => path.prop_map(|path| Entry::Fifo { path }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 100..110u64, 0..4usize).prop_map(|(id, value, at)| Op::Write { id, value, at }),
        1 => (0..4usize).prop_map(|at| Op::Break { at }),
        1 => (0..4usize).prop_map(|at| Op::Delete { at }),
        3 => Just(Op::Commit),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (100..103u64).prop_map(Edit::Value),
        (0..3u8).prop_map(Edit::Statement),
        (0..3u8).prop_map(Edit::Note),
        (0..3u8).prop_map(Edit::AsOf),
        (0..3u8).prop_map(Edit::Tag),
        (0..16u8, any::<bool>()).prop_map(|(at, trailing)| Edit::Comment(at, trailing)),
    ]
}

/// A claims table of `import`: good and bad rows mixed.
fn table() -> impl Strategy<Value = String> {
    let row = prop_oneof![
        3 => (0..5u8, 1..500u64).prop_map(|(id, v)| format!("imp-{id},s,killed,Exact,{v},,A figure.,c,d,q\n")),
        1 => Just("bad id!,s,killed,Exact,1,,x,c,d,q\n".to_owned()),
        1 => Just("imp-9,s,no-such-measure,Exact,1,,x,c,d,q\n".to_owned()),
        1 => Just("imp-8,s,killed,Exact,-1,,x,c,d,q\n".to_owned()),
        1 => Just("imp-7,s,killed,Exact,1,,x,nobody,d,q\n".to_owned()),
        1 => Just("imp-6,s,killed,Between,\"9, 1\",,x,c,d,q\n".to_owned()),
        1 => Just("\"unclosed,s\n".to_owned()),
    ];
    prop::collection::vec(row, 0..5).prop_map(|rows| {
        format!(
            "id,subject,measure,value_kind,value,as_of,statement,claimant,document,quote\n{}",
            rows.concat()
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), max_shrink_iters: 500, ..ProptestConfig::default() })]

    #[test]
    fn every_output_of_a_hostile_record_is_well_formed((text, as_source) in hostile_record()) {
        prop_assert!(claimtrail::internals::text::parse::parse_record(&text).is_ok(), "the hostile record parses: {}", text);
        surface::outputs(text.as_bytes(), as_source);
    }

    #[test]
    fn every_output_of_random_bytes_is_well_formed(bytes in prop::collection::vec(any::<u8>(), 0..256), as_source in any::<bool>()) {
        surface::outputs(&bytes, as_source);
    }

    #[test]
    fn merges_never_lose_an_edit(ours in prop::collection::vec(edit(), 0..4), theirs in prop::collection::vec(edit(), 0..4)) {
        surface::merge(&ours, &theirs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[cfg(unix)]
    #[test]
    fn the_store_walk_survives_random_trees(entries in prop::collection::vec(entry(), 0..12)) {
        surface::store_walk(&entries);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), max_shrink_iters: 50, ..ProptestConfig::default() })]

    #[test]
    fn history_and_diff_agree_on_random_commits(ops in prop::collection::vec(op(), 0..14)) {
        surface::history(&ops);
    }

    #[test]
    fn import_is_all_or_nothing(table in table()) {
        surface::import(&assert_cmd::cargo::cargo_bin("claimtrail"), table.as_bytes());
    }
}

/// The import property's tables do both: a good table is written, one bad
/// row refuses it all.
#[test]
fn import_property_sees_both_outcomes() {
    let bin = assert_cmd::cargo::cargo_bin("claimtrail");
    let head = "id,subject,measure,value_kind,value,as_of,statement,claimant,document,quote\n";
    let good =
        format!("{head}imp-1,s,killed,Exact,5,,A figure.,c,d,q\nimp-2,s,killed,Exact,6,,A figure.,c,d,q\n");
    assert_eq!(surface::import(&bin, good.as_bytes()), Some(0));
    let bad = format!("{good}bad id!,s,killed,Exact,1,,x,c,d,q\n");
    assert_eq!(surface::import(&bin, bad.as_bytes()), Some(1));
}

/// The SQLite export of a hostile store opens and holds every claim (not
/// shared with the fuzz crate, which has no SQLite).
#[test]
fn the_sqlite_export_of_hostile_records_holds_them() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(16),
        ..ProptestConfig::default()
    });
    runner
        .run(&hostile_record(), |(text, as_source)| {
            let (_, snap) = crate::support::pipeline::snapshot_with(text.as_bytes(), as_source);
            let mut conn = rusqlite::Connection::open_in_memory().expect("in memory");
            let analysis = claimtrail::Analysis::of(&snap);
            claimtrail::exports::sqlite::fill(&mut conn, &snap, &analysis, &[]).expect("fills");
            let n: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).expect("counts");
            prop_assert_eq!(n as usize, snap.claims().count());
            Ok(())
        })
        .expect("the property holds");
}
