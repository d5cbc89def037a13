//! Issue 10, case 6: chain collapsing never merges stretches whose directions differ.

use super::fixture;
use freightsim::network::{Profile, RoadNetwork};

/// A two-way stub 1-2 meeting a one-way loop 2 → 3 → 4 (way 11) → 5 → 2 (way 12): node 2,
/// where directions change, stays; node 4, the middle of the one-way loop, goes. Once node 2
/// was collapsed (it looked like the middle of a two-way chain 1 ↔ 2 ↔ 4), leaving 2 edges
/// and counting the stub twice (0.4175 km).
#[test]
fn turning_loop_keeps_its_junction_and_counts_the_stub_once() {
    for name in ["turning_loop.osm", "turning_loop.osm.pbf"] {
        let extract = freightsim::osm::read(&fixture(name)).unwrap();
        let network = RoadNetwork::build(&extract).unwrap();
        let van = network.profile(Profile::Van);
        let summary = van.summary();
        assert_eq!((summary.nodes, summary.edges), (2, 3), "{name}");
        assert!(
            (summary.road_km - 0.3427).abs() < 5e-5,
            "{name}: {}",
            summary.road_km
        );
        let segments_km: f64 = network.segments().iter().map(|s| s.length.km()).sum();
        assert!((summary.road_km - segments_km).abs() < 1e-9, "{name}");
        assert!(van.node_by_osm_id(2).is_some() && van.node_by_osm_id(4).is_none());
        assert!(freightsim::network::check(van).is_empty());
    }
}
