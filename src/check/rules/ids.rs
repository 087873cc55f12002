//! `bad-id` and `duplicate-id`.
//!
//! Ids and subjects are slugs (`[a-z0-9][a-z0-9-]{0,99}`) and ids are
//! unique across all records, so a reference names exactly one record and
//! history can follow a claim by id. Example: `id: "Crocus_Toll"` is a
//! `bad-id`; two files with `id: "knb"` are a `duplicate-id` each after the
//! first.

use super::{Context, finding};
use crate::finding::{Code, Diagnostic, Related};
use crate::model::id::{is_slug, slugify};
use crate::store::contents::Entry;

/// The rule on one record (`bad-id`).
pub(super) fn entry(e: &Entry, out: &mut Vec<Diagnostic>) {
    let id = e.record.id();
    if !is_slug(id) {
        out.push(bad_id(e, "id", id));
    }
    if let Some(c) = e.record.as_claim()
        && !is_slug(&c.subject)
    {
        out.push(bad_id(e, "subject", &c.subject));
    }
}

/// `duplicate-id`, over the whole store.
pub(super) fn duplicates(cx: &Context, out: &mut Vec<Diagnostic>) {
    if !cx.has_duplicates() {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for e in cx.contents.entries.iter().filter(|e| cx.reports(e)) {
        let id = e.record.id();
        let all = cx.with_id(id);
        if all.len() > 1 && !seen.contains(&(id, e.file.as_str())) && !std::ptr::eq(all[0], e) {
            seen.insert((id, e.file.as_str()));
            out.push(
                finding(Code::DuplicateId, e, "id", format!("id `{}` is also used by {}", id, all[0].file))
                    .with_help("ids are unique across the store: rename one of the records")
                    .with_related(Related::new(
                        all[0].file.clone(),
                        "id",
                        id,
                        format!("the first record with id `{id}`"),
                    )),
            );
        }
    }
}

fn bad_id(e: &crate::store::contents::Entry, field: &str, value: &str) -> Diagnostic {
    let suggestion = slugify(value);
    let help = if suggestion.is_empty() {
        "ids are slugs: lowercase letters, digits and `-`, starting with a letter or digit, at most 100 characters".to_owned()
    } else {
        format!("ids are slugs ([a-z0-9][a-z0-9-]{{0,99}}); write `{suggestion}`")
    };
    finding(Code::BadId, e, field, format!("`{}` is not a valid {field}", value)).with_help(help)
}
