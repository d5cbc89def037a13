//! The network of the osm stage's tiny fixtures (tests/fixtures, see its README), read as
//! both `.osm` and `.osm.pbf`, with the project's access tables.
//!
//! Chain collapsing removes corner nodes, so direction facts are checked on edge geometry
//! (does some edge go straight from node a's position to node b's) and distances between
//! nodes that stay junctions or dead ends.

use freightsim::matrix::Router;
use freightsim::network::{Profile, ProfileNetwork, RoadNetwork, check};
use freightsim::osm::OsmExtract;
use petgraph::graph::NodeIndex;
use std::path::PathBuf;

fn fixture(name: &str) -> (OsmExtract, RoadNetwork) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let xml = freightsim::osm::read(&dir.join(format!("{name}.osm"))).unwrap();
    let pbf = freightsim::osm::read(&dir.join(format!("{name}.osm.pbf"))).unwrap();
    let a = RoadNetwork::build(&xml).unwrap();
    let b = RoadNetwork::build(&pbf).unwrap();
    assert_eq!(a.summaries(), b.summaries(), "{name}: XML and PBF differ");
    assert_eq!(a.segments(), b.segments(), "{name}: XML and PBF differ");
    for p in a.profiles() {
        assert_eq!(check(p), Vec::<String>::new(), "{name} {}", p.profile());
    }
    (xml, a)
}

/// Whether `net` has an edge going straight from OSM node `a`'s position to node `b`'s.
fn travels(extract: &OsmExtract, net: &ProfileNetwork, a: i64, b: i64) -> bool {
    let (pa, pb) = (
        extract.nodes.position(a).unwrap(),
        extract.nodes.position(b).unwrap(),
    );
    net.graph().raw_edges().iter().any(|e| {
        e.weight
            .geometry
            .windows(2)
            .any(|w| w[0] == pa && w[1] == pb)
    })
}

fn node(net: &ProfileNetwork, osm: i64) -> NodeIndex {
    net.node_by_osm_id(osm)
        .unwrap_or_else(|| panic!("{} keeps node {osm}", net.profile()))
}

#[test]
fn oneway_street() {
    let (e, net) = fixture("oneway_street");
    let van = net.profile(Profile::Van);
    assert!(travels(&e, van, 1, 2) && !travels(&e, van, 2, 1));
    assert!(travels(&e, van, 2, 3) && travels(&e, van, 3, 2));
    // 1 and 2 join the one-way street to two-way ones: junctions for the van.
    let m = Router::new(van).matrix(&[node(van, 1), node(van, 2)]);
    let (go, back) = (m.distance(0, 1).0, m.distance(1, 0).0);
    assert!(back > 2.5 * go, "2→1 goes round the loop: {go} vs {back}");
}

#[test]
fn bike_contraflow() {
    let (e, net) = fixture("bike_contraflow");
    let (van, bike) = (net.profile(Profile::Van), net.profile(Profile::CargoBike));
    for (a, b) in [(1, 2), (2, 3)] {
        assert!(
            travels(&e, van, a, b) && !travels(&e, van, b, a),
            "van {a}-{b}"
        );
        assert!(
            travels(&e, bike, a, b) && travels(&e, bike, b, a),
            "bike {a}-{b}"
        );
    }
}

#[test]
fn truck_ban() {
    let (e, net) = fixture("truck_ban");
    let truck = net.profile(Profile::Truck);
    assert!(
        truck.node_by_osm_id(2).is_none(),
        "node 2 is out of a truck's reach"
    );
    assert!(!travels(&e, truck, 1, 2) && !travels(&e, truck, 2, 3) && !travels(&e, truck, 2, 5));
    assert!(travels(&e, net.profile(Profile::Van), 1, 2));
    // The truck's network is the northern detour 1-4-5-6-3, with dead ends 1 and 3.
    let m = Router::new(truck).matrix(&[node(truck, 1), node(truck, 3)]);
    let direct = e
        .nodes
        .position(1)
        .unwrap()
        .haversine(e.nodes.position(3).unwrap())
        .0;
    assert!(
        m.distance(0, 1).0 > direct + 140.0,
        "{:?} vs {direct}",
        m.distance(0, 1)
    );
}

#[test]
fn pedestrian_bicycle() {
    let (e, net) = fixture("pedestrian_bicycle");
    let (van, bike) = (net.profile(Profile::Van), net.profile(Profile::CargoBike));
    assert!(
        !travels(&e, van, 1, 2) && !travels(&e, van, 2, 1),
        "pedestrian: no vans"
    );
    assert!(
        travels(&e, bike, 1, 2) && travels(&e, bike, 2, 1),
        "bicycle=yes"
    );
    assert!(
        van.graph()
            .raw_edges()
            .iter()
            .all(|e| !e.weight.way_ids.contains(&40))
    );
}

#[test]
fn disconnected_piece() {
    let (_, net) = fixture("disconnected_piece");
    let van = net.profile(Profile::Van);
    let s = van.summary();
    assert_eq!(s.dropped_components, 1);
    assert_eq!(s.dropped_nodes, 2);
    assert_eq!(s.dropped_edges, 2);
    // The loop collapses to a single node: largest by road length, not by node count.
    assert_eq!(s.scc_nodes, 1);
    assert!(van.node_by_osm_id(5).is_none() && van.node_by_osm_id(6).is_none());
    assert!(s.scc_road_km > s.dropped_road_km * 2.0);
}
