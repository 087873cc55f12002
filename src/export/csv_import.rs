//! Reading claims back from CSV (`import --format csv`): the claims table
//! of `export --format csv` and, optionally, its citations table (or one
//! citation per row in `document`, `quote`, `via` and `locator` columns of
//! the claims table). Every row is read before anything is returned: the
//! result is every claim, sealed, or every problem, each at its cell
//! (`FILE:ROW:COLUMN`) with the fix. Rows are counted as a spreadsheet
//! shows them: the header is row 1. Pure: bytes in, records out.
//!
//! Cells are read as export writes them: values in words (`at least 115`,
//! `60–70`, `israel + united-states`, or a bare number for the kind in
//! `value_kind`), lists joined with `; `, guarded cells (see [`super::inert_cell`]) unguarded. `lo`,
//! `hi` and `url` are derived and not read. A non-empty `hash` names the
//! version the row was exported from; whether an edited row may be written
//! (a correction, with `import --update`) is decided against the store.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use super::cell;
use super::columns::{CITATIONS, CLAIMS, Column, Import};
use crate::model::date::{PartialDate, Precision};
use crate::model::{Citation, Claim, Name, Rank, Record, Review, Value, Verdict};

/// A CSV file: its name, for messages, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    /// The file's name, for messages.
    pub name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

/// Where a problem is: a file, a row (the header is row 1) and a column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub file: String,
    pub row: usize,
    pub column: String,
}

/// A problem with a cell, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub cell: Cell,
    pub message: String,
    pub help: String,
}

/// A claim read from a row, sealed, with the rows it came from.
#[derive(Debug, Clone)]
pub struct Imported {
    pub claim: Claim,
    /// The claims table and the claim's row.
    pub file: String,
    pub row: usize,
    /// Each citation's file and row, in the claim's order.
    pub citation_rows: Vec<(String, usize)>,
    /// The row's `hash` cell, if filled: the version it was exported
    /// from. Whether the row may be written is the store's question
    /// ([`Imported::edited`], and `import --update`).
    pub written_hash: Option<String>,
}

/// The columns a table must have, and the others it may have, from
/// `columns` (a claims table may carry a citation's columns too).
fn header_of(table: &[Column], extra: &[Column]) -> (Vec<&'static str>, Vec<&'static str>) {
    let required = table.iter().filter(|c| c.import == Import::Required).map(|c| c.name).collect();
    let optional = table
        .iter()
        .filter(|c| c.import != Import::Required)
        .chain(extra.iter().filter(|c| c.name != "claim_id"))
        .map(|c| c.name)
        .collect();
    (required, optional)
}

/// The claims of a claims table and its citations table. `stored` gives
/// the store's record with an id, if it holds one: a row edited since
/// export (its hash cell no longer its content's) is a correction of that
/// version when its hash cell is the stored record's hash (written only
/// under `import --update`, which the caller decides), or when the stored
/// record already is that correction (an earlier run wrote it); a stale
/// edit when it names another; and refused when the store has no such
/// record.
pub fn read<'s>(
    claims: Table,
    citations: Option<Table>,
    stored: &dyn Fn(&str) -> Option<&'s Record>,
) -> Result<Vec<Imported>, Vec<CellError>> {
    let mut errors = Vec::new();
    let mut out: Vec<Imported> = Vec::new();
    let mut rows_of: HashMap<String, usize> = HashMap::new();
    // Rows with a problem of their own: their citations are not looked at.
    let mut failed: HashSet<String> = HashSet::new();
    let (required, optional) = header_of(CLAIMS, CITATIONS);
    let claims_sheet = sheet(claims, &required, &optional, &mut errors);
    for row in claims_sheet.iter().flat_map(Sheet::rows) {
        let Some(imported) = claim_of(&row, &mut errors) else {
            failed.insert(row.get("id").into_owned());
            continue;
        };
        match rows_of.get(&imported.claim.id) {
            Some(&i) => errors.push(row.error(
                "id",
                format!("the id `{}` is also on row {}", imported.claim.id, out[i].row),
                "give every claim its own id",
            )),
            None => {
                rows_of.insert(imported.claim.id.clone(), out.len());
                out.push(imported);
            }
        }
    }
    let (required, optional) = header_of(CITATIONS, &[]);
    let citations_sheet = citations.and_then(|t| sheet(t, &required, &optional, &mut errors));
    for row in citations_sheet.iter().flat_map(Sheet::rows) {
        let id = row.get("claim_id");
        let id = &*id;
        if failed.contains(id) {
            continue;
        }
        let Some(&i) = rows_of.get(id) else {
            let known = rows_of.keys().map(String::as_str);
            errors.push(row.error(
                "claim_id",
                format!(
                    "no claim `{id}` in {}{}",
                    claims.name,
                    crate::text::suggest::did_you_mean(id, known)
                ),
                "every citation row names a claim of the claims table by its id",
            ));
            continue;
        };
        if let Some(c) = citation_of(&row, &mut errors) {
            out[i].claim.citations.push(c);
            out[i].citation_rows.push((row.file.to_owned(), row.number));
        }
    }
    for imported in &mut out {
        if imported.claim.citations.is_empty() {
            errors.push(CellError {
                cell: Cell { file: imported.file.clone(), row: imported.row, column: "id".to_owned() },
                message: format!("the claim `{}` has no citation", imported.claim.id),
                help: "add rows for it to a citations table (claim_id, document, quote) given with --citations, \
                       or fill the document and quote columns"
                    .to_owned(),
            });
            continue;
        }
        let record = Record::Claim(imported.claim.clone());
        let hash = crate::text::hash::record_hash(&record);
        if let Some(written) = imported.written_hash.clone().filter(|w| *w != hash) {
            match stored(&imported.claim.id).map(|r| (r, crate::text::hash::record_hash(r))) {
                // A correction of the version in the store.
                Some((_, now)) if now == written => {}
                // A correction an earlier run wrote.
                Some((r, _)) if is_correction(r, &record, &written) => {}
                Some((_, now)) => errors.push(stale(&imported.claim.id, imported.hash_cell(), &written, &now)),
                None => errors.push(CellError {
                    cell: imported.hash_cell(),
                    message: format!("the row is not what was sealed: its content hashes to {hash}, not {written}"),
                    help: format!(
                        "the row (or its citations) changed after it was exported, and the store has no claim \
                         `{}` to correct: clear its hash cell to import it as a new claim",
                        imported.claim.id
                    ),
                }),
            }
        }
        imported.claim.hash = Some(hash.into());
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        // The claims table's problems first, then by row and column.
        errors.sort_by(|a, b| {
            (a.cell.file != claims.name, &a.cell).cmp(&(b.cell.file != claims.name, &b.cell))
        });
        Err(errors)
    }
}

/// Whether `stored` is the correction `row` makes of version `written`:
/// the row's content, sealed with `revises: written`.
pub(crate) fn is_correction(stored: &Record, row: &Record, written: &str) -> bool {
    let mut corrected = row.clone();
    corrected.set_revises(Some(written.to_owned()));
    stored.revises() == Some(written) && stored.same_content(&corrected)
}

/// The refusal of a row exported from version `written` of a record
/// that the store now holds as version `now`.
pub(crate) fn stale(id: &str, cell: Cell, written: &str, now: &str) -> CellError {
    CellError {
        cell,
        message: format!(
            "a stale edit: the row was exported from version {written} of `{id}`, but the store's `{id}` is now \
             version {now}"
        ),
        help: "the record changed since that export: export again, redo the edit on the new row, and import \
               it with --update"
            .to_owned(),
    }
}

impl Imported {
    /// Whether the row says something else than the version its hash cell
    /// names: it was edited after export.
    pub fn edited(&self) -> bool {
        self.written_hash.as_ref().is_some_and(|w| !self.claim.hash.as_ref().is_some_and(|h| h == w))
    }

    /// The row's hash cell.
    pub fn hash_cell(&self) -> Cell {
        Cell { file: self.file.clone(), row: self.row, column: "hash".to_owned() }
    }

    /// The cell a `check` finding's field path points at (`claimant`,
    /// `citations[1].quote`, `review.on`); the id's cell when none fits.
    pub fn cell_of(&self, field: Option<&str>) -> Cell {
        let own = |column: &str| Cell { file: self.file.clone(), row: self.row, column: column.to_owned() };
        let Some(field) = field else { return own("id") };
        if let Some(rest) = field.strip_prefix("citations[") {
            let (index, after) = rest.split_once(']').unwrap_or((rest, ""));
            let column = after.trim_start_matches('.').split(['.', '[']).next().filter(|c| !c.is_empty());
            return match (index.parse::<usize>().ok().and_then(|i| self.citation_rows.get(i)), column) {
                (Some((file, row)), Some(column)) => {
                    Cell { file: file.clone(), row: *row, column: column.to_owned() }
                }
                (Some((file, row)), None) => {
                    Cell { file: file.clone(), row: *row, column: "document".to_owned() }
                }
                _ => own("id"),
            };
        }
        let top = field.split(['.', '[']).next().unwrap_or(field);
        match (top, field.strip_prefix("review.")) {
            ("review", Some("by")) => own("review_by"),
            ("review", Some("on")) => own("review_on"),
            ("review", Some("note")) => own("review_note"),
            ("review", _) => own("verdict"),
            ("citations", _) => own("id"),
            (top, _) => own(top),
        }
    }
}

/// A table's header and data rows.
struct Sheet {
    name: String,
    header: Vec<String>,
    /// The spreadsheet row number (the header is 1) and the cells.
    records: Vec<(usize, csv::StringRecord)>,
}

impl Sheet {
    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(|(number, record)| Row {
            file: &self.name,
            number: *number,
            header: &self.header,
            record,
        })
    }
}

/// One data row with its header.
struct Row<'a> {
    file: &'a str,
    number: usize,
    header: &'a [String],
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The text of a column's cell, trimmed, read back as
    /// [`cell::write`] wrote it; empty when absent.
    fn get(&self, column: &str) -> Cow<'a, str> {
        let i = self.header.iter().position(|h| h == column);
        let record: &'a csv::StringRecord = self.record;
        cell::read(i.and_then(|i| record.get(i)).unwrap_or("").trim())
    }

    /// The cell, or `None` when empty.
    fn optional(&self, column: &str) -> Option<String> {
        Some(self.get(column)).filter(|s| !s.is_empty()).map(Cow::into_owned)
    }

    /// A date column and its `_precision` column (`as_of`,
    /// `as_of_precision`): the partial date of that precision, or the cell
    /// as written when the precision is empty.
    fn date(&self, column: &str, errors: &mut Vec<CellError>) -> Option<Option<String>> {
        let precision_column = format!("{column}_precision");
        let Some(text) = self.optional(column) else { return Some(None) };
        let precision = self.get(&precision_column);
        if precision.is_empty() {
            return Some(Some(text));
        }
        let Some(p) = Precision::ALL.into_iter().find(|p| p.name() == precision) else {
            let names: Vec<&str> = Precision::ALL.iter().map(|p| p.name()).collect();
            errors.push(self.error(
                &precision_column,
                format!("`{precision}` is not a precision"),
                format!("one of: {}, or empty to read {column} as written", names.join(", ")),
            ));
            return None;
        };
        match text.get(..p.width()).filter(|d| PartialDate::parse(d).is_ok()) {
            Some(date) => Some(Some(date.to_owned())),
            None => {
                errors.push(self.error(
                    column,
                    format!("`{text}` is not a date of precision {precision}"),
                    format!(
                        "write the date as YYYY-MM-DD (YYYY-MM-DDTHH:MM for minutes), or clear {precision_column} to give a partial date such as 2024-03"
                    ),
                ));
                None
            }
        }
    }

    /// The cell of a required column; an error when empty.
    fn required(&self, column: &str, errors: &mut Vec<CellError>) -> Option<String> {
        let value = self.optional(column);
        if value.is_none() {
            errors.push(self.error(
                column,
                format!("`{column}` is empty"),
                format!("every claim has a {column}"),
            ));
        }
        value
    }

    fn error(&self, column: &str, message: String, help: impl Into<String>) -> CellError {
        CellError {
            cell: Cell { file: self.file.to_owned(), row: self.number, column: column.to_owned() },
            message,
            help: help.into(),
        }
    }
}

/// A table whose header has the required columns and only known ones;
/// problems with the file or its header go to `errors`.
fn sheet(table: Table, required: &[&str], optional: &[&str], errors: &mut Vec<CellError>) -> Option<Sheet> {
    let bytes = table.bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(table.bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    let mut records = reader.records();
    let whole = |row: usize, message: String, help: &str| CellError {
        cell: Cell { file: table.name.to_owned(), row, column: "*".to_owned() },
        message,
        help: help.to_owned(),
    };
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Some(Err(e)) => {
            errors.push(whole(1, format!("the header row is not CSV: {e}"), "save the sheet as CSV (UTF-8)"));
            return None;
        }
        None => {
            let help = "the first row names the columns, as `export --format csv` writes them";
            errors.push(whole(1, "the file is empty".to_owned(), help));
            return None;
        }
    };
    let before = errors.len();
    let known: Vec<&str> = required.iter().chain(optional).copied().collect();
    for name in required.iter().filter(|name| !header.iter().any(|h| h == *name)) {
        errors.push(whole(
            1,
            format!("no `{name}` column"),
            "the columns are those of `export --format csv`",
        ));
    }
    let mut seen = HashSet::new();
    for name in &header {
        if !seen.insert(name) {
            errors.push(whole(1, format!("the column `{name}` is there twice"), "keep one"));
        } else if !known.contains(&name.as_str()) {
            errors.push(CellError {
                cell: Cell { file: table.name.to_owned(), row: 1, column: name.clone() },
                message: format!(
                    "unknown column `{name}`{}",
                    crate::text::suggest::did_you_mean(name, known.iter().copied())
                ),
                help: format!("the columns are: {}", known.join(", ")),
            });
        }
    }
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let number = i + 2;
        match record {
            Ok(record) if record.iter().all(|c| c.trim().is_empty()) => {}
            Ok(record) => rows.push((number, record)),
            Err(e) => errors.push(whole(
                number,
                format!("the row is not CSV: {e}"),
                "every row has as many cells as the header, and the file is UTF-8",
            )),
        }
    }
    (errors.len() == before).then(|| Sheet { name: table.name.to_owned(), header, records: rows })
}

/// The claim of a claims row (citations from its own columns only).
fn claim_of(row: &Row, errors: &mut Vec<CellError>) -> Option<Imported> {
    let before = errors.len();
    let id = slug(row, "id", errors);
    let subject = slug(row, "subject", errors);
    let measure = row.required("measure", errors);
    let value = value_of(row, errors);
    let statement = row.required("statement", errors);
    let claimant = row.required("claimant", errors);
    let rank = match &*row.get("rank") {
        "" => Some(Rank::Normal),
        r => pick(row, "rank", r, &Rank::ALL, Rank::name, errors),
    };
    let review = review_of(row, errors);
    let citation = match &*row.get("document") {
        "" if row.get("quote").is_empty() => None,
        _ => citation_of(row, errors),
    };
    let tags = list(&row.get("tags"));
    let as_of = row.date("as_of", errors);
    if errors.len() > before {
        return None;
    }
    let citation_rows = citation.iter().map(|_| (row.file.to_owned(), row.number)).collect();
    let imported = Imported {
        claim: Claim {
            as_of: as_of?.map(Name::from),
            citations: citation.into_iter().collect(),
            claimant: claimant?.into(),
            hash: None,
            id: id?,
            measure: measure?.into(),
            note: row.optional("note"),
            rank: rank?,
            review: review?.map(Box::new),
            revises: row.optional("revises"),
            statement: statement?,
            subject: subject?.into(),
            supersedes: list(&row.get("supersedes")),
            tags,
            value: value?,
        },
        file: row.file.to_owned(),
        row: row.number,
        citation_rows,
        written_hash: row.optional("hash"),
    };
    Some(imported)
}

/// A citation of a citations row, or of a claims row's own columns.
fn citation_of(row: &Row, errors: &mut Vec<CellError>) -> Option<Citation> {
    let document = row.optional("document");
    let quote = row.optional("quote");
    let missing = |column: &str| {
        row.error(column, format!("`{column}` is empty"), "a citation has a document and the exact quote")
    };
    match (document, quote) {
        (Some(document), Some(quote)) => Some(Citation {
            document: document.into(),
            locator: row.optional("locator"),
            quote,
            via: list(&row.get("via")).into_iter().map(Name::from).collect(),
        }),
        (None, _) => {
            errors.push(missing("document"));
            None
        }
        (_, None) => {
            errors.push(missing("quote"));
            None
        }
    }
}

/// The items of a cell that export joined with `; `.
fn list(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// A required cell that is a slug: it names a file or a folder.
fn slug(row: &Row, column: &str, errors: &mut Vec<CellError>) -> Option<String> {
    let text = row.required(column, errors)?;
    if crate::model::id::is_slug(&text) {
        return Some(text);
    }
    errors.push(row.error(
        column,
        format!("`{text}` is not a slug"),
        format!("{column}s are [a-z0-9-]: try `{}`", crate::model::id::slugify(&text)),
    ));
    None
}

/// The review of the `verdict`, `review_by`, `review_on` and
/// `review_note` cells: `Some(None)` when there is none.
fn review_of(row: &Row, errors: &mut Vec<CellError>) -> Option<Option<Review>> {
    let verdict = row.get("verdict");
    let verdict = &*verdict;
    if verdict.is_empty() {
        if let Some(column) =
            ["review_by", "review_on", "review_note"].into_iter().find(|c| !row.get(c).is_empty())
        {
            errors.push(row.error(
                column,
                format!("`{column}` is filled but `verdict` is empty"),
                "give the review's verdict, or clear the review's cells",
            ));
            return None;
        }
        return Some(None);
    }
    let verdict = pick(row, "verdict", verdict, &Verdict::ALL, Verdict::name, errors);
    let (by, on) = (row.optional("review_by"), row.date("review_on", errors)?);
    for (column, cell) in [("review_by", &by), ("review_on", &on)] {
        if cell.is_none() {
            errors.push(row.error(
                column,
                format!("a review needs `{column}`"),
                "say who reviewed the claim (review_by) and when (review_on)",
            ));
        }
    }
    Some(Some(Review { verdict: verdict?, by: by?, on: on?, note: row.optional("review_note") }))
}

/// The value of the `value_kind` and `value` cells (`lo` and `hi` for a
/// Between whose `value` is empty).
fn value_of(row: &Row, errors: &mut Vec<CellError>) -> Option<Value> {
    let (kind, text) = (row.get("value_kind"), row.get("value"));
    let (kind, text) = (&*kind, &*text);
    let (lo_cell, hi_cell) = (row.get("lo"), row.get("hi"));
    let number = |text: &str, words: &str| -> Option<u64> {
        let text = text.strip_prefix(words).map_or(text, str::trim_start);
        text.parse::<u64>().ok().filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
    };
    // A value as people write it (`more than 900`) is refused with the
    // value it means, and the cell that gives it.
    let means = |errors: &mut Vec<CellError>| -> bool {
        let Some(v) = super::spoken_value::meaning(text) else { return false };
        errors.push(row.error(
            "value",
            format!("`{text}` means {}", crate::text::ron_writer::value(&v)),
            format!("write value_kind `{}` and value `{}`", v.variant(), v.display()),
        ));
        true
    };
    let count = |words: &str, make: fn(u64) -> Value, errors: &mut Vec<CellError>| match number(text, words) {
        Some(n) => Some(make(n)),
        None => {
            if !means(errors) {
                let shown = if words.is_empty() { "143".to_owned() } else { format!("{words} 143` or `143") };
                errors.push(row.error(
                    "value",
                    format!("`{text}` is not a count of kind {kind}"),
                    format!("write `{shown}`: a whole number, without separators"),
                ));
            }
            None
        }
    };
    match kind {
        "Exact" => count("", Value::Exact, errors),
        "AtLeast" => count("at least", Value::AtLeast, errors),
        "AtMost" => count("at most", Value::AtMost, errors),
        "About" => count("about", Value::About, errors),
        "Between" => {
            let (lo, hi) = match text.split_once(['–', '-']) {
                Some((lo, hi)) => (lo.trim(), hi.trim()),
                None if text.is_empty() => (&*lo_cell, &*hi_cell),
                None => (text, ""),
            };
            match (number(lo, ""), number(hi, "")) {
                (Some(lo), Some(hi)) => Some(Value::Between(lo, hi)),
                _ => {
                    if !means(errors) {
                        errors.push(row.error(
                            "value",
                            format!("`{text}` is not a range"),
                            "write `137–145` (or `137-145`)",
                        ));
                    }
                    None
                }
            }
        }
        "" if means(errors) => None,
        "Date" | "Actor" | "Actors" | "Text" if text.is_empty() => {
            errors.push(row.error("value", "`value` is empty".to_owned(), "every claim has a value"));
            None
        }
        "Date" => Some(Value::Date(text.to_owned())),
        "Actor" => Some(Value::Actor(text.to_owned())),
        "Actors" => Some(Value::Actors(text.split('+').map(|a| a.trim().to_owned()).collect())),
        "Text" => Some(Value::Text(text.to_owned())),
        other => {
            let kinds = ["Exact", "AtLeast", "AtMost", "Between", "About", "Date", "Actor", "Actors", "Text"];
            errors.push(row.error(
                "value_kind",
                format!(
                    "`{other}` is not a kind of value{}",
                    crate::text::suggest::did_you_mean(other, kinds)
                ),
                format!("one of: {}", kinds.join(", ")),
            ));
            None
        }
    }
}

/// The variant of `all` a cell names.
fn pick<T: Copy>(
    row: &Row,
    column: &str,
    text: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    errors: &mut Vec<CellError>,
) -> Option<T> {
    if let Some(&found) = all.iter().find(|v| name(**v) == text) {
        return Some(found);
    }
    let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
    errors.push(row.error(
        column,
        format!(
            "`{text}` is not a {column}{}",
            crate::text::suggest::did_you_mean(text, names.iter().copied())
        ),
        format!("one of: {}", names.join(", ")),
    ));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,subject,measure,value_kind,value,lo,hi,as_of,statement,claimant,rank,verdict,tags,hash,note,review_by,review_on,review_note,revises";

    fn table(text: &str) -> Table<'_> {
        Table { name: "claims.csv", bytes: text.as_bytes() }
    }

    /// The problems of a claims table and a citations table, as
    /// `file:row:column message`.
    fn problems(claims: &str, citations: &str) -> Vec<String> {
        let cites = Table { name: "cites.csv", bytes: citations.as_bytes() };
        read(table(claims), Some(cites), &|_| None).map(|_| vec![]).unwrap_or_else(|e| {
            e.iter()
                .map(|e| format!("{}:{}:{} {}", e.cell.file, e.cell.row, e.cell.column, e.message))
                .collect()
        })
    }

    const CITES: &str =
        "claim_id,document,quote,via,locator,url\na,doc,\"95, not 103\",irinn; sky,para 2,https://x\n";

    #[test]
    fn reads_what_export_writes() {
        let claims = format!(
            "\u{feff}{HEADER}\na,kerman,killed,AtLeast,at least 95,95,,2024-01-03,\"The toll, revised.\",einollahi,Preferred,MostlyTrue,\"'-toll; first\",,a note,Desk,2024-01-05,'=counted twice,\nb,kerman,killed,Between,60–70,60,70,,s,c,Normal,,,,,,,,\n"
        );
        let cites = format!("{CITES}b,doc,q,,,\n");
        let got = read(table(&claims), Some(Table { name: "cites.csv", bytes: cites.as_bytes() }), &|_| None)
            .unwrap();
        let a = &got[0].claim;
        assert_eq!(a.value, Value::AtLeast(95));
        assert_eq!(a.statement, "The toll, revised.");
        assert_eq!(a.rank, Rank::Preferred);
        assert_eq!(a.tags, ["-toll", "first"]);
        let review = a.review.as_ref().unwrap();
        assert_eq!(
            (review.verdict, review.by.as_str(), review.note.as_deref()),
            (Verdict::MostlyTrue, "Desk", Some("=counted twice"))
        );
        assert_eq!(a.citations[0].via, ["irinn", "sky"]);
        assert_eq!(a.citations[0].quote, "95, not 103");
        assert!(a.hash.as_ref().is_some_and(|h| h.digest().is_some()));
        assert_eq!(got[1].claim.value, Value::Between(60, 70));
        assert_eq!(
            got[0].cell_of(Some("citations[0].via[1]")),
            Cell { file: "cites.csv".into(), row: 2, column: "via".into() }
        );
        assert_eq!(got[0].cell_of(Some("review.on")).column, "review_on");
        assert_eq!(
            got[1].cell_of(Some("claimant")),
            Cell { file: "claims.csv".into(), row: 3, column: "claimant".into() }
        );
    }

    #[test]
    fn dates_come_back_at_their_precision() {
        let header =
            "id,subject,measure,value_kind,value,statement,claimant,document,quote,as_of,as_of_precision";
        let row = |as_of: &str, precision: &str| format!("a,s,killed,Exact,1,s,c,d,q,{as_of},{precision}");
        let as_of = |as_of: &str, precision: &str| {
            let text = format!("{header}\n{}\n", row(as_of, precision));
            read(table(&text), None, &|_| None)
                .map(|got| got[0].claim.as_of.clone())
                .map_err(|e| e.iter().map(|e| format!("{} {}", e.cell.column, e.message)).collect::<Vec<_>>())
        };
        assert_eq!(as_of("2024-03-01", "month"), Ok(Some("2024-03".into())));
        assert_eq!(as_of("2024-01-01", "year"), Ok(Some("2024".into())));
        assert_eq!(as_of("2024-03-23T13:23", "minute"), Ok(Some("2024-03-23T13:23".into())));
        assert_eq!(as_of("2024-03", ""), Ok(Some("2024-03".into())), "as written without a precision");
        assert_eq!(as_of("", ""), Ok(None));
        assert_eq!(as_of("2024", "day"), Err(vec!["as_of `2024` is not a date of precision day".to_owned()]));
        assert_eq!(
            as_of("2024-03-01", "week"),
            Err(vec!["as_of_precision `week` is not a precision".to_owned()])
        );
    }

    #[test]
    fn an_edited_row_corrects_the_version_it_names_and_no_other() {
        let row = |hash: &str| {
            format!(
                "id,subject,measure,value_kind,value,statement,claimant,document,quote,hash\nok,s,killed,Exact,96,s,c,d,q,{hash}\n"
            )
        };
        let stored = Record::Claim(crate::testing::claim("ok src Exact(95)"));
        let current = crate::text::hash::record_hash(&stored);
        let row = |hash: &str| row(&hash.replace("sha256:current", &current));
        let store = |_: &str| Some(&stored);
        let got = read(table(&row("sha256:current")), None, &store).unwrap();
        assert!(got[0].edited(), "a correction of the current version");
        let errors = read(table(&row("sha256:older")), None, &store).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| format!("{} {}", e.cell.column, e.message)).collect::<Vec<_>>(),
            [format!(
                "hash a stale edit: the row was exported from version sha256:older of `ok`, but the store's `ok` is now version {current}"
            )]
        );
        assert!(errors[0].help.contains("--update"));
    }

    #[test]
    fn every_problem_at_its_cell() {
        let claims = format!(
            "{HEADER}\nA b,kerman,killed,Exact,ninety,,,,s,c,Top,Sure,,,,,,,\nok,kerman,killed,Exact,95,,,,s,c,,,,sha256:00,,,,,\nok,kerman,killed,Exact,95,,,,s,c,,,,,,,,,\nlonely,kerman,killed,Exact,1,,,,s,c,,,,,,,,,\n"
        );
        assert_eq!(
            problems(&claims, &format!("{CITES}ok,doc,q,,,\nnobody,doc,q,,,\n")),
            [
                "claims.csv:2:id `A b` is not a slug",
                "claims.csv:2:rank `Top` is not a rank",
                "claims.csv:2:review_by a review needs `review_by`",
                "claims.csv:2:review_on a review needs `review_on`",
                "claims.csv:2:value `ninety` is not a count of kind Exact",
                "claims.csv:2:verdict `Sure` is not a verdict",
                "claims.csv:3:hash the row is not what was sealed: its content hashes to sha256:77417133219adb523e9fd754926658d9beb775289e33a6b48767c8c4ab859629, not sha256:00",
                "claims.csv:4:id the id `ok` is also on row 3",
                "claims.csv:5:id the claim `lonely` has no citation",
                "cites.csv:2:claim_id no claim `a` in claims.csv",
                "cites.csv:4:claim_id no claim `nobody` in claims.csv",
            ]
        );
        assert_eq!(
            problems("id,subject,mesure\n", "claim_id,document,quote\n"),
            [
                "claims.csv:1:* no `measure` column",
                "claims.csv:1:* no `value_kind` column",
                "claims.csv:1:* no `value` column",
                "claims.csv:1:* no `statement` column",
                "claims.csv:1:* no `claimant` column",
                "claims.csv:1:mesure unknown column `mesure`; did you mean `measure`?",
            ]
        );
    }
}
