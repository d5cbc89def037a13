//! The road network: one directed graph per vehicle profile.
//!
//! **One graph per profile**, not one graph with per-profile access flags: every consumer
//! (strongly connected component, snapping, matrices) works on one profile at a time, and the
//! profiles' node sets differ (a pedestrian street is a node-rich part of the cargo-bike graph
//! and absent from the van one). Separate graphs keep each one minimal (chains collapsed for
//! that profile), make "largest SCC per profile" a plain graph operation, and let the matrix
//! code see only arcs it may use. The cost is memory: geometry is stored once per profile,
//! which for a city is a few megabytes.
//!
//! Nodes are numbered by increasing OSM node id, edges in the order of the ways (by id) and
//! along each way, so a build is deterministic.

use crate::network::snap::SnapIndex;
use crate::network::summary::NetworkSummary;
use crate::network::{Profile, Segment};
use crate::units::{LonLat, Meters, Seconds};
use petgraph::graph::{DiGraph, NodeIndex};

/// A graph node: a junction or a dead end of the profile's network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkNode {
    /// OSM node id.
    pub osm_id: i64,
    /// Position of the node.
    pub position: LonLat,
}

/// A directed edge: one or more street segments travelled in one direction, between two
/// nodes, with no junction in between for this profile.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkEdge {
    /// Length along the geometry (haversine), positive.
    pub length: Meters,
    /// Travel time at the profile's speed on each segment, positive.
    pub duration: Seconds,
    /// Positions from the edge's source node to its target node (at least two).
    pub geometry: Vec<LonLat>,
    /// OSM ways the edge runs along, in travel order.
    pub way_ids: Vec<i64>,
    /// True when the street may be travelled both ways (the reverse edge exists too); such an
    /// edge counts half in a summary's `road_km`, so a street counts once.
    pub two_way: bool,
}

impl NetworkEdge {
    /// Appends `next`, which starts where this edge ends.
    pub(crate) fn extend(&mut self, next: &NetworkEdge) {
        self.length += next.length;
        self.duration += next.duration;
        self.geometry.extend_from_slice(&next.geometry[1..]);
        for way in &next.way_ids {
            if self.way_ids.last() != Some(way) {
                self.way_ids.push(*way);
            }
        }
        self.two_way &= next.two_way;
    }

    /// Length counted in "km of road": half for each direction of a two-way street.
    pub fn road_length(&self) -> Meters {
        if self.two_way {
            Meters(self.length.0 / 2.0)
        } else {
            self.length
        }
    }
}

/// The directed graph type of a profile network.
pub type ProfileGraph = DiGraph<NetworkNode, NetworkEdge, u32>;

/// The road network of one profile: its largest strongly connected component, with a
/// spatial index to snap points onto it, and a summary of what was built and dropped.
#[derive(Debug)]
pub struct ProfileNetwork {
    pub(crate) profile: Profile,
    pub(crate) graph: ProfileGraph,
    pub(crate) snap_index: SnapIndex,
    pub(crate) summary: NetworkSummary,
}

impl ProfileNetwork {
    /// The vehicle profile.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The graph: strongly connected, nodes by OSM id, edges weighted by length and duration.
    pub fn graph(&self) -> &ProfileGraph {
        &self.graph
    }

    /// Number of nodes kept (the largest strongly connected component).
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of directed edges kept.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Node data of `node`.
    pub fn node(&self, node: NodeIndex) -> &NetworkNode {
        &self.graph[node]
    }

    /// The graph node with this OSM id, if the profile network keeps it.
    pub fn node_by_osm_id(&self, osm_id: i64) -> Option<NodeIndex> {
        // Nodes are numbered by increasing OSM id.
        let weights = self.graph.raw_nodes();
        weights
            .binary_search_by_key(&osm_id, |n| n.weight.osm_id)
            .ok()
            .map(NodeIndex::new)
    }

    /// What was built and dropped.
    pub fn summary(&self) -> &NetworkSummary {
        &self.summary
    }

    /// The spatial index over the network's edges.
    pub fn snap_index(&self) -> &SnapIndex {
        &self.snap_index
    }
}

/// The road network of an extract for every profile of [`Profile::ALL`].
#[derive(Debug)]
pub struct RoadNetwork {
    pub(crate) segments: Vec<Segment>,
    pub(crate) profiles: Vec<ProfileNetwork>,
}

impl RoadNetwork {
    /// The network of `profile`.
    pub fn profile(&self, profile: Profile) -> &ProfileNetwork {
        &self.profiles[crate::network::segment::profile_slot(profile)]
    }

    /// Every profile's network, in [`Profile::ALL`] order.
    pub fn profiles(&self) -> &[ProfileNetwork] {
        &self.profiles
    }

    /// The street segments usable by at least one profile (what GeoJSON output draws).
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// One summary per profile, in [`Profile::ALL`] order.
    pub fn summaries(&self) -> Vec<NetworkSummary> {
        self.profiles.iter().map(|p| p.summary.clone()).collect()
    }
}
