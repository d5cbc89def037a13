//! Time-bound conditional access from the map (`motor_vehicle:conditional=... @ hours`) on a
//! copy of the tiny_town fixture whose middle street "Rue 2" carries the rule: a vehicle
//! whose working hours meet a closed hour never drives the street (checked from the trips'
//! drawn lines), orders no vehicle of their carrier may then reach end `access_hours`, and a
//! rule outside everyone's hours changes nothing.

use super::common::{accounted, read_csv, simulate, tests_path};
use std::path::{Path, PathBuf};

/// Latitude of Rue 2 (tiny_town.py: lat0 + dy).
const RUE_2_LAT: f64 = 47.7510;

/// The tiny_town scenario on a copy of the fixture whose Rue 2 has `tags` added.
fn scenario_with_rue_2(dir: &Path, tags: &[(&str, &str)]) -> PathBuf {
    let osm = std::fs::read_to_string(tests_path("fixtures/tiny_town.osm")).unwrap();
    let extra: String = tags
        .iter()
        .map(|(k, v)| format!("  <tag k=\"{k}\" v=\"{v}\"/>\n"))
        .collect();
    let marker = "  <tag k=\"name\" v=\"Rue 2\"/>\n";
    assert!(osm.contains(marker));
    let osm = osm.replace(marker, &format!("{marker}{extra}"));
    let osm_path = dir.join("town.osm");
    std::fs::write(&osm_path, osm).unwrap();
    let text = std::fs::read_to_string(tests_path("scenarios/tiny_town.toml"))
        .unwrap()
        .replace(
            "osm = \"../fixtures/tiny_town.osm\"",
            &format!("osm = \"{}\"", osm_path.display()),
        );
    let path = dir.join("town.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Per trip feature of routes.geojson: vehicle and whether it drives along Rue 2 (two
/// consecutive points on the street's latitude).
fn drives_rue_2(out: &Path) -> Vec<(String, bool)> {
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("routes.geojson")).unwrap())
            .unwrap();
    g["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["kind"] == "trip")
        .map(|f| {
            let pts: Vec<(f64, f64)> = f["geometry"]["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
                .collect();
            let on = |p: &(f64, f64)| (p.1 - RUE_2_LAT).abs() < 1e-6;
            let along = pts
                .windows(2)
                .any(|w| on(&w[0]) && on(&w[1]) && (w[0].0 - w[1].0).abs() > 1e-6);
            (
                f["properties"]["vehicle"].as_str().unwrap().to_owned(),
                along,
            )
        })
        .collect()
}

#[test]
fn a_street_closed_by_day_is_never_driven_and_its_orders_end_access_hours() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_with_rue_2(
        dir.path(),
        &[("motor_vehicle:conditional", "no @ (07:00-19:00)")],
    );
    let out = dir.path().join("out");
    simulate(&path, &out);
    let trips = drives_rue_2(&out);
    assert!(!trips.is_empty());
    for (vehicle, along) in &trips {
        if vehicle != "cargo_bike" {
            assert!(!along, "a {vehicle} drove Rue 2 in its closed hours");
        }
    }
    let orders = read_csv(&out.join("orders.csv"));
    accounted(&orders);
    let shut: Vec<_> = orders
        .iter()
        .filter(|o| o["reason"] == "access_hours")
        .collect();
    assert!(!shut.is_empty(), "the shops on Rue 2 lose their deliveries");
    // The parcels carrier has a cargo bike, which the motor_vehicle rule does not concern.
    assert!(shut.iter().all(|o| o["carrier"] == "freight"), "{shut:?}");
}

#[test]
fn a_street_open_to_deliveries_in_the_morning_serves_the_vehicle_that_works_then_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_with_rue_2(
        dir.path(),
        &[
            ("motor_vehicle", "no"),
            ("motor_vehicle:conditional", "delivery @ (06:00-14:00)"),
        ],
    );
    let out = dir.path().join("out");
    simulate(&path, &out);
    let trips = drives_rue_2(&out);
    // The 7.5 t rigid works 06:00-14:00 (freight's shift): the street is open all its day.
    assert!(trips.iter().any(|(v, along)| v == "rigid_7_5t" && *along));
    // The van also works 07:00-17:00 for the parcels carrier: closed to it.
    assert!(trips.iter().all(|(v, along)| v != "diesel_van" || !along));
    let orders = read_csv(&out.join("orders.csv"));
    accounted(&orders);
    assert!(
        orders
            .iter()
            .all(|o| o["reason"] != "access_hours" || o["carrier"] != "freight"),
        "the rigid reaches Rue 2's shops"
    );
}

#[test]
fn a_rule_outside_every_working_hour_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plain = scenario_with_rue_2(dir.path(), &[]);
    simulate(&plain, &dir.path().join("plain"));
    let evening = dir.path().join("evening");
    std::fs::create_dir(&evening).unwrap();
    let ruled = scenario_with_rue_2(
        &evening,
        &[("motor_vehicle:conditional", "no @ (19:00-22:00)")],
    );
    simulate(&ruled, &dir.path().join("ruled"));
    for file in ["trips.csv", "orders.csv"] {
        assert_eq!(
            std::fs::read(dir.path().join("plain").join(file)).unwrap(),
            std::fs::read(dir.path().join("ruled").join(file)).unwrap(),
            "{file}"
        );
    }
}
