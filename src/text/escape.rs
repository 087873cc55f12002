//! The characters that must never reach an output raw — C0 and C1 controls,
//! DEL, bidirectional embeddings, overrides and isolates — written down once
//! here, and the clipping of long texts. Analysis keeps record text raw;
//! each renderer (`render::escape`) and the RON writer escape these
//! characters for their own target.

use std::borrow::Cow;

/// `text` cut to at most `max` characters, with `…` marking the cut: a
/// finding that quotes a megabyte-long name quotes its start.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
}

/// Whether `c` is a control character (C0, DEL, C1) or a bidirectional
/// embedding, override or isolate.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_long_text() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "abc…");
        assert_eq!(clip("ééé", 2), "éé…");
    }
}
