use std::io::Write;

use clap::Subcommand;

use super::{Ctx, io_failure};
use crate::cli::exit;
use crate::failure::{Failure, Result};
use crate::finding::{Severity, locate};
use crate::model::{Citation, Claim, Document, Rank, Rating, Record, Reliability, Source, SourceKind, Value};
use crate::store::snapshot::{Entry, Folder, SnapshotFile};

/// Write a new record from flags, hashed, at its usual path.
///
/// Claims go to claims/<subject>/<id>.ron, sources to
/// sources/actors/<id>.ron, documents to sources/documents/<id>.ron. The
/// record is checked as `check` would before it is written; an existing
/// file or id is never overwritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// A new claim.
    Claim {
        #[arg(long)]
        id: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        measure: String,
        /// The value in RON: `Exact(143)`, `AtLeast(40)`, `Between(137, 145)`,
        /// `About(800)`, `Date("2014")`, `Actor("iskp")`, `Text("...")`.
        #[arg(long)]
        value: String,
        #[arg(long)]
        statement: String,
        #[arg(long)]
        claimant: String,
        /// The document the claim was found in.
        #[arg(long)]
        document: String,
        /// The exact passage of the document.
        #[arg(long)]
        quote: String,
        /// Intermediaries, nearest to the claimant first (repeatable).
        #[arg(long)]
        via: Vec<String>,
        #[arg(long)]
        locator: Option<String>,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long)]
        note: Option<String>,
        /// Preferred, Normal or Deprecated.
        #[arg(long)]
        rank: Option<String>,
    },
    /// A new source (an actor or outlet).
    Source {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// NewsOutlet, NewsAgency, Government, SecurityService, Court, Expert,
        /// ThinkTank, ArmedGroup, Intelligence, Anonymous or Other.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        part_of: Vec<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        homepage: Option<String>,
        /// Admiralty reliability A–F, rated today by --rated-by.
        #[arg(long)]
        rating: Option<String>,
        #[arg(long, default_value = "claimtrail desk")]
        rated_by: String,
        #[arg(long)]
        rating_note: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// A new document (a publication).
    Document {
        #[arg(long)]
        id: String,
        #[arg(long)]
        publisher: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        published: String,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        language: Option<String>,
        #[arg(long)]
        retrieved: Option<String>,
        /// A file already under sources/snapshots/; its hash is recorded.
        #[arg(long)]
        snapshot: Option<String>,
    },
}

pub fn run(args: Args, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let store = ctx.store()?;
    let _lock = super::lock_store(&store)?;
    let mut snapshot = store.load()?;
    let (record, rel) = build(args.what, &store)?;
    if let Some(existing) = snapshot.entries.iter().find(|e| e.record.id() == record.id()) {
        return Err(Failure::new(format!("id `{}` is already used by {}", record.id(), existing.file))
            .with_help("choose another id; `new` never replaces a record"));
    }
    let path = store.root.join(&rel);
    if path.exists() {
        return Err(Failure::new(format!("{rel} already exists")).with_help("choose another id"));
    }
    let text = crate::text::ron_writer::record(&record);
    let folder =
        if record.kind() == crate::model::RecordKind::Claim { Folder::Claims } else { Folder::Sources };
    snapshot.add_outcomes([crate::store::snapshot::FileOutcome::Record(Entry {
        file: rel.clone(),
        folder,
        record,
    })]);
    store.fill_snapshots(&mut snapshot);
    let mut findings: Vec<_> = crate::check::check(&snapshot).into_iter().filter(|d| d.file == rel).collect();
    locate(&mut findings, |f| (f == rel).then(|| text.clone()));
    if findings.iter().any(|d| d.severity == Severity::Error) {
        let texts = [(rel.clone(), text.clone())].into_iter().collect();
        crate::render::check::human::check(out, ctx.style, &findings, &texts, None).map_err(io_failure)?;
        writeln!(out, "not written: fix the problems above").map_err(io_failure)?;
        return Ok(exit::FINDINGS);
    }
    store.create_file(&rel, text.as_bytes())?;
    if !findings.is_empty() {
        let texts = [(rel.clone(), text.clone())].into_iter().collect();
        crate::render::check::human::check(out, ctx.style, &findings, &texts, None).map_err(io_failure)?;
    }
    writeln!(out, "wrote {rel}").map_err(io_failure)?;
    Ok(exit::OK)
}

fn build(what: What, store: &crate::store::Store) -> Result<(Record, String)> {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let sources = store.config.sources.trim_end_matches('/');
    let (mut record, rel) = match what {
        What::Claim {
            id,
            subject,
            measure,
            value,
            statement,
            claimant,
            document,
            quote,
            via,
            locator,
            as_of,
            tags,
            note,
            rank,
        } => {
            let value: Value = crate::text::parse::parse_as(&value).map_err(|e| {
                Failure::new(format!("--value `{value}` is not a value: {}", e.message))
                    .with_help("write Exact(143), AtLeast(40), Between(137, 145), About(800), Date(\"2014\"), Actor(\"id\") or Text(\"...\")")
            })?;
            let rank = match rank.as_deref() {
                None | Some("Normal") => Rank::Normal,
                Some("Preferred") => Rank::Preferred,
                Some("Deprecated") => Rank::Deprecated,
                Some(other) => {
                    return Err(Failure::new(format!(
                        "--rank `{other}`: use Preferred, Normal or Deprecated"
                    )));
                }
            };
            let rel = format!("{}/{subject}/{id}.ron", store.config.claims.trim_end_matches('/'));
            let claim = Claim {
                as_of,
                citations: vec![Citation { document, locator, quote, via }],
                claimant,
                hash: None,
                id,
                measure,
                note,
                rank,
                review: None,
                revises: None,
                statement,
                subject,
                supersedes: vec![],
                tags,
                value,
            };
            (Record::Claim(claim), rel)
        }
        What::Source { id, name, kind, part_of, country, homepage, rating, rated_by, rating_note, note } => {
            let kind = SourceKind::ALL.into_iter().find(|k| k.name() == kind).ok_or_else(|| {
                let all: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
                Failure::new(format!("--kind `{kind}` is not a source kind"))
                    .with_help(format!("one of: {}", all.join(", ")))
            })?;
            let ratings = match rating {
                None => vec![],
                Some(r) => vec![Rating {
                    by: rated_by,
                    note: rating_note,
                    on: today,
                    reliability: Reliability::from_letter(&r)
                        .ok_or_else(|| Failure::new(format!("--rating `{r}`: use A, B, C, D, E or F")))?,
                }],
            };
            let rel = format!("{sources}/actors/{id}.ron");
            let source = Source {
                aliases: vec![],
                country,
                hash: None,
                homepage,
                id,
                kind,
                name,
                note,
                part_of,
                ratings,
                revises: None,
            };
            (Record::Source(source), rel)
        }
        What::Document { id, publisher, title, published, url, author, language, retrieved, snapshot } => {
            let snapshot_hash = match &snapshot {
                None => None,
                Some(p) => match store.read_snapshot(p) {
                    SnapshotFile::Found { hash, .. } => Some(hash),
                    SnapshotFile::Missing => {
                        return Err(Failure::new(format!(
                            "--snapshot `{p}`: no such file under {}",
                            store.config.snapshots()
                        ))
                        .with_help("put the archived text under the snapshots folder first"));
                    }
                    SnapshotFile::Escapes(why) => {
                        return Err(Failure::new(format!("--snapshot `{p}` {why}")));
                    }
                    SnapshotFile::Unreadable(why) => {
                        return Err(Failure::new(format!("cannot read snapshot `{p}`: {why}")));
                    }
                },
            };
            let rel = format!("{sources}/documents/{id}.ron");
            let doc = Document {
                author,
                hash: None,
                id,
                language,
                published,
                publisher,
                retrieved,
                revises: None,
                snapshot,
                snapshot_hash,
                title,
                translated_from: None,
                updated: vec![],
                url,
            };
            (Record::Document(doc), rel)
        }
    };
    if !crate::model::id::is_slug(record.id()) {
        return Err(Failure::new(format!("`{}` is not a valid id", record.id()))
            .with_help(format!("ids are slugs: try `{}`", crate::model::id::slugify(record.id()))));
    }
    if let Record::Claim(c) = &record
        && !crate::model::id::is_slug(&c.subject)
    {
        return Err(Failure::new(format!("`{}` is not a valid subject", &c.subject))
            .with_help(format!("subjects are slugs: try `{}`", crate::model::id::slugify(&c.subject))));
    }
    let hash = crate::text::hash::record_hash(&record);
    match &mut record {
        Record::Claim(c) => c.hash = Some(hash),
        Record::Source(s) => s.hash = Some(hash),
        Record::Document(d) => d.hash = Some(hash),
    }
    Ok((record, rel))
}
