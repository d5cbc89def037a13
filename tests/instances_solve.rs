//! Every benchmark instance (Solomon, X, HFVRP, MTVRPTWR: 82 files), solved with a small
//! fixed iteration budget, gives a solution the independent checker accepts with every
//! order served. The same sweep run through `freightsim solve` (100 iterations) caught a
//! solver schedule that dropped a service time when a float sum landed a hair past a
//! window's end (R102, R105, R207, R210; fixed by the solver's rounding-safe schedules).
//!
//! The instances live outside the repository: `$FREIGHTSIM_BENCH` (default
//! `<crate>/../shared/bench`); the test is skipped when they are absent, unless
//! `FREIGHTSIM_REQUIRE_DATA=1` (see `tests/common`).

use freightsim::instances::{self, solve_instance};
use freightsim::routing::SolveParams;
use std::path::PathBuf;

mod common;

fn all_instance_files() -> Option<Vec<PathBuf>> {
    let dir = common::shared_bench()?.join("instances");
    let mut files = Vec::new();
    for set in ["solomon", "cvrp_x", "hfvrp", "mtvrptwr"] {
        for entry in std::fs::read_dir(dir.join(set)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt" || e == "vrp") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn every_benchmark_instance_solves_feasibly_with_a_small_budget() {
    let Some(files) = all_instance_files() else {
        return;
    };
    assert_eq!(files.len(), 82);
    let params = SolveParams {
        seed: 1,
        max_iterations: Some(30),
        time_limit: None,
    };
    let mut rejected = Vec::new();
    for path in &files {
        let inst = instances::read(path, None).unwrap_or_else(|e| panic!("{e}"));
        let result =
            solve_instance(&inst, &params).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(result.solution.stats.iterations, 30);
        if !result.feasible {
            let first: Vec<String> = result
                .violations
                .iter()
                .take(3)
                .map(ToString::to_string)
                .collect();
            rejected.push(format!(
                "{} ({} unassigned required): {first:?}",
                inst.name, result.unassigned_required
            ));
        }
    }
    assert!(rejected.is_empty(), "{rejected:#?}");
}
