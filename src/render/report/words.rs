//! Words the report's formats share: a value as people read it (actors by
//! name), the Admiralty words of a grade, and the desk's retraction. Raw
//! text: each renderer escapes it for its target.

use crate::compare::report::SourceNames;
use crate::model::{Claim, Rank, Value, Verdict};

/// The desk's word on a claim taken out of the comparison, if any.
pub(crate) fn retraction(c: &Claim) -> Option<String> {
    if c.rank == Rank::Deprecated {
        Some("ranked Deprecated by the desk".to_owned())
    } else {
        c.review
            .as_ref()
            .filter(|r| r.verdict == Verdict::False)
            .map(|r| format!("rated False by {} on {}", r.by, r.on))
    }
}

/// A value in words, with actors by name (`Israel + United States`).
pub(crate) fn value_words(v: &Value, names: &SourceNames) -> String {
    match v {
        Value::Actor(_) | Value::Actors(_) => {
            v.actors().iter().map(|a| names.get(a)).collect::<Vec<_>>().join(" + ")
        }
        _ => v.display(),
    }
}

/// The Admiralty words for a credibility grade.
pub(crate) fn grade_words(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "cannot be judged",
    }
}
