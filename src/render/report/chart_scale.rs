//! The scales of the timeline chart. Across, time is *warped*: the
//! distinct as_of dates are placed in order, each gap drawn in proportion
//! to the logarithm of its length in hours. A toll reported hourly for two
//! days and once more two years later stays readable: the hours do not
//! collapse into one pixel column, and the long gap still looks long. Up,
//! counts are linear with round steps over a range fitted to the figures
//! (from zero when they come near it; else the chart marks the axis
//! break), and dates are linear over their span.

use super::chart::{Axis, Chart, Point};
use super::chart::{BOTTOM, H, LEFT, RIGHT, TOP, W};

/// Where points go across: dated ones on the warped time axis, undated
/// ones spread in a band at the right (or over the whole width when none
/// is dated).
pub(crate) struct XScale {
    /// (minute, x) knots of a piecewise-linear map, minutes increasing.
    knots: Vec<(f64, f64)>,
    /// Tick labels: x and the as_of text of the points there.
    ticks: Vec<(f64, String)>,
    /// The x where the undated band begins.
    pub undated: Option<f64>,
    /// Index of each undated point among the undated.
    slots: Vec<Option<usize>>,
    undated_count: usize,
}

impl XScale {
    pub(crate) fn of(points: &[Point]) -> XScale {
        let mut n = 0;
        let slots: Vec<Option<usize>> = points
            .iter()
            .map(|p| {
                p.when.is_none().then(|| {
                    n += 1;
                    n - 1
                })
            })
            .collect();
        let undated_count = n;
        let dated: Vec<&Point> = points.iter().filter(|p| p.when.is_some()).collect();
        let plot_right = W - RIGHT;
        let (right, undated) = match (dated.is_empty(), undated_count) {
            (true, _) => (plot_right, Some(LEFT)),
            (false, 0) => (plot_right, None),
            (false, k) => {
                let band = (60.0 + 28.0 * k as f64).min((plot_right - LEFT) * 0.3);
                (plot_right - band, Some(plot_right - band))
            }
        };
        let knots = knots(&dated, LEFT + 14.0, right - 14.0);
        let mut scale = XScale { knots, ticks: Vec::new(), undated, slots, undated_count };
        scale.ticks = tick_labels(&dated, &scale);
        scale
    }

    /// The x of a minute; minutes outside the dated span stay at its ends.
    pub(crate) fn time(&self, minute: i64) -> f64 {
        let m = minute as f64;
        let Some(&(first_m, first_x)) = self.knots.first() else { return LEFT };
        if m <= first_m {
            return first_x;
        }
        for pair in self.knots.windows(2) {
            let ((m0, x0), (m1, x1)) = (pair[0], pair[1]);
            if m <= m1 {
                return if m1 > m0 { x0 + (m - m0) / (m1 - m0) * (x1 - x0) } else { x1 };
            }
        }
        self.knots.last().map_or(LEFT, |k| k.1)
    }

    /// The x of the i-th point.
    pub(crate) fn at(&self, p: &Point, i: usize) -> f64 {
        match (p.when, self.slots.get(i).copied().flatten(), self.undated) {
            (Some((a, b)), _, _) => self.time(a + (b - a) / 2),
            (None, Some(k), Some(band)) => {
                let width = W - RIGHT - band;
                band + width * (k as f64 + 0.5) / self.undated_count as f64
            }
            _ => LEFT,
        }
    }

    /// The labelled dates along the axis.
    pub(crate) fn ticks(&self) -> &[(f64, String)] {
        &self.ticks
    }
}

/// Knots at the first minute of the earliest span, each distinct
/// midpoint, and the last minute of the latest span; a gap of `g` minutes
/// weighs ln(1 + g/60).
fn knots(dated: &[&Point], x0: f64, x1: f64) -> Vec<(f64, f64)> {
    let Some(first) = dated.iter().filter_map(|p| p.when).map(|w| w.0).min() else { return Vec::new() };
    let last = dated.iter().filter_map(|p| p.when).map(|w| w.1).max().unwrap_or(first);
    let mut minutes: Vec<i64> = dated.iter().filter_map(|p| p.when).map(|(a, b)| a + (b - a) / 2).collect();
    minutes.push(first);
    minutes.push(last);
    minutes.sort_unstable();
    minutes.dedup();
    if minutes.len() == 1 {
        let m = minutes[0] as f64;
        return vec![(m - 1.0, x0), (m, f64::midpoint(x0, x1)), (m + 1.0, x1)];
    }
    let weights: Vec<f64> =
        minutes.windows(2).map(|w| (1.0 + (w[1] - w[0]) as f64 / 60.0).ln() + 0.2).collect();
    let total: f64 = weights.iter().sum();
    let mut x = x0;
    let mut out = vec![(minutes[0] as f64, x0)];
    for (m, w) in minutes[1..].iter().zip(&weights) {
        x += w / total * (x1 - x0);
        out.push((*m as f64, x));
    }
    out
}

/// One label per distinct as_of, left to right, skipping any that would
/// overlap the one before.
fn tick_labels(dated: &[&Point], x: &XScale) -> Vec<(f64, String)> {
    let mut at: Vec<(f64, String)> = dated
        .iter()
        .filter_map(|p| {
            let (a, b) = p.when?;
            Some((x.time(a + (b - a) / 2), p.when_label.replace('T', " ")))
        })
        .collect();
    at.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, String)> = Vec::new();
    let mut free_from = f64::MIN;
    for (px, label) in at {
        let half = label.chars().count() as f64 * 3.2;
        if px - half >= free_from && out.last().is_none_or(|l| l.1 != label) {
            free_from = px + half + 8.0;
            out.push((px, label));
        }
    }
    out
}

/// Where values go up: counts over a range fitted to the data (from zero
/// when the data come near it, else from a round value below them, with
/// the axis break marked), dates over their span.
pub(crate) struct YScale {
    v0: f64,
    v1: f64,
    step: f64,
}

impl YScale {
    pub(crate) fn of(chart: &Chart) -> YScale {
        let top = chart.points.iter().map(|p| p.hi.unwrap_or(p.lo).max(p.mark)).max().unwrap_or(1) as f64;
        let bottom = chart.points.iter().map(|p| p.lo).min().unwrap_or(0) as f64;
        match chart.axis {
            Axis::Count => count_range(bottom.max(0.0), top.max(1.0)),
            Axis::Date => {
                let span = (top - bottom).max(1440.0 * 2.0);
                let mid = f64::midpoint(top, bottom);
                let (v0, v1) = (mid - span * 0.6, mid + span * 0.6);
                YScale { v0, v1, step: (v1 - v0) / 5.0 }
            }
        }
    }

    /// Whether the count axis starts above zero (the break is marked).
    pub(crate) fn broken(&self) -> bool {
        self.v0 > 0.0
    }

    pub(crate) fn at(&self, v: i128) -> f64 {
        let t = (v as f64 - self.v0) / (self.v1 - self.v0);
        (H - BOTTOM) - t.clamp(0.0, 1.0) * (H - BOTTOM - TOP)
    }

    pub(crate) fn ticks(&self, axis: Axis) -> Vec<(i128, String)> {
        let mut out = Vec::new();
        let mut v = match axis {
            Axis::Count => self.v0,
            Axis::Date => self.v0 + self.step / 2.0,
        };
        while v <= self.v1 + 1e-9 && out.len() < 12 {
            let label = match axis {
                Axis::Count => group_digits(v as i128),
                Axis::Date => date_label(v as i64, self.step),
            };
            out.push((v as i128, label));
            v += self.step;
        }
        out
    }
}

/// A count range with round steps: from zero when the lowest figure is
/// under half the highest, else fitted around the figures with a margin,
/// so that 103 → 95 is a visible drop.
fn count_range(bottom: f64, top: f64) -> YScale {
    if bottom < top * 0.5 {
        let step = nice_step(top * 1.08 / 5.0);
        return YScale { v0: 0.0, v1: (top * 1.08 / step).ceil() * step, step };
    }
    let margin = ((top - bottom) * 0.15).max(top * 0.02).max(1.0);
    let step = nice_step((top - bottom + 2.0 * margin) / 5.0);
    let v0 = ((bottom - margin) / step).floor() * step;
    let v1 = ((top + margin) / step).ceil() * step;
    YScale { v0: v0.max(0.0), v1, step }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&s| s >= raw).unwrap_or(10.0 * power).max(1.0)
}

/// `4400` → `4,400`.
pub(crate) fn group_digits(n: i128) -> String {
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

/// A date as precise as the distance between ticks needs, so that
/// neighbouring ticks read differently: `2024`, `2024-03`, `2024-03-22` or
/// `03-22 14:00`.
pub(crate) fn date_label(minute: i64, step_minutes: f64) -> String {
    let iso = crate::model::date::minute_to_iso(minute).unwrap_or_default();
    let day = 1440.0;
    match step_minutes {
        s if s >= 365.0 * day => iso.chars().take(4).collect(),
        s if s >= 28.0 * day => iso.chars().take(7).collect(),
        s if s >= day => iso.chars().take(10).collect(),
        _ => iso.get(5..).unwrap_or("").replace('T', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::report::chart::Shape;

    #[test]
    fn scales_and_labels() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(33.0), 50.0);
        assert_eq!(nice_step(180.0), 200.0);
        assert_eq!(group_digits(4400), "4,400");
        assert_eq!(group_digits(100), "100");
        assert_eq!(group_digits(1_000_000), "1,000,000");
        let d = crate::model::date::PartialDate::parse("2024-03-22T14:05").unwrap().first_minute;
        assert_eq!(date_label(d, 600.0), "03-22 14:05");
        assert_eq!(date_label(d, 2.0 * 1440.0), "2024-03-22");
        assert_eq!(date_label(d, 90.0 * 1440.0), "2024-03");
        assert_eq!(date_label(d, 400.0 * 1440.0), "2024");
    }

    fn dated(minute: i64, label: &str) -> Point {
        Point {
            id: "x".into(),
            label: String::new(),
            title: String::new(),
            value_text: String::new(),
            when: Some((minute, minute)),
            when_label: label.into(),
            lo: 1,
            hi: Some(1),
            mark: 1,
            shape: Shape::Exact,
            conflicted: false,
            faded: false,
            successor: None,
            outgrower: None,
        }
    }

    #[test]
    fn counts_far_from_zero_get_a_fitted_range() {
        let ys = |lo: i128, hi: i128| {
            let points = vec![
                Point { lo, hi: Some(lo), mark: lo, ..dated(0, "a") },
                Point { lo: hi, hi: Some(hi), mark: hi, ..dated(1, "b") },
            ];
            let chart = Chart { label: String::new(), axis: Axis::Count, points, conflicts: Vec::new() };
            YScale::of(&chart)
        };
        let kerman = ys(95, 103);
        assert!(kerman.broken());
        // The drop spans a good part of the plot's height.
        assert!(kerman.at(95) - kerman.at(103) > (H - TOP - BOTTOM) * 0.35);
        assert!(kerman.ticks(Axis::Count).iter().all(|t| t.0 >= 80 && t.0 <= 120));
        let crocus = ys(40, 150);
        assert!(!crocus.broken());
        assert_eq!(crocus.ticks(Axis::Count)[0].1, "0");
    }

    #[test]
    fn time_is_warped_but_ordered() {
        let hour = 60;
        let year = 365 * 24 * hour;
        let points = [dated(0, "a"), dated(hour, "b"), dated(2 * hour, "c"), dated(2 * year, "d")];
        let x = XScale::of(&points);
        let xs: Vec<f64> = (0..4).map(|i| x.at(&points[i], i)).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        // Hours apart stay visibly apart; two years is the longest gap but
        // does not squash the rest.
        assert!(xs[1] - xs[0] > 20.0, "{xs:?}");
        assert!(xs[3] - xs[2] > xs[1] - xs[0], "{xs:?}");
        assert_eq!(x.ticks().len(), 4);
        let single = [dated(5, "only")];
        let x = XScale::of(&single);
        assert!((x.at(&single[0], 0) - (LEFT + W - RIGHT) / 2.0).abs() < 1.0);
    }
}
