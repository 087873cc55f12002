//! Output of revisions across history (docs/reference.md section 4), for `conflicts
//! --history`: the wire objects of its JSON, a list for people and a
//! Markdown table. An unexplained revision is one whose commit changed
//! neither the claim's as_of nor its citations.

use crate::render::escape::markdown::escape as md;
use std::io::{self, Write};

use crate::history::revisions::Revision;
use crate::render::diff::delta;
use crate::render::escape::terminal::escape;
use crate::render::style::Style;
use crate::render::wire::WireRevision;

/// The JSON objects `{"id","commit","from","to","explained"}`.
pub(crate) fn wire(revisions: &[Revision]) -> Vec<WireRevision> {
    revisions
        .iter()
        .map(|r| WireRevision {
            id: r.id.clone(),
            commit: r.commit.sha.clone(),
            from: r.from.to_json(),
            to: r.to.to_json(),
            explained: r.explained,
        })
        .collect()
}

/// A title line, then one line per revision, oldest first.
pub(crate) fn human(out: &mut dyn Write, style: Style, revisions: &[Revision]) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&format!("across history: {}", tally(revisions))))?;
    let w_id = revisions.iter().map(|r| escape(&r.id).chars().count()).max().unwrap_or(0);
    let changes: Vec<String> = revisions.iter().map(|r| delta::value_change(&r.from, &r.to)).collect();
    let w_change = changes.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    for (r, change) in revisions.iter().zip(&changes) {
        let id = escape(&r.id);
        let verdict = if r.explained { style.dim("explained") } else { style.yellow("unexplained") };
        writeln!(
            out,
            "  {}  {}  {id}{}  {change}{}  {verdict}",
            style.dim(r.commit.short()),
            r.commit.time.get(..10).unwrap_or_default(),
            " ".repeat(w_id - id.chars().count()),
            " ".repeat(w_change - change.chars().count()),
        )?;
    }
    Ok(())
}

/// A section with a table, for a pull-request comment or a report.
pub(crate) fn markdown(out: &mut dyn Write, revisions: &[Revision]) -> io::Result<()> {
    let mut tally = tally(revisions);
    tally[..1].make_ascii_uppercase();
    writeln!(out, "\n## Revisions across history\n\n{tally}.\n")?;
    if revisions.is_empty() {
        return Ok(());
    }
    writeln!(out, "| commit | date | claim | value | explained |\n|---|---|---|---|---|")?;
    for r in revisions {
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            r.commit.short(),
            r.commit.time.get(..10).unwrap_or_default(),
            md(&r.id),
            md(&delta::value_change(&r.from, &r.to)),
            if r.explained { "yes" } else { "**no**" }
        )?;
    }
    Ok(())
}

/// `2 revisions, 1 unexplained`, or `no revisions`.
fn tally(revisions: &[Revision]) -> String {
    let unexplained = revisions.iter().filter(|r| !r.explained).count();
    match revisions.len() {
        0 => "no revisions".to_owned(),
        1 => format!("1 revision, {unexplained} unexplained"),
        n => format!("{n} revisions, {unexplained} unexplained"),
    }
}
