//! Decoding the real extracts: the Lorient extract embedded in `data/osm/`, and its `.osm.gz`
//! twin and the `scale/` extracts of the shared data directory (`$FREIGHTSIM_DATA`, or
//! `<crate>/../shared/data` when unset). A test whose shared file is missing prints one line
//! saying so and is skipped, unless `FREIGHTSIM_REQUIRE_DATA=1` (then it fails).

use freightsim::osm::{self, MapFeature, OsmExtract, OsmFormat, OsmId};

mod common;

fn count_with_key(features: &[MapFeature], key: &str) -> (usize, usize) {
    let with: Vec<_> = features
        .iter()
        .filter(|f| osm::tag(&f.tags, key).is_some())
        .collect();
    let nodes = with
        .iter()
        .filter(|f| matches!(f.id, OsmId::Node(_)))
        .count();
    (nodes, with.len() - nodes)
}

/// Every road node has a position, ids are sorted and unique.
fn check_invariants(extract: &OsmExtract) {
    assert!(extract.roads.windows(2).all(|w| w[0].id < w[1].id));
    assert!(extract.features.windows(2).all(|w| w[0].id < w[1].id));
    for road in &extract.roads {
        assert!(road.nodes.len() >= 2, "road {}", road.id);
        assert!(osm::tag(&road.tags, "highway").is_some());
        assert!(road.tags.windows(2).all(|w| w[0].0 <= w[1].0));
        for &n in &road.nodes {
            assert!(
                extract.nodes.position(n).is_some(),
                "node {n} of road {}",
                road.id
            );
        }
    }
}

#[test]
fn lorient_pbf_and_gzip_xml_decode_to_the_same_extract() {
    let Some(gz_path) = common::shared_data("lorient_centre_2019.osm.gz") else {
        return;
    };
    let (pbf, pbf_report) =
        osm::read_with_report(&common::embedded("lorient_centre_2019.osm.pbf")).unwrap();
    let (gz, gz_report) = osm::read_with_report(&gz_path).unwrap();
    assert_eq!(pbf_report.format, OsmFormat::Pbf);
    assert_eq!(gz_report.format, OsmFormat::GzipXml);
    assert!(pbf == gz, "PBF and XML twins differ");
    assert_eq!(gz_report.relations_ignored, 63);
}

#[test]
fn embedded_lorient_pbf_decodes_to_its_documented_counts() {
    let (pbf, pbf_report) =
        osm::read_with_report(&common::embedded("lorient_centre_2019.osm.pbf")).unwrap();
    assert_eq!(pbf_report.format, OsmFormat::Pbf);
    check_invariants(&pbf);

    // PROVENANCE.md: 522 highway=* ways, no way node missing, 63 relations.
    assert_eq!(pbf.roads.len(), 522);
    assert_eq!(pbf_report.missing_node_refs, 0);
    assert!(pbf_report.roads_dropped.is_empty());
    assert_eq!(pbf_report.relations_ignored, 63);
    // `osmium tags-filter lorient_centre_2019.osm.pbf w/highway`: 1,978 nodes.
    assert_eq!(pbf.nodes.len(), 1978);
    // `osmium tags-filter -R ... nw/shop,amenity,office,craft,tourism,building,addr:housenumber`:
    // 503 nodes and 1,739 ways.
    let nodes = pbf
        .features
        .iter()
        .filter(|f| matches!(f.id, OsmId::Node(_)))
        .count();
    assert_eq!((nodes, pbf.features.len() - nodes), (503, 1739));
    // `osmium tags-count -t n|w`: shop 195 nodes + 5 ways = the 200 of PROVENANCE.md.
    assert_eq!(count_with_key(&pbf.features, "shop"), (195, 5));
    assert_eq!(count_with_key(&pbf.features, "amenity"), (260, 47));
    assert_eq!(count_with_key(&pbf.features, "office"), (26, 0));
    assert_eq!(count_with_key(&pbf.features, "craft"), (5, 0));
    assert_eq!(count_with_key(&pbf.features, "building"), (0, 1701));
    assert_eq!(count_with_key(&pbf.features, "addr:housenumber"), (46, 99));
}

/// `scale/PROVENANCE.md`: highway=* way counts, and no way node is missing in any file.
/// Some `highway=*` ways hold a single node (Monaco 3, Geneva 73, counted with
/// `osmium tags-filter -R -f opl FILE w/highway` and the ways whose node list has no comma):
/// they cannot be roads, so they are dropped and listed in the report.
#[test]
fn scale_extracts_decode_with_their_documented_road_counts() {
    for (name, highway_ways, single_node_ways) in [
        ("porto_centre_2020.osm.pbf", 4_656, 0),
        ("monaco_riviera_2016.osm.pbf", 2_927, 3),
        ("geneva_centre_2025.osm.pbf", 14_574, 73),
        ("malta_2016.osm.pbf", 21_137, 0),
        ("rhein_neckar_roads_2016.osm.pbf", 37_344, 0),
    ] {
        let Some(path) = common::shared_data(&format!("scale/{name}")) else {
            return;
        };
        let (extract, report) = osm::read_with_report(&path).unwrap();
        assert_eq!(report.roads_dropped.len(), single_node_ways, "{name}");
        if name.starts_with("monaco") {
            assert_eq!(
                report.roads_dropped,
                [156_571_105, 170_077_901, 224_823_020]
            );
        }
        assert_eq!(
            extract.roads.len() + report.roads_dropped.len(),
            highway_ways,
            "{name}"
        );
        assert_eq!(report.missing_node_refs, 0, "{name}");
        assert!(!extract.nodes.is_empty());
        check_invariants(&extract);
        eprintln!(
            "{name}: {} roads, {} nodes, {} features, {} relations",
            extract.roads.len(),
            extract.nodes.len(),
            extract.features.len(),
            report.relations_ignored
        );
    }
}

/// The same file gives the same extract on one thread and on four (Geneva has 28 blobs).
#[test]
fn decoding_does_not_depend_on_the_thread_count() {
    let Some(path) = common::shared_data("scale/geneva_centre_2025.osm.pbf") else {
        return;
    };
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| osm::read_with_report(&path).unwrap())
    };
    assert!(on(1) == on(4), "one and four threads disagree");
}
