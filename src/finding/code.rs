//! The rule registry: every finding code of docs/reference.md section 7, with its
//! severity and its documentation. `check --explain CODE` and the SARIF
//! rule metadata both read from here, so they cannot drift apart.

use crate::finding::Severity;

macro_rules! codes {
    ($( $variant:ident = $name:literal, $severity:ident, $summary:literal, $doc:literal; )*) => {
        /// A stable finding code; the strings are a public contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( #[doc = concat!("`", $name, "`: ", $summary)] $variant, )* }

        impl Code {
            /// Every code, in the order of the registry.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as written in outputs (`hash-mismatch`).
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// Its severity: every finding of a code has the same.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One line: what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// Why it matters, how to fix it, and an example.
            pub fn explanation(self) -> &'static str {
                match self { $( Code::$variant => $doc, )* }
            }
        }
    };
}

codes! {
    Parse = "parse", Error,
        "A file is not a valid record: bad RON, wrong type, unknown or missing field.",
        "Each file under claims/ and sources/ holds one RON record: Claim(...), Source(...) \
or Document(...). Optional fields are written bare (no Some(...)); unknown fields are \
errors so that typos are not silently ignored.\n\nExample: `Claim(id: \"x\", valu: Exact(3))` \
-> unknown field `valu`; did you mean `value`?";
    BadId = "bad-id", Error,
        "An id is not a slug.",
        "Ids and subjects are slugs: [a-z0-9][a-z0-9-]{0,99}. They name files and appear in \
URLs and references, so they are kept plain.\n\nExample: `id: \"Crocus_Toll\"` -> write \
`id: \"crocus-toll\"`.";
    DuplicateId = "duplicate-id", Error,
        "Two records share an id.",
        "Ids are unique across all claims, sources and documents of the store, so that a \
reference names exactly one record and history can follow a claim by its id.\n\nFix: rename \
one of the records, or delete the copy.";
    DanglingReference = "dangling-reference", Error,
        "A reference names no record of the right type.",
        "claimant, via, part_of, publisher and Actor values name Sources; citations name \
Documents. A reference to nothing breaks credibility and independence checks.\n\nFix: \
correct the id (the message lists close ones) or add the missing record with \
`claimtrail new source` / `claimtrail new document`.";
    UnknownMeasure = "unknown-measure", Error,
        "A claim's measure is not defined in schemas/measures.ron.",
        "Measures are a shared vocabulary: their kind, trend and tolerance decide how \
figures are compared.\n\nFix: use an existing measure, or add \
`Measure(id: \"...\", kind: Count)` to schemas/measures.ron.";
    ValueKind = "value-kind", Error,
        "A claim's value is not of its measure's kind.",
        "Count measures take Exact, AtLeast, AtMost, Between or About; Date measures take \
Date(\"...\"); Actor measures Actor(\"source-id\"); Text measures Text(\"...\").\n\n\
Example: measure `killed` is a Count, so `value: Text(\"many\")` is an error.";
    BadInterval = "bad-interval", Error,
        "Between(lo, hi) with lo greater than hi.",
        "An inverted interval contains nothing and cannot be compared.\n\nFix: swap the \
bounds: Between(137, 145).";
    BadDate = "bad-date", Error,
        "A date is not a valid partial ISO date.",
        "Dates are \"2014\", \"2024-03\", \"2024-03-26\" or \"2024-03-23T13:23\" (local time, \
no zone), and must exist in the calendar.\n\nExample: \"2024-02-30\" is an error.";
    DateOrder = "date-order", Warning,
        "A claim's as_of begins after every cited document was published.",
        "A figure cannot be as of a time after it was published: usually as_of or a \
citation is wrong.\n\nFix: correct as_of, or cite the document that carries the later figure.";
    MissingHash = "missing-hash", Error,
        "A record has no hash.",
        "Every record is sealed with the SHA-256 of its canonical form, so that any change \
of content is visible in review.\n\nFix: run `claimtrail hash`.";
    HashMismatch = "hash-mismatch", Error,
        "A record's content changed since its hash was written.",
        "The hash seals the content: a mismatch means the record was edited after it was \
sealed. Formatting and comments never change the hash.\n\nFix: if the change is meant, run \
`claimtrail hash` (it records the old hash in `revises`).";
    SnapshotMissing = "snapshot-missing", Error,
        "A document's snapshot file is not found.",
        "Snapshots are the archived text that quotes are checked against.\n\nFix: add the \
file under sources/snapshots/ or correct the `snapshot` path.";
    SnapshotHash = "snapshot-hash", Error,
        "A snapshot's bytes do not match snapshot_hash.",
        "The archived text must not change silently once claims quote it.\n\nFix: restore the \
file, or set snapshot_hash to the printed sha256 if the new text is meant.";
    PathEscape = "path-escape", Error,
        "A path leaves the store.",
        "A snapshot path must stay inside sources/snapshots/ (no `..`, no absolute path, no \
symlink out), and files under claims/ and sources/ must not be symlinks out of the store. \
Such files are not read.\n\nFix: copy the file into the store.";
    QuoteNotFound = "quote-not-found", Error,
        "A quote is not in its document's snapshot.",
        "Quotes are compared with the snapshot after folding whitespace, typographic quotes, \
apostrophes, dashes and ellipses; case matters.\n\nFix: copy the passage exactly; the message \
shows the closest passage and how it differs.";
    PartOfCycle = "part-of-cycle", Error,
        "Sources' part_of links form a cycle.",
        "part_of says a group belongs to a larger one (iskp is part of islamic-state); a \
cycle makes relatedness meaningless.\n\nFix: remove one of the links named in the message.";
    MisplacedRecord = "misplaced-record", Error,
        "A record is in the wrong folder.",
        "Claims live under claims/, Sources and Documents under sources/.\n\nFix: move the \
file.";
    BadValue = "bad-value", Error,
        "An Actors value names fewer than two actors, or one twice.",
        "Actors([...]) is a joint attribution: all of these actors together (\"the Zionist \
regime and the United States are behind this crime\"). It needs two or more distinct source \
ids; one actor is written Actor(\"id\").\n\nExample: `Actors([\"israel\"])` -> write \
`Actor(\"israel\")`; `Actors([\"israel\", \"israel\"])` -> drop the repeated id.";
    BadSupersedes = "bad-supersedes", Error,
        "`supersedes` names a claim of another group, the claim itself, or forms a cycle.",
        "A claim supersedes earlier claims of the same subject and measure (a corrected or \
updated figure: the ministry's 95 supersedes the agency's first 103). Superseded claims stay in \
the story but are not compared. A claim of another subject or measure is a different question, \
and a cycle would leave no current figure.\n\nFix: name a claim of the same subject and \
measure, or remove the entry. Example: `supersedes: [\"kerman-killed-irna-103\"]` in \
kerman-killed-moh-95.";
    ValueNotInQuote = "value-not-in-quote", Warning,
        "A count value's figure appears in none of the claim's quotes.",
        "A claim's quotes are its evidence: a figure they do not mention is a typo, a figure \
taken from elsewhere, or a reading the quote does not carry. Figures are read as people write \
them: digits with or without thousands separators (4000, 4,000, 4 000, 4.000), digits with a \
scale word (1.5 million) and English number words (ninety-five, a thousand, two hundred and \
eighty); a number inside a longer run of digits or letters does not count (143 is not in 1430 \
nor in A143). Exact(n) and About(n) need n; AtLeast(n) n, or n - 1 (\"more than 60\" is \
AtLeast(61)); AtMost(n) n, or n + 1 (\"fewer than 11\" is AtMost(10)); Between(lo, hi) both \
ends. Only claims of Count measures are read.\n\nExample: `value: AtLeast(134)` citing the \
quote \"claimed the lives of at least 143 people\" -> the quotes mention 143; the value says \
134.\n\nFix: correct the value (then `claimtrail hash`), or cite the passage that gives the \
figure.";
    Conflict = "conflict", Warning,
        "Two claims of one subject and measure conflict.",
        "Figures whose intervals are disjoint (or actors that differ and are not related by \
part_of) cannot both be true. A toll that grew over time is a revision, not a conflict. \
Each pair is one finding, at its newer claim (under `check --since`, the one the branch \
changed; otherwise the one whose id sorts last), naming the other claim as related.\n\n\
Fix: nothing to fix in the files; review the pair, rank the wrong one Deprecated or review it \
False when settled.";
    UnexplainedRevision = "unexplained-revision", Warning,
        "A claim's value moved without a new as_of or citation.",
        "A figure that changes while neither its as_of nor its citations change has no \
recorded reason.\n\nFix: update as_of and cite the document that carries the new figure.";
    SnapshotUnreadable = "snapshot-unreadable", Error,
        "A claim quotes a document whose snapshot has no readable text.",
        "Quotes are matched against the text a reader sees in the snapshot: a plain-text \
file as it is, an HTML page's visible text (decoded by its declared encoding), a PDF's text \
layer. A scanned PDF (images only), an image, an archive or a WARC file has no text, nor has a \
file named as one type that holds another; such a snapshot cannot carry a quote. The finding \
points at the document's `snapshot` field, says why the file has no text and names the \
claims that quote it.\n\nFix: archive a version with text (the page as HTML, the PDF as \
published rather than scanned, or the OCR'd text as a .txt document), or cite another \
document. `claimtrail text DOC` prints what a snapshot reads as.";
    MergeConflict = "merge-conflict", Error,
        "A record file holds git's conflict markers.",
        "A merge that stopped on a conflict leaves both sides' lines in the file between \
`<<<<<<<`, `=======` and `>>>>>>>` lines; such a file is no record until they are resolved. \
The finding points at the first marker and names the fields between the markers (with \
`merge=claimtrail`, the merge driver leaves markers around the fields changed on both sides \
alone).\n\nFix: keep one side's lines (or write the right value), delete the marker lines, \
then run `claimtrail hash` to reseal the record and `git add` it.\n\nExample:\n\
```\n<<<<<<< ours\n    value: Exact(139),\n=======\n    value: Exact(143),\n>>>>>>> theirs\n```\n\
-> merge-conflict at the `<<<<<<<` line: `value` changed on both sides.";
}

impl Code {
    /// The code written `name` in outputs (`hash-mismatch`), if any.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}
