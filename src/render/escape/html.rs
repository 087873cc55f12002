//! Record text inside HTML and SVG: every piece of text a record supplies
//! goes through [`escape`] before it reaches the page, in element content
//! and in quoted attribute values alike, so a statement holding `<script>`
//! or `"><img onerror=…>` shows as those characters and nothing more.

use std::fmt::Write;

/// `&`, `<`, `>`, `"` and `'` as character references; control characters
/// (which HTML forbids or shows invisibly) as visible `\u{…}` escapes.
/// Line breaks stay, so the colon of a `::` that would begin a line of the
/// file as a GitHub workflow command, and the first `#` of the older
/// `##[` (`text::escape::command_colons`), are written `&#58;` and `&#35;`:
/// the page shows the same text, a CI log that prints the file runs no
/// command.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let colons = crate::text::escape::command_colons(text);
    for (i, c) in text.char_indices() {
        match c {
            ':' | '#' if colons.binary_search(&i).is_ok() => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if crate::text::escape::needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A fragment identifier for an id (`#claim-x`): slugs pass unchanged,
/// anything else is percent-encoded, so it cannot leave the attribute.
pub(crate) fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::from(prefix);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("\"><img src=x onerror='y'>"), "&quot;&gt;&lt;img src=x onerror=&#39;y&#39;&gt;");
        assert_eq!(escape("a & b"), "a &amp; b");
        assert_eq!(escape("bell\u{7}\u{202e}"), "bell\\u{7}\\u{202e}");
        assert_eq!(escape("two\nlines"), "two\nlines");
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        assert_eq!(escape("::error::x\n  ::add-mask::y"), "&#58;:error::x\n  &#58;:add-mask::y");
        assert_eq!(escape("at 10::30"), "at 10::30");
        assert_eq!(escape("##[error]x\n ##[add-mask]y"), "&#35;#[error]x\n &#35;#[add-mask]y");
        assert_eq!(escape("# [x] ## y"), "# [x] ## y");
    }

    #[test]
    fn anchors_stay_in_the_attribute() {
        assert_eq!(anchor("claim-", "crocus-killed-137"), "claim-crocus-killed-137");
        assert_eq!(anchor("claim-", "a\"b c"), "claim-a%22b%20c");
    }
}
