//! The network invariant of issue 10, checked without trusting the code that builds the
//! network: per profile, the road km of the collapsed graph equal the km of the street
//! segments open to the profile, and no node where directions change (or a dead end, or a
//! junction of three or more streets) is collapsed away.
//!
//! Checked on the tiny fixtures and on random generated extracts (proptest) in `cargo test`,
//! and on every real extract with
//! `FREIGHTSIM_DATA=../shared/data cargo test --release --test hardening -- --ignored invariant`.

use super::fixture;
use freightsim::network::collapse::{EdgeList, collapse_chains};
use freightsim::network::segment::is_usable;
use freightsim::network::{NetworkEdge, Profile, RoadNetwork, Segment, check};
use freightsim::osm::{NodePositions, OsmExtract, RoadWay};
use freightsim::units::{LonLat, Seconds};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Every violation of the invariant in the network built from `extract`, as sentences.
pub fn violations(extract: &OsmExtract) -> Vec<String> {
    let Ok(network) = RoadNetwork::build(extract) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (profile, built) in Profile::ALL.iter().zip(network.profiles()) {
        let open: Vec<&Segment> = network
            .segments()
            .iter()
            .filter(|s| is_usable(&s.access(*profile)))
            .collect();
        let segments_km: f64 = open.iter().map(|s| s.length.km()).sum();
        let summary = built.summary();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        if !close(summary.road_km, segments_km) {
            problems.push(format!(
                "{profile}: road_km {} but its street segments make {segments_km} km",
                summary.road_km
            ));
        }
        if !close(
            summary.scc_road_km + summary.dropped_road_km,
            summary.road_km,
        ) {
            problems.push(format!(
                "{profile}: kept {} km + dropped {} km is not road_km {}",
                summary.scc_road_km, summary.dropped_road_km, summary.road_km
            ));
        }
        problems.extend(check(built).into_iter().map(|p| format!("{profile}: {p}")));

        // Collapse again from the segments, with edges built here, and check who is kept.
        let (ids, edges) = directed_edges(&open, *profile);
        let (keep, merged) = collapse_chains(ids.len(), edges);
        let kept = keep.iter().filter(|k| **k).count();
        if (kept, merged.len()) != (summary.nodes, summary.edges) {
            problems.push(format!(
                "{profile}: collapsing here keeps {kept} nodes and {} edges, the build {} and {}",
                merged.len(),
                summary.nodes,
                summary.edges
            ));
        }
        let merged_km: f64 = merged.iter().map(|(_, _, e)| e.road_length().km()).sum();
        if !close(merged_km, segments_km) {
            problems.push(format!(
                "{profile}: merged edges make {merged_km} km, the segments {segments_km} km"
            ));
        }
        for (node, why) in must_keep(&open, *profile) {
            let i = ids.binary_search(&node).expect("a segment end");
            if !keep[i] {
                problems.push(format!("{profile}: node {node} ({why}) was collapsed away"));
            }
        }
    }
    problems
}

/// Segment ends (sorted OSM ids) and one edge per open direction of each segment.
fn directed_edges(open: &[&Segment], profile: Profile) -> (Vec<i64>, EdgeList) {
    let mut ids: Vec<i64> = open.iter().flat_map(|s| [s.from_node, s.to_node]).collect();
    ids.sort_unstable();
    ids.dedup();
    let index = |id: i64| ids.binary_search(&id).unwrap() as u32;
    let mut edges = EdgeList::new();
    for s in open {
        let access = s.access(profile);
        let two_way = access.forward && access.backward;
        let edge = |geometry: Vec<LonLat>| NetworkEdge {
            length: s.length,
            duration: Seconds(1.0),
            geometry,
            way_ids: vec![s.way_id],
            two_way,
        };
        let (a, b) = (index(s.from_node), index(s.to_node));
        if access.forward {
            edges.push((a, b, edge(s.geometry.clone())));
        }
        if access.backward {
            edges.push((b, a, edge(s.geometry.iter().rev().copied().collect())));
        }
    }
    (ids, edges)
}

/// The nodes no collapsing may remove, with the reason: where two-way and one-way streets
/// meet, dead ends, and junctions of three or more street ends.
fn must_keep(open: &[&Segment], profile: Profile) -> Vec<(i64, &'static str)> {
    // Per node: street ends there, and whether any is two-way and any one-way.
    let mut at: BTreeMap<i64, (usize, bool, bool)> = BTreeMap::new();
    for s in open {
        let access = s.access(profile);
        let two_way = access.forward && access.backward;
        for node in [s.from_node, s.to_node] {
            let entry = at.entry(node).or_default();
            entry.0 += 1;
            entry.1 |= two_way;
            entry.2 |= !two_way;
        }
    }
    at.into_iter()
        .filter_map(|(node, (ends, two, one))| {
            let why = if two && one {
                "two-way and one-way streets meet"
            } else if ends == 1 {
                "a dead end"
            } else if ends == 3 || ends >= 5 || (ends == 4 && two) {
                // Four one-way ends may be two one-way chains crossing (collapsible).
                "a junction of three or more streets"
            } else {
                return None;
            };
            Some((node, why))
        })
        .collect()
}

#[test]
fn invariant_holds_on_every_tiny_fixture() {
    let dir = fixture("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".osm") || n.ends_with(".osm.pbf"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let Ok(extract) = freightsim::osm::read(&dir.join(&name)) else {
            continue; // the fixtures of bad input
        };
        assert_eq!(violations(&extract), Vec::<String>::new(), "{name}");
    }
}

/// Highway values and one-way tags the generated extracts draw from.
const CLASSES: [&str; 5] = ["residential", "primary", "service", "footway", "cycleway"];
const ONEWAY: [&str; 4] = ["no", "yes", "-1", "no"];

/// A random extract: nodes on a 5 x 5 grid (about 60 m apart), ways of 2 to 5 of them.
fn arbitrary_extract() -> impl Strategy<Value = OsmExtract> {
    let way = (
        prop::collection::vec(0i64..25, 2..6),
        0..CLASSES.len(),
        0..ONEWAY.len(),
    );
    prop::collection::vec(way, 1..14).prop_map(|ways| {
        let pairs = (0..25)
            .map(|i| {
                let (x, y) = ((i % 5) as f64, (i / 5) as f64);
                (i + 1, LonLat::new(-3.36 + x * 0.0008, 47.75 + y * 0.0005))
            })
            .collect();
        let roads = ways
            .into_iter()
            .enumerate()
            .map(|(k, (nodes, class, oneway))| {
                let mut tags = vec![
                    ("highway".to_string(), CLASSES[class].to_string()),
                    ("oneway".to_string(), ONEWAY[oneway].to_string()),
                ];
                tags.sort();
                RoadWay {
                    id: k as i64 + 100,
                    nodes: nodes.into_iter().map(|n| n + 1).collect(),
                    tags,
                }
            })
            .collect();
        OsmExtract {
            roads,
            nodes: NodePositions::from_pairs(pairs),
            features: Vec::new(),
            land_use: Vec::new(),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn invariant_holds_on_generated_extracts(extract in arbitrary_extract()) {
        let problems = violations(&extract);
        prop_assert!(problems.is_empty(), "{problems:#?}");
    }
}

/// Every `.osm.pbf` and `.osm.gz` of `$FREIGHTSIM_DATA` and its `scale/` directory.
/// Ignored by default (about a minute unoptimised); run it with the command in the module
/// doc.
#[test]
#[ignore = "reads every real extract; run with --ignored"]
fn invariant_holds_on_every_shared_extract() {
    let Some(scale) = super::common::shared_data("scale") else {
        return;
    };
    let data = scale.parent().unwrap().to_path_buf();
    let mut paths = Vec::new();
    for dir in [data, scale] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".osm.pbf") || name.ends_with(".osm.gz") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(paths.len() >= 7, "{paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let extract = freightsim::osm::read(path).unwrap_or_else(|e| panic!("{e}"));
        let problems = violations(&extract);
        eprintln!("{}: {} violations", short(path), problems.len());
        failures.extend(
            problems
                .into_iter()
                .map(|p| format!("{}: {p}", short(path))),
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn short(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}
