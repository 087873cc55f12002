//! The HTML report in a real browser: the reports of the shipped store and
//! of a generated store (one 15-figure group, and a toll revised from 103
//! to 95) loaded in one headless Chromium. Any console error (a CSP
//! violation included), any two chart labels whose boxes overlap and any
//! label cut off by its chart fail the test; the screenshots are written
//! under `target/` for people to look at. Without chromium the test is
//! skipped, except under CI (`CI` set), where it fails: `.ci/run` installs
//! it.

use std::path::{Path, PathBuf};

use crate::browser::harness::{Browser, PageCheck, find_chromium};
use crate::support::stores::{claimtrail, clean, sealed, source, write};

/// The chart labels: claimant names, numbered markers and axis ticks.
const LABELS: &str = "svg.chart text.label, svg.chart text.tick";

#[test]
fn reports_read_well_in_a_browser() {
    let Some(exe) = find_chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI needs chromium: .ci/run installs it");
        eprintln!("skipped: no chromium (apt-get install chromium fonts-dejavu-core)");
        return;
    };
    let shipped = shipped_report();
    let generated = generated_store();
    let generated_html = generated.path().join("report.html");
    claimtrail(generated.path()).args(["report", "-o"]).arg(&generated_html).assert().code(0);
    let page = std::fs::read_to_string(&generated_html).expect("report written");
    // 103 → 95 is drawn on a fitted axis, marked broken, and said in words.
    assert!(page.contains("class=\"break\""), "no axis break");
    assert!(page.contains("95, 2024-01-06, revised from 103)"), "the summary misses the revision");
    assert!(page.contains("<h1>Fifteen figures and a revision</h1>"), "title from claimtrail.ron");

    let mut browser = Browser::launch(&exe).expect("chromium starts");
    for (name, html) in [("shipped", shipped.1.as_path()), ("generated", generated_html.as_path())] {
        let check = browser.check_page(html, LABELS, &shot(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_reads_well(name, &check);
        // The page itself beside its screenshot, for a closer look.
        std::fs::copy(html, shot(name).with_extension("html")).expect("copy the page");
    }
    browser.close();
}

/// The screenshot of the shipped store's report, which docs/report.png is
/// cut from.
pub(crate) fn shot(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser").join(format!("{name}.png"))
}

fn assert_reads_well(name: &str, c: &PageCheck) {
    assert!(c.console_errors.is_empty(), "{name}: console errors {:?}", c.console_errors);
    assert!(c.label_count > 0, "{name}: no labels matched {LABELS}");
    assert!(c.overlaps.is_empty(), "{name}: overlapping labels {:?}", c.overlaps);
    assert!(c.cut_off.is_empty(), "{name}: labels cut off {:?}", c.cut_off);
    let png = std::fs::read(&c.screenshot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: screenshot is no PNG");
}

/// The shipped store's report, rendered in a copy (no git: no history).
fn shipped_report() -> (tempfile::TempDir, PathBuf) {
    let copy = tempfile::tempdir().expect("temp dir");
    crate::report_formats::copy_store(Path::new(env!("CARGO_MANIFEST_DIR")), copy.path());
    let html = copy.path().join("report.html");
    claimtrail(copy.path()).args(["report", "-o"]).arg(&html).assert().code(0);
    (copy, html)
}

/// The fixture store plus nine more figures of its toll (fifteen in all,
/// close together, some open-ended, some in conflict, some from sources
/// with long names) and a toll that one claimant revised from 103 to 95.
fn generated_store() -> tempfile::TempDir {
    let dir = clean();
    let root = dir.path();
    write(root, "claimtrail.ron", "Config(title: \"Fifteen figures and a revision\")\n");
    let names = [
        ("ria", "RIA Novosti"),
        ("tass", "TASS"),
        ("mash", "Mash, \"Telegram\" channel of the Moscow region and beyond"),
        ("shot", "SHOT"),
        ("ap", "Associated Press"),
        ("reuters", "Reuters"),
        ("anon", "An anonymous channel"),
        ("moh", "Ministry of Health of the Russian Federation"),
        ("irna", "Iran Ministry of Interior, Crisis Management Organization"),
    ];
    for (id, name) in names {
        source(root, id, name, "NewsOutlet", &[("2024-01-01", "C")]);
    }
    let figures = [
        ("ria", "Exact(143)", "2024-03-24T10:00"),
        ("tass", "Exact(144)", "2024-03-24T12:00"),
        ("mash", "AtLeast(145)", "2024-03-24T12:00"),
        ("shot", "Exact(150)", "2024-03-24T13:00"),
        ("ap", "Exact(143)", "2024-03-25"),
        ("ap", "Exact(144)", "2024-03-26"),
        ("reuters", "Between(140, 145)", "2024-03-25"),
        ("anon", "Exact(150)", "2024-03-23"),
        ("moh", "Exact(145)", "2024-03-28"),
    ];
    for (i, (claimant, value, as_of)) in figures.iter().enumerate() {
        let id = format!("killed-{claimant}-{i}");
        claim(root, &id, "event", value, as_of, claimant);
    }
    claim(root, "kerman-irna-103", "kerman", "Exact(103)", "2024-01-04", "irna");
    claim(root, "kerman-irna-95", "kerman", "Exact(95)", "2024-01-06", "irna");
    dir
}

fn claim(root: &Path, id: &str, subject: &str, value: &str, as_of: &str, claimant: &str) {
    let text = format!(
        "Claim(\n    id: \"{id}\",\n    subject: \"{subject}\",\n    measure: \"killed\",\n    value: {value},\n    \
         as_of: \"{as_of}\",\n    statement: \"{id}, a toll.\",\n    claimant: \"{claimant}\",\n    citations: [\n        \
         Citation(document: \"baza-1\", quote: \"a quote\", locator: \"para 1\"),\n    ],\n)\n"
    );
    write(root, &format!("claims/{subject}/{id}.ron"), &sealed(&text));
}
