use std::io::Write;

use super::new::{pick, today, who};
use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::model::date::PartialDate;
use crate::model::{Rating, Record, Reliability};
use crate::text::append::append_item;
use crate::text::hash::record_hash;
use crate::text::parse::parse_record;
use crate::text::reseal_text::{Reseal, reseal};
use crate::text::ron_writer;

/// Add a rating to a source: the desk's Admiralty rating of its
/// reliability, now.
///
/// The rating is appended to the source's `ratings` (oldest first; the
/// last is the source's current rating) and the record is resealed, its
/// old hash in `revises`, in place: comments and layout stay as written.
/// The file is replaced atomically under the store lock. `sources`, the
/// report and `--at` read the new rating; `history` and `diff` show the
/// change once it is committed.
///
/// Example: `claimtrail rate tass --rating C --note "Repeated a false toll."`
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The source's id.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// The Admiralty rating of its reliability: A completely reliable,
    /// B usually reliable, C fairly reliable, D not usually reliable,
    /// E unreliable, F cannot be judged.
    #[arg(long, value_name = "A-F")]
    pub rating: String,
    /// Who rates it [default: git's user.name].
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// When, a partial date (`2024-03-26`) [default: today]; not before
    /// the source's latest rating.
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Why: the rating's note.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub(super) fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let reliability = pick("--rating", &args.rating, &Reliability::ALL, Reliability::letter)?;
    let on = args.on.unwrap_or_else(today);
    let date =
        PartialDate::parse(&on).map_err(|why| Failure::new(format!("--on `{on}` is not a date: {why}")))?;
    let by = who(args.by, &store, "--by")?;
    if by.trim().is_empty() {
        return Err(Failure::new("--by is empty").with_help("name who rates the source"));
    }
    let rating = Rating { on: on.clone(), reliability, by: by.clone(), note: args.note };
    let lock = super::lock_store(&store)?;
    lock.report(out)?;
    let contents = store.load()?;
    let Some(entry) = contents.entries.iter().find(|e| e.record.id() == args.source) else {
        let ids = contents.entries.iter().filter_map(|e| e.record.as_source()).map(|s| s.id.as_str());
        return Err(Failure::new(format!(
            "no source `{}` in the store{}",
            args.source,
            crate::text::suggest::did_you_mean(&args.source, ids)
        ))
        .with_help("`claimtrail sources` lists them; `claimtrail new source` adds one"));
    };
    let Record::Source(source) = &entry.record else {
        return Err(Failure::new(format!(
            "`{}` is a {}, not a source",
            args.source,
            entry.record.kind().name()
        )));
    };
    if let Some(last) = source.ratings.last()
        && PartialDate::parse(&last.on).is_ok_and(|l| date.first_minute < l.first_minute)
    {
        return Err(Failure::new(format!(
            "--on {on} is before the source's latest rating ({}, {})",
            last.on,
            last.reliability.letter()
        ))
        .with_help(
            "ratings are kept oldest first, the last one is the current one: rate it as of a later date",
        ));
    }
    let rel = entry.file.clone();
    let mut new_hash = String::new();
    store.rewrite_file(&rel, |text| {
        let text = text.ok_or_else(|| Failure::new(format!("{rel} is gone")))?;
        let cannot = |why: String| Failure::new(format!("cannot add the rating to {rel}: {why}"));
        let record =
            parse_record(text).map_err(|e| cannot(format!("{}:{}: {}", e.line, e.column, e.message)))?;
        if !record.stored_hash().is_some_and(|h| *h == record_hash(&record)) {
            return Err(Failure::new(format!("{rel} has changes that are not sealed")).with_help(
                "review them and run `claimtrail hash` first, so that the rating is sealed on its own",
            ));
        }
        let appended = append_item(text, "ratings", &ron_writer::rating(&rating)).map_err(cannot)?;
        let sealed = match reseal(&appended).map_err(cannot)? {
            Reseal::Changed { text, new_hash: h, .. } => {
                new_hash = h;
                text
            }
            Reseal::UpToDate => return Err(cannot("the text did not change".to_owned())),
        };
        // The file must now be the source with the rating appended, and
        // nothing else changed.
        let mut expected = record.clone();
        if let Record::Source(s) = &mut expected {
            s.ratings.push(rating.clone());
        }
        expected.set_revises(record.stored_hash().map(crate::model::Seal::text));
        match parse_record(&sealed) {
            Ok(back) if back.same_content(&expected) => Ok(sealed),
            _ => Err(cannot("the edited text does not read back as the source with the rating".to_owned())),
        }
    })?;
    writeln!(
        out,
        "rated {} {} on {} by {}: {rel} (sealed {})",
        args.source,
        reliability.letter(),
        on,
        by,
        &new_hash[..new_hash.len().min(19)]
    )
    .map_err(io_failure)?;
    Ok(exit::OK)
}
