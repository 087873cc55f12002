//! Partial ISO dates (docs/reference.md section 2): `"2014"`, `"2024-03"`,
//! `"2024-03-26"` or `"2024-03-23T13:23"`. A partial date stands for its
//! whole span, counted in minutes; this module owns that arithmetic.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// A validated partial date: the first and last minute of its span, as
/// minutes since 1970-01-01T00:00 (no zone: dates are local).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The first minute of the span, in minutes since 1970-01-01T00:00.
    pub first_minute: i64,
    /// The last minute of the span, in minutes since 1970-01-01T00:00.
    pub last_minute: i64,
    /// As written: a year, a month, a day or a minute.
    pub precision: Precision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

impl Precision {
    /// The precision in words, as exports write it: `year`, `month`,
    /// `day` or `minute`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
        }
    }

    /// How many characters of an ISO date and time this precision keeps:
    /// `2024`, `2024-03`, `2024-03-26`, `2024-03-26T13:23`.
    pub fn width(self) -> usize {
        match self {
            Precision::Year => 4,
            Precision::Month => 7,
            Precision::Day => 10,
            Precision::Minute => 16,
        }
    }

    pub const ALL: [Precision; 4] = [Precision::Year, Precision::Month, Precision::Day, Precision::Minute];
}

impl PartialDate {
    /// Parses a partial date, or says in words why it is not one.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
        };
        let shape_err = || {
            format!("`{}` is not a partial date: write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM", text)
        };
        let year = match (b.len(), digits(0..4)) {
            (4 | 7 | 10 | 16, Some(y)) => y as i32,
            _ => return Err(shape_err()),
        };
        if b.len() == 4 {
            let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(shape_err)?;
            let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or_else(shape_err)?;
            return Ok(PartialDate::span(first, next, Precision::Year));
        }
        if b[4] != b'-' {
            return Err(shape_err());
        }
        let month = digits(5..7).ok_or_else(shape_err)?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` has month {month}; months run from 01 to 12"));
        }
        let first_of_month = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(shape_err)?;
        if b.len() == 7 {
            let next = first_of_month.checked_add_months(chrono::Months::new(1)).ok_or_else(shape_err)?;
            return Ok(PartialDate::span(first_of_month, next, Precision::Month));
        }
        if b[7] != b'-' {
            return Err(shape_err());
        }
        let day = digits(8..10).ok_or_else(shape_err)?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            format!(
                "`{text}` names day {day}, but {year}-{month:02} has {} days",
                days_in_month(first_of_month)
            )
        })?;
        if b.len() == 10 {
            let next = date.succ_opt().ok_or_else(shape_err)?;
            return Ok(PartialDate::span(date, next, Precision::Day));
        }
        if b[10] != b'T' || b[13] != b':' {
            return Err(shape_err());
        }
        let hour = digits(11..13).ok_or_else(shape_err)?;
        let minute = digits(14..16).ok_or_else(shape_err)?;
        let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| {
            format!("`{text}` has time {hour:02}:{minute:02}; hours run 00–23 and minutes 00–59")
        })?;
        let m = minutes(NaiveDateTime::new(date, time));
        Ok(PartialDate { first_minute: m, last_minute: m, precision: Precision::Minute })
    }

    fn span(first: NaiveDate, next: NaiveDate, precision: Precision) -> PartialDate {
        PartialDate {
            first_minute: minutes(first.and_time(NaiveTime::MIN)),
            last_minute: minutes(next.and_time(NaiveTime::MIN)) - 1,
            precision,
        }
    }

    /// Whether the two spans share no minute.
    pub fn is_disjoint(&self, other: &PartialDate) -> bool {
        self.last_minute < other.first_minute || other.last_minute < self.first_minute
    }
}

/// A minute since 1970 as an ISO local date and time (`2024-03-23T13:23`),
/// for exports that show an interval's bounds; `None` outside chrono's range.
pub(crate) fn minute_to_iso(minute: i64) -> Option<String> {
    let t = chrono::DateTime::from_timestamp(minute.checked_mul(60)?, 0)?;
    Some(t.naive_utc().format("%Y-%m-%dT%H:%M").to_string())
}

fn minutes(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(60)
}

fn days_in_month(first: NaiveDate) -> u32 {
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("a month after a valid date exists in chrono's range");
    (next - first).num_days() as u32 + first.day() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<(i64, i64), &str>) {
        let got = PartialDate::parse(text).map(|d| (d.first_minute, d.last_minute));
        match expected {
            Ok(span) => assert_eq!(got, Ok(span), "{text}"),
            Err(fragment) => {
                let err = got.expect_err(text);
                assert!(err.contains(fragment), "{text}: {err}");
            }
        }
    }

    #[test]
    fn spans() {
        let day = 24 * 60;
        let d2024_03_01 = 19783 * day;
        check("2024-03", Ok((d2024_03_01, d2024_03_01 + 31 * day - 1)));
        check("2024-03-01", Ok((d2024_03_01, d2024_03_01 + day - 1)));
        check("2024-03-01T13:23", Ok((d2024_03_01 + 803, d2024_03_01 + 803)));
        check("2024", Ok((19723 * day, (19723 + 366) * day - 1)));
        check("1970", Ok((0, 365 * day - 1)));
    }

    #[test]
    fn minutes_back_to_text() {
        let d = PartialDate::parse("2024-03").unwrap();
        assert_eq!(minute_to_iso(d.first_minute).unwrap(), "2024-03-01T00:00");
        assert_eq!(minute_to_iso(d.last_minute).unwrap(), "2024-03-31T23:59");
        assert_eq!(minute_to_iso(i64::MAX), None);
    }

    #[test]
    fn errors() {
        check("2024-02-30", Err("has 29 days"));
        check("2023-02-29", Err("has 28 days"));
        check("2024-13", Err("months run"));
        check("2024-03-01T24:00", Err("hours run"));
        check("24-03-01", Err("not a partial date"));
        check("2024/03/01", Err("not a partial date"));
        check("2024-03-01 13:23", Err("not a partial date"));
        check("", Err("not a partial date"));
        check("２０２４", Err("not a partial date"));
        check("2024-03-01T13:23:00", Err("not a partial date"));
    }
}
