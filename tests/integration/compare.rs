//! `freightsim compare` on the tiny_town week: intervals shrink as seeds grow, a scenario
//! compared with itself changes by nothing, and the page shows the CSV's figures.

use super::common::{freightsim, read_csv, tests_path};
use freightsim::simulation::compare::{Comparison, compare};

fn tiny(name: &str) -> freightsim::scenario::Scenario {
    let mut sc = freightsim::scenario::load(&tests_path("scenarios/tiny_town.toml")).unwrap();
    sc.name = name.into();
    sc
}

fn ci(c: &Comparison, scenario: &str, metric: &str) -> (f64, f64) {
    let r = c
        .rows
        .iter()
        .find(|r| r.scenario == scenario && r.metric == metric)
        .unwrap();
    (r.mean, r.ci95)
}

#[test]
fn intervals_shrink_as_seeds_grow_and_a_scenario_equals_itself() {
    let scenarios = [tiny("a"), tiny("b")];
    let few = compare(&scenarios, 3, &|| ()).unwrap();
    let many = compare(&scenarios, 10, &|| ()).unwrap();
    assert_eq!(many.seeds, (7..17).collect::<Vec<u64>>());
    for metric in ["co2e_wtw_kg", "vehicle_km", "trips", "orders_delivered"] {
        let (m3, h3) = ci(&few, "a", metric);
        let (m10, h10) = ci(&many, "a", metric);
        assert!(h3 > 0.0 && h10 > 0.0, "{metric}: seeds differ");
        assert!(h10 < h3, "{metric}: ±{h10} over 10 seeds, ±{h3} over 3");
        // The 10-seed mean sits inside the 3-seed interval.
        assert!((m10 - m3).abs() < h3, "{metric}: {m10} vs {m3} ± {h3}");
    }
    // Same scenario, same seeds: every metric equal, every paired change exactly zero.
    for r in many.rows.iter().filter(|r| r.scenario == "b") {
        let a = ci(&many, "a", &r.metric);
        assert_eq!((r.mean, r.ci95), a, "{}", r.metric);
        assert_eq!((r.change, r.change_ci95), (0.0, 0.0), "{}", r.metric);
    }
    // Runs do not depend on how many ran beside them: seed 7 of both comparisons agree.
    assert_eq!(few.summaries[0][0], many.summaries[0][0]);
}

#[test]
fn the_comparison_files_hold_every_metric_and_the_page_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let a = tests_path("scenarios/tiny_town.toml");
    // A variant: the freight carrier's diesel van swapped for an electric one.
    let text = std::fs::read_to_string(&a)
        .unwrap()
        .replace("name = \"tiny-town\"", "name = \"tiny-e-van\"")
        .replace(
            "{ vehicle = \"rigid_7_5t\", count = 1 }, { vehicle = \"diesel_van\", count = 1 }",
            "{ vehicle = \"rigid_7_5t\", count = 1 }, { vehicle = \"e_van\", count = 1 }",
        )
        .replace(
            "../fixtures/",
            &format!("{}/", tests_path("fixtures").display()),
        );
    let b = dir.path().join("e_van.toml");
    std::fs::write(&b, text).unwrap();
    let out = dir.path().join("cmp");
    let o = freightsim(
        &[
            "compare",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--seeds",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_csv(&out.join("comparison.csv"));
    let metrics = freightsim::simulation::compare::METRICS.len();
    assert_eq!(rows.len(), 2 * metrics);
    let ttw = rows
        .iter()
        .find(|r| r["scenario"] == "tiny-e-van" && r["metric"] == "co2e_ttw_kg")
        .unwrap();
    let change: f64 = ttw["change"].parse().unwrap();
    assert!(change < 0.0, "an e-van emits nothing at the wheel: {ttw:?}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    // Metrics zero in every scenario are named in a note instead of a row of zeros.
    let zero = |m: &str| {
        rows.iter().filter(|r| r["metric"] == m).all(|r| {
            r["mean"].parse::<f64>().unwrap() == 0.0
                && r["ci95"].parse::<f64>().unwrap_or(0.0) == 0.0
        })
    };
    for r in rows.iter().filter(|r| !zero(&r["metric"])) {
        let cell = format!(
            "data-metric=\"{}/{}\" data-value=\"{}\"",
            r["scenario"], r["metric"], r["mean"]
        );
        assert!(html.contains(&cell), "the page lacks {cell}");
    }
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
}
