//! One-to-many Dijkstra on a [`Csr`], with a reusable workspace.
//!
//! The heap ([`NodeHeap`]) pops `(cost, node)` pairs smallest first, so among equal costs
//! the lower node index settles first, and arcs only replace a tentative cost they strictly
//! improve: the result (costs and predecessors) is a pure function of the graph and
//! the source. A workspace is reused between searches: arrays are stamped with a search
//! number instead of cleared, so a search costs what it explores, not the graph's size.

use crate::matrix::csr::Csr;
use crate::matrix::heap::NodeHeap;

/// Marks an unreached node or an absent predecessor.
pub const NONE: u32 = u32::MAX;

/// What a search knows of one node; one 16-byte record so a relaxation touches one cache
/// line.
#[derive(Clone, Copy, Debug)]
struct NodeState {
    cost: u64,
    stamp: u32,
    pred: u32,
}

/// Buffers of one search, reused across searches on graphs of the same size.
#[derive(Clone, Debug)]
pub struct Workspace {
    state: Vec<NodeState>,
    round: u32,
    heap: NodeHeap,
}

impl Workspace {
    /// A workspace for graphs of `node_count` nodes.
    pub fn new(node_count: usize) -> Self {
        Workspace {
            state: vec![
                NodeState {
                    cost: u64::MAX,
                    stamp: 0,
                    pred: NONE,
                };
                node_count
            ],
            round: 0,
            heap: NodeHeap::new(node_count),
        }
    }

    /// Cost of `v` found by the last search (`u64::MAX` if not reached).
    #[inline]
    pub fn cost(&self, v: u32) -> u64 {
        let s = &self.state[v as usize];
        if s.stamp == self.round {
            s.cost
        } else {
            u64::MAX
        }
    }

    /// Arc position (in the [`Csr`]) by which the last search reached `v`, if any.
    pub fn pred_arc(&self, v: u32) -> Option<usize> {
        let s = &self.state[v as usize];
        (s.stamp == self.round && s.pred != NONE).then_some(s.pred as usize)
    }

    fn begin(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.state.iter_mut().for_each(|s| s.stamp = 0);
            self.round = 1;
        }
        self.heap.clear();
    }

    /// Runs Dijkstra from `source`, calling `settled(v, cost)` as each node is settled, in
    /// settling order; the search stops when `settled` returns true or every reachable node
    /// is settled. With `RECORD_PRED`, predecessor arcs are kept for [`Workspace::pred_arc`].
    pub fn search<const RECORD_PRED: bool>(
        &mut self,
        csr: &Csr,
        source: u32,
        mut settled: impl FnMut(u32, u64) -> bool,
    ) {
        debug_assert_eq!(self.state.len(), csr.node_count(), "workspace size");
        self.begin();
        let round = self.round;
        self.state[source as usize] = NodeState {
            cost: 0,
            stamp: round,
            pred: NONE,
        };
        self.heap.push(0, source);
        while let Some((_, v)) = self.heap.pop() {
            let cost = self.state[v as usize].cost;
            if settled(v, cost) {
                return;
            }
            for a in csr.arcs_out(v) {
                let w = csr.head(a);
                let next = cost.saturating_add(csr.cost(a));
                let s = &mut self.state[w as usize];
                if s.stamp != round {
                    s.stamp = round;
                    s.cost = next;
                    self.heap.push(next, w);
                } else if next < s.cost {
                    // Settled nodes never get here: their cost is already minimal.
                    s.cost = next;
                    self.heap.decrease(next, w);
                } else {
                    continue;
                }
                if RECORD_PRED {
                    self.state[w as usize].pred = a as u32;
                }
            }
        }
    }
}
