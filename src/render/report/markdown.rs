//! `report --format markdown`, for a GitHub pull-request comment: the
//! counts, the conflicts, each group's claims with their grades, the
//! sources' track records and, in git, the recent history.
//!
//! GitHub refuses comments over 65,536 characters, so the text is kept
//! under [`LIMIT`]: once a line would pass it, that line and all after it
//! are left out and a closing note says how many. Record text is escaped
//! (`markdown_text`), so a statement cannot add links, images, HTML or
//! @-mentions to the comment.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::compare::groups::Standing;
use crate::compare::report::RecentChange;
use crate::compare::report::Report;
use crate::render::escape::markdown::{code, escape, escape_cut};
use crate::render::report::html::{grade_words, retraction, value_words};

/// The most characters the comment may have, with room for the note.
pub const LIMIT: usize = 65_000;
/// Characters kept for the closing note.
const NOTE_ROOM: usize = 400;
/// A statement longer than this is cut in the tables.
const STATEMENT_CHARS: usize = 300;

/// Writes the comment. `title` names the store; `history` is `None`
/// outside git.
pub fn report(
    out: &mut dyn Write,
    report: &Report,
    title: &str,
    history: Option<&[RecentChange]>,
) -> io::Result<()> {
    let mut md = Budget::default();
    let names = report.source_names();
    let name = |id: &str| escape(names.get(id));
    md.line(format!("## Claims report: {}\n", escape(title)));
    md.line(format!(
        "**{} claims** in {} subjects and measures · **{} conflicts** · {} sources\n",
        report.snapshot.claims().count(),
        report.analysis.groups.len(),
        report.analysis.conflicts.len(),
        report.sources.len()
    ));
    let claims: HashMap<&str, &crate::model::Claim> =
        report.snapshot.claims().map(|(_, c)| (c.id.as_str(), c)).collect();
    md.line("### Conflicts\n".into());
    if report.analysis.conflicts.is_empty() {
        md.line("No conflicts.\n".into());
    } else {
        md.line("| subject · measure | kind | one claim | the other |\n|---|---|---|---|".into());
        let side = |id: &str| match claims.get(id) {
            Some(c) => format!("{} {} ({})", code(id), escape(&c.value.display()), name(&c.claimant)),
            None => code(id),
        };
        for c in &report.analysis.conflicts {
            md.line(format!(
                "| {} · {} | {} | {} | {} |",
                code(&c.subject),
                code(&c.measure),
                c.kind.as_str(),
                side(&c.claims[0]),
                side(&c.claims[1])
            ));
        }
        md.line(String::new());
    }
    md.line("### Figures\n".into());
    for g in &report.analysis.groups {
        let unit = g.measure.unit.as_deref().map(|u| format!(" ({})", escape(u))).unwrap_or_default();
        md.line(format!("#### {} · {}{unit}\n", code(g.subject), code(&g.measure.id)));
        md.line("| as of | value | claimant | grade | claim |\n|---|---|---|---|---|".into());
        for m in &g.members {
            let c = m.claim;
            let mark = if m.is_contradicted() { " ⚠️" } else { "" };
            let grade = match (&m.credibility, m.standing) {
                (Some(cred), _) => format!("{} {}", cred.grade, grade_words(cred.grade)),
                (None, Standing::Superseded) => {
                    let by: Vec<String> = m
                        .superseded_by
                        .iter()
                        .map(|&e| code(report.snapshot.entries[e].record.id()))
                        .collect();
                    format!("superseded by {}", by.join(", "))
                }
                (None, _) => escape(&retraction(m.claim).unwrap_or_else(|| "not graded".to_owned())),
            };
            md.line(format!(
                "| {} | {}{mark} | {} | {grade} | {} {} |",
                escape(c.as_of.as_deref().unwrap_or("–")),
                escape(&value_words(&c.value, &names)),
                name(&c.claimant),
                code(&c.id),
                escape_cut(&c.statement, STATEMENT_CHARS)
            ));
        }
        md.line(String::new());
    }
    md.line("### Sources\n".into());
    md.line(
        "| source | rating | claims | corroborated | contradicted | revised | retracted |\n\
         |---|---|--:|--:|--:|--:|--:|"
            .into(),
    );
    for t in &report.sources {
        md.line(format!(
            "| {} {} | {} | {} | {} | {} | {} | {} |",
            escape(&t.source.name),
            code(&t.source.id),
            t.rating.map_or("unrated", |r| r.letter()),
            t.claims,
            t.corroborated,
            t.contradicted,
            t.revised,
            t.retracted
        ));
    }
    md.line(String::new());
    if let Some(changes) = history {
        md.line("### Recent history\n".into());
        md.line("| when | commit | author | claim | change | value |\n|---|---|---|---|---|---|".into());
        for c in changes {
            let short: String = c.commit.chars().take(10).collect();
            md.line(format!(
                "| {} | {} | {} | {} | {} | {} |",
                escape(&c.time),
                code(&short),
                escape(&c.author),
                code(&c.id),
                escape(&c.change),
                escape(&crate::render::report::html::old_to_new(c))
            ));
        }
        md.line(String::new());
    }
    out.write_all(md.finish().as_bytes())
}

/// The comment's text, cut before it passes [`LIMIT`].
#[derive(Default)]
struct Budget {
    text: String,
    chars: usize,
    dropped: usize,
}

impl Budget {
    fn line(&mut self, line: String) {
        let n = line.chars().count() + 1;
        if self.dropped > 0 || self.chars + n > LIMIT - NOTE_ROOM {
            self.dropped += line.lines().count().max(1);
            return;
        }
        self.text.push_str(&line);
        self.text.push('\n');
        self.chars += n;
    }

    fn finish(mut self) -> String {
        if self.dropped > 0 {
            self.text.push_str(&format!(
                "\n_This comment was cut to stay under GitHub's limit: {} more line{} not shown. \
                 The whole report: `claimtrail report -o report.html`._\n",
                self.dropped,
                if self.dropped == 1 { "" } else { "s" }
            ));
        }
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_cuts_with_a_note() {
        let mut b = Budget::default();
        for i in 0..10_000 {
            b.line(format!("| row {i} | {} |", "x".repeat(40)));
        }
        let text = b.finish();
        assert!(text.chars().count() <= LIMIT, "{}", text.chars().count());
        assert!(text.contains("more lines not shown"));
        let mut b = Budget::default();
        b.line("short".into());
        assert_eq!(b.finish(), "short\n");
    }
}
