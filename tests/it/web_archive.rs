//! `archive` end to end against a web server the test starts on
//! 127.0.0.1 (`support::web_server`; never any other host): the metadata
//! of an article with JSON-LD and Open Graph, reached through a redirect
//! and served gzipped; the WARC capture, verified by warcio (`warcio
//! check`, and its Python API for the record types and target URIs);
//! HTTPS with a self-signed certificate trusted through SSL_CERT_FILE; and
//! every failure, which exits 2 and writes nothing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::support::judges;
use crate::support::web_server::{Reply, Server};
use crate::support::{claimtrail_in, output, seal};

pub(crate) const ARTICLE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Toll rises | The Paper</title>
<meta property="og:title" content="Crocus City Hall: toll rises to 143">
<meta property="article:published_time" content="2024-03-23T20:00:00+03:00">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Toll rises to 143", "datePublished": "2024-03-23T21:05:00+03:00",
 "dateModified": "2024-03-24T09:30:00+03:00",
 "author": {"@type": "Person", "name": "Anna Writer"}}
</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World 24</a></nav>
<article><h1>Toll rises to 143</h1>
<time datetime="2024-03-22T10:00">22 March</time>
<p>At least <b>143 people</b> were killed&nbsp;in the attack, officials said.</p>
</article>
</body>
</html>
"#;

/// A store whose source `the-paper` has its homepage on the server's host.
pub(crate) fn store(homepage: &str, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("claimtrail.ron", config);
    write("schemas/measures.ron", "[\n    Measure(id: \"killed\", kind: Count),\n]\n");
    write("sources/snapshots/.keep", "");
    write(
        "sources/actors/the-paper.ron",
        &seal(
            &format!(
                "Source(\n    id: \"the-paper\",\n    name: \"The Paper\",\n    kind: NewsOutlet,\n    homepage: \"{homepage}\",\n)\n"
            ),
            None,
        ),
    );
    write(
        "sources/actors/ic.ron",
        &seal(
            "Source(\n    id: \"ic\",\n    name: \"Investigative Committee\",\n    kind: Government,\n)\n",
            None,
        ),
    );
    dir
}

/// Every file of the store with its bytes.
pub(crate) fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside").to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// Asserts that `json` validates against the generated schemas/`name`.
pub(crate) fn assert_schema(name: &str, json: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let schema: Value = serde_json::from_slice(&std::fs::read(path).expect("schema file")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(json).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

/// Runs `warcio check` on a capture, and lists its records' types and
/// target URIs through warcio's Python API; `None` when warcio is not
/// installed.
pub(crate) fn warcio_records(warc: &Path) -> Option<Vec<(String, String)>> {
    let warcio = judges::warcio()?;
    let check =
        std::process::Command::new(&warcio).args(["check", "-v"]).arg(warc).output().expect("warcio runs");
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(
        check.status.success(),
        "warcio check fails {}:\n{said}{}",
        warc.display(),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(!said.contains("digest failed"), "{said}");
    assert!(said.contains("digest pass"), "warcio checked no digest:\n{said}");
    let python = judges::python()?;
    let script = "import sys\nfrom warcio.archiveiterator import ArchiveIterator\n\
with open(sys.argv[1], 'rb') as f:\n    for r in ArchiveIterator(f):\n        r.content_stream().read()\n        print(r.rec_type, r.rec_headers.get_header('WARC-Target-URI') or '-')\n";
    let listed =
        std::process::Command::new(python).arg("-c").arg(script).arg(warc).output().expect("python runs");
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    Some(
        String::from_utf8_lossy(&listed.stdout)
            .lines()
            .filter_map(|l| l.split_once(' ').map(|(a, b)| (a.to_owned(), b.to_owned())))
            .collect(),
    )
}

#[test]
fn archives_an_article_with_its_metadata_and_a_verified_capture() {
    let server = Server::http(|path, _| match path {
        "/old-link" => Reply::redirect(301, "/news/toll"),
        "/news/toll" => {
            Reply::ok("text/html; charset=utf-8", gzip(ARTICLE.as_bytes())).header("Content-Encoding", "gzip")
        }
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let (out, err, code) = output(&mut claimtrail_in(
        dir.path(),
        &["archive", &server.url("/old-link"), "--id", "paper-toll", "--format", "json"],
    ));
    assert_eq!(code, 0, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_schema("archive-output.schema.json", &json);
    assert_eq!(
        json,
        serde_json::json!({
            "version": 1, "document": "paper-toll", "url": server.url("/news/toll"), "status": 200,
            "snapshot": "paper-toll.html", "capture": "paper-toll.warc.gz",
            "record": "sources/documents/paper-toll.ron"
        })
    );
    let root = dir.path();
    assert_eq!(
        std::fs::read(root.join("sources/snapshots/paper-toll.html")).expect("snapshot"),
        ARTICLE.as_bytes()
    );
    let record = std::fs::read_to_string(root.join("sources/documents/paper-toll.ron")).expect("record");
    for field in [
        "id: \"paper-toll\"",
        "publisher: \"the-paper\"",
        "title: \"Crocus City Hall: toll rises to 143\"",
        &format!("url: \"{}\"", server.url("/news/toll")),
        "author: \"Anna Writer\"",
        "published: \"2024-03-23T21:05\"",
        "updated: [\"2024-03-24T09:30\"]",
        "language: \"en\"",
        "snapshot: \"paper-toll.html\"",
        "capture: \"paper-toll.warc.gz\"",
    ] {
        assert!(record.contains(field), "{field} not in\n{record}");
    }
    let (out, err, code) = output(&mut claimtrail_in(root, &["check"]));
    assert_eq!(code, 0, "{out}{err}");
    // Every hop is in the capture: the redirect, then the page.
    if let Some(records) = warcio_records(&root.join("sources/snapshots/paper-toll.warc.gz")) {
        let old = server.url("/old-link");
        let new = server.url("/news/toll");
        let expected: Vec<(String, String)> = [
            ("warcinfo", "-"),
            ("response", old.as_str()),
            ("request", old.as_str()),
            ("response", new.as_str()),
            ("request", new.as_str()),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(records, expected);
    }
    // The id is taken now: a second archive writes nothing.
    let before = tree(root);
    let (_, err, code) =
        output(&mut claimtrail_in(root, &["archive", &server.url("/news/toll"), "--id", "paper-toll"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already used"), "{err}");
    assert_eq!(tree(root), before);
}

#[test]
fn chunked_bodies_and_flags_over_the_page() {
    let server = Server::http(|path, _| match path {
        "/a" => Reply { chunked: true, ..Reply::ok("text/html", ARTICLE) },
        _ => Reply::status(404),
    });
    let dir = store("https://example.org/", "Config()\n");
    let args = [
        "archive",
        &server.url("/a"),
        "--id",
        "a",
        "--publisher",
        "ic",
        "--title",
        "Given",
        "--published",
        "2024-03-25",
    ];
    let (out, err, code) = output(&mut claimtrail_in(dir.path(), &args));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("archived"), "{out}");
    let record = std::fs::read_to_string(dir.path().join("sources/documents/a.ron")).expect("record");
    for field in ["publisher: \"ic\"", "title: \"Given\"", "published: \"2024-03-25\""] {
        assert!(record.contains(field), "{field} not in\n{record}");
    }
    // dateModified is not later than the given date: no `updated`.
    assert!(!record.contains("updated"), "{record}");
    assert_eq!(
        std::fs::read(dir.path().join("sources/snapshots/a.html")).expect("snapshot"),
        ARTICLE.as_bytes()
    );
    warcio_records(&dir.path().join("sources/snapshots/a.warc.gz"));
}

#[test]
fn https_with_a_certificate_trusted_through_ssl_cert_file() {
    let server = Server::https(|path, _| match path {
        "/a" => Reply::ok("text/html", ARTICLE),
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let certs = tempfile::tempdir().expect("temp dir");
    let cert = certs.path().join("test-cert.pem");
    std::fs::write(&cert, server.certificate.as_deref().expect("a certificate")).expect("write cert");
    // Not trusted: a TLS failure, nothing written.
    let before = tree(dir.path());
    let mut untrusted = claimtrail_in(dir.path(), &["archive", &server.url("/a"), "--id", "a"]);
    untrusted.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    let (_, err, code) = output(&mut untrusted);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("TLS"), "{err}");
    assert_eq!(tree(dir.path()), before);
    // Trusted through SSL_CERT_FILE.
    let mut trusted = claimtrail_in(dir.path(), &["archive", &server.url("/a"), "--id", "a"]);
    trusted.env("SSL_CERT_FILE", &cert);
    let (out, err, code) = output(&mut trusted);
    assert_eq!(code, 0, "{out}{err}");
    warcio_records(&dir.path().join("sources/snapshots/a.warc.gz"));
}

/// Every failure exits 2, says why, and writes nothing.
#[test]
fn failures_exit_2_and_write_nothing() {
    // 1 MB of spaces in about 1 KB: under the limit raw, over it decoded.
    let bomb = gzip(&vec![b' '; 1_000_000]);
    assert!(bomb.len() < 4096);
    let server = Server::http(move |path, _| match path {
        "/gone" => Reply::status(404),
        "/broken" => Reply::status(500),
        "/loop-a" => Reply::redirect(302, "/loop-b"),
        "/loop-b" => Reply::redirect(302, "/loop-a"),
        "/to-file" => Reply::redirect(302, "file:///etc/passwd"),
        p if p.starts_with("/hop/") => {
            let n: usize = p[5..].parse().unwrap_or(0);
            Reply::redirect(302, &format!("/hop/{}", n + 1))
        }
        "/big" => Reply::ok("text/html", vec![b'x'; 5000]),
        "/bomb" => Reply::ok("text/html", bomb.clone()).header("Content-Encoding", "gzip"),
        "/stall" => Reply { stall_after: Some(100), ..Reply::ok("text/html", ARTICLE) },
        "/untitled" => Reply::ok("text/html", "<html><body><p>x</p></body></html>"),
        "/undated" => Reply::ok("text/html", "<html><head><title>T</title></head><body></body></html>"),
        "/image" => Reply::ok("image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        _ => Reply::status(404),
    });
    let dir = store("https://elsewhere.example/", "Config(archive_max_bytes: 4096)\n");
    let cases: &[(&str, &[&str], &str)] = &[
        ("/gone", &[], "404"),
        ("/broken", &[], "HTTP 500"),
        ("/loop-a", &[], "redirect loop"),
        ("/hop/0", &[], "more than 10 redirects"),
        ("/to-file", &[], "only http and https"),
        ("/big", &[], "archive_max_bytes"),
        ("/bomb", &[], "archive_max_bytes (4096 bytes) once decoded"),
        ("/stall", &["--timeout", "1"], "timed out"),
        ("/untitled", &["--publisher", "ic"], "--title"),
        ("/undated", &["--publisher", "ic"], "--published"),
        ("/undated", &["--published", "2024-03-23"], "--publisher"),
        ("/image", &[], "not a web page"),
    ];
    let before = tree(dir.path());
    for (path, extra, reason) in cases {
        let url = server.url(path);
        let mut args = vec!["archive", url.as_str(), "--id", "x"];
        args.extend_from_slice(extra);
        let started = std::time::Instant::now();
        let (out, err, code) = output(&mut claimtrail_in(dir.path(), &args));
        assert_eq!(code, 2, "{path}: {out}{err}");
        assert!(err.contains(reason), "{path}: `{reason}` not in {err}");
        assert_eq!(tree(dir.path()), before, "{path} wrote something");
        // Well under the default --timeout of 30 s: none waits for it (the
        // stalled server is cut at its own --timeout of 1 s); loose enough
        // for a loaded machine.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{path} took {:?}",
            started.elapsed()
        );
    }
    // Not http at all.
    let (_, err, code) =
        output(&mut claimtrail_in(dir.path(), &["archive", "file:///etc/passwd", "--id", "x"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("only http and https"), "{err}");
    assert_eq!(tree(dir.path()), before);
}

/// PDFs written by Ghostscript 10 (tests/it/data/web/): `toll-text.pdf`
/// with a text layer (`gs -sDEVICE=pdfwrite` of a PostScript page) and
/// `toll-scan.pdf` without one (`gs -sDEVICE=pdfimage24`, a scan's image).
/// Both are archived as `.pdf` by their content type; a PDF has no title
/// or date claimtrail reads, so the flags give them.
#[test]
fn pdfs_are_archived_as_pdf() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/web");
    let text = std::fs::read(data.join("toll-text.pdf")).expect("fixture");
    let scan = std::fs::read(data.join("toll-scan.pdf")).expect("fixture");
    let (t, s) = (text.clone(), scan.clone());
    let server = Server::http(move |path, _| match path {
        "/statement.pdf" => Reply::ok("application/pdf", t.clone()),
        // No content type: the first bytes say PDF.
        "/scan" => Reply { headers: vec![], ..Reply::ok("", s.clone()) },
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let root = dir.path();
    let before = tree(root);
    let (_, err, code) =
        output(&mut claimtrail_in(root, &["archive", &server.url("/statement.pdf"), "--id", "st"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--title"), "{err}");
    assert_eq!(tree(root), before);
    for (path, id, bytes) in [("/statement.pdf", "st", &text), ("/scan", "scan", &scan)] {
        let args =
            ["archive", &server.url(path), "--id", id, "--title", "Statement", "--published", "2024-03-23"];
        let (out, err, code) = output(&mut claimtrail_in(root, &args));
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(
            &std::fs::read(root.join(format!("sources/snapshots/{id}.pdf"))).expect("snapshot"),
            bytes
        );
        warcio_records(&root.join(format!("sources/snapshots/{id}.warc.gz")));
    }
    // The text layer is quoted; the scan has no text to quote. (The
    // heading: the reader of this merge drops the page's second line,
    // which pdftotext reads; see the report.)
    std::fs::create_dir_all(root.join("claims")).expect("mkdir");
    for (id, doc) in [("from-text", "st"), ("from-scan", "scan")] {
        let claim = format!(
            "Claim(\n    id: \"{id}\",\n    subject: \"crocus\",\n    measure: \"killed\",\n    value: AtLeast(143),\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [\n        Citation(document: \"{doc}\", quote: \"Statement of the Investigative Committee\"),\n    ],\n)\n"
        );
        std::fs::write(root.join(format!("claims/{id}.ron")), seal(&claim, None)).expect("claim");
    }
    let (out, err, code) = output(&mut claimtrail_in(root, &["check", "--format", "json"]));
    assert_eq!(code, 1, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let codes: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| (d["code"].as_str().unwrap_or(""), d["file"].as_str().unwrap_or("")))
        .collect();
    assert!(codes.contains(&("snapshot-unreadable", "sources/documents/scan.ron")), "{codes:?}");
    assert!(!codes.iter().any(|(_, f)| f.contains("from-text") || f.contains("st.ron")), "{codes:?}");
}

/// HTTP_PROXY is used for http URLs: the test's server is the proxy (ureq
/// tunnels with CONNECT), so the page's host (`news.example.test`) is
/// never looked up.
#[test]
fn http_goes_through_the_proxy_of_the_environment() {
    let proxy = Server::http(|path, _| match path {
        "/a" => Reply::ok("text/html", ARTICLE),
        _ => Reply::status(404),
    });
    let dir = store("http://news.example.test/", "Config()\n");
    let mut cmd = claimtrail_in(
        dir.path(),
        &["archive", "http://news.example.test/a", "--id", "a", "--format", "json"],
    );
    cmd.env("HTTP_PROXY", proxy.url(""));
    let (out, err, code) = output(&mut cmd);
    assert_eq!(code, 0, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["url"], "http://news.example.test/a");
    let record = std::fs::read_to_string(dir.path().join("sources/documents/a.ron")).expect("record");
    assert!(record.contains("publisher: \"the-paper\""), "{record}");
}

/// A `windows-1251` page (as many in the region are): its title and
/// date read from the page as a browser decodes it, the snapshot kept as
/// received, and a quote of its visible text across inline tags accepted.
#[test]
fn a_windows_1251_page_is_read_as_a_browser_reads_it() {
    let page = "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"windows-1251\">\
<title>Теракт в «Крокус Сити Холле»</title>\
<meta property=\"article:published_time\" content=\"2024-03-23T10:15:00+03:00\"></head>\
<body><article><p>Погибли не менее <b>143 человек</b>, сообщил СК.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let bytes = bytes.into_owned();
    let served = bytes.clone();
    let server = Server::http(move |path, _| match path {
        "/ru" => Reply::ok("text/html", served.clone()),
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let root = dir.path();
    let (out, err, code) = output(&mut claimtrail_in(root, &["archive", &server.url("/ru"), "--id", "ru"]));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read(root.join("sources/snapshots/ru.html")).expect("snapshot"), bytes);
    let record = std::fs::read_to_string(root.join("sources/documents/ru.ron")).expect("record");
    for field in
        ["title: \"Теракт в «Крокус Сити Холле»\"", "published: \"2024-03-23T10:15\"", "language: \"ru\""]
    {
        assert!(record.contains(field), "{field} not in\n{record}");
    }
    std::fs::create_dir_all(root.join("claims")).expect("mkdir");
    std::fs::write(
        root.join("claims/ru.ron"),
        seal(
            "Claim(\n    id: \"ru-killed\",\n    subject: \"crocus\",\n    measure: \"killed\",\n    value: AtLeast(143),\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [\n        Citation(document: \"ru\", quote: \"не менее 143 человек\"),\n    ],\n)\n",
            None,
        ),
    )
    .expect("claim");
    let (out, err, code) = output(&mut claimtrail_in(root, &["check"]));
    assert_eq!(code, 0, "{out}{err}");
}
