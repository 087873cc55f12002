//! The vocabulary of measures (docs/reference.md section 4), read from
//! schemas/measures.ron.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What can be asserted of a subject, and how its values compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The measure's id, as claims name it.
    pub id: String,
    /// What its values are: counts, dates, actors or texts.
    pub kind: MeasureKind,
    /// The unit of counts (`people`), for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Applies to counts: a NonDecreasing toll that grows is a revision.
    #[serde(default)]
    pub trend: Trend,
    /// Applies to `About(n)` counts: the half-width of the interval, in percent.
    #[serde(default = "default_tolerance")]
    pub tolerance_percent: u64,
    /// Applies to actors: several actors may all be true at once.
    #[serde(default)]
    pub multi: bool,
    /// What the measure means, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The default `tolerance_percent` of docs/reference.md section 4.
pub(crate) const DEFAULT_TOLERANCE_PERCENT: u64 = 10;

pub(super) fn default_tolerance() -> u64 {
    DEFAULT_TOLERANCE_PERCENT
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum MeasureKind {
    Count,
    Date,
    Actor,
    Text,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 4] =
        [MeasureKind::Count, MeasureKind::Date, MeasureKind::Actor, MeasureKind::Text];

    pub fn name(self) -> &'static str {
        match self {
            MeasureKind::Count => "Count",
            MeasureKind::Date => "Date",
            MeasureKind::Actor => "Actor",
            MeasureKind::Text => "Text",
        }
    }
}

/// How a measure's counts may change over time: `Any` (no expected
/// direction) or `NonDecreasing` (only upward, as a toll: a later, higher
/// figure is a revision, not a conflict).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // variants named above: a doc each would make the schema's `enum` a `oneOf`
pub enum Trend {
    #[default]
    Any,
    NonDecreasing,
}

impl Trend {
    /// Every trend.
    pub const ALL: [Trend; 2] = [Trend::Any, Trend::NonDecreasing];

    /// The trend as written in schemas/measures.ron.
    pub fn name(self) -> &'static str {
        match self {
            Trend::Any => "Any",
            Trend::NonDecreasing => "NonDecreasing",
        }
    }
}
