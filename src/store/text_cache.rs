//! The text cache: the readable text of HTML and PDF snapshots (docs/reference.md section 2.1)
//! kept by the sha256 of their bytes, so that `check` parses a page once,
//! not on every run. Like the walk index it is only a cache: an entry is
//! named by the snapshot's hash, claimtrail's version and [`FORMAT`], so a
//! changed file or a new reader never finds an old entry; an entry that
//! cannot be read back whole is ignored and the snapshot read again; any
//! failure to write one is ignored. `CLAIMTRAIL_TEXT_CACHE=off` turns it
//! off (every answer is the same, only slower); `CLAIMTRAIL_TEXT_CACHE=DIR`
//! puts it in DIR. By default it lives in `$XDG_CACHE_HOME/claimtrail/text`
//! (else `~/.cache/claimtrail/text`). Plain-text snapshots are not cached:
//! reading them costs no more than reading the cache.

use std::path::PathBuf;
use std::sync::Arc;

use crate::text::readable::{Kind, MainBy, Readable, Unreadable};

use super::contents::SnapshotText;

/// Bump when what the reader makes of the same bytes changes (a
/// development build keeps the same version number).
pub(crate) const FORMAT: u32 = 1;

/// The environment variable that turns the cache off or moves it.
pub(crate) const ENV: &str = "CLAIMTRAIL_TEXT_CACHE";

/// The folder of the cache by the environment, or `None` when it is off:
/// the command line reads it once and hands it on as `Store::text_cache`.
pub(crate) fn folder() -> Option<PathBuf> {
    match std::env::var_os(ENV) {
        Some(v) if v == "off" || v == "0" || v.is_empty() => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            let base = std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME")
                        .filter(|v| !v.is_empty())
                        .map(|h| PathBuf::from(h).join(".cache"))
                })?;
            Some(base.join("claimtrail").join("text"))
        }
    }
}

/// The cached text of the snapshot whose hash is `hash` (`sha256:...`).
pub(crate) fn get(folder: &std::path::Path, hash: &str) -> Option<SnapshotText> {
    let bytes = std::fs::read(folder.join(name(hash)?)).ok()?;
    decode(&String::from_utf8(bytes).ok()?)
}

/// Keeps `text` as the text of the snapshot whose hash is `hash`; written
/// to a temp file and renamed, so a reader never sees half an entry.
pub(crate) fn put(folder: &std::path::Path, hash: &str, text: &SnapshotText) {
    let Some(name) = name(hash) else { return };
    let _ = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(folder)?;
        let mut tmp = tempfile::NamedTempFile::new_in(folder)?;
        std::io::Write::write_all(&mut tmp, encode(text).as_bytes())?;
        tmp.persist(folder.join(name)).map_err(|e| e.error)?;
        Ok(())
    })();
}

/// The entry's file name: the hash's hex digits, the version and format.
fn name(hash: &str) -> Option<String> {
    let hex = hash.strip_prefix("sha256:")?;
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("{hex}-{}-{FORMAT}.txt", env!("CARGO_PKG_VERSION")))
}

const MAGIC: &str = "claimtrail text cache";

fn encode(text: &SnapshotText) -> String {
    match text {
        Ok(r) => {
            let kind = match r.kind {
                Kind::Text => "text",
                Kind::Html => "html",
                Kind::Pdf => "pdf",
            };
            let by = match r.main_by {
                MainBy::Element => "element",
                MainBy::Readability => "readability",
                MainBy::Whole => "whole",
            };
            format!("{MAGIC}\nok {kind} {by} {} {} {}\n{}", r.main.start, r.main.end, r.text.len(), r.text)
        }
        Err(e) => format!("{MAGIC}\nunreadable {}\n{}", e.why.len(), e.why),
    }
}

/// An entry read back, or `None` unless it is whole and well-formed.
fn decode(entry: &str) -> Option<SnapshotText> {
    let rest = entry.strip_prefix(MAGIC)?.strip_prefix('\n')?;
    let (head, body) = rest.split_once('\n')?;
    let words: Vec<&str> = head.split(' ').collect();
    match words.as_slice() {
        ["ok", kind, by, start, end, len] => {
            let kind = match *kind {
                "text" => Kind::Text,
                "html" => Kind::Html,
                "pdf" => Kind::Pdf,
                _ => return None,
            };
            let main_by = match *by {
                "element" => MainBy::Element,
                "readability" => MainBy::Readability,
                "whole" => MainBy::Whole,
                _ => return None,
            };
            let (start, end, len): (usize, usize, usize) =
                (start.parse().ok()?, end.parse().ok()?, len.parse().ok()?);
            if body.len() != len
                || start > end
                || end > len
                || !body.is_char_boundary(start)
                || !body.is_char_boundary(end)
            {
                return None;
            }
            Some(Ok(Arc::new(Readable { text: body.to_owned(), main: start..end, main_by, kind })))
        }
        ["unreadable", len] => (len.parse::<usize>().ok()? == body.len()).then(|| Err(Unreadable::new(body))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_whole_or_not_at_all() {
        let texts: Vec<SnapshotText> = vec![
            Ok(Arc::new(Readable {
                text: "Menu\nÉté: 143 killed\n".to_owned(),
                main: 5..21,
                main_by: MainBy::Element,
                kind: Kind::Html,
            })),
            Err(Unreadable::new("the PDF has no text layer\nat all")),
        ];
        for text in texts {
            let entry = encode(&text);
            assert_eq!(decode(&entry), Some(text.clone()));
            // Cut anywhere, it is not an entry.
            for cut in (0..entry.len()).filter(|&i| entry.is_char_boundary(i)) {
                assert_eq!(decode(&entry[..cut]), None, "cut at {cut}");
            }
        }
        assert_eq!(decode("claimtrail text cache\nok html whole 0 99 3\nabc"), None);
        assert_eq!(name("sha256:xyz"), None);
    }

    #[test]
    fn a_cached_text_is_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let hash = format!("sha256:{}", "a".repeat(64));
        assert_eq!(get(dir.path(), &hash), None);
        let text: SnapshotText =
            crate::text::readable::read("p.html", b"<nav>x</nav><article>143</article>").map(Arc::new);
        put(dir.path(), &hash, &text);
        assert_eq!(get(dir.path(), &hash), Some(text));
    }
}
