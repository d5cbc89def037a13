//! Routes between snapped points: a profile network with its adjacency, answering travel
//! matrices and the polyline of one fastest path.

use crate::matrix::TravelMatrix;
use crate::matrix::ch::{ContractionHierarchy, ch_core_matrix};
use crate::matrix::core::Core;
use crate::matrix::csr::{Csr, unpack};
use crate::matrix::dijkstra::Workspace;
use crate::matrix::table::core_matrix;
use crate::network::{ProfileNetwork, Snap};
use crate::units::{LonLat, Meters, Seconds};
use petgraph::graph::{EdgeIndex, NodeIndex};

/// One fastest path between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Length of the path.
    pub distance: Meters,
    /// Travel time of the path.
    pub duration: Seconds,
    /// The edges travelled, in order.
    pub edges: Vec<EdgeIndex>,
    /// The polyline: edge geometries joined end to start.
    pub polyline: Vec<LonLat>,
}

/// A profile network ready for routing.
#[derive(Debug)]
pub struct Router<'a> {
    network: &'a ProfileNetwork,
    csr: Csr,
    core: Core,
}

impl<'a> Router<'a> {
    /// Builds the adjacency of `network`.
    pub fn new(network: &'a ProfileNetwork) -> Self {
        let csr = Csr::from_network(network);
        let core = Core::new(&csr);
        Router { network, csr, core }
    }

    /// A router on `network` with the adjacency `csr` (e.g. with closed edges left out).
    pub fn with_csr(network: &'a ProfileNetwork, csr: Csr) -> Self {
        let core = Core::new(&csr);
        Router { network, csr, core }
    }

    /// The network routed on.
    pub fn network(&self) -> &'a ProfileNetwork {
        self.network
    }

    /// The adjacency.
    pub fn csr(&self) -> &Csr {
        &self.csr
    }

    /// Square travel matrix between graph nodes (repeats allowed).
    pub fn matrix(&self, nodes: &[NodeIndex]) -> TravelMatrix {
        let points: Vec<u32> = nodes.iter().map(|n| n.index() as u32).collect();
        core_matrix(&self.csr, &self.core, &points)
    }

    /// Square travel matrix between snapped points, node to node.
    pub fn matrix_for_snaps(&self, snaps: &[Snap]) -> TravelMatrix {
        let points: Vec<u32> = snaps.iter().map(|s| s.node.index() as u32).collect();
        core_matrix(&self.csr, &self.core, &points)
    }

    /// The contraction hierarchy of this router's core (see [`crate::matrix::ch`]), for
    /// [`Router::matrix_for_snaps_ch`].
    pub fn contraction_hierarchy(&self) -> ContractionHierarchy {
        ContractionHierarchy::new(&self.core.csr)
    }

    /// As [`Router::matrix_for_snaps`], the core costs taken from `ch` (this router's
    /// [`Router::contraction_hierarchy`]): the same matrix, bit for bit.
    ///
    /// # Panics
    /// If `ch` is not a hierarchy of a graph the size of this router's core.
    pub fn matrix_for_snaps_ch(&self, ch: &ContractionHierarchy, snaps: &[Snap]) -> TravelMatrix {
        assert_eq!(
            ch.node_count(),
            self.core.core_size(),
            "hierarchy of this core"
        );
        let points: Vec<u32> = snaps.iter().map(|s| s.node.index() as u32).collect();
        ch_core_matrix(&self.csr, &self.core, ch, &points)
    }

    /// The fastest route from `from` to `to`, or `None` when `to` is unreachable.
    /// Recomputes one search (stopping at `to`) with predecessor arcs.
    pub fn route(&self, from: NodeIndex, to: NodeIndex) -> Option<Route> {
        let mut workspace = Workspace::new(self.csr.node_count());
        let target = self.csr.rank(to.index() as u32);
        let source = self.csr.rank(from.index() as u32);
        workspace.search::<true>(&self.csr, source, |v, _| v == target);
        let cost = workspace.cost(target);
        if cost == u64::MAX {
            return None;
        }
        let mut edges = Vec::new();
        let mut v = target;
        while let Some(a) = workspace.pred_arc(v) {
            let e = EdgeIndex::new(self.csr.arc_id(a) as usize);
            edges.push(e);
            assert!(edges.len() <= self.csr.node_count(), "predecessor cycle");
            let tail = self.network.graph().edge_endpoints(e).expect("arc edge").0;
            v = self.csr.rank(tail.index() as u32);
        }
        edges.reverse();
        let mut polyline = vec![self.network.node(from).position];
        for e in &edges {
            polyline.extend_from_slice(&self.network.graph()[*e].geometry[1..]);
        }
        let (distance, duration) = unpack(cost);
        Some(Route {
            distance,
            duration,
            edges,
            polyline,
        })
    }

    /// The polyline of the fastest path from `from` to `to`, or `None` when unreachable.
    pub fn path(&self, from: NodeIndex, to: NodeIndex) -> Option<Vec<LonLat>> {
        self.route(from, to).map(|r| r.polyline)
    }
}
