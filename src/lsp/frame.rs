//! The protocol's base layer, read with bounds: each message is a header
//! (`Content-Length: N`, lines ending in `\r\n`, an empty line) and a JSON
//! body of N bytes. `lsp_server` reads frames by trusting the header, so a
//! `Content-Length` of 10^12 made it allocate that much at once, and a
//! header line without an end grew without limit; this reader is put in
//! front of it (`cli::lsp` feeds the messages it reads to the session).
//!
//! A header line over [`MAX_HEADER_LINE`] bytes, more than
//! [`MAX_HEADER_LINES`] of them, or a body over [`MAX_BODY`] is refused
//! before anything of its size is held: a line is scanned in the reader's
//! buffer and dropped at the limit, and a body is taken as it arrives, so
//! a length with no body behind it costs nothing. A refusal ends the
//! session — after a frame it cannot trust, the rest of the stream cannot
//! be read as frames either. Pure: it reads from any [`BufRead`].

use std::fmt;
use std::io::{self, BufRead, Read};

use lsp_server::Message;

/// The largest body taken: 64 MiB (a record file is at most 16 MiB by
/// default, 256 MiB by configuration, and an editor sends it as JSON).
pub(crate) const MAX_BODY: u64 = 64 << 20;

/// The longest header line, its `\r\n` included.
pub(crate) const MAX_HEADER_LINE: usize = 4096;

/// The most header lines of one message (the protocol has two).
pub(crate) const MAX_HEADER_LINES: usize = 32;

/// Why the input cannot be read as the protocol's frames.
#[derive(Debug)]
pub(crate) enum Refused {
    /// A `Content-Length` over [`MAX_BODY`].
    TooLong(u64),
    /// A header line over [`MAX_HEADER_LINE`] bytes.
    LongHeaderLine,
    /// More than [`MAX_HEADER_LINES`] header lines.
    ManyHeaderLines,
    /// A header that is not `Name: value` ending in `\r\n`, or no usable
    /// `Content-Length`.
    BadHeader(String),
    /// The input ended inside a message.
    Truncated,
    /// A body that is not a JSON-RPC message.
    BadBody(String),
    /// The input could not be read.
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::TooLong(n) => {
                write!(f, "a message of {n} bytes is over the limit of {MAX_BODY} bytes (64 MiB)")
            }
            Refused::LongHeaderLine => {
                write!(f, "a header line is over the limit of {MAX_HEADER_LINE} bytes")
            }
            Refused::ManyHeaderLines => {
                write!(f, "a message has more than {MAX_HEADER_LINES} header lines")
            }
            Refused::BadHeader(why) => write!(f, "a malformed header: {why}"),
            Refused::Truncated => write!(f, "the input ended inside a message"),
            Refused::BadBody(why) => write!(f, "a message that is not JSON-RPC: {why}"),
            Refused::Io(e) => write!(f, "cannot read the input: {e}"),
        }
    }
}

/// The next message, or `None` at the end of the input (between messages).
pub(crate) fn read(input: &mut impl BufRead) -> Result<Option<Message>, Refused> {
    let mut line = Vec::with_capacity(128);
    let mut length: Option<u64> = None;
    for n in 0.. {
        if n == MAX_HEADER_LINES {
            return Err(Refused::ManyHeaderLines);
        }
        if !read_line(input, &mut line)? {
            return if n == 0 { Ok(None) } else { Err(Refused::Truncated) };
        }
        let Some(text) = line.strip_suffix(b"\r\n") else {
            return Err(Refused::BadHeader("a line that does not end in \\r\\n".to_owned()));
        };
        if text.is_empty() {
            break;
        }
        let text = std::str::from_utf8(text).map_err(|_| Refused::BadHeader("not ASCII".to_owned()))?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(Refused::BadHeader(format!("no `:` in {:?}", clip(text))));
        };
        if name.eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            let n = value
                .parse::<u64>()
                .ok()
                .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| Refused::BadHeader(format!("Content-Length {:?}", clip(value))))?;
            length = Some(n);
        }
    }
    let length = length.ok_or_else(|| Refused::BadHeader("no Content-Length".to_owned()))?;
    if length > MAX_BODY {
        return Err(Refused::TooLong(length));
    }
    // Taken as it arrives: a length without a body behind it holds nothing.
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body).map_err(Refused::Io)?;
    if (body.len() as u64) < length {
        return Err(Refused::Truncated);
    }
    serde_json::from_slice(&body).map(Some).map_err(|e| Refused::BadBody(e.to_string()))
}

/// Reads one line, its `\n` included, into `line`; `false` at the end of
/// the input before any byte. A line is never held past the limit.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> Result<bool, Refused> {
    line.clear();
    loop {
        let buffer = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Refused::Io(e)),
        };
        if buffer.is_empty() {
            return if line.is_empty() { Ok(false) } else { Err(Refused::Truncated) };
        }
        let (take, end) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buffer.len(), false),
        };
        if line.len() + take > MAX_HEADER_LINE {
            return Err(Refused::LongHeaderLine);
        }
        line.extend_from_slice(&buffer[..take]);
        input.consume(take);
        if end {
            return Ok(true);
        }
    }
}

/// The start of a header's text, for a message.
fn clip(text: &str) -> String {
    crate::render::escape::terminal::escape(&crate::text::escape::clip(text, 40)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// What reading `input` gives, message by message, until the end or a
    /// refusal: the method of each message, then `end` or the refusal.
    fn check(input: &[u8], expected: &[&str]) {
        let mut reader = io::BufReader::with_capacity(64, input);
        let mut got = Vec::new();
        loop {
            match read(&mut reader) {
                Ok(Some(Message::Notification(n))) => got.push(n.method),
                Ok(Some(Message::Request(r))) => got.push(r.method),
                Ok(Some(Message::Response(_))) => got.push("response".to_owned()),
                Ok(None) => {
                    got.push("end".to_owned());
                    break;
                }
                Err(e) => {
                    got.push(e.to_string());
                    break;
                }
            }
        }
        assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(&input[..input.len().min(200)]));
    }

    const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

    #[test]
    fn reads_messages_in_order() {
        let two = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#) + &frame(EXIT);
        check(two.as_bytes(), &["shutdown", "exit", "end"]);
        let typed = format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:{}\r\n\r\n{EXIT}",
            EXIT.len()
        );
        check(typed.as_bytes(), &["exit", "end"]);
        check(b"", &["end"]);
    }

    #[test]
    fn refuses_lengths_over_the_limit_without_a_body() {
        check(b"Content-Length: 1000000000000\r\n\r\n", &[&Refused::TooLong(1_000_000_000_000).to_string()]);
        check(b"Content-Length: 2000000000\r\n\r\n", &[&Refused::TooLong(2_000_000_000).to_string()]);
        let over = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        check(over.as_bytes(), &[&Refused::TooLong(MAX_BODY + 1).to_string()]);
        // Within the limit but with no body: refused once the input ends.
        check(b"Content-Length: 60000000\r\n\r\n{", &["the input ended inside a message"]);
    }

    #[test]
    fn refuses_malformed_headers() {
        let bad = |why: &str| Refused::BadHeader(why.to_owned()).to_string();
        check(
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            &[&bad("Content-Length \"99999999999999999999999\"")],
        );
        check(b"Content-Length: -1\r\n\r\n", &[&bad("Content-Length \"-1\"")]);
        check(b"Content-Length: +5\r\n\r\n", &[&bad("Content-Length \"+5\"")]);
        check(b"X: y\r\n\r\n{}", &[&bad("no Content-Length")]);
        check(b"Content-Length: 2\n\n{}", &[&bad("a line that does not end in \\r\\n")]);
        check(b"garbage\r\n", &[&bad("no `:` in \"garbage\"")]);
        check(b"Content-Length: 5\r\n", &["the input ended inside a message"]);
        check(b"Content-Le", &["the input ended inside a message"]);
        let many = "X: y\r\n".repeat(MAX_HEADER_LINES) + "\r\n";
        check(many.as_bytes(), &[&Refused::ManyHeaderLines.to_string()]);
        check(
            frame("{\"not\": \"rpc\"}").as_bytes(),
            &["a message that is not JSON-RPC: data did not match any variant of untagged enum Message"],
        );
    }

    #[test]
    fn a_header_line_without_an_end_is_never_held() {
        // An endless line: refused at the limit, after reading no more of
        // it than the limit and one buffer.
        let mut endless = io::BufReader::with_capacity(8192, io::repeat(b'a'));
        assert!(matches!(read(&mut endless), Err(Refused::LongHeaderLine)));
        let mut counted = io::BufReader::with_capacity(64, Counting { left: u64::MAX, read: 0 });
        assert!(matches!(read(&mut counted), Err(Refused::LongHeaderLine)));
        assert!(counted.get_ref().read <= (MAX_HEADER_LINE + 64) as u64, "{}", counted.get_ref().read);
        let long = format!("X-Long: {}\r\n{}", "a".repeat(MAX_HEADER_LINE), frame(EXIT));
        check(long.as_bytes(), &[&Refused::LongHeaderLine.to_string()]);
        let fits = format!("X-Long: {}\r\n{}", "a".repeat(MAX_HEADER_LINE - 10), frame(EXIT));
        check(fits.as_bytes(), &["exit", "end"]);
    }

    /// An endless input of `a`s that counts what was read of it.
    struct Counting {
        left: u64,
        read: u64,
    }

    impl Read for Counting {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.left as usize);
            buf[..n].fill(b'a');
            self.left -= n as u64;
            self.read += n as u64;
            Ok(n)
        }
    }
}
