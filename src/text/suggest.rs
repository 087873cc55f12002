//! Did-you-mean suggestions for unknown ids, measures and fields.
//!
//! Edit distance costs the product of the two lengths, so a name longer
//! than any id gets no suggestion, and candidates whose length alone rules
//! them out are skipped before any distance is computed.

/// Names longer than this get no suggestions (ids are at most 100 chars).
const MAX_WANTED: usize = 200;

/// Up to three candidates close to `wanted`, best first.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    if wanted.len() > MAX_WANTED {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter(|c| could_be_close(wanted, c))
        .filter_map(|c| {
            let score = strsim::normalized_damerau_levenshtein(wanted, c)
                .max(if c.contains(wanted) || wanted.contains(c) { 0.75 } else { 0.0 });
            (score >= 0.6 && c != wanted).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Whether `c` can score 0.6: by edit distance (at least the difference
/// of the lengths, normalized by the longer) or by containment.
fn could_be_close(wanted: &str, c: &str) -> bool {
    let (a, b) = (wanted.chars().count(), c.chars().count());
    let (short, long) = (a.min(b), a.max(b));
    long == 0 || (long - short) * 5 <= long * 2 || c.contains(wanted) || wanted.contains(c)
}

/// " (did you mean `a` or `b`?)", or nothing.
pub(crate) fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let close = closest(wanted, candidates);
    match close.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => {
            let quoted: Vec<String> = many.iter().map(|c| format!("`{c}`")).collect();
            format!("; did you mean {}?", quoted.join(" or "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids() {
        assert_eq!(closest("knbb", ["knb", "fsb", "orda"]), vec!["knb"]);
        assert_eq!(closest("iskp", ["islamic-state", "iskp-media"]), vec!["iskp-media"]);
        assert!(closest("zzz", ["knb"]).is_empty());
        assert_eq!(did_you_mean("valu", ["value"]), "; did you mean `value`?");
        assert!(closest(&"k".repeat(5_000_000), ["knb"]).is_empty());
        // The length filter keeps every candidate the score would keep.
        let words =
            ["a", "ab", "abc", "abcd", "abxde", "abcdef", "xbcdefg", "abcdefgh", "bcdefghij", "abcdefghijkl"];
        for w in words {
            for c in words {
                if strsim::normalized_damerau_levenshtein(w, c) >= 0.6 {
                    assert!(could_be_close(w, c), "{w} {c}");
                }
            }
        }
    }
}
