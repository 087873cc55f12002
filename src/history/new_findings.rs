//! `check --since REV`: what a branch introduced relative to its base.
//!
//! A finding is *new* when the base had no finding with the same key:
//! code, record id (or file, for findings without one), field, and message
//! with the parts that drift without anyone touching the problem taken
//! out (hashes, which change with every edit, did-you-mean lists, which
//! change as records are added, and closest passages, given while a run's
//! budget for them lasts). Lines are not part of the key, so
//! an edit above a finding does not make it new. Keys are counted: three
//! identical findings where the base had two make one new. A finding
//! about a pair (a conflict, with the other claim as related) is keyed by
//! the pair, so it stays old when it moves to the pair's other claim.
//!
//! Unexplained revisions (docs/reference.md section 4) made since the base become
//! `unexplained-revision` warnings at the claim's `value` field.
//!
//! When only claims changed, the base need only be checked within the
//! changes' [`Scope`]. Pure.

use std::collections::{HashMap, HashSet};

use crate::finding::{Code, Diagnostic};
use crate::history::revisions::Revision;
use crate::model::Record;
use crate::store::contents::{Contents, Entry};

/// Sets `new` on every finding: true when the base had none like it.
#[cfg(test)]
pub(crate) fn mark_new(current: &mut [Diagnostic], base: &[Diagnostic]) {
    mark_new_within(current, base, None);
}

/// As [`mark_new`], with the base checked only within `scope` (its
/// findings filtered by [`Scope::covers`]): a finding the scope does not
/// cover is the base's own, so not new.
pub(crate) fn mark_new_within(current: &mut [Diagnostic], base: &[Diagnostic], scope: Option<&Scope>) {
    let mut left: HashMap<Key, usize> = HashMap::new();
    for d in base {
        *left.entry(key(d)).or_default() += 1;
    }
    for d in current.iter_mut() {
        if scope.is_some_and(|s| !s.covers(d)) {
            d.new = Some(false);
            continue;
        }
        let existed = left.get_mut(&key(d)).is_some_and(|n| {
            let had = *n > 0;
            *n = n.saturating_sub(1);
            had
        });
        d.new = Some(!existed);
    }
}

/// The records whose findings can differ between the base and now, when
/// only claims changed: a pull request that edits a few claims needs the
/// base's findings about those claims, their groups and what refers to
/// them, not the base's whole store checked again.
///
/// Every finding of a record depends only on the record itself, the
/// records with its id, the records its references name, the measures,
/// the snapshot files, every source and document, and (for a claim) the
/// other claims of its group (conflicts, supersession). So when the files
/// that differ are all claims on both sides, the findings of a claim
/// outside the scope below are the same in the base and now:
///
/// - *in scope* ([`Scope::covers`]): the ids of the changed claims (both
///   sides), of the records that reference them, of every source and
///   document, then of every claim in a group (subject, measure) of a claim
///   in scope, until no group is added;
/// - *kept* ([`Scope::keeps`]): the records in scope, every source and
///   document, and every record with an id that a kept one references, so
///   that each record in scope is checked with all it depends on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    covered: FastSet<String>,
    kept: FastSet<String>,
}

/// The scope's sets and maps of ids and paths, hashed as the rules'
/// lookups are.
type FastSet<T> = foldhash::HashSet<T>;
type FastMap<K, V> = foldhash::HashMap<K, V>;

impl Scope {
    /// The scope of the record files `changed` (paths relative to the
    /// store root) between the base and `now`, where `base` holds the
    /// base's versions of the changed files and every other record file is
    /// as in `now`. `None` when anything but claims changed: then the whole
    /// base must be checked. The measures and snapshot files are the
    /// caller's to compare (see [`Scope::same_inputs`]).
    /// `also` names more claims to cover: those the branch's commits wrote
    /// on the way (a claim changed and changed back differs nowhere, yet
    /// its revisions count).
    pub(crate) fn of<'a>(
        changed: &HashSet<String>,
        also: impl IntoIterator<Item = &'a str>,
        base: &Contents,
        now: &Contents,
    ) -> Option<Scope> {
        let config = &now.config;
        let snapshots = config.snapshots();
        let snapshots = snapshots.trim_end_matches('/');
        let at = |snap: &'_ Contents| -> FastMap<String, usize> {
            snap.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| changed.contains(&e.file))
                .map(|(i, e)| (e.file.clone(), i))
                .collect()
        };
        let (base_at, now_at) = (at(base), at(now));
        let mut covered: FastSet<String> = also.into_iter().map(str::to_owned).collect();
        for path in changed {
            if path.strip_prefix(snapshots).is_some_and(|rest| rest.starts_with('/')) {
                return None;
            }
            if crate::store::record_folder(config, path).is_none() {
                continue;
            }
            for (snap, index) in [(base, &base_at), (now, &now_at)] {
                let Some(&i) = index.get(path) else { continue };
                let record = &snap.entries[i].record;
                // Anything but a claim: the whole base.
                record.as_claim()?;
                covered.insert(record.id().to_owned());
            }
        }
        // Unchanged files are the same on both sides: `now` stands for
        // them, the base's versions of the changed files for the rest.
        let all: Vec<&Entry> = now
            .entries
            .iter()
            .filter(|e| !now_at.contains_key(&e.file))
            .chain(base_at.values().map(|&i| &base.entries[i]))
            .chain(now_at.values().map(|&i| &now.entries[i]))
            .collect();
        let entries = || all.iter().copied();
        let changed_ids = covered.clone();
        for e in entries() {
            let refers = references(&e.record).any(|id| changed_ids.contains(id));
            if refers || e.record.as_claim().is_none() {
                covered.insert(e.record.id().to_owned());
            }
        }
        // Whole groups, until no group is added (a covered id may name
        // claims of several groups).
        let mut groups: FastSet<(&str, &str)> = FastSet::default();
        loop {
            let before = groups.len();
            for e in entries() {
                if let Some(c) = e.record.as_claim()
                    && covered.contains(&c.id)
                {
                    groups.insert((c.subject.as_str(), c.measure.as_str()));
                }
            }
            if groups.len() == before {
                break;
            }
            for e in entries() {
                if let Some(c) = e.record.as_claim()
                    && groups.contains(&(c.subject.as_str(), c.measure.as_str()))
                {
                    covered.insert(c.id.clone());
                }
            }
        }
        let mut kept = covered.clone();
        for e in entries() {
            if covered.contains(e.record.id()) {
                kept.extend(references(&e.record).map(str::to_owned));
            }
        }
        Some(Scope { covered, kept })
    }

    /// Whether the base cut to a scope has the inputs every record shares
    /// as `now` has them: measures and snapshot files (a scope assumes
    /// that only claims changed).
    pub(crate) fn same_inputs(cut: &Contents, now: &Contents) -> bool {
        cut.config == now.config
            && cut.measures == now.measures
            && cut.has_measures_file == now.has_measures_file
            && cut.snapshots == now.snapshots
    }

    /// Whether a record is kept in the base checked within this scope.
    pub(crate) fn keeps(&self, e: &Entry) -> bool {
        e.record.as_claim().is_none() || self.kept.contains(e.record.id())
    }

    /// Whether a finding is one the scope decides: about a record in scope
    /// (or naming one as related), about no record (files that do not
    /// parse, the store itself), or an unexplained revision.
    pub(crate) fn covers(&self, d: &Diagnostic) -> bool {
        d.code == Code::UnexplainedRevision
            || d.id.as_ref().is_none_or(|id| self.covered.contains(id))
            || d.related.iter().any(|r| r.id.as_ref().is_some_and(|id| self.covered.contains(id)))
    }

    /// The snapshot `whole` cut to what the scope keeps (loading findings,
    /// measures and snapshot files whole).
    pub(crate) fn cut(&self, whole: &Contents) -> Contents {
        Contents {
            config: whole.config.clone(),
            entries: whole.entries.iter().filter(|e| self.keeps(e)).cloned().collect(),
            measures: whole.measures.clone(),
            has_measures_file: whole.has_measures_file,
            snapshots: whole.snapshots.clone(),
            findings: whole.findings.clone(),
        }
    }
}

/// Every id a record names: the ids whose records its findings depend on.
fn references(record: &Record) -> Box<dyn Iterator<Item = &str> + '_> {
    match record {
        Record::Claim(c) => Box::new(
            std::iter::once(c.claimant.as_str())
                .chain(c.citations.iter().flat_map(|cit| {
                    std::iter::once(cit.document.as_str()).chain(cit.via.iter().map(|v| v.as_str()))
                }))
                .chain(c.value.actors().iter().map(String::as_str))
                .chain(c.supersedes.iter().map(String::as_str)),
        ),
        Record::Source(s) => Box::new(s.part_of.iter().map(String::as_str)),
        Record::Document(d) => Box::new(std::iter::once(d.publisher.as_str())),
    }
}

/// Ids of the claims of `now` that the base lacks or that changed in
/// content since it: the newer claims of `check --since`.
pub(crate) fn changed_claims(base: &Contents, now: &Contents) -> HashSet<String> {
    let before = base.by_id();
    now.claims()
        .filter(|(e, _)| before.get(e.record.id()).is_none_or(|b| !b.record.same_content(&e.record)))
        .map(|(e, _)| e.record.id().to_owned())
        .collect()
}

/// An `unexplained-revision` warning for each unexplained revision whose
/// claim is still in the store, at its `value` field.
pub(crate) fn unexplained(revisions: &[Revision], now: &Contents) -> Vec<Diagnostic> {
    let by_id = now.by_id();
    revisions
        .iter()
        .filter(|r| !r.explained)
        .filter_map(|r| {
            let entry = by_id.get(r.id.as_str())?;
            let when = if r.commit.is_worktree() {
                "in the working tree".to_owned()
            } else {
                format!("in commit {} (\"{}\")", r.commit.short(), &r.commit.summary)
            };
            let message = format!(
                "the value changed from {} to {} {when}, while neither as_of nor the citations changed",
                &r.from.display(),
                &r.to.display(),
            );
            Some(
                Diagnostic::new(Code::UnexplainedRevision, entry.file.clone(), message)
                    .with_id(r.id.clone())
                    .at_field("value")
                    .with_help(
                        "set as_of to the time of the new figure and cite the document that carries it",
                    ),
            )
        })
        .collect()
}

type Key = (Code, Vec<String>, Option<String>, String);

fn key(d: &Diagnostic) -> Key {
    let who = d.id.clone().unwrap_or_else(|| d.file.clone());
    if d.related.is_empty() {
        return (d.code, vec![who], d.field.clone(), stable_message(&d.message));
    }
    // A pair's message is written from the side that carries it; the pair
    // itself is the key.
    let mut pair: Vec<String> = std::iter::once(who)
        .chain(d.related.iter().map(|r| r.id.clone().unwrap_or_else(|| r.file.clone())))
        .collect();
    pair.sort();
    (d.code, pair, d.field.clone(), String::new())
}

/// The message without hashes, did-you-mean suggestions and closest
/// passages (hints given while a run's budget for them lasts, so whether a
/// finding has one depends on the findings before it).
fn stable_message(message: &str) -> String {
    let message = message.split("; did you mean").next().unwrap_or(message);
    let message = message.split("; closest passage:").next().unwrap_or(message);
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(crate::text::hash::PREFIX) {
        out.push_str(&rest[..at + crate::text::hash::PREFIX.len()]);
        rest =
            rest[at + crate::text::hash::PREFIX.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(code: Code, id: &str, field: &str, message: &str) -> Diagnostic {
        Diagnostic::new(code, format!("claims/{id}.ron"), message).with_id(id).at_field(field)
    }

    /// Marks `current` against `base`; the `new` flags in order.
    fn check(base: &[Diagnostic], current: &[Diagnostic], expected: &[bool]) {
        let mut current = current.to_vec();
        mark_new(&mut current, base);
        let got: Vec<bool> = current.iter().map(|d| d.new.expect("marked")).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn new_findings_are_those_the_base_lacked() {
        let mismatch = |h: &str| d(Code::HashMismatch, "a", "hash", &format!("now hashes to sha256:{h}"));
        let dangling = |s: &str| d(Code::DanglingReference, "a", "claimant", &format!("no source `x`{s}"));
        check(&[mismatch("00ff")], &[mismatch("11ee")], &[false]);
        check(&[dangling("; did you mean `y`?")], &[dangling("")], &[false]);
        check(&[dangling("")], &[dangling(""), dangling("")], &[false, true]);
        check(&[], &[mismatch("00")], &[true]);
        check(&[mismatch("00")], &[d(Code::HashMismatch, "b", "hash", "now hashes to sha256:00")], &[true]);
        // Moving the file keeps the finding, as the id stays.
        let mut moved = mismatch("00");
        moved.file = "claims/x/a.ron".into();
        check(&[mismatch("00")], &[moved], &[false]);
    }

    #[test]
    fn a_pair_stays_old_when_it_moves_to_its_other_claim() {
        let conflict = |at: &str, other: &str| {
            d(Code::Conflict, at, "value", &format!("conflicts with claim `{other}`")).with_related(
                crate::finding::Related::new(format!("claims/{other}.ron"), "value", other, "x"),
            )
        };
        check(&[conflict("b", "a")], &[conflict("a", "b")], &[false]);
        check(&[conflict("b", "a")], &[conflict("c", "a")], &[true]);
    }

    #[test]
    fn hashes_are_left_out_of_keys() {
        assert_eq!(stable_message("a sha256:0af9 b sha256:12 c"), "a sha256: b sha256: c");
        assert_eq!(stable_message("x; did you mean `y`?"), "x");
        assert_eq!(stable_message("not in `d`; closest passage: \"q\""), "not in `d`");
    }
}

/// The scoped base marks every finding as the whole base does, on random
/// stores and random edits of their claims (values, groups, ids, the
/// claims they supersede, files added, removed and broken).
#[cfg(test)]
mod scope_tests {
    use super::*;
    use proptest::prelude::*;

    /// A claim file: (id, subject, measure, value, claimant, month, supersedes).
    type Spec = (u8, u8, u8, u16, u8, u8, Option<u8>);

    fn claim(spec: &Spec) -> String {
        let (id, subject, measure, value, claimant, month, supersedes) = *spec;
        let measure = ["killed", "any"][measure as usize % 2];
        let supersedes = supersedes.map_or(String::new(), |s| format!("supersedes: [\"c{}\"],", s % 12));
        format!(
            "Claim(id: \"c{}\", subject: \"s{}\", measure: \"{measure}\", value: Exact({}), as_of: \"2024-{:02}\", \
             statement: \"x\", claimant: \"src{}\", {supersedes} citations: [Citation(document: \"doc\", quote: \"q\")])",
            id % 12,
            subject % 3,
            value % 8 * 10,
            month % 12 + 1,
            claimant % 3,
        )
    }

    fn store(claims: &[(u8, Spec)]) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = (0..3)
            .map(|i| {
                (format!("sources/src{i}.ron"), format!("Source(id: \"src{i}\", name: \"S\", kind: Other)"))
            })
            .collect();
        files.push((
            "sources/doc.ron".to_owned(),
            "Document(id: \"doc\", title: \"t\", publisher: \"src0\", published: \"2024-01-01\")".to_owned(),
        ));
        for (file, spec) in claims {
            files.push((format!("claims/f{file}.ron"), claim(spec)));
        }
        files
    }

    fn snapshot(files: &[(String, String)]) -> Contents {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        crate::testing::snapshot(&files)
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (0u8..14, 0u8..3, 0u8..2, 0u16..8, 0u8..3, 0u8..12, proptest::option::weighted(0.2, 0u8..14))
    }

    /// An edit of a file: a new claim, a broken file, or gone.
    #[derive(Debug, Clone)]
    enum Edit {
        Write(Spec),
        Break,
        Remove,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![6 => spec().prop_map(Edit::Write), 1 => Just(Edit::Break), 1 => Just(Edit::Remove)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_scope_marks_findings_as_the_whole_base_does(
            claims in proptest::collection::vec(spec(), 0..16),
            edits in proptest::collection::vec((0u8..20, edit()), 1..5),
        ) {
            let before: Vec<(u8, Spec)> = claims.iter().enumerate().map(|(i, s)| (i as u8, *s)).collect();
            let base_files = store(&before);
            let mut now_files = base_files.clone();
            for (file, edit) in &edits {
                let path = format!("claims/f{file}.ron");
                now_files.retain(|(p, _)| *p != path);
                match edit {
                    Edit::Write(spec) => now_files.push((path, claim(spec))),
                    Edit::Break => now_files.push((path, "Claim(id: ".to_owned())),
                    Edit::Remove => {}
                }
            }
            let (base, now) = (snapshot(&base_files), snapshot(&now_files));
            let text_of = |files: &[(String, String)], path: &str| {
                files.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone())
            };
            let changed: HashSet<String> = base_files
                .iter()
                .chain(&now_files)
                .map(|(p, _)| p.clone())
                .filter(|p| text_of(&base_files, p) != text_of(&now_files, p))
                .collect();
            let changed_base: Vec<(String, String)> =
                base_files.iter().filter(|(p, _)| changed.contains(p)).cloned().collect();
            let scope = Scope::of(&changed, [], &snapshot(&changed_base), &now)
                .expect("only claims changed");
            let cut = scope.cut(&base);
            prop_assert!(Scope::same_inputs(&cut, &now));

            let current = crate::check::check(&now);
            let mut whole = current.clone();
            mark_new(&mut whole, &crate::check::check(&base));
            let mut within = current;
            let mut found = crate::check::check(&cut);
            found.retain(|d| scope.covers(d));
            mark_new_within(&mut within, &found, Some(&scope));
            let flags = |ds: &[Diagnostic]| -> Vec<(String, Option<String>, Option<bool>)> {
                ds.iter().map(|d| (d.code.as_str().to_owned(), d.id.clone(), d.new)).collect()
            };
            prop_assert_eq!(flags(&whole), flags(&within));
        }
    }

    #[test]
    fn a_changed_source_checks_the_whole_base() {
        let base = snapshot(&store(&[]));
        let mut now_files = store(&[]);
        now_files[0].1 = "Source(id: \"src0\", name: \"Renamed\", kind: Other)".to_owned();
        let changed: HashSet<String> = ["sources/src0.ron".to_owned()].into();
        assert!(Scope::of(&changed, [], &base, &snapshot(&now_files)).is_none());
    }
}
