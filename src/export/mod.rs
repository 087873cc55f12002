//! Exports for the tools newsrooms already use: schema.org ClaimReview
//! JSON-LD for fact-check publication, CSV for spreadsheets, and an SQLite
//! database for Datasette. Each is a pure function of a snapshot (and, for
//! SQLite, of conflicts and history the caller computed) into a writer or
//! a database connection; the CLI decides where the bytes go.

pub mod cell;
pub mod claimreview;
pub(crate) mod columns;
pub mod csv;
pub(crate) mod csv_import;
pub(crate) mod spoken_value;
pub mod sqlite;
pub(crate) mod xlsx;

use crate::model::date::{PartialDate, Precision};
use crate::model::interval::Interval;
use crate::model::{Claim, MeasureKind, Value};
use crate::store::contents::Contents;

/// One end of a claim's interval, as exports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bound {
    /// A count (an `About` bound can pass `u64::MAX`, hence i128).
    Count(i128),
    /// A date's first or last minute, `2024-03-01T00:00`.
    Date(String),
}

/// The low and high ends of a claim's interval (docs/reference.md section 3); `hi` is
/// `None` when open-ended, both are `None` for actors, texts and values
/// that are not valid.
pub(crate) fn bounds(contents: &Contents, claim: &Claim) -> (Option<Bound>, Option<Bound>) {
    let measure = contents.measures.iter().find(|m| m.id == claim.measure);
    let Some(interval) = Interval::of(&claim.value, measure) else { return (None, None) };
    let bound = |v: i128| match claim.value.kind() {
        MeasureKind::Date => {
            i64::try_from(v).ok().and_then(crate::model::date::minute_to_iso).map(Bound::Date)
        }
        _ => Some(Bound::Count(v)),
    };
    (bound(interval.lo), interval.hi.and_then(bound))
}

/// The value's variant name (`Between`), and its words (`137–145`); a text
/// value without the quotes `Value::display` puts around it.
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        v => v.display(),
    }
}

/// A partial date as exports write it for spreadsheets and databases:
/// its first and last day as ISO dates (`2024-03-01`, `2024-03-31`), or
/// minutes (`2024-03-23T13:23`) at minute precision, and the precision in
/// words, so that a column of dates has one shape whatever each date's
/// precision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IsoDate {
    pub first: String,
    pub last: String,
    pub precision: &'static str,
}

/// The [`IsoDate`] of a partial date; `None` when it is not a valid one.
pub(crate) fn iso_date(text: &str) -> Option<IsoDate> {
    let date = PartialDate::parse(text).ok()?;
    let width = match date.precision {
        Precision::Minute => 16,
        _ => 10,
    };
    let iso = |minute: i64| {
        crate::model::date::minute_to_iso(minute).map(|mut s| {
            s.truncate(width);
            s
        })
    };
    Some(IsoDate {
        first: iso(date.first_minute)?,
        last: iso(date.last_minute)?,
        precision: date.precision.name(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::snapshot;

    #[test]
    fn bounds_of_values() {
        let snap = snapshot(&[]);
        let claim = |value: Value, measure: &str| Claim {
            as_of: None,
            citations: vec![],
            claimant: "x".into(),
            hash: None,
            id: "c".into(),
            measure: measure.into(),
            note: None,
            rank: Default::default(),
            review: None,
            revises: None,
            statement: "s".into(),
            subject: "s".into(),
            supersedes: vec![],
            tags: vec![],
            value,
        };
        let b = |v, m| bounds(&snap, &claim(v, m));
        assert_eq!(b(Value::AtLeast(115), "killed"), (Some(Bound::Count(115)), None));
        assert_eq!(b(Value::About(100), "killed"), (Some(Bound::Count(90)), Some(Bound::Count(110))));
        assert_eq!(
            b(Value::Date("2024-03-22".into()), "founded"),
            (Some(Bound::Date("2024-03-22T00:00".into())), Some(Bound::Date("2024-03-22T23:59".into())))
        );
        assert_eq!(b(Value::Actor("a".into()), "organised-by"), (None, None));
        assert_eq!(b(Value::Between(5, 1), "killed"), (None, None));
    }

    #[test]
    fn iso_dates_have_one_shape() {
        let d = |t| iso_date(t).map(|d| (d.first, d.last, d.precision));
        assert_eq!(d("2014"), Some(("2014-01-01".into(), "2014-12-31".into(), "year")));
        assert_eq!(d("2024-02"), Some(("2024-02-01".into(), "2024-02-29".into(), "month")));
        assert_eq!(d("2024-03-26"), Some(("2024-03-26".into(), "2024-03-26".into(), "day")));
        assert_eq!(
            d("2024-03-23T13:23"),
            Some(("2024-03-23T13:23".into(), "2024-03-23T13:23".into(), "minute"))
        );
        assert_eq!(d("soon"), None);
    }
}
