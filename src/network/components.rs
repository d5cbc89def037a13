//! Keep the largest strongly connected component of a profile's graph.
//!
//! A delivery vehicle must be able to leave every place it reaches, so only nodes that can
//! reach, and be reached from, each other are kept: the largest strongly connected component
//! (SCC). Everything else (an island with no road link, a one-way street leading out of the
//! extract, a private courtyard cut off by the bounding box) is dropped and counted.

use crate::network::collapse::EdgeList;
use crate::network::graph::{NetworkNode, ProfileGraph};
use crate::units::Meters;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// What the SCC filter removed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dropped {
    /// Strongly connected components other than the kept one.
    pub components: usize,
    /// Nodes outside the kept component.
    pub nodes: usize,
    /// Edges with at least one end outside the kept component.
    pub edges: usize,
    /// Road length of those edges (a two-way street counted once).
    pub road_length: Meters,
}

/// Builds the graph of the largest SCC of `(nodes, edges)`, the largest being the one with
/// the most length of edges inside it. Ties go to the component holding the lowest node
/// number, so the choice is deterministic. Kept
/// nodes and edges stay in their input order.
pub fn largest_scc(nodes: &[NetworkNode], edges: EdgeList) -> (ProfileGraph, Dropped) {
    let mut full: DiGraph<(), (), u32> = DiGraph::with_capacity(nodes.len(), edges.len());
    for _ in nodes {
        full.add_node(());
    }
    for (from, to, _) in &edges {
        full.add_edge(
            NodeIndex::new(*from as usize),
            NodeIndex::new(*to as usize),
            (),
        );
    }
    let components = tarjan_scc(&full);
    // Size is road length inside the component, not node count: chain collapsing leaves a
    // loop of streets with a single node, which must not lose to a two-node stub.
    let mut component_of = vec![usize::MAX; nodes.len()];
    for (c, members) in components.iter().enumerate() {
        for n in members {
            component_of[n.index()] = c;
        }
    }
    let mut length = vec![0.0f64; components.len()];
    for (from, to, edge) in &edges {
        let c = component_of[*from as usize];
        if c == component_of[*to as usize] {
            length[c] += edge.length.0;
        }
    }
    let lowest = |c: usize| {
        components[c]
            .iter()
            .map(|n| n.index())
            .min()
            .unwrap_or(usize::MAX)
    };
    let best = (0..components.len())
        .max_by(|&a, &b| {
            length[a]
                .total_cmp(&length[b])
                .then(lowest(b).cmp(&lowest(a)))
        })
        .map(|c| &components[c]);

    let mut new_index = vec![u32::MAX; nodes.len()];
    if let Some(best) = best {
        for n in best {
            new_index[n.index()] = 0;
        }
    }
    let mut graph = ProfileGraph::default();
    for (i, node) in nodes.iter().enumerate() {
        if new_index[i] == 0 {
            new_index[i] = graph.add_node(*node).index() as u32;
        }
    }
    let mut dropped = Dropped {
        components: components.len().saturating_sub(1),
        nodes: nodes.len() - graph.node_count(),
        ..Dropped::default()
    };
    for (from, to, edge) in edges {
        let (a, b) = (new_index[from as usize], new_index[to as usize]);
        if a == u32::MAX || b == u32::MAX {
            dropped.edges += 1;
            dropped.road_length += edge.road_length();
        } else {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), edge);
        }
    }
    (graph, dropped)
}
