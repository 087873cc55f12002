#!/usr/bin/env python3
"""Writes schemas/hash-vectors.json: records in RON with their canonical JSON
and hash, computed here independently of the Rust code (JCS via Python's
json.dumps with sorted keys, no whitespace, literal UTF-8; Python integers
are exact, as SPEC section 5 requires). `cargo test hash_vectors` checks the
Rust implementation against this file."""
import hashlib, json, pathlib

CIT = {"document": "orda-2024-03-26", "quote": "at least 143 people"}

def claim(**fields):
    base = {"id": "c", "subject": "crocus", "measure": "killed", "statement": "s",
            "claimant": "ic", "citations": [CIT]}
    base.update(fields)
    return {"Claim": base}

BASE_RON = ('id: "c", subject: "crocus", measure: "killed", statement: "s", claimant: "ic", '
            'citations: [Citation(document: "orda-2024-03-26", quote: "at least 143 people")]')

vectors = [
    ("exact", f'Claim({BASE_RON}, value: Exact(143))', claim(value={"Exact": 143})),
    ("at-least-with-as-of-and-tags",
     f'// comments never count\nClaim(\n    {BASE_RON},\n    value: AtLeast(40), as_of: "2024-03-22", tags: ["toll", "fsb"],\n)',
     claim(value={"AtLeast": 40}, as_of="2024-03-22", tags=["toll", "fsb"])),
    ("at-most-preferred", f'Claim({BASE_RON}, value: AtMost(10), rank: Preferred)',
     claim(value={"AtMost": 10}, rank="Preferred")),
    ("between-rank-normal-is-left-out", f'Claim({BASE_RON}, value: Between(137, 145), rank: Normal)',
     claim(value={"Between": [137, 145]})),
    ("about-above-2-53", f'Claim({BASE_RON}, value: About(18446744073709551615))',
     claim(value={"About": 18446744073709551615})),
    ("date-minute", f'Claim({BASE_RON.replace("killed", "founded")}, value: Date("2024-03-23T13:23"))',
     claim(value={"Date": "2024-03-23T13:23"}, measure="founded")),
    ("actor-with-via-and-locator",
     'Claim(id: "c", subject: "crocus", measure: "organised-by", statement: "s", claimant: "western-intelligence-unnamed", '
     'citations: [Citation(document: "orda-2024-03-26", quote: "q", via: ["the-guardian"], locator: "para 3")], value: Actor("iskp"))',
     {"Claim": {"id": "c", "subject": "crocus", "measure": "organised-by", "statement": "s",
                "claimant": "western-intelligence-unnamed",
                "citations": [{"document": "orda-2024-03-26", "quote": "q", "via": ["the-guardian"], "locator": "para 3"}],
                "value": {"Actor": "iskp"}}}),
    ("actors-joint-attribution",
     'Claim(id: "c", subject: "kerman", measure: "responsible", statement: "s", claimant: "jamshidi", '
     'citations: [Citation(document: "voa-2024-01-05", quote: "The responsibility for this crime lies with the U.S. and Zionist regimes")], '
     'value: Actors(["united-states", "israel"]))',
     {"Claim": {"id": "c", "subject": "kerman", "measure": "responsible", "statement": "s", "claimant": "jamshidi",
                "citations": [{"document": "voa-2024-01-05",
                               "quote": "The responsibility for this crime lies with the U.S. and Zionist regimes"}],
                "value": {"Actors": ["united-states", "israel"]}}}),
    ("supersedes-a-corrected-figure",
     f'Claim({BASE_RON}, value: Exact(95), as_of: "2024-01-03T22:00", supersedes: ["kerman-killed-irna-103", "kerman-killed-ems-103"])',
     claim(value={"Exact": 95}, as_of="2024-01-03T22:00", supersedes=["kerman-killed-irna-103", "kerman-killed-ems-103"])),
    ("text-non-ascii-quotes-backslashes-controls",
     'Claim(id: "c", subject: "crocus", measure: "summary", statement: "«Крокус» – “quoted” \\\\ back\\\\slash \\"dq\\" tab\\tnl\\nctl\\u{1}del\\u{7f} 🙂", '
     'claimant: "ic", citations: [Citation(document: "d", quote: "é")], value: Text("ISKP\'s \\"media\\""))',
     {"Claim": {"id": "c", "subject": "crocus", "measure": "summary",
                "statement": "«Крокус» – “quoted” \\ back\\slash \"dq\" tab\tnl\nctl\u0001del\u007f 🙂",
                "claimant": "ic", "citations": [{"document": "d", "quote": "é"}], "value": {"Text": "ISKP's \"media\""}}}),
    ("empty-list-equals-absent", f'Claim({BASE_RON}, value: Exact(143), tags: [], hash: "sha256:0000")',
     claim(value={"Exact": 143})),
    ("review-revises-deprecated",
     f'Claim({BASE_RON}, value: Exact(150), rank: Deprecated, note: "anonymous channel", '
     'review: Review(verdict: False, by: "desk", on: "2024-03-30", note: "official count lower"), '
     'revises: "sha256:' + "ab" * 32 + '")',
     claim(value={"Exact": 150}, rank="Deprecated", note="anonymous channel",
           review={"verdict": "False", "by": "desk", "on": "2024-03-30", "note": "official count lower"},
           revises="sha256:" + "ab" * 32)),
    ("source-with-ratings",
     'Source(id: "iskp", name: "Islamic State – Khorasan Province", kind: ArmedGroup, part_of: ["islamic-state"], '
     'aliases: ["ISIS-K", "ISKP"], country: "AF", ratings: [Rating(on: "2024", reliability: F, by: "desk"), '
     'Rating(on: "2024-03-26", reliability: C, by: "desk", note: "self-claims only")])',
     {"Source": {"id": "iskp", "name": "Islamic State – Khorasan Province", "kind": "ArmedGroup",
                 "part_of": ["islamic-state"], "aliases": ["ISIS-K", "ISKP"], "country": "AF",
                 "ratings": [{"on": "2024", "reliability": "F", "by": "desk"},
                             {"on": "2024-03-26", "reliability": "C", "by": "desk", "note": "self-claims only"}]}}),
    ("document-all-fields",
     'Document(id: "orda-2024-03-26", publisher: "orda", title: "How The Islamic State Operates in Central Asia", '
     'url: "https://example.org/a?b=1&c=<2>", author: "Mansur Khabarov", published: "2024-03-26", updated: ["2024-03-27"], '
     'retrieved: "2026-11-26", language: "en", translated_from: "ru", snapshot: "orda.txt", snapshot_hash: "sha256:' + "0f" * 32 + '")',
     {"Document": {"id": "orda-2024-03-26", "publisher": "orda", "title": "How The Islamic State Operates in Central Asia",
                   "url": "https://example.org/a?b=1&c=<2>", "author": "Mansur Khabarov", "published": "2024-03-26",
                   "updated": ["2024-03-27"], "retrieved": "2026-11-26", "language": "en", "translated_from": "ru",
                   "snapshot": "orda.txt", "snapshot_hash": "sha256:" + "0f" * 32}}),
    # Third edition: a page archived again by `recheck --save`.
    ("document-captured",
     'Document(id: "orda-2024-03-26-20240401", publisher: "orda", title: "How The Islamic State Operates", '
     'url: "https://example.org/a", published: "2024-03-26T09:15", retrieved: "2024-04-01T03:17", '
     'snapshot: "orda-2024-03-26-20240401.html", snapshot_hash: "sha256:' + "1e" * 32 + '", '
     'capture: "orda-2024-03-26-20240401.warc.gz", capture_hash: "sha256:' + "2d" * 32 + '", '
     'version_of: "orda-2024-03-26")',
     {"Document": {"id": "orda-2024-03-26-20240401", "publisher": "orda", "title": "How The Islamic State Operates",
                   "url": "https://example.org/a", "published": "2024-03-26T09:15", "retrieved": "2024-04-01T03:17",
                   "snapshot": "orda-2024-03-26-20240401.html", "snapshot_hash": "sha256:" + "1e" * 32,
                   "capture": "orda-2024-03-26-20240401.warc.gz", "capture_hash": "sha256:" + "2d" * 32,
                   "version_of": "orda-2024-03-26"}}),
]

out = []
for name, ron, value in vectors:
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    out.append({"name": name, "ron": ron, "canonical": canonical, "hash": "sha256:" + digest})
path = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "hash-vectors.json"
path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {len(out)} vectors to {path}")
