//! `misplaced-record`: a well-formed Claim outside claims/, or a Source or
//! Document outside sources/. Example: a `Claim(...)` saved as
//! sources/actors/x.ron.

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::RecordKind;
use crate::store::contents::Folder;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let config = &cx.contents.config;
    for e in cx.contents.entries.iter().filter(|e| cx.reports(e)) {
        let kind = e.record.kind();
        let (ok, home) = match kind {
            RecordKind::Claim => (e.folder == Folder::Claims, &config.claims),
            RecordKind::Source | RecordKind::Document => (e.folder == Folder::Sources, &config.sources),
        };
        if !ok {
            out.push(
                finding(Code::MisplacedRecord, e, "", format!("a {} record outside {home}/", kind.name()))
                    .with_help(format!("move the file under {home}/")),
            );
        }
    }
}
