//! From the objects a decoder kept, in file order, to a sorted [`OsmExtract`].
//!
//! Both decoders (PBF and XML) fill the same [`RawObjects`]; everything after that is shared,
//! so the two encodings of one extract give equal results.

use super::features::way_shape;
use super::{DecodeReport, MapFeature, NodePositions, OsmError, OsmExtract, OsmFormat, OsmId};
use super::{RoadWay, Tags};
use crate::units::LonLat;
use std::path::Path;

/// A way kept as a map feature, before its nodes are placed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawWayFeature {
    /// OSM way id.
    pub id: i64,
    /// OSM node ids in order.
    pub nodes: Vec<i64>,
    /// All tags, sorted by key.
    pub tags: Tags,
}

/// What a decoder keeps from a file (or from one PBF blob), in file order.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawObjects {
    /// Position of every node in the file.
    pub nodes: Vec<(i64, LonLat)>,
    /// Every `highway=*` way, node references not yet checked.
    pub roads: Vec<RoadWay>,
    /// Nodes carrying a feature key, already placed.
    pub node_features: Vec<MapFeature>,
    /// Ways carrying a feature key.
    pub way_features: Vec<RawWayFeature>,
    /// Relations seen (and ignored).
    pub relations: usize,
}

impl RawObjects {
    /// Appends `other`, which comes later in the file.
    pub fn append(&mut self, mut other: RawObjects) {
        self.nodes.append(&mut other.nodes);
        self.roads.append(&mut other.roads);
        self.node_features.append(&mut other.node_features);
        self.way_features.append(&mut other.way_features);
        self.relations += other.relations;
    }
}

/// Sorts a tag list by key, as [`super::tag`] expects (stable, so a repeated key keeps its order).
pub(crate) fn sort_tags(tags: &mut Tags) {
    tags.sort_by(|a, b| a.0.cmp(&b.0));
}

/// Builds the extract: sorts by id (an id seen twice keeps its last occurrence in the file),
/// checks every node reference, keeps the positions of road nodes only and places way features.
///
/// A road naming nodes absent from the file keeps its longest run of consecutive present nodes
/// (so no straight chord is drawn across the gap); a road left with fewer than two nodes is
/// dropped. A way feature is placed from its present nodes; it loses its footprint when any is
/// missing, and is dropped when none is present. All of this is counted in the report.
pub(crate) fn assemble(
    path: &Path,
    format: OsmFormat,
    raw: RawObjects,
) -> Result<(OsmExtract, DecodeReport), OsmError> {
    let RawObjects {
        nodes,
        roads,
        node_features,
        way_features,
        relations,
    } = raw;
    if roads.is_empty() {
        return Err(OsmError::NoRoads {
            path: path.to_path_buf(),
        });
    }
    let mut report = DecodeReport::new(format);
    report.relations_ignored = relations;
    let all_nodes = NodePositions::from_pairs(nodes);

    let ways_seen = roads.len();
    let mut roads = keep_last_by_id(roads, |r| r.id);
    roads.retain_mut(|road| {
        let missing = keep_longest_present_run(&mut road.nodes, &all_nodes);
        report.missing_node_refs += missing;
        if road.nodes.len() < 2 {
            report.roads_dropped.push(road.id);
            return false;
        }
        if missing > 0 {
            report.roads_trimmed += 1;
        }
        true
    });
    if roads.is_empty() {
        return Err(OsmError::RoadNodesMissing {
            path: path.to_path_buf(),
            ways: ways_seen,
            missing_refs: report.missing_node_refs,
        });
    }

    let mut used: Vec<i64> = roads.iter().flat_map(|r| r.nodes.iter().copied()).collect();
    used.sort_unstable();
    used.dedup();
    let positions = used
        .iter()
        .map(|&id| all_nodes.position(id).expect("road nodes were checked"))
        .collect();
    let road_nodes = NodePositions {
        ids: used,
        positions,
    };

    let mut features = node_features;
    for way in way_features {
        let points: Vec<LonLat> = way
            .nodes
            .iter()
            .filter_map(|&id| all_nodes.position(id))
            .collect();
        let missing = way.nodes.len() - points.len();
        report.missing_node_refs += missing;
        let Some(mut shape) = way_shape(&points) else {
            report.features_dropped.push(way.id);
            continue;
        };
        if missing > 0 {
            shape.footprint_m2 = None;
            report.features_incomplete += 1;
        }
        features.push(MapFeature {
            id: OsmId::Way(way.id),
            location: shape.location,
            footprint_m2: shape.footprint_m2,
            tags: way.tags,
        });
    }
    let features = keep_last_by_id(features, |f| f.id);
    report.features_dropped.sort_unstable();

    let extract = OsmExtract {
        roads,
        nodes: road_nodes,
        features,
    };
    Ok((extract, report))
}

/// Sorts by key; of items with equal keys keeps the one that came last.
fn keep_last_by_id<T, K: Ord + Copy>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_key(|item| key(item));
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        match out.last_mut() {
            Some(last) if key(last) == key(&item) => *last = item,
            _ => out.push(item),
        }
    }
    out
}

/// Cuts `nodes` to its longest run of ids that `known` holds (the first of equal runs);
/// returns how many ids were missing.
fn keep_longest_present_run(nodes: &mut Vec<i64>, known: &NodePositions) -> usize {
    let mut missing = 0;
    let (mut best_start, mut best_end) = (0, 0);
    let mut start = 0;
    for (i, &id) in nodes.iter().enumerate() {
        if known.position(id).is_none() {
            missing += 1;
            if i - start > best_end - best_start {
                (best_start, best_end) = (start, i);
            }
            start = i + 1;
        }
    }
    if missing > 0 {
        if nodes.len() - start > best_end - best_start {
            (best_start, best_end) = (start, nodes.len());
        }
        nodes.truncate(best_end);
        nodes.drain(..best_start);
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(ids: &[i64]) -> NodePositions {
        NodePositions::from_pairs(ids.iter().map(|&i| (i, LonLat::new(0.0, 0.0))).collect())
    }

    #[test]
    fn longest_present_run_is_kept() {
        let known = known(&[1, 2, 4, 5, 6]);
        let mut nodes = vec![1, 2, 3, 4, 5, 6, 7];
        assert_eq!(keep_longest_present_run(&mut nodes, &known), 2);
        assert_eq!(nodes, vec![4, 5, 6]);
        let mut whole = vec![1, 2, 4];
        assert_eq!(keep_longest_present_run(&mut whole, &known), 0);
        assert_eq!(whole, vec![1, 2, 4]);
        let mut none = vec![8, 9];
        assert_eq!(keep_longest_present_run(&mut none, &known), 2);
        assert!(none.is_empty());
    }

    #[test]
    fn repeated_id_keeps_last() {
        let items = vec![(3, 'a'), (1, 'b'), (3, 'c')];
        assert_eq!(keep_last_by_id(items, |x| x.0), vec![(1, 'b'), (3, 'c')]);
    }
}
