//! The record types of the store (docs/reference.md sections 2–4), as parsed from RON.
//!
//! These types are the serde data model of the records. Their `Serialize`
//! impls *are* the canonical form of docs/reference.md section 5: fields are declared in
//! alphabetical order so that a streaming JSON writer emits JCS key order
//! without buffering, absent optionals and empty lists are skipped, and the
//! `hash` field is never serialized. `hash::tests` pins this against a
//! key-sorting reference implementation. Identifiers, dates and hashes are
//! kept as written here (the names many records repeat as shared
//! [`Name`]s, a hash as a [`Seal`]: its 32 bytes when well formed): their
//! validity is a finding of `check` (`bad-id`, `bad-date`,
//! `hash-mismatch`), not a parse error.

mod content;
pub(crate) mod country;
pub(crate) mod date;
pub(crate) mod fields;
pub(crate) mod id;
pub(crate) mod interval;
mod measure;
mod name;
mod seal;
mod string_like;
mod value;

pub(crate) use measure::{DEFAULT_TOLERANCE_PERCENT, MeasureKind};
pub use measure::{Measure, Trend};
pub use name::Name;
pub(crate) use name::interning;
pub use seal::Seal;
pub(crate) use seal::{PREFIX as SEAL_PREFIX, digest_of};
pub use value::Value;
pub(crate) use value::ValueFigure;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One record of the store: the outer RON name is the variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Record {
    /// A claim, under claims/.
    Claim(Claim),
    /// A source, under sources/.
    Source(Source),
    /// A document, under sources/. Boxed: a document has 17 fields where
    /// a claim has 15, most of them smaller, and every record of a store
    /// (most of them claims) takes the size of the largest variant.
    Document(Box<Document>),
}

/// Which of the three record types a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A claim.
    Claim,
    /// A source.
    Source,
    /// A document.
    Document,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 3] = [RecordKind::Claim, RecordKind::Source, RecordKind::Document];

    /// The kind as written in RON and outputs (`Claim`).
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

    /// The kind written `name`, if any.
    pub fn from_name(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl Record {
    /// Which kind of record it is.
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Claim(_) => RecordKind::Claim,
            Record::Source(_) => RecordKind::Source,
            Record::Document(_) => RecordKind::Document,
        }
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        match self {
            Record::Claim(c) => &c.id,
            Record::Source(s) => &s.id,
            Record::Document(d) => &d.id,
        }
    }

    /// The `hash` field as written in the file.
    pub fn stored_hash(&self) -> Option<&Seal> {
        match self {
            Record::Claim(c) => c.hash.as_ref(),
            Record::Source(s) => s.hash.as_ref(),
            Record::Document(d) => d.hash.as_ref(),
        }
    }

    /// The hash of the version this one replaced, if given.
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

    /// The claim, if it is one.
    pub fn as_claim(&self) -> Option<&Claim> {
        match self {
            Record::Claim(c) => Some(c),
            _ => None,
        }
    }

    /// The source, if it is one.
    pub fn as_source(&self) -> Option<&Source> {
        match self {
            Record::Source(s) => Some(s),
            _ => None,
        }
    }

    /// The document, if it is one.
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
    pub as_of: Option<Name>,
    /// Where the claim was found; at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Citation>,
    /// The source id of whoever originates the assertion.
    pub claimant: Name,
    /// Content hash (docs/reference.md section 5); never part of the canonical form.
    #[serde(default, skip_serializing)]
    pub hash: Option<Seal>,
    /// The claim's identity, stable across revisions and moves.
    pub id: String,
    /// What is asserted of the subject; defined in schemas/measures.ron.
    pub measure: Name,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Preferred, Normal or Deprecated (kept but not compared).
    #[serde(default, skip_serializing_if = "Rank::is_normal")]
    pub rank: Rank,
    /// The desk's verdict, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Box<Review>>,
    /// Hash of the version of this record that this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
    /// The claim in plain words.
    pub statement: String,
    /// What the claim is about: an event, a group, a country.
    pub subject: Name,
    /// Earlier claims of the same subject and measure that this one
    /// replaces: a corrected or updated figure (docs/reference.md section 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
    /// Free labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The value asserted (docs/reference.md section 3).
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
    /// The id of the document it was found in.
    pub document: Name,
    /// Where in the document (`para 3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// The exact passage of the document that carries the claim.
    pub quote: String,
    /// Intermediaries between the claimant and the document, nearest to the
    /// claimant first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<Name>,
}

/// The desk's verdict on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who reviewed it.
    pub by: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When (a date).
    pub on: String,
    /// The verdict.
    pub verdict: Verdict,
}

/// The desk's verdict on a claim, as fact-checkers grade: `True`, `MostlyTrue`,
/// `Mixed`, `MostlyFalse`, `False`, `Unproven` (not proven either way) or
/// `Misleading`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // variants named above: a doc each would make the schema's `enum` a `oneOf`
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
    /// Every verdict.
    pub const ALL: [Verdict; 7] = [
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::Mixed,
        Verdict::MostlyFalse,
        Verdict::False,
        Verdict::Unproven,
        Verdict::Misleading,
    ];

    /// The verdict as written in RON (`MostlyTrue`).
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

/// As in Wikidata: `Preferred`, `Normal` (the default) or `Deprecated`;
/// Deprecated claims are kept but not compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // variants named above: a doc each would make the schema's `enum` a `oneOf`
pub enum Rank {
    Preferred,
    #[default]
    Normal,
    Deprecated,
}

impl Rank {
    /// Every rank.
    pub const ALL: [Rank; 3] = [Rank::Preferred, Rank::Normal, Rank::Deprecated];

    /// Whether it is the default rank.
    pub fn is_normal(&self) -> bool {
        *self == Rank::Normal
    }

    /// The rank as written in RON.
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
    /// Other names it goes by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Content hash (docs/reference.md section 5); never part of the canonical form.
    #[serde(default, skip_serializing)]
    pub hash: Option<Seal>,
    /// Its web site, by whose host `archive` finds the publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// The source's id.
    pub id: String,
    /// What kind of actor or outlet it is.
    pub kind: SourceKind,
    /// Its display name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Larger bodies this source belongs to (`iskp` is part of `islamic-state`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_of: Vec<String>,
    /// Admiralty ratings, oldest first; the last is the current one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    /// Hash of the version of this record that this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
}

impl Source {
    /// The current Admiralty rating: the latest one, F when unrated.
    pub fn current_reliability(&self) -> Reliability {
        self.ratings.last().map_or(Reliability::F, |r| r.reliability)
    }
}

/// What kind of actor or outlet a source is: `NewsOutlet`, `NewsAgency`,
/// `Government`, `SecurityService`, `Court`, `Expert`, `ThinkTank`,
/// `ArmedGroup`, `Intelligence`, `Anonymous` (unnamed sources) or `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // variants named above: a doc each would make the schema's `enum` a `oneOf`
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
    /// Every kind.
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

    /// The kind as written in RON (`NewsOutlet`).
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
    /// Who rated it.
    pub by: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When (a date).
    pub on: String,
    /// The grade.
    pub reliability: Reliability,
}

/// Source reliability on the Admiralty scale: `A` completely reliable, `B`
/// usually reliable, `C` fairly reliable, `D` not usually reliable, `E`
/// unreliable, `F` cannot be judged. The derived order makes `A < B`, so
/// "better than" is "less than".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)] // variants named above: a doc each would make the schema's `enum` a `oneOf`
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    /// Every grade, best first.
    pub const ALL: [Reliability; 6] =
        [Reliability::A, Reliability::B, Reliability::C, Reliability::D, Reliability::E, Reliability::F];

    /// The grade's letter (`A`).
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

    /// The grade of this letter, if any.
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
    /// Its author, as the page names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Path of the WARC 1.1 capture of the HTTP exchange the snapshot came
    /// from, relative to sources/snapshots/ (`archive` writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<String>,
    /// `sha256:` of the capture file's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_hash: Option<String>,
    /// Content hash (docs/reference.md section 5); never part of the canonical form.
    #[serde(default, skip_serializing)]
    pub hash: Option<Seal>,
    /// The document's id.
    pub id: String,
    /// BCP 47 language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// When it was published (a date).
    pub published: String,
    /// The id of the source that published it.
    pub publisher: String,
    /// When it was retrieved (a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    /// Hash of the version of this record that this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
    /// Path of the archived text, relative to sources/snapshots/.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// `sha256:` of the snapshot file's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_hash: Option<String>,
    /// Its title.
    pub title: String,
    /// The language of the original it was translated from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
    /// Later revisions the publisher announced (dates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated: Vec<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An earlier capture of the same publication that this one re-archives
    /// (`recheck --save` writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_of: Option<String>,
}
