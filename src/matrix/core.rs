//! The core of a graph: what remains once dangling trees are peeled off, so matrix searches
//! settle fewer nodes.
//!
//! A dead-end street, or a small tree of them, hangs off the rest of the network by one
//! node, its *root*. No fastest path between two nodes outside a tree enters it, and every
//! path into or out of it passes its root. So a matrix row searches the core only (from the
//! source's root to the targets' roots) and adds the fixed tree legs: the cost from the
//! source up to its root, and from a target's root down to the target. Two points in the same
//! tree are joined by their unique tree path, through their lowest common ancestor. On
//! Malta's van network about a fifth of the nodes are in such trees.
//!
//! Trees are found by repeatedly removing nodes with a single neighbour (arcs taken as
//! undirected, loops ignored). A missing direction (possible outside a strongly connected
//! graph) makes a leg infinite, which is right: that stretch cannot be travelled that way.

use crate::matrix::csr::Csr;
use crate::matrix::dijkstra::NONE;

/// Cost meaning "no path".
const INF: u64 = u64::MAX;

/// A [`Csr`]'s core graph and the legs of its dangling trees (all in the CSR's numbering).
#[derive(Clone, Debug)]
pub struct Core {
    /// The core graph; its node `i` is CSR node `core_nodes[i]`.
    pub(crate) csr: Csr,
    /// CSR node → core node number (`NONE` for tree nodes).
    pub(crate) core_index: Vec<u32>,
    /// Root (a core node, CSR numbering) of every node; a core node is its own root.
    pub(crate) root: Vec<u32>,
    parent: Vec<u32>,
    depth: Vec<u32>,
    /// Cost of the arc node → parent, and parent → node.
    up_arc: Vec<u64>,
    down_arc: Vec<u64>,
    /// Cost from the node up to its root, and from its root down to it.
    pub(crate) up: Vec<u64>,
    pub(crate) down: Vec<u64>,
}

/// Cheapest arc `from → to` of `csr`.
fn arc_cost(csr: &Csr, from: u32, to: u32) -> u64 {
    csr.arcs_out(from)
        .filter(|&a| csr.head(a) == to)
        .map(|a| csr.cost(a))
        .min()
        .unwrap_or(INF)
}

impl Core {
    /// Peels the dangling trees of `csr`.
    pub fn new(csr: &Csr) -> Self {
        let n = csr.node_count();
        let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
        for v in 0..n as u32 {
            for a in csr.arcs_out(v) {
                let w = csr.head(a);
                if w != v {
                    neighbours[v as usize].push(w);
                    neighbours[w as usize].push(v);
                }
            }
        }
        for list in &mut neighbours {
            list.sort_unstable();
            list.dedup();
        }
        let mut degree: Vec<usize> = neighbours.iter().map(Vec::len).collect();
        let mut peeled = vec![false; n];
        let mut parent = vec![NONE; n];
        let mut order = Vec::new();
        let mut stack: Vec<u32> = (0..n as u32).filter(|&v| degree[v as usize] == 1).collect();
        while let Some(v) = stack.pop() {
            if peeled[v as usize] || degree[v as usize] != 1 {
                continue;
            }
            let p = *neighbours[v as usize]
                .iter()
                .find(|&&w| !peeled[w as usize])
                .expect("a node of degree 1 has a neighbour left");
            peeled[v as usize] = true;
            parent[v as usize] = p;
            order.push(v);
            degree[p as usize] -= 1;
            if degree[p as usize] == 1 {
                stack.push(p);
            }
        }

        let mut root: Vec<u32> = (0..n as u32).collect();
        let (mut depth, mut up, mut down) = (vec![0u32; n], vec![0u64; n], vec![0u64; n]);
        let (mut up_arc, mut down_arc) = (vec![0u64; n], vec![0u64; n]);
        for &v in order.iter().rev() {
            let (v, p) = (v as usize, parent[v as usize]);
            up_arc[v] = arc_cost(csr, v as u32, p);
            down_arc[v] = arc_cost(csr, p, v as u32);
            root[v] = root[p as usize];
            depth[v] = depth[p as usize] + 1;
            up[v] = up_arc[v].saturating_add(up[p as usize]);
            down[v] = down[p as usize].saturating_add(down_arc[v]);
        }

        let mut core_index = vec![NONE; n];
        let mut core_nodes = Vec::new();
        for v in 0..n {
            if !peeled[v] {
                core_index[v] = core_nodes.len() as u32;
                core_nodes.push(v as u32);
            }
        }
        let mut arcs = Vec::new();
        for &v in &core_nodes {
            for a in csr.arcs_out(v) {
                let w = core_index[csr.head(a) as usize];
                if w != NONE {
                    arcs.push((core_index[v as usize], w, csr.cost(a)));
                }
            }
        }
        let identity = (0..core_nodes.len() as u32).collect();
        Core {
            csr: Csr::from_packed(identity, &arcs),
            core_index,
            root,
            parent,
            depth,
            up_arc,
            down_arc,
            up,
            down,
        }
    }

    /// Number of nodes left in the core.
    pub fn core_size(&self) -> usize {
        self.csr.node_count()
    }

    /// Cost from `s` to `t`, two nodes with the same root, along the tree path through their
    /// lowest common ancestor.
    pub(crate) fn within_tree(&self, mut s: u32, mut t: u32) -> u64 {
        let mut cost = 0u64;
        while s != t {
            if self.depth[s as usize] >= self.depth[t as usize] {
                cost = cost.saturating_add(self.up_arc[s as usize]);
                s = self.parent[s as usize];
            } else {
                cost = cost.saturating_add(self.down_arc[t as usize]);
                t = self.parent[t as usize];
            }
        }
        cost
    }
}
