//! What a profile's network holds and what building it dropped, for reports and the
//! `freightsim network` command.
//!
//! Road length (`*_road_km`) counts a street once: a two-way street's two directed edges
//! count half each, a one-way street's edge counts fully. Node and edge counts are after
//! chain collapsing (nodes are junctions and dead ends; edges are directed).

use crate::network::Profile;
use crate::network::components::Dropped;
use crate::network::graph::ProfileGraph;
use crate::units::Meters;
use serde::Serialize;
use std::fmt::Write;

/// Per-profile facts about a built network.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// Profile name (`van`, `truck`, `cargo_bike`).
    pub profile: String,
    /// OSM ways the profile may use in at least one direction.
    pub ways: usize,
    /// Of those, ways whose speed-limit tag holds a number outside 5–150 km/h (a typo or a
    /// unit mistake): their class default speed was used instead.
    pub maxspeed_ignored_ways: usize,
    /// Graph nodes before the SCC filter.
    pub nodes: usize,
    /// Directed edges before the SCC filter.
    pub edges: usize,
    /// Road length before the SCC filter, km (a street counted once).
    pub road_km: f64,
    /// Nodes of the largest strongly connected component (kept).
    pub scc_nodes: usize,
    /// Directed edges kept.
    pub scc_edges: usize,
    /// Road length kept, km.
    pub scc_road_km: f64,
    /// Strongly connected components dropped.
    pub dropped_components: usize,
    /// Nodes dropped.
    pub dropped_nodes: usize,
    /// Directed edges dropped (including those joining the kept component to a dropped one).
    pub dropped_edges: usize,
    /// Road length dropped, km.
    pub dropped_road_km: f64,
    /// Set when the profile has no usable road at all.
    pub warning: Option<String>,
}

impl NetworkSummary {
    /// Summarises a kept `graph` built from `before = (nodes, edges, road length)`.
    pub(crate) fn new(
        profile: Profile,
        (ways, maxspeed_ignored_ways): (usize, usize),
        before: (usize, usize, Meters),
        graph: &ProfileGraph,
        dropped: Dropped,
    ) -> Self {
        let kept_length = graph
            .raw_edges()
            .iter()
            .map(|e| e.weight.road_length())
            .fold(Meters::ZERO, |a, b| a + b);
        let warning = (ways == 0).then(|| {
            format!(
                "no road of the extract is open to {profile}: its network is empty and every \
                 point is unreachable for it"
            )
        });
        NetworkSummary {
            profile: profile.name().to_string(),
            ways,
            maxspeed_ignored_ways,
            nodes: before.0,
            edges: before.1,
            road_km: before.2.km(),
            scc_nodes: graph.node_count(),
            scc_edges: graph.edge_count(),
            scc_road_km: kept_length.km(),
            dropped_components: dropped.components,
            dropped_nodes: dropped.nodes,
            dropped_edges: dropped.edges,
            dropped_road_km: dropped.road_length.km(),
            warning,
        }
    }
}

/// The report of `freightsim network --json`: the extract read and one summary per profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkReport {
    /// Path of the extract, as given.
    pub osm: String,
    /// What decoding the extract dropped or ignored (absent nodes, repeated records, ...).
    pub decode: crate::osm::DecodeReport,
    /// Summaries in [`Profile::ALL`] order.
    pub profiles: Vec<NetworkSummary>,
}

/// A plain-text table of summaries, one line per profile, then any warnings.
pub fn format_table(summaries: &[NetworkSummary]) -> String {
    let mut out = format!(
        "{:<11} {:>7} {:>8} {:>8} {:>9} {:>9} {:>9} {:>17}\n",
        "profile", "ways", "nodes", "edges", "road_km", "scc_nodes", "scc_edges", "dropped"
    );
    for s in summaries {
        let dropped = format!(
            "{} cc/{} n/{:.2} km",
            s.dropped_components, s.dropped_nodes, s.dropped_road_km
        );
        let _ = writeln!(
            out,
            "{:<11} {:>7} {:>8} {:>8} {:>9.2} {:>9} {:>9} {:>17}",
            s.profile, s.ways, s.nodes, s.edges, s.road_km, s.scc_nodes, s.scc_edges, dropped
        );
    }
    for s in summaries {
        if let Some(w) = &s.warning {
            let _ = writeln!(out, "warning: {w}");
        }
        if s.maxspeed_ignored_ways > 0 {
            let _ = writeln!(
                out,
                "note: {}: {} ways have a maxspeed outside 5-150 km/h; their class default \
                 speed is used",
                s.profile, s.maxspeed_ignored_ways
            );
        }
    }
    out
}
