//! `new measure`: a measure added to the vocabulary, from flags.

use std::io::Write;

use super::pick;
use crate::cli::{exit, io_failure};
use crate::failure::{Failure, Result};
use crate::model::{DEFAULT_TOLERANCE_PERCENT, Measure, MeasureKind, Trend};
use crate::store::Store;

/// A new measure: something claims can assert of a subject, added to
/// schemas/measures.ron.
///
/// The new `Measure(...)` goes at the end of the list, on a line of its
/// own; the file's comments and layout stay as they are. --unit, --trend
/// and --tolerance-percent apply to counts, --multi to actors.
///
/// Example: claimtrail new measure --id evacuated --kind Count --unit people
/// --trend NonDecreasing --description 'People evacuated from the area of the
/// subject event, cumulatively.'
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The measure's id: a slug ([a-z0-9-]), unique in the vocabulary.
    #[arg(long)]
    pub id: String,
    /// Count, Date, Actor or Text: what kind of value claims of it hold.
    #[arg(long)]
    pub kind: String,
    /// For counts: what is counted (people, years, percent).
    #[arg(long)]
    pub unit: Option<String>,
    /// For counts: Any (the default) or NonDecreasing, for a figure that
    /// only grows as it becomes known (a death toll), so that a later,
    /// higher figure is a revision rather than a conflict.
    #[arg(long)]
    pub trend: Option<String>,
    /// For counts: how far About(n) reaches either side of n, in percent
    /// [default: 10].
    #[arg(long, value_name = "PERCENT")]
    pub tolerance_percent: Option<u64>,
    /// For actors: several actors can all be true at once (facilitated-by),
    /// so different actors do not conflict.
    #[arg(long)]
    pub multi: bool,
    /// What the measure means, in a sentence: what is counted, of which
    /// subject, and over what span.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

pub(super) fn run(args: Args, store: &Store, out: &mut dyn Write) -> Result<u8> {
    let measure = build(args)?;
    let rel = store.config.measures.clone();
    store.rewrite_file(&rel, |text| {
        crate::text::measures::append(text, &measure).map_err(|why| {
            Failure::new(format!("{rel}: {why}")).with_help("fix the vocabulary, then run this again")
        })
    })?;
    writeln!(out, "added measure `{}` to {rel}", measure.id).map_err(io_failure)?;
    Ok(exit::OK)
}

fn build(args: Args) -> Result<Measure> {
    if !crate::model::id::is_slug(&args.id) {
        return Err(super::not_a_slug(&args.id));
    }
    let kind = pick("--kind", &args.kind, &MeasureKind::ALL, MeasureKind::name)?;
    let trend = match &args.trend {
        None => Trend::Any,
        Some(t) => pick("--trend", t, &Trend::ALL, Trend::name)?,
    };
    let count_only = [
        ("--unit", args.unit.is_some()),
        ("--trend", args.trend.is_some()),
        ("--tolerance-percent", args.tolerance_percent.is_some()),
    ];
    if kind != MeasureKind::Count
        && let Some((flag, _)) = count_only.iter().find(|(_, given)| *given)
    {
        return Err(Failure::new(format!(
            "{flag} applies to counts, and this measure is of kind {}",
            kind.name()
        )));
    }
    if args.multi && kind != MeasureKind::Actor {
        return Err(Failure::new(format!(
            "--multi applies to actors, and this measure is of kind {}",
            kind.name()
        )));
    }
    Ok(Measure {
        id: args.id,
        kind,
        unit: args.unit,
        trend,
        tolerance_percent: args.tolerance_percent.unwrap_or(DEFAULT_TOLERANCE_PERCENT),
        multi: args.multi,
        description: args.description,
    })
}
