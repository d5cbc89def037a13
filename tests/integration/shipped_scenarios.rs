//! Every scenario shipped in `data/scenarios/` validates and runs on a short horizon with
//! every order accounted for (delivered, late, or unassigned with a reason).

use super::common::{freightsim, read_csv};
use std::path::Path;

#[test]
fn every_shipped_scenario_runs_a_short_horizon_and_accounts_for_every_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut names: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for path in names {
        let out = dir.path().join(path.file_stem().unwrap());
        // Two measured days after the scenario's warm-up.
        let warm = freightsim::scenario::load(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .horizon
            .warm_up_days;
        let days = (warm + 2).to_string();
        let o = freightsim(
            &[
                "simulate",
                path.to_str().unwrap(),
                "--days",
                &days,
                "--out",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert!(
            o.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let orders = read_csv(&out.join("orders.csv"));
        assert!(!orders.is_empty(), "{}", path.display());
        for r in &orders {
            match r["status"].as_str() {
                "delivered" | "late" => {}
                "unassigned" => assert!(!r["reason"].is_empty(), "{}: {r:?}", path.display()),
                s => panic!("{}: order ends {s}", path.display()),
            }
        }
    }
}
