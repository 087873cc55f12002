//! The analysis of `recheck` (docs/reference.md section 6): a document's archived text
//! against the text of its live page, and each quote citing the document
//! against the live text. Pure: the CLI fetches and reads, this compares.
//!
//! Texts are compared after the quote folding of docs/reference.md section 7 (a page
//! that only changed a curly quote or a run of spaces is `unchanged`), so
//! "changed" means a reader would see other words. What changed is a word
//! diff, cut into edits with a few words of context; how a quote differs
//! from its closest live passage is written `old → new` per edit
//! (`143 → 144`).

use crate::store::contents::Contents;
use crate::text::fold::{closest_passage, fold};

/// What fetching the live page gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Live {
    /// The live page's readable text.
    Text(String),
    /// HTTP 404 or 410.
    Gone(u16),
    /// The page could not be fetched or read: the reason.
    Unreachable(String),
}

/// The verdict on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Unchanged,
    Changed,
    Gone,
    Unreachable,
}

impl Status {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::Gone => "gone",
            Status::Unreachable => "unreachable",
        }
    }
}

/// One document rechecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rechecked {
    pub document: String,
    pub url: String,
    pub status: Status,
    /// Why unreachable (or gone: the status).
    pub reason: Option<String>,
    /// What changed, when changed.
    pub edits: Vec<Edit>,
    /// Every quote citing the document, with whether the live page still
    /// has it (none when unreachable: nothing can be said).
    pub quotes: Vec<QuoteCheck>,
}

impl Rechecked {
    /// Whether this document makes `recheck` exit 1: gone while cited, or
    /// a cited quote no longer on the page.
    pub(crate) fn is_alarm(&self) -> bool {
        (self.status == Status::Gone && !self.quotes.is_empty()) || self.quotes.iter().any(|q| !q.found)
    }
}

/// One change of the text: the words before it, what was there and what
/// is there now (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub before: String,
    pub old: String,
    pub new: String,
}

/// A quote of a claim against the live page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuoteCheck {
    pub claim: String,
    pub quote: String,
    pub found: bool,
    /// The closest live passage, when not found.
    pub closest: Option<String>,
    /// How the quote differs from that passage, one `old → new` per edit.
    pub differences: Vec<String>,
}

/// Words of context shown before an edit.
const CONTEXT_WORDS: usize = 6;

/// Compares document `id` (at `url`, whose archived text is `archived`)
/// with its live page.
pub(crate) fn recheck(contents: &Contents, id: &str, url: &str, archived: &str, live: &Live) -> Rechecked {
    let quotes = quotes_citing(contents, id);
    let mut out = Rechecked {
        document: id.to_owned(),
        url: url.to_owned(),
        status: Status::Unchanged,
        reason: None,
        edits: vec![],
        quotes: vec![],
    };
    match live {
        Live::Unreachable(why) => {
            out.status = Status::Unreachable;
            out.reason = Some(why.clone());
        }
        Live::Gone(status) => {
            out.status = Status::Gone;
            out.reason = Some(format!("HTTP {status}"));
            out.quotes = quotes
                .into_iter()
                .map(|(claim, quote)| QuoteCheck {
                    claim,
                    quote,
                    found: false,
                    closest: None,
                    differences: vec![],
                })
                .collect();
        }
        Live::Text(text) => {
            let (old, new) = (fold(archived), fold(text));
            if old != new {
                out.status = Status::Changed;
                out.edits = edits(&old, &new);
            }
            out.quotes = quotes.into_iter().map(|(claim, quote)| check_quote(&new, claim, quote)).collect();
        }
    }
    out
}

/// Every (claim, quote) citing document `id`, in file order.
fn quotes_citing(contents: &Contents, id: &str) -> Vec<(String, String)> {
    contents
        .claims()
        .flat_map(|(_, c)| {
            c.citations.iter().filter(|cit| cit.document == id).map(|cit| (c.id.clone(), cit.quote.clone()))
        })
        .collect()
}

fn check_quote(folded_live: &str, claim: String, quote: String) -> QuoteCheck {
    let needle = fold(&quote);
    let needle = needle.trim();
    if !needle.is_empty() && folded_live.contains(needle) {
        return QuoteCheck { claim, quote, found: true, closest: None, differences: vec![] };
    }
    let closest = closest_passage(folded_live, needle);
    let differences = match &closest {
        Some((passage, _)) => edits(needle, passage)
            .into_iter()
            .map(|e| format!("{} → {}", shown(&e.old), shown(&e.new)))
            .collect(),
        None => vec![],
    };
    QuoteCheck { claim, quote, found: false, closest: closest.map(|(p, _)| p), differences }
}

/// An empty side of an edit, shown as `∅`.
fn shown(text: &str) -> &str {
    if text.is_empty() { "∅" } else { text }
}

/// The word edits from `old` to `new` (folded texts), each with a few
/// words of context before it. Words are compared as similar's word diff
/// does; a long page diffs in time near-linear in its length (similar's
/// Myers diff with its deadline).
pub(crate) fn edits(old: &str, new: &str) -> Vec<Edit> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure().timeout(std::time::Duration::from_secs(2)).diff_words(old, new);
    let mut out: Vec<Edit> = Vec::new();
    let mut context: Vec<String> = Vec::new();
    let mut current: Option<Edit> = None;
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                if v.trim().is_empty() {
                    continue;
                }
                if let Some(e) = current.take() {
                    // The context reads as the live text does.
                    context.extend(e.new.split(' ').filter(|w| !w.is_empty()).map(|w| w.to_owned()));
                    out.push(e);
                }
                context.push(v.to_owned());
                if context.len() > CONTEXT_WORDS {
                    context.drain(..context.len() - CONTEXT_WORDS);
                }
            }
            tag => {
                if v.trim().is_empty() {
                    continue;
                }
                let e = current.get_or_insert_with(|| Edit {
                    before: context.join(" "),
                    old: String::new(),
                    new: String::new(),
                });
                let side = if tag == ChangeTag::Delete { &mut e.old } else { &mut e.new };
                if !side.is_empty() {
                    side.push(' ');
                }
                side.push_str(v);
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_with_context() {
        let e = edits("at least 143 people were killed", "at least 144 people were killed today");
        assert_eq!(
            e,
            vec![
                Edit { before: "at least".into(), old: "143".into(), new: "144".into() },
                Edit {
                    before: "at least 144 people were killed".into(),
                    old: String::new(),
                    new: "today".into()
                },
            ]
        );
        assert!(edits("same text", "same text").is_empty());
    }

    fn store(quote: &str) -> Contents {
        let claim = format!(
            "Claim(id: \"c\", subject: \"s\", measure: \"killed\", value: Exact(143), statement: \"x\", claimant: \"ic\", citations: [Citation(document: \"doc\", quote: {quote:?})])"
        );
        crate::testing::snapshot(&[("claims/c.ron", &crate::testing::sealed(&claim))])
    }

    #[test]
    fn quotes_against_the_live_page() {
        let snap = store("at least 143 people were killed");
        let archived = "Officials said at least 143 people were killed in the attack.";
        let live = Live::Text("Officials said at least 144 people were killed in the attack.".into());
        let r = recheck(&snap, "doc", "http://x/", archived, &live);
        assert_eq!(r.status, Status::Changed);
        assert_eq!(r.edits.len(), 1);
        assert!(!r.quotes[0].found);
        assert_eq!(r.quotes[0].closest.as_deref(), Some("at least 144 people were killed"));
        assert_eq!(r.quotes[0].differences, ["143 → 144"]);
        assert!(r.is_alarm());
        // Only typography changed: unchanged, the quote found.
        let live = Live::Text("Officials  said at least 143 people were killed in the attack.".into());
        let r = recheck(&snap, "doc", "http://x/", archived, &live);
        assert_eq!((r.status, r.quotes[0].found, r.is_alarm()), (Status::Unchanged, true, false));
        let r = recheck(&snap, "doc", "http://x/", archived, &Live::Gone(410));
        assert_eq!((r.status, r.is_alarm()), (Status::Gone, true));
        let r = recheck(&snap, "doc", "http://x/", archived, &Live::Unreachable("timed out".into()));
        assert_eq!((r.status, r.quotes.len(), r.is_alarm()), (Status::Unreachable, 0, false));
    }
}
