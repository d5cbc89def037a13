//! Helpers shared by the day loop's tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of a file under `tests/`.
pub fn tests_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// Runs the freightsim binary with `args`, and `threads` rayon threads when given.
pub fn freightsim(args: &[&str], threads: Option<usize>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_freightsim"));
    cmd.args(args);
    if let Some(t) = threads {
        cmd.env("RAYON_NUM_THREADS", t.to_string());
    }
    cmd.output().expect("freightsim runs")
}

/// Runs `freightsim simulate SCENARIO --out OUT` and asserts it succeeded.
pub fn simulate(scenario: &Path, out: &Path) {
    let o = freightsim(
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A scenario on the tiny_town fixture with the given carriers' block and extra settings,
/// written into `dir` (absolute paths, so it runs from anywhere). Returns its path.
pub fn tiny_scenario(dir: &Path, name: &str, body: &str) -> PathBuf {
    let osm = tests_path("fixtures/tiny_town.osm");
    let text = format!(
        "name = \"{name}\"\nosm = \"{}\"\n{body}",
        osm.display().to_string().replace('\\', "/")
    );
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("scenario written");
    path
}

/// Parses a CSV file into header-keyed rows.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("csv opens");
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Asserts every order of an `orders.csv` ends delivered (with its day), late, or
/// unassigned with a reason: none is silently dropped.
pub fn accounted(orders: &[std::collections::BTreeMap<String, String>]) {
    for o in orders {
        match o["status"].as_str() {
            "delivered" | "late" => assert!(!o["delivered_day"].is_empty()),
            "unassigned" => assert!(!o["reason"].is_empty(), "{o:?}"),
            s => panic!("order ends {s}"),
        }
    }
}
