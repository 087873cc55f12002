//! Intervals of values (docs/reference.md section 3), the ground of every comparison.
//!
//! Counts and dates share one representation: closed intervals of `i128`,
//! where a count is itself and a date is minutes since 1970. `i128` holds
//! every u64 bound, and `About` splits its product (see [`about`]) so that
//! no arithmetic here can wrap, even on `About(18446744073709551615)` of a
//! measure with `tolerance_percent: 18446744073709551615`.

use crate::model::date::PartialDate;
use crate::model::{Measure, Value};

/// A closed interval; `hi == None` is unbounded above (`AtLeast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// The lower bound.
    pub lo: i128,
    /// The upper bound; `None` when unbounded.
    pub hi: Option<i128>,
}

impl Interval {
    /// The interval from `lo` to `hi`.
    pub fn new(lo: i128, hi: Option<i128>) -> Interval {
        Interval { lo, hi }
    }

    /// The interval of a count or date value; `None` for actors, texts,
    /// invalid dates and inverted `Between`s (those are findings of their
    /// own, and are not compared).
    pub fn of(value: &Value, measure: Option<&Measure>) -> Option<Interval> {
        let tolerance = measure.map_or(crate::model::DEFAULT_TOLERANCE_PERCENT, |m| m.tolerance_percent);
        match *value {
            Value::Exact(n) => Some(Interval::new(n as i128, Some(n as i128))),
            Value::AtLeast(n) => Some(Interval::new(n as i128, None)),
            Value::AtMost(n) => Some(Interval::new(0, Some(n as i128))),
            Value::Between(lo, hi) if lo <= hi => Some(Interval::new(lo as i128, Some(hi as i128))),
            Value::Between(..) => None,
            Value::About(n) => Some(about(n, tolerance)),
            Value::Date(ref d) => PartialDate::parse(d).ok().map(Interval::of_date),
            Value::Actor(_) | Value::Actors(_) | Value::Text(_) => None,
        }
    }

    /// The interval of a date's span.
    pub fn of_date(d: PartialDate) -> Interval {
        Interval::new(d.first_minute as i128, Some(d.last_minute as i128))
    }

    /// Whether one interval ends before the other begins.
    pub fn is_disjoint(&self, other: &Interval) -> bool {
        self.hi.is_some_and(|hi| hi < other.lo) || other.hi.is_some_and(|hi| hi < self.lo)
    }

    /// Whether this interval lies wholly above `other`.
    pub fn is_above(&self, other: &Interval) -> bool {
        other.hi.is_some_and(|hi| hi < self.lo)
    }
}

/// `About(n)` at `p` percent: [⌊n·(100−p)/100⌋, ⌈n·(100+p)/100⌉], floored
/// at 0. Both bounds are n ∓ ⌈n·p/100⌉, and n·p (up to 2^128) would
/// overflow i128, so ⌈n·p/100⌉ is computed as (n div 100)·p +
/// ⌈(n mod 100)·p/100⌉, each term below 2^122.
fn about(n: u64, p: u64) -> Interval {
    let (n, p) = (i128::from(n), i128::from(p));
    let spread = (n / 100) * p + ((n % 100) * p + 99) / 100;
    Interval::new((n - spread).max(0), Some(n + spread))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeasureKind, Trend};

    fn measure(tolerance: u64) -> Measure {
        Measure {
            id: "m".into(),
            kind: MeasureKind::Count,
            unit: None,
            trend: Trend::Any,
            tolerance_percent: tolerance,
            multi: false,
            description: None,
        }
    }

    fn check(value: Value, tolerance: u64, expected: Option<(i128, Option<i128>)>) {
        let got = Interval::of(&value, Some(&measure(tolerance))).map(|i| (i.lo, i.hi));
        assert_eq!(got, expected, "{value:?} at {tolerance}%");
    }

    #[test]
    fn intervals_of_counts() {
        check(Value::Exact(143), 10, Some((143, Some(143))));
        check(Value::AtLeast(143), 10, Some((143, None)));
        check(Value::AtMost(10), 10, Some((0, Some(10))));
        check(Value::Between(137, 145), 10, Some((137, Some(145))));
        check(Value::Between(145, 137), 10, None);
        check(Value::About(800), 10, Some((720, Some(880))));
        check(Value::About(15), 10, Some((13, Some(17))));
        check(Value::About(15), 0, Some((15, Some(15))));
        check(Value::About(15), 250, Some((0, Some(53))));
        let max = u64::MAX as i128;
        check(Value::About(u64::MAX), 10, Some(((max * 90) / 100, Some((max * 110 + 99) / 100))));
        check(Value::Exact(u64::MAX), 10, Some((max, Some(max))));
        check(Value::AtLeast(u64::MAX), 10, Some((max, None)));
        check(Value::AtMost(u64::MAX), 10, Some((0, Some(max))));
        check(Value::Between(0, u64::MAX), 10, Some((0, Some(max))));
        // n·p is about 2^128 here: more than i128 holds.
        let spread = (max / 100) * max + ((max % 100) * max + 99) / 100;
        check(Value::About(u64::MAX), u64::MAX, Some((0, Some(max + spread))));
        check(Value::About(1), u64::MAX, Some((0, Some(1 + (u64::MAX as i128 + 99) / 100))));
        check(Value::About(0), u64::MAX, Some((0, Some(0))));
    }

    #[test]
    fn about_matches_the_spec_formula() {
        // Where n·(100±p) fits, the split computation equals the formula.
        for n in [0u64, 1, 7, 15, 99, 100, 101, 800, 12_345, 1 << 40] {
            for p in [0u64, 1, 10, 33, 99, 100, 101, 250, 10_000] {
                let (ni, pi) = (n as i128, p as i128);
                let lo = (ni * (100 - pi)).div_euclid(100).max(0);
                let hi = (ni * (100 + pi) + 99).div_euclid(100);
                assert_eq!(about(n, p), Interval::new(lo, Some(hi)), "About({n}) at {p}%");
            }
        }
    }

    #[test]
    fn disjointness() {
        let a = Interval::new(1, Some(5));
        let b = Interval::new(6, None);
        let c = Interval::new(5, Some(5));
        assert!(a.is_disjoint(&b) && b.is_disjoint(&a));
        assert!(!a.is_disjoint(&c) && !c.is_disjoint(&a));
        assert!(b.is_above(&a) && !a.is_above(&b));
        assert!(!Interval::new(0, None).is_disjoint(&Interval::new(7, None)));
    }
}
