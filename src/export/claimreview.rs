//! schema.org ClaimReview JSON-LD (the markup fact-checkers publish and
//! search engines read): one object for each claim with a `review`.
//!
//! - `claimReviewed` is the claimant's own words: the quote of the claim's
//!   first citation (the statement is the desk's paraphrase, and rating a
//!   paraphrase False would say the claimant said what it did not);
//!   `reviewRating.alternateName` the
//!   verdict in words, with `ratingValue` on a 1 (False) to 5 (True) scale
//!   where the verdict has a place on it (Unproven has none, so it carries
//!   no number).
//! - `itemReviewed` is a Claim whose `author` is the claimant (a Person
//!   for experts, an Organization otherwise), whose `appearance` lists the
//!   cited documents that have a URL, and whose `datePublished` is the
//!   earliest of the cited documents' dates.
//! - `url` is `<review_url>/<claim-id>` when claimtrail.ron sets review_url
//!   (Google requires it; the CLI says on standard error when it is not
//!   set); `author` is an Organization named by the review's `by`, with
//!   the site of `review_url` (its scheme and host) as its `url`.
//! - `itemReviewed.author` carries the claimant's `homepage` as its `url`,
//!   and `itemReviewed.firstAppearance` is the earliest cited document
//!   that has a URL (all of them are in `appearance`).
//!
//! These are the fields Google lists as required (`claimReviewed`,
//! `reviewRating` with `alternateName`, `url`, and a `ratingValue` with
//! `bestRating`/`worstRating` where the verdict has a number) and
//! recommended (`author`, `datePublished`, `itemReviewed` as a Claim with
//! `author`, `datePublished`, `appearance`, `firstAppearance`).
//!
//! The JSON is written with `<`, `>` and `&` escaped (`\u003c`), so it can
//! be pasted into a `<script type="application/ld+json">` block safely.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Claim, Record, SourceKind, Verdict};
use crate::store::contents::Contents;

/// The ClaimReview objects of every reviewed claim, in file order.
pub fn reviews(contents: &Contents) -> Vec<ClaimReview> {
    let by_id = contents.by_id();
    let site = contents.config.review_url.as_deref().and_then(site_of);
    contents
        .claims()
        .filter_map(|(_, claim)| {
            let review = claim.review.as_ref()?;
            Some(ClaimReview {
                context: "https://schema.org",
                kind: "ClaimReview",
                url: contents
                    .config
                    .review_url
                    .as_ref()
                    .map(|base| format!("{}/{}", base.trim_end_matches('/'), claim.id)),
                identifier: claim.id.clone(),
                claim_reviewed: claim
                    .citations
                    .first()
                    .map_or_else(|| claim.statement.clone(), |c| c.quote.clone()),
                date_published: review.on.clone(),
                author: Party { kind: "Organization", name: review.by.clone(), url: site.clone() },
                review_rating: Rating::of(review.verdict),
                item_reviewed: item(claim, &by_id),
            })
        })
        .collect()
}

/// Writes the reviews as one JSON array.
pub fn write(out: &mut dyn Write, reviews: &[ClaimReview]) -> io::Result<()> {
    let text = serde_json::to_string_pretty(reviews).map_err(io::Error::other)?;
    // Outside strings JSON has none of these characters, so replacing them
    // everywhere only touches string contents.
    let text = text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    writeln!(out, "{}", escape_controls(&text))
}

/// DEL, C1 controls and bidirectional overrides as `\u` escapes (serde_json
/// escapes only C0): JSON-LD is pasted into pages and shown on terminals.
/// Outside strings JSON has none of them, so this only touches string
/// contents; the line breaks of the pretty layout stay.
fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && crate::text::escape::needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One schema.org ClaimReview, as JSON-LD.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    identifier: String,
    claim_reviewed: String,
    date_published: String,
    author: Party,
    review_rating: Rating,
    item_reviewed: ItemReviewed,
}

#[derive(Debug, Clone, Serialize)]
struct Party {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The site of an address: `https://factcheck.example.org` of
/// `https://factcheck.example.org/reviews`; `None` when it has none.
fn site_of(address: &str) -> Option<String> {
    let origin = url::Url::parse(address).ok()?.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
}

impl Rating {
    fn of(verdict: Verdict) -> Rating {
        let (words, value) = match verdict {
            Verdict::True => ("True", Some(5)),
            Verdict::MostlyTrue => ("Mostly true", Some(4)),
            Verdict::Mixed => ("Mixed", Some(3)),
            Verdict::MostlyFalse => ("Mostly false", Some(2)),
            Verdict::Misleading => ("Misleading", Some(2)),
            Verdict::False => ("False", Some(1)),
            Verdict::Unproven => ("Unproven", None),
        };
        Rating {
            kind: "Rating",
            alternate_name: words,
            rating_value: value,
            best_rating: value.map(|_| 5),
            worst_rating: value.map(|_| 1),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemReviewed {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Party,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appearance: Vec<Appearance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_appearance: Option<Appearance>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    headline: String,
    date_published: String,
}

fn item(
    claim: &Claim,
    by_id: &std::collections::HashMap<&str, &crate::store::contents::Entry>,
) -> ItemReviewed {
    let author = match by_id.get(claim.claimant.as_str()).and_then(|e| e.record.as_source()) {
        Some(s) => Party {
            kind: if s.kind == SourceKind::Expert { "Person" } else { "Organization" },
            name: s.name.clone(),
            url: s.homepage.clone(),
        },
        None => Party { kind: "Organization", name: claim.claimant.to_string(), url: None },
    };
    let mut appearance: Vec<Appearance> = Vec::new();
    let mut first: Option<&str> = None;
    for c in &claim.citations {
        let Some(Record::Document(d)) = by_id.get(c.document.as_str()).map(|e| &e.record) else { continue };
        // Dates compare as text: ISO partial dates sort by time.
        if first.is_none_or(|f| d.published.as_str() < f) {
            first = Some(&d.published);
        }
        let Some(url) = &d.url else { continue };
        if appearance.iter().all(|a| &a.url != url) {
            appearance.push(Appearance {
                kind: "CreativeWork",
                url: url.clone(),
                headline: d.title.clone(),
                date_published: d.published.clone(),
            });
        }
    }
    // Dates compare as text: ISO partial dates sort by time.
    let first_appearance = appearance.iter().min_by(|a, b| a.date_published.cmp(&b.date_published)).cloned();
    ItemReviewed {
        kind: "Claim",
        author,
        date_published: first.map(str::to_owned),
        appearance,
        first_appearance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_of_review_urls() {
        assert_eq!(
            site_of("https://factcheck.example.org/reviews").as_deref(),
            Some("https://factcheck.example.org")
        );
        assert_eq!(site_of("not a url"), None);
    }

    #[test]
    fn ratings_map_verdicts() {
        let r = serde_json::to_value(Rating::of(Verdict::MostlyFalse)).unwrap();
        assert_eq!(
            r,
            serde_json::json!({"@type": "Rating", "alternateName": "Mostly false", "ratingValue": 2, "bestRating": 5, "worstRating": 1})
        );
        let r = serde_json::to_value(Rating::of(Verdict::Unproven)).unwrap();
        assert_eq!(r, serde_json::json!({"@type": "Rating", "alternateName": "Unproven"}));
    }

    #[test]
    fn markup_is_escaped_for_script_blocks() {
        let mut out = Vec::new();
        let review = ClaimReview {
            context: "https://schema.org",
            kind: "ClaimReview",
            url: None,
            identifier: "x".into(),
            claim_reviewed: "</script><b>&\u{9b}\u{85}\u{7f}\u{202e}\u{2066}\u{2069}".into(),
            date_published: "2024".into(),
            author: Party { kind: "Organization", name: "d".into(), url: None },
            review_rating: Rating::of(Verdict::True),
            item_reviewed: ItemReviewed {
                kind: "Claim",
                author: Party { kind: "Person", name: "p".into(), url: None },
                date_published: None,
                appearance: vec![],
                first_appearance: None,
            },
        };
        write(&mut out, &[review]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('<') && !text.contains('&'), "{text}");
        assert!(!text.chars().any(|c| c != '\n' && crate::text::escape::needs_escape(c)), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0]["claimReviewed"], "</script><b>&\u{9b}\u{85}\u{7f}\u{202e}\u{2066}\u{2069}");
    }
}
