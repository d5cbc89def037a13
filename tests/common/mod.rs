//! Shared by the integration tests that read the real extracts.

use std::path::PathBuf;

/// Path of `name` in the shared data directory: `$FREIGHTSIM_DATA`, or
/// `<crate>/../shared/data` when unset. A missing file fails the test (it never passes
/// silently) with a message saying how to point at the data.
pub fn data_path(name: &str) -> PathBuf {
    let dir = std::env::var_os("FREIGHTSIM_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    );
    let path = dir.join(name);
    assert!(
        path.exists(),
        "missing test data {}: set FREIGHTSIM_DATA to the directory holding the shared OSM \
         extracts (see ../shared/data/PROVENANCE.md)",
        path.display()
    );
    path
}
