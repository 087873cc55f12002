//! Pretty JSON that is safe to show on a terminal: on top of the escapes
//! JSON requires (C0 controls), strings escape DEL, the C1 controls
//! (U+0080–U+009F, among them U+009B, an 8-bit CSI) and bidirectional
//! overrides as `\uXXXX`. The value a JSON reader gets is the same; a
//! human who `cat`s the output, or a CI log that shows it, sees escapes
//! instead of acting on them.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// `serde_json`'s pretty formatter with the extra string escapes.
pub(crate) struct SafeFormatter(PrettyFormatter<'static>);

impl SafeFormatter {
    pub(crate) fn new() -> SafeFormatter {
        SafeFormatter(PrettyFormatter::new())
    }
}

impl Default for SafeFormatter {
    fn default() -> Self {
        SafeFormatter::new()
    }
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        // Printable ASCII (nearly every fragment) needs no escape: one
        // pass over the bytes instead of one decoded character at a time.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut plain = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::escape::needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[plain..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                plain = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[plain..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[test]
    fn escapes_c1_and_bidi_but_reads_back_the_same() {
        let value = serde_json::json!({"m": "a\u{1b}[31m\u{9b}2J\u{202e}x\u{7f}é", "n": [1, 2]});
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, SafeFormatter::new())).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#""a\u001b[31m\u009b2J\u202ex\u007fé""#), "{text}");
        assert!(text.contains("\n  \"n\": [\n    1,"), "pretty: {text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
