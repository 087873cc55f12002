//! Count values as people write them in a spreadsheet's value cell
//! (`more than 900`, `fewer than 11`, `about 800`, `137 to 145`), read for
//! what they mean, so that `import` can refuse them with that value
//! (docs/reference.md section 6: "refused with the value it means"): more than 900 is
//! 901 or more, `AtLeast(901)`, not the `AtLeast(900)` that a careless
//! reading gives. Import takes only the forms export writes (`at least
//! 901`); the refusal says which one to write.

use crate::model::Value;

/// The value a phrase means, or `None` when it is not one of these
/// phrases (or means no count: `fewer than 0`).
pub(crate) fn meaning(text: &str) -> Option<Value> {
    let text = text.trim().to_lowercase();
    let text = text.as_str();
    const MORE: &[&str] = &["more than", "over", "greater than", "above", "in excess of", "upwards of"];
    const FEWER: &[&str] = &["fewer than", "less than", "under", "below"];
    const AT_LEAST: &[&str] = &["at least", "no fewer than", "no less than", "not less than", "a minimum of"];
    const AT_MOST: &[&str] = &["at most", "no more than", "not more than", "up to", "a maximum of"];
    const ABOUT: &[&str] =
        &["about", "around", "approximately", "roughly", "some", "circa", "c.", "~", "an estimated"];
    for (words, make) in [
        (MORE, (|n: u64| n.checked_add(1).map(Value::AtLeast)) as fn(u64) -> Option<Value>),
        (FEWER, |n: u64| n.checked_sub(1).map(Value::AtMost)),
        (AT_LEAST, |n: u64| Some(Value::AtLeast(n))),
        (AT_MOST, |n: u64| Some(Value::AtMost(n))),
        (ABOUT, |n: u64| Some(Value::About(n))),
    ] {
        for word in words {
            if let Some(rest) = text.strip_prefix(word)
                && (word.ends_with(['.', '~']) || rest.starts_with(char::is_whitespace))
                && let Some(n) = number(rest.trim())
            {
                return make(n);
            }
        }
    }
    for suffix in [" or more", "+"] {
        if let Some(n) = text.strip_suffix(suffix).and_then(|t| number(t.trim())) {
            return Some(Value::AtLeast(n));
        }
    }
    for suffix in [" or fewer", " or less"] {
        if let Some(n) = text.strip_suffix(suffix).and_then(|t| number(t.trim())) {
            return Some(Value::AtMost(n));
        }
    }
    let range = text.strip_prefix("between ").map_or(text, str::trim_start);
    for separator in [" to ", " and ", "–", "—", "-"] {
        if let Some((lo, hi)) = range.split_once(separator)
            && let (Some(lo), Some(hi)) = (number(lo.trim()), number(hi.trim()))
        {
            return Some(Value::Between(lo, hi));
        }
    }
    number(text).map(Value::Exact)
}

/// A whole number as people write it: digits, with `,` or a space between
/// groups of three (`4,000`, `24 137`).
fn number(text: &str) -> Option<u64> {
    let groups: Vec<&str> = text.split([',', ' ', '\u{a0}']).collect();
    let well_formed = !groups[0].is_empty()
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if !well_formed {
        return None;
    }
    groups.concat().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_mean_their_values() {
        let cases: &[(&str, Option<Value>)] = &[
            ("more than 900", Some(Value::AtLeast(901))),
            ("More than 4,000", Some(Value::AtLeast(4001))),
            ("over 60", Some(Value::AtLeast(61))),
            ("fewer than 11", Some(Value::AtMost(10))),
            ("less than 1", Some(Value::AtMost(0))),
            ("fewer than 0", None),
            ("about 800", Some(Value::About(800))),
            ("~800", Some(Value::About(800))),
            ("137 to 145", Some(Value::Between(137, 145))),
            ("between 137 and 145", Some(Value::Between(137, 145))),
            ("137–145", Some(Value::Between(137, 145))),
            ("at least 143", Some(Value::AtLeast(143))),
            ("143 or more", Some(Value::AtLeast(143))),
            ("up to 10", Some(Value::AtMost(10))),
            ("24 137", Some(Value::Exact(24137))),
            ("4,00", None),
            ("overall 9", None),
            ("ninety", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(&meaning(text), expected, "{text}");
        }
    }
}
