//! Hardening: inputs that once crashed freightsim or made it report wrong figures (issue 10),
//! each a test named for its case, as modules of one test binary.

#[path = "../common/mod.rs"]
mod common;

mod cli_output;
mod collapse_cases;
mod fuzz;
mod input_sizes;
mod messages;
mod network_invariant;
mod osm_decode;
mod osm_ranges;
mod readers;

use std::path::{Path, PathBuf};

/// Path of a file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
