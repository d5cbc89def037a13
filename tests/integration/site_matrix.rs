//! A world's matrices held whole or computed on demand (`FREIGHTSIM_DENSE_SITES=0` forces
//! the on-demand form, which large extracts use), each day's matrix by per-row Dijkstra or on
//! the contraction hierarchy (`FREIGHTSIM_CH_ROOTS=0` puts every day on it): the outputs of
//! a run are the same, byte for byte.

use super::common::tests_path;
use std::path::Path;
use std::process::Command;

/// How a run computes its matrices.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Whole,
    /// On demand, every day's matrix by per-row Dijkstra.
    OnDemand,
    /// On demand, every day's matrix on the contraction hierarchy.
    Hierarchy,
}

fn simulate(scenario: &Path, out: &Path, days: &str, form: Form) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_freightsim"));
    cmd.args([
        "simulate",
        scenario.to_str().unwrap(),
        "--days",
        days,
        "--out",
    ])
    .arg(out);
    match form {
        Form::Whole => cmd.env_remove("FREIGHTSIM_DENSE_SITES"),
        Form::OnDemand => cmd
            .env("FREIGHTSIM_DENSE_SITES", "0")
            .env("FREIGHTSIM_CH_ROOTS", "1000000000"),
        Form::Hierarchy => cmd
            .env("FREIGHTSIM_DENSE_SITES", "0")
            .env("FREIGHTSIM_CH_ROOTS", "0"),
    };
    let o = cmd.output().expect("freightsim runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn same_files(a: &Path, b: &Path) {
    let mut names: Vec<_> = std::fs::read_dir(a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 6, "a run writes its outputs: {names:?}");
    for f in names {
        let (x, y) = (
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
        );
        assert!(
            x == y,
            "{f:?} differs between the whole and the on-demand matrices"
        );
    }
}

#[test]
fn tiny_town_on_demand_writes_the_golden_outputs() {
    for form in [Form::OnDemand, Form::Hierarchy] {
        tiny_town_golden(form);
    }
}

fn tiny_town_golden(form: Form) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("od");
    simulate(&tests_path("scenarios/tiny_town.toml"), &out, "7", form);
    let golden = tests_path("golden/tiny_town");
    for f in [
        "summary.json",
        "days.csv",
        "trips.csv",
        "orders.csv",
        "routes.geojson",
    ] {
        let (x, y) = (
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(golden.join(f)).unwrap(),
        );
        assert!(
            x == y,
            "{f} differs from the golden file with on-demand matrices"
        );
    }
}

/// The centre scenario has zones (closed networks), a centre reached through access streets
/// and three carriers: every matrix lookup the day loop makes.
#[test]
fn a_centre_scenario_gives_the_same_outputs_either_way() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/lorient-ucc.toml");
    let (whole, lazy, ch) = (
        dir.path().join("whole"),
        dir.path().join("lazy"),
        dir.path().join("ch"),
    );
    simulate(&scenario, &whole, "7", Form::Whole);
    simulate(&scenario, &lazy, "7", Form::OnDemand);
    simulate(&scenario, &ch, "7", Form::Hierarchy);
    same_files(&whole, &lazy);
    same_files(&whole, &ch);
}
