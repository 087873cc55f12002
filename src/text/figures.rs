//! Figures: every number an English (or digit-bearing Russian) text contains, read as people write it.
//!
//! This module owns the reading of SPEC 7.1: when a figure *appears* in a text. It finds
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
//! currency sign or percent sign (`$2000` and `2000%` are figures). As the SPEC says, a
//! lone `2000` is a year even in "2000 people". Day ordinals are read in dates
//! (`March 22nd`, `22nd of March`) though `22nd` alone is not a figure. Numeric dates are
//! `YYYY-MM-DD` and `DD.MM.YYYY` / `MM/DD/YYYY` (separator `-`, `/` or `.`, the same twice),
//! and `DD/MM/YY` / `DD.MM.YY` with a two-digit year (a slash or a dot only: `10-15-20` is a
//! range of figures), as the disclaimer of the Orda article writes its date (`26/03/24`).
//!
//! # Cost
//!
//! One left-to-right pass: every reader either consumes what it looked at or looks only a
//! bounded distance ahead, so the time is linear in the text and no input panics.

use std::ops::Range;

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
pub struct Figure {
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
pub struct DateMention {
    /// Byte span of the whole date in the text; on char boundaries.
    pub span: Range<usize>,
    /// Whether it is a lone year or a date.
    pub kind: DateKind,
}

/// The figures of a text, with its years and dates apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Every figure except years and the parts of dates, in text order.
    pub figures: Vec<Figure>,
    /// Every year and date, in text order.
    pub dates: Vec<DateMention>,
}

/// Reads a text for `coverage`: its figures, with years and dates listed apart.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    for mention in mentions(text) {
        match mention {
            Mention::Figure(figure) => out.figures.push(figure),
            Mention::Year(year) => out.dates.push(DateMention { span: year.span, kind: DateKind::Year }),
            Mention::Date { span, .. } => out.dates.push(DateMention { span, kind: DateKind::Date }),
        }
    }
    out
}

/// Every number of a text as a figure, years and the parts of dates included, in text order.
///
/// A claim whose value is 2024 must find "2024" in its quote, so nothing is set apart here.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for mention in mentions(text) {
        match mention {
            Mention::Figure(figure) | Mention::Year(figure) => out.push(figure),
            Mention::Date { parts, .. } => out.extend(parts),
        }
    }
    out
}

/// Whether the number `n` appears in `text`, as [`figures`] reads it.
pub fn appears(text: &str, n: u64) -> bool {
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

/// Walks the text once, starting a reader at each word or digit run.
fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = next_char(text, pos) {
        if c.is_alphanumeric() {
            // The loop only stops at the start of a run, so the run is not glued on the left.
            let read = read_token(text, pos);
            out.extend(read.mention);
            pos = word_end(text, read.end.max(pos));
        } else {
            pos += c.len_utf8();
        }
    }
    out
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

// ---------------------------------------------------------------------------------------------
// Digits

/// A run of digits read with its thousands groups and decimals, before any scale word.
struct Numeral {
    /// Integer value of all groups; `None` when it overflows `u64`.
    int: Option<u64>,
    /// Byte span of the first group.
    first: Range<usize>,
    /// The thousands separator, when there are groups.
    sep: Option<char>,
    /// How many three-digit groups follow the first.
    groups: usize,
    /// Byte span of the digits after a decimal mark.
    frac: Option<Range<usize>>,
    /// Byte just after the numeral.
    end: usize,
}

/// Reads a number written with digits at `pos`, with its scale word if one follows.
fn digit_figure(text: &str, pos: usize) -> Read {
    let numeral = read_numeral(text, pos);
    if is_glued_after(text, numeral.end) {
        return Read { mention: None, end: skip_number_soup(text, numeral.end) };
    }
    if let Some((scale, end)) = scale_words_after(text, numeral.end) {
        let figure = scaled_value(text, &numeral, scale).map(|value| Figure {
            value,
            span: pos..end,
            form: Form::Scaled,
        });
        return Read { mention: figure.map(Mention::Figure), end };
    }
    Read { mention: plain_digits(text, &numeral), end: numeral.end }
}

/// The mention of a numeral without a scale word: nothing for a decimal or an overflow.
fn plain_digits(text: &str, numeral: &Numeral) -> Option<Mention> {
    if numeral.frac.is_some() {
        return None;
    }
    let value = numeral.int?;
    let figure = Figure { value, span: numeral.first.start..numeral.end, form: Form::Digits };
    Some(if is_year(text, numeral, value) { Mention::Year(figure) } else { Mention::Figure(figure) })
}

/// Four digits 1900–2100 alone, not money nor a percentage.
fn is_year(text: &str, numeral: &Numeral, value: u64) -> bool {
    let money = char_before(text, numeral.first.start).is_some_and(|c| CURRENCY_SIGNS.contains(&c));
    let percent = char_at(text, numeral.end) == Some('%');
    numeral.sep.is_none() && numeral.first.len() == 4 && (1900..=2100).contains(&value) && !money && !percent
}

/// Reads digits, thousands groups and a decimal part starting at `pos`.
fn read_numeral(text: &str, pos: usize) -> Numeral {
    let first_end = digits_end(text, pos);
    let mut numeral = Numeral {
        int: parse_digits(&text[pos..first_end]),
        first: pos..first_end,
        sep: None,
        groups: 0,
        frac: None,
        end: first_end,
    };
    // Only a first group of one to three digits can be followed by thousands groups.
    if first_end - pos <= 3 {
        read_groups(text, &mut numeral);
    }
    read_fraction(text, &mut numeral);
    numeral
}

/// Extends the numeral with three-digit groups that use one separator throughout.
fn read_groups(text: &str, numeral: &mut Numeral) {
    while let Some(sep) = group_separator_at(text, numeral.end) {
        if numeral.sep.is_some_and(|used| used != sep) {
            break;
        }
        let start = numeral.end + sep.len_utf8();
        numeral.int = numeral.int.and_then(|int| append_group(int, &text[start..start + 3]));
        numeral.sep = Some(sep);
        numeral.groups += 1;
        numeral.end = start + 3;
    }
}

/// The separator at `i` when exactly three digits follow it.
fn group_separator_at(text: &str, i: usize) -> Option<char> {
    let sep = char_at(text, i).filter(|c| GROUP_SEPARATORS.contains(c))?;
    let start = i + sep.len_utf8();
    (digits_end(text, start) == start + 3).then_some(sep)
}

/// Extends the numeral with a decimal part after a `.` or `,` that is not its group separator.
fn read_fraction(text: &str, numeral: &mut Numeral) {
    let Some(mark) = char_at(text, numeral.end).filter(|c| matches!(c, '.' | ',')) else {
        return;
    };
    if numeral.sep == Some(mark) {
        // "10,000,00": the group separator again with a short group; the glue check rejects it.
        return;
    }
    let start = numeral.end + 1;
    let end = digits_end(text, start);
    if end > start {
        numeral.frac = Some(start..end);
        numeral.end = end;
    }
}

/// Whether the number ending at `i` runs on into a letter, a digit, or more dotted digits.
fn is_glued_after(text: &str, i: usize) -> bool {
    match char_at(text, i) {
        Some(c) if c.is_alphanumeric() => true,
        Some('.' | ',') => is_digit_at(text, i + 1),
        _ => false,
    }
}

/// Skips letters, digits and digit-joining dots or commas, so no reading restarts inside them.
fn skip_number_soup(text: &str, mut i: usize) -> usize {
    loop {
        match char_at(text, i) {
            Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
            Some('.' | ',') if is_digit_at(text, i + 1) => i += 1,
            _ => return i,
        }
    }
}

/// The value of a numeral times `scale`, if it is whole and fits.
fn scaled_value(text: &str, numeral: &Numeral, scale: u64) -> Option<u64> {
    let lone_dot_group = numeral.sep == Some('.') && numeral.groups == 1 && numeral.frac.is_none();
    if lone_dot_group {
        // "2.125 billion": before a scale word a single dot group is a decimal point.
        let int = parse_digits(&text[numeral.first.clone()])?;
        return scale_decimal(int, &text[numeral.first.end + 1..numeral.end], scale);
    }
    let frac = numeral.frac.clone().map_or("", |span| &text[span]);
    scale_decimal(numeral.int?, frac, scale)
}

/// `int.frac × scale`, where `scale` is a power of ten, if the result is whole and fits.
fn scale_decimal(int: u64, frac: &str, scale: u64) -> Option<u64> {
    let mut unit = scale;
    let mut frac_value: u64 = 0;
    for digit in frac.trim_end_matches('0').bytes() {
        // More decimals than the scale has zeros leave a fraction: not a whole figure.
        if !unit.is_multiple_of(10) {
            return None;
        }
        unit /= 10;
        frac_value = frac_value.checked_add(u64::from(digit - b'0').checked_mul(unit)?)?;
    }
    int.checked_mul(scale)?.checked_add(frac_value)
}

/// Scale words after whitespace at `i`, multiplied when they grow (`5 hundred thousand`).
fn scale_words_after(text: &str, i: usize) -> Option<(u64, usize)> {
    let (mut scale, mut end) = scale_word_after(text, i)?;
    while let Some((next, next_end)) = scale_word_after(text, end) {
        match scale.checked_mul(next) {
            Some(product) if next > scale => (scale, end) = (product, next_end),
            _ => break,
        }
    }
    Some((scale, end))
}

/// A scale word after at least one whitespace character at `i`, and the byte after it.
fn scale_word_after(text: &str, i: usize) -> Option<(u64, usize)> {
    let start = skip_space(text, i);
    if start == i {
        return None;
    }
    let end = word_end(text, start);
    scale_word(&text[start..end]).map(|scale| (scale, end))
}

/// The value of an English or Russian scale word, in any case.
fn scale_word(word: &str) -> Option<u64> {
    const ENGLISH: &[(&str, u64)] = &[
        ("hundred", 100),
        ("thousand", 1_000),
        ("million", 1_000_000),
        ("billion", 1_000_000_000),
        ("trillion", 1_000_000_000_000),
    ];
    const RUSSIAN: &[(&str, u64)] = &[
        ("тысяча", 1_000),
        ("тысячи", 1_000),
        ("тысяч", 1_000),
        ("тыс", 1_000),
        ("миллион", 1_000_000),
        ("миллиона", 1_000_000),
        ("миллионов", 1_000_000),
        ("млн", 1_000_000),
        ("миллиард", 1_000_000_000),
        ("миллиарда", 1_000_000_000),
        ("миллиардов", 1_000_000_000),
        ("млрд", 1_000_000_000),
        ("триллион", 1_000_000_000_000),
        ("триллиона", 1_000_000_000_000),
        ("триллионов", 1_000_000_000_000),
        ("трлн", 1_000_000_000_000),
    ];
    // Most words after a number are neither: the ASCII test and the length bound keep them cheap.
    let found = if word.is_ascii() {
        ENGLISH.iter().find(|(name, _)| word.eq_ignore_ascii_case(name))
    } else if word.len() <= 24 {
        let lower = word.to_lowercase();
        RUSSIAN.iter().find(|(name, _)| lower == *name)
    } else {
        None
    };
    found.map(|&(_, scale)| scale)
}

/// Whether the digits at `pos` follow a hyphen after a capitalised word (`COVID-19`, `F-16`).
fn is_name_part(text: &str, pos: usize) -> bool {
    let Some(hyphen) = char_before(text, pos).filter(|c| HYPHENS.contains(c)) else {
        return false;
    };
    // Names are short, so a bounded look back keeps the pass linear.
    let before = &text[..pos - hyphen.len_utf8()];
    before.chars().rev().take_while(|c| c.is_alphanumeric()).take(16).any(char::is_uppercase)
}

// ---------------------------------------------------------------------------------------------
// Dates

/// `YYYY-MM-DD`, `DD.MM.YYYY` or `MM/DD/YYYY` at `pos`.
fn numeric_date(text: &str, pos: usize) -> Option<Read> {
    let [a, b, c] = three_fields(text, pos)?;
    let (va, vb, vc) = (field_value(text, &a)?, field_value(text, &b)?, field_value(text, &c)?);
    let iso = a.len() == 4 && short_field(&b) && short_field(&c) && is_month(vb) && is_day(vc);
    let day_first = short_field(&a) && short_field(&b) && c.len() == 4 && is_date_year(vc);
    let short_year = short_field(&a) && short_field(&b) && c.len() == 2 && char_at(text, a.end) != Some('-');
    let day_and_month = (is_day(va) && is_month(vb)) || (is_month(va) && is_day(vb));
    let valid = (iso && is_date_year(va)) || ((day_first || short_year) && day_and_month);
    if !valid {
        return None;
    }
    let end = c.end;
    let parts = [(va, a), (vb, b), (vc, c)].into_iter().map(|(value, span)| digits_part(value, span));
    Some(Read { mention: Some(Mention::Date { span: pos..end, parts: parts.collect() }), end })
}

/// Three digit fields joined twice by the same `-`, `/` or `.`, ending cleanly.
fn three_fields(text: &str, pos: usize) -> Option<[Range<usize>; 3]> {
    let a = pos..digits_end(text, pos);
    let sep = char_at(text, a.end).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let b = a.end + 1..digits_end(text, a.end + 1);
    if b.is_empty() || char_at(text, b.end) != Some(sep) {
        return None;
    }
    let c = b.end + 1..digits_end(text, b.end + 1);
    (!c.is_empty() && ends_cleanly(text, c.end)).then_some([a, b, c])
}

/// `3 January 2024`, `22nd of March`, `22 марта 2024` at `pos`.
fn day_first_date(text: &str, pos: usize) -> Option<Read> {
    let (day, day_end) = day_at(text, pos)?;
    let gap = skip_space(text, day_end);
    if gap == day_end {
        return None;
    }
    let month = skip_of(text, gap);
    let month_end = month_at(text, month..word_end(text, month))?;
    Some(date_with_year(text, pos, vec![day], month_end))
}

/// `January 3, 2024`, `March 22`, `March 2024`, `марте 2024` at `pos`.
fn month_first_date(text: &str, word: Range<usize>) -> Option<Read> {
    if !digit_after_word(text, word.end) {
        return None;
    }
    let pos = word.start;
    let month_end = month_at(text, word)?;
    let field = skip_space(text, month_end);
    if field == month_end {
        return None;
    }
    if let Some(year) = year_at(text, field) {
        let end = year.span.end;
        return Some(Read { mention: Some(Mention::Date { span: pos..end, parts: vec![year] }), end });
    }
    let (day, day_end) = day_at(text, field)?;
    Some(date_with_year(text, pos, vec![day], day_end))
}

/// Whether a word ending at `end` (and an abbreviation's dot) is followed by whitespace and a digit.
///
/// Most words are not followed by digits, so this cheap test spares the month lookup.
fn digit_after_word(text: &str, end: usize) -> bool {
    let end = if char_at(text, end) == Some('.') { end + 1 } else { end };
    let field = skip_space(text, end);
    field > end && is_digit_at(text, field)
}

/// A date from `start` whose parts end at `end`, extended by a year if one follows.
fn date_with_year(text: &str, start: usize, mut parts: Vec<Figure>, end: usize) -> Read {
    let end = match year_after(text, end) {
        Some(year) => {
            let year_end = year.span.end;
            parts.push(year);
            year_end
        }
        None => end,
    };
    Read { mention: Some(Mention::Date { span: start..end, parts }), end }
}

/// A day number 1–31 at `pos`, with an optional ordinal suffix, and the byte after it.
fn day_at(text: &str, pos: usize) -> Option<(Figure, usize)> {
    let digits = pos..digits_end(text, pos);
    let value = field_value(text, &digits).filter(|&day| short_field(&digits) && is_day(day))?;
    let end = ordinal_suffix_end(text, digits.end).unwrap_or(digits.end);
    ends_cleanly(text, end).then(|| (digits_part(value, digits), end))
}

/// The end of `st`, `nd`, `rd` or `th` glued to a day number, if that is all that is glued.
fn ordinal_suffix_end(text: &str, i: usize) -> Option<usize> {
    let end = word_end(text, i);
    let suffix = &text[i..end];
    ["st", "nd", "rd", "th"].iter().any(|s| suffix.eq_ignore_ascii_case(s)).then_some(end)
}

/// A year after an optional comma and whitespace at `i`.
fn year_after(text: &str, i: usize) -> Option<Figure> {
    let after_comma = if char_at(text, i) == Some(',') { i + 1 } else { i };
    let start = skip_space(text, after_comma);
    if start == after_comma {
        return None;
    }
    year_at(text, start)
}

/// Four digits 1000–2999 at `i`, ending cleanly: a year inside a date.
fn year_at(text: &str, i: usize) -> Option<Figure> {
    let digits = i..digits_end(text, i);
    let value = field_value(text, &digits).filter(|&year| digits.len() == 4 && is_date_year(year))?;
    ends_cleanly(text, digits.end).then(|| digits_part(value, digits))
}

/// Skips the word `of` and the whitespace after it (`22nd of March`), if they are there.
fn skip_of(text: &str, i: usize) -> usize {
    let end = word_end(text, i);
    if !text[i..end].eq_ignore_ascii_case("of") {
        return i;
    }
    let after = skip_space(text, end);
    if after > end { after } else { i }
}

/// The byte after the month name spanning `word`, and after the dot of an abbreviation.
fn month_at(text: &str, word: Range<usize>) -> Option<usize> {
    const ENGLISH: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const ABBREVIATIONS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
    let end = word.end;
    let word = &text[word];
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase());
    if (capitalised && ENGLISH.iter().any(|m| word.eq_ignore_ascii_case(m))) || is_russian_month(word) {
        return Some(end);
    }
    if capitalised && ABBREVIATIONS.iter().any(|m| word.eq_ignore_ascii_case(m)) {
        return Some(if char_at(text, end) == Some('.') { end + 1 } else { end });
    }
    None
}

/// Whether `word` is a Russian month name in the nominative, genitive or prepositional case.
fn is_russian_month(word: &str) -> bool {
    const STEMS: [(&str, [&str; 3]); 12] = [
        ("январ", ["ь", "я", "е"]),
        ("феврал", ["ь", "я", "е"]),
        ("март", ["", "а", "е"]),
        ("апрел", ["ь", "я", "е"]),
        ("ма", ["й", "я", "е"]),
        ("июн", ["ь", "я", "е"]),
        ("июл", ["ь", "я", "е"]),
        ("август", ["", "а", "е"]),
        ("сентябр", ["ь", "я", "е"]),
        ("октябр", ["ь", "я", "е"]),
        ("ноябр", ["ь", "я", "е"]),
        ("декабр", ["ь", "я", "е"]),
    ];
    // Month names are short; a long word is not one, and checking this first keeps it cheap.
    if word.len() > 20 || word.is_ascii() {
        return false;
    }
    let lower = word.to_lowercase();
    STEMS.iter().any(|(stem, endings)| lower.strip_prefix(stem).is_some_and(|rest| endings.contains(&rest)))
}

/// A date part written in digits.
fn digits_part(value: u64, span: Range<usize>) -> Figure {
    Figure { value, span, form: Form::Digits }
}

/// The value of a short digit field, if it has any digits.
fn field_value(text: &str, span: &Range<usize>) -> Option<u64> {
    if span.is_empty() || span.len() > 4 { None } else { parse_digits(&text[span.clone()]) }
}

/// A day or month field has one or two digits.
fn short_field(span: &Range<usize>) -> bool {
    (1..=2).contains(&span.len())
}

fn is_day(value: u64) -> bool {
    (1..=31).contains(&value)
}

fn is_month(value: u64) -> bool {
    (1..=12).contains(&value)
}

/// A year inside a date: the day or month vouches for it, so the range is wide.
fn is_date_year(value: u64) -> bool {
    (1000..=2999).contains(&value)
}

/// Whether a date part ending at `i` stands free: no letter, digit, or more digit fields.
fn ends_cleanly(text: &str, i: usize) -> bool {
    match char_at(text, i) {
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | '-' | '/') => !is_digit_at(text, i + 1),
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------------
// English number words

/// The role of an English word in a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Zero,
    Unit(u64),
    Teen(u64),
    Tens(u64),
    Hundred,
    Scale(u64),
    And,
    A,
}

/// The English words numbers are written with; the commonest words in prose come first.
const NUMBER_WORDS: &[(&str, Word)] = &[
    ("a", Word::A),
    ("and", Word::And),
    ("zero", Word::Zero),
    ("one", Word::Unit(1)),
    ("two", Word::Unit(2)),
    ("three", Word::Unit(3)),
    ("four", Word::Unit(4)),
    ("five", Word::Unit(5)),
    ("six", Word::Unit(6)),
    ("seven", Word::Unit(7)),
    ("eight", Word::Unit(8)),
    ("nine", Word::Unit(9)),
    ("ten", Word::Teen(10)),
    ("eleven", Word::Teen(11)),
    ("twelve", Word::Teen(12)),
    ("thirteen", Word::Teen(13)),
    ("fourteen", Word::Teen(14)),
    ("fifteen", Word::Teen(15)),
    ("sixteen", Word::Teen(16)),
    ("seventeen", Word::Teen(17)),
    ("eighteen", Word::Teen(18)),
    ("nineteen", Word::Teen(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Scale(1_000)),
    ("million", Word::Scale(1_000_000)),
    ("billion", Word::Scale(1_000_000_000)),
    ("trillion", Word::Scale(1_000_000_000_000)),
    // Misspellings common enough in news copy to be worth reading.
    ("fourty", Word::Tens(40)),
    ("ninteen", Word::Teen(19)),
];

/// The role of `word`, in any case, if it is a number word.
fn word_kind(word: &str) -> Option<Word> {
    if word.len() > 9 || !word.is_ascii() {
        return None;
    }
    NUMBER_WORDS.iter().find(|(name, _)| word.eq_ignore_ascii_case(name)).map(|&(_, kind)| kind)
}

/// A number being built from words: `total` holds the finished scales, `current` the rest.
#[derive(Debug, Clone, Copy, Default)]
struct WordNumber {
    total: u64,
    current: u64,
    last: Option<Word>,
    smallest_scale: Option<u64>,
}

impl WordNumber {
    /// Adds a word if it may follow what came before; leaves the number unchanged if not.
    fn push(&mut self, word: Word) -> bool {
        match self.after(word) {
            Some(next) => {
                *self = next;
                true
            }
            None => false,
        }
    }

    /// The number with `word` added, if English allows it there.
    fn after(&self, word: Word) -> Option<Self> {
        let mut next = *self;
        let last = self.last;
        match word {
            // "zero" only stands alone: nothing follows it and it follows nothing.
            Word::Zero if last.is_none() => {}
            Word::Unit(v) if matches!(last, None | Some(Word::Tens(_) | Word::Hundred | Word::Scale(_))) => {
                next.current += v;
            }
            Word::Teen(v) | Word::Tens(v) if matches!(last, None | Some(Word::Hundred | Word::Scale(_))) => {
                next.current += v;
            }
            Word::Hundred
                if matches!(last, Some(Word::Unit(_) | Word::Teen(_) | Word::Tens(_)))
                    && self.current < 100 =>
            {
                next.current *= 100;
            }
            Word::Scale(scale) => next.apply_scale(scale)?,
            _ => return None,
        }
        next.last = Some(word);
        Some(next)
    }

    /// Applies a scale word: to the hundreds before it, or to the whole (`a thousand million`).
    fn apply_scale(&mut self, scale: u64) -> Option<()> {
        if self.current > 0 && self.smallest_scale.is_none_or(|smallest| scale < smallest) {
            self.total = self.total.checked_add(self.current.checked_mul(scale)?)?;
            self.current = 0;
        } else if self.current == 0 && matches!(self.last, Some(Word::Scale(_))) && self.total < scale {
            self.total = self.total.checked_mul(scale)?;
        } else {
            return None;
        }
        self.smallest_scale = Some(scale);
        Some(())
    }

    /// Whether "and" may come next: only after "hundred" or a scale word.
    fn allows_and(&self) -> bool {
        matches!(self.last, Some(Word::Hundred | Word::Scale(_)))
    }

    fn value(&self) -> Option<u64> {
        self.total.checked_add(self.current)
    }
}

/// Reads English number words from `word` on; `None` if that word starts no number.
fn number_words(text: &str, word: Range<usize>) -> Option<Read> {
    let pos = word.start;
    let (mut number, mut end) = first_number_word(text, word)?;
    while let Some(next_end) = next_number_word(text, end, &mut number) {
        end = next_end;
    }
    if let Some(read) = spoken_decimal(text, pos, number.value(), end) {
        return Some(read);
    }
    if let Some(ordinal_end) = ordinal_after(text, end) {
        // "twenty-first", "two hundredth", "one third": an ordinal or fraction, not a figure.
        return Some(Read { mention: None, end: ordinal_end });
    }
    let figure = number.value().map(|value| Figure { value, span: pos..end, form: Form::Words });
    Some(Read { mention: figure.map(Mention::Figure), end })
}

/// The number begun by `word`, reading `a` as one before a scale word.
fn first_number_word(text: &str, word: Range<usize>) -> Option<(WordNumber, usize)> {
    let end = word.end;
    let kind = word_kind(&text[word])?;
    if kind != Word::A {
        let mut number = WordNumber::default();
        return number.push(kind).then_some((number, end));
    }
    let next = next_word(text, end)?;
    let scale = word_kind(&text[next.clone()]).filter(|k| matches!(k, Word::Hundred | Word::Scale(_)))?;
    let mut number = WordNumber { current: 1, last: Some(Word::Unit(1)), ..WordNumber::default() };
    number.push(scale).then_some((number, next.end))
}

/// Adds the next word to `number` if it continues it, and returns the byte after it.
fn next_number_word(text: &str, end: usize, number: &mut WordNumber) -> Option<usize> {
    let next = next_word(text, end)?;
    let kind = word_kind(&text[next.clone()])?;
    if kind != Word::And {
        return number.push(kind).then_some(next.end);
    }
    // "two hundred and eighty": "and" counts only when a number below a hundred follows.
    if !number.allows_and() {
        return None;
    }
    let after = next_word(text, next.end)?;
    let below_hundred = word_kind(&text[after.clone()])
        .filter(|kind| matches!(kind, Word::Unit(_) | Word::Teen(_) | Word::Tens(_)))?;
    number.push(below_hundred).then_some(after.end)
}

/// "three point five million", "two and a half million": a decimal in words after the
/// number ending at `end`, a figure only with a scale word after it.
fn spoken_decimal(text: &str, pos: usize, int: Option<u64>, end: usize) -> Option<Read> {
    let (frac, frac_end) = point_digits(text, end).or_else(|| and_a_half(text, end))?;
    let scale = next_word(text, frac_end).and_then(|word| match word_kind(&text[word.clone()]) {
        Some(Word::Scale(scale)) => Some((scale, word.end)),
        Some(Word::Hundred) => Some((100, word.end)),
        _ => None,
    });
    let Some((scale, end)) = scale else {
        return Some(Read { mention: None, end: frac_end });
    };
    let value = scale_decimal(int?, &frac, scale);
    let figure = value.map(|value| Figure { value, span: pos..end, form: Form::Words });
    Some(Read { mention: figure.map(Mention::Figure), end })
}

/// The digits spoken one word each after "point" (`point five`, `point zero two`), and the byte after them.
fn point_digits(text: &str, end: usize) -> Option<(String, usize)> {
    let mut end = next_word_if(text, end, "point")?.end;
    let mut digits = String::new();
    while let Some(word) = next_word(text, end) {
        let digit = match word_kind(&text[word.clone()]) {
            Some(Word::Zero) => 0,
            Some(Word::Unit(digit)) => digit,
            _ => break,
        };
        // Units are 1–9, so the digit always fits one ASCII byte.
        digits.push(char::from(b'0' + digit as u8));
        end = word.end;
    }
    (!digits.is_empty()).then_some((digits, end))
}

/// "and a half" after a number, as the decimal digits it stands for.
fn and_a_half(text: &str, end: usize) -> Option<(String, usize)> {
    let and = next_word_if(text, end, "and")?;
    let a = next_word_if(text, and.end, "a")?;
    let half = next_word_if(text, a.end, "half")?;
    Some(("5".to_owned(), half.end))
}

/// The next word after a joiner at `i`, if it is `expected` in any case.
fn next_word_if(text: &str, i: usize, expected: &str) -> Option<Range<usize>> {
    next_word(text, i).filter(|word| text[word.clone()].eq_ignore_ascii_case(expected))
}

/// The byte after an ordinal word that finishes the number ending at `end`, if there is one.
fn ordinal_after(text: &str, end: usize) -> Option<usize> {
    const ORDINALS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
        "hundredth",
        "thousandth",
        "millionth",
        "billionth",
        "trillionth",
        "half",
    ];
    let next = next_word(text, end)?;
    let word = &text[next.clone()];
    let hyphenated = char_at(text, end).is_some_and(|c| HYPHENS.contains(&c));
    // "one second" is a duration and "five seconds" too; "twenty-second" is an ordinal.
    let is_second = word.eq_ignore_ascii_case("second") || word.eq_ignore_ascii_case("seconds");
    if is_second && !hyphenated {
        return None;
    }
    let singular = if word.len() > 1 && word.ends_with(['s', 'S']) { &word[..word.len() - 1] } else { word };
    let is_ordinal =
        ORDINALS.iter().any(|o| word.eq_ignore_ascii_case(o) || singular.eq_ignore_ascii_case(o));
    is_ordinal.then_some(next.end)
}

/// The word after a joiner at `i`: one hyphen, or a run of whitespace.
fn next_word(text: &str, i: usize) -> Option<Range<usize>> {
    let start = match char_at(text, i)? {
        c if HYPHENS.contains(&c) => i + c.len_utf8(),
        c if c.is_whitespace() => skip_space(text, i),
        _ => return None,
    };
    let end = word_end(text, start);
    (end > start).then_some(start..end)
}

// ---------------------------------------------------------------------------------------------
// Characters

/// The character starting at byte `i`, if `i` is a boundary inside the text.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character starting at byte `i`, decoded only when it is not ASCII.
fn next_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => Some(char::from(*b)),
        _ => char_at(text, i),
    }
}

/// The character ending at byte `i`, if `i` is a boundary inside the text.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

fn is_digit_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// The byte after the ASCII digits starting at `i`.
fn digits_end(text: &str, i: usize) -> usize {
    let mut end = i;
    while is_digit_at(text, end) {
        end += 1;
    }
    end
}

/// The byte after the letters and digits starting at `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(i) {
            // ASCII needs no decoding, and most text is ASCII.
            Some(b) if b.is_ascii_alphanumeric() => i += 1,
            Some(b) if b.is_ascii() => return i,
            Some(_) => match char_at(text, i).filter(|c| c.is_alphanumeric()) {
                Some(c) => i += c.len_utf8(),
                None => return i,
            },
            None => return i,
        }
    }
}

/// The byte after the whitespace starting at `i`.
fn skip_space(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i).filter(|c| c.is_whitespace()) {
        i += c.len_utf8();
    }
    i
}

/// The value of ASCII digits, or `None` if it overflows `u64`.
fn parse_digits(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |value, digit| value.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
}

/// `int` followed by a three-digit group, or `None` if it overflows `u64`.
fn append_group(int: u64, group: &str) -> Option<u64> {
    int.checked_mul(1000)?.checked_add(parse_digits(group)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks what `scan` finds: figure values in order, and dates as the text they span.
    #[track_caller]
    fn check(text: &str, want_figures: &[u64], want_dates: &[&str]) {
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

    /// (text, figures `scan` lists, dates `scan` lists apart).
    const CASES: &[(&str, &[u64], &[&str])] = &[
        // Plain digits and the SPEC's examples.
        ("143", &[143], &[]),
        ("at least 143 people", &[143], &[]),
        ("more than 280 people were wounded", &[280], &[]),
        ("95 killed", &[95], &[]),
        ("800 citizens by 2018", &[800], &["2018"]),
        ("4,000 militants", &[4000], &[]),
        ("4000 militants", &[4000], &[]),
        ("0 casualties, 007 agents", &[0, 7], &[]),
        // Thousands separators.
        ("4 000 militants", &[4000], &[]),
        ("4.000 militants", &[4000], &[]),
        ("4\u{A0}000", &[4000], &[]),
        ("4\u{2009}000", &[4000], &[]),
        ("4\u{202F}000", &[4000], &[]),
        ("1,234,567", &[1234567], &[]),
        ("1 234 567", &[1234567], &[]),
        ("1.234.567", &[1234567], &[]),
        ("24 137", &[24137], &[]),
        ("1.500", &[1500], &[]),
        // Mixed separators and groups not of three digits.
        ("1,234 567", &[1234, 567], &[]),
        ("1,234\u{A0}567", &[1234, 567], &[]),
        ("1,234.567", &[], &[]),
        ("1.234,56", &[], &[]),
        ("1,23", &[], &[]),
        ("2,5", &[], &[]),
        ("1,2,3", &[], &[]),
        ("1.2.3", &[], &[]),
        ("10,000,00", &[], &[]),
        ("1, 2, 3", &[1, 2, 3], &[]),
        ("1 2345", &[1, 2345], &[]),
        ("1234,567", &[], &[]),
        ("24\n137", &[24, 137], &[]),
        ("24  137", &[24, 137], &[]),
        // Decimals alone are not figures.
        ("1.5", &[], &[]),
        ("0.5 percent", &[], &[]),
        ("1.5%", &[], &[]),
        ("$5.99", &[], &[]),
        // Scale words.
        ("1.5 million", &[1_500_000], &[]),
        ("4 thousand", &[4000], &[]),
        ("2.3 billion", &[2_300_000_000], &[]),
        ("12 million", &[12_000_000], &[]),
        ("2.125 billion", &[2_125_000_000], &[]),
        ("1,500 million", &[1_500_000_000], &[]),
        ("1.500 million", &[1_500_000], &[]),
        ("1,234.5 million", &[1_234_500_000], &[]),
        ("3 hundred", &[300], &[]),
        ("5 hundred thousand", &[500_000], &[]),
        ("4 Million", &[4_000_000], &[]),
        ("1.2345 thousand", &[], &[]),
        ("1.5 millions", &[], &[]),
        ("1,5 млн", &[1_500_000], &[]),
        ("4 тысячи", &[4000], &[]),
        ("2 млрд рублей", &[2_000_000_000], &[]),
        ("15 тыс. человек", &[15_000], &[]),
        ("99999999999 billion", &[], &[]),
        // English number words.
        ("ninety-five", &[95], &[]),
        ("Ninety-Five", &[95], &[]),
        ("ninety five", &[95], &[]),
        ("a thousand", &[1000], &[]),
        ("A thousand people", &[1000], &[]),
        ("two hundred and eighty", &[280], &[]),
        ("one hundred", &[100], &[]),
        ("ONE HUNDRED", &[100], &[]),
        ("three", &[3], &[]),
        ("eleven", &[11], &[]),
        ("zero", &[0], &[]),
        ("a hundred and one", &[101], &[]),
        ("twelve hundred", &[1200], &[]),
        ("four thousand and five", &[4005], &[]),
        ("twenty-one thousand three hundred", &[21300], &[]),
        ("two hundred and fifty thousand", &[250_000], &[]),
        ("a hundred thousand", &[100_000], &[]),
        ("one million two hundred thousand and six", &[1_200_006], &[]),
        ("three million", &[3_000_000], &[]),
        ("a thousand million", &[1_000_000_000], &[]),
        ("one billion billion", &[1_000_000_000], &[]),
        ("eighty-eight-year-old", &[88], &[]),
        ("one point five million", &[1_500_000], &[]),
        ("three point five", &[], &[]),
        ("two and a half million", &[2_500_000], &[]),
        ("two and a half years", &[], &[]),
        ("twenty point zero five billion", &[20_050_000_000], &[]),
        // Words that are not figures, or not joined.
        ("one of the attackers", &[1], &[]),
        ("a man", &[], &[]),
        ("someone, anyone, oneself", &[], &[]),
        ("thousands of people", &[], &[]),
        ("tens of thousands", &[], &[]),
        ("million", &[], &[]),
        ("the twenty-first century", &[], &[]),
        ("the two hundredth anniversary", &[], &[]),
        ("one third of voters", &[], &[]),
        ("two thirds", &[], &[]),
        ("one second", &[1], &[]),
        ("five seconds", &[5], &[]),
        ("twenty-second", &[], &[]),
        ("nineteen ninety-five", &[19, 95], &[]),
        ("one two three", &[1, 2, 3], &[]),
        ("five and six", &[5, 6], &[]),
        ("two hundred and", &[200], &[]),
        ("a dozen", &[], &[]),
        // Glued to letters or digits.
        ("A143", &[], &[]),
        ("143B", &[], &[]),
        ("IR1430", &[], &[]),
        ("1430", &[1430], &[]),
        ("x2", &[], &[]),
        ("22nd", &[], &[]),
        ("4,000km", &[], &[]),
        ("1990s", &[], &[]),
        ("А143", &[], &[]),
        // Names with a hyphen.
        ("COVID-19", &[], &[]),
        ("Covid-19 cases", &[], &[]),
        ("F-16 jets", &[], &[]),
        ("flight MH-17", &[], &[]),
        ("Ту-154", &[], &[]),
        ("mid-2020", &[], &["2020"]),
        ("10-15 people", &[10, 15], &[]),
        ("95-year-old", &[95], &[]),
        // Punctuation around numbers.
        ("143.", &[143], &[]),
        ("(143)", &[143], &[]),
        ("143,", &[143], &[]),
        ("“143”", &[143], &[]),
        ("«143»", &[143], &[]),
        ("40%", &[40], &[]),
        ("$4,000", &[4000], &[]),
        ("-5 degrees", &[5], &[]),
        ("#143", &[143], &[]),
        // Russian with digits.
        ("погибли 143 человека", &[143], &[]),
        ("более 4\u{A0}000 боевиков", &[4000], &[]),
        ("22 марта 2024 года", &[], &["22 марта 2024"]),
        ("в 2024 году", &[], &["2024"]),
        ("в марте 2024 года", &[], &["марте 2024"]),
        ("1 Мая", &[], &["1 Мая"]),
        // Years.
        ("1899", &[1899], &[]),
        ("1900", &[], &["1900"]),
        ("2100", &[], &["2100"]),
        ("2101", &[2101], &[]),
        ("2,018", &[2018], &[]),
        ("$2000", &[2000], &[]),
        ("2000%", &[2000], &[]),
        ("2000 people", &[], &["2000"]),
        ("2019 143", &[143], &["2019"]),
        ("2024/25 season", &[25], &["2024"]),
        ("2019-2020", &[], &["2019", "2020"]),
        // Dates.
        ("3 January 2024", &[], &["3 January 2024"]),
        ("3 January, 2024", &[], &["3 January, 2024"]),
        ("January 3, 2024", &[], &["January 3, 2024"]),
        ("March 22", &[], &["March 22"]),
        ("22 March", &[], &["22 March"]),
        ("2024-03-22", &[], &["2024-03-22"]),
        ("22.03.2024", &[], &["22.03.2024"]),
        ("03/22/2024", &[], &["03/22/2024"]),
        ("published on 26/03/24.", &[], &["26/03/24"]),
        ("26.03.24", &[], &["26.03.24"]),
        ("3/22/24", &[], &["3/22/24"]),
        ("10-15-20 people", &[10, 15, 20], &[]),
        ("26/13/24", &[26, 13, 24], &[]),
        ("1/2/345", &[1, 2, 345], &[]),
        ("March 22nd, 2024", &[], &["March 22nd, 2024"]),
        ("the 22nd of March", &[], &["22nd of March"]),
        ("Jan. 3", &[], &["Jan. 3"]),
        ("In March 2024 143 people died", &[143], &["March 2024"]),
        ("they march 20 miles", &[20], &[]),
        ("May 5,000 people", &[5000], &[]),
        ("on 3 March 1871", &[], &["3 March 1871"]),
        ("13.13.2024", &[], &[]),
        ("2024-13-45", &[13, 45], &["2024"]),
        ("32 March", &[32], &[]),
        // Overflow is skipped.
        ("18446744073709551615", &[u64::MAX], &[]),
        ("18446744073709551616", &[], &[]),
        ("18,446,744,073,709,551,616", &[], &[]),
        ("nine hundred trillion trillion", &[900_000_000_000_000], &[]),
    ];

    #[test]
    fn reads_the_table() {
        for &(text, want_figures, want_dates) in CASES {
            check(text, want_figures, want_dates);
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
