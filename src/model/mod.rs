//! The record types of the store (docs/reference.md sections 2–4), as parsed from RON.
//!
//! These types are the serde data model of the records. Their `Serialize`
//! impls *are* the canonical form of docs/reference.md section 5: fields are declared in
//! alphabetical order so that a streaming JSON writer emits JCS key order
//! without buffering, absent optionals and empty lists are skipped, and the
//! `hash` field is never serialized. `hash::tests` pins this against a
//! key-sorting reference implementation. Identifiers, dates and hashes are
//! kept as plain strings here: their validity is a finding of `check`
//! (`bad-id`, `bad-date`), not a parse error.

mod content;
pub(crate) mod country;
pub(crate) mod date;
pub(crate) mod fields;
pub(crate) mod id;
pub(crate) mod interval;
mod measure;
mod value;

pub(crate) use measure::{DEFAULT_TOLERANCE_PERCENT, MeasureKind};
pub use measure::{Measure, Trend};
pub use value::Value;
pub(crate) use value::ValueFigure;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One record of the store: the outer RON name is the variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Record {
    Claim(Claim),
    Source(Source),
    Document(Document),
}

/// Which of the three record types a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Claim,
    Source,
    Document,
}

impl RecordKind {
    pub const ALL: [RecordKind; 3] = [RecordKind::Claim, RecordKind::Source, RecordKind::Document];

    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Claim => "Claim",
            RecordKind::Source => "Source",
            RecordKind::Document => "Document",
        }
    }

    /// Lower-case name, as used in JSON outputs (`"type": "claim"`).
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Claim => "claim",
            RecordKind::Source => "source",
            RecordKind::Document => "document",
        }
    }

    pub fn from_name(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Claim(_) => RecordKind::Claim,
            Record::Source(_) => RecordKind::Source,
            Record::Document(_) => RecordKind::Document,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Record::Claim(c) => &c.id,
            Record::Source(s) => &s.id,
            Record::Document(d) => &d.id,
        }
    }

    /// The `hash` field as written in the file.
    pub fn stored_hash(&self) -> Option<&str> {
        match self {
            Record::Claim(c) => c.hash.as_deref(),
            Record::Source(s) => s.hash.as_deref(),
            Record::Document(d) => d.hash.as_deref(),
        }
    }

    pub fn revises(&self) -> Option<&str> {
        match self {
            Record::Claim(c) => c.revises.as_deref(),
            Record::Source(s) => s.revises.as_deref(),
            Record::Document(d) => d.revises.as_deref(),
        }
    }

    /// Sets `revises` (used by `claimtrail hash` before resealing).
    pub fn set_revises(&mut self, revises: Option<String>) {
        match self {
            Record::Claim(c) => c.revises = revises,
            Record::Source(s) => s.revises = revises,
            Record::Document(d) => d.revises = revises,
        }
    }

    pub fn as_claim(&self) -> Option<&Claim> {
        match self {
            Record::Claim(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_source(&self) -> Option<&Source> {
        match self {
            Record::Source(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_document(&self) -> Option<&Document> {
        match self {
            Record::Document(d) => Some(d),
            _ => None,
        }
    }
}

/// A factual assertion about a subject (docs/reference.md section 2, "Claim").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The time the value refers to: a partial ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Where the claim was found; at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Citation>,
    /// The source id of whoever originates the assertion.
    pub claimant: String,
    /// Content hash (docs/reference.md section 5); never part of the canonical form.
    #[serde(default, skip_serializing)]
    pub hash: Option<String>,
    /// The claim's identity, stable across revisions and moves.
    pub id: String,
    /// What is asserted of the subject; defined in schemas/measures.ron.
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Rank::is_normal")]
    pub rank: Rank,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Box<Review>>,
    /// Hash of the version of this record that this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
    /// The claim in plain words.
    pub statement: String,
    /// What the claim is about: an event, a group, a country.
    pub subject: String,
    /// Earlier claims of the same subject and measure that this one
    /// replaces: a corrected or updated figure (docs/reference.md section 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub value: Value,
}

impl Claim {
    /// Whether the claim takes part in comparisons (docs/reference.md section 4): not
    /// Deprecated and not reviewed False.
    pub fn is_compared(&self) -> bool {
        !self.is_retracted()
    }

    /// Ranked Deprecated or reviewed False: kept, but out of the comparison.
    pub fn is_retracted(&self) -> bool {
        self.rank == Rank::Deprecated || self.review.as_ref().is_some_and(|r| r.verdict == Verdict::False)
    }
}

/// Where a claim was found: a document and the exact passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    pub quote: String,
    /// Intermediaries between the claimant and the document, nearest to the
    /// claimant first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

/// The desk's verdict on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub on: String,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Verdict {
    True,
    MostlyTrue,
    Mixed,
    MostlyFalse,
    False,
    Unproven,
    Misleading,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::Mixed,
        Verdict::MostlyFalse,
        Verdict::False,
        Verdict::Unproven,
        Verdict::Misleading,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::True => "True",
            Verdict::MostlyTrue => "MostlyTrue",
            Verdict::Mixed => "Mixed",
            Verdict::MostlyFalse => "MostlyFalse",
            Verdict::False => "False",
            Verdict::Unproven => "Unproven",
            Verdict::Misleading => "Misleading",
        }
    }
}

/// As in Wikidata: Deprecated claims are kept but not compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Rank {
    Preferred,
    #[default]
    Normal,
    Deprecated,
}

impl Rank {
    pub const ALL: [Rank; 3] = [Rank::Preferred, Rank::Normal, Rank::Deprecated];

    pub fn is_normal(&self) -> bool {
        *self == Rank::Normal
    }

    pub fn name(self) -> &'static str {
        match self {
            Rank::Preferred => "Preferred",
            Rank::Normal => "Normal",
            Rank::Deprecated => "Deprecated",
        }
    }
}

/// An actor or outlet whose credibility is tracked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing)]
    pub hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    pub id: String,
    pub kind: SourceKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Larger bodies this source belongs to (`iskp` is part of `islamic-state`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_of: Vec<String>,
    /// Admiralty ratings, oldest first; the last is the current one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
}

impl Source {
    /// The current Admiralty rating: the latest one, F when unrated.
    pub fn current_reliability(&self) -> Reliability {
        self.ratings.last().map_or(Reliability::F, |r| r.reliability)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum SourceKind {
    NewsOutlet,
    NewsAgency,
    Government,
    SecurityService,
    Court,
    Expert,
    ThinkTank,
    ArmedGroup,
    Intelligence,
    Anonymous,
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 11] = [
        SourceKind::NewsOutlet,
        SourceKind::NewsAgency,
        SourceKind::Government,
        SourceKind::SecurityService,
        SourceKind::Court,
        SourceKind::Expert,
        SourceKind::ThinkTank,
        SourceKind::ArmedGroup,
        SourceKind::Intelligence,
        SourceKind::Anonymous,
        SourceKind::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SourceKind::NewsOutlet => "NewsOutlet",
            SourceKind::NewsAgency => "NewsAgency",
            SourceKind::Government => "Government",
            SourceKind::SecurityService => "SecurityService",
            SourceKind::Court => "Court",
            SourceKind::Expert => "Expert",
            SourceKind::ThinkTank => "ThinkTank",
            SourceKind::ArmedGroup => "ArmedGroup",
            SourceKind::Intelligence => "Intelligence",
            SourceKind::Anonymous => "Anonymous",
            SourceKind::Other => "Other",
        }
    }
}

/// One Admiralty rating of a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub on: String,
    pub reliability: Reliability,
}

/// Source reliability on the Admiralty scale; `A` is best. The derived
/// order makes `A < B`, so "better than" is "less than".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: [Reliability; 6] =
        [Reliability::A, Reliability::B, Reliability::C, Reliability::D, Reliability::E, Reliability::F];

    pub fn letter(self) -> &'static str {
        match self {
            Reliability::A => "A",
            Reliability::B => "B",
            Reliability::C => "C",
            Reliability::D => "D",
            Reliability::E => "E",
            Reliability::F => "F",
        }
    }

    pub fn from_letter(s: &str) -> Option<Reliability> {
        match s {
            "A" => Some(Reliability::A),
            "B" => Some(Reliability::B),
            "C" => Some(Reliability::C),
            "D" => Some(Reliability::D),
            "E" => Some(Reliability::E),
            "F" => Some(Reliability::F),
            _ => None,
        }
    }
}

/// One publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Path of the WARC 1.1 capture of the HTTP exchange the snapshot came
    /// from, relative to sources/snapshots/ (`archive` writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<String>,
    /// `sha256:` of the capture file's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_hash: Option<String>,
    #[serde(default, skip_serializing)]
    pub hash: Option<String>,
    pub id: String,
    /// BCP 47 language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub published: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
    /// Path of the archived text, relative to sources/snapshots/.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// `sha256:` of the snapshot file's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_hash: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An earlier capture of the same publication that this one re-archives
    /// (`recheck --save` writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_of: Option<String>,
}
