//! The hand-written fixtures in `tests/fixtures/`: each `.osm` and its `.osm.pbf` twin (made
//! with `osmium cat`) decode to the same extract, with the roads, nodes and features the
//! README describes.

use freightsim::osm::{self, DecodeReport, OsmExtract, OsmFormat, OsmId};
use freightsim::units::LonLat;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Decodes both twins of a fixture, checks they agree, and returns the PBF's result.
fn read_twins(name: &str) -> (OsmExtract, DecodeReport) {
    let (xml, xml_report) = osm::read_with_report(&fixture(&format!("{name}.osm"))).unwrap();
    let (pbf, pbf_report) = osm::read_with_report(&fixture(&format!("{name}.osm.pbf"))).unwrap();
    assert_eq!(xml_report.format, OsmFormat::Xml);
    assert_eq!(pbf_report.format, OsmFormat::Pbf);
    assert_eq!(xml, pbf, "{name}: XML and PBF twins differ");
    assert_eq!(
        DecodeReport {
            format: OsmFormat::Pbf,
            ..xml_report
        },
        pbf_report,
        "{name}: reports differ"
    );
    (pbf, pbf_report)
}

fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn road_ids(extract: &OsmExtract) -> Vec<i64> {
    extract.roads.iter().map(|r| r.id).collect()
}

fn road(extract: &OsmExtract, id: i64) -> &osm::RoadWay {
    extract.roads.iter().find(|r| r.id == id).unwrap()
}

#[test]
fn oneway_street() {
    let (e, report) = read_twins("oneway_street");
    assert_eq!(road_ids(&e), [10, 11, 12, 13]);
    assert_eq!(e.nodes.len(), 4);
    assert!(e.features.is_empty());
    let oneway = road(&e, 10);
    assert_eq!(oneway.nodes, [1, 2]);
    assert_eq!(
        oneway.tags,
        tags(&[
            ("highway", "residential"),
            ("name", "Rue à Sens Unique"),
            ("oneway", "yes")
        ])
    );
    assert_eq!(e.nodes.position(3), Some(LonLat::new(-3.359, 47.7507)));
    assert_eq!(report, DecodeReport::new(OsmFormat::Pbf));
}

#[test]
fn bike_contraflow() {
    let (e, _) = read_twins("bike_contraflow");
    assert_eq!(road_ids(&e), [20, 21, 22, 23, 24, 25]);
    assert_eq!(e.nodes.len(), 6);
    assert_eq!(
        road(&e, 20).tags,
        tags(&[
            ("highway", "residential"),
            ("name", "Rue du Double Sens Cyclable"),
            ("oneway", "yes"),
            ("oneway:bicycle", "no")
        ])
    );
    assert_eq!(
        osm::tag(&road(&e, 21).tags, "cycleway"),
        Some("opposite_lane")
    );
    assert_eq!(road(&e, 22).nodes, [4, 5, 6]);
}

#[test]
fn truck_ban() {
    let (e, _) = read_twins("truck_ban");
    assert_eq!(road_ids(&e), [30, 31, 32, 33, 34, 35]);
    assert_eq!(e.nodes.len(), 6);
    assert_eq!(osm::tag(&road(&e, 30).tags, "hgv"), Some("no"));
    assert_eq!(osm::tag(&road(&e, 31).tags, "maxweight"), Some("3.5"));
    assert_eq!(
        road(&e, 32).tags,
        tags(&[
            ("highway", "residential"),
            ("maxheight", "3"),
            ("name", "Passage sous Voûte")
        ])
    );
    assert_eq!(osm::tag(&road(&e, 33).tags, "highway"), Some("tertiary"));
}

#[test]
fn pedestrian_bicycle() {
    let (e, _) = read_twins("pedestrian_bicycle");
    assert_eq!(road_ids(&e), [40, 41, 42, 43, 44]);
    assert_eq!(e.nodes.len(), 6);
    assert_eq!(
        road(&e, 40).tags,
        tags(&[
            ("bicycle", "yes"),
            ("highway", "pedestrian"),
            ("name", "Rue Piétonne Cyclable")
        ])
    );
    assert_eq!(osm::tag(&road(&e, 41).tags, "bicycle"), None);
    assert_eq!(osm::tag(&road(&e, 42).tags, "highway"), Some("footway"));
}

#[test]
fn disconnected_piece() {
    let (e, _) = read_twins("disconnected_piece");
    assert_eq!(road_ids(&e), [50, 51, 52, 53, 54]);
    assert_eq!(e.nodes.len(), 6);
    assert_eq!(road(&e, 54).nodes, [5, 6]);
    // The piece shares no node with the loop.
    for loop_way in &e.roads[..4] {
        assert!(loop_way.nodes.iter().all(|n| *n <= 4));
    }
}

#[test]
fn shops_and_buildings() {
    let (e, report) = read_twins("shops_and_buildings");
    assert_eq!(road_ids(&e), [60]);
    // Only the street's nodes are kept, not those of buildings or of the tree.
    assert_eq!(e.nodes.len(), 2);
    assert_eq!(e.nodes.position(110), None);
    let ids: Vec<OsmId> = e.features.iter().map(|f| f.id).collect();
    use OsmId::{Node, Way};
    assert_eq!(
        ids,
        [
            Node(100),
            Node(101),
            Node(102),
            Node(103),
            Node(104),
            Way(61),
            Way(62),
            Way(63)
        ]
    );
    let bakery = &e.features[0];
    assert_eq!(bakery.location, LonLat::new(-3.3595, 47.7501));
    assert_eq!(bakery.footprint_m2, None);
    assert_eq!(
        bakery.tags,
        tags(&[("name", "Boulangerie & Pâtisserie"), ("shop", "bakery")])
    );
    // Closed ways: polygon centroid and area (expected values from the equirectangular
    // formula: 0.0002° x 0.0001° at 47.75025° N is 166.27 m²; 0.0004° x 0.0002° is 665.07 m²).
    let house = &e.features[5];
    assert!((house.footprint_m2.unwrap() - 166.267).abs() < 0.01);
    assert!((house.location.lon - -3.3599).abs() < 1e-9);
    assert!((house.location.lat - 47.75025).abs() < 1e-9);
    let supermarket = &e.features[6];
    assert!((supermarket.footprint_m2.unwrap() - 665.066).abs() < 0.01);
    assert_eq!(osm::tag(&supermarket.tags, "shop"), Some("supermarket"));
    // An open way: the mean of its points, no footprint.
    let parking = &e.features[7];
    assert_eq!(parking.footprint_m2, None);
    assert!((parking.location.lon - -3.35815).abs() < 1e-9);
    assert_eq!(report.relations_ignored, 1);
}

#[test]
fn missing_nodes_are_reported_not_fatal() {
    let (e, report) = read_twins("missing_nodes");
    // Way 80 (1 2 3 [4] 5 6) keeps its longest present run; way 81 names only absent nodes.
    assert_eq!(road_ids(&e), [80, 82]);
    assert_eq!(road(&e, 80).nodes, [1, 2, 3]);
    assert_eq!(e.nodes.len(), 5);
    assert_eq!(report.missing_node_refs, 4);
    assert_eq!(report.roads_trimmed, 1);
    assert_eq!(report.roads_dropped, [81]);
    assert_eq!(
        report.to_string(),
        "OSM PBF; 4 way node references to absent nodes; 1 roads cut at an absent node; \
         1 roads dropped (fewer than two nodes); 1 way features without footprint (absent nodes)"
    );
    // Building 83 lacks node 9: placed from its present nodes, without footprint.
    assert_eq!(report.features_incomplete, 1);
    assert_eq!(e.features.len(), 1);
    assert_eq!(e.features[0].footprint_m2, None);
    assert!((e.features[0].location.lon - (-3.356 - 3.355 - 3.356) / 3.0).abs() < 1e-9);
}

/// The same fixture written with plain (not dense) nodes and without object metadata:
/// `osmium cat shops_and_buildings.osm -o shops_and_buildings.plain_nodes.osm.pbf
/// -f pbf,pbf_dense_nodes=false,add_metadata=false`.
#[test]
fn plain_nodes_without_metadata_decode_like_dense_nodes() {
    let (dense, _) = read_twins("shops_and_buildings");
    let (plain, report) =
        osm::read_with_report(&fixture("shops_and_buildings.plain_nodes.osm.pbf")).unwrap();
    assert_eq!(report.format, OsmFormat::Pbf);
    assert_eq!(plain, dense);
}
