//! Figures: every number an English (or digit-bearing Russian) text contains, read as people write it.
//!
//! This module owns the reading of docs/reference.md section 7.1: when a figure *appears* in a text. It finds
//! digits with or without thousands separators (`4000`, `4,000`, `4 000`, `4.000`, with a
//! normal, no-break U+00A0, thin U+2009 or narrow no-break U+202F space), digits with a scale
//! word (`1.5 million`, `4 thousand`, `12 млн`) and English number words (`ninety-five`,
//! `a thousand`, `two hundred and eighty`), case-insensitively. It also owns what `coverage`
//! lists apart as dates: years (four digits 1900–2100 standing alone) and dates
//! (`3 January 2024`, `January 3, 2024`, `March 22`, `2024-03-22`, `22.03.2024`,
//! `22 марта 2024`). It knows nothing of claims or quotes: callers ask [`scan`], [`figures`]
//! or [`appears`].
//!
//! # How numbers are read
//!
//! - A number glued to a letter or digit on either side is not a figure (`A143`, `143B`,
//!   `IR1430`, `22nd`, `4,000km`, `x2`); `143` is not in `1430`.
//! - Digit groups after the first have exactly three digits and the first has one to three,
//!   with one kind of separator throughout: `1,234,567`; `24 137` (normal space) is 24137;
//!   `1,234 567` is 1234 then 567, since the separator changed.
//! - A `.` or `,` followed by exactly three digits is a thousands separator, so `4.000` and
//!   `1.500` are 4000 and 1500. Followed by any other count of digits it is a decimal mark,
//!   so `1.5`, `1,23` and `2,5` (Russian decimal comma) are decimals. A decimal without a scale
//!   word is not a figure, and neither is any part of it: `1,234.567` and `1.234,56` give
//!   nothing.
//! - Before a scale word a lone dot group is a decimal point: `2.125 billion` is 2125000000
//!   and `1.500 million` is 1500000, because English writes decimals with a dot there. A comma
//!   keeps its thousands reading: `1,500 million` is 1500000000. A scaled value that is not
//!   whole (`1.2345 thousand`) is not a figure.
//! - Digits joined by `.` or `,` in a way no reading fits (`1,2,3`, `1.2.3`, `10,000,00`)
//!   give no figure.
//! - A number joined by a hyphen to a word with a capital letter is part of a name, not a
//!   figure: `COVID-19`, `Covid-19`, `F-16`, `MH-17`, `Ту-154`. After a lowercase word it
//!   stays a figure (`mid-2020`, `10-15`). A hyphen after the number does not glue it:
//!   `95-year-old` holds 95.
//! - Signs, currency and percent signs are not part of the number: `$4,000`, `-5` and `40%`
//!   hold 4000, 5 and 40.
//! - Values are `u64`: a number that does not fit is skipped, never wrapped.
//!
//! # English number words
//!
//! Words `zero` to `nine` alone are figures, so the pronoun in "one of the attackers" is the
//! figure 1: words alone cannot tell them apart, and missing "one killed" would be worse.
//! `a` is a number only before `hundred`, `thousand`, `million`, `billion` or `trillion`.
//! A scale word never starts a number: `million` alone is not one. Plurals are not figures
//! (`thousands of people`, `tens`), and neither is a number that an ordinal finishes
//! (`twenty-first`, `two hundredth`, `one third`; `second` counts as an ordinal only after a
//! hyphen, so `one second` stays 1). Spoken years are not joined: `nineteen ninety-five` is
//! 19 and 95. `dozen` is not a number. Decimals in words follow the digit rule:
//! `three point five million` and `two and a half million` are figures, `three point five`
//! and `two and a half years` are not.
//!
//! The word reader is written here rather than taken from the `text2num` crate (2.8.0,
//! evaluated): text2num panics on overflow in debug builds on inputs such as
//! "three point one one … one", gives wrong values for "one billion billion"
//! (1000000001), reads "thousands" as 1000 and a lone "million" as 1000000, returns `f64`
//! values and token indices rather than byte spans, and brings eight crates (a proc-macro
//! among them). The grammar needed here fits in a table and a small state machine.
//!
//! # Dates and years
//!
//! English month names count only when capitalised (`May 5`, not `they may 5`, nor
//! `march 20 miles`); Russian month names count in any case and any of the forms
//! `марта`/`март`/`марте`. A year inside a date may be any four digits 1000–2999, since the
//! month vouches for it; a year standing alone must be 1900–2100 and carry no separator,
//! currency sign or percent sign (`$2000` and `2000%` are figures). As docs/reference.md says, a
//! lone `2000` is a year even in "2000 people". Day ordinals are read in dates
//! (`March 22nd`, `22nd of March`) though `22nd` alone is not a figure. Numeric dates are
//! `YYYY-MM-DD` and `DD.MM.YYYY` / `MM/DD/YYYY` (separator `-`, `/` or `.`, the same twice),
//! and `DD/MM/YY` / `DD.MM.YY` with a two-digit year (a slash or a dot only: `10-15-20` is a
//! range of figures), as the disclaimer of the Orda article writes its date (`26/03/24`).
//! A range of days before a month is one date (`27-28 October 2002`, `27–28 октября`), the
//! first day lower: its first day is not a figure.
//!
//! # Cost
//!
//! One left-to-right pass: every reader either consumes what it looked at or looks only a
//! bounded distance ahead, so the time is linear in the text and no input panics.

mod chars;
mod dates;
mod digits;
mod words;

use std::ops::Range;

use chars::{
    append_group, char_at, char_before, digits_end, is_digit_at, next_char, parse_digits, skip_space,
    word_end,
};
use dates::{day_first_date, month_first_date, numeric_date};
use digits::{digit_figure, is_name_part, scale_decimal};
use words::number_words;

/// How a figure was written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Digits, with or without thousands separators: `4000`, `4,000`, `4 000`.
    Digits,
    /// Digits followed by a scale word: `1.5 million`, `4 thousand`, `12 млн`.
    Scaled,
    /// English number words: `ninety-five`, `a thousand`.
    Words,
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    /// The number's value.
    pub value: u64,
    /// Byte span of the whole number in the text, scale word included; on char boundaries.
    pub span: Range<usize>,
    /// How it was written.
    pub form: Form,
}

/// What kind of date mention `scan` lists apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// Four digits 1900–2100 standing alone.
    Year,
    /// A date with a day or a month: `3 January 2024`, `March 22`, `2024-03-22`.
    Date,
}

/// A date or a year, which `coverage` lists apart from figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// Byte span of the whole date in the text; on char boundaries.
    pub span: Range<usize>,
    /// Whether it is a lone year or a date.
    pub kind: DateKind,
}

/// The figures of a text, with its years and dates apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Every figure except years and the parts of dates, in text order.
    pub figures: Vec<Figure>,
    /// Every year and date, in text order.
    pub dates: Vec<DateMention>,
}

/// Reads a text for `coverage`: its figures, with years and dates listed apart.
pub(crate) fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    mentions(text, |mention| match mention {
        Mention::Figure(figure) => out.figures.push(figure),
        Mention::Year(year) => out.dates.push(DateMention { span: year.span, kind: DateKind::Year }),
        Mention::Date { span, .. } => out.dates.push(DateMention { span, kind: DateKind::Date }),
    });
    out
}

/// Every number of a text as a figure, years and the parts of dates included, in text order.
///
/// A claim whose value is 2024 must find "2024" in its quote, so nothing is set apart here.
pub(crate) fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    mentions(text, |mention| match mention {
        Mention::Figure(figure) | Mention::Year(figure) => out.push(figure),
        Mention::Date { parts, .. } => out.extend(parts),
    });
    out
}

/// Whether the number `n` appears in `text`, as [`figures`] reads it.
#[cfg(test)]
pub(crate) fn appears(text: &str, n: u64) -> bool {
    figures(text).iter().any(|figure| figure.value == n)
}

/// One thing the reader found; `scan` and `figures` sort them differently.
enum Mention {
    Figure(Figure),
    Year(Figure),
    Date { span: Range<usize>, parts: Vec<Figure> },
}

/// What a reader took: maybe a mention, and the byte where reading goes on.
struct Read {
    mention: Option<Mention>,
    end: usize,
}

/// Separators allowed between thousands groups.
const GROUP_SEPARATORS: [char; 6] = [',', '.', ' ', '\u{A0}', '\u{2009}', '\u{202F}'];

/// Hyphens that join a name to its number (`F-16`) or number words (`ninety-five`).
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// Signs before a number that make it money, hence never a year.
const CURRENCY_SIGNS: [char; 5] = ['$', '£', '€', '₽', '¥'];

/// Walks the text once, starting a reader at each word or digit run, and
/// hands each mention to `emit` as it is found (no list of them is built:
/// `check` reads every quote of every count claim).
fn mentions(text: &str, mut emit: impl FnMut(Mention)) {
    let mut pos = 0;
    while let Some(c) = next_char(text, pos) {
        if c.is_alphanumeric() {
            // The loop only stops at the start of a run, so the run is not glued on the left.
            let read = read_token(text, pos);
            if let Some(mention) = read.mention {
                emit(mention);
            }
            pos = word_end(text, read.end.max(pos));
        } else {
            pos += c.len_utf8();
        }
    }
}

/// Reads the run that starts at `pos`, whose left neighbour is not a letter or digit.
fn read_token(text: &str, pos: usize) -> Read {
    if is_digit_at(text, pos) {
        return read_from_digit(text, pos);
    }
    // The word's end is found once here: most words are neither a month nor a number.
    let word = pos..word_end(text, pos);
    month_first_date(text, word.clone())
        .or_else(|| number_words(text, word.clone()))
        .unwrap_or(Read { mention: None, end: word.end })
}

/// Reads a date, or else a number, that starts with a digit.
fn read_from_digit(text: &str, pos: usize) -> Read {
    if is_name_part(text, pos) {
        // The digits still have to be consumed, so that no reading restarts inside them.
        return Read { mention: None, end: digit_figure(text, pos).end };
    }
    numeric_date(text, pos).or_else(|| day_first_date(text, pos)).unwrap_or_else(|| digit_figure(text, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks what `scan` finds: figure values in order, and dates as the text they span.
    #[track_caller]
    pub(super) fn check(text: &str, want_figures: &[u64], want_dates: &[&str]) {
        let found = scan(text);
        assert_eq!(
            found.figures.iter().map(|f| f.value).collect::<Vec<_>>(),
            want_figures,
            "figures of {text:?}"
        );
        let dates: Vec<&str> = found.dates.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(dates, want_dates, "dates of {text:?}");
        check_invariants(text);
    }

    /// Checks what `figures` finds: every value in order, years and date parts included.
    #[track_caller]
    fn check_all(text: &str, want: &[u64]) {
        assert_eq!(
            figures(text).iter().map(|f| f.value).collect::<Vec<_>>(),
            want,
            "all figures of {text:?}"
        );
    }

    /// Checks the values, the exact text and the form of each figure `scan` finds.
    #[track_caller]
    fn check_spans(text: &str, want: &[(u64, &str, Form)]) {
        let found: Vec<(u64, &str, Form)> =
            scan(text).figures.iter().map(|f| (f.value, &text[f.span.clone()], f.form)).collect();
        assert_eq!(found, want, "spans of {text:?}");
    }

    /// Properties every reading must keep, whatever the input.
    #[track_caller]
    fn check_invariants(text: &str) {
        let found = scan(text);
        let all = figures(text);
        let date_spans = found.dates.iter().map(|d| d.span.clone());
        let spans: Vec<Range<usize>> =
            found.figures.iter().map(|f| f.span.clone()).chain(date_spans).collect();
        for span in spans.iter().chain(all.iter().map(|f| &f.span)) {
            assert!(span.start < span.end && span.end <= text.len(), "span {span:?} in {text:?}");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{span:?} in {text:?}"
            );
        }
        let mut sorted = spans.clone();
        sorted.sort_by_key(|span| span.start);
        assert!(sorted.windows(2).all(|w| w[0].end <= w[1].start), "overlapping spans in {text:?}");
        assert!(all.windows(2).all(|w| w[0].span.end <= w[1].span.start), "figures out of order in {text:?}");
        for figure in &all {
            check_figure_text(text, figure);
        }
    }

    /// A figure's text agrees with its value and form.
    #[track_caller]
    fn check_figure_text(text: &str, figure: &Figure) {
        let written = &text[figure.span.clone()];
        match figure.form {
            Form::Digits => {
                let digits: String = written.chars().filter(char::is_ascii_digit).collect();
                assert_eq!(digits.parse::<u64>().ok(), Some(figure.value), "{written:?} in {text:?}");
            }
            Form::Scaled => assert!(written.starts_with(|c: char| c.is_ascii_digit()), "{written:?}"),
            Form::Words => assert!(written.starts_with(|c: char| c.is_ascii_alphabetic()), "{written:?}"),
        }
    }

    #[test]
    fn spans_cover_the_whole_number() {
        check_spans("at least 143 people", &[(143, "143", Form::Digits)]);
        check_spans("over 1.5 million people", &[(1_500_000, "1.5 million", Form::Scaled)]);
        check_spans("two hundred and eighty wounded", &[(280, "two hundred and eighty", Form::Words)]);
        check_spans("two hundred and the rest", &[(200, "two hundred", Form::Words)]);
        check_spans("A thousand, then", &[(1000, "A thousand", Form::Words)]);
        check_spans("более 4\u{A0}000 боевиков", &[(4000, "4\u{A0}000", Form::Digits)]);
        check_spans("“143”", &[(143, "143", Form::Digits)]);
        check_spans("1,5 млн", &[(1_500_000, "1,5 млн", Form::Scaled)]);
        check_spans("15 тыс. человек", &[(15_000, "15 тыс", Form::Scaled)]);
        check_spans("one point five million", &[(1_500_000, "one point five million", Form::Words)]);
    }

    #[test]
    fn figures_include_years_and_date_parts() {
        check_all("3 January 2024", &[3, 2024]);
        check_all("2024-03-22", &[2024, 3, 22]);
        check_all("22.03.2024", &[22, 3, 2024]);
        check_all("26/03/24", &[26, 3, 24]);
        check_all("800 citizens by 2018", &[800, 2018]);
        check_all("22 марта 2024 года", &[22, 2024]);
        check_all("March 22nd", &[22]);
        check_all("COVID-19", &[]);
        check_all("27-28 October 2002", &[27, 28, 2002]);
    }

    #[test]
    fn appears_reads_like_figures() {
        assert!(appears("at least 143 people", 143));
        assert!(!appears("1430", 143));
        assert!(!appears("A143", 143));
        assert!(!appears("143B", 143));
        assert!(appears("in 2024", 2024));
        assert!(appears("on 3 January 2024", 2024));
        assert!(appears("Ninety-Five died", 95));
        assert!(appears("1.5 million", 1_500_000));
        assert!(!appears("1.5 million", 1));
        assert!(!appears("1.5", 1));
    }

    #[test]
    fn dates_are_told_from_years() {
        let found = scan("By 2018, and on 3 January 2024");
        let kinds: Vec<DateKind> = found.dates.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DateKind::Year, DateKind::Date]);
    }

    /// Tricky texts whose every prefix and suffix is read too.
    const SAMPLES: &[&str] = &[
        "more than 4\u{A0}000 militants, 1.5 million people and two hundred and eighty wounded",
        "22 марта 2024 года погибли 143 человека; более 4\u{202F}000 — 1,5 млн",
        "On January 3rd, 2024 (COVID-19) A143 143B 1,234.567 1,2,3 “143” 40% $2000",
        "a thousand million point five, twenty-first, one third, 2024-03-22 22.03.2024 03/22/2024",
        "1 000 000 000 000 000 000 000 000 18,446,744,073,709,551,616 99999999999999999999999",
        "Jan. 3 Mar 2024 the 22nd of March F-16 Ту-154 mid-2020 10-15 95-year-old 1.500 million",
        "one point one one one one one one one one one one one one one one one one one one one million",
        "a a a hundred hundred thousand thousand and and one-two-three – - ‐ ‑ \u{2009}\u{A0}",
        "🙂143🙂 ١٤٣ 143² ½ 1٫5 €1.5bn 3\u{301}00",
    ];

    #[test]
    fn never_panics_on_prefixes_and_suffixes() {
        for sample in SAMPLES {
            for (i, _) in sample.char_indices() {
                check_invariants(&sample[..i]);
                check_invariants(&sample[i..]);
            }
        }
    }

    /// A tiny deterministic generator, so the fuzz test needs no crate and always replays.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn never_panics_on_token_soup() {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "12",
            "143",
            "000",
            "2024",
            "9999999999",
            " ",
            "\u{A0}",
            "\u{2009}",
            "\u{202F}",
            ",",
            ".",
            "-",
            "/",
            "%",
            "$",
            "\n",
            "a",
            "A",
            "one",
            "hundred",
            "and",
            "thousand",
            "million",
            "billion",
            "point",
            "first",
            "second",
            "s",
            "th",
            "nd",
            "of",
            "March",
            "Jan",
            "марта",
            "млн",
            "тыс",
            "COVID",
            "é",
            "🙂",
            "\u{301}",
            "²",
            "١",
            "—",
            "“",
            "”",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5_000 {
            let len = rng.next() % 24;
            let text: String = (0..len).map(|_| rng.pick(PIECES)).collect();
            check_invariants(&text);
        }
        // Any code point below U+3000 mixed with digits and separators: scripts, marks, controls.
        for _ in 0..2_000 {
            let len = rng.next() % 32;
            let text: String = (0..len)
                .map(|_| match rng.next() % 3 {
                    0 => char::from(b'0' + (rng.next() % 10) as u8),
                    1 => char::from(b" ,.-"[(rng.next() % 4) as usize]),
                    _ => char::from_u32((rng.next() % 0x3000) as u32).unwrap_or(' '),
                })
                .collect();
            check_invariants(&text);
        }
    }

    #[test]
    fn never_panics_on_long_runs() {
        let runs = [
            "9".repeat(10_000),
            "1,".repeat(5_000),
            "1.".repeat(5_000),
            "100 ".repeat(5_000),
            "1 000".repeat(2_000),
            ",000".repeat(3_000),
            " 000".repeat(3_000),
            "\u{A0}".repeat(5_000) + "1",
            "one ".repeat(5_000),
            "a ".repeat(5_000) + "thousand",
            "billion ".repeat(3_000),
            "-1".repeat(5_000),
            "A-1".repeat(3_000),
            "March ".repeat(3_000) + "22",
            "22 ".repeat(3_000) + "марта",
            format!("one point {}million", "five ".repeat(5_000)),
            format!("1.{} million", "5".repeat(10_000)),
            format!("1.{} million", "0".repeat(10_000)),
        ];
        for run in &runs {
            check_invariants(run);
        }
        // One grouped number far past u64: skipped whole, not split into pieces.
        assert!(scan(&format!("1{}", " 000".repeat(3_000))).figures.is_empty());
        assert!(scan(&format!("1{}", ",000".repeat(3_000))).figures.is_empty());
        assert_eq!(scan(&"1 000 ".repeat(2_000)).figures.len(), 2_000);
        assert_eq!(figures(&format!("1.{} million", "0".repeat(10_000)))[0].value, 1_000_000);
        assert!(scan(&format!("one point {}million", "five ".repeat(5_000))).figures.is_empty());
    }

    /// A megabyte of prose and hostile shapes, read in one pass; how long it
    /// takes is the benchmark harness's business (CONTRIBUTING.md), not a test's.
    #[test]
    fn reads_a_megabyte_in_one_pass() {
        let paragraph = "On 3 January 2024, more than 4\u{A0}000 militants and 1.5 million people \
                         (two hundred and eighty wounded, A143, COVID-19) were counted; 22 марта 2024 года \
                         погибли 143 человека, by 2018 some 4,000 left. ";
        let per_paragraph = scan(paragraph);
        assert_eq!(per_paragraph.figures.len(), 5);
        assert_eq!(per_paragraph.dates.len(), 3);
        let reps = 1_000_000 / paragraph.len() + 1;
        let text = paragraph.repeat(reps);
        let found = scan(&text);
        assert_eq!(found.figures.len(), 5 * reps);
        assert_eq!(found.dates.len(), 3 * reps);

        // Hostile shapes, a quarter megabyte each to spare debug builds: (text, figures found).
        let n = 1 << 18;
        let adversarial = [
            ("9".repeat(n), 0),
            ("1,2".repeat(n / 3), 0),
            ("12 ".repeat(n / 3), n / 3),
            ("one hundred, ".repeat(n / 13), n / 13),
            ("a ".repeat(n / 2), 0),
            (" ".repeat(n), 0),
            ("F-1".repeat(n / 3), 0),
            ("F-1 ".repeat(n / 4), 0),
            ("3 March ".repeat(n / 8), 0),
        ];
        for (text, want) in &adversarial {
            let found = scan(text);
            assert_eq!(found.figures.len(), *want, "figures in {:?}…", &text[..16]);
        }
    }
}
