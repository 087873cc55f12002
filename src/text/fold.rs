//! Quote folding (docs/reference.md section 7, `quote-not-found`): quotes are compared
//! with snapshots after folding typography that copy and paste, translation
//! and CMSs change freely, while keeping case and wording exact.

use std::collections::HashSet;
use std::ops::Range;

/// Folds `text`: every run of whitespace (NBSP included) to one space;
/// ‘ ’ ‚ ‛ ′ to `'`; “ ” „ ‟ ″ to `"`; ‐ ‑ ‒ – — − to `-`; … to `...`.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
            continue;
        }
        in_space = false;
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            c => out.push(c),
        }
    }
    out
}

/// A folded text that remembers where its bytes came from, so that a
/// passage found in the folded text (a quote) can be placed in the
/// original (to say which figures it covers). Folding as [`fold`].
#[derive(Debug, Clone)]
pub(crate) struct FoldedText {
    pub text: String,
    /// Every stretch whose folded length differs from the original's (a
    /// run of whitespace, a typographic character), in order; between two
    /// stretches, folded and original bytes correspond one to one.
    stretches: Vec<Stretch>,
}

#[derive(Debug, Clone)]
struct Stretch {
    folded: Range<usize>,
    original: Range<usize>,
}

impl FoldedText {
    pub(crate) fn new(original: &str) -> FoldedText {
        let mut text = String::with_capacity(original.len());
        let mut stretches: Vec<Stretch> = Vec::new();
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let folded_at = text.len();
            if c.is_whitespace() || c == '\u{a0}' {
                let mut end = at + c.len_utf8();
                while let Some(&(next, d)) = chars.peek() {
                    if !(d.is_whitespace() || d == '\u{a0}') {
                        break;
                    }
                    end = next + d.len_utf8();
                    chars.next();
                }
                text.push(' ');
                if &original[at..end] != " " {
                    stretches.push(Stretch { folded: folded_at..folded_at + 1, original: at..end });
                }
                continue;
            }
            let replaced = match c {
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => "'",
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => "\"",
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => "-",
                '\u{2026}' => "...",
                c => {
                    text.push(c);
                    continue;
                }
            };
            text.push_str(replaced);
            stretches.push(Stretch { folded: folded_at..text.len(), original: at..at + c.len_utf8() });
        }
        FoldedText { text, stretches }
    }

    /// The original byte range of a folded byte range: a bound inside a
    /// folded stretch widens to the whole of its original.
    pub(crate) fn original(&self, folded: Range<usize>) -> Range<usize> {
        self.original_at(folded.start, false)..self.original_at(folded.end, true)
    }

    fn original_at(&self, pos: usize, is_end: bool) -> usize {
        // The last stretch that begins at or before `pos`.
        let i = self.stretches.partition_point(|s| s.folded.start <= pos);
        let Some(s) = i.checked_sub(1).map(|i| &self.stretches[i]) else { return pos };
        if pos >= s.folded.end {
            s.original.end + (pos - s.folded.end)
        } else if pos == s.folded.start || !is_end {
            s.original.start
        } else {
            s.original.end
        }
    }
}

/// Quotes longer than this many words get no closest passage: the word
/// diffs that rank candidates grow with the square of the length, and a
/// quote that long is better checked by hand.
pub(crate) const MAX_QUOTE_WORDS: usize = 200;

/// The passage of `folded_doc` most like `folded_quote` (same number of
/// words, best word-level similarity), and a word diff from the quote to
/// it: `[-removed-]` and `{+added+}`. Linear in the document's length:
/// windows are scored by a running count of quote words, and only the 20
/// best are compared word by word.
pub(crate) fn closest_passage(folded_doc: &str, folded_quote: &str) -> Option<(String, String)> {
    let doc_words: Vec<(usize, &str)> = word_spans(folded_doc);
    let quote_words: HashSet<&str> = folded_quote.split(' ').filter(|w| !w.is_empty()).collect();
    let quote_len = folded_quote.split(' ').filter(|w| !w.is_empty()).count();
    if doc_words.is_empty() || quote_words.is_empty() || quote_len > MAX_QUOTE_WORDS {
        return None;
    }
    let n = quote_len.min(doc_words.len());
    // A cheap score first: how many of each window's words are quote words.
    let shared: Vec<u32> = doc_words.iter().map(|(_, w)| u32::from(quote_words.contains(w))).collect();
    let mut score: u32 = shared[..n].iter().sum();
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(doc_words.len() - n + 1);
    best.push((score, 0));
    for start in 1..=doc_words.len() - n {
        score = score + shared[start + n - 1] - shared[start - 1];
        best.push((score, start));
    }
    let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if best.len() > 20 {
        best.select_nth_unstable_by(19, order);
        best.truncate(20);
    }
    best.sort_by(order);
    let passage_of = |start: usize| {
        let from = doc_words[start].0;
        let (last_at, last) = doc_words[start + n - 1];
        &folded_doc[from..last_at + last.len()]
    };
    let (_, start) = best
        .iter()
        .map(|&(_, start)| {
            let ratio = similar::TextDiff::from_words(folded_quote, passage_of(start)).ratio();
            (ratio, start)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let passage = passage_of(start).to_owned();
    let diff = word_diff(folded_quote, &passage);
    Some((passage, diff))
}

/// A word diff of two texts: `[-old-]{+new+}` marks, unchanged words plain.
pub(crate) fn word_diff(old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(v),
            ChangeTag::Delete if v.trim().is_empty() => {}
            ChangeTag::Insert if v.trim().is_empty() => out.push_str(v),
            ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(v);
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(v);
                out.push_str("+}");
            }
        }
    }
    out
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in text.split(' ') {
        if !w.is_empty() {
            out.push((pos, w));
        }
        pos += w.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography() {
        assert_eq!(fold("a \u{a0}\n b"), "a b");
        assert_eq!(fold("‘x’ “y” a–b—c−d …"), "'x' \"y\" a-b-c-d ...");
        assert_eq!(fold("Case Stays"), "Case Stays");
    }

    #[test]
    fn folded_texts_map_back_to_the_original() {
        let original = "a \u{a0}\n “143”\u{a0}people – said… x";
        let folded = FoldedText::new(original);
        assert_eq!(folded.text, fold(original));
        for passage in ["\"143\" people", "143", "said...", "said", "- said... x", "a \"143", "...", "."] {
            let at = folded.text.find(passage).expect("in the folded text");
            let back = &original[folded.original(at..at + passage.len())];
            assert_eq!(fold(back), if passage == "." { "..." } else { passage }, "{passage:?} → {back:?}");
        }
        assert_eq!(folded.original(0..1), 0..1, "before any stretch");
        let plain = FoldedText::new("plain text");
        assert_eq!(plain.original(2..7), 2..7);
    }

    #[test]
    fn finds_the_closest_passage() {
        let doc = fold(
            "The tragedy in Moscow's Crocus City Hall claimed the lives of at least 143 people. The reason",
        );
        let (passage, diff) = closest_passage(&doc, "claimed the lives of at least 134 people").unwrap();
        assert_eq!(passage, "claimed the lives of at least 143 people.");
        assert!(diff.contains("[-134-]") && diff.contains("{+143+}"), "{diff}");
    }

    #[test]
    fn long_quotes_and_documents_stay_linear() {
        // Quadratic scoring took minutes on this; now it is one pass.
        let doc: String = (0..200_000).map(|i| format!("w{} ", i % 5000)).collect();
        let doc = fold(&doc);
        let quote: String = (0..MAX_QUOTE_WORDS).map(|i| format!("w{} ", i + 7)).collect();
        let (passage, _) = closest_passage(&doc, quote.trim()).unwrap();
        assert!(passage.starts_with("w7 w8 "), "{passage}");
        let too_long: String = (0..=MAX_QUOTE_WORDS).map(|i| format!("q{i} ")).collect();
        assert_eq!(closest_passage(&doc, too_long.trim()), None);
    }
}
