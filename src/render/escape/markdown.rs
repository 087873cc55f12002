//! Record text inside GitHub-flavoured markdown (job summaries, pull
//! request comments): every character that markdown or HTML would read as
//! syntax is escaped, so a claim statement renders as the words it holds,
//! never as a link, an image, a table break, raw HTML or an @-mention.

/// Text for a markdown paragraph or table cell, on one line. Characters
/// that make markup anywhere in a line are backslash-escaped (`\<script>`
/// renders as `<script>`; no link, image, emphasis, table break, entity or
/// math can form), and so is a first character that would start a heading,
/// list or quote. Line breaks become spaces, other control characters
/// visible escapes, and `@` is followed by a word joiner so that `@team`
/// pings nobody. Dashes, dots and colons stay as they are, so dates and
/// times read plainly — but the first colon of a `::` that would start a
/// GitHub workflow command where the text begins a line
/// (`text::escape::command_colons`) is written `\:`, which renders as `:`,
/// and the first `#` of the older `##[` `\#`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let colons = crate::text::escape::command_colons(text);
    for (i, (at, c)) in text.char_indices().enumerate() {
        if matches!(c, ':' | '#') && colons.binary_search(&at).is_ok() {
            out.push('\\');
            out.push(c);
            continue;
        }
        let starts_block = (i == 0 && matches!(c, '#' | '+' | '-' | '=' | '>'))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ if starts_block => {
                out.push('\\');
                out.push(c);
            }
            '@' => out.push_str("@\u{2060}"),
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push_str(&crate::render::escape::terminal::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// [`escape`], cut to at most `max` characters of the original text, with
/// `…` when cut: a table cell must not swallow the comment's budget.
pub(crate) fn escape_cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", escape(&text[..i])),
        None => escape(text),
    }
}

/// Text as an inline code span (`` `claims/a.ron:3:5` ``), for paths and
/// ids: the fence is one backtick longer than any run inside, `|` is
/// escaped for tables, and line breaks and control characters are made
/// harmless as in [`escape`].
pub(crate) fn code(text: &str) -> String {
    let mut body = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => body.push_str("\\|"),
            '\r' | '\n' | '\t' => body.push(' '),
            c => body.push_str(&crate::render::escape::terminal::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.is_empty() { " " } else { "" };
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(escape(input), expected, "{input:?}");
    }

    #[test]
    fn markup_becomes_text() {
        check("plain words", "plain words");
        check("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>");
        check("a | b", "a \\| b");
        check("[x](javascript:y)", "\\[x\\](javascript:y)");
        check("![i](u)", "!\\[i\\](u)");
        check("2024-03-22T23:00, A. Jones", "2024-03-22T23:00, A. Jones");
        check("# not a heading", "\\# not a heading");
        check("- not a list", "\\- not a list");
        check("12. not a list", "12\\. not a list");
        check("12 dead. 3 hurt", "12 dead. 3 hurt");
        check("$x$ and *y*", "\\$x\\$ and \\*y\\*");
        check("line\nbreak", "line break");
        check("@org/team", "@\u{2060}org/team");
        check("&lt;", "\\&lt;");
        check("esc\u{1b}[31m", "esc\\u{1b}\\[31m");
        check("::error::pwned", "\\::error::pwned");
        check("  ::add-mask::x", "  \\::add-mask::x");
        check("10::30", "10::30");
        check("##[error]x", "\\##\\[error\\]x");
        check("  ##[add-mask]x", "  \\##\\[add-mask\\]x");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("claims/a.ron:3:5"), "`claims/a.ron:3:5`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn cuts_long_text() {
        assert_eq!(escape_cut("abcdef", 3), "abc…");
        assert_eq!(escape_cut("abc", 3), "abc");
        assert_eq!(escape_cut("ééé", 2), "éé…");
    }
}
