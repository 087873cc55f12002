//! `new claim`: a claim with its citations, its review and what it
//! supersedes, from flags.

use super::citations::Citations;
use super::{pick, sealed, today, who};
use crate::failure::{Failure, Result};
use crate::model::{Claim, Name, Rank, Record, Review, Value, Verdict};
use crate::store::Store;

/// A new claim: what a claimant asserts of a subject, where it was found,
/// and the desk's verdict on it.
///
/// Written to claims/<subject>/<id>.ron, hashed, after `check` passes on
/// it: the claimant, the measure and the cited documents must exist, and
/// each quote must be in its document's snapshot.
///
/// Citations are groups of flags: each --cite DOCUMENT starts one, and the
/// --quote (exactly one), --via (any number) and --locator (at most one)
/// that follow it, up to the next --cite, belong to it.
///
/// Example, a figure found in two documents and reviewed:
///
///   claimtrail new claim --id kerman-killed-vahidi-84 --subject kerman-bombings-2024
///     --measure killed --value 'Exact(84)' --as-of 2024-01-04
///     --statement 'Interior Minister Vahidi revised the toll from 95 to 84.'
///     --claimant ahmad-vahidi
///     --cite china-daily-2024-01-04 --quote 'revised from 95 to 84' --via irna
///     --cite menafn-2024-01-04 --quote 'death toll to 84' --locator 'para 2'
///     --review MostlyTrue --review-note 'limbs had been counted as bodies'
///     --supersedes kerman-killed-einollahi-95
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The claim's id: a slug ([a-z0-9-]), unique in the store
    /// (kerman-killed-vahidi-84).
    #[arg(long)]
    pub id: String,
    /// What the claim is about: a slug naming an event, a group or a
    /// country (kerman-bombings-2024). The claim is filed under
    /// claims/<subject>/.
    #[arg(long)]
    pub subject: String,
    /// What is asserted of the subject: an id of schemas/measures.ron
    /// (killed, wounded, responsible, ...; `claimtrail new measure` adds one).
    #[arg(long)]
    pub measure: String,
    /// The value, in RON, of the measure's kind: Exact(84), AtLeast(103),
    /// AtMost(10), Between(137, 145), About(800) for counts; Date("2024-01-03")
    /// for dates; Actor("islamic-state") or, for a joint attribution,
    /// Actors(["israel", "united-states"]) for actors;
    /// Text("...") for texts.
    #[expect(clippy::doc_link_with_quotes, reason = "--help shows this text as written")]
    #[arg(long)]
    pub value: String,
    /// The moment the value refers to — the count as of then, not the day
    /// it was said — a partial date: 2024, 2024-01, 2024-01-03 or
    /// 2024-01-03T20:15. A figure restated later about the same moment
    /// keeps that moment; a later count that includes later deaths has the
    /// later date. In the 2002 Moscow theatre siege the prosecutor's 130,
    /// the toll of the raid, is as of 2002-11, and the victims'
    /// association's "at least 174", counting those who died of the gas
    /// in the years after, is as of 2007-10: that is what shows the
    /// official figure was outgrown.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The claim in plain words.
    #[arg(long)]
    pub statement: String,
    /// Who originates the assertion: the id of a source (ahmad-vahidi).
    #[arg(long, value_name = "SOURCE")]
    pub claimant: String,
    #[command(flatten)]
    pub citations: Citations,
    /// The desk's verdict: True, MostlyTrue, Mixed, MostlyFalse, False,
    /// Unproven or Misleading.
    #[arg(long, value_name = "VERDICT", help_heading = "Review")]
    pub review: Option<String>,
    /// Who reviewed it [default: git's user.name].
    #[arg(long, value_name = "NAME", requires = "review", help_heading = "Review")]
    pub reviewed_by: Option<String>,
    /// When it was reviewed, a partial date [default: today].
    #[arg(long, value_name = "DATE", requires = "review", help_heading = "Review")]
    pub reviewed_on: Option<String>,
    /// Why: the review's note.
    #[arg(long, value_name = "TEXT", requires = "review", help_heading = "Review")]
    pub review_note: Option<String>,
    /// Preferred, Normal (the default) or Deprecated: Deprecated claims are
    /// kept but not compared.
    #[arg(long)]
    pub rank: Option<String>,
    /// A free label (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Free text about the claim.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// An earlier claim of the same subject and measure that this one
    /// replaces, by id (repeatable): a corrected or updated figure (the
    /// interior minister's 84 supersedes the health minister's 95).
    #[arg(long = "supersedes", value_name = "CLAIM")]
    pub supersedes: Vec<String>,
}

/// The sealed claim the flags describe.
pub(super) fn build(args: Args, store: &Store) -> Result<Record> {
    let value: Value = crate::text::parse::parse_as(&args.value).map_err(|e| {
        Failure::new(format!("--value `{}` is not a value: {}", args.value, e.message)).with_help(
            "write Exact(143), AtLeast(40), Between(137, 145), About(800), Date(\"2014\"), Actor(\"id\") or Text(\"...\")",
        )
    })?;
    let rank = match &args.rank {
        None => Rank::Normal,
        Some(r) => pick("--rank", r, &Rank::ALL, Rank::name)?,
    };
    let review = match &args.review {
        None => None,
        Some(v) => Some(Review {
            verdict: pick("--review", v, &Verdict::ALL, Verdict::name)?,
            by: who(args.reviewed_by, store, "--reviewed-by")?,
            on: args.reviewed_on.unwrap_or_else(today),
            note: args.review_note,
        }),
    };
    if !crate::model::id::is_slug(&args.subject) {
        return Err(Failure::new(format!("`{}` is not a valid subject", args.subject))
            .with_help(format!("subjects are slugs: try `{}`", crate::model::id::slugify(&args.subject))));
    }
    sealed(Record::Claim(Claim {
        as_of: args.as_of.map(Name::from),
        citations: args.citations.0,
        claimant: args.claimant.into(),
        hash: None,
        id: args.id,
        measure: args.measure.into(),
        note: args.note,
        rank,
        review: review.map(Box::new),
        revises: None,
        statement: args.statement,
        subject: args.subject.into(),
        supersedes: args.supersedes,
        tags: args.tags,
        value,
    }))
}
