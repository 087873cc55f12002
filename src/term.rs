//! Terminal safety: text that comes from records is shown with control
//! characters as visible escapes, so a claim file cannot move the cursor,
//! recolour or retitle a reviewer's terminal. Only claimtrail's own styling
//! emits escape codes.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1) and bidirectional
/// override shown as `\u{1b}`; newlines and tabs too, so that one record
/// field stays on one output line.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`], but keeps line breaks and tabs: for multi-line source
/// shown under a diagnostic. Each replaced character becomes `?` repeated
/// to its UTF-8 length, so byte offsets into the text stay valid.
pub fn neutralize_keep_offsets(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_escape(c) && c != '\n' && c != '\t' {
            for _ in 0..c.len_utf8() {
                out.push('?');
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("plain – text"), "plain – text");
        assert_eq!(escape("x\u{9b}y\u{202e}"), "x\\u{9b}y\\u{202e}");
        assert_eq!(neutralize_keep_offsets("a\u{1b}b\nc\u{9b}"), "a?b\nc??");
    }
}
