//! Time of day with the shipped tables: the same trip at 08:30 and at 14:00, the flat
//! profile reproducing today's outputs, and bad speed-profile tables refused with exit 2.

use super::common::{freightsim, read_csv, tests_path, tiny_scenario};
use freightsim::emissions::{self, Leg};

/// A van trip of three 4 km legs whose free-flow time is 8 minutes each (30 km/h), leaving
/// at `dep` seconds from midnight: (driving hours, kg CO2e WTW per km).
fn van_trip(sc: &freightsim::scenario::Scenario, dep: f64) -> (f64, f64) {
    let v = sc
        .vehicles
        .iter()
        .position(|v| v.vehicle == "diesel_van")
        .unwrap();
    let (mut t, mut legs, mut load) = (dep, Vec::new(), 600.0);
    for _ in 0..3 {
        let free = 480.0;
        let arrive = match sc.time_bands.as_ref().and_then(|b| b.get("van")) {
            Some(b) => b.arrival(t, free),
            None => t + free,
        };
        let hours = (arrive - t) / 3600.0;
        legs.push(Leg {
            km: 4.0,
            load_kg: load,
            kmh: Some(4.0 / hours),
        });
        load -= 200.0;
        t = arrive + 300.0; // a five-minute stop
    }
    let hours = legs.iter().map(|l| l.km / l.kmh.unwrap()).sum::<f64>();
    let e = emissions::trip(&sc.emission_factors[v], sc.vehicles[v].payload_kg, &legs);
    (hours, e.co2e_wtw_kg / 12.0)
}

#[test]
fn the_same_trip_takes_longer_and_emits_more_per_km_at_0830_than_at_1400() {
    let sc = freightsim::scenario::load(&tests_path("scenarios/tiny_town.toml")).unwrap();
    assert!(
        sc.time_bands.is_some(),
        "the shipped profiles are the default"
    );
    let (h_peak, co2_peak) = van_trip(&sc, 8.5 * 3600.0);
    let (h_off, co2_off) = van_trip(&sc, 14.0 * 3600.0);
    // 0.7 in the morning peak: 24 free-flow minutes become 24 / 0.7 (the trip stays
    // inside 08:30-09:00-ish; the last leg may leave the peak).
    assert!(h_peak > h_off * 1.2, "{h_peak} vs {h_off}");
    assert!((h_off - 0.4).abs() < 1e-9);
    // COPERT N1-III: 21 km/h against 30 km/h costs 13-19 % more per km.
    let ratio = co2_peak / co2_off;
    assert!(ratio > 1.05 && ratio < 1.25, "{ratio}");

    // With the flat profile both trips are the same.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(tests_path("scenarios/tiny_town.toml"))
        .unwrap()
        .replace(
            "../fixtures/",
            &format!("{}/", tests_path("fixtures").display()),
        );
    let path = dir.path().join("flat.toml");
    std::fs::write(&path, format!("{text}\n[time_bands]\nprofile = \"flat\"\n")).unwrap();
    let flat = freightsim::scenario::load(&path).unwrap();
    assert!(flat.time_bands.is_none());
    assert_eq!(
        van_trip(&flat, 8.5 * 3600.0),
        van_trip(&flat, 14.0 * 3600.0)
    );
    assert_eq!(van_trip(&flat, 14.0 * 3600.0), (h_off, co2_off));
}

#[test]
fn flat_travel_times_and_load_only_factors_reproduce_todays_outputs() {
    // tests/golden/tiny_town_flat/ holds the golden files as they were before time of day:
    // with both switched off, routes, orders, days and every earlier trips.csv column are
    // byte for byte the same.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(tests_path("scenarios/tiny_town.toml"))
        .unwrap()
        .replace(
            "../fixtures/",
            &format!("{}/", tests_path("fixtures").display()),
        );
    let path = dir.path().join("tiny_flat.toml");
    std::fs::write(
        &path,
        format!("{text}\n[time_bands]\nprofile = \"flat\"\n[emissions]\nfactors_variant = \"load_only\"\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = freightsim(
        &[
            "simulate",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        Some(2),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let golden = tests_path("golden/tiny_town_flat");
    for f in ["orders.csv", "routes.geojson", "days.csv"] {
        let a = std::fs::read(out.join(f)).unwrap();
        let g = std::fs::read(golden.join(f)).unwrap();
        assert!(a == g, "{f} differs from the pre-time-of-day golden");
    }
    let now = read_csv(&out.join("trips.csv"));
    let before = read_csv(&golden.join("trips.csv"));
    assert_eq!(now.len(), before.len());
    for (a, b) in now.iter().zip(&before) {
        for (k, v) in b {
            assert_eq!(&a[k], v, "trips.csv column {k}");
        }
        assert_eq!(a["peak_km"], "0.000");
    }
}

#[test]
fn bad_speed_profiles_exit_2_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let header = "profile,band,start,end,speed_factor,peak,source\n";
    let good = |p: &str| {
        format!(
            "{p},night,00:00,08:00,1.0,no,x\n{p},peak,08:00,09:00,0.7,yes,x\n{p},day,09:00,24:00,1.0,no,x\n"
        )
    };
    let cases = [
        (
            "missing",
            format!(
                "{header}van,night,00:00,08:00,1.0,no,x\nvan,day,09:00,24:00,1.0,no,x\n{}{}",
                good("truck"),
                good("cargo_bike")
            ),
            "line 3 (profile `van`, band `day`): starts at 09:00 but the profile's previous band ends at 08:00",
        ),
        (
            "zero",
            format!(
                "{header}van,night,00:00,08:00,0,no,x\nvan,day,08:00,24:00,1.0,no,x\n{}{}",
                good("truck"),
                good("cargo_bike")
            ),
            "line 2 (profile `van`, band `night`): speed_factor 0 is out of range",
        ),
        (
            "fast",
            format!(
                "{header}van,night,00:00,08:00,2.5,no,x\nvan,day,08:00,24:00,1.0,no,x\n{}{}",
                good("truck"),
                good("cargo_bike")
            ),
            "speed_factor 2.5 is out of range",
        ),
        (
            "backwards",
            format!(
                "{header}van,day,00:00,10:00,1.0,no,x\nvan,back,10:00,09:00,1.0,no,x\nvan,rest,09:00,24:00,1.0,no,x\n{}{}",
                good("truck"),
                good("cargo_bike")
            ),
            "line 3 (profile `van`, band `back`): ends at 09:00, not after its start 10:00",
        ),
        (
            "short",
            format!(
                "{header}van,night,00:00,08:00,1.0,no,x\n{}{}",
                good("truck"),
                good("cargo_bike")
            ),
            "the bands of profile `van` end at 08:00",
        ),
    ];
    for (name, table, needle) in cases {
        std::fs::write(dir.path().join(format!("{name}.csv")), table).unwrap();
        let body = format!(
            "[horizon]\nstart = \"2025-03-03\"\ndays = 3\n[demand]\ninhabitants = 100\n[[carrier]]\nname = \"a\"\ndepot = {{ name = \"d\", lon = -3.36, lat = 47.75 }}\nshares = {{ parcel = 1.0, retail = 1.0, office = 1.0, perishable = 1.0, pharmacy = 1.0, restaurant = 1.0 }}\nfleet = [{{ vehicle = \"diesel_van\", count = 1 }}]\n[time_bands]\nprofile = \"{name}.csv\"\n"
        );
        let path = tiny_scenario(dir.path(), name, &body);
        let o = freightsim(&["simulate", path.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("time_bands.profile"), "{name}: {err}");
        assert!(
            err.contains(needle),
            "{name}: missing `{needle}` in:\n{err}"
        );
    }
}
