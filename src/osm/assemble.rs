//! From the objects a decoder kept, in file order, to a sorted [`OsmExtract`].
//!
//! Both decoders (PBF and XML) fill the same [`RawObjects`]; everything after that is shared,
//! so the two encodings of one extract give equal results.

use super::features::way_shape;
use super::land_use::LandUseArea;
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
    /// Position of every node in the file, as runs in file order (one per PBF blob), so that
    /// joining parts moves runs instead of copying positions.
    pub nodes: Vec<Vec<(i64, LonLat)>>,
    /// Every `highway=*` way, node references not yet checked.
    pub roads: Vec<RoadWay>,
    /// Nodes carrying a feature key, already placed.
    pub node_features: Vec<MapFeature>,
    /// Ways carrying a feature key.
    pub way_features: Vec<RawWayFeature>,
    /// Relations seen (and ignored).
    pub relations: usize,
    /// Node positions carried by kept ways themselves (PBF with locations on ways), used
    /// for the nodes that have no record of their own.
    pub way_locations: Vec<(i64, LonLat)>,
}

impl RawObjects {
    /// Records a node's position, after those already recorded.
    pub fn push_node(&mut self, id: i64, location: LonLat) {
        match self.nodes.last_mut() {
            Some(run) => run.push((id, location)),
            None => self.nodes.push(vec![(id, location)]),
        }
    }

    /// Makes room for `n` more node positions.
    pub fn reserve_nodes(&mut self, n: usize) {
        match self.nodes.last_mut() {
            Some(run) => run.reserve(n),
            None => self.nodes.push(Vec::with_capacity(n)),
        }
    }

    /// Joins parts given in file order, each list allocated once at its final size.
    pub fn concat(parts: Vec<RawObjects>) -> RawObjects {
        fn join<T>(parts: &mut [RawObjects], list: fn(&mut RawObjects) -> &mut Vec<T>) -> Vec<T> {
            let total = parts.iter_mut().map(|p| list(p).len()).sum();
            let mut out = Vec::with_capacity(total);
            for part in parts.iter_mut() {
                out.append(list(part));
            }
            out
        }
        let mut parts = parts;
        RawObjects {
            nodes: join(&mut parts, |p| &mut p.nodes),
            roads: join(&mut parts, |p| &mut p.roads),
            node_features: join(&mut parts, |p| &mut p.node_features),
            way_features: join(&mut parts, |p| &mut p.way_features),
            relations: parts.iter().map(|p| p.relations).sum(),
            way_locations: join(&mut parts, |p| &mut p.way_locations),
        }
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
        way_locations,
    } = raw;
    if roads.is_empty() {
        return Err(OsmError::NoRoads {
            path: path.to_path_buf(),
        });
    }
    let mut report = DecodeReport::new(format);
    report.relations_ignored = relations;
    let conflict = |what: &'static str, id: i64, detail: String| OsmError::ConflictingDuplicate {
        path: path.to_path_buf(),
        what,
        id,
        detail,
    };
    let mut all_nodes = sorted_runs(nodes, &mut report.duplicate_nodes)
        .map_err(|(id, a, b)| conflict("node", id, positions_differ(a, b)))?;
    if !way_locations.is_empty() {
        all_nodes = with_way_locations(all_nodes, way_locations)
            .map_err(|(id, a, b)| conflict("node", id, positions_differ(a, b)))?;
    }

    let ways_seen = roads.len();
    let mut roads = sorted_unique(roads, &mut report.duplicate_ways).map_err(|(id, _, _)| {
        conflict(
            "way",
            id,
            "with different nodes or tags: a road would be lost".into(),
        )
    })?;
    let (mut road_nodes, missing) = select(&all_nodes, node_ids(&roads, |r| &r.nodes));
    if !missing.is_empty() {
        // Rare: only then is each road checked node by node.
        let present = |id: i64| missing.binary_search(&id).is_err();
        roads.retain_mut(|road| {
            let lost = keep_longest_present_run(&mut road.nodes, present);
            report.missing_node_refs += lost;
            if road.nodes.len() < 2 {
                report.roads_dropped.push(road.id);
                return false;
            }
            if lost > 0 {
                report.roads_trimmed += 1;
            }
            true
        });
        road_nodes = select(&all_nodes, node_ids(&roads, |r| &r.nodes)).0;
    }
    // Ways of a single node cannot be roads.
    roads.retain(|road| {
        if road.nodes.len() < 2 {
            report.roads_dropped.push(road.id);
        }
        road.nodes.len() >= 2
    });
    report.roads_dropped.sort_unstable();
    if roads.is_empty() {
        return Err(OsmError::RoadNodesMissing {
            path: path.to_path_buf(),
            ways: ways_seen,
            missing_nodes: missing.len(),
        });
    }

    let (feature_nodes, _) = select(&all_nodes, node_ids(&way_features, |w| &w.nodes));
    let mut features = node_features;
    let mut land_use = Vec::new();
    for way in way_features {
        let points: Vec<LonLat> = way
            .nodes
            .iter()
            .filter_map(|&id| feature_nodes.position(id))
            .collect();
        let missing = way.nodes.len() - points.len();
        if let Some(value) = super::tag(&way.tags, super::LAND_USE_KEY) {
            if missing == 0
                && let Some(area) = LandUseArea::new(way.id, value, points.clone())
            {
                land_use.push(area);
            }
            let feature = way
                .tags
                .iter()
                .any(|(k, _)| super::FEATURE_KEYS.contains(&k.as_str()));
            if !feature {
                continue;
            }
        }
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
    let features = sorted_by_id(features);
    report.features_dropped.sort_unstable();
    land_use.sort_by_key(|a: &LandUseArea| a.id);
    land_use.dedup_by_key(|a| a.id);

    let extract = OsmExtract {
        roads,
        nodes: road_nodes,
        features,
        land_use,
    };
    Ok((extract, report))
}

/// Something with an OSM id.
trait Keyed {
    type Key: Ord + Copy;
    fn key(&self) -> Self::Key;
}

impl Keyed for (i64, LonLat) {
    type Key = i64;
    fn key(&self) -> i64 {
        self.0
    }
}

impl Keyed for RoadWay {
    type Key = i64;
    fn key(&self) -> i64 {
        self.id
    }
}

impl Keyed for MapFeature {
    type Key = OsmId;
    fn key(&self) -> OsmId {
        self.id
    }
}

/// Sorts by id (skipping the sort when the file was already sorted, as PBF files usually
/// are); of items with equal ids keeps the one that came last.
fn sorted_by_id<T: Keyed>(mut items: Vec<T>) -> Vec<T> {
    if items.is_sorted_by(|a, b| a.key() < b.key()) {
        return items;
    }
    if !items.is_sorted_by_key(T::key) {
        items.sort_by_key(T::key);
    }
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        match out.last_mut() {
            Some(last) if last.key() == item.key() => *last = item,
            _ => out.push(item),
        }
    }
    out
}

/// Node positions as runs in file order (see [`RawObjects::nodes`]).
type NodeRuns = Vec<Vec<(i64, LonLat)>>;

/// One node id at two positions: `(id, first, other)`.
type NodeConflict = (i64, (i64, LonLat), (i64, LonLat));

/// Sorts by id and removes repeats, counting them in `repeats`. A repeat must equal the
/// first occurrence: two different objects under one id (`(id, first, other)`) are an error,
/// since keeping either would silently lose the other.
fn sorted_unique<T: Keyed<Key = i64> + PartialEq>(
    mut items: Vec<T>,
    repeats: &mut usize,
) -> Result<Vec<T>, (i64, T, T)> {
    if items.is_sorted_by(|a, b| a.key() < b.key()) {
        return Ok(items);
    }
    items.sort_by_key(T::key);
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        match out.last() {
            Some(last) if last.key() == item.key() => {
                if *last != item {
                    let first = out.pop().expect("just seen");
                    return Err((item.key(), first, item));
                }
                *repeats += 1;
            }
            _ => out.push(item),
        }
    }
    Ok(out)
}

fn positions_differ(a: (i64, LonLat), b: (i64, LonLat)) -> String {
    format!(
        "at two positions, ({}, {}) and ({}, {}): the file joins two versions or two \
         extracts that disagree",
        a.1.lon, a.1.lat, b.1.lon, b.1.lat
    )
}

/// Adds the positions ways carry to the nodes without a record of their own. A node that
/// several ways carry must be at one position, and at its record's if it has one.
fn with_way_locations(
    records: Vec<Vec<(i64, LonLat)>>,
    way_locations: Vec<(i64, LonLat)>,
) -> Result<NodeRuns, NodeConflict> {
    let mut ignored = 0;
    let mut all = way_locations;
    all.extend(records.into_iter().flatten());
    Ok(vec![sorted_unique(all, &mut ignored)?])
}

/// Node positions as runs that, read one after another, are sorted by id with no id twice.
/// Runs that are already so (PBF files sorted by type then id) are kept as they are; others
/// are joined and sorted. A repeated id is counted in `repeats` when its positions agree,
/// and returned as an error (`(id, first, other)`) when they differ.
fn sorted_runs(
    runs: Vec<Vec<(i64, LonLat)>>,
    repeats: &mut usize,
) -> Result<NodeRuns, NodeConflict> {
    let mut previous: Option<i64> = None;
    let ordered = runs.iter().all(|run| {
        let ok = run.is_sorted_by(|a, b| a.0 < b.0)
            && match (previous, run.first()) {
                (Some(p), Some(first)) => p < first.0,
                _ => true,
            };
        if let Some(last) = run.last() {
            previous = Some(last.0);
        }
        ok
    });
    if ordered {
        Ok(runs)
    } else {
        Ok(vec![sorted_unique(runs.concat(), repeats)?])
    }
}

/// The node ids the ways use, sorted and unique.
fn node_ids<W>(ways: &[W], nodes: impl Fn(&W) -> &Vec<i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ways.iter().flat_map(|w| nodes(w).iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Positions of the `wanted` ids (sorted, unique) found in `all` (sorted, unique), in one
/// linear merge pass; also returns the wanted ids `all` lacks.
fn select(all: &[Vec<(i64, LonLat)>], wanted: Vec<i64>) -> (NodePositions, Vec<i64>) {
    let mut found = NodePositions::default();
    let mut missing = Vec::new();
    let mut all = all.iter().flatten().peekable();
    for id in wanted {
        while all.next_if(|(n, _)| *n < id).is_some() {}
        match all.next_if(|(n, _)| *n == id) {
            Some(&(_, pos)) => {
                found.ids.push(id);
                found.positions.push(pos);
            }
            None => missing.push(id),
        }
    }
    (found, missing)
}

/// Cuts `nodes` to its longest run of ids that `known` holds (the first of equal runs);
/// returns how many ids were missing.
fn keep_longest_present_run(nodes: &mut Vec<i64>, present: impl Fn(i64) -> bool) -> usize {
    let mut missing = 0;
    let (mut best_start, mut best_end) = (0, 0);
    let mut start = 0;
    for (i, &id) in nodes.iter().enumerate() {
        if !present(id) {
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

    #[test]
    fn longest_present_run_is_kept() {
        let present = |id: i64| [1, 2, 4, 5, 6].contains(&id);
        let mut nodes = vec![1, 2, 3, 4, 5, 6, 7];
        assert_eq!(keep_longest_present_run(&mut nodes, present), 2);
        assert_eq!(nodes, vec![4, 5, 6]);
        let mut whole = vec![1, 2, 4];
        assert_eq!(keep_longest_present_run(&mut whole, present), 0);
        assert_eq!(whole, vec![1, 2, 4]);
        let mut none = vec![8, 9];
        assert_eq!(keep_longest_present_run(&mut none, present), 2);
        assert!(none.is_empty());
    }

    #[test]
    fn select_finds_positions_and_missing_ids() {
        let p = |x: f64| LonLat::new(x, x);
        let all = vec![(1, p(1.0)), (3, p(3.0)), (4, p(4.0)), (9, p(9.0))];
        let (found, missing) = select(&[all], vec![0, 3, 4, 5, 9, 10]);
        assert_eq!(found.ids, [3, 4, 9]);
        assert_eq!(found.position(4), Some(p(4.0)));
        assert_eq!(missing, [0, 5, 10]);
    }

    #[test]
    fn runs_out_of_order_are_merged() {
        let p = |x: f64| LonLat::new(x, 0.0);
        let mut repeats = 0;
        let sorted = vec![vec![(1, p(1.0)), (2, p(2.0))], vec![(5, p(5.0))]];
        assert_eq!(sorted_runs(sorted.clone(), &mut repeats), Ok(sorted));
        let unsorted = vec![vec![(5, p(5.0))], vec![(1, p(1.0)), (5, p(5.0))]];
        assert_eq!(
            sorted_runs(unsorted, &mut repeats),
            Ok(vec![vec![(1, p(1.0)), (5, p(5.0))]])
        );
        assert_eq!(repeats, 1);
        let conflicting = vec![vec![(5, p(5.0))], vec![(1, p(1.0)), (5, p(6.0))]];
        assert_eq!(
            sorted_runs(conflicting, &mut repeats),
            Err((5, (5, p(5.0)), (5, p(6.0))))
        );
    }

    #[test]
    fn repeated_id_keeps_last() {
        let p = |x: f64| LonLat::new(x, 0.0);
        let items = vec![(3, p(1.0)), (1, p(2.0)), (3, p(3.0))];
        assert_eq!(sorted_by_id(items), vec![(1, p(2.0)), (3, p(3.0))]);
    }
}
