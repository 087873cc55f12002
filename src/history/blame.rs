//! `blame`: for each field of a record's current version, the commit that
//! last set its value (docs/reference.md sections 6 and 9). Pure: it replays the
//! record's versions ([`versions`]), which follow the record by id across
//! moves, so a move changes no field's commit. A field's value is compared
//! in its canonical JSON form, so a change of layout or comments sets
//! nothing; a record deleted and added again is set anew by the commit that
//! added it back.

use std::collections::HashMap;

use crate::history::versions::{Selector, versions};
use crate::store::commits::{Commit, CommitChanges};

/// One field of the current version and the commit that set it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldBlame {
    pub field: &'static str,
    /// The field's value in its JSON form of docs/reference.md section 5.
    pub value: serde_json::Value,
    pub commit: Commit,
}

/// Why a record has no current version to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoBlame {
    /// No version of it is in the walk.
    Unknown,
    /// Its last version was deleted by this commit.
    Deleted(Commit),
}

/// The blame of the record `id` at the end of `history`: its present
/// fields in the order of docs/reference.md section 2 (`Record::fields`).
pub(crate) fn blame(history: &[CommitChanges], id: &str) -> Result<Vec<FieldBlame>, NoBlame> {
    let found = versions(history, &Selector::Id(id.to_owned()));
    let mut set: HashMap<&'static str, (serde_json::Value, &Commit)> = HashMap::new();
    for v in &found {
        let Some(parsed) = &v.record else {
            set.clear();
            continue;
        };
        let mut present = Vec::new();
        for f in parsed.record.fields() {
            let Some(json) = f.value.to_json() else { continue };
            present.push(f.name);
            if set.get(f.name).is_none_or(|(old, _)| *old != json) {
                set.insert(f.name, (json, &v.commit));
            }
        }
        set.retain(|name, _| present.contains(name));
    }
    let last = found.last().ok_or(NoBlame::Unknown)?;
    let Some(current) = &last.record else { return Err(NoBlame::Deleted(last.commit.clone())) };
    Ok(current
        .record
        .fields()
        .into_iter()
        .filter_map(|f| {
            let (value, commit) = set.get(f.name)?;
            Some(FieldBlame { field: f.name, value: value.clone(), commit: (*commit).clone() })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{claim_text as claim, commit};

    /// Blame as `field sha` lines.
    fn check(history: &[CommitChanges], id: &str, expected: &[&str]) {
        let got: Vec<String> = blame(history, id)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .iter()
            .map(|b| format!("{} {}", b.field, b.commit.sha))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn each_field_keeps_the_commit_that_set_it_across_moves() {
        let tagged = claim("a", "Exact(139)", "2024-03-24", "q2")
            .replace("citations:", "tags: [\"toll\"], citations:");
        let history = [
            commit("1", &[("claims/a.ron", Some(&claim("a", "Exact(137)", "2024-03-23", "q")))]),
            commit("2", &[("claims/a.ron", Some(&claim("a", "Exact(139)", "2024-03-23", "q")))]),
            commit(
                "3",
                &[
                    ("claims/a.ron", None),
                    ("claims/x/a.ron", Some(&claim("a", "Exact(139)", "2024-03-23", "q"))),
                ],
            ),
            commit("4", &[("claims/x/a.ron", Some(&tagged))]),
            commit(
                "5",
                &[("claims/x/a.ron", Some(&format!("// reformatted\n{}", tagged.replace(", ", ",\n"))))],
            ),
        ];
        check(
            &history,
            "a",
            &[
                "id 1",
                "subject 1",
                "measure 1",
                "value 2",
                "as_of 4",
                "statement 1",
                "claimant 1",
                "citations 4",
                "tags 4",
            ],
        );
    }

    #[test]
    fn deleted_and_unknown_records() {
        let a = claim("a", "Exact(1)", "2024", "q");
        let history = [commit("1", &[("claims/a.ron", Some(&a))]), commit("2", &[("claims/a.ron", None)])];
        assert_eq!(blame(&history, "a").unwrap_err(), NoBlame::Deleted(history[1].commit.clone()));
        assert_eq!(blame(&history, "b").unwrap_err(), NoBlame::Unknown);
        let back = [history[0].clone(), history[1].clone(), commit("3", &[("claims/b/a.ron", Some(&a))])];
        check(
            &back,
            "a",
            &[
                "id 3",
                "subject 3",
                "measure 3",
                "value 3",
                "as_of 3",
                "statement 3",
                "claimant 3",
                "citations 3",
            ],
        );
    }
}
