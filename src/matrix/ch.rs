//! A contraction hierarchy (CH) over a graph's core, for large travel matrices.
//!
//! Nodes are *contracted* one at a time, least important first: a contracted node leaves
//! the graph, and wherever the only fastest way between two of its remaining neighbours
//! went through it, a *shortcut* arc joins them with the summed cost. Every arc then leads
//! either up (to a node contracted later) or down, and every fastest path has a same-cost
//! path that only climbs, then only descends. A query searches upward from the source and,
//! in reverse, upward from the target; the best meeting node gives the cost.
//!
//! # Exactness
//! Costs are the packed `u64` of [`super::csr`], summed exactly (saturating at the
//! unreachable `u64::MAX`). The searches compute the least sum over up-down paths, which is
//! the least sum over all paths: a packed cost's minimum is one integer, so the matrix is
//! the same, bit for bit, as the per-row Dijkstra of [`super::table`]. A *witness search*
//! (a bounded Dijkstra that avoids the node being contracted) skips a shortcut when another
//! path is no dearer; it stops after [`CONTRACT_SETTLE_LIMIT`] settled nodes, so a witness
//! it misses only adds a superfluous shortcut, never a wrong cost.
//!
//! # Order
//! A node's priority is its *edge difference* (shortcuts its contraction would add, minus the
//! arcs it removes) plus the number of its neighbours already contracted (which spreads the
//! contraction over the graph); ties go to the lower node number. Priorities are updated
//! lazily: a node popped from the queue is re-evaluated and put back if it is no longer the
//! least, and a contracted node's neighbours are re-evaluated. Everything is a pure function
//! of the graph: no hash-map order, no time budget, no threads during contraction.
//!
//! # Many-to-many
//! [`ContractionHierarchy::many_to_many`] runs one backward upward search per target, which
//! leaves `(target, cost)` in a *bucket* at every node it settles, then one forward upward
//! search per source, which scans the buckets of the nodes it settles. Searches use
//! *stall-on-demand*: a node reached more dearly than a higher neighbour's cost plus the arc
//! down from it is not on any upward fastest path, and is neither expanded nor used as a
//! meeting point. Searches run in parallel over targets and over sources; each is
//! deterministic and the result is a minimum of exact integers, so it does not depend on the
//! number of threads.

use crate::matrix::TravelMatrix;
use crate::matrix::core::Core;
use crate::matrix::csr::{Csr, unpack};
use crate::matrix::dijkstra::NONE;
use crate::matrix::heap::NodeHeap;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Cost meaning "no path".
const INF: u64 = u64::MAX;

/// Nodes a witness search settles before giving up, when contracting.
pub const CONTRACT_SETTLE_LIMIT: usize = 500;

/// Nodes a witness search settles before giving up, when estimating a priority (cheaper,
/// and a pessimistic estimate only affects the order).
const ESTIMATE_SETTLE_LIMIT: usize = 60;

/// Arcs of one direction of the hierarchy, grouped by node.
#[derive(Clone, Debug, Default)]
struct UpGraph {
    first: Vec<u32>,
    head: Vec<u32>,
    cost: Vec<u64>,
}

impl UpGraph {
    fn from_lists(lists: &[Vec<(u32, u64)>]) -> Self {
        let mut g = UpGraph {
            first: Vec::with_capacity(lists.len() + 1),
            ..UpGraph::default()
        };
        for list in lists {
            g.first.push(g.head.len() as u32);
            for &(w, c) in list {
                g.head.push(w);
                g.cost.push(c);
            }
        }
        g.first.push(g.head.len() as u32);
        g
    }

    #[inline]
    fn arcs(&self, v: u32) -> std::ops::Range<usize> {
        self.first[v as usize] as usize..self.first[v as usize + 1] as usize
    }
}

/// A contraction hierarchy of one graph (see the module doc).
#[derive(Clone, Debug)]
pub struct ContractionHierarchy {
    /// Contraction order of every node (0 first).
    rank: Vec<u32>,
    /// Arcs `v → w` with `w` contracted after `v`, grouped by `v`.
    up: UpGraph,
    /// Arcs `u → v` with `u` contracted after `v`, grouped by `v`, head `u`.
    down: UpGraph,
}

/// The graph still to contract: arcs between uncontracted nodes, the cheapest of parallel
/// ones, no loops.
struct Remaining {
    out: Vec<Vec<(u32, u64)>>,
    inn: Vec<Vec<(u32, u64)>>,
}

impl Remaining {
    /// Adds arc `u → w`, or lowers the cost of the one there.
    fn add(&mut self, u: u32, w: u32, cost: u64) {
        if u == w {
            return;
        }
        if let Some(e) = self.out[u as usize].iter_mut().find(|e| e.0 == w) {
            if cost < e.1 {
                e.1 = cost;
                let f = self.inn[w as usize]
                    .iter_mut()
                    .find(|e| e.0 == u)
                    .expect("arcs listed both ways");
                f.1 = cost;
            }
            return;
        }
        self.out[u as usize].push((w, cost));
        self.inn[w as usize].push((u, cost));
    }
}

/// Bounded Dijkstra on the remaining graph, reused across witness searches.
struct Witness {
    cost: Vec<u64>,
    stamp: Vec<u32>,
    round: u32,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Witness {
    fn new(n: usize) -> Self {
        Witness {
            cost: vec![INF; n],
            stamp: vec![0; n],
            round: 0,
            heap: BinaryHeap::new(),
        }
    }

    #[inline]
    fn cost(&self, v: u32) -> u64 {
        if self.stamp[v as usize] == self.round {
            self.cost[v as usize]
        } else {
            INF
        }
    }

    /// Costs from `source` avoiding `skip`, exact up to `bound` for the nodes settled, within
    /// `limit` settled nodes; nodes reached but not settled keep a path's cost (an upper
    /// bound, still a valid witness).
    fn run(&mut self, g: &Remaining, source: u32, skip: u32, bound: u64, limit: usize) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.heap.clear();
        self.stamp[source as usize] = self.round;
        self.cost[source as usize] = 0;
        self.heap.push(Reverse((0, source)));
        let mut settled = 0;
        while let Some(Reverse((c, v))) = self.heap.pop() {
            if c > self.cost(v) {
                continue;
            }
            if c > bound || settled >= limit {
                break;
            }
            settled += 1;
            for &(w, a) in &g.out[v as usize] {
                if w == skip {
                    continue;
                }
                let next = c.saturating_add(a);
                if next < self.cost(w) {
                    self.stamp[w as usize] = self.round;
                    self.cost[w as usize] = next;
                    self.heap.push(Reverse((next, w)));
                }
            }
        }
    }
}

/// The shortcuts contracting `v` needs (`u → w` with cost), witness searches settling at most
/// `limit` nodes; with `collect` false only their number is returned (the list stays empty).
fn shortcuts(
    g: &Remaining,
    witness: &mut Witness,
    v: u32,
    limit: usize,
    found: &mut Vec<(u32, u32, u64)>,
    collect: bool,
) -> usize {
    let mut count = 0;
    let outs = &g.out[v as usize];
    for &(u, c1) in &g.inn[v as usize] {
        let Some(max_out) = outs.iter().filter(|e| e.0 != u).map(|e| e.1).max() else {
            continue;
        };
        witness.run(g, u, v, c1.saturating_add(max_out), limit);
        for &(w, c2) in outs {
            let via = c1.saturating_add(c2);
            if w != u && witness.cost(w) > via {
                count += 1;
                if collect {
                    found.push((u, w, via));
                }
            }
        }
    }
    count
}

impl ContractionHierarchy {
    /// Contracts every node of `csr` (see the module doc for the order).
    pub fn new(csr: &Csr) -> Self {
        let n = csr.node_count();
        let mut g = Remaining {
            out: vec![Vec::new(); n],
            inn: vec![Vec::new(); n],
        };
        for v in 0..n as u32 {
            for a in csr.arcs_out(v) {
                g.add(v, csr.head(a), csr.cost(a));
            }
        }
        let mut witness = Witness::new(n);
        let mut scratch = Vec::new();
        let mut contracted_neighbours = vec![0i64; n];
        let mut contracted = vec![false; n];
        let priority = |g: &Remaining, witness: &mut Witness, cn: &[i64], v: u32| -> i64 {
            let mut none = Vec::new();
            let added = shortcuts(g, witness, v, ESTIMATE_SETTLE_LIMIT, &mut none, false);
            let removed = g.out[v as usize].len() + g.inn[v as usize].len();
            added as i64 - removed as i64 + cn[v as usize]
        };
        let mut current: Vec<i64> = (0..n as u32)
            .map(|v| priority(&g, &mut witness, &contracted_neighbours, v))
            .collect();
        let mut queue: BinaryHeap<Reverse<(i64, u32)>> = (0..n as u32)
            .map(|v| Reverse((current[v as usize], v)))
            .collect();
        let mut rank = vec![NONE; n];
        let mut up = vec![Vec::new(); n];
        let mut down = vec![Vec::new(); n];
        let mut next_rank = 0u32;
        let mut neighbours: Vec<u32> = Vec::new();
        while let Some(Reverse((p, v))) = queue.pop() {
            if contracted[v as usize] || p != current[v as usize] {
                continue; // a stale entry
            }
            let fresh = priority(&g, &mut witness, &contracted_neighbours, v);
            if fresh != p {
                current[v as usize] = fresh;
                if let Some(&Reverse(top)) = queue.peek()
                    && (fresh, v) > top
                {
                    queue.push(Reverse((fresh, v)));
                    continue;
                }
            }
            scratch.clear();
            shortcuts(
                &g,
                &mut witness,
                v,
                CONTRACT_SETTLE_LIMIT,
                &mut scratch,
                true,
            );
            contracted[v as usize] = true;
            rank[v as usize] = next_rank;
            next_rank += 1;
            let outs = std::mem::take(&mut g.out[v as usize]);
            let ins = std::mem::take(&mut g.inn[v as usize]);
            for &(w, _) in &outs {
                g.inn[w as usize].retain(|e| e.0 != v);
            }
            for &(u, _) in &ins {
                g.out[u as usize].retain(|e| e.0 != v);
            }
            for &(u, w, c) in &scratch {
                g.add(u, w, c);
            }
            neighbours.clear();
            neighbours.extend(outs.iter().chain(&ins).map(|e| e.0));
            neighbours.sort_unstable();
            neighbours.dedup();
            up[v as usize] = outs;
            down[v as usize] = ins;
            for &x in &neighbours {
                contracted_neighbours[x as usize] += 1;
                let p = priority(&g, &mut witness, &contracted_neighbours, x);
                if p != current[x as usize] {
                    current[x as usize] = p;
                    queue.push(Reverse((p, x)));
                }
            }
        }
        ContractionHierarchy {
            rank,
            up: UpGraph::from_lists(&up),
            down: UpGraph::from_lists(&down),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.rank.len()
    }

    /// Number of arcs of the hierarchy (original and shortcuts).
    pub fn arc_count(&self) -> usize {
        self.up.head.len() + self.down.head.len()
    }

    /// Costs from every node of `sources` to every node of `targets` (row-major,
    /// `sources.len() × targets.len()`; `u64::MAX` where unreachable).
    pub fn many_to_many(&self, sources: &[u32], targets: &[u32]) -> Vec<u64> {
        let n = self.node_count();
        let spaces: Vec<Vec<(u32, u64)>> = targets
            .par_iter()
            .map_init(
                || Upward::new(n),
                |search, &t| {
                    let mut space = Vec::new();
                    search.run(&self.down, &self.up, t, |v, c| space.push((v, c)));
                    space
                },
            )
            .collect();
        // Buckets: the (target, cost) pairs left at each node, grouped by node.
        let mut first = vec![0u32; n + 1];
        for space in &spaces {
            for &(v, _) in space {
                first[v as usize + 1] += 1;
            }
        }
        for v in 0..n {
            first[v + 1] += first[v];
        }
        let mut next = first.clone();
        let mut bucket = vec![(0u32, 0u64); first[n] as usize];
        for (t, space) in spaces.iter().enumerate() {
            for &(v, c) in space {
                bucket[next[v as usize] as usize] = (t as u32, c);
                next[v as usize] += 1;
            }
        }
        let width = targets.len();
        let rows: Vec<Vec<u64>> = sources
            .par_iter()
            .map_init(
                || Upward::new(n),
                |search, &s| {
                    let mut row = vec![INF; width];
                    search.run(&self.up, &self.down, s, |v, c| {
                        for &(t, d) in
                            &bucket[first[v as usize] as usize..first[v as usize + 1] as usize]
                        {
                            let total = c.saturating_add(d);
                            if total < row[t as usize] {
                                row[t as usize] = total;
                            }
                        }
                    });
                    row
                },
            )
            .collect();
        rows.concat()
    }
}

/// One upward search with stall-on-demand, reused across searches.
struct Upward {
    cost: Vec<u64>,
    stamp: Vec<u32>,
    round: u32,
    heap: NodeHeap,
}

impl Upward {
    fn new(n: usize) -> Self {
        Upward {
            cost: vec![INF; n],
            stamp: vec![0; n],
            round: 0,
            heap: NodeHeap::new(n),
        }
    }

    #[inline]
    fn cost(&self, v: u32) -> u64 {
        if self.stamp[v as usize] == self.round {
            self.cost[v as usize]
        } else {
            INF
        }
    }

    /// Dijkstra from `source` along `relax` (arcs to higher nodes), calling `settled(v, cost)`
    /// for every settled node not stalled. `stall` holds, per node, the arcs that join it to
    /// higher nodes in the other direction: a node whose cost exceeds a higher neighbour's
    /// cost plus such an arc is stalled (its cost is not that of a fastest path).
    ///
    /// The heap orders by the duration half of a cost; exact because every arc, shortcuts
    /// included, lasts at least 1 ms (see [`super::heap`]).
    fn run(
        &mut self,
        relax: &UpGraph,
        stall: &UpGraph,
        source: u32,
        mut settled: impl FnMut(u32, u64),
    ) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.heap.clear();
        let round = self.round;
        self.stamp[source as usize] = round;
        self.cost[source as usize] = 0;
        self.heap.push(0, source);
        while let Some((_, v)) = self.heap.pop() {
            let c = self.cost[v as usize];
            let stalled = stall
                .arcs(v)
                .any(|a| self.cost(stall.head[a]).saturating_add(stall.cost[a]) < c);
            if stalled {
                continue;
            }
            settled(v, c);
            for a in relax.arcs(v) {
                let w = relax.head[a];
                let next = c.saturating_add(relax.cost[a]);
                if self.stamp[w as usize] != round {
                    self.stamp[w as usize] = round;
                    self.cost[w as usize] = next;
                    self.heap.push(next, w);
                } else if next < self.cost[w as usize] {
                    self.cost[w as usize] = next;
                    self.heap.decrease(next, w);
                }
            }
        }
    }
}

/// As [`super::table::core_matrix`], the core costs taken from `ch`, a hierarchy of
/// `core.csr`: the same matrix, bit for bit.
///
/// # Panics
/// If a point is not a node of `csr` (a programming error: points come from snapping).
pub(crate) fn ch_core_matrix(
    csr: &Csr,
    core: &Core,
    ch: &ContractionHierarchy,
    points: &[u32],
) -> TravelMatrix {
    let points = crate::matrix::table::ranked_points(csr, points);
    // Distinct roots (core numbering) in order of first appearance, and each point's slot.
    let mut slot = vec![NONE; core.core_size()];
    let mut roots = Vec::new();
    let columns: Vec<u32> = points
        .iter()
        .map(|&p| {
            let c = core.core_index[core.root[p as usize] as usize];
            if slot[c as usize] == NONE {
                slot[c as usize] = roots.len() as u32;
                roots.push(c);
            }
            slot[c as usize]
        })
        .collect();
    let between = ch.many_to_many(&roots, &roots);
    let k = roots.len();
    let size = points.len();
    let mut distance_m = Vec::with_capacity(size * size);
    let mut duration_s = Vec::with_capacity(size * size);
    for (&source, &row) in points.iter().zip(&columns) {
        let root = core.root[source as usize];
        let up = core.up[source as usize];
        for (&target, &col) in points.iter().zip(&columns) {
            let cost = if core.root[target as usize] == root {
                core.within_tree(source, target)
            } else {
                up.saturating_add(between[row as usize * k + col as usize])
                    .saturating_add(core.down[target as usize])
            };
            let (d, t) = unpack(cost);
            distance_m.push(d.0);
            duration_s.push(t.0);
        }
    }
    TravelMatrix::from_rows(size, distance_m, duration_s)
}

/// Distinct roots among `points` (graph node numbers, as [`ch_core_matrix`] takes them): the
/// number of searches a matrix between them needs.
pub(crate) fn distinct_roots(csr: &Csr, core: &Core, points: &[u32]) -> usize {
    let mut roots: Vec<u32> = points
        .iter()
        .map(|&p| core.root[csr.rank(p) as usize])
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::csr::pack;
    use crate::matrix::dijkstra::Workspace;
    use crate::matrix::table::core_matrix;
    use crate::network::Profile;
    use crate::units::{Meters, Seconds};

    /// Costs from `s` to every node of `csr`, by the plain Dijkstra.
    fn dijkstra_row(csr: &Csr, workspace: &mut Workspace, s: u32) -> Vec<u64> {
        workspace.search::<false>(csr, s, |_, _| false);
        (0..csr.node_count() as u32)
            .map(|v| workspace.cost(v))
            .collect()
    }

    /// Every pair of `csr`'s nodes: the hierarchy's costs equal Dijkstra's.
    fn assert_all_pairs(csr: &Csr) {
        let ch = ContractionHierarchy::new(csr);
        let n = csr.node_count() as u32;
        let all: Vec<u32> = (0..n).collect();
        let got = ch.many_to_many(&all, &all);
        let mut workspace = Workspace::new(n as usize);
        for s in 0..n {
            let row = dijkstra_row(csr, &mut workspace, s);
            assert_eq!(
                &got[(s * n) as usize..((s + 1) * n) as usize],
                &row[..],
                "row {s}"
            );
        }
    }

    fn graph(n: usize, arcs: &[(u32, u32, f64, f64)]) -> Csr {
        let arcs: Vec<(u32, u32, Meters, Seconds)> = arcs
            .iter()
            .map(|&(a, b, m, s)| (a, b, Meters(m), Seconds(s)))
            .collect();
        Csr::new(n, &arcs)
    }

    #[test]
    fn one_way_arcs_and_an_unreachable_part() {
        // A one-way ring 0 → 1 → 2 → 3 → 0 with a two-way chord 0 – 2; 4 → 5 apart; 6 alone.
        let csr = graph(
            7,
            &[
                (0, 1, 10.0, 1.0),
                (1, 2, 10.0, 1.0),
                (2, 3, 10.0, 1.0),
                (3, 0, 10.0, 1.0),
                (0, 2, 30.0, 3.0),
                (2, 0, 30.0, 3.0),
                (4, 5, 5.0, 0.5),
            ],
        );
        assert_all_pairs(&csr);
        let ch = ContractionHierarchy::new(&csr);
        let m = ch.many_to_many(&[5, 0], &[4, 3, 6]);
        assert_eq!(m[..3], [INF, INF, INF]);
        assert_eq!(m[4], pack(Seconds(3.0), Meters(30.0)));
    }

    #[test]
    fn parallel_arcs_loops_and_equal_cost_ties() {
        // Two ways 0 → 3 of equal duration, one shorter; two of equal packed cost 0 → 5;
        // parallel arcs 1 → 2 and a loop at 2.
        let csr = graph(
            6,
            &[
                (0, 1, 10.0, 2.0),
                (1, 2, 50.0, 9.0),
                (1, 2, 60.0, 1.0),
                (1, 2, 40.0, 1.0),
                (2, 2, 1.0, 0.1),
                (2, 3, 10.0, 2.0),
                (0, 4, 30.0, 2.5),
                (4, 3, 25.0, 2.5),
                (3, 5, 10.0, 1.0),
                (4, 5, 35.0, 3.5),
                (5, 0, 1.0, 1.0),
            ],
        );
        assert_all_pairs(&csr);
        let ch = ContractionHierarchy::new(&csr);
        assert_eq!(
            ch.many_to_many(&[0], &[3]),
            vec![pack(Seconds(5.0), Meters(55.0))]
        );
    }

    #[test]
    fn a_grid_with_equal_arcs_has_many_ties() {
        let (w, h) = (7u32, 6u32);
        let mut arcs = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let v = y * w + x;
                if x + 1 < w {
                    arcs.push((v, v + 1, 100.0, 10.0));
                    if y % 2 == 0 {
                        arcs.push((v + 1, v, 100.0, 10.0));
                    }
                }
                if y + 1 < h {
                    arcs.push((v, v + w, 100.0, 10.0));
                    arcs.push((v + w, v, 100.0, 10.0));
                }
            }
        }
        assert_all_pairs(&graph((w * h) as usize, &arcs));
    }

    #[test]
    fn the_same_graph_gives_the_same_hierarchy() {
        let net = crate::matrix::testing::lorient().profile(Profile::Van);
        let csr = Csr::from_network(net);
        let core = Core::new(&csr);
        let (a, b) = (
            ContractionHierarchy::new(&core.csr),
            ContractionHierarchy::new(&core.csr),
        );
        assert_eq!(a.rank, b.rank);
        assert_eq!((&a.up.head, &a.up.cost), (&b.up.head, &b.up.cost));
        assert_eq!((&a.down.head, &a.down.cost), (&b.down.head, &b.down.cost));
    }

    /// On the Lorient van network's core: every core node to every core node equals
    /// Dijkstra, and a matrix between points (tree nodes among them, repeats) equals
    /// `core_matrix`, bit for bit.
    #[test]
    fn lorient_core_costs_equal_dijkstra() {
        let net = crate::matrix::testing::lorient().profile(Profile::Van);
        let csr = Csr::from_network(net);
        let core = Core::new(&csr);
        let ch = ContractionHierarchy::new(&core.csr);
        let n = core.core_size() as u32;
        assert!(n > 250, "a real core ({n} nodes)");
        let sources: Vec<u32> = (0..n).collect();
        let all: Vec<u32> = (0..n).collect();
        let got = ch.many_to_many(&sources, &all);
        let mut workspace = Workspace::new(n as usize);
        let mut finite = 0;
        for (i, &s) in sources.iter().enumerate() {
            let row = dijkstra_row(&core.csr, &mut workspace, s);
            finite += row.iter().filter(|&&c| c != INF).count();
            assert_eq!(
                &got[i * n as usize..(i + 1) * n as usize],
                &row[..],
                "source {s}"
            );
        }
        assert!(
            finite > sources.len() * (n as usize) / 2,
            "mostly reachable"
        );

        let nodes = csr.node_count() as u32;
        let mut points: Vec<u32> = (0..nodes).step_by(3).collect();
        points.extend([3, 3, 0, nodes - 1]);
        let (plain, fast) = (
            core_matrix(&csr, &core, &points),
            ch_core_matrix(&csr, &core, &ch, &points),
        );
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
        assert_eq!(bits(plain.distances_m()), bits(fast.distances_m()));
        assert_eq!(bits(plain.durations_s()), bits(fast.durations_s()));
        assert!(
            points
                .iter()
                .any(|&p| core.core_index[csr.rank(p) as usize] == NONE),
            "tree nodes among the points"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Random small directed graphs (parallel arcs, loops and ties likely): every pair
        /// equals Dijkstra.
        #[test]
        fn random_graphs_equal_dijkstra(
            n in 1usize..14,
            arcs in proptest::collection::vec((0u32..14, 0u32..14, 1u64..6, 0u64..4), 0..50),
        ) {
            let packed: Vec<(u32, u32, u64)> = arcs
                .iter()
                .filter(|a| (a.0 as usize) < n && (a.1 as usize) < n)
                .map(|&(a, b, ms, cm)| (a, b, (ms << 32) | cm))
                .collect();
            let csr = Csr::from_packed((0..n as u32).collect(), &packed);
            assert_all_pairs(&csr);
        }
    }
}
