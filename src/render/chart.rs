//! The SVG timeline of one group of figures, for the HTML report: x is the
//! claim's as_of, y its value. An exact figure is a dot; an interval a
//! whisker with caps and a dot at its nominal value; an open-ended one
//! (`AtLeast`) a dot with an arrow running off the top. Conflicting pairs
//! are red and joined by a dashed line. Each point links to its claim's
//! row and carries a hover `<title>`; labels name the claimant where there
//! is room for them. Claims without as_of stand in a band at the right.
//!
//! The chart is plain SVG inside the page: no script, no fonts, no
//! external references. Every text is escaped.

use std::fmt::Write;

use super::html_escape::{anchor, escape};

/// What the y axis counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Count,
    /// Values are minutes since 1970, shown as dates.
    Date,
}

/// How a point's interval is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Exact,
    Range,
    AtLeast,
}

/// One figure of the group.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The claim id: the point links to `#claim-<id>`.
    pub id: String,
    /// The claimant's name, written beside the point.
    pub label: String,
    /// The hover text.
    pub title: String,
    /// The as_of span, first and last minute.
    pub when: Option<(i64, i64)>,
    pub lo: i128,
    /// `None` when open-ended.
    pub hi: Option<i128>,
    /// The nominal value the dot marks.
    pub mark: i128,
    pub shape: Shape,
    pub conflicted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the chart shows, for screen readers.
    pub label: String,
    pub axis: Axis,
    pub points: Vec<Point>,
    /// Conflicting pairs, as indices into `points`.
    pub conflicts: Vec<(usize, usize)>,
}

const W: f64 = 760.0;
const H: f64 = 300.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 40.0;
const LABEL_CHARS: usize = 24;

/// The chart as an `<svg>` element.
pub fn svg(chart: &Chart) -> String {
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
    for &(a, b) in &chart.conflicts {
        let (Some(pa), Some(pb)) = (placed.get(a), placed.get(b)) else { continue };
        let _ = write!(
            s,
            "<line class=\"pair\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            pa.0, pa.1, pb.0, pb.1
        );
    }
    let mut labels = Labels::default();
    for (p, &(px, py)) in chart.points.iter().zip(&placed) {
        point(&mut s, p, px, py, &x, &y, &mut labels);
    }
    s.push_str("</svg>");
    s
}

fn point(s: &mut String, p: &Point, px: f64, py: f64, x: &XScale, y: &YScale, labels: &mut Labels) {
    let class = if p.conflicted { "pt conflicted" } else { "pt" };
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
    if let Some((lx, ly, anchor_end)) = labels.place(px, py, &p.label) {
        let text = cut(&p.label, LABEL_CHARS);
        let end = if anchor_end { " text-anchor=\"end\"" } else { "" };
        let _ = write!(s, "<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\"{end}>{}</text>", escape(&text));
    }
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
    for (t, text) in x.ticks() {
        let px = x.time(t);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{px:.1}\" y1=\"{y1}\" x2=\"{px:.1}\" y2=\"{y0}\"/>\
             <text class=\"tick\" x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            y0 + 18.0,
            escape(&text)
        );
    }
    if let Some(band) = x.undated {
        let _ = write!(
            s,
            "<line class=\"band\" x1=\"{band:.1}\" y1=\"{y1}\" x2=\"{band:.1}\" y2=\"{y0}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no as_of</text>",
            (band + x1) / 2.0,
            y0 + 18.0
        );
    }
}

/// Where points go across: dated ones on a time axis, undated ones spread
/// in a band at the right (or over the whole width when none is dated).
struct XScale {
    t0: f64,
    t1: f64,
    /// The x where the time axis ends and the undated band begins.
    right: f64,
    undated: Option<f64>,
    /// Index of each undated point among the undated, and their count.
    slots: Vec<Option<usize>>,
    undated_count: usize,
}

impl XScale {
    fn of(points: &[Point]) -> XScale {
        let dated: Vec<(i64, i64)> = points.iter().filter_map(|p| p.when).collect();
        let undated_count = points.len() - dated.len();
        let mut n = 0;
        let slots = points
            .iter()
            .map(|p| {
                p.when.is_none().then(|| {
                    n += 1;
                    n - 1
                })
            })
            .collect();
        let (t0, t1) = match (dated.iter().map(|d| d.0).min(), dated.iter().map(|d| d.1).max()) {
            (Some(a), Some(b)) => {
                let (a, b) = (a as f64, b as f64);
                let (a, b) =
                    if b - a < 1440.0 { ((a + b) / 2.0 - 720.0, (a + b) / 2.0 + 720.0) } else { (a, b) };
                let pad = (b - a) * 0.06;
                (a - pad, b + pad)
            }
            _ => (0.0, 1.0),
        };
        let plot_right = W - RIGHT;
        let (right, undated) = match (dated.is_empty(), undated_count) {
            (true, _) => (plot_right, Some(LEFT)),
            (false, 0) => (plot_right, None),
            (false, k) => {
                let band = (60.0 + 28.0 * k as f64).min((plot_right - LEFT) * 0.3);
                (plot_right - band, Some(plot_right - band))
            }
        };
        XScale { t0, t1, right, undated, slots, undated_count }
    }

    fn time(&self, minute: i64) -> f64 {
        LEFT + (minute as f64 - self.t0) / (self.t1 - self.t0) * (self.right - LEFT)
    }

    fn at(&self, p: &Point, i: usize) -> f64 {
        match (p.when, self.slots.get(i).copied().flatten(), self.undated) {
            (Some((a, b)), _, _) => self.time(a + (b - a) / 2),
            (None, Some(k), Some(band)) => {
                let width = W - RIGHT - band;
                band + width * (k as f64 + 0.5) / self.undated_count as f64
            }
            _ => LEFT,
        }
    }

    /// About five date ticks over the dated span.
    fn ticks(&self) -> Vec<(i64, String)> {
        if self.undated == Some(LEFT) {
            return Vec::new();
        }
        let span = self.t1 - self.t0;
        (1..=4)
            .map(|k| {
                let t = (self.t0 + span * (k as f64 * 2.0 - 1.0) / 8.0) as i64;
                (t, date_label(t, span))
            })
            .collect()
    }
}

/// Where values go up: counts from zero, dates over their span.
struct YScale {
    v0: f64,
    v1: f64,
    step: f64,
}

impl YScale {
    fn of(chart: &Chart) -> YScale {
        let top = chart.points.iter().map(|p| p.hi.unwrap_or(p.lo).max(p.mark)).max().unwrap_or(1) as f64;
        let bottom = chart.points.iter().map(|p| p.lo).min().unwrap_or(0) as f64;
        match chart.axis {
            Axis::Count => {
                let step = nice_step(top.max(1.0) * 1.08 / 5.0);
                YScale { v0: 0.0, v1: (top.max(1.0) * 1.08 / step).ceil() * step, step }
            }
            Axis::Date => {
                let span = (top - bottom).max(1440.0 * 2.0);
                let mid = (top + bottom) / 2.0;
                let (v0, v1) = (mid - span * 0.6, mid + span * 0.6);
                YScale { v0, v1, step: (v1 - v0) / 5.0 }
            }
        }
    }

    fn at(&self, v: i128) -> f64 {
        let t = (v as f64 - self.v0) / (self.v1 - self.v0);
        (H - BOTTOM) - t.clamp(0.0, 1.0) * (H - BOTTOM - TOP)
    }

    fn ticks(&self, axis: Axis) -> Vec<(i128, String)> {
        let mut out = Vec::new();
        let mut v = match axis {
            Axis::Count => 0.0,
            Axis::Date => self.v0 + self.step / 2.0,
        };
        while v <= self.v1 + 1e-9 && out.len() < 12 {
            let label = match axis {
                Axis::Count => group_digits(v as i128),
                Axis::Date => date_label(v as i64, self.v1 - self.v0),
            };
            out.push((v as i128, label));
            v += self.step;
        }
        out
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&s| s >= raw).unwrap_or(10.0 * power).max(1.0)
}

/// `4400` → `4,400`.
pub fn group_digits(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A date as precise as the axis span needs: `2024`, `2024-03`,
/// `2024-03-22` or `03-22 14:00`.
fn date_label(minute: i64, span_minutes: f64) -> String {
    let iso = crate::date::minute_to_iso(minute).unwrap_or_default();
    let day = 1440.0;
    match span_minutes {
        s if s > 2.0 * 365.0 * day => iso.chars().take(4).collect(),
        s if s > 60.0 * day => iso.chars().take(7).collect(),
        s if s > 3.0 * day => iso.chars().take(10).collect(),
        _ => iso.get(5..).unwrap_or("").replace('T', " "),
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
        let width = cut(text, LABEL_CHARS).chars().count() as f64 * 6.2;
        for dy in [0.0, -13.0, 13.0, -26.0, 26.0] {
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
            when,
            lo,
            hi,
            mark: lo,
            shape,
            conflicted: false,
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
    fn scales_and_labels() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(33.0), 50.0);
        assert_eq!(nice_step(180.0), 200.0);
        assert_eq!(group_digits(4400), "4,400");
        assert_eq!(group_digits(100), "100");
        assert_eq!(group_digits(1_000_000), "1,000,000");
        let d = crate::date::PartialDate::parse("2024-03-22T14:05").unwrap().first_minute;
        assert_eq!(date_label(d, 1440.0), "03-22 14:05");
        assert_eq!(date_label(d, 10.0 * 1440.0), "2024-03-22");
        assert_eq!(date_label(d, 1000.0 * 1440.0), "2024");
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
