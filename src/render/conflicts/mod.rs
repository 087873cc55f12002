//! Human and markdown output of `conflicts`: one timeline per subject and
//! measure that has a conflict. Each figure (numbered in as_of order) shows
//! its value, claimant and the claimant's current rating; the conflicts are
//! marked under it, by kind, with the numbers of their partners. A growing
//! toll shows as a rising timeline with no marks, but a figure that a
//! later, higher count of another claimant outgrew (docs/reference.md section 4) is
//! marked `↗ outgrown by #N`, and its group is shown though it has no
//! conflict.

pub(crate) mod revisions;

use crate::render::escape::markdown::escape as md;
use crate::render::wire::{ConflictsOutput, VERSION, WireConflict, WireOmitted, WireRevision, write_value};
use std::io::{self, Write};

use crate::compare::analysis::Analysis;
use crate::compare::groups::{Group, Member, Standing};
use crate::compare::pair::ConflictKind;
use crate::model::{MeasureKind, Trend};
use crate::render::escape::terminal::escape;
use crate::render::style::Style;

/// Lines are wrapped to this width where they can be.
const WIDTH: usize = 100;
const INDENT: usize = 6;

/// The human timeline of every group with a conflict, then a summary line
/// (unless `quiet`).
pub fn human(out: &mut dyn Write, style: Style, analysis: &Analysis, quiet: bool) -> io::Result<()> {
    let groups: Vec<&Group> = shown_groups(analysis).collect();
    for (n, group) in groups.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        human_group(out, style, analysis, group)?;
    }
    if !quiet {
        if !groups.is_empty() {
            writeln!(out)?;
        }
        let compared: usize = analysis.groups.iter().map(Group::compared).sum();
        let conflicted = analysis.conflicted_groups().count();
        let line = match total_pairs(analysis) {
            0 => style.green(&format!("no conflicts among {compared} compared claims")),
            n => style.yellow(&format!(
                "{n} conflict{} in {} group{} ({compared} compared claims in {} groups)",
                plural(n),
                conflicted,
                plural(conflicted),
                analysis.groups.len()
            )),
        };
        writeln!(out, "{line}")?;
        for g in analysis.omitted() {
            writeln!(out, "{}", style.yellow(&escape(&left_out(g))))?;
        }
        let outgrown = outgrown_count(analysis);
        if outgrown > 0 {
            let note = format!(
                "{outgrown} current figure{} outgrown by a later, higher count of another claimant (marked ↗)",
                plural(outgrown)
            );
            writeln!(out, "{}", style.yellow(&note))?;
        }
    }
    Ok(())
}

/// Every conflicting pair of the analysis, listed or not.
fn total_pairs(analysis: &Analysis) -> usize {
    analysis.groups.iter().map(|g| g.pairs).sum()
}

/// `s / killed: 1999000 conflicting pairs, 1998900 not listed (…)`.
fn left_out(group: &Group) -> String {
    format!(
        "{} / {}: {} conflicting pairs, {} not listed (at most max_pairs_per_group a group, claimtrail.ron)",
        group.subject, &group.measure.id, group.pairs, group.omitted
    )
}

/// Markdown: a section per group with conflicts, each a table.
pub fn markdown(out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
    writeln!(out, "# Conflicts\n")?;
    if total_pairs(analysis) == 0 {
        writeln!(out, "No conflicts.")?;
        if outgrown_count(analysis) == 0 {
            return Ok(());
        }
        writeln!(out)?;
    }
    for group in shown_groups(analysis) {
        writeln!(out, "## {} / {}\n", md(group.subject), md(&group.measure.id))?;
        writeln!(out, "{}.\n", tally(group))?;
        writeln!(out, "| # | as of | value | claimant | rating | claim | conflicts |")?;
        writeln!(out, "|--:|---|---|---|---|---|---|")?;
        for (i, m) in group.members.iter().enumerate() {
            let mut marks: Vec<String> =
                marks(group, m).iter().map(|(label, ns)| format!("{label} {}", ns.join(", "))).collect();
            marks.extend(outgrown_mark(group, m));
            marks.extend(standing(group, m).map(|why| md(&why)));
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                md(m.claim.as_of.as_deref().unwrap_or("–")),
                md(&m.claim.value.display()),
                md(&m.claim.claimant),
                rating(analysis, m),
                md(&m.claim.id),
                marks.join("; ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn human_group(out: &mut dyn Write, style: Style, analysis: &Analysis, group: &Group) -> io::Result<()> {
    let mut about = vec![];
    if let Some(unit) = &group.measure.unit {
        about.push(escape(unit).into_owned());
    }
    about.push(match group.measure.kind {
        MeasureKind::Count if group.measure.trend == Trend::NonDecreasing => {
            "count, non-decreasing".to_owned()
        }
        MeasureKind::Actor if group.measure.multi => "actors, several can be true".to_owned(),
        kind => kind.name().to_lowercase(),
    });
    let title = format!("{} / {}", escape(group.subject), escape(&group.measure.id));
    writeln!(out, "{}  {}", style.bold(&title), style.dim(&format!("({})", about.join("; "))))?;
    writeln!(out, "{}\n", tally(group))?;
    // A group where no figure has an as_of is ordered by value: no column.
    let dated = group.members.iter().any(|m| m.claim.as_of.is_some());
    let rows: Vec<Vec<String>> = group
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut cells = vec![format!("{}", i + 1)];
            if dated {
                cells.push(escape(m.claim.as_of.as_deref().unwrap_or("–")).into_owned());
            }
            cells.push(escape(&m.claim.value.display()).into_owned());
            cells.push(escape(&m.claim.claimant).into_owned());
            cells.push(rating(analysis, m));
            cells
        })
        .collect();
    let header: Vec<String> = ["#", "as of", "value", "claimant", "rating"]
        .iter()
        .filter(|h| dated || **h != "as of")
        .map(|h| h.to_string())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().chain([&header]).map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    writeln!(out, "{}", style.dim(&row(&header, &widths)))?;
    for (m, cells) in group.members.iter().zip(&rows) {
        match standing(group, m) {
            // Not compared: shown for the story, dimmed, with the reason.
            Some(why) => {
                writeln!(out, "{}", style.dim(&row(cells, &widths)))?;
                writeln!(out, "{}{}", " ".repeat(INDENT), style.dim(&escape(&m.claim.id)))?;
                writeln!(out, "{}{}", " ".repeat(INDENT), style.dim(&escape(&why)))?;
            }
            None => {
                writeln!(out, "{}", row(cells, &widths))?;
                writeln!(out, "{}{}", " ".repeat(INDENT), style.dim(&escape(&m.claim.id)))?;
            }
        }
        for (label, partners) in marks(group, m) {
            for line in wrap(&format!("✗ {label}"), &partners) {
                writeln!(out, "{}{}", " ".repeat(INDENT), style.red(&line))?;
            }
        }
        if let Some(mark) = outgrown_mark(group, m) {
            writeln!(out, "{}{}", " ".repeat(INDENT), style.yellow(&format!("↗ {mark}")))?;
        }
    }
    Ok(())
}

/// The groups shown: those with a conflict or an outgrown figure.
fn shown_groups<'r, 'a>(analysis: &'r Analysis<'a>) -> impl Iterator<Item = &'r Group<'a>> {
    analysis
        .groups
        .iter()
        .filter(|g| g.members.iter().any(|m| m.is_contradicted() || !m.outgrown_by.is_empty()))
}

/// How many current figures were outgrown.
fn outgrown_count(analysis: &Analysis) -> usize {
    analysis.groups.iter().flat_map(|g| &g.members).filter(|m| !m.outgrown_by.is_empty()).count()
}

/// `outgrown by #5` (docs/reference.md section 4: a later, higher count of another
/// claimant), or `None`.
fn outgrown_mark(group: &Group, m: &Member) -> Option<String> {
    if m.outgrown_by.is_empty() {
        return None;
    }
    let mut at: Vec<usize> = m.outgrown_by.iter().filter_map(|&e| group.member_at(e)).collect();
    at.sort_unstable();
    let by: Vec<String> = at.iter().map(|j| format!("#{}", j + 1)).collect();
    Some(format!("outgrown by {}", by.join(", ")))
}

/// `   3  2024-03-23  93  ic  C`: the number right-aligned, the rest left.
fn row(cells: &[String], widths: &[usize]) -> String {
    let mut line = format!("{:>w$}  ", cells[0], w = INDENT - 2);
    for (c, w) in cells.iter().zip(widths).skip(1) {
        line.push_str(c);
        line.push_str(&" ".repeat(w - c.chars().count() + 2));
    }
    line.trim_end().to_owned()
}

/// Why a member was not compared, in words (`revised by #3`, its
/// claimant's own later figure; `superseded by #5`, another's); `None`
/// when it was.
fn standing(group: &Group, m: &Member) -> Option<String> {
    if m.compared {
        return None;
    }
    let mut why = Vec::new();
    if !m.superseded_by.is_empty() {
        // Superseders in timeline order; one outside the group's figures
        // (a value that cannot be compared) is named by its position last.
        // "revised by" the claimant's own later figure, "superseded by"
        // another claimant's correction.
        let mut at: Vec<Option<usize>> = m.superseded_by.iter().map(|&e| group.member_at(e)).collect();
        at.sort_by_key(|j| j.unwrap_or(usize::MAX));
        let own = |j: &Option<usize>| j.is_some_and(|j| group.members[j].claim.claimant == m.claim.claimant);
        let words = |js: Vec<Option<usize>>| -> String {
            let by: Vec<String> = js
                .into_iter()
                .map(|j| j.map_or_else(|| "a claim not shown".to_owned(), |j| format!("#{}", j + 1)))
                .collect();
            by.join(", ")
        };
        let (revised, superseded): (Vec<Option<usize>>, Vec<Option<usize>>) = at.into_iter().partition(own);
        if !revised.is_empty() {
            why.push(format!("revised by {}", words(revised)));
        }
        if !superseded.is_empty() {
            why.push(format!("superseded by {}", words(superseded)));
        }
    }
    if m.standing == Standing::Retracted {
        why.push(if m.claim.rank == crate::model::Rank::Deprecated {
            "ranked Deprecated by the desk".to_owned()
        } else {
            "rated False by the desk".to_owned()
        });
    }
    Some(why.join("; "))
}

/// A member's conflicts by kind (and, for downward revisions, by side),
/// each with its partners' numbers (`#4`).
fn marks(group: &Group, me: &Member) -> Vec<(&'static str, Vec<String>)> {
    let mut marks: Vec<(&'static str, Vec<String>)> = Vec::new();
    for &(j, kind) in &me.conflicts {
        let label = match kind {
            ConflictKind::Disjoint => "disjoint with",
            ConflictKind::Actor => "actor: a different actor than",
            ConflictKind::DownwardRevision => {
                let mine = me.figure.as_of.map(|d| d.first_minute);
                let theirs = group.members[j].figure.as_of.map(|d| d.first_minute);
                if mine < theirs {
                    "downward-revision: later and lower"
                } else {
                    "downward-revision: lower than earlier"
                }
            }
        };
        let n = format!("#{}", j + 1);
        match marks.iter_mut().find(|(l, _)| *l == label) {
            Some((_, ns)) => ns.push(n),
            None => marks.push((label, vec![n])),
        }
    }
    marks
}

/// `15 figures, 21 conflicts (11 disjoint, 10 downward-revision)`.
fn tally(group: &Group) -> String {
    let mut kinds: Vec<(ConflictKind, usize)> = Vec::new();
    for m in &group.members {
        for &(_, kind) in &m.conflicts {
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((kind, 1)),
            }
        }
    }
    kinds.sort();
    // Each conflict was counted from both sides.
    let total: usize = kinds.iter().map(|(_, n)| n / 2).sum();
    let by_kind: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {}", n / 2, k.as_str())).collect();
    let figures = group.members.len();
    let compared = group.compared();
    let current = if compared < figures { format!(", {compared} compared") } else { String::new() };
    let left_out = match group.omitted {
        0 => String::new(),
        n => format!("; {n} more not listed (over max_pairs_per_group)"),
    };
    let kinds = if by_kind.is_empty() { String::new() } else { format!(" ({})", by_kind.join(", ")) };
    format!(
        "{figures} figure{}{current}, {total} conflict{}{kinds}{left_out}",
        plural(figures),
        plural(total)
    )
}

/// The claimant's current rating letter, or `unrated`.
fn rating(analysis: &Analysis, m: &Member) -> String {
    analysis.ratings.current(&m.claim.claimant).map_or("unrated".to_owned(), |r| r.letter().to_owned())
}

/// `label #1 #2 …`, wrapped to [`WIDTH`] with continuation lines indented.
fn wrap(label: &str, partners: &[String]) -> Vec<String> {
    let mut lines = vec![label.to_owned()];
    let pad = label.chars().count() + 1;
    for p in partners {
        let last = lines.last_mut().expect("at least one line");
        if last.chars().count() + 1 + p.len() > WIDTH - INDENT && last.chars().count() > pad {
            lines.push(format!("{}{p}", " ".repeat(pad)));
        } else {
            last.push(' ');
            last.push_str(p);
        }
    }
    lines
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `conflicts --format json`.
pub fn json(out: &mut dyn Write, analysis: &Analysis, revisions: &[WireRevision]) -> io::Result<()> {
    let output = ConflictsOutput {
        version: VERSION,
        conflicts: analysis.conflicts.iter().map(WireConflict::from).collect(),
        revisions,
        omitted: WireOmitted::of(analysis),
    };
    write_value(out, &output)
}
