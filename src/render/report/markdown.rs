//! `report --format markdown`, for a GitHub pull-request comment: the
//! counts, the conflicts, each group's claims with their grades, the
//! sources' track records and, in git, the recent history.
//!
//! GitHub refuses comments over 65,536 characters, so the text is kept
//! under [`LIMIT`]: while it is over, the longest section (conflicts,
//! figures, sources, history) loses its last line, so every section keeps
//! a share and a long list of conflicts cannot push the figures out; each
//! cut section ends with "… N more". Record text is escaped
//! (`markdown_text`), so a statement cannot add links, images, HTML or
//! @-mentions to the comment.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::compare::groups::Standing;
use crate::compare::report::RecentChange;
use crate::compare::report::Report;
use crate::render::escape::markdown::{code, escape, escape_cut};
use crate::render::report::words::{grade_words, retraction, value_words};

/// The most characters the comment may have, with room for the note.
pub const LIMIT: usize = 65_000;
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
    let mut md = Comment::default();
    let names = report.source_names();
    let name = |id: &str| escape(names.get(id));
    md.line(format!("## Claims report: {}\n", escape(title)));
    md.line(format!(
        "**{} claims** in {} subjects and measures · **{} conflicts** · {} sources\n",
        report.contents.claims().count(),
        report.analysis.groups.len(),
        report.analysis.pairs(),
        report.sources.len()
    ));
    let claims: HashMap<&str, &crate::model::Claim> =
        report.contents.claims().map(|(_, c)| (c.id.as_str(), c)).collect();
    md.section("### Conflicts\n", "conflicts");
    if report.analysis.pairs() == 0 {
        md.line("No conflicts.\n".into());
    } else {
        md.line("| subject · measure | kind | one claim | the other |\n|---|---|---|---|".into());
        let side = |id: &str| match claims.get(id) {
            Some(c) => format!("{} {} ({})", code(id), escape(&c.value.display()), name(&c.claimant)),
            None => code(id),
        };
        for c in &report.analysis.conflicts {
            md.row(format!(
                "| {} · {} | {} | {} | {} |",
                code(&c.subject),
                code(&c.measure),
                c.kind.as_str(),
                side(&c.claims[0]),
                side(&c.claims[1])
            ));
        }
        md.line(String::new());
        for g in report.analysis.omitted() {
            md.line(format!(
                "{} · {}: {} conflicting pairs, {} not listed (at most max_pairs_per_group a group, claimtrail.ron).\n",
                code(g.subject),
                code(&g.measure.id),
                g.pairs,
                g.omitted
            ));
        }
    }
    md.section("### Figures\n", "claims");
    for g in &report.analysis.groups {
        let unit = g.measure.unit.as_deref().map(|u| format!(" ({})", escape(u))).unwrap_or_default();
        md.line(format!("#### {} · {}{unit}\n", code(g.subject), code(&g.measure.id)));
        if let Some(answer) = super::answer::line(report, g, &names) {
            md.line(format!("{}\n", escape(&answer)));
        }
        md.line("| as of | value | claimant | grade | claim |\n|---|---|---|---|---|".into());
        for m in &g.members {
            let c = m.claim;
            let mark = if m.is_contradicted() { " ⚠️" } else { "" };
            let grade = match (&m.credibility, m.standing) {
                (Some(cred), _) => format!("{} {}", cred.grade, grade_words(cred.grade)),
                (None, Standing::Superseded) => {
                    let (revised, superseded) =
                        crate::compare::wording::revised_or_superseded(report.contents, m);
                    let by = |entries: &[usize]| -> String {
                        let ids: Vec<String> =
                            entries.iter().map(|&e| code(report.contents.entries[e].record.id())).collect();
                        ids.join(", ")
                    };
                    let mut words = Vec::new();
                    if !revised.is_empty() {
                        words.push(format!("revised by {}", by(&revised)));
                    }
                    if !superseded.is_empty() {
                        words.push(format!("superseded by {}", by(&superseded)));
                    }
                    words.join("; ")
                }
                (None, _) => escape(&retraction(m.claim).unwrap_or_else(|| "not graded".to_owned())),
            };
            let ids = |entries: &[usize]| -> Vec<String> {
                entries.iter().map(|&e| code(report.contents.entries[e].record.id())).collect()
            };
            let grade = if m.outgrown_by.is_empty() {
                grade
            } else {
                format!("{grade}; outgrown by {}", ids(&m.outgrown_by).join(", "))
            };
            md.row(format!(
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
    md.section("### Sources\n", "sources");
    md.line(
        "| source | rating | claims | corroborated | contradicted | revised | retracted |\n\
         |---|---|--:|--:|--:|--:|--:|"
            .into(),
    );
    for t in &report.sources {
        md.row(format!(
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
        md.section("### Recent history\n", "changes");
        md.line(
            "| committed | commit | author | claim | change | value (old → new) |\n|---|---|---|---|---|---|"
                .into(),
        );
        for c in changes {
            let short: String = c.commit.chars().take(10).collect();
            md.row(format!(
                "| {} | {} | {} | {} | {} | {} |",
                escape(&c.time),
                code(&short),
                escape(&c.author),
                code(&c.id),
                escape(&c.change),
                escape(&c.value_change())
            ));
        }
        md.line(String::new());
    }
    out.write_all(md.finish().as_bytes())
}

/// The comment: a preamble, then sections whose lines can be cut.
#[derive(Default)]
struct Comment {
    preamble: Vec<String>,
    sections: Vec<Section>,
}

/// A section: its heading (always kept) and its lines, of which the rows
/// (a conflict, a claim, a source, a change) are what "N more" counts.
struct Section {
    heading: &'static str,
    /// What its rows are, for the note.
    rows: &'static str,
    lines: Vec<(String, bool)>,
    /// The characters of its lines, each with its line break.
    chars: usize,
    /// How many of its lines are kept.
    kept: usize,
}

impl Section {
    fn note(&self) -> Option<String> {
        if self.kept == self.lines.len() {
            return None;
        }
        let more = self.lines[self.kept..].iter().filter(|(_, row)| *row).count();
        Some(format!(
            "\n_… {more} more {} not shown, to stay under GitHub's limit; the whole report: `claimtrail report -o report.html`._\n",
            self.rows
        ))
    }
}

impl Comment {
    /// Starts a section.
    fn section(&mut self, heading: &'static str, rows: &'static str) {
        self.sections.push(Section { heading, rows, lines: Vec::new(), chars: 0, kept: 0 });
    }

    /// A line that is not a row (a table's head, a heading, a blank line).
    fn line(&mut self, line: String) {
        self.push(line, false);
    }

    /// A row of the current section.
    fn row(&mut self, line: String) {
        self.push(line, true);
    }

    fn push(&mut self, line: String, row: bool) {
        match self.sections.last_mut() {
            Some(s) => {
                s.chars += line.chars().count() + 1;
                s.lines.push((line, row));
                s.kept = s.lines.len();
            }
            None => self.preamble.push(line),
        }
    }

    /// The text, with the longest section cut by a line at a time until
    /// the whole fits under [`LIMIT`] (notes included).
    fn finish(mut self) -> String {
        let fixed: usize = self.preamble.iter().map(|l| l.chars().count() + 1).sum::<usize>()
            + self.sections.iter().map(|s| s.heading.chars().count() + 1).sum::<usize>();
        let total = |sections: &[Section]| -> usize {
            fixed
                + sections.iter().map(|s| s.chars + s.note().map_or(0, |n| n.chars().count())).sum::<usize>()
        };
        while total(&self.sections) > LIMIT {
            let Some(longest) = self.sections.iter_mut().filter(|s| s.kept > 0).max_by_key(|s| s.chars)
            else {
                break;
            };
            longest.kept -= 1;
            longest.chars -= longest.lines[longest.kept].0.chars().count() + 1;
        }
        let mut text = String::new();
        for line in &self.preamble {
            text.push_str(line);
            text.push('\n');
        }
        for s in &self.sections {
            text.push_str(s.heading);
            text.push('\n');
            for (line, _) in &s.lines[..s.kept] {
                text.push_str(line);
                text.push('\n');
            }
            if let Some(note) = s.note() {
                text.push_str(&note);
                text.push('\n');
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_section_is_cut_and_every_section_keeps_a_share() {
        let mut c = Comment::default();
        c.line("## Claims report".into());
        c.section("### Conflicts\n", "conflicts");
        for i in 0..10_000 {
            c.row(format!("| conflict {i} | {} |", "x".repeat(40)));
        }
        c.line(String::new());
        c.section("### Figures\n", "claims");
        for i in 0..50 {
            c.row(format!("| figure {i} |"));
        }
        c.section("### Sources\n", "sources");
        c.row("| source |".into());
        let text = c.finish();
        assert!(text.chars().count() <= LIMIT, "{}", text.chars().count());
        assert!(
            text.contains("| figure 49 |") && text.contains("| source |"),
            "the short sections stay whole"
        );
        let kept = text.matches("| conflict ").count();
        assert!(kept > 900, "{kept}");
        assert!(text.contains(&format!("… {} more conflicts not shown", 10_000 - kept)), "{text}");
        // Nothing to cut: no note.
        let mut c = Comment::default();
        c.section("### Sources\n", "sources");
        c.row("short".into());
        assert_eq!(c.finish(), "### Sources\n\nshort\n");
    }
}
