//! What a web page says about itself, for `archive`'s Document record:
//! title, publication and modification dates, author and language, read
//! from the parsed page (JSON-LD `NewsArticle`, Open Graph and
//! `article:*` meta tags, `<time datetime>`, `<html lang>`, `<title>`).
//!
//! When the page's sources disagree, the first in this order wins (README,
//! "From the web"): for the title, `og:title` (what the publisher chose to
//! show when the page is shared, free of the site name `<title>` often
//! carries), then JSON-LD `headline`, then `<title>`; for the publication
//! date, JSON-LD `datePublished` (the field made for machines), then
//! `article:published_time`, then the article's `<time datetime>`. Dates
//! are the publisher's local date and time to the minute: the clock time
//! written in the page, its UTC offset dropped (docs/reference.md section 2: dates have
//! no zone), or the date alone when the page gives no time.

use dom_query::Document;
use serde_json::Value as Json;

/// The page's metadata; `None` where the page does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    /// A partial date (`2024-03-23` or `2024-03-23T13:23`).
    pub published: Option<String>,
    /// The last modification, a partial date, when the page gives one.
    pub modified: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

/// The metadata of an HTML page's text (already decoded).
pub(crate) fn of_html(html: &str) -> PageMeta {
    metadata(&Document::from(html))
}

/// The metadata of a parsed page.
pub(crate) fn metadata(page: &Document) -> PageMeta {
    let article = json_ld_article(page);
    let ld = |key: &str| article.as_ref().and_then(|a| a.get(key)).and_then(text_of);
    let meta = |selector: &str| {
        page.select(selector)
            .iter()
            .find_map(|m| m.attr("content").map(|c| c.trim().to_owned()))
            .filter(|c| !c.is_empty())
    };
    let title = meta(r#"meta[property="og:title"]"#)
        .or_else(|| ld("headline"))
        .or_else(|| Some(clean(&page.select("head title").text())).filter(|t| !t.is_empty()));
    let published = ld("datePublished")
        .and_then(|d| local_minute(&d))
        .or_else(|| meta(r#"meta[property="article:published_time"]"#).and_then(|d| local_minute(&d)))
        .or_else(|| {
            page.select("article time[datetime]").iter().find_map(|t| local_minute(&t.attr("datetime")?))
        });
    let modified = ld("dateModified")
        .and_then(|d| local_minute(&d))
        .or_else(|| meta(r#"meta[property="article:modified_time"]"#).and_then(|d| local_minute(&d)));
    let author = article
        .as_ref()
        .and_then(|a| a.get("author"))
        .and_then(author_names)
        .or_else(|| meta(r#"meta[name="author"]"#));
    let language = page
        .select("html[lang]")
        .attr("lang")
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .or_else(|| ld("inLanguage"));
    PageMeta { title, published, modified, author, language }
}

/// The first JSON-LD object whose `@type` is an article (`NewsArticle`,
/// `Article`, `ReportageNewsArticle`...), looking into arrays and
/// `@graph`s.
fn json_ld_article(page: &Document) -> Option<Json> {
    for script in &page.select(r#"script[type="application/ld+json"]"#) {
        let Ok(json) = serde_json::from_str::<Json>(script.text().trim()) else { continue };
        let mut todo = vec![json];
        // Bounded: a page's JSON-LD is small, and each value is visited once.
        while let Some(v) = todo.pop() {
            match v {
                Json::Array(items) => todo.extend(items.into_iter().rev()),
                Json::Object(mut o) => {
                    if is_article(o.get("@type")) {
                        return Some(Json::Object(o));
                    }
                    if let Some(graph) = o.remove("@graph") {
                        todo.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn is_article(kind: Option<&Json>) -> bool {
    let named = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match kind {
        Some(Json::String(s)) => named(s),
        Some(Json::Array(items)) => items.iter().any(|i| i.as_str().is_some_and(named)),
        _ => false,
    }
}

/// A JSON-LD value as text: a string, or the first string of a list.
fn text_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Json::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// Authors' names: a string, a `Person` with a `name`, or a list of
/// them, joined with ", ".
fn author_names(v: &Json) -> Option<String> {
    let one = |v: &Json| match v {
        Json::String(s) => Some(clean(s)),
        Json::Object(o) => o.get("name").and_then(text_of),
        _ => None,
    };
    let names: Vec<String> = match v {
        Json::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Whitespace runs as one space, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ISO 8601 date or date-time as a partial date of docs/reference.md section 2: the
/// local clock time to the minute (`2024-03-23T13:23:45+05:00` →
/// `2024-03-23T13:23`), or the day (`2024-03-23`). `None` for anything
/// else.
pub(crate) fn local_minute(text: &str) -> Option<String> {
    let t = text.trim();
    let day = t.get(..10)?;
    let candidate = match t.as_bytes().get(10) {
        Some(b'T' | b't' | b' ') if t.len() >= 16 && t.as_bytes()[13] == b':' => {
            format!("{day}T{}", &t[11..16])
        }
        None => day.to_owned(),
        Some(_) => day.to_owned(),
    };
    crate::model::date::PartialDate::parse(&candidate).ok().map(|_| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Toll rises | The Paper</title>
<meta property="og:title" content="Toll rises to 143">
<meta property="article:published_time" content="2024-03-23T20:00:00+03:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":["NewsArticle"],"headline":"Toll  rises","datePublished":"2024-03-23T21:05:09+03:00",
  "dateModified":"2024-03-24T08:00:00+03:00","author":[{"@type":"Person","name":"A. Writer"},"B. Writer"]}]}</script>
</head><body><article><time datetime="2024-03-22">x</time></article></body></html>"#;

    #[test]
    fn reads_json_ld_and_open_graph() {
        let m = of_html(ARTICLE);
        assert_eq!(m.title.as_deref(), Some("Toll rises to 143"));
        assert_eq!(m.published.as_deref(), Some("2024-03-23T21:05"));
        assert_eq!(m.modified.as_deref(), Some("2024-03-24T08:00"));
        assert_eq!(m.author.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn falls_back_in_order() {
        let m = of_html(
            r#"<html><head><title> Plain
 title </title><meta property="article:published_time" content="2024-03-23"></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Plain title"));
        assert_eq!(m.published.as_deref(), Some("2024-03-23"));
        assert_eq!(m.language, None);
        let m = of_html(
            r#"<html><body><article><p>x</p><time datetime="2024-03-23T13:23Z">y</time></article></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-03-23T13:23"));
        assert_eq!(m.title, None);
        let m = of_html(r#"<html><body><script type="application/ld+json">not json</script></body></html>"#);
        assert_eq!(m, PageMeta::default());
    }

    #[test]
    fn dates_to_the_minute() {
        for (input, expected) in [
            ("2024-03-23T13:23:45+05:00", Some("2024-03-23T13:23")),
            ("2024-03-23 13:23", Some("2024-03-23T13:23")),
            ("2024-03-23", Some("2024-03-23")),
            ("2024-13-23", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(local_minute(input).as_deref(), expected, "{input}");
        }
    }
}
