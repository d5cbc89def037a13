//! Shared by the tests that read map extracts and benchmark instances.
//!
//! Two kinds of inputs:
//! - the Lorient extract and commune polygon embedded in `data/osm/` (always there: tests on
//!   them run on a bare clone);
//! - the shared directories beside the project, `$FREIGHTSIM_DATA` (default
//!   `<crate>/../shared/data`) and `$FREIGHTSIM_BENCH` (default `<crate>/../shared/bench`).
//!   A test that needs one that is absent prints one line saying what to set and returns
//!   (it is skipped), unless `FREIGHTSIM_REQUIRE_DATA=1`, which CI sets: then it fails.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Path of `name` in the embedded map data, `data/osm/` (committed with the project).
pub fn embedded(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/osm")
        .join(name);
    assert!(path.exists(), "embedded data {} is missing", path.display());
    path
}

/// Whether a missing shared input must fail the test (`FREIGHTSIM_REQUIRE_DATA=1`).
pub fn data_required() -> bool {
    std::env::var_os("FREIGHTSIM_REQUIRE_DATA").is_some_and(|v| v == "1")
}

fn shared_dir(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(default),
        |v: OsString| PathBuf::from(v),
    )
}

/// `path` when it exists; otherwise the test is skipped with one printed line naming the
/// variable to set (or fails when `FREIGHTSIM_REQUIRE_DATA=1`).
fn present_or_skip(path: PathBuf, var: &str, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    assert!(
        !data_required(),
        "missing {what} {} (FREIGHTSIM_REQUIRE_DATA=1): set {var} to the directory holding it",
        path.display()
    );
    // Written to stderr directly, not with `eprintln!`, which the test harness captures: the
    // line shows in every run.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: no {what} at {}; set {var} to run it",
        path.display()
    );
    None
}

/// Path of `name` in the shared data directory (`$FREIGHTSIM_DATA`, default
/// `<crate>/../shared/data`), or `None` after printing a skip line when it is absent.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = shared_dir("FREIGHTSIM_DATA", "../shared/data");
    present_or_skip(dir.join(name), "FREIGHTSIM_DATA", "shared data")
}

/// The shared benchmark directory (`$FREIGHTSIM_BENCH`, default `<crate>/../shared/bench`)
/// when its `instances/` is there, or `None` after printing a skip line.
pub fn shared_bench() -> Option<PathBuf> {
    let dir = shared_dir("FREIGHTSIM_BENCH", "../shared/bench");
    present_or_skip(
        dir.join("instances"),
        "FREIGHTSIM_BENCH",
        "benchmark instances",
    )?;
    Some(dir)
}

/// The shared benchmark directory when present, without skipping or failing (for tests
/// that only add its files to their seeds).
pub fn shared_bench_if_present() -> Option<PathBuf> {
    let dir = shared_dir("FREIGHTSIM_BENCH", "../shared/bench");
    dir.join("instances").is_dir().then_some(dir)
}
