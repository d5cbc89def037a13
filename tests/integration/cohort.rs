//! Cohort measurement: scenarios are compared on the same orders (those placed after the
//! warm-up, followed to their delivery), whatever their lead-time rules.

use super::common::{freightsim, read_csv, tiny_scenario};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

const FREIGHT: &str = r#"
[[carrier]]
name = "freight"
depot = { name = "depot", lon = -3.3600, lat = 47.7500 }
shares = { retail = 1.0, office = 1.0, perishable = 1.0, pharmacy = 1.0, restaurant = 1.0, parcel = 1.0 }
fleet = [{ vehicle = "diesel_van", count = 2 }]
"#;

fn run(scenario: &Path, out: &Path) -> Value {
    super::common::simulate(scenario, out);
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

fn cohort_ids(out: &Path) -> Vec<String> {
    let mut ids: Vec<String> = read_csv(&out.join("orders.csv"))
        .into_iter()
        .filter(|o| o["in_cohort"] == "true")
        .map(|o| o["order_id"].clone())
        .collect();
    ids.sort();
    ids
}

/// Generated demand on tiny_town under `rule` for parcels and B2B.
fn generated(dir: &Path, name: &str, rule: &str, policy: &str) -> std::path::PathBuf {
    tiny_scenario(
        dir,
        name,
        &format!(
            "seed = 3\n[horizon]\nstart = \"2025-03-03\"\ndays = 12\nwarm_up_days = 4\n[demand]\ninhabitants = 400\nb2b_scale = 2.0\necommerce_scale = 4.0\n[lead_time]\nparcel = \"{rule}\"\nretail = \"{rule}\"\noffice = \"{rule}\"\n[dispatch]\npolicy = \"{policy}\"\n[routing]\niterations = 50\n{FREIGHT}"
        ),
    )
}

#[test]
fn every_rule_is_measured_on_the_same_orders() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen: Option<(Vec<String>, String)> = None;
    for (rule, policy) in [
        ("24h", "immediate"),
        ("48h", "consolidate"),
        ("72h", "lazy"),
    ] {
        let path = generated(dir.path(), &format!("r{rule}"), rule, policy);
        let out = dir.path().join(rule);
        let s = run(&path, &out);
        let ids = cohort_ids(&out);
        let fp = s["cohort"]["fingerprint"].as_str().unwrap().to_owned();
        assert!(ids.len() > 50, "{rule}: {} orders in the cohort", ids.len());
        assert_eq!(s["cohort"]["orders"].as_u64().unwrap() as usize, ids.len());
        // Every cohort order is accounted for: delivered, late or unassigned.
        let c = &s["cohort"];
        let sum = ["delivered", "late", "unassigned"]
            .iter()
            .map(|k| c[*k].as_u64().unwrap())
            .sum::<u64>();
        assert_eq!(sum as usize, ids.len(), "{rule}");
        match &seen {
            None => seen = Some((ids, fp)),
            Some((first, first_fp)) => {
                assert_eq!(&ids, first, "{rule} measures other orders than 24h");
                assert_eq!(&fp, first_fp);
            }
        }
    }
}

#[test]
fn the_cohort_does_not_count_warm_up_orders_delivered_inside_the_window() {
    // Orders on one warm-up day and on one measured day, the same sites: under `lazy` each
    // goes on the last day of its window, so both scenarios solve the same problems, only
    // on other days. Under 72h the warm-up day's orders land inside the measured days: the
    // fleet view counts them, the cohort does not.
    let dir = tempfile::tempdir().unwrap();
    let mut rows = String::new();
    for (k, day) in [(0, "2025-03-03"), (1, "2025-03-07")] {
        for (i, (lon, lat)) in [(-3.35775, 47.75155), (-3.3552, 47.7512), (-3.3570, 47.7530)]
            .iter()
            .enumerate()
        {
            writeln!(rows, "o{k}{i},,{lon},{lat},{day}T10:00,40,2,retail,").unwrap();
        }
    }
    let csv = dir.path().join("orders.csv");
    std::fs::write(
        &csv,
        format!("order_id,site_id,lon,lat,placed_at,kg,parcels,category,carrier\n{rows}"),
    )
    .unwrap();
    let demand = format!(
        "[demand]\nb2b = false\necommerce = false\norders_csv = \"{}\"\n",
        csv.display().to_string().replace('\\', "/")
    );
    let mut figures = Vec::new();
    for rule in ["24h", "72h"] {
        let path = tiny_scenario(
            dir.path(),
            &format!("w{rule}"),
            &format!(
                "[horizon]\nstart = \"2025-03-03\"\ndays = 10\nwarm_up_days = 3\n{demand}[lead_time]\nretail = \"{rule}\"\n[dispatch]\npolicy = \"lazy\"\n{FREIGHT}"
            ),
        );
        let s = run(&path, &dir.path().join(rule));
        assert_eq!(
            s["cohort"]["orders"], 3,
            "{rule}: the measured day's orders"
        );
        assert_eq!(s["cohort"]["delivered"], 3, "{rule}");
        figures.push((
            s["cohort"]["co2e_wtw_kg"].as_f64().unwrap(),
            s["fleet"]["co2e_wtw_kg"].as_f64().unwrap(),
        ));
    }
    let ((c24, f24), (c72, f72)) = (figures[0], figures[1]);
    assert!(c24 > 0.0);
    assert!(
        (c24 - c72).abs() <= 1e-6 * c24.max(1.0),
        "cohort CO2e {c24} under 24h, {c72} under 72h"
    );
    assert!(
        f72 > 1.5 * f24,
        "the fleet view counts the warm-up orders under 72h: {f72} against {f24}"
    );
}

#[test]
fn a_short_warm_up_is_raised_to_the_longest_window_and_the_summary_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny_scenario(
        dir.path(),
        "short-warm-up",
        &format!(
            "[horizon]\nstart = \"2025-03-03\"\ndays = 8\nwarm_up_days = 1\n[demand]\ninhabitants = 200\n[lead_time]\nparcel = \"72h\"\n[routing]\niterations = 20\n{FREIGHT}"
        ),
    );
    let s = run(&path, &dir.path().join("out"));
    // 72h: three delivering days from Monday 3 March: Monday to Wednesday.
    assert_eq!(s["warm_up_days"], 3);
    assert_eq!(s["warm_up_extended_by"], 2);
    assert_eq!(s["cohort"]["placed_from_day"], 3);
    assert!(
        s["assumptions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("warm-up raised by 2 day(s)"))
    );
    // A horizon the raised warm-up leaves nothing of is refused, naming the field.
    let none = tiny_scenario(
        dir.path(),
        "no-day-left",
        &format!(
            "[horizon]\nstart = \"2025-03-03\"\ndays = 3\nwarm_up_days = 1\n[demand]\ninhabitants = 200\n[lead_time]\nparcel = \"72h\"\n{FREIGHT}"
        ),
    );
    let o = freightsim(&["simulate", none.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("horizon.days"), "{err}");
    assert!(err.contains("longest delivery window"), "{err}");
}

#[test]
fn per_day_figures_are_the_full_days_means() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), "per-day", "24h", "immediate");
    let out = dir.path().join("out");
    let s = run(&path, &out);
    let p = &s["fleet_per_delivering_day"];
    let days: Vec<u64> = p["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect();
    // Days 4 to 11 from Monday 3 March, Sunday 9 March left out.
    assert_eq!(days, vec![4, 5, 7, 8, 9, 10, 11]);
    let trips = read_csv(&out.join("trips.csv"));
    let on_days: Vec<_> = trips
        .iter()
        .filter(|t| days.contains(&t["day"].parse::<u64>().unwrap()))
        .collect();
    let n = days.len() as f64;
    let sum = |k: &str| {
        on_days
            .iter()
            .map(|t| t[k].parse::<f64>().unwrap())
            .sum::<f64>()
    };
    assert!(p["trips"].as_f64().unwrap() > 0.0);
    assert!(p["stops"].as_f64().unwrap() > 0.0);
    assert!(p["orders"].as_f64().unwrap() > 0.0);
    let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol;
    assert!(close(
        p["trips"].as_f64().unwrap(),
        on_days.len() as f64 / n,
        1e-3
    ));
    assert!(close(p["stops"].as_f64().unwrap(), sum("stops") / n, 1e-3));
    assert!(close(
        p["orders"].as_f64().unwrap(),
        sum("orders") / n,
        1e-3
    ));
    assert!(close(
        p["vehicle_km"].as_f64().unwrap(),
        sum("distance_km") / n,
        1e-2
    ));
    assert!(close(
        p["co2e_wtw_kg"].as_f64().unwrap(),
        sum("co2e_wtw_kg") / n,
        1e-2
    ));
}

#[test]
fn the_cohort_s_attributed_figures_add_up_to_its_orders_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated(dir.path(), "sums", "48h", "consolidate");
    let out = dir.path().join("out");
    let s = run(&path, &out);
    let orders = read_csv(&out.join("orders.csv"));
    let cohort: Vec<_> = orders.iter().filter(|o| o["in_cohort"] == "true").collect();
    let sum = |k: &str| {
        cohort
            .iter()
            .map(|o| o[k].parse::<f64>().unwrap())
            .sum::<f64>()
    };
    let c = &s["cohort"];
    for (col, key) in [
        ("co2e_wtw_kg", "co2e_wtw_kg"),
        ("vehicle_km", "vehicle_km"),
        ("cost_eur", "cost_eur"),
    ] {
        let want = c[key].as_f64().unwrap();
        let got = sum(col);
        assert!(
            (want - got).abs() <= 1e-3 * want.max(1.0),
            "{key}: summary {want}, orders.csv {got}"
        );
    }
    // Over every order of the run, the attribution adds up to the trips' totals.
    let trips = read_csv(&out.join("trips.csv"));
    let all_km: f64 = orders
        .iter()
        .map(|o| o["vehicle_km"].parse::<f64>().unwrap())
        .sum();
    let trips_km: f64 = trips
        .iter()
        .map(|t| t["distance_km"].parse::<f64>().unwrap())
        .sum();
    assert!(
        (all_km - trips_km).abs() <= 1e-2 * trips_km.max(1.0),
        "{all_km} vs {trips_km}"
    );
}

#[test]
fn bad_variants_exit_2_naming_the_variant_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = super::common::tests_path("scenarios/tiny_town.toml");
    let tiny = tiny.to_str().unwrap();
    let out = dir.path().join("out");
    let run = |vary: &str| {
        freightsim(
            &[
                "compare",
                tiny,
                tiny,
                "--seeds",
                "1",
                "--vary",
                vary,
                "--out",
                out.to_str().unwrap(),
            ],
            None,
        )
    };
    // An unknown name, before anything runs.
    let o = run("van_uk_defra,no_such_variant");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no_such_variant") && err.contains("van_uk_defra"),
        "{err}"
    );
    // A factor table missing a vehicle's emission class.
    let table = std::fs::read_to_string(super::common::tests_path(
        "../data/emissions/emission_factors.csv",
    ))
    .unwrap();
    let without_van: String = table
        .lines()
        .filter(|l| !l.starts_with("diesel_van,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.path().join("factors.csv");
    std::fs::write(&path, without_van).unwrap();
    let o = run(&format!("factors={}", path.display()));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("variant `factors="), "{err}");
    assert!(
        err.contains("tables.vehicles") && err.contains("diesel_van"),
        "{err}"
    );
    assert!(
        !out.join("comparison.csv").exists(),
        "nothing runs on bad input"
    );
}
