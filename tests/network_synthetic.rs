//! Graph building on small hand-made extracts, with a simple access rule defined here so the
//! graph mechanics are tested apart from the real tag tables.

use freightsim::matrix::Router;
use freightsim::network::{
    NetworkError, Profile, RoadNetwork, SnapParams, WayAccess, check, write_geojson,
};
use freightsim::osm::{NodePositions, OsmExtract, RoadWay, tag};
use freightsim::units::{LonLat, Meters};

const M_PER_DEG_LAT: f64 = 111_195.0;

/// A position `x` metres east and `y` metres north of a point in Lorient.
fn at(x: f64, y: f64) -> LonLat {
    let lat0: f64 = 47.75;
    LonLat::new(
        -3.36 + x / (M_PER_DEG_LAT * lat0.to_radians().cos()),
        lat0 + y / M_PER_DEG_LAT,
    )
}

/// A way: id, node ids, tags.
type Way<'a> = (i64, &'a [i64], &'a [(&'a str, &'a str)]);

fn extract(nodes: &[(i64, f64, f64)], ways: &[Way]) -> OsmExtract {
    OsmExtract {
        roads: ways
            .iter()
            .map(|(id, nodes, tags)| {
                let mut tags: Vec<(String, String)> = tags
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                tags.sort();
                RoadWay {
                    id: *id,
                    nodes: nodes.to_vec(),
                    tags,
                }
            })
            .collect(),
        nodes: NodePositions::from_pairs(
            nodes.iter().map(|(id, x, y)| (*id, at(*x, *y))).collect(),
        ),
        features: Vec::new(),
        land_use: Vec::new(),
    }
}

/// Test rule: pedestrian streets closed to motors (bikes only with bicycle=yes), `oneway=yes`
/// for all but bikes with `oneway:bicycle=no`, `hgv=no` closes trucks. Van 36 km/h (10 m/s),
/// truck 18 km/h, bike 14.4 km/h.
fn rule(profile: Profile, tags: &[(String, String)]) -> WayAccess {
    let Some(highway) = tag(tags, "highway") else {
        return WayAccess::CLOSED;
    };
    let bike = profile == Profile::CargoBike;
    if highway == "pedestrian" && !(bike && tag(tags, "bicycle") == Some("yes")) {
        return WayAccess::CLOSED;
    }
    if profile == Profile::Truck && tag(tags, "hgv") == Some("no") {
        return WayAccess::CLOSED;
    }
    let oneway =
        tag(tags, "oneway") == Some("yes") && !(bike && tag(tags, "oneway:bicycle") == Some("no"));
    WayAccess {
        forward: true,
        backward: !oneway,
        speed_kmh: match profile {
            Profile::Van => 36.0,
            Profile::Truck => 18.0,
            Profile::CargoBike => 14.4,
        },
    }
}

/// A 100 m square 1-2-3-4 (two-way except the one-way street 1→2, with bike contraflow),
/// a pedestrian street 3-5 with bicycle=yes, a truck-banned street 4-6, dead ends 1-0 and 2-9
/// going south (so 1 and 2 are junctions for every profile), and an isolated street 7-8.
fn town() -> OsmExtract {
    extract(
        &[
            (1, 0.0, 0.0),
            (2, 100.0, 0.0),
            (3, 100.0, 100.0),
            (4, 0.0, 100.0),
            (5, 200.0, 100.0),
            (6, 0.0, 200.0),
            (7, 5000.0, 0.0),
            (8, 5100.0, 0.0),
            (0, 0.0, -100.0),
            (9, 100.0, -100.0),
        ],
        &[
            (
                10,
                &[1, 2],
                &[
                    ("highway", "residential"),
                    ("oneway", "yes"),
                    ("oneway:bicycle", "no"),
                ],
            ),
            (
                11,
                &[2, 3, 4, 1],
                &[("highway", "residential"), ("name", "Rue Carrée")],
            ),
            (
                12,
                &[3, 5],
                &[("highway", "pedestrian"), ("bicycle", "yes")],
            ),
            (13, &[4, 6], &[("highway", "residential"), ("hgv", "no")]),
            (14, &[7, 8], &[("highway", "residential")]),
            (15, &[1, 0], &[("highway", "service")]),
            (16, &[2, 9], &[("highway", "service")]),
        ],
    )
}

fn node(net: &freightsim::network::ProfileNetwork, osm: i64) -> petgraph::graph::NodeIndex {
    net.node_by_osm_id(osm)
        .unwrap_or_else(|| panic!("node {osm} kept"))
}

#[test]
fn every_profile_network_passes_the_checker() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    for p in network.profiles() {
        assert_eq!(check(p), Vec::<String>::new(), "{}", p.profile());
    }
}

#[test]
fn one_way_street_gives_an_asymmetric_van_matrix() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let van = network.profile(Profile::Van);
    let router = Router::new(van);
    let m = router.matrix(&[node(van, 1), node(van, 2)]);
    assert!(
        (m.distance(0, 1).0 - 100.0).abs() < 0.5,
        "{:?}",
        m.distance(0, 1)
    );
    // 2 → 1 must go round the square: 300 m at 10 m/s.
    assert!(
        (m.distance(1, 0).0 - 300.0).abs() < 1.5,
        "{:?}",
        m.distance(1, 0)
    );
    assert!(
        (m.duration(1, 0).0 - 30.0).abs() < 0.2,
        "{:?}",
        m.duration(1, 0)
    );
    assert_eq!(m.distance(0, 0), Meters(0.0));
}

#[test]
fn bike_contraflow_makes_the_one_way_street_two_way_for_bikes() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let bike = network.profile(Profile::CargoBike);
    let m = Router::new(bike).matrix(&[node(bike, 1), node(bike, 2)]);
    assert!(
        (m.distance(1, 0).0 - 100.0).abs() < 0.5,
        "{:?}",
        m.distance(1, 0)
    );
    assert!(
        (m.duration(1, 0).0 - 25.0).abs() < 0.1,
        "{:?}",
        m.duration(1, 0)
    );
}

#[test]
fn truck_ban_and_pedestrian_street_shape_each_profile() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let (van, truck, bike) = (
        network.profile(Profile::Van),
        network.profile(Profile::Truck),
        network.profile(Profile::CargoBike),
    );
    // Way counts: van lacks the pedestrian street; truck also the hgv=no street.
    assert_eq!(van.summary().ways, 6);
    assert_eq!(truck.summary().ways, 5);
    assert_eq!(bike.summary().ways, 7);
    assert!(
        van.node_by_osm_id(5).is_none(),
        "pedestrian street end is not a van node"
    );
    assert!(
        bike.node_by_osm_id(5).is_some(),
        "bicycle=yes opens it to bikes"
    );
    assert!(van.node_by_osm_id(6).is_some());
    assert!(
        truck.node_by_osm_id(6).is_none(),
        "hgv=no closes it to trucks"
    );
}

#[test]
fn disconnected_piece_is_dropped_and_reported() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let s = network.profile(Profile::Van).summary();
    assert_eq!(s.dropped_components, 1);
    assert_eq!(s.dropped_nodes, 2);
    assert_eq!(s.dropped_edges, 2);
    assert!(
        (s.dropped_road_km - 0.1).abs() < 0.001,
        "{}",
        s.dropped_road_km
    );
    assert_eq!(s.nodes, s.scc_nodes + 2);
    // Square 400 m + streets 4-6, 1-0, 2-9 (100 m each) kept, each street counted once.
    assert!((s.scc_road_km - 0.7).abs() < 0.002, "{}", s.scc_road_km);
    assert!((s.road_km - 0.8).abs() < 0.002, "{}", s.road_km);
    assert!(network.profile(Profile::Van).node_by_osm_id(7).is_none());
}

#[test]
fn chains_collapse_into_one_edge_with_the_whole_geometry() {
    // A bent street in three ways joined end to end (20-21-22, 22-23, 23-24-25), plus a
    // side street at 25 so the far end is a junction with a loop back.
    let e = extract(
        &[
            (20, 0.0, 0.0),
            (21, 50.0, 10.0),
            (22, 100.0, 0.0),
            (23, 150.0, 20.0),
            (24, 200.0, 0.0),
            (25, 250.0, 0.0),
        ],
        &[
            (1, &[20, 21, 22], &[("highway", "residential")]),
            (2, &[22, 23], &[("highway", "residential")]),
            (3, &[23, 24, 25], &[("highway", "residential")]),
        ],
    );
    let network = RoadNetwork::build_with(&e, rule).unwrap();
    let van = network.profile(Profile::Van);
    assert_eq!(van.node_count(), 2, "only the two ends remain");
    assert_eq!(van.edge_count(), 2, "one edge per direction");
    let points: Vec<LonLat> = [20, 21, 22, 23, 24, 25]
        .iter()
        .map(|id| e.nodes.position(*id).unwrap())
        .collect();
    let total: f64 = points.windows(2).map(|w| w[0].haversine(w[1]).0).sum();
    let edge = &van.graph().raw_edges()[0].weight;
    assert!(
        (edge.length.0 - total).abs() < 1e-6,
        "{} vs {total}",
        edge.length.0
    );
    assert_eq!(edge.geometry.len(), 6);
    assert_eq!(edge.way_ids.len(), 3);
    assert!((van.summary().road_km * 1000.0 - total).abs() < 1e-6);
    // The segments (GeoJSON features) stay one per way.
    assert_eq!(network.segments().len(), 3);
    assert_eq!(check(van), Vec::<String>::new());
}

#[test]
fn collapsing_keeps_a_node_where_direction_changes() {
    // Loop: 30 -> 31 one-way (way 1), 31 - 32 two-way (way 2), 32 - 30 two-way (way 3).
    let e = extract(
        &[(30, 0.0, 0.0), (31, 100.0, 0.0), (32, 50.0, 80.0)],
        &[
            (
                1,
                &[30, 31],
                &[("highway", "residential"), ("oneway", "yes")],
            ),
            (2, &[31, 32], &[("highway", "residential")]),
            (3, &[32, 30], &[("highway", "residential")]),
        ],
    );
    let network = RoadNetwork::build_with(&e, rule).unwrap();
    let van = network.profile(Profile::Van);
    // 31 and 30 join a one-way to a two-way stretch: kept. 32 is a plain two-way bend.
    assert!(van.node_by_osm_id(30).is_some() && van.node_by_osm_id(31).is_some());
    assert!(van.node_by_osm_id(32).is_none());
    assert_eq!(van.edge_count(), 3);
    let m = Router::new(van).matrix(&[node(van, 30), node(van, 31)]);
    assert!((m.distance(0, 1).0 - 100.0).abs() < 0.5);
    assert!(m.distance(1, 0).0 > 180.0);
}

#[test]
fn isolated_loop_keeps_one_node() {
    // A closed way with no junction but its own ends (a roundabout alone in the extract).
    let e = extract(
        &[
            (40, 0.0, 0.0),
            (41, 50.0, 0.0),
            (42, 50.0, 50.0),
            (43, 0.0, 50.0),
        ],
        &[(
            1,
            &[40, 41, 42, 43, 40],
            &[("highway", "residential"), ("oneway", "yes")],
        )],
    );
    let network = RoadNetwork::build_with(&e, rule).unwrap();
    let van = network.profile(Profile::Van);
    assert_eq!(van.node_count(), 1);
    assert_eq!(van.edge_count(), 1);
    assert!((van.graph().raw_edges()[0].weight.length.0 - 200.0).abs() < 0.5);
    assert_eq!(check(van), Vec::<String>::new());
}

#[test]
fn far_point_snap_is_flagged_not_an_error() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let van = network.profile(Profile::Van);
    let params = SnapParams::default();
    // 30 m north of the middle of street 1-2: lands on it, nearer to node... either end.
    let near = van.snap(at(40.0, -30.0), &params).unwrap();
    assert!((near.distance.0 - 30.0).abs() < 0.5, "{:?}", near.distance);
    assert!(!near.far);
    assert_eq!(near.node, node(van, 1));
    assert!(
        (near.along_road.0 - 40.0).abs() < 0.5,
        "{:?}",
        near.along_road
    );
    // 1 km south: flagged, still snapped (to a dead end 100 m south of the square).
    let far = van.snap(at(50.0, -1000.0), &params).unwrap();
    assert!(far.far);
    assert!((far.distance.0 - 901.4).abs() < 2.0, "{:?}", far.distance);
    // The isolated street (dropped) is never a snap target, even right next to it.
    let island = van.snap(at(5050.0, 1.0), &params).unwrap();
    assert!(island.far);
    assert!(matches!(
        van.snap(LonLat::new(f64::NAN, 47.0), &params),
        Err(NetworkError::InvalidPoint { index: 0, .. })
    ));
}

#[test]
fn route_polyline_follows_the_streets() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let van = network.profile(Profile::Van);
    let router = Router::new(van);
    let route = router.route(node(van, 2), node(van, 1)).unwrap();
    let length: f64 = route
        .polyline
        .windows(2)
        .map(|w| w[0].haversine(w[1]).0)
        .sum();
    assert!(
        (length - route.distance.0).abs() < 0.05,
        "{length} vs {:?}",
        route.distance
    );
    assert_eq!(route.polyline[0], van.node(node(van, 2)).position);
    assert_eq!(
        *route.polyline.last().unwrap(),
        van.node(node(van, 1)).position
    );
    assert_eq!(route.polyline.len(), 4, "2 → 3 → 4 → 1 along the square");
}

#[test]
fn van_without_roads_is_an_error_other_profiles_warn() {
    let only_pedestrian = extract(
        &[(1, 0.0, 0.0), (2, 100.0, 0.0)],
        &[(1, &[1, 2], &[("highway", "pedestrian"), ("bicycle", "yes")])],
    );
    let err = RoadNetwork::build_with(&only_pedestrian, rule).unwrap_err();
    assert!(matches!(
        err,
        NetworkError::NoRoads {
            profile: Profile::Van,
            ways: 1,
            ..
        }
    ));
    assert!(err.to_string().contains("osmium extract"), "{err}");
    let err: freightsim::Error = err.into();
    assert_eq!(err.exit_code(), 2);

    let no_trucks = extract(
        &[(1, 0.0, 0.0), (2, 100.0, 0.0)],
        &[(1, &[1, 2], &[("highway", "residential"), ("hgv", "no")])],
    );
    let network = RoadNetwork::build_with(&no_trucks, rule).unwrap();
    let truck = network.profile(Profile::Truck);
    assert_eq!(truck.node_count(), 0);
    assert!(
        truck
            .summary()
            .warning
            .as_deref()
            .unwrap()
            .contains("truck")
    );
    assert!(matches!(
        truck.snap(at(0.0, 0.0), &SnapParams::default()),
        Err(NetworkError::EmptyProfile {
            profile: Profile::Truck
        })
    ));
}

#[test]
fn missing_node_breaks_a_way_without_failing() {
    // Node 3 has no position (cut by the bounding box).
    let e = extract(
        &[
            (1, 0.0, 0.0),
            (2, 100.0, 0.0),
            (4, 300.0, 0.0),
            (5, 400.0, 0.0),
        ],
        &[(1, &[1, 2, 3, 4, 5], &[("highway", "residential")])],
    );
    let network = RoadNetwork::build_with(&e, rule).unwrap();
    assert_eq!(network.segments().len(), 2);
    let s = network.profile(Profile::Van).summary();
    assert_eq!((s.nodes, s.scc_nodes, s.dropped_components), (4, 2, 1));
}

#[test]
fn geojson_has_one_feature_per_segment_with_access_words() {
    let network = RoadNetwork::build_with(&town(), rule).unwrap();
    let mut out = Vec::new();
    write_geojson(&network, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), network.segments().len());
    let one_way = features
        .iter()
        .find(|f| f["properties"]["osm_way_id"] == 10)
        .unwrap();
    assert_eq!(one_way["properties"]["van"], "forward");
    assert_eq!(one_way["properties"]["cargo_bike"], "both");
    assert_eq!(one_way["properties"]["van_speed_kmh"], 36.0);
    assert_eq!(one_way["geometry"]["type"], "LineString");
    let pedestrian = features
        .iter()
        .find(|f| f["properties"]["osm_way_id"] == 12)
        .unwrap();
    assert_eq!(pedestrian["properties"]["van"], "no");
    assert!(pedestrian["properties"]["van_speed_kmh"].is_null());
    let length = pedestrian["properties"]["length_m"].as_f64().unwrap();
    assert!((length - 100.0).abs() < 0.5);
}

#[test]
fn real_tag_tables_give_the_same_shapes() {
    // The same town with the project's access tables instead of the test rule.
    let network = RoadNetwork::build(&town()).unwrap();
    let (van, truck, bike) = (
        network.profile(Profile::Van),
        network.profile(Profile::Truck),
        network.profile(Profile::CargoBike),
    );
    for p in network.profiles() {
        assert_eq!(check(p), Vec::<String>::new(), "{}", p.profile());
    }
    let m = Router::new(van).matrix(&[node(van, 1), node(van, 2)]);
    assert!((m.distance(0, 1).0 - 100.0).abs() < 0.5);
    assert!((m.distance(1, 0).0 - 300.0).abs() < 1.5, "one-way for vans");
    let m = Router::new(bike).matrix(&[node(bike, 1), node(bike, 2)]);
    assert!(
        (m.distance(1, 0).0 - 100.0).abs() < 0.5,
        "oneway:bicycle=no contraflow"
    );
    assert!(van.node_by_osm_id(5).is_none() && bike.node_by_osm_id(5).is_some());
    assert!(van.node_by_osm_id(6).is_some() && truck.node_by_osm_id(6).is_none());

    let no_bikes = extract(
        &[(1, 0.0, 0.0), (2, 100.0, 0.0), (3, 200.0, 0.0)],
        &[
            (1, &[1, 2], &[("highway", "residential")]),
            (2, &[2, 3], &[("highway", "pedestrian"), ("bicycle", "no")]),
        ],
    );
    let network = RoadNetwork::build(&no_bikes).unwrap();
    assert_eq!(network.profile(Profile::CargoBike).summary().ways, 1);
}
