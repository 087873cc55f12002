//! The web-pages row (issue 24): a store whose documents are real-sized
//! HTML pages (100–300 KB each: a head of metadata, inline scripts and
//! styles as news sites ship them, a menu, the article, related links and
//! a footer), and the same store with each page's readable text as `.txt`,
//! so the cost of reading HTML (docs/reference.md section 2.1) is the difference of two `check`
//! runs. One claim per document quotes a sentence of its article.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::rng::Rng;
use crate::world::{World, seal};

/// Which of the two stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    Html,
    Text,
}

/// Makes (or reuses) the store of `documents` pages at `dir`; returns the
/// snapshots' total size in bytes.
pub(crate) fn store(dir: &Path, seed: u64, documents: usize, kind: Pages) -> io::Result<u64> {
    let stamp = dir.join(".bench-stamp");
    let want = format!("pages v1 {kind:?} seed {seed} documents {documents}\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return snapshot_bytes(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let world = World::new(seed);
    crate::store_gen::write_all(dir, &world.fixed_files())?;
    for sub in ["sources/pages", "sources/snapshots/pages", "claims/pages"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    (0..documents).into_par_iter().try_for_each(|d| {
        let mut r = Rng::new(seed).fork(7_000_000 + d as u64);
        let (html, quote) = page(&world.corpus, &mut r, d);
        let (file, bytes) = match kind {
            Pages::Html => (format!("pages/page-{d:04}.html"), html.into_bytes()),
            Pages::Text => {
                let text = claimtrail::internals::text::readable::read("p.html", html.as_bytes()).expect("a page has text");
                (format!("pages/page-{d:04}.txt"), text.text.into_bytes())
            }
        };
        fs::write(dir.join("sources/snapshots").join(&file), &bytes)?;
        let hash = claimtrail::internals::text::hash::bytes_hash(&bytes);
        let doc = format!(
            "Document(\n    id: \"page-{d:04}\",\n    publisher: \"source-{:02}\",\n    title: \"Page {d}\",\n    published: \"2024-03-23\",\n    snapshot: \"{file}\",\n    snapshot_hash: \"{hash}\",\n)\n",
            d % 10
        );
        fs::write(dir.join(format!("sources/pages/page-{d:04}.ron")), seal(&doc))?;
        let claim = format!(
            "Claim(\n    id: \"page-claim-{d:04}\",\n    subject: \"page-event-{d:04}\",\n    measure: \"killed\",\n    value: Exact(143),\n    statement: \"x\",\n    claimant: \"source-{:02}\",\n    citations: [\n        Citation(document: \"page-{d:04}\", quote: {quote:?}),\n    ],\n)\n",
            d % 10
        );
        fs::write(dir.join(format!("claims/pages/page-claim-{d:04}.ron")), seal(&claim))
    })?;
    fs::write(&stamp, want)?;
    snapshot_bytes(dir)
}

/// One page of 100–300 KB, and a sentence of its article to quote.
fn page(corpus: &Corpus, r: &mut Rng, d: usize) -> (String, String) {
    let target = r.range(100_000, 300_000) as usize;
    let quote =
        format!("At least 143 people were killed, {}", corpus.sentence(r, 6, 10).trim_end_matches('.'));
    let mut html = String::with_capacity(target + 4096);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<title>Page {d}</title><meta property=\"article:published_time\" content=\"2024-03-23T13:00:00+03:00\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    ));
    // Inline script and style: about a third of a news page's bytes.
    html.push_str("<script>window.__STATE__ = {\"items\": [");
    while html.len() < target / 3 {
        html.push_str(&format!(
            "{{\"id\": {}, \"title\": \"{}\"}}, ",
            r.range(1, 1_000_000),
            corpus.sentence(r, 3, 8)
        ));
    }
    html.push_str("]};</script>\n<style>");
    while html.len() < target / 2 {
        html.push_str(&format!(
            ".c{} {{ margin: {}px; color: #{:06x} }}\n",
            r.range(1, 9999),
            r.range(0, 40),
            r.below(0xFFFFFF)
        ));
    }
    html.push_str("</style></head>\n<body><nav><ul>");
    for i in 0..40 {
        html.push_str(&format!("<li><a href=\"/section/{i}\">{}</a></li>", corpus.sentence(r, 1, 3)));
    }
    html.push_str("</ul></nav>\n<article><h1>");
    html.push_str(&corpus.sentence(r, 5, 9));
    html.push_str("</h1>\n");
    let mut placed = false;
    while html.len() < target * 9 / 10 {
        html.push_str("<p>");
        for _ in 0..r.range(3, 7) {
            let s = corpus.sentence(r, 10, 24);
            // Inline markup and references inside sentences, as articles have.
            let words: Vec<&str> = s.split(' ').collect();
            let mid = words.len() / 2;
            html.push_str(&format!(
                "{} <b>{}</b> <a href=\"/x\">{}</a>&nbsp;",
                words[..mid].join(" "),
                words[mid],
                words[mid + 1..].join(" ")
            ));
        }
        if !placed && r.chance(20) {
            html.push_str(&format!("{quote}."));
            placed = true;
        }
        html.push_str("</p>\n");
    }
    if !placed {
        html.push_str(&format!("<p>{quote}.</p>\n"));
    }
    html.push_str("</article>\n<aside><h2>Related</h2><ul>");
    while html.len() < target {
        html.push_str(&format!(
            "<li><a href=\"/story/{}\">{}</a></li>",
            r.range(1, 99999),
            corpus.sentence(r, 4, 9)
        ));
    }
    html.push_str("</ul></aside>\n<footer>© 2024 News · 1 Main Street</footer></body></html>\n");
    (html, quote)
}

fn snapshot_bytes(dir: &Path) -> io::Result<u64> {
    let mut total = 0;
    for e in fs::read_dir(dir.join("sources/snapshots/pages"))? {
        total += e?.metadata()?.len();
    }
    Ok(total)
}
