//! How a changed value reads: `137 → 143 (+6, +4.4%)`. Counts that are one
//! number each (Exact, AtLeast, AtMost, About) get the delta and the
//! percentage of the old figure; ranges, dates, actors and texts get the
//! two values only. Record text is escaped for the terminal.

use crate::model::Value;
use crate::render::escape::terminal::escape;

/// A value as a reader would say it, escaped.
pub(crate) fn value(v: &Value) -> String {
    escape(&v.display()).into_owned()
}

/// `old → new`, with the delta of counts.
pub(crate) fn value_change(old: &Value, new: &Value) -> String {
    match delta(old, new) {
        Some(d) => format!("{} → {} ({d})", value(old), value(new)),
        None => format!("{} → {}", value(old), value(new)),
    }
}

/// `+6, +4.4%` between two counts that are one number each; `None` for
/// other values and for equal numbers.
pub(crate) fn delta(old: &Value, new: &Value) -> Option<String> {
    let (a, b) = (number(old)?, number(new)?);
    if a == b {
        return None;
    }
    let d = i128::from(b) - i128::from(a);
    let sign = if d > 0 { "+" } else { "" };
    if a == 0 {
        return Some(format!("{sign}{d}"));
    }
    let percent = d as f64 * 100.0 / a as f64;
    Some(format!("{sign}{d}, {sign}{percent:.1}%"))
}

fn number(v: &Value) -> Option<u64> {
    match *v {
        Value::Exact(n) | Value::AtLeast(n) | Value::AtMost(n) | Value::About(n) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: Value, new: Value, expected: &str) {
        assert_eq!(value_change(&old, &new), expected);
    }

    #[test]
    fn deltas_of_counts() {
        check(Value::Exact(137), Value::Exact(143), "137 → 143 (+6, +4.4%)");
        check(Value::Exact(139), Value::Exact(137), "139 → 137 (-2, -1.4%)");
        check(Value::Exact(0), Value::AtLeast(5), "0 → at least 5 (+5)");
        check(Value::Exact(5), Value::AtLeast(5), "5 → at least 5");
        check(
            Value::Exact(u64::MAX),
            Value::Exact(0),
            "18446744073709551615 → 0 (-18446744073709551615, -100.0%)",
        );
        check(Value::Between(1, 2), Value::Exact(3), "1–2 → 3");
        check(Value::Actor("a\u{1b}".into()), Value::Actor("b".into()), "a\\u{1b} → b");
    }
}
