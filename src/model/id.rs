//! Identifiers are slugs: `[a-z0-9][a-z0-9-]{0,99}` (docs/reference.md section 2).

/// The longest id allowed.
pub(crate) const MAX_ID_LEN: usize = 100;

/// Whether `id` is a slug.
pub(crate) fn is_slug(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// A slug made from free text, for suggestions: `"Crocus City Hall"` →
/// `"crocus-city-hall"`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(MAX_ID_LEN);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "0", "iskp", "crocus-city-hall-attack-2024", "a-", &"a".repeat(100)] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a_b", "a b", "é", &"a".repeat(101), "a.b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn slugify_makes_slugs() {
        assert_eq!(slugify("Crocus City Hall!"), "crocus-city-hall");
        assert_eq!(slugify("  ISKP  "), "iskp");
    }
}
