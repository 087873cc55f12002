//! The date reader: numeric dates (`2024-03-22`, `22.03.2024`, `26/03/24`) and dates with a
//! month name (`3 January 2024`, `March 22nd`, `22 марта 2024`), whose parts are not figures
//! for `coverage`.

use std::ops::Range;

use super::{
    Figure, Form, Mention, Read, char_at, digits_end, is_digit_at, parse_digits, skip_space, word_end,
};

/// `YYYY-MM-DD`, `DD.MM.YYYY` or `MM/DD/YYYY` at `pos`.
pub(super) fn numeric_date(text: &str, pos: usize) -> Option<Read> {
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
pub(super) fn day_first_date(text: &str, pos: usize) -> Option<Read> {
    let (days, day_end) = match day_range_at(text, pos) {
        Some((first, last, end)) => (vec![first, last], end),
        None => {
            let (day, end) = day_at(text, pos)?;
            (vec![day], end)
        }
    };
    let gap = skip_space(text, day_end);
    if gap == day_end {
        return None;
    }
    let month = skip_of(text, gap);
    let month_end = month_at(text, month..word_end(text, month))?;
    Some(date_with_year(text, pos, days, month_end))
}

/// Dashes that join the two days of a range (`27-28 October`, `27–28 октября`).
const RANGE_DASHES: [char; 5] = ['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}'];

/// Two days joined by a dash, the first lower (`27-28`, `27 – 28`), and the
/// byte after the second: the start of a range of days, a date only if a
/// month follows (`10-15 people` stays two figures).
fn day_range_at(text: &str, pos: usize) -> Option<(Figure, Figure, usize)> {
    let digits = pos..digits_end(text, pos);
    let first = field_value(text, &digits).filter(|&day| short_field(&digits) && is_day(day))?;
    let dash = skip_space(text, digits.end);
    let c = char_at(text, dash).filter(|c| RANGE_DASHES.contains(c))?;
    let next = skip_space(text, dash + c.len_utf8());
    let (last, end) = day_at(text, next)?;
    (first < last.value).then(|| (digits_part(first, digits), last, end))
}

/// `January 3, 2024`, `March 22`, `March 2024`, `марте 2024` at `pos`.
pub(super) fn month_first_date(text: &str, word: Range<usize>) -> Option<Read> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    /// (text, figures `scan` lists, dates `scan` lists apart): years and dates.
    const CASES: &[(&str, &[u64], &[&str])] = &[
        // Russian dates.
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
        // Ranges of days are dates, not a figure and a date.
        ("reports of 27-28 October 2002", &[], &["27-28 October 2002"]),
        ("27–28 октября", &[], &["27–28 октября"]),
        ("on 27 – 28 October", &[], &["27 – 28 October"]),
        ("28-27 October", &[28], &["27 October"]),
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
    ];

    #[test]
    fn reads_the_table() {
        for &(text, want_figures, want_dates) in CASES {
            check(text, want_figures, want_dates);
        }
    }
}
