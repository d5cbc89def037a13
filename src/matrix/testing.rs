//! For this stage's unit tests: the road network of the embedded Lorient extract, read and
//! built once per test binary, and the snap limit the shipped scenarios use.

use crate::network::{RoadNetwork, SnapParams};
use crate::units::Meters;
use std::sync::OnceLock;

/// The network of `data/osm/lorient_centre_2019.osm.pbf`.
pub fn lorient() -> &'static RoadNetwork {
    static NETWORK: OnceLock<RoadNetwork> = OnceLock::new();
    NETWORK.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/osm/lorient_centre_2019.osm.pbf");
        let extract = crate::osm::read(&path).expect("embedded extract reads");
        RoadNetwork::build(&extract).expect("network builds")
    })
}

/// Snapping within 250 m, as the shipped scenarios do.
pub fn snap_params() -> SnapParams {
    SnapParams {
        max_snap_distance: Meters(250.0),
    }
}
