//! Text cells of the CSV tables, made safe for where a CSV goes — a
//! terminal, a CI log, a spreadsheet — and read back exactly by `import`.
//!
//! - **Controls never go out raw.** Every character of
//!   [`needs_escape`] (C0 controls, line breaks and tabs included, DEL,
//!   C1 such as U+009B and U+0085, bidi embeddings, overrides and
//!   isolates) is written as `\u{1b}`, the escape the terminal output
//!   uses. So `export --format csv` to a terminal cannot send OSC, CSI or
//!   clipboard sequences, and every row is one line: no line of a CI log
//!   can start with `::error` or `::add-mask` from inside a cell. A `\`
//!   that would read as the start of such an escape (`\u{`) is itself
//!   written `\u{5c}`, and whitespace at either end of a text (a space,
//!   an NBSP) is escaped too, so that `import`, which trims cells, reads
//!   every text back exactly.
//! - **Formulas are inert** (OWASP CSV injection): a cell whose text,
//!   after any leading whitespace (spaces, NBSP, tabs, line breaks) and
//!   double quotes, begins with `=`, `+`, `-`, `@` or their fullwidth
//!   forms `＝`, `＋`, `－`, `＠`, gets a leading `'`; so does a cell that
//!   begins with `'`, so that reading back takes exactly one `'` off.
//!
//! Pure text in, text out; the CSV quoting itself is the `csv` crate's.

use std::borrow::Cow;

use crate::text::escape::needs_escape;

/// The cell for a text: controls escaped, formulas guarded.
pub fn write(text: &str) -> Cow<'_, str> {
    let escaped = escape(text);
    if needs_guard(text) { Cow::Owned(format!("'{escaped}")) } else { escaped }
}

/// The text of a cell that [`write`] made: the guard's `'` taken off and
/// the escapes read back. Any other cell reads as itself, but for escapes.
pub fn read(cell: &str) -> Cow<'_, str> {
    let text = unescape(cell);
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => Cow::Owned(rest.to_owned()),
        _ => text,
    }
}

/// Whether a text gets the guard's leading `'`.
fn needs_guard(text: &str) -> bool {
    if text.starts_with('\'') {
        return true;
    }
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || needs_escape(c));
    rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

fn escape(text: &str) -> Cow<'_, str> {
    let at_edge = |s: Option<char>| s.is_some_and(char::is_whitespace);
    if !text.chars().any(needs_escape)
        && !text.contains("\\u{")
        && !at_edge(text.chars().next())
        && !at_edge(text.chars().next_back())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let edge = (i == 0 || i + c.len_utf8() == text.len()) && c.is_whitespace();
        if needs_escape(c) || edge || (c == '\\' && text[i + 1..].starts_with("u{")) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn unescape(cell: &str) -> Cow<'_, str> {
    if !cell.contains("\\u{") {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let decoded = after.find('}').filter(|&end| (1..=6).contains(&end)).and_then(|end| {
            let c = u32::from_str_radix(&after[..end], 16).ok().and_then(char::from_u32)?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_read_back() {
        let nasty = "\u{1b}]52;c;cHdu\u{7}\u{1b}[2J\u{9b}31m\u{85}\u{7f}\u{202e}\u{2066}x\u{2069}";
        let cell = write(nasty);
        assert!(!cell.chars().any(needs_escape), "{cell}");
        assert_eq!(read(&cell), nasty);
        let multi = "fine\n::error file=x::pwned\r\n::add-mask::y";
        assert_eq!(write(multi), "fine\\u{a}::error file=x::pwned\\u{d}\\u{a}::add-mask::y");
        assert_eq!(read(&write(multi)), multi);
    }

    #[test]
    fn backslashes_survive() {
        for text in ["C:\\u{1b}", "\\u{", "a\\b", "\\", "\\u{zz}", "\\u{110000}", "\\u{5c}u{1b}"] {
            assert_eq!(read(&write(text)), text, "{text}");
        }
        assert_eq!(write("a\\b"), "a\\b");
        assert_eq!(write(" a b\u{a0}"), "\\u{20}a b\\u{a0}");
        for text in [" ", "  x  ", "\u{a0}=1", "x "] {
            assert_eq!(read(write(text).trim()), text, "{text:?}");
        }
        assert_eq!(read("\\u{zz"), "\\u{zz", "not an escape: as written");
    }

    #[test]
    fn formulas_are_inert() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-1",
            "@SUM(1)",
            " =1",
            "\u{a0}=1",
            "\n=1",
            "\t=1",
            "\r=1",
            "＝1",
            "＋1",
            "－1",
            "＠x",
            "\"=1\"",
            " \"@x",
            "'=1",
            "'",
        ] {
            let cell = write(formula);
            assert!(cell.starts_with('\''), "{formula:?} → {cell:?}");
            assert_eq!(read(&cell), formula, "{formula:?}");
        }
        for plain in ["143 killed", "", "a=b", "x-y", "''", "'quoted'"] {
            assert_eq!(read(&write(plain)), plain, "{plain:?}");
        }
        assert_eq!(write("143 killed"), "143 killed");
    }
}
