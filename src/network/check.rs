//! Network invariants, checked without trusting the code that built the network.
//!
//! Tests run [`check`] on every network they build; a violation is a bug in `network`, not
//! bad input.

use crate::network::ProfileNetwork;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use std::collections::VecDeque;

/// Checks every invariant of `network` and returns all violations found (empty when sound):
/// - every edge's endpoints are nodes of the graph, and its geometry starts and ends at their
///   positions;
/// - lengths and durations are positive and finite, so speeds are too;
/// - node positions are finite;
/// - the graph is strongly connected: every node is reached from node 0 and reaches it
///   (breadth-first search forward and backward).
pub fn check(network: &ProfileNetwork) -> Vec<String> {
    let graph = network.graph();
    let mut problems = Vec::new();
    let n = graph.node_count();
    for (i, node) in graph.raw_nodes().iter().enumerate() {
        let p = node.weight.position;
        if !(p.lon.is_finite() && p.lat.is_finite()) {
            problems.push(format!("node {i} has a non-finite position {p:?}"));
        }
        if i > 0 && graph.raw_nodes()[i - 1].weight.osm_id >= node.weight.osm_id {
            problems.push(format!("node {i} is not in increasing OSM id order"));
        }
    }
    for (i, edge) in graph.raw_edges().iter().enumerate() {
        let (a, b) = (edge.source().index(), edge.target().index());
        if a >= n || b >= n {
            problems.push(format!(
                "edge {i} has an endpoint outside the graph ({a} -> {b})"
            ));
            continue;
        }
        let w = &edge.weight;
        if !(w.length.0.is_finite() && w.length.0 > 0.0) {
            problems.push(format!("edge {i} has length {}", w.length));
        }
        if !(w.duration.0.is_finite() && w.duration.0 > 0.0) {
            problems.push(format!("edge {i} has duration {}", w.duration));
        }
        let speed = w.length.0 / w.duration.0;
        if !(speed.is_finite() && speed > 0.0) {
            problems.push(format!("edge {i} has speed {speed} m/s"));
        }
        if w.geometry.len() < 2
            || w.geometry[0] != graph.raw_nodes()[a].weight.position
            || w.geometry[w.geometry.len() - 1] != graph.raw_nodes()[b].weight.position
        {
            problems.push(format!("edge {i} geometry does not join its endpoints"));
        }
    }
    if n > 0 {
        for direction in [Direction::Outgoing, Direction::Incoming] {
            let reached = bfs_count(network, direction);
            if reached != n {
                problems.push(format!(
                    "not strongly connected: {reached} of {n} nodes reached from node 0 ({direction:?})"
                ));
            }
        }
    }
    problems
}

fn bfs_count(network: &ProfileNetwork, direction: Direction) -> usize {
    let graph = network.graph();
    let mut seen = vec![false; graph.node_count()];
    let mut queue = VecDeque::from([NodeIndex::new(0)]);
    seen[0] = true;
    let mut count = 1;
    while let Some(v) = queue.pop_front() {
        for w in graph.neighbors_directed(v, direction) {
            if !seen[w.index()] {
                seen[w.index()] = true;
                count += 1;
                queue.push_back(w);
            }
        }
    }
    count
}
