//! The columns of the CSV tables, listed once: `csv` writes them in this
//! order and `csv_import` knows, from the same list, which it requires,
//! which it reads and which are derived (written for spreadsheets, not
//! read back). Each column names the claim field it carries, and a test
//! holds the list against `model::fields`, so a new field of a claim
//! fails it until the CSV has a column for it.

/// How `import` treats a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Import {
    /// Must be in the header and filled on every row.
    Required,
    /// Read when present.
    Optional,
    /// Written by export (an interval bound, a normalized date, a URL);
    /// accepted in the header, not read.
    Derived,
}

/// One column: its header name, the model field it carries (`None` for
/// the table's own keys), and how `import` treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: &'static str,
    pub field: Option<&'static str>,
    pub import: Import,
}

const fn col(name: &'static str, field: &'static str, import: Import) -> Column {
    Column { name, field: Some(field), import }
}

use Import::{Derived, Optional, Required};

/// The claims table. The first fourteen are the first edition's; then the
/// rest of a claim, so that `import` of an export gives the same records
/// and hashes; then the typed columns of the second edition (issue 14):
/// dates as ISO with their precision, and a Date value's span.
pub(crate) const CLAIMS: &[Column] = &[
    col("id", "id", Required),
    col("subject", "subject", Required),
    col("measure", "measure", Required),
    col("value_kind", "value", Required),
    col("value", "value", Required),
    // A count value's interval: plain numbers, empty when open or not a count.
    col("lo", "value", Derived),
    col("hi", "value", Derived),
    // ISO: YYYY-MM-DD, or YYYY-MM-DDTHH:MM at minute precision; the
    // partial date is the first `as_of_precision` of it. The moment the
    // figure refers to, not the day it was said (README, "as_of").
    col("as_of", "as_of", Optional),
    col("statement", "statement", Required),
    col("claimant", "claimant", Required),
    col("rank", "rank", Optional),
    col("verdict", "review", Optional),
    col("tags", "tags", Optional),
    Column { name: "hash", field: None, import: Optional },
    col("note", "note", Optional),
    col("review_by", "review", Optional),
    col("review_on", "review", Optional),
    col("review_note", "review", Optional),
    col("revises", "revises", Optional),
    col("supersedes", "supersedes", Optional),
    col("as_of_precision", "as_of", Optional),
    col("review_on_precision", "review", Optional),
    // A Date value's first and last day (or minute), and its precision.
    col("date_lo", "value", Derived),
    col("date_hi", "value", Derived),
    col("date_precision", "value", Derived),
];

/// The citations table: one row per citation of a claim. A claims table
/// may carry one citation per row in these columns too (all but
/// `claim_id`).
pub(crate) const CITATIONS: &[Column] = &[
    Column { name: "claim_id", field: None, import: Required },
    col("document", "citations", Required),
    col("quote", "citations", Required),
    col("via", "citations", Optional),
    col("locator", "citations", Optional),
    // The cited document's url.
    Column { name: "url", field: None, import: Derived },
];

/// The header names of a table, in order.
pub(crate) fn names(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, Claim, Name, Record};

    #[test]
    fn every_claim_field_has_a_column() {
        let claim: Claim = crate::testing::claim("c src Exact(1)");
        let carried: Vec<&str> = CLAIMS.iter().chain(CITATIONS).filter_map(|c| c.field).collect();
        for field in Record::Claim(claim).fields() {
            assert!(carried.contains(&field.name), "no CSV column carries the claim's `{}`", field.name);
        }
        // The citation's fields, destructured without `..`: a new one
        // fails to compile here until it has a column.
        let Citation { document: _, quote: _, via: _, locator: _ } =
            Citation { document: Name::default(), quote: String::new(), via: vec![], locator: None };
        let names = names(CITATIONS);
        for name in ["document", "quote", "via", "locator"] {
            assert!(names.contains(&name), "{name}");
        }
    }

    #[test]
    fn names_are_unique() {
        let mut all = names(CLAIMS);
        all.extend(names(CITATIONS).into_iter().filter(|n| *n != "claim_id"));
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "{all:?}");
    }
}
