//! What `archive` (and `recheck --save`) decide about a fetched page
//! before anything is written: the snapshot's extension by the response's
//! content type, the publisher by the URL's host, and the Document record
//! from the flags, the page's own metadata (`text::page_meta`) and the
//! fallbacks. No I/O: the command line fetches, seals, checks and writes.

use super::Fetched;
use crate::failure::{Failure, Result};
use crate::model::Document;
use crate::store::contents::Entry;
use crate::text::page_meta::PageMeta;

/// What the flags give, before the page fills the rest.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    pub publisher: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The title and date to use when neither a flag nor the page gives
    /// one (`recheck --save`: the earlier version's).
    pub fallback_title: Option<String>,
    pub fallback_published: Option<String>,
}

/// The names in sources/snapshots/ of a capture's two files, and the WARC
/// file's bytes.
pub(crate) struct Files<'a> {
    pub snapshot: &'a str,
    pub capture: &'a str,
    pub capture_bytes: &'a [u8],
}

/// The Document record (not yet sealed) of `fetched` as document `id`,
/// its snapshot of extension `ext` (`extension`) and its capture in
/// `files`; `version_of` set when it re-archives an earlier document. Each
/// field comes from its flag, else the page, else the fallback; the
/// publisher is the source whose homepage has the URL's host (`publisher_of`)
/// unless a flag names it. A failure says which flag to give.
pub(crate) fn document(
    entries: &[Entry],
    id: &str,
    fetched: &Fetched,
    ext: &str,
    given: Given,
    version_of: Option<String>,
    files: &Files<'_>,
) -> Result<Document> {
    let meta = match ext {
        // Decoded as the snapshot will be read (docs/reference.md section 2.1), so the title
        // of a windows-1251 page is the title a reader sees.
        "html" => crate::text::page_meta::of_html(&crate::text::readable::html::decode(&fetched.body).0),
        _ => PageMeta::default(),
    };
    let title = given.title.or(meta.title).or(given.fallback_title).ok_or_else(|| {
        Failure::new(format!("{} has no title claimtrail can find", fetched.url))
            .with_help("give it with --title \"...\"; nothing was written")
    })?;
    let published =
        given.published.or(meta.published.clone()).or(given.fallback_published).ok_or_else(|| {
            Failure::new(format!("{} gives no publication date claimtrail can find", fetched.url)).with_help(
                "give it with --published DATE (2024-03-23 or 2024-03-23T13:23); nothing was written",
            )
        })?;
    let publisher = match given.publisher {
        Some(p) => p,
        None => publisher_of(entries, &fetched.url)?,
    };
    let updated = match &meta.modified {
        Some(m) if later(m, &published) => vec![m.clone()],
        _ => vec![],
    };
    Ok(Document {
        author: meta.author,
        capture: Some(files.capture.to_owned()),
        capture_hash: Some(crate::text::hash::bytes_hash(files.capture_bytes)),
        hash: None,
        id: id.to_owned(),
        language: meta.language,
        published,
        publisher,
        retrieved: Some(fetched.began.format("%Y-%m-%dT%H:%M").to_string()),
        revises: None,
        snapshot: Some(files.snapshot.to_owned()),
        snapshot_hash: Some(crate::text::hash::bytes_hash(&fetched.body)),
        title,
        translated_from: None,
        updated,
        url: Some(fetched.url.clone()),
        version_of,
    })
}

/// The snapshot's extension, by the response's content type (its first
/// bytes when the type says nothing useful).
pub(crate) fn extension(fetched: &Fetched) -> Result<&'static str> {
    let mime = fetched
        .content_type
        .as_deref()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    Ok(match mime.as_str() {
        "text/html" | "application/xhtml+xml" => "html",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        _ if fetched.body.starts_with(b"%PDF-") => "pdf",
        _ if crate::text::readable::html::looks_like_html(&fetched.body) => "html",
        other => {
            return Err(Failure::new(format!(
                "{} is `{}`, not a web page, a PDF or plain text",
                fetched.url,
                if other.is_empty() { "of no content type" } else { other }
            ))
            .with_help("archive the page that shows it; nothing was written"));
        }
    })
}

/// The source whose homepage has `url`'s host (`www.` aside).
pub(crate) fn publisher_of(entries: &[Entry], url: &str) -> Result<String> {
    let host_of = |u: &str| {
        url::Url::parse(u.trim()).ok()?.host_str().map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
    };
    let host = host_of(url).unwrap_or_default();
    let mut matches: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.record.as_source())
        .filter(|s| s.homepage.as_deref().and_then(host_of).is_some_and(|h| h == host))
        .map(|s| s.id.as_str())
        .collect();
    matches.sort_unstable();
    matches.dedup();
    match matches.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => Err(Failure::new(format!("no source of the store has a homepage on {host}"))
            .with_help("give the publisher with --publisher SOURCE, or add `homepage` to its source; nothing was written")),
        many => Err(Failure::new(format!("the sources {} all have a homepage on {host}", many.join(", ")))
            .with_help("choose one with --publisher SOURCE; nothing was written")),
    }
}

/// Whether partial date `a` is later than `b` (both as the page wrote them,
/// ISO, so text order is time order for equal precision).
fn later(a: &str, b: &str) -> bool {
    let day = |d: &str| d.get(..10).map(str::to_owned).unwrap_or_else(|| d.to_owned());
    a > b && (a.len() == b.len() || day(a) > day(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Record;
    use crate::store::contents::Folder;

    fn sources(homepages: &[(&str, &str)]) -> Vec<Entry> {
        homepages
            .iter()
            .map(|(id, homepage)| {
                let mut s = crate::testing::source(&format!("{id} B"));
                s.homepage = Some((*homepage).to_owned());
                Entry {
                    file: format!("sources/{id}.ron"),
                    folder: Folder::Sources,
                    record: Record::Source(s),
                }
            })
            .collect()
    }

    fn page(url: &str, content_type: Option<&str>, body: &str) -> Fetched {
        Fetched {
            hops: Vec::new(),
            url: url.to_owned(),
            status: 200,
            content_type: content_type.map(str::to_owned),
            body: body.as_bytes().to_vec(),
            began: chrono::DateTime::parse_from_rfc3339("2024-03-24T09:30:12Z")
                .expect("a time")
                .with_timezone(&chrono::Utc),
        }
    }

    const FILES: Files<'static> = Files { snapshot: "d.html", capture: "d.warc.gz", capture_bytes: b"warc" };

    #[test]
    fn the_publisher_is_the_one_source_on_the_host() {
        let entries = sources(&[
            ("bbc", "https://www.bbc.co.uk/"),
            ("tass", "https://tass.com"),
            ("tass-ru", "https://TASS.ru/"),
        ]);
        let publisher = |url: &str| publisher_of(&entries, url).map_err(|f| f.message);
        // Cases: `www.` and letter case aside, paths and ports no matter.
        for (url, want) in [
            ("https://bbc.co.uk/news/1", Ok("bbc")),
            ("http://www.bbc.co.uk:8080/x", Ok("bbc")),
            ("https://tass.ru/x", Ok("tass-ru")),
            ("https://news.bbc.co.uk/x", Err("no source of the store has a homepage on news.bbc.co.uk")),
            ("not a url", Err("no source of the store has a homepage on ")),
        ] {
            assert_eq!(publisher(url).as_deref().map_err(String::as_str), want, "{url}");
        }
        let twice = sources(&[("a", "https://x.org"), ("b", "https://www.x.org/about")]);
        let err = publisher_of(&twice, "https://x.org/p").expect_err("two sources");
        assert_eq!(err.message, "the sources a, b all have a homepage on x.org");
    }

    #[test]
    fn each_field_comes_from_its_flag_then_the_page_then_the_fallback() {
        let entries = sources(&[("bbc", "https://www.bbc.co.uk/")]);
        let html = r#"<html lang="en"><head><title>From the page</title>
            <meta property="article:published_time" content="2024-03-23T13:23:00+00:00">
            <meta property="article:modified_time" content="2024-03-24T08:00:00+00:00">
            </head><body><p>Text.</p></body></html>"#;
        let fetched = page("https://www.bbc.co.uk/news/1", Some("text/html; charset=utf-8"), html);
        let ext = extension(&fetched).expect("html");
        assert_eq!(ext, "html");

        let doc = document(&entries, "d", &fetched, ext, Given::default(), None, &FILES).expect("a record");
        assert_eq!(
            (doc.title.as_str(), doc.published.as_str(), doc.publisher.as_str()),
            ("From the page", "2024-03-23T13:23", "bbc")
        );
        assert_eq!(doc.updated, ["2024-03-24T08:00"], "modified later than published");
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert_eq!(doc.retrieved.as_deref(), Some("2024-03-24T09:30"));
        assert_eq!((doc.snapshot.as_deref(), doc.capture.as_deref()), (Some("d.html"), Some("d.warc.gz")));
        assert_eq!(doc.capture_hash, Some(crate::text::hash::bytes_hash(b"warc")));

        let flags = Given {
            publisher: Some("someone".into()),
            title: Some("From the flag".into()),
            published: Some("2024-03-25".into()),
            fallback_title: Some("Fallback".into()),
            fallback_published: Some("2020-01-01".into()),
        };
        let doc =
            document(&entries, "d", &fetched, ext, flags, Some("old".into()), &FILES).expect("a record");
        assert_eq!(
            (doc.title.as_str(), doc.published.as_str(), doc.publisher.as_str()),
            ("From the flag", "2024-03-25", "someone")
        );
        assert!(doc.updated.is_empty(), "modified before the given date: no update");
        assert_eq!(doc.version_of.as_deref(), Some("old"));

        // Plain text has no metadata: the fallbacks, else a failure naming the flag.
        let text = page("https://bbc.co.uk/t", Some("text/plain"), "143 dead.");
        let fallback = Given {
            fallback_title: Some("Fallback".into()),
            fallback_published: Some("2020-01-01".into()),
            ..Given::default()
        };
        let doc = document(&entries, "d", &text, "txt", fallback, None, &FILES).expect("a record");
        assert_eq!((doc.title.as_str(), doc.published.as_str()), ("Fallback", "2020-01-01"));
        let err =
            document(&entries, "d", &text, "txt", Given::default(), None, &FILES).expect_err("no title");
        assert_eq!(err.message, "https://bbc.co.uk/t has no title claimtrail can find");
    }

    #[test]
    fn the_extension_is_by_content_type_then_first_bytes() {
        for (content_type, body, want) in [
            (Some("application/xhtml+xml"), "x", Ok("html")),
            (Some("Application/PDF"), "x", Ok("pdf")),
            (Some("text/plain; charset=utf-8"), "x", Ok("txt")),
            (None, "%PDF-1.7", Ok("pdf")),
            (Some("application/octet-stream"), "<!DOCTYPE html><html></html>", Ok("html")),
            (
                Some("image/png"),
                "x",
                Err("https://a.org/ is `image/png`, not a web page, a PDF or plain text"),
            ),
            (None, "x", Err("https://a.org/ is `of no content type`, not a web page, a PDF or plain text")),
        ] {
            let got = extension(&page("https://a.org/", content_type, body)).map_err(|f| f.message);
            assert_eq!(got.as_deref().map_err(String::as_str), want, "{content_type:?}");
        }
    }

    #[test]
    fn later_dates() {
        assert!(later("2024-03-24T08:00", "2024-03-23T21:05"));
        assert!(later("2024-03-24", "2024-03-23T21:05"));
        assert!(!later("2024-03-23T21:05", "2024-03-23T21:05"));
        assert!(!later("2024-03-23T23:00", "2024-03-23"));
        assert!(!later("2024-03-22", "2024-03-23"));
    }
}
