//! Exports for the tools newsrooms already use: schema.org ClaimReview
//! JSON-LD for fact-check publication, CSV for spreadsheets, and an SQLite
//! database for Datasette. Each is a pure function of a snapshot (and, for
//! SQLite, of conflicts and history the caller computed) into a writer or
//! a database connection; the CLI decides where the bytes go.

pub mod claimreview;
pub mod csv;
pub mod csv_import;
pub mod sqlite;

use crate::model::interval::Interval;
use crate::model::{Claim, MeasureKind, Value};
use crate::store::snapshot::Snapshot;

/// One end of a claim's interval, as exports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// A count (an `About` bound can pass `u64::MAX`, hence i128).
    Count(i128),
    /// A date's first or last minute, `2024-03-01T00:00`.
    Date(String),
}

impl Bound {
    pub fn text(&self) -> String {
        match self {
            Bound::Count(n) => n.to_string(),
            Bound::Date(d) => d.clone(),
        }
    }
}

/// The low and high ends of a claim's interval (SPEC section 3); `hi` is
/// `None` when open-ended, both are `None` for actors, texts and values
/// that are not valid.
pub fn bounds(snapshot: &Snapshot, claim: &Claim) -> (Option<Bound>, Option<Bound>) {
    let measure = snapshot.measures.iter().find(|m| m.id == claim.measure);
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
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        v => v.display(),
    }
}

/// Guards a spreadsheet cell against formula injection (OWASP): text that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so that a statement from a pull request cannot run as a
/// formula when the CSV is opened in a spreadsheet. Text that begins with
/// `'` gets one more, so that [`plain_cell`] gives every text back exactly.
pub fn inert_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// The text of a cell that [`inert_cell`] guarded: one leading `'` is
/// dropped when a guarded character follows it.
pub fn plain_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
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
    fn formulas_are_inert() {
        assert_eq!(inert_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert_cell("@SUM(1)"), "'@SUM(1)");
        assert_eq!(inert_cell("143 killed"), "143 killed");
        assert_eq!(inert_cell(""), "");
        for text in ["=1+1", "'=1+1", "''", "'quoted'", "-5", "plain", "", "'"] {
            assert_eq!(plain_cell(&inert_cell(text)), text, "{text}");
        }
    }
}
