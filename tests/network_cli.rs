//! `freightsim network` end to end: the binary on the Lorient extract and on bad input.

use std::path::PathBuf;
use std::process::Command;

mod common;

fn lorient_pbf() -> PathBuf {
    common::embedded("lorient_centre_2019.osm.pbf")
}

fn freightsim(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freightsim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn json_report_and_geojson_on_lorient() {
    let dir = tempfile::tempdir().unwrap();
    let geojson = dir.path().join("network.geojson");
    let out = freightsim(&[
        "network".as_ref(),
        "--osm".as_ref(),
        lorient_pbf().as_os_str(),
        "--json".as_ref(),
        "--geojson".as_ref(),
        geojson.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let profiles = report["profiles"].as_array().unwrap();
    let names: Vec<&str> = profiles
        .iter()
        .map(|p| p["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["van", "truck", "cargo_bike"]);
    for p in profiles {
        for field in [
            "ways",
            "nodes",
            "edges",
            "scc_nodes",
            "scc_edges",
            "dropped_nodes",
        ] {
            assert!(p[field].as_u64().unwrap() > 0, "{field} in {p}");
        }
        let road = p["road_km"].as_f64().unwrap();
        let kept = p["scc_road_km"].as_f64().unwrap();
        let dropped = p["dropped_road_km"].as_f64().unwrap();
        assert!(road > 10.0 && (road - kept - dropped).abs() < 1e-6, "{p}");
        assert!(p["warning"].is_null());
    }
    let features: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    assert_eq!(features["type"], "FeatureCollection");
    let features = features["features"].as_array().unwrap();
    assert!(features.len() > 400, "{}", features.len());
    let gobert = features
        .iter()
        .find(|f| f["properties"]["osm_way_id"] == 24323241)
        .unwrap();
    assert_eq!(gobert["properties"]["name"], "Rue Gobert");
    assert_eq!(gobert["properties"]["van"], "forward");
    assert_eq!(gobert["properties"]["cargo_bike"], "both");
}

#[test]
fn table_on_lorient() {
    let out = freightsim(&[
        "network".as_ref(),
        "--osm".as_ref(),
        lorient_pbf().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("profile"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("van ")).count(),
        1,
        "{text}"
    );
    assert!(text.contains("road_km") && text.contains("cargo_bike"));
}

#[test]
fn missing_file_is_exit_code_2_with_the_path() {
    let out = freightsim(&[
        "network".as_ref(),
        "--osm".as_ref(),
        "no/such/extract.osm.pbf".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/extract.osm.pbf") && err.contains("not found"),
        "{err}"
    );
}

#[test]
fn extract_without_roads_is_exit_code_2() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/no_roads.osm");
    let out = freightsim(&["network".as_ref(), "--osm".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}
