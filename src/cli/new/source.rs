//! `new source`: an actor or outlet, with its rating, from flags.

use super::{pick, sealed, today, who};
use crate::failure::{Failure, Result};
use crate::model::country::{is_country_code, suggest};
use crate::model::{Rating, Record, Reliability, Source, SourceKind};
use crate::store::Store;

/// A new source: an actor or outlet whose claims are tracked (a ministry,
/// a news agency, an armed group, an expert).
///
/// Written to sources/actors/<id>.ron, hashed. A --rating is the desk's
/// Admiralty rating of the source's reliability, by --rated-by (default:
/// git's user.name) on --rated-on (default: today).
///
/// Example: claimtrail new source --id ahmad-vahidi --name 'Ahmad Vahidi,
/// Interior Minister of Iran' --kind Government --country IR --rating C
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The source's id: a slug ([a-z0-9-]), unique in the store.
    #[arg(long)]
    pub id: String,
    /// The display name.
    #[arg(long)]
    pub name: String,
    /// NewsOutlet, NewsAgency, Government, SecurityService, Court, Expert,
    /// ThinkTank, ArmedGroup, Intelligence, Anonymous or Other.
    #[arg(long)]
    pub kind: String,
    /// A larger body this source belongs to, by id (repeatable): iskp is
    /// part of islamic-state.
    #[arg(long = "part-of", value_name = "SOURCE")]
    pub part_of: Vec<String>,
    /// Another name the source goes by (repeatable).
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
    /// The country, as an ISO 3166-1 alpha-2 code (IR, RU, US).
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// The source's web site.
    #[arg(long, value_name = "URL")]
    pub homepage: Option<String>,
    /// Free text about the source.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The desk's Admiralty rating of the source's reliability: A
    /// (completely reliable) to E (unreliable), F (cannot be judged).
    #[arg(long, value_name = "A-F", help_heading = "Rating")]
    pub rating: Option<String>,
    /// Who rated it [default: git's user.name].
    #[arg(long, value_name = "NAME", requires = "rating", help_heading = "Rating")]
    pub rated_by: Option<String>,
    /// When it was rated, a partial date [default: today].
    #[arg(long, value_name = "DATE", requires = "rating", help_heading = "Rating")]
    pub rated_on: Option<String>,
    /// Why: the rating's note.
    #[arg(long, value_name = "TEXT", requires = "rating", help_heading = "Rating")]
    pub rating_note: Option<String>,
}

/// The sealed source the flags describe.
pub(super) fn build(args: Args, store: &Store) -> Result<Record> {
    let kind = pick("--kind", &args.kind, &SourceKind::ALL, SourceKind::name)?;
    if let Some(code) = &args.country
        && !is_country_code(code)
    {
        let close: Vec<String> = suggest(code).iter().map(|(c, name)| format!("{c} ({name})")).collect();
        let help = match close.as_slice() {
            [] => "countries are ISO 3166-1 alpha-2 codes in capitals: IR, RU, US".to_owned(),
            some => format!("countries are ISO 3166-1 alpha-2 codes: did you mean {}?", some.join(" or ")),
        };
        return Err(
            Failure::new(format!("--country `{code}` is not an ISO 3166-1 alpha-2 code")).with_help(help)
        );
    }
    let ratings = match &args.rating {
        None => vec![],
        Some(r) => vec![Rating {
            reliability: pick("--rating", r, &Reliability::ALL, Reliability::letter)?,
            by: who(args.rated_by, store, "--rated-by")?,
            on: args.rated_on.unwrap_or_else(today),
            note: args.rating_note,
        }],
    };
    sealed(Record::Source(Source {
        aliases: args.aliases,
        country: args.country,
        hash: None,
        homepage: args.homepage,
        id: args.id,
        kind,
        name: args.name,
        note: args.note,
        part_of: args.part_of,
        ratings,
        revises: None,
    }))
}
