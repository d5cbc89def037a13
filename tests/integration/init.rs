//! `freightsim init`: a scenario written from an extract runs with no hand edit, every order
//! accounted for; bad input exits 2 saying what to give.

use super::common::{accounted, freightsim, read_csv, tests_path};
use std::path::Path;

fn init_then_simulate(osm: &Path, name: &str, days: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("scenarios").join(format!("{name}.toml"));
    let o = freightsim(
        &[
            "init",
            "--osm",
            osm.to_str().unwrap(),
            "--out",
            scenario.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(printed.contains("inferred"), "{printed}");
    let text = std::fs::read_to_string(&scenario).unwrap();
    let out = dir.path().join("out");
    let o = freightsim(
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--days",
            days,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        o.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The sites init says no van reaches are those the run finds off the network.
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let off_network = summary["sites_unreachable"]["van"].as_u64().unwrap();
    let noted = text
        .lines()
        .find_map(|l| l.strip_prefix("# note: "))
        .and_then(|l| l.split(' ').next())
        .map_or(0, |n| n.parse::<u64>().unwrap());
    assert_eq!(
        noted, off_network,
        "{name}: init's note and the run disagree"
    );
    let orders = read_csv(&out.join("orders.csv"));
    assert!(!orders.is_empty(), "{name}: no order drawn");
    accounted(&orders);
    let unassigned = orders
        .iter()
        .filter(|o| o["status"] == "unassigned")
        .count();
    // A fleet sized from the demand leaves no order for want of a vehicle.
    assert!(
        orders
            .iter()
            .all(|o| o["status"] != "unassigned" || !o["reason"].contains("vehicle")),
        "{name}: {unassigned} unassigned for want of a vehicle"
    );
    text
}

#[test]
fn init_on_the_embedded_lorient_extract_writes_a_scenario_that_runs() {
    let osm = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/osm/lorient_centre_2019.osm.pbf");
    let text = init_then_simulate(&osm, "lorient-init", "5");
    // The inferred values say so, with how; the extract is named relative to the file.
    assert!(text.contains("# inferred:"), "{text}");
    assert!(text.contains("inhabitants = "), "{text}");
    assert!(text.contains("osm = \"../../"), "{text}");
    assert_eq!(text.matches("[[carrier]]").count(), 3);
    // Lorient's homes give ~18,000 inhabitants (residential floor / 40 m²).
    let n: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("inhabitants = "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((15_000.0..22_000.0).contains(&n), "{n}");
}

#[test]
fn init_on_the_shared_lorient_xml_twin_writes_a_scenario_that_runs() {
    let Some(osm) = super::shared::shared_data("lorient_centre_2019.osm.gz") else {
        return;
    };
    init_then_simulate(&osm, "lorient-xml", "4");
}

/// The larger shared extracts: `init` writes a scenario that validates as `simulate` reads
/// it (init validates before writing), and says how many sites lie off the van network
/// (Monaco–Riviera's extract has some). Simulating them is left to the sweep.
#[test]
fn init_on_the_scale_extracts_writes_valid_scenarios() {
    for file in [
        "scale/porto_centre_2020.osm.pbf",
        "scale/geneva_centre_2025.osm.pbf",
        "scale/monaco_riviera_2016.osm.pbf",
    ] {
        let Some(osm) = super::shared::shared_data(file) else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("s.toml");
        let o = freightsim(
            &[
                "init",
                "--osm",
                osm.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let printed = String::from_utf8_lossy(&o.stdout);
        if file.contains("monaco") {
            assert!(
                printed.contains("note: ") && printed.contains("unreachable"),
                "{printed}"
            );
        }
        let scenario = freightsim::scenario::load(&out).expect("the written scenario validates");
        assert_eq!(scenario.carriers.len(), 3);
        assert!(
            scenario.demand.inhabitants.is_some_and(|n| n > 10_000.0),
            "{file}"
        );
    }
}

#[test]
fn init_without_buildings_or_inhabitants_exits_2_saying_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.toml");
    let osm = tests_path("fixtures/oneway_street.osm");
    let o = freightsim(
        &[
            "init",
            "--osm",
            osm.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--inhabitants"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn init_bad_flags_exit_2_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.toml");
    let osm = tests_path("fixtures/tiny_town.osm");
    let (osm, out) = (osm.to_str().unwrap(), out.to_str().unwrap());
    for (args, needle) in [
        (
            vec![
                "init", "--osm", osm, "--out", out, "--depot", "1,2", "--depot", "3,4",
            ],
            "--depot given 2 times",
        ),
        (
            vec!["init", "--osm", osm, "--out", out, "--depot", "47.7,-3.3,1"],
            "lon,lat",
        ),
        (
            vec!["init", "--osm", osm, "--out", out, "--inhabitants=-5"],
            "--inhabitants",
        ),
        (
            vec!["init", "--osm", "/no/such.osm.pbf", "--out", out],
            "such.osm.pbf",
        ),
        (
            vec![
                "init",
                "--osm",
                osm,
                "--out",
                out,
                "--zone",
                "/no/zone.geojson",
            ],
            "--zone",
        ),
    ] {
        let o = freightsim(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
