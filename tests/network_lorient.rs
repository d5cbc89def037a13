//! The road network of the real Lorient centre extract (OSM, 2019). Facts checked here were
//! read from the data with osmium (see each test). The extract is read from
//! the embedded copy in `data/osm/`, its `.osm.gz` twin from `$FREIGHTSIM_DATA` (default
//! `../shared/data`; those tests are skipped when it is absent, see `tests/common`).

use freightsim::matrix::Router;
use freightsim::network::{
    Profile, ProfileNetwork, RoadNetwork, SnapParams, WayAccess, check, geojson::access_word,
};
use freightsim::osm::tag;
use freightsim::units::LonLat;

mod common;
fn lorient(path: &std::path::Path) -> RoadNetwork {
    let extract = freightsim::osm::read(path).expect("Lorient extract decodes");
    RoadNetwork::build(&extract).expect("Lorient network builds")
}

/// Directions in which `profile`'s graph travels the stretch `a → b` of a way (two
/// consecutive points of it): (from a to b, from b to a).
fn directions(net: &ProfileNetwork, a: LonLat, b: LonLat) -> (bool, bool) {
    let mut dirs = (false, false);
    for e in net.graph().raw_edges() {
        for w in e.weight.geometry.windows(2) {
            dirs.0 |= w[0] == a && w[1] == b;
            dirs.1 |= w[0] == b && w[1] == a;
        }
    }
    dirs
}

#[test]
fn provenance_drivable_ways_form_two_undirected_components() {
    // PROVENANCE.md: 406 drivable-class ways; treated as undirected they form 2 components
    // (1,420 and 4 junction nodes). Rebuild with exactly that rule: the smaller is dropped.
    let Some(path) = common::shared_data("lorient_centre_2019.osm.gz") else {
        return;
    };
    let extract = freightsim::osm::read(&path).unwrap();
    let drivable = [
        "motorway",
        "trunk",
        "primary",
        "secondary",
        "tertiary",
        "motorway_link",
        "trunk_link",
        "primary_link",
        "secondary_link",
        "tertiary_link",
        "unclassified",
        "residential",
        "service",
        "living_street",
        "road",
    ];
    let net = RoadNetwork::build_with(&extract, |_, tags: &[(String, String)]| {
        match tag(tags, "highway") {
            Some(h) if drivable.contains(&h) => WayAccess {
                forward: true,
                backward: true,
                speed_kmh: 30.0,
            },
            _ => WayAccess::CLOSED,
        }
    })
    .unwrap();
    let s = net.profile(Profile::Van).summary();
    assert_eq!(s.ways, 406);
    assert_eq!(s.dropped_components, 1);
    assert!(s.dropped_road_km < 0.5, "{}", s.dropped_road_km);
    assert_eq!(check(net.profile(Profile::Van)), Vec::<String>::new());
}

#[test]
fn van_network_size_is_in_the_expected_range() {
    let net = lorient(&common::embedded("lorient_centre_2019.osm.pbf"));
    for p in net.profiles() {
        assert_eq!(check(p), Vec::<String>::new(), "{}", p.profile());
    }
    let s = net.profile(Profile::Van).summary();
    // At most the 406 drivable-class ways, less private and restricted ones (seen: 370).
    assert!((340..=406).contains(&s.ways), "{}", s.ways);
    // Junction nodes after chain collapsing (seen: 480, 401 in the SCC).
    assert!((400..=600).contains(&s.nodes), "{}", s.nodes);
    assert!(
        s.scc_nodes * 10 >= s.nodes * 8,
        "{} of {}",
        s.scc_nodes,
        s.nodes
    );
    assert!((25.0..=45.0).contains(&s.scc_road_km), "{}", s.scc_road_km);
    assert!(
        s.dropped_components >= 1,
        "one-way streets leaving the bbox are dropped"
    );
    assert_eq!(s.nodes, s.scc_nodes + s.dropped_nodes);
    assert!((s.road_km - s.scc_road_km - s.dropped_road_km).abs() < 1e-9);
}

#[test]
fn one_way_streets_and_contraflow_as_tagged() {
    // Rue Gobert (way 24323241): oneway=yes, oneway:bicycle=no. Rue Rochambeau (24323229):
    // oneway=yes, no cycle tag.
    let net = lorient(&common::embedded("lorient_centre_2019.osm.pbf"));
    let seg = |id| net.segments().iter().find(|s| s.way_id == id).unwrap();
    let gobert = seg(24323241);
    assert_eq!(gobert.name.as_deref(), Some("Rue Gobert"));
    assert_eq!(access_word(gobert, Profile::Van), "forward");
    assert_eq!(access_word(gobert, Profile::Truck), "forward");
    assert_eq!(access_word(gobert, Profile::CargoBike), "both");
    let rochambeau = seg(24323229);
    assert_eq!(access_word(rochambeau, Profile::Van), "forward");
    assert_eq!(access_word(rochambeau, Profile::CargoBike), "forward");

    // In the graphs: vans only with the way, bikes both ways.
    let van = net.profile(Profile::Van);
    let bike = net.profile(Profile::CargoBike);
    let (a, b) = (gobert.geometry[0], gobert.geometry[1]);
    assert_eq!(directions(van, a, b), (true, false));
    assert_eq!(directions(bike, a, b), (true, true));
}

#[test]
fn pedestrian_street_closed_to_vans_open_to_cargo_bikes_where_tagged() {
    // Rue du Port (way 173783189): highway=pedestrian, bicycle=yes, 17 nodes.
    let net = lorient(&common::embedded("lorient_centre_2019.osm.pbf"));
    let port: Vec<_> = net
        .segments()
        .iter()
        .filter(|s| s.way_id == 173783189)
        .collect();
    assert!(!port.is_empty());
    for s in &port {
        assert_eq!(s.name.as_deref(), Some("Rue du Port"));
        assert_eq!(access_word(s, Profile::Van), "no");
        assert_eq!(access_word(s, Profile::Truck), "no");
        assert_eq!(access_word(s, Profile::CargoBike), "both");
    }
    let uses = |p: &ProfileNetwork| {
        p.graph()
            .raw_edges()
            .iter()
            .any(|e| e.weight.way_ids.contains(&173783189))
    };
    assert!(!uses(net.profile(Profile::Van)));
    assert!(uses(net.profile(Profile::CargoBike)));
}

#[test]
fn xml_and_pbf_give_identical_networks() {
    let Some(gz) = common::shared_data("lorient_centre_2019.osm.gz") else {
        return;
    };
    let xml = lorient(&gz);
    let pbf = lorient(&common::embedded("lorient_centre_2019.osm.pbf"));
    assert_eq!(xml.summaries(), pbf.summaries());
    assert_eq!(xml.segments(), pbf.segments());
    for (a, b) in xml.profiles().iter().zip(pbf.profiles()) {
        let nodes = |p: &ProfileNetwork| {
            p.graph()
                .raw_nodes()
                .iter()
                .map(|n| n.weight)
                .collect::<Vec<_>>()
        };
        let edges = |p: &ProfileNetwork| {
            p.graph()
                .raw_edges()
                .iter()
                .map(|e| (e.source(), e.target(), e.weight.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(nodes(a), nodes(b));
        assert_eq!(edges(a), edges(b));
    }
}

#[test]
fn van_matrix_is_finite_and_paths_match_it() {
    let net = lorient(&common::embedded("lorient_centre_2019.osm.pbf"));
    let van = net.profile(Profile::Van);
    // A 7 x 7 grid of points over the bbox of the extract's header.
    let points: Vec<LonLat> = (0..49)
        .map(|i| {
            LonLat::new(
                -3.3654 + 0.02 * (i % 7) as f64 / 6.0,
                47.743 + 0.0124 * (i / 7) as f64 / 6.0,
            )
        })
        .collect();
    let snaps = van.snap_all(&points, &SnapParams::default()).unwrap();
    // The eastern column lies over the port and the Scorff (up to about 660 m from a van
    // street); most points are within the 250 m snap distance.
    assert!(snaps.iter().all(|s| s.distance.0 < 800.0));
    assert!(snaps.iter().filter(|s| !s.far).count() >= 33);
    let router = Router::new(van);
    let m = router.matrix_for_snaps(&snaps);
    for i in 0..49 {
        for j in 0..49 {
            assert!(m.is_reachable(i, j), "SCC: every pair reachable ({i}, {j})");
            let direct = van
                .node(snaps[i].node)
                .position
                .haversine(van.node(snaps[j].node).position);
            assert!(
                m.distance(i, j).0 + 0.5 >= direct.0,
                "no path shorter than a straight line"
            );
        }
    }
    for (i, j) in [(0, 48), (48, 0), (10, 30)] {
        let route = router.route(snaps[i].node, snaps[j].node).unwrap();
        assert_eq!(route.distance, m.distance(i, j));
        assert_eq!(route.duration, m.duration(i, j));
        let along: f64 = route
            .polyline
            .windows(2)
            .map(|w| w[0].haversine(w[1]).0)
            .sum();
        assert!((along - route.distance.0).abs() < 0.01 * route.edges.len() as f64 + 0.01);
    }
}
