//! Did-you-mean suggestions for unknown ids, measures and fields.

/// Up to three candidates close to `wanted`, best first.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let score = strsim::normalized_damerau_levenshtein(wanted, c)
                .max(if c.contains(wanted) || wanted.contains(c) { 0.75 } else { 0.0 });
            (score >= 0.6 && c != wanted).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// " (did you mean `a` or `b`?)", or nothing.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
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
    }
}
