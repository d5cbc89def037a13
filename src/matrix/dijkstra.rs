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

/// Buffers of one search, reused across searches on graphs of the same size.
#[derive(Clone, Debug)]
pub struct Workspace {
    cost: Vec<u64>,
    pred: Vec<u32>,
    stamp: Vec<u32>,
    round: u32,
    heap: NodeHeap,
}

impl Workspace {
    /// A workspace for graphs of `node_count` nodes.
    pub fn new(node_count: usize) -> Self {
        Workspace {
            cost: vec![u64::MAX; node_count],
            pred: vec![NONE; node_count],
            stamp: vec![0; node_count],
            round: 0,
            heap: NodeHeap::new(node_count),
        }
    }

    /// Cost of `v` found by the last search (`u64::MAX` if not reached).
    #[inline]
    pub fn cost(&self, v: u32) -> u64 {
        if self.stamp[v as usize] == self.round {
            self.cost[v as usize]
        } else {
            u64::MAX
        }
    }

    /// Arc position (in the [`Csr`]) by which the last search reached `v`, if any.
    pub fn pred_arc(&self, v: u32) -> Option<usize> {
        (self.stamp[v as usize] == self.round && self.pred[v as usize] != NONE)
            .then_some(self.pred[v as usize] as usize)
    }

    fn begin(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.fill(0);
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
        debug_assert_eq!(self.cost.len(), csr.node_count(), "workspace size");
        self.begin();
        let round = self.round;
        self.stamp[source as usize] = round;
        self.cost[source as usize] = 0;
        self.pred[source as usize] = NONE;
        self.heap.push(0, source);
        while let Some((cost, v)) = self.heap.pop() {
            if settled(v, cost) {
                return;
            }
            for a in csr.arcs_out(v) {
                let w = csr.head(a) as usize;
                let next = cost.saturating_add(csr.cost(a));
                if self.stamp[w] != round {
                    self.stamp[w] = round;
                    self.heap.push(next, w as u32);
                } else if next < self.cost[w] {
                    // Settled nodes never get here: their cost is already minimal.
                    self.heap.decrease(next, w as u32);
                } else {
                    continue;
                }
                self.cost[w] = next;
                if RECORD_PRED {
                    self.pred[w] = a as u32;
                }
            }
        }
    }
}
