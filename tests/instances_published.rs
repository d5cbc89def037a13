//! Every published solution shipped with the benchmark sets, read with our parsers and
//! verified by our checker, costs exactly what its file says: this ties the parsers' measuring
//! conventions (rounding, scaling, cost units) and the checker to the published numbers.
//!
//! The instances live outside the repository: `$FREIGHTSIM_BENCH` (default
//! `<crate>/../shared/bench`); the tests are skipped when they are absent, unless
//! `FREIGHTSIM_REQUIRE_DATA=1` (see `tests/common`).

use freightsim::instances::{self, Format, read_solution_file};
use freightsim::routing::check::check;
use std::path::PathBuf;

mod common;

fn files(set: &str, ext: &str) -> Option<Vec<PathBuf>> {
    let bench = common::shared_bench()?;
    let mut v: Vec<PathBuf> = std::fs::read_dir(bench.join("instances").join(set))
        .expect("benchmark set directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    Some(v)
}

/// Reads each instance of `set` with its `.sol`, checks the routes, and asserts the
/// recomputed cost equals the file's `Cost` within `tolerance` (the file's own rounding).
fn published_costs_match(set: &str, tolerance: f64) -> Option<usize> {
    let vrps = files(set, "vrp")?;
    assert!(!vrps.is_empty(), "no .vrp files in {set}");
    for vrp in &vrps {
        let inst = instances::read(vrp, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(inst.format, Format::Vrplib);
        let published =
            read_solution_file(&vrp.with_extension("sol"), &inst).unwrap_or_else(|e| panic!("{e}"));
        let stated = published.cost.expect("a Cost line");
        let report = check(&inst.problem, &published.solution)
            .unwrap_or_else(|v| panic!("{}: published solution rejected: {v:?}", vrp.display()));
        assert_eq!(
            report.served,
            inst.problem.orders.len(),
            "{}",
            vrp.display()
        );
        assert!(
            (report.cost - stated).abs() <= tolerance,
            "{}: recomputed {} vs published {stated}",
            vrp.display(),
            report.cost
        );
    }
    Some(vrps.len())
}

#[test]
fn cvrp_x_solutions_cost_their_bks() {
    // TSPLIB rounding makes every cost an integer: exact equality.
    if let Some(n) = published_costs_match("cvrp_x", 0.0) {
        assert_eq!(n, 12);
    }
}

#[test]
fn hfvrp_solutions_cost_their_published_cost() {
    // Unrounded distances, costs stored x100: the file states 2 decimals.
    if let Some(n) = published_costs_match("hfvrp", 0.005 + 1e-9) {
        assert_eq!(n, 5);
    }
}

#[test]
fn mtvrptwr_solutions_are_feasible_and_cost_their_published_cost() {
    // DIMACS convention (x10, truncated): integers, exact equality; the multi-trip routes
    // with release dates must also pass the time checks.
    if let Some(n) = published_costs_match("mtvrptwr", 0.0) {
        assert_eq!(n, 9);
    }
}

#[test]
fn every_solomon_file_reads_as_100_customers() {
    let Some(txts) = files("solomon", "txt") else {
        return;
    };
    assert_eq!(txts.len(), 56);
    for txt in &txts {
        let inst = instances::read(txt, None).unwrap_or_else(|e| panic!("{e}"));
        let p = &inst.problem;
        assert_eq!(p.orders.len(), 100, "{}", txt.display());
        assert_eq!(p.vehicle_types.len(), 1);
        assert!(p.vehicle_types[0].count >= 25, "{}", txt.display());
        let first = txt.file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(inst.name, first, "the name is the first line");
        assert!(p.orders.iter().all(|o| o.time_windows.len() == 1));
    }
}

#[test]
fn x_n101_k25_reads_with_its_header_values() {
    let Some(bench) = common::shared_bench() else {
        return;
    };
    let inst = instances::read(&bench.join("instances/cvrp_x/X-n101-k25.vrp"), None).unwrap();
    let p = &inst.problem;
    assert_eq!(inst.name, "X-n101-k25");
    assert_eq!(p.orders.len(), 100);
    assert_eq!(p.vehicle_types[0].capacity, [206, 0]);
    assert_eq!(
        p.vehicle_types[0].count, 100,
        "unlimited fleet: one vehicle per client"
    );
    // nodes 1 (365, 689) and 2 (146, 180): sqrt(219^2 + 509^2) = 554.1..., nint 554
    assert_eq!(p.matrices[0].distance(0, 1).0, 554.0);
}

#[test]
fn hfvrp_groups_identical_vehicles_into_types() {
    let Some(bench) = common::shared_bench() else {
        return;
    };
    let inst = instances::read(&bench.join("instances/hfvrp/X115-HVRP.vrp"), None).unwrap();
    let p = &inst.problem;
    assert_eq!(inst.file_vehicles.len(), 19);
    assert_eq!(p.vehicle_types.iter().map(|t| t.count).sum::<usize>(), 19);
    let first = &p.vehicle_types[0];
    assert_eq!(first.count, 11);
    assert_eq!(first.capacity, [54, 0]);
    assert_eq!(first.fixed_cost, 146.0, "14600 stored x100");
    assert_eq!(
        first.cost_per_km, 580.0,
        "0.58 per distance unit = 580 per 1000 units"
    );
}
