//! The characters that must never reach an output raw — C0 and C1 controls,
//! DEL, bidirectional embeddings, overrides and isolates — written down once
//! here, the places where record text would start a GitHub workflow
//! command (`::error::`, `::add-mask::`, and the older `##[error]`) on a
//! line of a CI log, and the clipping of long texts. Analysis keeps record text raw;
//! each renderer (`render::escape`) and the RON writer escape these
//! characters for their own target.

use std::borrow::Cow;

/// `text` cut to at most `max` characters, with `…` marking the cut: a
/// finding that quotes a megabyte-long name quotes its start.
pub(crate) fn clip(text: &str, max: usize) -> Cow<'_, str> {
    // No more bytes than `max` is no more characters: nothing to count
    // (every finding's message, help and id pass through here).
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
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

/// The byte offsets of the characters that would make a line of `text` a
/// GitHub Actions workflow command: the first `:` of a `::` that begins a
/// line, after any whitespace (the runner trims a line's leading
/// whitespace, Unicode's included, before it looks for `::`), and the
/// first `#` of every `##[`, the older syntax (the runner's parser of it
/// looks for `##[` anywhere in a line, so it is defused wherever it
/// stands, which includes every line start). Lines begin at the start of
/// the text and after each `\n` or `\r`. Each renderer writes the
/// character at these offsets as an escape of its own target (`\u{3a}`,
/// `&#58;`, `\:`; `\u{23}`, `&#35;`, `\#`), so that record text placed in
/// an output line reads the same but commands nothing. Empty for text
/// without `::` or `##[`, which is all text of ordinary stores.
pub(crate) fn command_colons(text: &str) -> Vec<usize> {
    let colons = text.contains("::");
    let hashes = text.contains("##[");
    if !colons && !hashes {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut line_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r') {
            line_start = true;
            continue;
        }
        if hashes && c == '#' && text[i..].starts_with("##[") {
            out.push(i);
        }
        if line_start && c.is_whitespace() {
            continue;
        }
        if line_start && c == ':' && chars.peek().is_some_and(|&(_, n)| n == ':') {
            out.push(i);
        }
        line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_workflow_commands_at_line_starts() {
        let check = |text: &str, expected: &[usize]| assert_eq!(command_colons(text), expected, "{text:?}");
        check("::error::x", &[0]);
        check("  ::add-mask::x", &[2]);
        check("\u{a0}\u{3000}::x::", &["\u{a0}\u{3000}".len()]);
        check("a\n::error::b\r\n\t::warning::c", &[2, 15]);
        check("a ::error::b", &[]);
        check("x::y", &[]);
        check(":", &[]);
        check(": :x", &[]);
        check("ratio 1::2", &[]);
        check("\u{200b}::x", &[]);
        check("plain text", &[]);
        // The older syntax, `##[command]`: its first `#`, wherever it stands.
        check("##[error]x", &[0]);
        check("  ##[add-mask]x", &[2]);
        check("a\n##[warning]b", &[2]);
        check("see ##[error]x", &[4]);
        check("###[x]", &[1]);
        check("##[a]##[b]", &[0, 5]);
        check("::##[x]", &[0, 2]);
        check("# [x] ## x #[x]", &[]);
    }

    #[test]
    fn clips_long_text() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "abc…");
        assert_eq!(clip("ééé", 2), "éé…");
    }
}
