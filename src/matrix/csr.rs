//! Compact adjacency (CSR) of one profile's graph, with integer travel costs.
//!
//! Each arc carries one `u64` cost packing its duration in milliseconds (high 32 bits) and
//! its length in centimetres (low 32 bits). Adding packed costs adds both parts, and comparing
//! them compares duration first, then length: a shortest path under the packed cost is the
//! **fastest** path, and among equally fast ones the shortest. Integer costs make sums exact,
//! so results do not depend on the order arcs are added in.
//!
//! Nodes are renumbered along a Hilbert curve of their positions ([`Csr::from_network`]):
//! nearby nodes get nearby numbers, so a search walks memory mostly in order. OSM ids, the
//! graph's own order, are scattered by decades of edits; on Malta the reordering makes
//! matrices markedly faster. [`Csr::rank`] maps a graph node to its CSR number.
//!
//! Limits: a path is at most 2³² ms (49 days) long in time and 2³² cm (42,949 km) in distance;
//! arcs are clamped to those, and path sums saturate. Rounding is to 1 ms and 1 cm per arc,
//! and an arc lasts at least 1 ms.

use crate::network::ProfileNetwork;
use crate::units::{Meters, Seconds};

/// Packs an arc's duration and distance into one cost (see the module doc). Durations are
/// at least 1 ms, so every arc strictly lengthens a path's duration (the heap relies on it).
pub fn pack(duration: Seconds, distance: Meters) -> u64 {
    let ms = (duration.0 * 1000.0).round().clamp(1.0, u32::MAX as f64) as u64;
    let cm = (distance.0 * 100.0).round().clamp(0.0, u32::MAX as f64) as u64;
    (ms << 32) | cm
}

/// Unpacks a path cost into its distance and duration; `u64::MAX` (unreached) gives
/// infinities.
pub fn unpack(cost: u64) -> (Meters, Seconds) {
    if cost == u64::MAX {
        return (Meters::INFINITY, Seconds::INFINITY);
    }
    let ms = (cost >> 32) as f64;
    let cm = (cost & 0xFFFF_FFFF) as f64;
    (Meters(cm / 100.0), Seconds(ms / 1000.0))
}

/// Forward adjacency arrays: the arcs out of node `v` are `first_out[v]..first_out[v + 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Csr {
    rank: Vec<u32>,
    first_out: Vec<u32>,
    head: Vec<u32>,
    cost: Vec<u64>,
    arc_id: Vec<u32>,
}

impl Csr {
    /// Builds the adjacency of `node_count` nodes from `(from, to, length, duration)` arcs.
    /// Arc `i` of the input keeps id `i` ([`Csr::arc_id`]); the arcs out of one node keep
    /// their input order.
    ///
    /// # Panics
    /// If an arc names a node `>= node_count` (a programming error).
    pub fn new(node_count: usize, arcs: &[(u32, u32, Meters, Seconds)]) -> Self {
        Csr::with_rank((0..node_count as u32).collect(), arcs)
    }

    /// As [`Csr::new`], node `v` of the arcs becoming CSR node `rank[v]` (a permutation).
    fn with_rank(rank: Vec<u32>, arcs: &[(u32, u32, Meters, Seconds)]) -> Self {
        let packed: Vec<(u32, u32, u64)> = arcs
            .iter()
            .map(|(from, to, length, duration)| {
                assert!((*to as usize) < rank.len(), "arc head {to} out of range");
                (
                    rank[*from as usize],
                    rank[*to as usize],
                    pack(*duration, *length),
                )
            })
            .collect();
        Csr::from_packed(rank, &packed)
    }

    /// Adjacency from arcs `(from, to, packed cost)` already in CSR numbering; arc `i` keeps
    /// id `i`. `rank` is stored as given.
    pub(crate) fn from_packed(rank: Vec<u32>, arcs: &[(u32, u32, u64)]) -> Self {
        let node_count = rank.len();
        let mut first_out = vec![0u32; node_count + 1];
        for (from, _, _) in arcs {
            first_out[*from as usize + 1] += 1;
        }
        for v in 0..node_count {
            first_out[v + 1] += first_out[v];
        }
        let mut next = first_out.clone();
        let m = arcs.len();
        let (mut head, mut cost, mut arc_id) = (vec![0; m], vec![0; m], vec![0; m]);
        for (i, (from, to, c)) in arcs.iter().enumerate() {
            let slot = next[*from as usize] as usize;
            next[*from as usize] += 1;
            head[slot] = *to;
            cost[slot] = *c;
            arc_id[slot] = i as u32;
        }
        Csr {
            rank,
            first_out,
            head,
            cost,
            arc_id,
        }
    }

    /// Adjacency of a profile network, nodes in Hilbert-curve order; arc ids are the graph's
    /// edge indices.
    pub fn from_network(network: &ProfileNetwork) -> Self {
        let nodes = network.graph().raw_nodes();
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for n in nodes {
            let p = [n.weight.position.lon, n.weight.position.lat];
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let cell = |v: f64, k: usize| {
            let span = (hi[k] - lo[k]).max(1e-12);
            (((v - lo[k]) / span) * 65535.0).round() as u32
        };
        let mut order: Vec<(u64, u32)> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let p = n.weight.position;
                (hilbert_index(cell(p.lon, 0), cell(p.lat, 1)), i as u32)
            })
            .collect();
        order.sort_unstable();
        let mut rank = vec![0u32; nodes.len()];
        for (r, (_, v)) in order.iter().enumerate() {
            rank[*v as usize] = r as u32;
        }
        let arcs: Vec<(u32, u32, Meters, Seconds)> = network
            .graph()
            .raw_edges()
            .iter()
            .map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    e.weight.length,
                    e.weight.duration,
                )
            })
            .collect();
        Csr::with_rank(rank, &arcs)
    }

    /// As [`Csr::from_network`] without the edges `closed` says are closed; arc ids stay the
    /// graph's edge indices.
    pub fn from_network_without(network: &ProfileNetwork, closed: &[bool]) -> Self {
        let mut csr = Csr::from_network(network);
        let n = csr.rank.len();
        let mut first_out = Vec::with_capacity(n + 1);
        let (mut head, mut cost, mut arc_id) = (Vec::new(), Vec::new(), Vec::new());
        for u in 0..n {
            first_out.push(head.len() as u32);
            for a in csr.first_out[u] as usize..csr.first_out[u + 1] as usize {
                if !closed[csr.arc_id[a] as usize] {
                    head.push(csr.head[a]);
                    cost.push(csr.cost[a]);
                    arc_id.push(csr.arc_id[a]);
                }
            }
        }
        first_out.push(head.len() as u32);
        csr.first_out = first_out;
        csr.head = head;
        csr.cost = cost;
        csr.arc_id = arc_id;
        csr
    }

    /// CSR number of graph node `v`.
    #[inline]
    pub fn rank(&self, v: u32) -> u32 {
        self.rank[v as usize]
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.first_out.len() - 1
    }

    /// Number of arcs.
    pub fn arc_count(&self) -> usize {
        self.head.len()
    }

    /// Positions (in the arc arrays) of the arcs out of `v`.
    #[inline]
    pub fn arcs_out(&self, v: u32) -> std::ops::Range<usize> {
        self.first_out[v as usize] as usize..self.first_out[v as usize + 1] as usize
    }

    /// Head node of the arc at position `a`.
    #[inline]
    pub fn head(&self, a: usize) -> u32 {
        self.head[a]
    }

    /// Packed cost of the arc at position `a`.
    #[inline]
    pub fn cost(&self, a: usize) -> u64 {
        self.cost[a]
    }

    /// Input id (for a network, the edge index) of the arc at position `a`.
    #[inline]
    pub fn arc_id(&self, a: usize) -> u32 {
        self.arc_id[a]
    }
}

/// Position of cell `(x, y)` along a Hilbert curve over a 2¹⁶ × 2¹⁶ grid.
fn hilbert_index(mut x: u32, mut y: u32) -> u64 {
    let mut d = 0u64;
    let mut s = 1u32 << 15;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = (s - 1).wrapping_sub(x) & 0xFFFF;
                y = (s - 1).wrapping_sub(y) & 0xFFFF;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s >>= 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_costs_add_and_compare_duration_first() {
        let a = pack(Seconds(1.5), Meters(10.0));
        let b = pack(Seconds(1.5), Meters(12.0));
        let c = pack(Seconds(1.0), Meters(500.0));
        assert!(a < b && c < a);
        assert_eq!(unpack(a + c), (Meters(510.0), Seconds(2.5)));
        assert_eq!(unpack(u64::MAX), (Meters::INFINITY, Seconds::INFINITY));
    }

    #[test]
    fn hilbert_index_visits_a_4x4_grid_once() {
        let mut seen: Vec<u64> = (0..4)
            .flat_map(|x| (0..4).map(move |y| hilbert_index(x << 14, y << 14) >> 28))
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..16).collect::<Vec<u64>>());
        assert_eq!(hilbert_index(0, 0), 0);
    }

    #[test]
    fn arcs_grouped_by_tail_keep_input_order() {
        let arcs = [
            (1, 0, Meters(1.0), Seconds(1.0)),
            (0, 1, Meters(2.0), Seconds(2.0)),
            (1, 2, Meters(3.0), Seconds(3.0)),
        ];
        let csr = Csr::new(3, &arcs);
        assert_eq!(csr.arcs_out(0), 0..1);
        assert_eq!(csr.arcs_out(1), 1..3);
        assert_eq!(csr.arcs_out(2), 3..3);
        assert_eq!((csr.head(1), csr.arc_id(1)), (0, 0));
        assert_eq!((csr.head(2), csr.arc_id(2)), (2, 2));
    }
}
