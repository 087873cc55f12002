//! From RON text to typed records. Parsing never panics and never hangs:
//! nesting is bounded by ron's recursion limit, and every failure is a
//! [`ParseError`] with a 1-based line and column and a hint.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::model::{Claim, Document, Measure, Record, RecordKind, Source};

/// Deeper nesting than this is a parse error, not a stack overflow.
pub(crate) const MAX_DEPTH: usize = 64;

/// Why a text is not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// The ron options of the format: optional fields written bare.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME).with_recursion_limit(MAX_DEPTH)
}

/// Parses one record file's text (BOM already removed).
pub fn parse_record(text: &str) -> Result<Record, ParseError> {
    let Some((name, line, column)) = leading_ident(text) else {
        return Err(ParseError {
            message: if text.trim().is_empty() {
                "the file is empty".to_owned()
            } else {
                "the file does not start with a record name".to_owned()
            },
            help: Some("a record file holds one Claim(...), Source(...) or Document(...)".to_owned()),
            line: 1,
            column: 1,
        });
    };
    match RecordKind::from_name(name) {
        Some(RecordKind::Claim) => parse_as::<Claim>(text).map(|c| Record::Claim(fit_claim(c))),
        Some(RecordKind::Source) => parse_as::<Source>(text).map(|s| Record::Source(fit_source(s))),
        Some(RecordKind::Document) => parse_as::<Document>(text).map(|mut d| {
            d.updated.shrink_to_fit();
            Record::Document(Box::new(d))
        }),
        None => Err(ParseError {
            message: format!("`{}` is not a record type", name),
            help: Some(suggest_record_name(name)),
            line,
            column,
        }),
    }
}

/// ron tells serde nothing of a list's length, so every list grows to room
/// for four items; trimming them keeps a snapshot of 100,000 claims about
/// the size of its files (a claim's citations alone would waste 250 bytes).
fn fit_claim(mut c: Claim) -> Claim {
    c.citations.shrink_to_fit();
    for cit in &mut c.citations {
        cit.via.shrink_to_fit();
    }
    c.tags.shrink_to_fit();
    c
}

fn fit_source(mut s: Source) -> Source {
    s.aliases.shrink_to_fit();
    s.part_of.shrink_to_fit();
    s.ratings.shrink_to_fit();
    s
}

/// Parses schemas/measures.ron: a list of `Measure(...)`.
pub(crate) fn parse_measures(text: &str) -> Result<Vec<Measure>, ParseError> {
    parse_as(text)
}

/// Parses any RON value of the format's options.
pub(crate) fn parse_as<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    ron_options().from_str(text).map_err(|e| {
        let help = hint(&e.code);
        ParseError {
            message: e.code.to_string(),
            help,
            line: e.span.start.line.max(1),
            column: e.span.start.col.max(1),
        }
    })
}

fn hint(code: &ron::Error) -> Option<String> {
    use ron::Error as E;
    Some(match code {
        E::NoSuchStructField { expected, found, .. } => {
            let close = crate::text::suggest::closest(found, expected.iter().copied());
            match close.first() {
                Some(best) => format!("did you mean `{best}`? fields: {}", expected.join(", ")),
                None => format!("the fields are: {}", expected.join(", ")),
            }
        }
        E::MissingStructField { field, .. } if *field == "citations" => {
            "a claim needs at least one Citation(document: \"...\", quote: \"...\")".to_owned()
        }
        E::MissingStructField { field, .. } => format!("add `{field}: ...`"),
        E::ExceededRecursionLimit => {
            format!("records nest at most {MAX_DEPTH} levels deep")
        }
        E::IntegerOutOfBounds => "counts are unsigned 64-bit integers: 0 to 18446744073709551615".to_owned(),
        E::NoSuchEnumVariant { expected, found, .. } => {
            let close = crate::text::suggest::closest(found, expected.iter().copied());
            match close.first() {
                Some(best) => format!("did you mean `{best}`? one of: {}", expected.join(", ")),
                None => format!("one of: {}", expected.join(", ")),
            }
        }
        E::ExpectedOption => "optional fields are written bare, without Some(...)".to_owned(),
        E::Eof => "the record ends too early: check for a missing `)` or `]`".to_owned(),
        E::TrailingCharacters => "a file holds exactly one record".to_owned(),
        _ => return None,
    })
}

fn suggest_record_name(name: &str) -> String {
    let close = crate::text::suggest::closest(name, RecordKind::ALL.iter().map(|k| k.name()));
    match close.first() {
        Some(best) => format!("did you mean `{best}`? records are Claim, Source or Document"),
        None => "records are Claim(...), Source(...) or Document(...)".to_owned(),
    }
}

/// The first identifier of the text, after whitespace and comments, with
/// its 1-based position.
fn leading_ident(text: &str) -> Option<(&str, usize, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i..].starts_with(b"//") {
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
        } else if b[i..].starts_with(b"/*") {
            i = memchr::memmem::find(&b[i..], b"*/").map_or(b.len(), |n| i + n + 2);
        } else if b[i..].starts_with(b"#!") {
            // `#![enable(...)]` attribute lines.
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
        } else {
            break;
        }
    }
    let start = i;
    while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    if i == start {
        return None;
    }
    let (line, col) = crate::text::spans::line_col(text, start);
    Some((&text[start..i], line, col))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn err(text: &str) -> ParseError {
        parse_record(text).expect_err(text)
    }

    #[test]
    fn parses_bare_optionals() {
        let rec = parse_record(
            "// c\nClaim(id: \"a\", subject: \"s\", measure: \"m\", value: Between(1, 2), as_of: \"2024\",\
             statement: \"x\", claimant: \"c\", citations: [Citation(document: \"d\", quote: \"q\")],\
             review: Review(verdict: True, by: \"me\", on: \"2024\"))",
        )
        .unwrap();
        let claim = rec.as_claim().unwrap();
        assert_eq!(claim.as_of.as_deref(), Some("2024"));
        assert_eq!(claim.value, Value::Between(1, 2));
        assert!(claim.review.is_some());
    }

    #[test]
    fn errors_have_positions_and_hints() {
        let e = err("Claim(\n  id: \"a\",\n  valu: Exact(1),\n)");
        assert_eq!((e.line, e.column), (3, 3), "{e:?}");
        assert!(e.help.unwrap().contains("did you mean `value`"));
        let e = err("Claim(id: \"a\", value: Exact(18446744073709551616))");
        assert_eq!(e.line, 1);
        assert!(e.help.unwrap().contains("64-bit"), "{}", e.message);
        assert_eq!(err("").message, "the file is empty");
        assert!(err("Claimx(id: \"a\")").help.unwrap().contains("did you mean `Claim`"));
        assert!(err("\u{0}\u{1}garbage").message.contains("does not start"));
        // Deep nesting ends in an error, not a stack overflow.
        for deep in [
            format!("Claim(id: {}", "[".repeat(100_000)),
            "[".repeat(100_000),
            format!("Claim(x: {}", "(".repeat(100_000)),
        ] {
            assert!(parse_record(&deep).is_err());
        }
        let deep: Result<ron::Value, _> = parse_as(&"[".repeat(100_000));
        assert!(deep.unwrap_err().help.unwrap().contains("nest at most"));
    }
}
