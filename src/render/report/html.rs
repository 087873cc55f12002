//! `report --format html`: one self-contained page. For each subject and
//! measure, a timeline chart (counts and dates) and the claims with their
//! grades and reasons; then the conflicts, the sources with their ratings
//! and track records, and the recent history when the store is in git.
//!
//! The page fetches nothing: the CSS is inline, the charts are inline SVG,
//! there is no script, and a Content-Security-Policy forbids loading
//! anything, as a second line behind escaping. Every piece of record text
//! goes through `html_escape::escape`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::chart::{self, Axis, Chart, Point, Shape};
use super::words::{grade_words, retraction, value_words};
use crate::compare::groups::{Group, Member, Standing};
use crate::compare::report::{RecentChange, Report, SourceNames};
use crate::model::{MeasureKind, Value};
use crate::render::escape::html::{anchor, escape};

const CSS: &str = include_str!("report.css");
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Writes the page. `title` names the store (claimtrail.ron's `title`, or
/// its folder); `history` is
/// `None` outside git.
pub fn report(
    out: &mut dyn Write,
    report: &Report,
    title: &str,
    history: Option<&[RecentChange]>,
) -> io::Result<()> {
    let names = report.source_names();
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Claims report: {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(title)
    );
    header(&mut h, report, title);
    figures(&mut h, report, &names);
    not_compared(&mut h, report, &names);
    conflicts(&mut h, report, &names);
    sources(&mut h, report);
    if let Some(changes) = history {
        recent(&mut h, changes);
    }
    let _ = write!(
        h,
        "<footer>Written by claimtrail {}. Grades are suggestions on the Admiralty scale \
         (1 confirmed … 5 improbable, 6 cannot be judged), from how the claims of a group agree and \
         conflict.</footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out.write_all(h.as_bytes())
}

/// Display names of sources, by id.
fn header(h: &mut String, report: &Report, title: &str) {
    let claims = report.contents.claims().count();
    let groups = &report.analysis.groups;
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p class=\"muted\">Claims report</p>\n<div class=\"summary\">\
         <div class=\"stat\"><b>{claims}</b>claims</div>\
         <div class=\"stat\"><b>{}</b>subjects and measures</div>\
         <div class=\"stat\"><b>{}</b>conflicts</div>\
         <div class=\"stat\"><b>{}</b>sources</div></div>\n",
        escape(title),
        groups.len(),
        report.analysis.pairs(),
        report.sources.len()
    );
    h.push_str("<nav><h2>Contents</h2><ul>\n");
    let mut subjects: Vec<&str> = groups.iter().map(|g| g.subject).collect();
    subjects.sort_unstable();
    subjects.dedup();
    for subject in subjects {
        let links: Vec<String> = groups
            .iter()
            .filter(|g| g.subject == subject)
            .map(|g| {
                let n = g.members.iter().filter(|m| m.is_contradicted()).count();
                let badge =
                    if n > 0 { format!(" <span class=\"badge red\">{n}</span>") } else { String::new() };
                format!(
                    "<a href=\"#{}\">{}</a> <span class=\"muted\">({})</span>{badge}",
                    group_anchor(g),
                    escape(&g.measure.id),
                    g.members.len()
                )
            })
            .collect();
        let _ = writeln!(h, "<li><b>{}</b>: {}</li>", escape(subject), links.join(" · "));
    }
    h.push_str(
        "<li><a href=\"#conflicts\">Conflicts</a> · <a href=\"#sources\">Sources</a></li></ul>\n\
         <p class=\"muted\">In brackets: how many claims; in red: how many of them are in conflict.</p></nav>\n",
    );
}

/// The order groups are shown in: those with conflicts first, then those
/// with a chart, then the rest; by subject and measure within each.
fn shown_order<'r, 'a>(groups: &'r [Group<'a>]) -> Vec<&'r Group<'a>> {
    let mut order: Vec<&Group> = groups.iter().collect();
    order.sort_by_key(|g| {
        let conflicted = g.members.iter().any(Member::is_contradicted);
        let charted = matches!(g.measure.kind, MeasureKind::Count | MeasureKind::Date);
        (!conflicted, !charted, g.subject, g.measure.id.as_str())
    });
    order
}

fn group_anchor(g: &Group) -> String {
    anchor("group-", &format!("{}--{}", g.subject, g.measure.id))
}

fn figures(h: &mut String, report: &Report, names: &SourceNames) {
    h.push_str("<h2 id=\"figures\">Figures</h2>\n");
    h.push_str(LEGEND);
    h.push_str(SCALES);
    for g in shown_order(&report.analysis.groups) {
        let unit = g.measure.unit.as_deref().map(|u| format!(", {}", escape(u))).unwrap_or_default();
        let _ = write!(
            h,
            "<section id=\"{}\">\n<h3>{} · {} <small>{}{unit}</small></h3>\n",
            group_anchor(g),
            escape(g.subject),
            escape(&g.measure.id),
            g.measure.kind.name()
        );
        if let Some(d) = &g.measure.description {
            let _ = writeln!(h, "<p class=\"muted\">{}</p>", escape(d));
        }
        if let Some(line) = super::answer::line(report, g, names) {
            let _ = writeln!(h, "<p class=\"answer\">{}</p>", escape(&line));
        }
        if let Some(c) = chart_of(g, names) {
            h.push_str(&chart::svg(&c));
        }
        h.push_str(
            "<table><thead><tr><th>as of</th><th>value</th><th>claimant</th><th>grade</th><th>why</th>\
             <th>statement</th></tr></thead><tbody>\n",
        );
        for m in &g.members {
            member_row(h, report, g, m, names);
        }
        h.push_str("</tbody></table>\n</section>\n");
    }
}

const LEGEND: &str = "<div class=\"legend\">\
<span><svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"5\" fill=\"#0969da\"/></svg> a figure</span>\
<span><svg width=\"14\" height=\"18\"><path d=\"M3 2H11M7 2V16M3 16H11\" stroke=\"#0969da\" stroke-width=\"2\" fill=\"none\"/></svg> a range (between, about, at most)</span>\
<span><svg width=\"14\" height=\"18\"><path d=\"M7 17V5\" stroke=\"#0969da\" stroke-width=\"2\"/><path d=\"M7 1l-5 8h10z\" fill=\"#0969da\"/></svg> at least</span>\
<span><svg width=\"30\" height=\"14\"><path d=\"M3 7H27\" stroke=\"#0969da\" stroke-width=\"4\" stroke-opacity=\".12\" stroke-linecap=\"round\"/></svg> pale band: the time the figure's as_of covers (a day, a month)</span>\
<span><svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"5\" fill=\"#cf222e\"/></svg><svg width=\"30\" height=\"14\"><path d=\"M1 7H29\" stroke=\"#cf222e\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/></svg> in conflict (red), pairs joined by a dashed line when there are a few (see the table for all)</span>\
<span><svg width=\"40\" height=\"14\"><circle cx=\"6\" cy=\"7\" r=\"5\" fill=\"#0969da\" fill-opacity=\".35\"/><path d=\"M13 7H37M32 4L37 7L32 10\" stroke=\"#8c959f\" fill=\"none\"/></svg> superseded or retracted (faded), grey arrow to what superseded it</span>\
<span><svg width=\"40\" height=\"14\"><path d=\"M3 7H37M32 4L37 7L32 10\" stroke=\"#bf8700\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\" fill=\"none\"/></svg> outgrown: dashed amber arrow to the later, higher count of another claimant (the figure stays current)</span>\
<span><svg width=\"16\" height=\"16\"><path d=\"M1 11l12 -5M1 15l12 -5\" stroke=\"#8c959f\"/></svg> axis break: the scale does not start at 0</span>\
<span><b>3</b> a numbered figure: its claimant is in the key under the chart</span>\
<span>Hover a point for the claim; click it to jump to its row.</span></div>\n";

/// The two scales, side by side and printed: a claim's grade (a number in
/// a disc) and a source's rating (a letter in a box).
const SCALES: &str = "<div class=\"scales\"><div><b>Grade of a claim</b> (Admiralty credibility, \
suggested from how the claims of a group agree and conflict): \
<span class=\"grade g1\">1</span> confirmed by independent sources \
<span class=\"grade g2\">2</span> probably true \
<span class=\"grade g3\">3</span> possibly true \
<span class=\"grade g4\">4</span> doubtful \
<span class=\"grade g5\">5</span> improbable \
<span class=\"grade g6\">6</span> cannot be judged</div>\
<div><b>Rating of a claimant</b> (Admiralty reliability, set by the desk): \
<span class=\"rating\">A</span> completely reliable \
<span class=\"rating\">B</span> usually reliable \
<span class=\"rating\">C</span> fairly reliable \
<span class=\"rating\">D</span> not usually reliable \
<span class=\"rating\">E</span> unreliable \
<span class=\"rating\">F</span> cannot be judged (or unrated)</div></div>\n";

fn member_row(h: &mut String, report: &Report, g: &Group, m: &Member, names: &SourceNames) {
    let c = m.claim;
    let class = match (m.is_contradicted(), m.standing) {
        (true, _) => " class=\"conflicted\"",
        (false, Standing::Current) => "",
        (false, Standing::Superseded | Standing::Retracted) => " class=\"faded\"",
    };
    let rating = report.analysis.ratings.current(&c.claimant).map(|r| r.letter()).unwrap_or("unrated");
    let item = |r: &String| format!("<li>{}</li>", escape(r));
    let mut reasons = standing_items(report, m);
    if let Some(cred) = &m.credibility {
        reasons.extend(cred.reasons.iter().take(1).map(item));
        if cred.reasons.len() > 1 {
            let rest: String = cred.reasons.iter().skip(1).map(item).collect();
            let _ = write!(
                reasons,
                "<li class=\"more\"><details><summary>{} more</summary><ul class=\"reasons\">{rest}</ul></details></li>",
                cred.reasons.len() - 1
            );
        }
    }
    let grade = match &m.credibility {
        Some(cred) => format!(
            "<span class=\"grade g{g}\" title=\"{}\">{g}</span>",
            grade_words(cred.grade),
            g = cred.grade
        ),
        None => "<span class=\"muted\" title=\"not graded\">–</span>".to_owned(),
    };
    let conflicts: String = m
        .conflicts
        .iter()
        .map(|&(j, kind)| {
            let other = g.members[j].claim;
            format!(
                "<li>conflicts with <a href=\"#{}\">{}</a> ({})</li>",
                anchor("claim-", &other.id),
                escape(&other.id),
                kind.as_str()
            )
        })
        .collect();
    let _ = writeln!(
        h,
        "<tr id=\"{}\"{class}><td>{}</td><td>{}</td><td>{} <span class=\"rating\" title=\"the claimant's rating\">{}</span></td>\
         <td>{grade}</td><td><ul class=\"reasons\">{conflicts}{reasons}</ul></td>\
         <td class=\"statement\">{}<br><span class=\"id\">{}</span></td></tr>",
        anchor("claim-", &c.id),
        escape(c.as_of.as_deref().unwrap_or("–")),
        escape(&value_words(&c.value, names)),
        escape(names.get(&c.claimant)),
        escape(rating),
        escape(&c.statement),
        escape(&c.id),
    );
}

/// Why a member is not current, as list items: what superseded it, and
/// the desk's retraction; and what outgrew it, for a current one.
fn standing_items(report: &Report, m: &Member) -> String {
    let mut items = String::new();
    let links = |entries: &[usize]| -> Vec<String> {
        entries
            .iter()
            .map(|&e| {
                let id = report.contents.entries[e].record.id();
                format!("<a href=\"#{}\">{}</a>", anchor("claim-", id), escape(id))
            })
            .collect()
    };
    let (revised, superseded) = crate::compare::wording::revised_or_superseded(report.contents, m);
    let ids = links(&revised);
    if !ids.is_empty() {
        let _ = write!(items, "<li>revised by {}</li>", ids.join(", "));
    }
    let ids = links(&superseded);
    if !ids.is_empty() {
        let _ = write!(items, "<li>superseded by {}</li>", ids.join(", "));
    }
    let ids = links(&m.outgrown_by);
    if !ids.is_empty() {
        let _ = write!(items, "<li class=\"outgrown\">outgrown by {}</li>", ids.join(", "));
    }
    if let Some(why) = retraction(m.claim) {
        let _ = write!(items, "<li>{}</li>", escape(&why));
    }
    items
}

/// The chart of a count or date group; `None` for actors and texts.
fn chart_of(g: &Group, names: &SourceNames) -> Option<Chart> {
    let axis = match g.measure.kind {
        MeasureKind::Count => Axis::Count,
        MeasureKind::Date => Axis::Date,
        MeasureKind::Actor | MeasureKind::Text => return None,
    };
    let points = g
        .members
        .iter()
        .filter_map(|m| {
            let interval = m.figure.interval?;
            let (shape, mark) = match (&m.claim.value, interval.hi) {
                (Value::Exact(n), _) => (Shape::Exact, *n as i128),
                (Value::AtLeast(n), _) => (Shape::AtLeast, *n as i128),
                (Value::About(n), _) => (Shape::Range, *n as i128),
                (_, Some(hi)) if hi == interval.lo => (Shape::Exact, hi),
                (_, Some(hi)) => (Shape::Range, interval.lo + (hi - interval.lo) / 2),
                (_, None) => (Shape::AtLeast, interval.lo),
            };
            let claimant = names.get(&m.claim.claimant);
            let standing = match (&m.credibility, m.standing) {
                (Some(c), _) => format!("grade {}, {}", c.grade, grade_words(c.grade)),
                (None, Standing::Superseded) => "superseded".to_owned(),
                (None, _) => retraction(m.claim).unwrap_or_else(|| "not graded".to_owned()),
            };
            let title = format!(
                "{}: {}{} ({standing}). {}",
                claimant,
                m.claim.value.display(),
                m.claim.as_of.as_deref().map(|d| format!(", as of {d}")).unwrap_or_default(),
                m.claim.statement
            );
            Some(Point {
                id: m.claim.id.clone(),
                label: claimant.to_owned(),
                title,
                value_text: m.claim.value.display(),
                when: m.figure.as_of.map(|d| (d.first_minute, d.last_minute)),
                when_label: m.claim.as_of.as_deref().unwrap_or_default().to_owned(),
                lo: interval.lo,
                hi: interval.hi,
                mark,
                shape,
                conflicted: m.is_contradicted(),
                faded: m.standing != Standing::Current,
                successor: m.superseded_by.iter().find_map(|&e| g.member_at(e)),
                outgrower: m.outgrown_by.iter().find_map(|&e| g.member_at(e)),
            })
        })
        .collect::<Vec<_>>();
    if points.len() != g.members.len() {
        return None; // every member of a count or date group has an interval
    }
    let conflicts = g
        .members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.conflicts.iter().filter(move |&&(j, _)| i < j).map(move |&(j, _)| (i, j)))
        .collect();
    Some(Chart { label: format!("{} over time, {}", g.measure.id, g.subject), axis, points, conflicts })
}

fn not_compared(h: &mut String, report: &Report, names: &SourceNames) {
    let lines: Vec<_> =
        report.claims().into_iter().filter(|l| report.analysis.member(l.entry).is_none()).collect();
    if lines.is_empty() {
        return;
    }
    h.push_str(
        "<h2 id=\"not-compared\">Not compared</h2>\n<p class=\"muted\">Claims whose measure or value \
         cannot be compared (see <code>claimtrail check</code>), or that the desk took out.</p>\n\
         <table><thead><tr><th>claim</th><th>subject · measure</th><th>value</th><th>claimant</th>\
         <th>why</th><th>statement</th></tr></thead><tbody>\n",
    );
    for l in lines {
        let c = l.claim;
        let why = if c.rank == crate::model::Rank::Deprecated {
            "ranked Deprecated".to_owned()
        } else if let Some(r) = c.review.as_ref().filter(|r| r.verdict == crate::model::Verdict::False) {
            format!("reviewed False by {} on {}", r.by, r.on)
        } else {
            "its measure or value cannot be compared".to_owned()
        };
        let _ = writeln!(
            h,
            "<tr id=\"{}\"><td class=\"id\">{}</td><td>{} · {}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"statement\">{}</td></tr>",
            anchor("claim-", &c.id),
            escape(&c.id),
            escape(&c.subject),
            escape(&c.measure),
            escape(&c.value.display()),
            escape(names.get(&c.claimant)),
            escape(&why),
            escape(&c.statement)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn conflicts(h: &mut String, report: &Report, names: &SourceNames) {
    h.push_str("<h2 id=\"conflicts\">Conflicts</h2>\n");
    if report.analysis.pairs() == 0 {
        h.push_str("<p>No conflicts.</p>\n");
        return;
    }
    let claims: HashMap<&str, &crate::model::Claim> =
        report.contents.claims().map(|(_, c)| (c.id.as_str(), c)).collect();
    h.push_str(
        "<table><thead><tr><th>subject · measure</th><th>kind</th><th>one claim</th><th>the other</th>\
         </tr></thead><tbody>\n",
    );
    let side = |id: &str| match claims.get(id) {
        Some(c) => format!(
            "<a href=\"#{}\">{}</a><br>{} <span class=\"muted\">{}{}</span>",
            anchor("claim-", id),
            escape(id),
            escape(&c.value.display()),
            escape(names.get(&c.claimant)),
            c.as_of.as_deref().map(|d| format!(", as of {}", escape(d))).unwrap_or_default()
        ),
        None => escape(id),
    };
    for c in &report.analysis.conflicts {
        let _ = writeln!(
            h,
            "<tr><td>{} · {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.subject),
            escape(&c.measure),
            c.kind.as_str(),
            side(&c.claims[0]),
            side(&c.claims[1])
        );
    }
    h.push_str("</tbody></table>\n");
    for g in report.analysis.omitted() {
        let _ = writeln!(
            h,
            "<p class=\"muted\">{} · {}: {} conflicting pairs, {} not listed (at most max_pairs_per_group a group, claimtrail.ron).</p>",
            escape(g.subject),
            escape(&g.measure.id),
            g.pairs,
            g.omitted
        );
    }
}

fn sources(h: &mut String, report: &Report) {
    h.push_str(
        "<h2 id=\"sources\">Sources</h2>\n<table><thead><tr><th>source</th><th>kind</th><th>rating</th>\
         <th class=\"num\">claims</th><th class=\"num\">corroborated</th><th class=\"num\">contradicted</th>\
         <th class=\"num\">revised</th><th class=\"num\">retracted</th></tr></thead><tbody>\n",
    );
    for t in &report.sources {
        let s = t.source;
        let rating = match s.ratings.last() {
            Some(r) => format!(
                "<b>{}</b> <span class=\"muted\">{}, by {}</span>{}",
                r.reliability.letter(),
                escape(&r.on),
                escape(&r.by),
                r.note
                    .as_deref()
                    .map(|n| format!("<br><span class=\"muted\">{}</span>", escape(n)))
                    .unwrap_or_default()
            ),
            None => "<span class=\"muted\">unrated</span>".to_owned(),
        };
        let _ = writeln!(
            h,
            "<tr id=\"{}\"><td>{}<br><span class=\"id\">{}</span></td><td>{}</td><td>{rating}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>",
            anchor("source-", &s.id),
            escape(&s.name),
            escape(&s.id),
            s.kind.name(),
            t.claims,
            t.corroborated,
            t.contradicted,
            t.revised,
            t.retracted
        );
    }
    h.push_str("</tbody></table>\n");
}

fn recent(h: &mut String, changes: &[RecentChange]) {
    h.push_str("<h2 id=\"history\">Recent history</h2>\n");
    if changes.is_empty() {
        h.push_str("<p>No claim has changed in the history of this branch.</p>\n");
        return;
    }
    h.push_str(
        "<table><thead><tr><th>committed</th><th>commit</th><th>author</th><th>claim</th><th>change</th>\
         <th>value (old → new)</th></tr></thead><tbody>\n",
    );
    for c in changes {
        let short: String = c.commit.chars().take(10).collect();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"id\">{}</td><td>{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            escape(&c.time),
            escape(&short),
            escape(&c.author),
            anchor("claim-", &c.id),
            escape(&c.id),
            escape(&c.change),
            escape(&c.value_change())
        );
    }
    h.push_str("</tbody></table>\n");
}
