//! Workbooks for spreadsheet programs (`export --format xlsx`, `import
//! --format xlsx`): the sheets `claims` and `citations` with the columns of
//! the CSV tables (`columns.rs`, one list for all four), so a desk edits
//! the figures where it works and imports them back.
//!
//! A CSV passed through a spreadsheet program comes back changed: the
//! program reads `January 2015` as a date, `4,000` as 4000 and `1/2` as the
//! second of January, and the hash guard of `import` then refuses the rows.
//! A workbook says what each cell is: every text cell is stored as a text
//! (a string cell, in a column formatted as text, `@`, so that what is
//! typed there later stays text too), counts as numbers (`value` of an
//! `Exact` value, `lo`, `hi`), dates as ISO text (`2024-03-26`). Text
//! cells hold what the CSV cell holds ([`super::cell::write`]: controls
//! escaped, formulas guarded), so both read back the same way.
//!
//! Reading goes through the CSV reader: each sheet becomes the CSV table
//! it stands for (numbers as plain digits, a date a program made as an ISO
//! date) and `csv_import` reads it, with every check and message it has.
//! Pure: bytes in, bytes out.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::columns::{CITATIONS, CLAIMS, Column};
use crate::store::contents::Contents;

/// The sheets' names.
pub(crate) const CLAIMS_SHEET: &str = "claims";
pub(crate) const CITATIONS_SHEET: &str = "citations";

/// Counts above this are written as text: a spreadsheet holds numbers as
/// doubles, exact only up to 2^53.
const EXACT_IN_A_DOUBLE: u64 = 1 << 53;

/// The workbook of a store: both sheets.
pub(crate) fn write(contents: &Contents) -> Result<Vec<u8>, String> {
    let fail = |e: XlsxError| format!("cannot make the workbook: {e}");
    let mut book = Workbook::new();
    let claims = super::csv::claim_rows(contents);
    let citations = super::csv::citation_rows(contents);
    for (name, columns, rows) in [(CLAIMS_SHEET, CLAIMS, &claims), (CITATIONS_SHEET, CITATIONS, &citations)] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(fail)?;
        fill(sheet, columns, rows).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The header, then the rows, each cell typed by its column.
fn fill(sheet: &mut Worksheet, columns: &[Column], rows: &[Vec<String>]) -> Result<(), XlsxError> {
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold().set_num_format("@");
    let kind_at = columns.iter().position(|c| c.name == "value_kind");
    for (i, column) in columns.iter().enumerate() {
        let col = u16::try_from(i).expect("a table has few columns");
        sheet.set_column_format(col, &text)?;
        sheet.write_string_with_format(0, col, column.name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let exact = kind_at.and_then(|k| row.get(k)).is_some_and(|k| k == "Exact");
        for (i, (cell, column)) in row.iter().zip(columns).enumerate() {
            let col = u16::try_from(i).expect("a table has few columns");
            if cell.is_empty() {
                continue;
            }
            let is_count = matches!(column.name, "lo" | "hi") || (column.name == "value" && exact);
            match count(cell).filter(|_| is_count) {
                Some(n) => sheet.write_number(r, col, n as f64)?,
                None => sheet.write_string_with_format(r, col, cell, &text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A count that a double holds exactly.
fn count(cell: &str) -> Option<u64> {
    cell.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| cell.parse::<u64>().ok())
        .flatten()
        .filter(|n| *n <= EXACT_IN_A_DOUBLE)
}

/// The two tables of a workbook as CSV, for `csv_import::read`: the
/// `claims` sheet, and the `citations` sheet when there is one.
pub(crate) fn tables(bytes: &[u8]) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| format!("not a workbook (xlsx): {e}"))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == CLAIMS_SHEET) {
        return Err(format!("the workbook has no sheet `{CLAIMS_SHEET}` (it has: {})", names.join(", ")));
    }
    let mut sheet = |name: &str| -> Result<Vec<u8>, String> {
        let range = book.worksheet_range(name).map_err(|e| format!("cannot read the sheet `{name}`: {e}"))?;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            w.write_record(&cells).map_err(|e| e.to_string())?;
        }
        w.into_inner().map_err(|e| e.to_string())
    };
    let claims = sheet(CLAIMS_SHEET)?;
    let citations =
        if names.iter().any(|n| n == CITATIONS_SHEET) { Some(sheet(CITATIONS_SHEET)?) } else { None };
    Ok((claims, citations))
}

/// A cell as the CSV table has it: text as written, a whole number in
/// plain digits, a date or time that a program made of a cell as ISO.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn a_workbook_reads_back_as_its_csv_tables() {
        let snapshot = testing::snapshot(&[
            (
                "claims/a.ron",
                "Claim(id: \"a\", subject: \"s\", measure: \"killed\", value: Exact(137), statement: \"=1+1, January 2015\", claimant: \"c\", citations: [Citation(document: \"d\", quote: \"4,000 or 1/2\")], tags: [\"x\", \"y\"])",
            ),
            (
                "claims/b.ron",
                "Claim(id: \"b\", subject: \"s\", measure: \"killed\", value: AtLeast(9007199254740993), as_of: \"2024-03\", statement: \"s\", claimant: \"c\", citations: [Citation(document: \"d\", quote: \"q\")])",
            ),
        ]);
        let book = write(&snapshot).unwrap();
        let (claims, citations) = tables(&book).unwrap();
        let mut csv = Vec::new();
        super::super::csv::claims(&mut csv, &snapshot).unwrap();
        assert_eq!(String::from_utf8(claims).unwrap(), String::from_utf8(csv).unwrap());
        let mut csv = Vec::new();
        super::super::csv::citations(&mut csv, &snapshot).unwrap();
        assert_eq!(String::from_utf8(citations.unwrap()).unwrap(), String::from_utf8(csv).unwrap());
        assert!(tables(b"not a zip").is_err());
    }
}
