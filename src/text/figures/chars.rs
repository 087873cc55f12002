//! Characters and runs at byte offsets, shared by the three readers: decoding only what is
//! not ASCII, since most text is.

/// The character starting at byte `i`, if `i` is a boundary inside the text.
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character starting at byte `i`, decoded only when it is not ASCII.
pub(super) fn next_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => Some(char::from(*b)),
        _ => char_at(text, i),
    }
}

/// The character ending at byte `i`, if `i` is a boundary inside the text.
pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

pub(super) fn is_digit_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// The byte after the ASCII digits starting at `i`.
pub(super) fn digits_end(text: &str, i: usize) -> usize {
    let mut end = i;
    while is_digit_at(text, end) {
        end += 1;
    }
    end
}

/// The byte after the letters and digits starting at `i`.
pub(super) fn word_end(text: &str, mut i: usize) -> usize {
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
pub(super) fn skip_space(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i).filter(|c| c.is_whitespace()) {
        i += c.len_utf8();
    }
    i
}

/// The value of ASCII digits, or `None` if it overflows `u64`.
pub(super) fn parse_digits(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |value, digit| value.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
}

/// `int` followed by a three-digit group, or `None` if it overflows `u64`.
pub(super) fn append_group(int: u64, group: &str) -> Option<u64> {
    int.checked_mul(1000)?.checked_add(parse_digits(group)?)
}
