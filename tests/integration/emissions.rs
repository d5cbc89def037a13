//! Emissions per trip and their ISO 14083 allocation to orders, on the tiny_town week, and
//! the factor tables' checks.

use super::common::{freightsim, tests_path, tiny_scenario};
use freightsim::emissions::{self, Leg};
use freightsim::simulation::{RunOptions, run};

#[test]
fn every_trip_is_shared_out_exactly_among_the_orders_it_carried() {
    let sc = freightsim::scenario::load(&tests_path("scenarios/tiny_town.toml")).unwrap();
    let out = run(&sc, &RunOptions::default()).unwrap();
    assert!(out.trips.len() > 5);
    let mut trip_total = emissions::Emissions::default();
    for t in &out.trips {
        assert_eq!(t.shares.len(), t.orders, "one share per order on board");
        let sum: f64 = t.shares.iter().map(|s| s.1).sum();
        assert!((sum - 1.0).abs() < 1e-12, "shares of a trip sum to {sum}");
        assert!(t.shares.iter().all(|s| s.1 >= 0.0));
        assert!(t.emissions.co2e_wtw_kg > 0.0 || t.distance_km == 0.0);
        trip_total += t.emissions;
    }
    let mut order_total = emissions::Emissions::default();
    for st in &out.orders {
        order_total += st.emissions;
        if st.delivered_day.is_none() && st.failed_attempts == 0 {
            assert_eq!(
                st.emissions.co2e_wtw_kg, 0.0,
                "never carried, never charged"
            );
        }
    }
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(order_total.co2e_wtw_kg, trip_total.co2e_wtw_kg));
    assert!(close(order_total.co2e_ttw_kg, trip_total.co2e_ttw_kg));
    assert!(close(order_total.nox_g, trip_total.nox_g));
    assert!(close(order_total.pm_g(), trip_total.pm_g()));
    // A failed attempt is driven: its order carries the attempt's share and the re-delivery's.
    let retried = out
        .orders
        .iter()
        .filter(|o| o.failed_attempts > 0 && o.delivered_day.is_some())
        .count();
    let carried_twice = out
        .orders
        .iter()
        .enumerate()
        .filter(|(g, _)| {
            out.trips
                .iter()
                .filter(|t| t.shares.iter().any(|s| s.0 == *g))
                .count()
                == 2
        })
        .count();
    assert!(retried > 0, "the week has failed first attempts");
    assert_eq!(retried, carried_twice);
}

#[test]
fn a_diesel_rigid_two_stop_trip_by_hand_from_the_shipped_tables() {
    let sc = freightsim::scenario::load(&tests_path("scenarios/tiny_town.toml")).unwrap();
    let v = sc
        .vehicles
        .iter()
        .position(|v| v.vehicle == "rigid_7_5t")
        .unwrap();
    let f = &sc.emission_factors[v];
    assert_eq!(f.carrier, "diesel (arrete_2017)");
    // 3,000 kg payload: 1,500 kg out over 10 km, 500 kg on for 4 km, empty back over 12 km.
    let legs = [
        Leg {
            km: 10.0,
            load_kg: 1500.0,
            kmh: None,
        },
        Leg {
            km: 4.0,
            load_kg: 500.0,
            kmh: None,
        },
        Leg {
            km: 12.0,
            load_kg: 0.0,
            kmh: None,
        },
    ];
    let e = emissions::trip(f, sc.vehicles[v].payload_kg, &legs);
    // Table: 0.2102 L/km empty, 0.2429 full; 3.17 / 2.51 kg CO2e per litre.
    let per_km = |fill: f64| 0.2102 + (0.2429 - 0.2102) * fill;
    // Speed unknown: the per-km values as they are; two delivery stops add 0.025 L each
    // (data/emissions/speed_curves.csv).
    let litres =
        10.0 * per_km(0.5) + 4.0 * per_km(500.0 / 3000.0) + 12.0 * per_km(0.0) + 2.0 * 0.025;
    assert!((e.energy - litres).abs() < 1e-9);
    assert!((e.co2e_wtw_kg - 3.17 * litres).abs() < 1e-9);
    assert!((e.co2e_ttw_kg - 2.51 * litres).abs() < 1e-9);
    assert!((e.nox_g - 26.0 * 1.0).abs() < 1e-9);
}

#[test]
fn a_factor_table_with_a_negative_value_or_no_source_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("factors.csv");
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/emissions/emission_factors.csv"),
    )
    .unwrap();
    let mut lines: Vec<String> = shipped.lines().map(String::from).collect();
    // diesel_van: NOx negative; e_van: source emptied.
    lines[1] = lines[1].replacen(",0.50,", ",-0.50,", 1);
    let cut = lines[2].find(",\"").unwrap();
    lines[2] = format!("{},\"\",M", &lines[2][..cut]);
    std::fs::write(&table, lines.join("\n") + "\n").unwrap();
    let body = format!(
        r#"
[horizon]
start = "2025-03-03"
days = 2
[demand]
inhabitants = 100
[emissions]
variants = {{ electricity = "moon_2030" }}
carbon_price_eur_per_kg = -1
[tables]
emission_factors = "{}"
[[carrier]]
name = "a"
depot = {{ name = "d", lon = -3.36, lat = 47.75 }}
shares = {{ parcel = 1.0, retail = 1.0, office = 1.0, perishable = 1.0, pharmacy = 1.0, restaurant = 1.0 }}
fleet = [{{ vehicle = "diesel_van", count = 1 }}]
"#,
        table.display().to_string().replace('\\', "/")
    );
    let path = tiny_scenario(dir.path(), "bad-factors", &body);
    let o = freightsim(&["simulate", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "row 1 (diesel_van): nox_g_per_km is -0.5",
        "row 2 (e_van): the source is empty",
        "emissions.variants.electricity",
        "emissions.carbon_price_eur_per_kg",
    ] {
        assert!(err.contains(needle), "missing `{needle}` in:\n{err}");
    }
}
