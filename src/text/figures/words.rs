//! The English number-word reader: `ninety-five`, `a thousand`, `two hundred and eighty`,
//! `one point five million`, and the ordinals and plurals that are not figures.

use std::ops::Range;

use super::{Figure, Form, HYPHENS, Mention, Read, char_at, scale_decimal, skip_space, word_end};

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
    // Every word of a text comes here: the few entries that share its first
    // letter and its length are the only ones compared, and most words have
    // none (`NUMBER_WORDS` has fewer than 64 entries, one bit each).
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if word.len() >= WORD_MASKS.by_len.len() || !first.is_ascii_lowercase() {
        return None;
    }
    let mut candidates = WORD_MASKS.by_first[usize::from(first - b'a')] & WORD_MASKS.by_len[word.len()];
    while candidates != 0 {
        let (name, kind) = NUMBER_WORDS[candidates.trailing_zeros() as usize];
        if word.eq_ignore_ascii_case(name) {
            return Some(kind);
        }
        candidates &= candidates - 1;
    }
    None
}

/// The entries of [`NUMBER_WORDS`] by first letter and by length, as bit sets.
struct WordMasks {
    by_first: [u64; 26],
    by_len: [u64; 10],
}

const WORD_MASKS: WordMasks = {
    assert!(NUMBER_WORDS.len() <= 64, "one bit per number word");
    let mut masks = WordMasks { by_first: [0; 26], by_len: [0; 10] };
    let mut i = 0;
    while i < NUMBER_WORDS.len() {
        let name = NUMBER_WORDS[i].0.as_bytes();
        masks.by_first[(name[0] - b'a') as usize] |= 1 << i;
        masks.by_len[name.len()] |= 1 << i;
        i += 1;
    }
    masks
};

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
pub(super) fn number_words(text: &str, word: Range<usize>) -> Option<Read> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    /// (text, figures `scan` lists, dates `scan` lists apart): English number words.
    const CASES: &[(&str, &[u64], &[&str])] = &[
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
    ];

    #[test]
    fn reads_the_table() {
        for &(text, want_figures, want_dates) in CASES {
            check(text, want_figures, want_dates);
        }
    }
}
