//! Property-based fuzzing of the parser and the whole check pipeline (see
//! tests/it/support/pipeline.rs for the properties): random bytes, and valid
//! records mutated by byte flips, truncation, duplicated spans and inserted
//! brackets, quotes, escapes and huge numbers. Bounded for CI (500 cases
//! a property: proptest draws new ones on every run, so CI explores more
//! over many runs); for a long run: `PROPTEST_CASES=200000 cargo test --release --test it fuzz::`
//! (CONTRIBUTING.md, "Fuzzing").

use crate::support::{cases, pipeline};

use proptest::prelude::*;

/// Valid records to mutate: every shape the format has.
const SEEDS: &[&str] = &[
    include_str!("../../claims/crocus-city-hall-attack-2024/crocus-killed-ic-137.ron"),
    r#"Claim(id: "a", subject: "s", measure: "killed", value: Between(137, 145), as_of: "2024-03-23T13:23",
        statement: "x", claimant: "c", citations: [Citation(document: "d", quote: "at least 143 people", via: ["c"], locator: "p1")],
        review: Review(verdict: MostlyTrue, by: "desk", on: "2024-03", note: "n"), rank: Preferred, tags: ["t"], note: "n",
        revises: "sha256:0000000000000000000000000000000000000000000000000000000000000000")"#,
    "\u{feff}Claim(\r\n  id: \"b\",\r\n  subject: \"s\",\r\n  measure: \"huge\",\r\n  value: About(18446744073709551615),\r\n  statement: \"y\",\r\n  claimant: \"c\",\r\n  citations: [Citation(document: \"d\", quote: \"q\")],\r\n)\r\n",
    // An attribute line before the record (cargo-fuzz: hash panicked on it).
    "#![enable(unwrap_newtypes)]\nClaim(id: \"g\", subject: \"s\", measure: \"summary\", value: Text(\"t\"), statement: \"s\", claimant: \"c\", citations: [Citation(document: \"d\", quote: \"q\")])\n",
    r#"Claim(id: "e", subject: "s", measure: "occurred", value: Date("2024-03-22"), statement: "z", claimant: "c", citations: [Citation(document: "d", quote: "“Monday” - officially")])"#,
    r#"Source(id: "src", name: "N", kind: SecurityService, part_of: ["c"], aliases: ["A"], homepage: "h", country: "RU",
        ratings: [Rating(on: "2024", reliability: C, by: "desk", note: "n")], note: "n")"#,
    r#"Document(id: "doc", publisher: "c", title: "T", url: "u", author: "a", published: "2024-03-22", updated: ["2024-03-23"],
        retrieved: "2024-04", language: "en", translated_from: "ru", snapshot: "../../etc/passwd", snapshot_hash: "sha256:00")"#,
];

/// Pieces that break parsers: brackets, quotes, comments, escapes, numbers
/// past u64, controls and bidi overrides, deep nesting.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "\\",
    "\\u{1b}",
    "\\u{110000}",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{9b}",
    "\u{202e}",
    "\r",
    "\r\n",
    "\u{feff}",
    "\0",
    ",",
    ":",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "-1",
    "1e400",
    "0x",
    "NaN",
    "Some(",
    "None",
    "#![enable(implicit_some)]",
    "Claim(",
    "Exact(",
    "hash: ",
    "revises: ",
    "\"sha256:",
    "é",
    "𝒳",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Truncate { at: usize },
    Duplicate { from: usize, len: usize, to: usize },
    Delete { from: usize, len: usize },
    Insert { at: usize, token: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (at, 1..64usize, at).prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        (at, 1..16usize).prop_map(|(from, len)| Mutation::Delete { from, len }),
        (at, 0..TOKENS.len(), prop_oneof![4 => Just(1usize), 1 => 1..2000usize])
            .prop_map(|(at, token, times)| Mutation::Insert { at, token, times }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Flip { at, mask } => {
            if let Some(b) = bytes.get_mut(at % n) {
                *b ^= mask;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Duplicate { from, len, to } => {
            let from = from % n;
            let span: Vec<u8> = bytes.iter().skip(from).take(len).copied().collect();
            let to = (to % n).min(bytes.len());
            bytes.splice(to..to, span);
        }
        Mutation::Delete { from, len } => {
            let from = (from % n).min(bytes.len());
            let to = (from + len).min(bytes.len());
            bytes.drain(from..to);
        }
        Mutation::Insert { at, token, times } => {
            let at = (at % n).min(bytes.len());
            bytes.splice(at..at, TOKENS[token].repeat(times).into_bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(500), max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_records_never_break_the_pipeline(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
        as_source in any::<bool>(),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        pipeline::check_one(&bytes, as_source);
    }

    #[test]
    fn random_bytes_never_break_the_pipeline(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        as_source in any::<bool>(),
    ) {
        pipeline::check_one(&bytes, as_source);
    }

    #[test]
    fn random_token_soup_never_breaks_the_pipeline(
        tokens in prop::collection::vec(0..TOKENS.len(), 0..64),
        as_source in any::<bool>(),
    ) {
        let text: String = tokens.iter().map(|&t| TOKENS[t]).collect();
        pipeline::check_one(format!("Claim({text}").as_bytes(), as_source);
    }
}

/// Pieces of hostile spreadsheet cells: formula starts (ASCII and
/// fullwidth), whitespace, quotes, backslashes and escape look-alikes,
/// controls, bidi, workflow commands.
const CELL_PIECES: &[&str] = &[
    "=",
    "+",
    "-",
    "@",
    "＝",
    "＋",
    "－",
    "＠",
    " ",
    "\u{a0}",
    "\t",
    "\n",
    "\r",
    "\"",
    "'",
    "\\",
    "\\u{",
    "u{1b}",
    "}",
    "5c",
    "::error file=a::x",
    "::add-mask::",
    "\u{1b}",
    "\u{1b}]52;c;",
    "\u{9b}",
    "\u{85}",
    "\u{7f}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "x",
    "é",
    "𝒳",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(3000), ..ProptestConfig::default() })]

    /// CSV cells (`export::cell`): nothing raw that a terminal, a CI log or
    /// a spreadsheet acts on, and `import` (which trims) reads every text
    /// back exactly.
    #[test]
    fn csv_cells_are_inert_and_read_back(
        pieces in prop::collection::vec(0..CELL_PIECES.len(), 0..12),
        random in any::<String>(),
        mix in any::<bool>(),
    ) {
        use claimtrail::internals::export::cell;
        let text: String = pieces.iter().map(|&p| CELL_PIECES[p]).collect::<String>() + if mix { &random } else { "" };
        let written = cell::write(&text);
        prop_assert!(!written.chars().any(claimtrail::internals::text::escape::needs_escape), "{written:?}");
        prop_assert_eq!(cell::read(written.trim()), text.as_str());
        let start = written.trim_start_matches(|c: char| c.is_whitespace() || c == '"');
        prop_assert!(
            !start.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']),
            "a live formula: {:?}", written
        );
    }
}

/// Every seed passes unmutated (a property failure on a seed is a bug in
/// the pipeline's expectations, not in claimtrail).
#[test]
fn seeds_pass() {
    for seed in SEEDS {
        pipeline::check_one(seed.as_bytes(), false);
        pipeline::check_one(seed.as_bytes(), true);
    }
}
