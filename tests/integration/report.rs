//! `routes.geojson` and `report.html` of the tiny_town week: the page shows the numbers of
//! `summary.json`, loads nothing from the network and renders in a real headless browser;
//! the route lines follow the streets the matrix measured and start and end at their depot.

use super::common::{freightsim, read_csv, simulate, tests_path};
use serde_json::Value;
use std::path::Path;

fn run_tiny(out: &Path) {
    simulate(&tests_path("scenarios/tiny_town.toml"), out);
}

/// Every `data-metric="path" data-value="v"` pair of the page.
fn metrics(html: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("data-metric=\"") {
        rest = &rest[i + 13..];
        let end = rest.find('"').unwrap();
        let path = rest[..end].to_owned();
        let j = rest.find("data-value=\"").unwrap();
        let v = &rest[j + 12..];
        let value: f64 = v[..v.find('"').unwrap()].parse().unwrap();
        out.push((path, value));
    }
    out
}

fn lookup<'a>(json: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(json, |v, key| &v[key])
}

#[test]
fn the_report_shows_the_numbers_of_summary_json_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path());
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let shown = metrics(&html);
    assert!(shown.len() > 60, "the page shows {} figures", shown.len());
    for key in [
        "cohort.co2e_wtw_kg",
        "cohort.co2e_ttw_kg",
        "cohort.nox_g",
        "cohort.orders",
        "cohort.co2e_wtw_g_per_ecommerce_parcel",
        "fleet.trips",
        "fleet_per_delivering_day.trips",
    ] {
        assert!(shown.iter().any(|(p, _)| p == key), "{key} is not shown");
    }
    for (path, value) in &shown {
        let v = lookup(&summary, path);
        let expected = v
            .as_f64()
            .unwrap_or_else(|| panic!("{path} is not in summary.json"));
        assert_eq!(
            *value, expected,
            "{path}: page {value}, summary.json {expected}"
        );
    }
    // Self-contained: no script, no external resource.
    assert!(!html.contains("<script"));
    for needle in ["src=", "href=", "url(", "@import"] {
        assert!(
            !html.contains(needle),
            "the page refers to a resource: {needle}"
        );
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("© OpenStreetMap contributors"));
}

#[test]
fn route_lines_follow_the_measured_streets_and_start_and_end_at_their_depot() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path());
    let geo: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("routes.geojson")).unwrap())
            .unwrap();
    let trips = read_csv(&dir.path().join("trips.csv"));
    let features = geo["features"].as_array().unwrap();
    let lines: Vec<&Value> = features
        .iter()
        .filter(|f| f["properties"]["kind"] == "trip")
        .collect();
    assert_eq!(lines.len(), trips.len(), "one line per trip");
    let depots: Vec<&Value> = features
        .iter()
        .filter(|f| f["properties"]["kind"] == "depot")
        .collect();
    assert_eq!(depots.len(), 2);
    // The fixture's extent (its nodes span these), with a metre of slack.
    let (lon0, lon1, lat0, lat1) = (-3.36001, -3.35549, 47.74349, 47.75201);
    let hv = |a: &Value, b: &Value| {
        let p = |v: &Value| {
            freightsim::units::LonLat::new(v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
        };
        p(a).haversine(p(b)).0
    };
    for (f, t) in lines.iter().zip(&trips) {
        assert_eq!(f["properties"]["carrier"], t["carrier"].as_str());
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let depot = depots
            .iter()
            .find(|d| d["properties"]["carrier"] == t["carrier"].as_str())
            .unwrap();
        let at = &depot["geometry"]["coordinates"];
        assert_eq!(&c[0], at, "a trip starts at its depot");
        assert_eq!(&c[c.len() - 1], at, "a trip ends at its depot");
        for p in &c[1..c.len() - 1] {
            let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            assert!(
                (lon0..=lon1).contains(&lon) && (lat0..=lat1).contains(&lat),
                "point {lon},{lat} outside the extract"
            );
        }
        // Road part of the line = the trip's km less its access legs (driven at 1.3 x the
        // straight line, drawn straight), within rounding.
        let drawn: f64 = c.windows(2).map(|w| hv(&w[0], &w[1])).sum();
        let straight = hv(&c[0], &c[1]) + hv(&c[c.len() - 2], &c[c.len() - 1]);
        let km: f64 = t["distance_km"].parse().unwrap();
        let access: f64 = t["access_km"].parse().unwrap();
        let road_m = 1000.0 * (km - access);
        assert!(
            (drawn - straight - road_m).abs() < 0.01 * road_m + 5.0,
            "trip {t:?}: drawn {drawn:.1} m, of which straight {straight:.1} m; driven on roads {road_m:.1} m"
        );
    }
}

/// Debian's chromium, or `FREIGHTSIM_CHROMIUM`. `.ci/run` installs it and sets
/// `FREIGHTSIM_REQUIRE_BROWSER=1`, so in CI a missing browser fails the test.
fn chromium() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("FREIGHTSIM_CHROMIUM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/usr/bin/chromium".into());
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("FREIGHTSIM_REQUIRE_BROWSER").is_none(),
        "no chromium at {}: install Debian's chromium (.ci/run does)",
        path.display()
    );
    eprintln!(
        "skipped: no chromium at {} (set FREIGHTSIM_CHROMIUM)",
        path.display()
    );
    None
}

/// What the browser made of a page: its DOM and its screenshot's distinct colours and share
/// of inked pixels; panics on any console message.
fn render(browser: &Path, page: &Path, work: &Path) -> (String, usize, f64) {
    let url = format!("file://{}", page.display());
    let shot = work.join("shot.png");
    let run = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(browser);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,2400",
        ]);
        cmd.arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ));
        cmd.args(extra).arg(&url);
        cmd.output().expect("chromium runs")
    };
    let dom = run(&["--dump-dom"]);
    assert!(dom.status.success());
    for line in String::from_utf8_lossy(&dom.stderr).lines() {
        assert!(
            !line.contains("CONSOLE") && !line.contains("Uncaught") && !line.contains("Refused to"),
            "{}: the page logged: {line}",
            page.display()
        );
    }
    let o = run(&[&format!("--screenshot={}", shot.display())]);
    assert!(o.status.success() && shot.exists(), "no screenshot");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let bytes = &buf[..info.buffer_size()];
    let mut colours = std::collections::BTreeSet::new();
    let mut inked = 0usize;
    for p in bytes.chunks(px) {
        colours.insert((p[0], p[1], p[2]));
        if p[0] < 200 || p[1] < 200 || p[2] < 200 {
            inked += 1;
        }
    }
    let share = inked as f64 / (bytes.len() / px) as f64;
    (
        String::from_utf8_lossy(&dom.stdout).into_owned(),
        colours.len(),
        share,
    )
}

#[test]
fn the_report_renders_in_headless_chromium_without_console_errors() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path());
    let page = dir.path().join("report.html");
    let (rendered, colours, inked) = render(&browser, &page, dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        metrics(&rendered),
        metrics(&html),
        "the browser's DOM shows every figure of the file"
    );
    assert!(rendered.contains("<svg"), "charts and map are in the DOM");
    assert!(colours > 50, "{colours} colours: blank?");
    assert!(inked > 0.01, "{inked} of the pixels inked: blank?");
}

#[test]
fn the_comparison_page_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let a = tests_path("scenarios/tiny_town.toml");
    let out = dir.path().join("cmp");
    let o = freightsim(
        &[
            "compare",
            a.to_str().unwrap(),
            "--seeds",
            "2",
            "--days",
            "4",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (rendered, colours, inked) = render(&browser, &out.join("report.html"), dir.path());
    let rows = read_csv(&out.join("comparison.csv"));
    // Metrics zero in every scenario are named in a note instead of a row of zeros.
    let zero = |m: &str| {
        rows.iter().filter(|r| r["metric"] == m).all(|r| {
            r["mean"].parse::<f64>().unwrap() == 0.0
                && r["ci95"].parse::<f64>().unwrap_or(0.0) == 0.0
        })
    };
    for r in rows.iter().filter(|r| !zero(&r["metric"])) {
        let cell = format!("data-metric=\"{}/{}\"", r["scenario"], r["metric"]);
        assert!(rendered.contains(&cell), "the rendered page lacks {cell}");
    }
    assert!(
        colours > 20 && inked > 0.01,
        "blank page? {colours} colours, {inked} inked"
    );
}
