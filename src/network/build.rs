//! Building a [`RoadNetwork`] from an [`OsmExtract`].
//!
//! For each profile of [`Profile::ALL`]:
//! 1. the street segments open to the profile (see [`super::segment`]) become directed edges,
//!    one per open direction, with duration = length / the profile's speed on that way;
//! 2. chains of pass-through nodes are collapsed into single edges (see [`super::collapse`]);
//! 3. the largest strongly connected component is kept (see [`super::components`]);
//! 4. an R-tree over the kept edges' segments is built for snapping (see [`super::snap`]).
//!
//! A van is what every scenario needs, so an extract with no road a van may use is an error
//! ([`NetworkError::NoRoads`]). A truck or a cargo bike with no road yields an empty network
//! and a warning in its summary: an extract of a pedestrian centre is still useful for bikes,
//! and the scenario that would send a truck there reports those orders as unreachable.

use crate::network::collapse::{EdgeList, collapse_chains};
use crate::network::components::largest_scc;
use crate::network::graph::{NetworkEdge, NetworkNode, ProfileNetwork, RoadNetwork};
use crate::network::profile::has_implausible_maxspeed;
use crate::network::segment::{Segment, is_usable, profile_slot, segments};
use crate::network::snap::SnapIndex;
use crate::network::summary::NetworkSummary;
use crate::network::{NetworkError, Profile, WayAccess, way_access};
use crate::osm::OsmExtract;
use crate::units::{LonLat, Seconds};

impl RoadNetwork {
    /// Builds every profile's network from `extract`.
    ///
    /// # Errors
    /// [`NetworkError::NoRoads`] when no way of the extract is usable by a van.
    pub fn build(extract: &OsmExtract) -> Result<RoadNetwork, NetworkError> {
        Self::build_with(extract, way_access)
    }

    /// Builds every profile's network with access rules `access(profile, tags)` instead of
    /// [`way_access`]: for custom vehicle rules, and to test graph building apart from the tag
    /// tables.
    ///
    /// # Errors
    /// [`NetworkError::NoRoads`] when no way of the extract is usable by a van.
    pub fn build_with(
        extract: &OsmExtract,
        access: impl Fn(Profile, &[(String, String)]) -> WayAccess,
    ) -> Result<RoadNetwork, NetworkError> {
        let (segments, usable_ways) = segments(extract, &access);
        let maxspeed_ignored = Profile::ALL.map(|profile| {
            extract
                .roads
                .iter()
                .filter(|w| {
                    has_implausible_maxspeed(&w.tags) && is_usable(&access(profile, &w.tags))
                })
                .count()
        });
        let mut profiles = Vec::with_capacity(Profile::ALL.len());
        for profile in Profile::ALL {
            let ways = usable_ways[profile_slot(profile)];
            if ways == 0 && profile == Profile::Van {
                return Err(NetworkError::NoRoads {
                    profile,
                    ways: extract.roads.len(),
                    positioned_nodes: extract.nodes.len(),
                });
            }
            let ignored = maxspeed_ignored[profile_slot(profile)];
            profiles.push(build_profile(profile, &segments, (ways, ignored)));
        }
        Ok(RoadNetwork { segments, profiles })
    }
}

/// Builds one profile's network from the segments.
/// `ways`: the ways the profile may use, and how many of them had their maxspeed ignored.
fn build_profile(profile: Profile, segments: &[Segment], ways: (usize, usize)) -> ProfileNetwork {
    let (nodes, edges) = directed_edges(profile, segments);
    let (keep, edges) = collapse_chains(nodes.len(), edges);

    // Renumber the kept nodes, in the same (OSM id) order.
    let mut new_index = vec![u32::MAX; nodes.len()];
    let mut kept_nodes = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if keep[i] {
            new_index[i] = kept_nodes.len() as u32;
            kept_nodes.push(*node);
        }
    }
    let edges: EdgeList = edges
        .into_iter()
        .map(|(a, b, e)| (new_index[a as usize], new_index[b as usize], e))
        .collect();
    let (node_count, edge_count) = (kept_nodes.len(), edges.len());
    let road_length = edges
        .iter()
        .map(|(_, _, e)| e.road_length())
        .fold(Default::default(), |a, b| a + b);

    let (graph, dropped) = largest_scc(&kept_nodes, edges);
    let snap_index = SnapIndex::new(&graph);
    let summary = NetworkSummary::new(
        profile,
        ways,
        (node_count, edge_count, road_length),
        &graph,
        dropped,
    );
    ProfileNetwork {
        profile,
        graph,
        snap_index,
        summary,
    }
}

/// The graph nodes (segment ends, by OSM id) and one directed edge per open direction of
/// each segment open to `profile`.
fn directed_edges(profile: Profile, segments: &[Segment]) -> (Vec<NetworkNode>, EdgeList) {
    let open: Vec<&Segment> = segments
        .iter()
        .filter(|s| is_usable(&s.access(profile)))
        .collect();
    let mut ends: Vec<(i64, LonLat)> = open
        .iter()
        .flat_map(|s| {
            [
                (s.from_node, s.geometry[0]),
                (s.to_node, s.geometry[s.geometry.len() - 1]),
            ]
        })
        .collect();
    ends.sort_by_key(|(id, _)| *id);
    ends.dedup_by_key(|(id, _)| *id);
    let index = |id: i64| ends.binary_search_by_key(&id, |(n, _)| *n).expect("an end") as u32;

    let mut edges = EdgeList::with_capacity(open.len() * 2);
    for s in open {
        let access = s.access(profile);
        let speed_ms = access.speed_kmh / 3.6;
        let two_way = access.forward && access.backward;
        let edge = NetworkEdge {
            length: s.length,
            duration: Seconds(s.length.0 / speed_ms),
            geometry: s.geometry.clone(),
            way_ids: vec![s.way_id],
            two_way,
        };
        let (a, b) = (index(s.from_node), index(s.to_node));
        if access.backward {
            let mut reverse = edge.clone();
            reverse.geometry.reverse();
            if access.forward {
                edges.push((a, b, edge));
            }
            edges.push((b, a, reverse));
        } else {
            edges.push((a, b, edge));
        }
    }
    let nodes = ends
        .into_iter()
        .map(|(osm_id, position)| NetworkNode { osm_id, position })
        .collect();
    (nodes, edges)
}
