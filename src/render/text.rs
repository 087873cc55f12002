//! Output of `text DOC`: a snapshot's readable text as it is, line for
//! line, with control characters (other than line breaks and tabs) shown
//! as escapes, so that a hostile page cannot drive the terminal.

use std::io::{self, Write};

use crate::render::escape::terminal::escape_source;

/// The text, ending with a line break.
pub(crate) fn human(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let shown = escape_source(text);
    out.write_all(shown.text.as_bytes())?;
    if !shown.text.is_empty() && !shown.text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_as_it_is_with_controls_escaped() {
        let cases = [
            ("a\nb", "a\nb\n"),
            ("a\r\nb\n", "a\r\nb\n"),
            ("", ""),
            ("\u{1b}[31mred\tx", "\\u{1b}[31mred\tx\n"),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            super::human(&mut out, text).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{text:?}");
        }
    }
}
