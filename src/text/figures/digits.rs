//! The digit reader: numbers written with digits, their thousands groups, decimals and scale
//! words (`4,000`, `1.5 million`, `12 млн`), and names a number belongs to (`F-16`).

use std::ops::Range;

use super::{
    CURRENCY_SIGNS, Figure, Form, GROUP_SEPARATORS, HYPHENS, Mention, Read, append_group, char_at,
    char_before, digits_end, is_digit_at, parse_digits, skip_space, word_end,
};

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
pub(super) fn digit_figure(text: &str, pos: usize) -> Read {
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
pub(super) fn scale_decimal(int: u64, frac: &str, scale: u64) -> Option<u64> {
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
pub(super) fn is_name_part(text: &str, pos: usize) -> bool {
    let Some(hyphen) = char_before(text, pos).filter(|c| HYPHENS.contains(c)) else {
        return false;
    };
    // Names are short, so a bounded look back keeps the pass linear.
    let before = &text[..pos - hyphen.len_utf8()];
    before.chars().rev().take_while(|c| c.is_alphanumeric()).take(16).any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    /// (text, figures `scan` lists, dates `scan` lists apart): numbers in digits.
    const CASES: &[(&str, &[u64], &[&str])] = &[
        // Plain digits and the reference's examples.
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
}
