//! The generated world: 50 sources, 200 documents (every fifth with an
//! archived snapshot), a vocabulary of measures, and claims about subjects,
//! all drawn from one seed. Claims are specs that render to RON and are
//! sealed with the library's own `hash::record_hash`, so every generated
//! store is valid.

use claimtrail::internals::text::hash::{bytes_hash, record_hash};
use claimtrail::internals::text::ron_writer::string as lit;

use crate::corpus::Corpus;
use crate::rng::Rng;

pub(crate) const SOURCES: usize = 50;
pub(crate) const DOCUMENTS: usize = 200;
/// Claims per subject folder (claims/<subject>/).
pub(crate) const PER_SUBJECT: usize = 40;
/// Claims per subject in the contested store.
pub(crate) const CONTESTED_PER_SUBJECT: usize = 8;
/// One claim in this many is an outlier that conflicts with its group.
const OUTLIER: u64 = 5_000;

/// What a claim asserts: (measure id, kind).
const MEASURES: &[(&str, &str)] = &[
    ("killed", "Count"),
    ("wounded", "Count"),
    ("killed", "Count"),
    ("occurred", "Date"),
    ("claimed-by", "Actor"),
    ("recruits", "Count"),
    ("characterisation", "Text"),
    ("wounded", "Count"),
];

/// Whether a measure of [`MEASURES`] is a count.
pub(crate) fn is_count(measure: &str) -> bool {
    MEASURES.iter().any(|(m, kind)| *m == measure && *kind == "Count")
}

const KINDS: &[&str] = &["NewsOutlet", "NewsAgency", "Government", "SecurityService", "Expert", "ThinkTank"];
const VERDICTS: &[&str] = &["True", "MostlyTrue", "Mixed", "Unproven", "Misleading"];
const TAGS: &[&str] = &["casualties", "attribution", "official", "unverified", "timeline", "disputed"];

/// A document and the sentences of its text.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub sentences: Vec<String>,
    pub has_snapshot: bool,
}

/// Everything that is shared by all claims of a run.
pub(crate) struct World {
    pub rng: Rng,
    pub corpus: Corpus,
    pub docs: Vec<Doc>,
}

/// One claim, as fields; rendered by [`ClaimSpec::render`].
#[derive(Debug, Clone)]
pub(crate) struct ClaimSpec {
    pub id: String,
    pub subject: String,
    pub measure: &'static str,
    /// The figure the claim's group agrees on (counts).
    pub base: u64,
    pub value: String,
    pub as_of: String,
    pub statement: String,
    pub claimant: usize,
    /// (document, quote, via, locator)
    pub citations: Vec<(usize, String, Option<usize>, Option<u64>)>,
    pub review: Option<String>,
    pub rank: Option<&'static str>,
    pub tags: Vec<&'static str>,
    pub note: Option<String>,
    pub revises: Option<String>,
}

impl World {
    pub(crate) fn new(seed: u64) -> World {
        let rng = Rng::new(seed);
        let corpus = Corpus::new(&mut rng.fork(u64::MAX));
        let docs = (0..DOCUMENTS)
            .map(|d| {
                let mut r = rng.fork(1_000_000_000 + d as u64);
                let sentences = (0..80).map(|_| corpus.sentence(&mut r, 12, 22)).collect();
                Doc { sentences, has_snapshot: d % 5 == 0 }
            })
            .collect();
        World { rng, corpus, docs }
    }

    /// Files that every store has, as (path, bytes): configuration,
    /// measures, sources, documents and snapshots.
    pub(crate) fn fixed_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![
            ("claimtrail.ron".to_owned(), b"Config(claims: \"claims\", sources: \"sources\")\n".to_vec()),
            ("schemas/measures.ron".to_owned(), MEASURES_RON.as_bytes().to_vec()),
        ];
        for s in 0..SOURCES {
            files.push((format!("sources/actors/source-{s:02}.ron"), seal(&self.source(s)).into_bytes()));
        }
        for d in 0..DOCUMENTS {
            let (text, snapshot) = self.document(d);
            files.push((format!("sources/documents/doc-{d:03}.ron"), seal(&text).into_bytes()));
            if let Some(bytes) = snapshot {
                files.push((format!("sources/snapshots/doc-{d:03}.txt"), bytes));
            }
        }
        files
    }

    /// The path of claim `i`.
    pub(crate) fn claim_path(spec: &ClaimSpec) -> String {
        format!("claims/{}/{}.ron", spec.subject, spec.id)
    }

    /// Claim number `i` of a store whose claims sit in groups of `group`
    /// differing figures (issue 27): one subject per group, one measure,
    /// one as_of, exact figures that all differ, so every pair of a group
    /// conflicts (a group of 2,000 has 1,999,000 pairs).
    pub(crate) fn figure_claim(&self, i: usize, group: usize) -> ClaimSpec {
        let mut r = self.rng.fork(7_000_000_000 + i as u64);
        let subject = format!("figures-{:05}", i / group);
        let base = 100 + 3 * (i % group) as u64;
        let value = format!("Exact({base})");
        let (d, quote) = self.count_quote(&mut r, &value);
        ClaimSpec {
            id: format!("{subject}-{i:06}"),
            subject,
            measure: "killed",
            base,
            value,
            as_of: "2024-03-01".to_owned(),
            statement: self.corpus.sentence(&mut r, 8, 14),
            claimant: r.below(SOURCES as u64) as usize,
            citations: vec![(d, quote, None, None)],
            review: None,
            rank: None,
            tags: Vec::new(),
            note: None,
            revises: None,
        }
    }

    /// Claim number `i`: its subject is `i / PER_SUBJECT`.
    pub(crate) fn claim(&self, i: usize) -> ClaimSpec {
        let mut r = self.rng.fork(i as u64);
        let subject_no = i / PER_SUBJECT;
        let subject = format!("event-{subject_no:05}");
        let (measure, kind) = MEASURES[i % MEASURES.len()];
        // One base per group (subject and measure): the figure its claims
        // agree on. One claim in OUTLIER is an outlier that conflicts.
        let slot = MEASURES.iter().position(|(m, _)| *m == measure).expect("a measure of the list");
        let base = self.rng.fork(2_000_000_000 + (subject_no * 16 + slot) as u64).range(40, 900);
        let outlier = r.below(OUTLIER) == 0;
        let value = match kind {
            "Count" if outlier => format!("Exact({})", base * 3 + 100),
            "Count" => count_value(&mut r, base),
            "Date" => format!("Date(\"2024-03-{:02}\")", (base + u64::from(outlier)) % 28 + 1),
            "Actor" => format!("Actor(\"source-{:02}\")", (base as usize + usize::from(outlier)) % SOURCES),
            _ => format!("Text({})", lit(&self.corpus.sentence(&mut r, 6, 10))),
        };
        let mut citations: Vec<(usize, String, Option<usize>, Option<u64>)> = (0..r.range(1, 3))
            .map(|_| {
                let d = r.below(DOCUMENTS as u64) as usize;
                let quote = r.pick(&self.docs[d].sentences).clone();
                let via = r.chance(30).then(|| r.below(SOURCES as u64) as usize);
                let locator = r.chance(50).then(|| r.range(1, 40));
                (d, quote, via, locator)
            })
            .collect();
        if kind == "Count" {
            // A count's first quote gives its figures, as a desk's quotes do
            // (value-not-in-quote): from a document without a snapshot,
            // since snapshots are made-up words.
            let first = &mut citations[0];
            if self.docs[first.0].has_snapshot {
                first.0 += 1;
            }
            first.1 = format!("{} {}.", first.1.trim_end_matches('.'), count_passage(&mut r, &value));
        }
        ClaimSpec {
            id: format!("{subject}-{measure}-{i:06}"),
            subject,
            measure,
            base,
            value,
            as_of: format!("2024-0{}-{:02}", r.range(1, 6), r.range(1, 28)),
            statement: self.corpus.sentence(&mut r, 22, 34),
            claimant: r.below(SOURCES as u64) as usize,
            citations,
            review: r.chance(25).then(|| {
                format!(
                    "Review(verdict: {}, by: \"desk-{}\", on: \"2024-07-{:02}\")",
                    r.pick(VERDICTS),
                    r.below(9),
                    r.range(1, 28)
                )
            }),
            rank: if r.chance(5) { Some("Preferred") } else { r.chance(2).then_some("Deprecated") },
            tags: (0..r.below(3)).map(|_| *r.pick(TAGS)).collect(),
            note: r.chance(40).then(|| self.corpus.sentence(&mut r, 8, 16)),
            revises: None,
        }
    }

    /// Claim number `i` of the contested store (issue 18): subjects of
    /// [`CONTESTED_PER_SUBJECT`] claims spread over the count measures,
    /// each with its own figure, as the reports of a disputed event are
    /// (outlets, agencies and officials each giving theirs, some later
    /// revised by the same claimant). Most pairs of a group disagree.
    pub(crate) fn contested_claim(&self, i: usize) -> ClaimSpec {
        const COUNTS: &[&str] = &["killed", "wounded", "recruits"];
        let mut r = self.rng.fork(6_000_000_000 + i as u64);
        let subject_no = i / CONTESTED_PER_SUBJECT;
        let subject = format!("contested-{subject_no:05}");
        let measure = *r.pick(COUNTS);
        let base = r.range(40, 2_000);
        let value = count_value(&mut r, base);
        let (d, quote) = self.count_quote(&mut r, &value);
        let via = r.chance(30).then(|| r.below(SOURCES as u64) as usize);
        ClaimSpec {
            id: format!("{subject}-{measure}-{i:06}"),
            subject,
            measure,
            base,
            value,
            as_of: format!("2024-0{}-{:02}", r.range(1, 6), r.range(1, 28)),
            statement: self.corpus.sentence(&mut r, 8, 14),
            claimant: r.below(SOURCES as u64) as usize,
            citations: vec![(d, quote, via, None)],
            review: r.chance(10).then(|| {
                format!(
                    "Review(verdict: {}, by: \"desk-{}\", on: \"2024-07-{:02}\")",
                    r.pick(VERDICTS),
                    r.below(9),
                    r.range(1, 28)
                )
            }),
            rank: None,
            tags: Vec::new(),
            note: None,
            revises: None,
        }
    }

    /// A document without a snapshot and a quote of it that carries the
    /// figure of `value`, as the count claims of every shape cite.
    fn count_quote(&self, r: &mut Rng, value: &str) -> (usize, String) {
        let mut d = r.below(DOCUMENTS as u64) as usize;
        if self.docs[d].has_snapshot {
            d += 1;
        }
        let quote =
            format!("{} {}.", r.pick(&self.docs[d].sentences).trim_end_matches('.'), count_passage(r, value));
        (d, quote)
    }

    fn source(&self, s: usize) -> String {
        let mut r = self.rng.fork(3_000_000_000 + s as u64);
        let mut out = format!(
            "Source(\n    id: \"source-{s:02}\",\n    name: {},\n    kind: {},\n",
            lit(&format!("The {} {}", self.corpus.word(&mut r), self.corpus.word(&mut r))),
            r.pick(KINDS)
        );
        if s >= 40 {
            out.push_str(&format!("    part_of: [\"source-{:02}\"],\n", s - 40));
        }
        out.push_str(&format!("    homepage: \"https://example.org/{s}\",\n    country: \"KZ\",\n"));
        out.push_str(&format!(
            "    ratings: [Rating(on: \"2023-0{}-01\", reliability: {}, by: \"desk\")],\n)\n",
            r.range(1, 9),
            r.pick(&["A", "B", "C", "D", "E", "F"])
        ));
        out
    }

    /// A document's record text (unsealed) and its snapshot's bytes.
    fn document(&self, d: usize) -> (String, Option<Vec<u8>>) {
        let mut r = self.rng.fork(4_000_000_000 + d as u64);
        let doc = &self.docs[d];
        let mut out = format!(
            "Document(\n    id: \"doc-{d:03}\",\n    publisher: \"source-{:02}\",\n    title: {},\n    url: \"https://example.org/doc/{d}\",\n    published: \"2024-{:02}-{:02}\",\n    language: \"en\",\n",
            d % SOURCES,
            lit(&self.corpus.sentence(&mut r, 4, 8)),
            r.range(7, 12),
            r.range(1, 28)
        );
        let snapshot = doc.has_snapshot.then(|| {
            let bytes = doc.sentences.join(" ").into_bytes();
            out.push_str(&format!(
                "    snapshot: \"doc-{d:03}.txt\",\n    snapshot_hash: \"{}\",\n",
                bytes_hash(&bytes)
            ));
            bytes
        });
        out.push_str(")\n");
        (out, snapshot)
    }
}

impl ClaimSpec {
    /// The claim as RON, sealed, and its hash.
    pub(crate) fn render(&self) -> (String, String) {
        let mut out = format!(
            "Claim(\n    id: \"{}\",\n    subject: \"{}\",\n    measure: \"{}\",\n    value: {},\n    as_of: \"{}\",\n    statement: {},\n    claimant: \"source-{:02}\",\n    citations: [\n",
            self.id,
            self.subject,
            self.measure,
            self.value,
            self.as_of,
            lit(&self.statement),
            self.claimant
        );
        for (d, quote, via, locator) in &self.citations {
            out.push_str(&format!("        Citation(document: \"doc-{d:03}\", quote: {}", lit(quote)));
            if let Some(v) = via {
                out.push_str(&format!(", via: [\"source-{v:02}\"]"));
            }
            if let Some(l) = locator {
                out.push_str(&format!(", locator: \"para {l}\""));
            }
            out.push_str("),\n");
        }
        out.push_str("    ],\n");
        if let Some(review) = &self.review {
            out.push_str(&format!("    review: {review},\n"));
        }
        if let Some(rank) = self.rank {
            out.push_str(&format!("    rank: {rank},\n"));
        }
        if !self.tags.is_empty() {
            let tags: Vec<String> = self.tags.iter().map(|t| lit(t)).collect();
            out.push_str(&format!("    tags: [{}],\n", tags.join(", ")));
        }
        if let Some(note) = &self.note {
            out.push_str(&format!("    note: {},\n", lit(note)));
        }
        if let Some(revises) = &self.revises {
            out.push_str(&format!("    revises: \"{revises}\",\n"));
        }
        out.push_str(")\n");
        seal_with_hash(&out)
    }
}

/// A count whose interval holds `base` (base ≥ 40).
pub(crate) fn count_value(r: &mut Rng, base: u64) -> String {
    match r.below(5) {
        0 => format!("Exact({base})"),
        1 => format!("Between({}, {})", base - r.below(20), base + r.below(20)),
        2 => format!("About({base})"),
        3 => format!("AtLeast({})", base - r.below(30)),
        _ => format!("AtMost({})", base + r.below(30)),
    }
}

/// Words that give the figures of a count value, as news copy writes them:
/// `about 1,240 people`, `more than 60`, `fewer than 11`, `between 137 and 145`.
pub(crate) fn count_passage(r: &mut Rng, value: &str) -> String {
    let value: claimtrail::Value = ron::from_str(value).expect("a generated count value");
    let (grouped, other_form) = (r.chance(50), r.chance(50));
    let figure = |n: u64| {
        if n >= 1000 && grouped { format!("{},{:03}", n / 1000, n % 1000) } else { n.to_string() }
    };
    use claimtrail::Value;
    match value {
        Value::Exact(n) => format!("{} people", figure(n)),
        Value::About(n) => format!("about {} people", figure(n)),
        Value::AtLeast(n) if n > 0 && other_form => format!("more than {}", figure(n - 1)),
        Value::AtLeast(n) => format!("at least {}", figure(n)),
        Value::AtMost(n) if other_form => format!("fewer than {}", figure(n + 1)),
        Value::AtMost(n) => format!("at most {}", figure(n)),
        Value::Between(lo, hi) => format!("between {} and {}", figure(lo), figure(hi)),
        other => panic!("not a count: {other:?}"),
    }
}

/// Adds `hash: "..."` as the last field of an unsealed record.
pub(crate) fn seal(text: &str) -> String {
    seal_with_hash(text).0
}

/// The sealed text and its hash.
pub(crate) fn seal_with_hash(text: &str) -> (String, String) {
    let record = claimtrail::internals::text::parse::parse_record(text)
        .unwrap_or_else(|e| panic!("generated record: {e:?}\n{text}"));
    let hash = record_hash(&record);
    let body = text.trim_end().strip_suffix(')').expect("a record ends with `)`");
    (format!("{body}    hash: \"{hash}\",\n)\n"), hash)
}

/// The measures of generated stores.
const MEASURES_RON: &str = r#"[
    Measure(id: "killed", kind: Count, unit: "people", trend: NonDecreasing),
    Measure(id: "wounded", kind: Count, unit: "people", trend: NonDecreasing),
    Measure(id: "recruits", kind: Count, unit: "people", trend: NonDecreasing),
    Measure(id: "occurred", kind: Date),
    Measure(id: "claimed-by", kind: Actor),
    Measure(id: "characterisation", kind: Text),
]
"#;
