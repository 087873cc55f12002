//! The text of a snapshot (docs/reference.md section 2.1): a snapshot file's name and bytes in,
//! the text a reader sees out, or why there is none. Quotes are matched
//! against that text, figures are read from it, and `text DOC` prints it.
//!
//! - **Plain text** (`.txt`, `.md`, or any file that is UTF-8 without NUL
//!   bytes): as it is, a leading byte-order mark dropped.
//! - **HTML** (`.html`, `.htm`, `.xhtml`, or a file that begins, after a
//!   BOM, whitespace and comments, with `<!doctype html` or `<html`):
//!   decoded as a browser decodes it and parsed as HTML5; its visible text
//!   in document order ([`html`]).
//! - **PDF** (`.pdf`, or a file that begins with `%PDF-`): the text layer,
//!   page by page ([`pdf`]).
//! - Anything else: no text, with the reason.
//!
//! The type comes from the extension, checked against the first bytes: a
//! `.pdf` that is not a PDF, or a `.html` that is a PDF or an image, has no
//! text and says so, rather than being read as something it is not.
//!
//! Pure and bounded: no file is read here (the store reads the bytes,
//! within `max_file_bytes`), the DOM is walked without recursion, and a
//! hostile page or PDF costs time and memory in proportion to its size.

pub(crate) mod html;
pub(crate) mod pdf;
mod tree;

use std::fmt;
use std::ops::Range;

/// The readable text of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readable {
    /// What a reader sees: quotes are matched against it, `text DOC`
    /// prints it, and line and column in `coverage` count in it.
    pub text: String,
    /// Byte range of the page's main content in `text` (what `coverage`
    /// lists figures of): an HTML page's `<article>` or `<main>`, else what
    /// the readability algorithm found (only when asked, [`Want::Main`]),
    /// else the whole text. Always on `char` boundaries.
    pub main: Range<usize>,
    /// How `main` was found.
    pub main_by: MainBy,
    pub kind: Kind,
}

/// The type a snapshot was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Pdf,
}

/// How a page's main content was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MainBy {
    /// The page's `<article>` (the one with the most text) or `<main>`.
    Element,
    /// The readability algorithm (dom_smoothie).
    Readability,
    /// The whole text: plain text, a PDF, or a page where nothing else was
    /// found (or asked for).
    Whole,
}

/// Why a snapshot has no readable text, in words that finish the sentence
/// "the snapshot has no readable text: …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub why: String,
}

impl Unreadable {
    pub fn new(why: impl Into<String>) -> Unreadable {
        Unreadable { why: why.into() }
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

/// How much of a page to work out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The text, and the main content when the page marks it with
    /// `<article>` or `<main>` (what `check` needs: cheap).
    Text,
    /// Also run the readability algorithm on a page that does not mark
    /// its main content (what `coverage` needs).
    Main,
}

/// The readable text of the snapshot file `name` (its path or file name:
/// only the extension is read) holding `bytes`; see the module doc.
pub fn read(name: &str, bytes: &[u8]) -> Result<Readable, Unreadable> {
    read_with(name, bytes, Want::Text)
}

/// [`read`], working out as much as `want` says.
pub(crate) fn read_with(name: &str, bytes: &[u8], want: Want) -> Result<Readable, Unreadable> {
    match kind_of(name, bytes)? {
        Kind::Text => plain(bytes),
        Kind::Html => Ok(html::read(bytes, want)),
        Kind::Pdf => pdf::read(bytes),
    }
}

/// The type to read a file as, from its extension checked against its
/// first bytes.
pub(crate) fn kind_of(name: &str, bytes: &[u8]) -> Result<Kind, Unreadable> {
    let ext = extension(name);
    let magic = Magic::of(bytes);
    let claimed = match ext.as_deref() {
        Some("txt" | "text" | "md" | "markdown") => Some(Kind::Text),
        Some("html" | "htm" | "xhtml" | "shtml") => Some(Kind::Html),
        Some("pdf") => Some(Kind::Pdf),
        _ => None,
    };
    let looks = match magic {
        Magic::Pdf => Some(Kind::Pdf),
        Magic::Other(what) => {
            return Err(match claimed {
                Some(k) => Unreadable::new(format!(
                    "the file is named as {} but its first bytes are those of {what}",
                    kind_words(k)
                )),
                None => Unreadable::new(format!("the file is {what}, which has no text to read")),
            });
        }
        Magic::None if html::looks_like_html(bytes) => Some(Kind::Html),
        Magic::None => None,
    };
    match (claimed, looks) {
        (Some(Kind::Pdf), Some(Kind::Pdf)) => Ok(Kind::Pdf),
        // PDF readers accept the header anywhere in the first kilobyte.
        (Some(Kind::Pdf), _) if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() => {
            Ok(Kind::Pdf)
        }
        (Some(Kind::Pdf), _) => {
            Err(Unreadable::new("the file is named .pdf but does not begin as a PDF does (`%PDF-`)"))
        }
        (Some(k), Some(Kind::Pdf)) => Err(Unreadable::new(format!(
            "the file is named as {} but its first bytes are those of a PDF",
            kind_words(k)
        ))),
        // A `.txt` stays text whatever it holds: plain text is read as it is.
        (Some(k), _) => Ok(k),
        (None, Some(k)) => Ok(k),
        (None, None) => {
            if bytes.contains(&0) || std::str::from_utf8(strip_bom(bytes)).is_err() {
                let what = ext
                    .map_or_else(|| "a file without an extension".to_owned(), |e| format!("a `.{e}` file"));
                Err(Unreadable::new(format!("{what} that is neither UTF-8 text, HTML nor a PDF")))
            } else {
                Ok(Kind::Text)
            }
        }
    }
}

/// Plain text: UTF-8 as it is, a leading BOM dropped.
fn plain(bytes: &[u8]) -> Result<Readable, Unreadable> {
    let body = strip_bom(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(whole(text.to_owned(), Kind::Text)),
        Err(e) => Err(Unreadable::new(format!(
            "the text is not UTF-8 (byte {} cannot be decoded); save it as UTF-8",
            e.valid_up_to() + (bytes.len() - body.len())
        ))),
    }
}

/// A readable text whose main content is all of it.
fn whole(text: String, kind: Kind) -> Readable {
    let main = 0..text.len();
    Readable { text, main, main_by: MainBy::Whole, kind }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The lowercase extension of a path's last component.
fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Html => "HTML",
        Kind::Pdf => "a PDF",
    }
}

/// What the first bytes of a file say it is.
enum Magic {
    Pdf,
    /// A known binary format, in words.
    Other(&'static str),
    None,
}

impl Magic {
    fn of(bytes: &[u8]) -> Magic {
        if bytes.starts_with(b"%PDF-") {
            return Magic::Pdf;
        }
        const KNOWN: &[(&[u8], &str)] = &[
            (b"\x89PNG\r\n\x1a\n", "a PNG image"),
            (b"\xFF\xD8\xFF", "a JPEG image"),
            (b"GIF87a", "a GIF image"),
            (b"GIF89a", "a GIF image"),
            (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
            (b"II*\0", "a TIFF image"),
            (b"MM\0*", "a TIFF image"),
            (b"PK\x03\x04", "a ZIP archive (or an office document)"),
            (b"\x1F\x8B", "gzip-compressed data (a WARC capture?)"),
            (b"WARC/", "a WARC capture"),
            (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
            (b"Rar!", "a RAR archive"),
            (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
            (b"BZh", "bzip2-compressed data"),
            (b"\xFD7zXZ\0", "xz-compressed data"),
            (b"\x28\xB5\x2F\xFD", "zstd-compressed data"),
        ];
        match KNOWN.iter().find(|(magic, _)| bytes.starts_with(magic)) {
            Some((_, what)) => Magic::Other(what),
            None => Magic::None,
        }
    }
}

#[cfg(test)]
mod tests;
