//! The SVG timeline of one group of figures, for the HTML report: x is the
//! claim's as_of (in order, gaps compressed: see `chart_scale`), y its
//! value. An exact figure is a dot; an interval a
//! whisker with caps and a dot at its nominal value; an open-ended one
//! (`AtLeast`) a dot with an arrow running off the top. Conflicting pairs
//! are red and joined by a dashed line. Each point links to its claim's
//! row and carries a hover `<title>`; labels name each claimant once, at
//! its latest figure, where there is room (shortened names keep the full
//! one on hover); other figures get numbers, explained in a key below the
//! chart. A count axis that does not start at zero shows a break. Claims without as_of stand in a band at the right.
//!
//! The chart is plain SVG inside the page: no script, no fonts, no
//! external references. Every text is escaped.

use std::fmt::Write;

use super::chart_scale::{XScale, YScale};
use crate::render::escape::html::{anchor, escape};

/// What the y axis counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Axis {
    Count,
    /// Values are minutes since 1970, shown as dates.
    Date,
}

/// How a point's interval is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Exact,
    Range,
    AtLeast,
}

/// One figure of the group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    /// The claim id: the point links to `#claim-<id>`.
    pub id: String,
    /// The claimant's name, written beside the point.
    pub label: String,
    /// The hover text.
    pub title: String,
    /// The value in words, for the key of numbered points.
    pub value_text: String,
    /// The as_of span, first and last minute.
    pub when: Option<(i64, i64)>,
    /// The as_of as written, for the axis.
    pub when_label: String,
    pub lo: i128,
    /// `None` when open-ended.
    pub hi: Option<i128>,
    /// The nominal value the dot marks.
    pub mark: i128,
    pub shape: Shape,
    pub conflicted: bool,
    /// Superseded or retracted: drawn faded.
    pub faded: bool,
    /// The point that superseded this one (its first direct superseder in
    /// the chart), to which an arrow is drawn.
    pub successor: Option<usize>,
    /// The point that outgrew this one (the first of `outgrown_by` in the
    /// chart), to which a dashed amber arrow is drawn.
    pub outgrower: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// What the chart shows, for screen readers.
    pub label: String,
    pub axis: Axis,
    pub points: Vec<Point>,
    /// Conflicting pairs, as indices into `points`.
    pub conflicts: Vec<(usize, usize)>,
}

pub(crate) const W: f64 = 760.0;
pub(crate) const H: f64 = 300.0;
pub(crate) const LEFT: f64 = 78.0;
pub(crate) const RIGHT: f64 = 24.0;
pub(crate) const TOP: f64 = 18.0;
pub(crate) const BOTTOM: f64 = 40.0;
const LABEL_CHARS: usize = 24;
/// Conflicting pairs are joined by lines only up to this many.
pub(crate) const MAX_PAIR_LINES: usize = 6;

/// The chart as an `<svg>` element, followed by the key of its numbered
/// points (an `<ol class="key">`) when some have no name beside them.
pub(crate) fn svg(chart: &Chart) -> String {
    let x = XScale::of(&chart.points);
    let y = YScale::of(chart);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(&chart.label)
    );
    axes(&mut s, &x, &y, chart.axis);
    let placed: Vec<(f64, f64)> =
        chart.points.iter().enumerate().map(|(i, p)| (x.at(p, i), y.at(p.mark))).collect();
    // Beyond a few pairs the lines become a tangle that hides the figures;
    // the red dots, the summary line and the table still say who conflicts.
    let pairs = if chart.conflicts.len() <= MAX_PAIR_LINES { chart.conflicts.as_slice() } else { &[] };
    for &(a, b) in pairs {
        let (Some(pa), Some(pb)) = (placed.get(a), placed.get(b)) else { continue };
        let _ = write!(
            s,
            "<line class=\"pair\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            pa.0, pa.1, pb.0, pb.1
        );
    }
    for (p, &(px, py)) in chart.points.iter().zip(&placed) {
        if let Some(&(qx, qy)) = p.successor.and_then(|q| placed.get(q)) {
            arrow(&mut s, "successor", (px, py), (qx, qy));
        }
        if let Some(&(qx, qy)) = p.outgrower.and_then(|q| placed.get(q)) {
            arrow(&mut s, "outgrown", (px, py), (qx, qy));
        }
    }
    for (p, &(px, py)) in chart.points.iter().zip(&placed) {
        point(&mut s, p, px, py, &x, &y);
    }
    // Labels last, over everything, and never over a dot.
    let mut labels =
        Labels { boxes: placed.iter().map(|&(px, py)| (px - 6.0, py - 6.0, px + 6.0, py + 6.0)).collect() };
    let named = name_labels(&mut s, chart, &placed, &mut labels);
    let key = number_labels(&mut s, chart, &placed, &mut labels, &named);
    s.push_str("</svg>");
    s.push_str(&key);
    s
}

/// Writes the claimant's name beside each point that has room for it,
/// latest first, once per claimant (its earlier figures get numbers);
/// returns which points are named.
fn name_labels(s: &mut String, chart: &Chart, placed: &[(f64, f64)], labels: &mut Labels) -> Vec<bool> {
    let mut named = vec![false; chart.points.len()];
    let mut seen: Vec<&str> = Vec::new();
    for (i, (p, &(px, py))) in chart.points.iter().zip(placed).enumerate().rev() {
        if seen.contains(&p.label.as_str()) {
            continue;
        }
        let short = cut(&p.label, LABEL_CHARS);
        if let Some((lx, ly, anchor_end)) = labels.place(px, py, &short) {
            let end = if anchor_end { " text-anchor=\"end\"" } else { "" };
            // A shortened name keeps the full one on hover.
            let full =
                if short == p.label { String::new() } else { format!("<title>{}</title>", escape(&p.label)) };
            let _ = write!(
                s,
                "<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\"{end}>{full}{}</text>",
                escape(&short)
            );
            named[i] = true;
            seen.push(&p.label);
        }
    }
    named
}

/// Numbers the points left unnamed, in timeline order, and returns the
/// key below the chart that says whose figure each number is.
fn number_labels(
    s: &mut String,
    chart: &Chart,
    placed: &[(f64, f64)],
    labels: &mut Labels,
    named: &[bool],
) -> String {
    let mut key = String::new();
    let mut n = 0;
    for ((p, &(px, py)), _) in chart.points.iter().zip(placed).zip(named).filter(|(_, named)| !**named) {
        n += 1;
        let number = n.to_string();
        if let Some((lx, ly, anchor_end)) = labels.place(px, py, &number) {
            let end = if anchor_end { " text-anchor=\"end\"" } else { "" };
            let _ = write!(
                s,
                "<text class=\"label num\" x=\"{lx:.1}\" y=\"{ly:.1}\"{end}><title>{}</title>{number}</text>",
                escape(&p.label)
            );
        }
        let when =
            if p.when_label.is_empty() { String::new() } else { format!(", {}", escape(&p.when_label)) };
        let _ = write!(key, "<li value=\"{n}\">{}: {}{when}</li>", escape(&p.label), escape(&p.value_text));
    }
    if key.is_empty() { key } else { format!("<ol class=\"key\">{key}</ol>") }
}

/// A thin arrow from a figure to the one that replaced it (class
/// `successor`, grey) or outgrew it (class `outgrown`, dashed amber),
/// stopping short of both dots.
fn arrow(s: &mut String, class: &str, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
    let (dx, dy) = (x1 - x0, y1 - y0);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 16.0 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let (ax, ay) = (x0 + ux * 7.0, y0 + uy * 7.0);
    let (bx, by) = (x1 - ux * 8.0, y1 - uy * 8.0);
    // The head: two short strokes back from the tip, 25° either side.
    let (c, sn) = (0.906, 0.423);
    let h1 = (bx - 6.0 * (ux * c - uy * sn), by - 6.0 * (uy * c + ux * sn));
    let h2 = (bx - 6.0 * (ux * c + uy * sn), by - 6.0 * (uy * c - ux * sn));
    let _ = write!(
        s,
        "<path class=\"{class}\" d=\"M{ax:.1} {ay:.1}L{bx:.1} {by:.1}M{:.1} {:.1}L{bx:.1} {by:.1}L{:.1} {:.1}\"/>",
        h1.0, h1.1, h2.0, h2.1
    );
}

fn point(s: &mut String, p: &Point, px: f64, py: f64, x: &XScale, y: &YScale) {
    let class = match (p.conflicted, p.faded) {
        (true, _) => "pt conflicted",
        (false, true) => "pt faded",
        (false, false) => "pt",
    };
    let _ = write!(
        s,
        "<a href=\"#{}\"><g class=\"{class}\"><title>{}</title>",
        anchor("claim-", &p.id),
        escape(&p.title)
    );
    if let Some((first, last)) = p.when {
        let (x0, x1) = (x.time(first), x.time(last));
        if x1 - x0 > 4.0 {
            let _ = write!(
                s,
                "<line class=\"span\" x1=\"{x0:.1}\" y1=\"{py:.1}\" x2=\"{x1:.1}\" y2=\"{py:.1}\"/>"
            );
        }
    }
    let lo = y.at(p.lo);
    match p.shape {
        Shape::Exact => {}
        Shape::Range => {
            let hi = y.at(p.hi.unwrap_or(p.lo));
            if lo - hi > 2.0 {
                let _ = write!(
                    s,
                    "<path class=\"whisker\" d=\"M{l:.1} {lo:.1}H{r:.1}M{px:.1} {lo:.1}V{hi:.1}M{l:.1} {hi:.1}H{r:.1}\"/>",
                    l = px - 5.0,
                    r = px + 5.0
                );
            }
        }
        Shape::AtLeast => {
            let top = TOP + 2.0;
            let _ = write!(
                s,
                "<path class=\"whisker\" d=\"M{l:.1} {lo:.1}H{r:.1}M{px:.1} {lo:.1}V{top:.1}\"/>\
                 <path class=\"arrow\" d=\"M{px:.1} {top:.1}l-5 8h10z\"/>",
                l = px - 5.0,
                r = px + 5.0
            );
        }
    }
    let _ = write!(s, "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"5\"/>");
    s.push_str("</g></a>");
}

fn axes(s: &mut String, x: &XScale, y: &YScale, axis: Axis) {
    let (x0, x1, y0, y1) = (LEFT, W - RIGHT, H - BOTTOM, TOP);
    let _ = write!(s, "<path class=\"axis\" d=\"M{x0} {y1}V{y0}H{x1}\"/>");
    for (v, text) in y.ticks(axis) {
        let py = y.at(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x0}\" y1=\"{py:.1}\" x2=\"{x1}\" y2=\"{py:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            x0 - 6.0,
            py + 4.0,
            escape(&text)
        );
    }
    if y.broken() {
        // Two slanted strokes across the foot of the axis: it does not
        // start at zero.
        let _ = write!(
            s,
            "<path class=\"break\" d=\"M{a:.1} {b:.1}l12 -5v5l-12 5z\"/><path class=\"axis\" d=\"M{a:.1} {b:.1}l12 -5M{a:.1} {c:.1}l12 -5\"/>",
            a = x0 - 6.0,
            b = y0 - 8.0,
            c = y0 - 3.0
        );
    }
    for (px, text) in x.ticks() {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{px:.1}\" y1=\"{y1}\" x2=\"{px:.1}\" y2=\"{y0}\"/>\
             <text class=\"tick\" x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            y0 + 18.0,
            escape(text)
        );
    }
    if let Some(band) = x.undated {
        if band > x0 {
            let _ =
                write!(s, "<line class=\"band\" x1=\"{band:.1}\" y1=\"{y1}\" x2=\"{band:.1}\" y2=\"{y0}\"/>");
        }
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no as_of</text>",
            f64::midpoint(band, x1),
            y0 + 18.0
        );
    }
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Label placement: beside the point, moved up or down, or to the left,
/// until it overlaps no label already placed; left out when nothing fits
/// (the hover title still names the claimant).
#[derive(Default)]
struct Labels {
    boxes: Vec<(f64, f64, f64, f64)>,
}

impl Labels {
    fn place(&mut self, px: f64, py: f64, text: &str) -> Option<(f64, f64, bool)> {
        let width = cut(text, LABEL_CHARS).chars().count() as f64 * 6.6;
        for dy in [0.0, -13.0, 13.0, -26.0, 26.0, -39.0, 39.0] {
            for end in [false, true] {
                let (x0, x1) = if end { (px - 8.0 - width, px - 8.0) } else { (px + 8.0, px + 8.0 + width) };
                let (y0, y1) = (py + dy - 9.0, py + dy + 3.0);
                let inside = x0 >= LEFT && x1 <= W && y0 >= 0.0 && y1 <= H - BOTTOM;
                let free = self.boxes.iter().all(|b| x1 < b.0 || x0 > b.2 || y1 < b.1 || y0 > b.3);
                if inside && free {
                    self.boxes.push((x0, y0, x1, y1));
                    return Some((if end { x1 } else { x0 }, py + dy + 1.0, end));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(id: &str, when: Option<(i64, i64)>, lo: i128, hi: Option<i128>, shape: Shape) -> Point {
        Point {
            id: id.into(),
            label: format!("<b>{id}</b>"),
            title: format!("\"><script>{id}"),
            value_text: lo.to_string(),
            when,
            when_label: "2024-03-22".into(),
            lo,
            hi,
            mark: lo,
            shape,
            conflicted: false,
            faded: false,
            successor: None,
            outgrower: None,
        }
    }

    #[test]
    fn draws_every_shape_and_escapes_text() {
        let chart = Chart {
            label: "a <chart>".into(),
            axis: Axis::Count,
            points: vec![
                point("a", Some((0, 1439)), 40, Some(40), Shape::Exact),
                point("b", Some((1440, 2879)), 115, None, Shape::AtLeast),
                point("c", Some((2880, 4319)), 60, Some(70), Shape::Range),
                point("d", None, 137, Some(137), Shape::Exact),
            ],
            conflicts: vec![(0, 2)],
        };
        let svg = svg(&chart);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 4);
        assert_eq!(svg.matches("class=\"arrow\"").count(), 1);
        assert_eq!(svg.matches("class=\"pair\"").count(), 1);
        assert!(svg.contains("no as_of"));
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;b&gt;a&lt;/b&gt;") && svg.contains("&quot;&gt;&lt;script&gt;a"));
    }

    #[test]
    fn labels_do_not_overlap() {
        let mut labels = Labels::default();
        let a = labels.place(200.0, 100.0, "Investigative Committee").unwrap();
        let b = labels.place(200.0, 100.0, "Investigative Committee").unwrap();
        assert_ne!(a, b);
        for _ in 0..20 {
            labels.place(200.0, 100.0, "Investigative Committee");
        }
        assert_eq!(labels.place(200.0, 100.0, "Investigative Committee"), None);
    }
}
