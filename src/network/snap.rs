//! Snapping arbitrary positions onto a profile's network.
//!
//! The R-tree indexes the **segments of the edges' geometry**, not the nodes: a shop in the
//! middle of a long street is near the street, maybe far from either junction, and a node
//! index would pick a junction on a parallel street that happens to be closer. The point is
//! projected onto the nearest segment; the snap then goes to the end of that edge nearer
//! along the street, which is the node matrices start and end at. Only kept edges (the largest
//! strongly connected component) are indexed, so a snapped point is always reachable.
//!
//! Geometry is projected onto a local plane (equirectangular, centred on the network), in
//! metres; over a city the projection error is far below a metre, and the reported distance
//! is recomputed with haversine.

use crate::network::graph::ProfileGraph;
use crate::network::{NetworkError, ProfileNetwork};
use crate::units::{LonLat, Meters};
use petgraph::graph::{EdgeIndex, NodeIndex};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line};

/// Mean Earth radius used by the local projection, metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Knobs of snapping.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SnapParams {
    /// Farther from the road than this, a snap is flagged [`Snap::far`] (not an error).
    pub max_snap_distance: Meters,
}

impl Default for SnapParams {
    fn default() -> Self {
        SnapParams {
            max_snap_distance: Meters(250.0),
        }
    }
}

/// Where a point lands on a profile's network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snap {
    /// The graph node travel starts and ends at.
    pub node: NodeIndex,
    /// The edge the point was projected onto.
    pub edge: EdgeIndex,
    /// The projection of the point on the road.
    pub on_road: LonLat,
    /// Distance from the point to the road (to `on_road`).
    pub distance: Meters,
    /// Distance along the road from `on_road` to `node`.
    pub along_road: Meters,
    /// True when `distance` exceeds [`SnapParams::max_snap_distance`].
    pub far: bool,
}

type IndexedSegment = GeomWithData<Line<[f64; 2]>, (u32, u32)>;

/// An R-tree over the segments of every edge of a profile graph.
#[derive(Debug)]
pub struct SnapIndex {
    origin: LonLat,
    cos_lat: f64,
    tree: RTree<IndexedSegment>,
}

impl SnapIndex {
    /// Indexes every segment of every edge of `graph`.
    pub fn new(graph: &ProfileGraph) -> Self {
        let n = graph.node_count().max(1) as f64;
        let (lon, lat) = graph.raw_nodes().iter().fold((0.0, 0.0), |(x, y), node| {
            (x + node.weight.position.lon, y + node.weight.position.lat)
        });
        let origin = if graph.node_count() == 0 {
            LonLat::new(0.0, 0.0)
        } else {
            LonLat::new(lon / n, lat / n)
        };
        let mut index = SnapIndex {
            origin,
            cos_lat: origin.lat.to_radians().cos(),
            tree: RTree::new(),
        };
        let mut items = Vec::new();
        for (e, edge) in graph.raw_edges().iter().enumerate() {
            for (k, w) in edge.weight.geometry.windows(2).enumerate() {
                let line = Line::new(index.project(w[0]), index.project(w[1]));
                items.push(GeomWithData::new(line, (e as u32, k as u32)));
            }
        }
        index.tree = RTree::bulk_load(items);
        index
    }

    fn project(&self, p: LonLat) -> [f64; 2] {
        let k = EARTH_RADIUS_M.to_radians();
        [
            (p.lon - self.origin.lon) * self.cos_lat * k,
            (p.lat - self.origin.lat) * k,
        ]
    }

    fn unproject(&self, xy: [f64; 2]) -> LonLat {
        let k = EARTH_RADIUS_M.to_radians();
        LonLat::new(
            self.origin.lon + xy[0] / (k * self.cos_lat),
            self.origin.lat + xy[1] / k,
        )
    }
}

impl ProfileNetwork {
    /// Snaps `point` onto this profile's network.
    ///
    /// # Errors
    /// [`NetworkError::InvalidPoint`] for coordinates out of range, and
    /// [`NetworkError::EmptyProfile`] when the profile has no road.
    pub fn snap(&self, point: LonLat, params: &SnapParams) -> Result<Snap, NetworkError> {
        self.snap_indexed(0, point, params)
    }

    /// Snaps every point of `points`, in order.
    ///
    /// # Errors
    /// As [`ProfileNetwork::snap`]; the index in the error is the point's position in `points`.
    pub fn snap_all(
        &self,
        points: &[LonLat],
        params: &SnapParams,
    ) -> Result<Vec<Snap>, NetworkError> {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| self.snap_indexed(i, *p, params))
            .collect()
    }

    fn snap_indexed(
        &self,
        index: usize,
        point: LonLat,
        params: &SnapParams,
    ) -> Result<Snap, NetworkError> {
        let valid = point.lon.is_finite()
            && point.lat.is_finite()
            && point.lon.abs() <= 180.0
            && point.lat.abs() <= 90.0;
        if !valid {
            return Err(NetworkError::InvalidPoint {
                index,
                lon: point.lon,
                lat: point.lat,
            });
        }
        let snap_index = &self.snap_index;
        let query = snap_index.project(point);
        let nearest =
            snap_index
                .tree
                .nearest_neighbor(query)
                .ok_or(NetworkError::EmptyProfile {
                    profile: self.profile,
                })?;
        let (e, k) = nearest.data;
        let foot = nearest.geom().nearest_point(&query);
        let on_road = snap_index.unproject(foot);
        let edge_index = EdgeIndex::new(e as usize);
        let edge = &self.graph[edge_index];
        let k = k as usize;
        let before: f64 = edge.geometry[..=k]
            .windows(2)
            .map(|w| w[0].haversine(w[1]).0)
            .sum();
        let along = (before + edge.geometry[k].haversine(on_road).0) * edge.length.0
            / edge
                .geometry
                .windows(2)
                .map(|w| w[0].haversine(w[1]).0)
                .sum::<f64>()
                .max(1e-9);
        let (from, to) = self
            .graph
            .edge_endpoints(edge_index)
            .expect("an indexed edge exists");
        let (node, along_road) = if along <= edge.length.0 - along {
            (from, along)
        } else {
            (to, edge.length.0 - along)
        };
        let distance = point.haversine(on_road);
        Ok(Snap {
            node,
            edge: edge_index,
            on_road,
            distance,
            along_road: Meters(along_road.max(0.0)),
            far: distance.0 > params.max_snap_distance.0,
        })
    }
}
