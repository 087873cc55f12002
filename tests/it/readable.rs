//! Snapshots read as a reader sees them (docs/reference.md section 2.1), end to end: `check`
//! matches quotes against an HTML page's visible text (across inline tags
//! and character references, never inside a script), a windows-1251 page
//! and a PDF written by Ghostscript are quoted, a scanned PDF is
//! `snapshot-unreadable` at the document's `snapshot` field, `coverage` of
//! an article leaves out its menus, scripts, hidden text, footers and
//! `<meta>` values, and `text DOC` prints the text (exit 2 when there is
//! none).

use std::path::Path;

use serde_json::Value;

use crate::support::{claimtrail_in, output, seal};

/// A news page as a browser saves it: a menu, scripts, a hidden block, a
/// footer, a `<meta>` charset and date, and the article.
const ARTICLE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta property="article:published_time" content="2024-03-23T13:00:00+03:00">
<title>Crocus 7 dead</title>
<script>var toll = "at least 999 people"; var views = 31337;</script>
<style>.x { width: 640px }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/top-10">Top 10</a> <a href="/live">Live 24</a></nav>
<article>
<h1>Crocus City Hall</h1>
<p>At least <b>143 people</b> were killed&nbsp;in the attack, <a href="/x">officials</a> said.</p>
<p hidden>Draft: 777 dead</p>
<div style="display:none">Old figure 555</div>
<p>Rescuers &amp; volunteers worked through the night.</p>
</article>
<aside>Related: 12 photos</aside>
<footer>© 2024 News 365 · 88 Main Street</footer>
<script>track(4242)</script>
</body></html>
"#;

/// A Russian page in windows-1251, declared by its `<meta>`.
fn cp1251_page() -> Vec<u8> {
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
                </head><body><p>Погибли не менее <b>143</b> человек.</p></body></html>";
    encoding_rs::WINDOWS_1251.encode(html).0.into_owned()
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/readable").join(name))
        .expect("fixture")
}

/// A store with one document per snapshot (`(document id, file, bytes)`)
/// and one claim per quote (`(claim id, document id, value, quote)`).
fn store(docs: &[(&str, &str, Vec<u8>)], claims: &[(&str, &str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    };
    write("claimtrail.ron", b"Config()\n");
    write("schemas/measures.ron", b"[\n    Measure(id: \"killed\", kind: Count),\n]\n");
    write(
        "sources/news.ron",
        seal("Source(\n    id: \"news\",\n    name: \"News\",\n    kind: NewsOutlet,\n)\n", None).as_bytes(),
    );
    for (id, file, bytes) in docs {
        write(&format!("sources/snapshots/{file}"), bytes);
        let hash = claimtrail::internals::text::hash::bytes_hash(bytes);
        let record = format!(
            "Document(\n    id: \"{id}\",\n    publisher: \"news\",\n    title: \"T\",\n    published: \"2024-03-23\",\n    snapshot: \"{file}\",\n    snapshot_hash: \"{hash}\",\n)\n"
        );
        write(&format!("sources/{id}.ron"), seal(&record, None).as_bytes());
    }
    for (id, doc, value, quote) in claims {
        let text = format!(
            "Claim(\n    id: \"{id}\",\n    subject: \"crocus\",\n    measure: \"killed\",\n    value: {value},\n    statement: \"x\",\n    claimant: \"news\",\n    citations: [\n        Citation(document: \"{doc}\", quote: {quote:?}),\n    ],\n)\n"
        );
        write(&format!("claims/{id}.ron"), seal(&text, None).as_bytes());
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    output(&mut claimtrail_in(dir, args))
}

/// `check --format json`'s diagnostics as `code file:line id`.
fn findings(dir: &Path) -> (Vec<String>, Vec<Value>, i32) {
    let (out, err, code) = run(dir, &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    let diags = json["diagnostics"].as_array().expect("diagnostics").clone();
    let short = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["id"].as_str().unwrap()
            )
        })
        .collect();
    (short, diags, code)
}

#[test]
fn quotes_are_matched_against_what_a_reader_sees() {
    let dir = store(
        &[
            ("crocus-page", "crocus.html", ARTICLE.as_bytes().to_vec()),
            ("ria-page", "ria.html", cp1251_page()),
            ("report-pdf", "report.pdf", data("article.pdf")),
        ],
        &[
            // Across <b>, &nbsp; and <a>: the sentence as shown.
            (
                "visible",
                "crocus-page",
                "AtLeast(143)",
                "At least 143 people were killed in the attack, officials said",
            ),
            // Character references decoded.
            ("amp", "crocus-page", "Exact(143)", "Rescuers & volunteers worked"),
            ("russian", "ria-page", "AtLeast(143)", "Погибли не менее 143 человек"),
            ("from-pdf", "report-pdf", "AtLeast(143)", "At least 143 people were killed in the attack"),
            ("pdf-page-two", "report-pdf", "Exact(11)", "the inquiry named 11 suspects"),
        ],
    );
    let (found, diags, code) = findings(dir.path());
    let quotes: Vec<&String> = found.iter().filter(|f| f.starts_with("quote-not-found")).collect();
    assert!(quotes.is_empty(), "{found:?}\n{diags:#?}");
    assert_eq!(code, 0, "{found:?}");
}

#[test]
fn text_only_in_a_script_or_hidden_is_not_a_quote() {
    let dir = store(
        &[("crocus-page", "crocus.html", ARTICLE.as_bytes().to_vec())],
        &[
            ("in-script", "crocus-page", "AtLeast(999)", "at least 999 people"),
            ("hidden", "crocus-page", "Exact(777)", "Draft: 777 dead"),
            ("markup", "crocus-page", "AtLeast(143)", "At least <b>143 people</b>"),
        ],
    );
    let (found, diags, code) = findings(dir.path());
    assert_eq!(code, 1);
    for id in ["in-script", "hidden", "markup"] {
        assert!(
            found.iter().any(|f| f.starts_with("quote-not-found") && f.ends_with(&format!(" {id}"))),
            "{id}: {found:?}"
        );
    }
    // The closest passage is shown from the visible text, not the markup.
    let markup = diags.iter().find(|d| d["id"] == "markup").expect("the markup finding");
    assert!(markup["message"].as_str().unwrap().contains("At least 143 people"), "{markup:#}");
}

#[test]
fn a_scanned_pdf_is_snapshot_unreadable_at_the_document() {
    let dir = store(
        &[("scan", "scan.pdf", data("scan.pdf")), ("image", "photo.png", b"\x89PNG\r\n\x1a\n0000".to_vec())],
        &[
            ("from-scan", "scan", "AtLeast(143)", "At least 143 people"),
            ("also-scan", "scan", "AtLeast(143)", "143 people"),
        ],
    );
    let (found, diags, code) = findings(dir.path());
    assert_eq!(code, 1);
    let unreadable: Vec<&Value> = diags.iter().filter(|d| d["code"] == "snapshot-unreadable").collect();
    // One finding, on the document's `snapshot` field (line 6 of its
    // record), naming both claims; the image no claim quotes has none.
    assert_eq!(unreadable.len(), 1, "{found:?}");
    let d = unreadable[0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["id"].as_str()),
        (Some("sources/scan.ron"), Some(6), Some("scan"))
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("no text layer") && message.contains("quoted by `also-scan`, `from-scan`"),
        "{message}"
    );
    assert!(!found.iter().any(|f| f.starts_with("quote-not-found")), "{found:?}");
    // `text` says the same, exit 2.
    let (out, err, code) = run(dir.path(), &["text", "scan"]);
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(err.contains("no readable text") && err.contains("no text layer"), "{err}");
    let (_, err, code) = run(dir.path(), &["text", "image"]);
    assert_eq!(code, 2);
    assert!(err.contains("PNG image"), "{err}");
}

#[test]
fn text_prints_what_quotes_are_matched_against() {
    let dir = store(
        &[
            ("crocus-page", "crocus.html", ARTICLE.as_bytes().to_vec()),
            ("ria-page", "ria.html", cp1251_page()),
            ("report-pdf", "report.pdf", data("article.pdf")),
        ],
        &[],
    );
    let (out, err, code) = run(dir.path(), &["text", "crocus-page"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Home Top 10 Live 24\n\nCrocus City Hall\n\nAt least 143 people were killed\u{a0}in the attack, officials said.\n\n\
         Rescuers & volunteers worked through the night.\n\nRelated: 12 photos\n© 2024 News 365 · 88 Main Street\n"
    );
    let (out, _, code) = run(dir.path(), &["text", "ria-page"]);
    assert_eq!((out.as_str(), code), ("Погибли не менее 143 человек.\n", 0));
    let (out, _, code) = run(dir.path(), &["text", "report-pdf"]);
    assert_eq!(code, 0);
    assert!(out.contains("At least 143 people were killed in the attack, officials said."), "{out}");
    assert!(out.contains("\n\nPage two: the inquiry named 11 suspects."), "{out}");
    for (id, wanted) in
        [("nope", "no document `nope`"), ("news", "is not a document"), ("crocus-pag", "did you mean")]
    {
        let (out, err, code) = run(dir.path(), &["text", id]);
        assert_eq!((out.as_str(), code), ("", 2), "{id}");
        assert!(err.contains(wanted), "{id}: {err}");
    }
}

#[test]
fn coverage_of_an_article_reads_its_main_content_only() {
    let dir = store(
        &[("crocus-page", "crocus.html", ARTICLE.as_bytes().to_vec())],
        &[("visible", "crocus-page", "AtLeast(143)", "At least 143 people were killed in the attack")],
    );
    let (out, err, code) = run(dir.path(), &["coverage", "crocus-page", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).expect("coverage JSON");
    let figures: Vec<(&str, u64, u64)> = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    // Only the article's figure, placed in the text `text` prints (line
    // 5, after the menu, the heading and their blank lines): not the menu's 10
    // and 24, the charset's 8, the meta date's parts, the scripts' 999,
    // 31337 and 4242, the style's 640, the hidden 777 and 555, the aside's
    // 12 nor the footer's 365 and 88.
    assert_eq!(figures, vec![("143", 5, 10)], "{json:#}");
    assert_eq!(json["figures"][0]["claims"], serde_json::json!(["visible"]));
    assert_eq!(json["dates"], serde_json::json!([]), "{json:#}");
}

#[test]
fn a_page_without_landmarks_is_read_by_readability_for_coverage() {
    let story = "<p>The attack killed at least 143 people, officials said on Saturday, in a statement \
                 that was read out on television across the country and repeated by agencies.</p>"
        .repeat(5);
    let page = format!(
        "<!doctype html><html><body><div class=menu><a href=/>Home</a> <a href=/p/2>Page 2</a></div>\
         <div class=story>{story}</div><div class=footer>Copyright 2024 News 365</div></body></html>"
    );
    let dir = store(&[("page", "page.htm", page.into_bytes())], &[]);
    let (out, err, code) = run(dir.path(), &["coverage", "page", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).expect("coverage JSON");
    let texts: Vec<&str> =
        json["figures"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["143"; 5], "{json:#}");
}

/// The text cache never changes an answer: `check` with it cold, warm,
/// and off says the same; a damaged entry is read again.
#[test]
fn the_text_cache_is_only_a_cache() {
    let dir = store(
        &[
            ("crocus-page", "crocus.html", ARTICLE.as_bytes().to_vec()),
            ("scan", "scan.pdf", data("scan.pdf")),
        ],
        &[
            ("visible", "crocus-page", "AtLeast(143)", "At least 143 people were killed"),
            ("in-script", "crocus-page", "AtLeast(999)", "at least 999 people"),
            ("from-scan", "scan", "AtLeast(143)", "143 people"),
        ],
    );
    let cache = tempfile::tempdir().expect("temp dir");
    let with = |value: &std::ffi::OsStr| {
        output(claimtrail_in(dir.path(), &["check", "--format", "json"]).env("CLAIMTRAIL_TEXT_CACHE", value))
    };
    let off = with("off".as_ref());
    assert_eq!(off.2, 1);
    let cold = with(cache.path().as_os_str());
    let entries: Vec<_> = std::fs::read_dir(cache.path()).expect("the cache").collect();
    assert_eq!(entries.len(), 2, "one entry per HTML or PDF snapshot");
    let warm = with(cache.path().as_os_str());
    for entry in entries {
        std::fs::write(entry.expect("an entry").path(), "claimtrail text cache\nok html whole 0 5 5\n")
            .unwrap();
    }
    let damaged = with(cache.path().as_os_str());
    assert_eq!((&cold, &warm, &damaged), (&off, &off, &off));
}
