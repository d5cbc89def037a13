//! Travel between a world's locations (its sites, then its depots), held whole when it is
//! small and computed on demand when it is not.
//!
//! A square matrix over every site of a large extract does not fit: Monaco–Riviera's 23,000
//! sites need 8.6 GB per network (16 bytes a pair), and a world has two or more networks.
//! Yet a day touches only the sites with an order that day. So above
//! [`dense_limit`] locations a [`SiteMatrix`] keeps only:
//! - every depot's row and column (depot → every location and back), from one full search
//!   per junction the depot leaves by (forward) or arrives by (backward, on the reversed
//!   graph): every order's round trip and reachability is read from them;
//! - the network's adjacency and core, to compute the matrix between the locations of one
//!   day ([`SiteMatrix::submatrix`]) when the routing core asks for it;
//! - a cache of the few other pairs asked one at a time (the prize model's detours, the
//!   training samples), emptied when it reaches [`PAIR_CACHE_LIMIT`] pairs so a long run
//!   cannot grow it without end (its entries are exact, so emptying changes no figure).
//!
//! Every entry is computed by the same exact integer searches as the whole matrix, so both
//! forms give the same figures, bit for bit (`tests/site_matrix.rs` checks it), and so do the
//! outputs of a run (checked on a scenario run both ways).
//!
//! # Large submatrices: a contraction hierarchy
//! A submatrix between many locations is computed on a [`ContractionHierarchy`] of the core
//! instead of by one Dijkstra per row: the same exact integer costs (see [`super::ch`]), so
//! the same figures, bit for bit. The hierarchy is built once, the first time a submatrix
//! needs at least [`ch_threshold`] distinct core roots (`max(300, core size / 10)`), and kept.
//! Below that, per-row Dijkstra is faster: a row search stops once its targets are settled,
//! which for few targets is a small part of the core, while the hierarchy's bucket searches
//! cost little each whatever the targets, but the hierarchy must first be contracted (an
//! earlier measurement put the crossover at roughly 300 distinct roots, or a tenth of the
//! core on larger cores). On Malta's van network (`cargo bench --bench network -- "malta
//! ch"`, 2 cores) contraction takes 0.50 s, and a 2,000-point matrix 0.20 s on the hierarchy
//! against 2.03 s by Dijkstra. Single pairs ([`SiteMatrix::distance`] and the like) stay on
//! Dijkstra.

use crate::matrix::anchor::{anchors_matrix, join};
use crate::matrix::ch::{ContractionHierarchy, ch_core_matrix, distinct_roots};
use crate::matrix::core::Core;
use crate::matrix::csr::{Csr, unpack};
use crate::matrix::dijkstra::Workspace;
use crate::matrix::table::core_matrix;
use crate::matrix::{Anchor, TravelMatrix};
use crate::units::{Meters, Seconds};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Locations up to which a world's matrices are held whole (`FREIGHTSIM_DENSE_SITES`
/// overrides it, e.g. 0 to test the on-demand form on a small scenario). 10,000 locations
/// take 1.6 GB per network.
pub fn dense_limit() -> usize {
    std::env::var("FREIGHTSIM_DENSE_SITES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Pairs the on-demand form caches before it empties its cache (about 40 MB).
pub const PAIR_CACHE_LIMIT: usize = 1 << 20;

/// Distinct core roots from which a submatrix is computed on the contraction hierarchy, for
/// a core of `core_size` nodes (see the module doc). `FREIGHTSIM_CH_ROOTS` overrides it
/// (e.g. 0 to put every submatrix of a small scenario on the hierarchy, to test it).
pub fn ch_threshold(core_size: usize) -> usize {
    std::env::var("FREIGHTSIM_CH_ROOTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or((core_size / 10).max(300))
}

/// Travel between the locations of a world, for one network.
#[derive(Debug)]
pub enum SiteMatrix {
    /// Every pair, computed once.
    Dense(TravelMatrix),
    /// Depot rows and columns kept, the rest computed when asked.
    OnDemand(Box<OnDemand>),
}

/// The on-demand form (see the module).
#[derive(Debug)]
pub struct OnDemand {
    csr: Csr,
    core: Core,
    anchors: Vec<Anchor>,
    /// Locations whose row and column are kept (sorted).
    kept: Vec<usize>,
    /// Per kept location: (metres, seconds) to every location.
    rows: Vec<Vec<(f64, f64)>>,
    /// Per kept location: (metres, seconds) from every location.
    columns: Vec<Vec<(f64, f64)>>,
    /// Other pairs asked one at a time.
    pairs: Mutex<HashMap<(usize, usize), (f64, f64)>>,
    /// The core's hierarchy, built by the first submatrix large enough to want it.
    ch: OnceLock<ContractionHierarchy>,
    /// Distinct roots from which a submatrix uses the hierarchy ([`ch_threshold`]).
    ch_min_roots: usize,
}

impl SiteMatrix {
    /// The matrix over `anchors` on the adjacency `csr`: whole when there are at most
    /// [`dense_limit`] of them, else on demand with the rows and columns of the locations
    /// `kept` (the depots) computed now.
    pub fn new(csr: Csr, anchors: &[Anchor], kept: &[usize]) -> SiteMatrix {
        SiteMatrix::with_limit(csr, anchors, kept, dense_limit())
    }

    /// As [`SiteMatrix::new`], whole up to `limit` locations.
    pub fn with_limit(csr: Csr, anchors: &[Anchor], kept: &[usize], limit: usize) -> SiteMatrix {
        let core = Core::new(&csr);
        if anchors.len() <= limit {
            return SiteMatrix::Dense(anchors_matrix(anchors, |nodes| {
                let points: Vec<u32> = nodes.iter().map(|n| n.index() as u32).collect();
                core_matrix(&csr, &core, &points)
            }));
        }
        let mut kept = kept.to_vec();
        kept.sort_unstable();
        kept.dedup();
        let reversed = reversed(&csr);
        let n = csr.node_count();
        let mut workspace = Workspace::new(n);
        // Cost from `from` (CSR numbering) to every node on `graph`.
        let mut search = |graph: &Csr, from: u32| -> Vec<u64> {
            workspace.search::<false>(graph, from, |_, _| false);
            (0..n as u32).map(|v| workspace.cost(v)).collect()
        };
        let rank = |node: petgraph::graph::NodeIndex| csr.rank(node.index() as u32);
        let mut rows = Vec::with_capacity(kept.len());
        let mut columns = Vec::with_capacity(kept.len());
        for &k in &kept {
            let depot = &anchors[k];
            let out: Vec<Vec<u64>> = depot
                .exits()
                .iter()
                .map(|e| search(&csr, rank(e.0)))
                .collect();
            let inn: Vec<Vec<u64>> = depot
                .entries()
                .iter()
                .map(|e| search(&reversed, rank(e.0)))
                .collect();
            let exits: Vec<(usize, f64, f64)> = (depot.exits().iter().enumerate())
                .map(|(x, e)| (x, e.1, e.2))
                .collect();
            let entries: Vec<(usize, f64, f64)> = (depot.entries().iter().enumerate())
                .map(|(y, e)| (y, e.1, e.2))
                .collect();
            let legs = |v: &[(petgraph::graph::NodeIndex, f64, f64)]| -> Vec<(usize, f64, f64)> {
                v.iter()
                    .map(|&(node, m, s)| (rank(node) as usize, m, s))
                    .collect()
            };
            let metres_seconds = |cost: u64| {
                let (m, s) = unpack(cost);
                (m.0, s.0)
            };
            let row = (0..anchors.len())
                .map(|l| {
                    if l == k {
                        return diagonal(depot);
                    }
                    join(
                        depot,
                        &anchors[l],
                        &exits,
                        &legs(anchors[l].entries()),
                        |x, y| metres_seconds(out[x][y]),
                    )
                })
                .collect();
            let column = (0..anchors.len())
                .map(|l| {
                    if l == k {
                        return diagonal(depot);
                    }
                    join(
                        &anchors[l],
                        depot,
                        &legs(anchors[l].exits()),
                        &entries,
                        |x, y| metres_seconds(inn[y][x]),
                    )
                })
                .collect();
            rows.push(row);
            columns.push(column);
        }
        SiteMatrix::OnDemand(Box::new(OnDemand {
            csr,
            anchors: anchors.to_vec(),
            kept,
            rows,
            columns,
            pairs: Mutex::new(HashMap::new()),
            ch: OnceLock::new(),
            ch_min_roots: ch_threshold(core.core_size()),
            core,
        }))
    }

    /// Number of locations.
    pub fn size(&self) -> usize {
        match self {
            SiteMatrix::Dense(m) => m.size(),
            SiteMatrix::OnDemand(o) => o.anchors.len(),
        }
    }

    /// Metres and seconds from location `from` to location `to`.
    fn pair(&self, from: usize, to: usize) -> (f64, f64) {
        match self {
            SiteMatrix::Dense(m) => (m.distance(from, to).0, m.duration(from, to).0),
            SiteMatrix::OnDemand(o) => o.pair(from, to),
        }
    }

    /// Travel distance from location `from` to location `to`.
    pub fn distance(&self, from: usize, to: usize) -> Meters {
        Meters(self.pair(from, to).0)
    }

    /// Travel duration from location `from` to location `to`.
    pub fn duration(&self, from: usize, to: usize) -> Seconds {
        Seconds(self.pair(from, to).1)
    }

    /// False when no path leads from `from` to `to`.
    pub fn is_reachable(&self, from: usize, to: usize) -> bool {
        self.pair(from, to).0.is_finite()
    }

    /// The square matrix between `locations` (in that order; repeats allowed).
    pub fn submatrix(&self, locations: &[usize]) -> TravelMatrix {
        match self {
            SiteMatrix::Dense(m) => TravelMatrix::from_fn(locations.len(), |i, j| {
                let (a, b) = (locations[i], locations[j]);
                (m.distance(a, b), m.duration(a, b))
            }),
            SiteMatrix::OnDemand(o) => {
                let mut distinct = locations.to_vec();
                distinct.sort_unstable();
                distinct.dedup();
                let anchors: Vec<Anchor> = distinct.iter().map(|&l| o.anchors[l].clone()).collect();
                let m = anchors_matrix(&anchors, |nodes| {
                    let points: Vec<u32> = nodes.iter().map(|n| n.index() as u32).collect();
                    o.node_matrix(&points)
                });
                let at = |l: usize| distinct.binary_search(&l).expect("listed");
                let slots: Vec<usize> = locations.iter().map(|&l| at(l)).collect();
                TravelMatrix::from_fn(locations.len(), |i, j| {
                    (
                        m.distance(slots[i], slots[j]),
                        m.duration(slots[i], slots[j]),
                    )
                })
            }
        }
    }
}

impl OnDemand {
    /// The matrix between graph nodes `points`: on the hierarchy (built now if need be) when
    /// they have at least [`ch_threshold`] distinct roots, else by per-row Dijkstra.
    fn node_matrix(&self, points: &[u32]) -> TravelMatrix {
        if distinct_roots(&self.csr, &self.core, points) >= self.ch_min_roots {
            let ch = self
                .ch
                .get_or_init(|| ContractionHierarchy::new(&self.core.csr));
            ch_core_matrix(&self.csr, &self.core, ch, points)
        } else {
            core_matrix(&self.csr, &self.core, points)
        }
    }

    fn pair(&self, from: usize, to: usize) -> (f64, f64) {
        if let Ok(k) = self.kept.binary_search(&from) {
            return self.rows[k][to];
        }
        if let Ok(k) = self.kept.binary_search(&to) {
            return self.columns[k][from];
        }
        if from == to {
            return diagonal(&self.anchors[from]);
        }
        let key = (from, to);
        if let Some(&v) = self.pairs.lock().expect("cache lock").get(&key) {
            return v;
        }
        let m = anchors_matrix(
            &[self.anchors[from].clone(), self.anchors[to].clone()],
            |nodes| {
                let points: Vec<u32> = nodes.iter().map(|n| n.index() as u32).collect();
                core_matrix(&self.csr, &self.core, &points)
            },
        );
        let v = (m.distance(0, 1).0, m.duration(0, 1).0);
        let mut pairs = self.pairs.lock().expect("cache lock");
        if pairs.len() >= PAIR_CACHE_LIMIT {
            pairs.clear();
        }
        pairs.insert(key, v);
        v
    }
}

/// A location to itself: nothing when on the network, unreachable otherwise (as the whole
/// matrix has it).
fn diagonal(a: &Anchor) -> (f64, f64) {
    if a.is_reachable() {
        (0.0, 0.0)
    } else {
        (f64::INFINITY, f64::INFINITY)
    }
}

/// `csr` with every arc turned around (CSR numbering kept), for searches towards a node.
fn reversed(csr: &Csr) -> Csr {
    let n = csr.node_count() as u32;
    let mut arcs = Vec::with_capacity(csr.arc_count());
    for v in 0..n {
        for a in csr.arcs_out(v) {
            arcs.push((csr.head(a), v, csr.cost(a)));
        }
    }
    Csr::from_packed((0..n).collect(), &arcs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Profile;

    /// Points near every 7th junction of the Lorient van network, one off the network, and
    /// a depot with an access leg (last).
    fn lorient_anchors(net: &crate::network::ProfileNetwork) -> Vec<Anchor> {
        let params = crate::matrix::testing::snap_params();
        let nodes = net.graph().raw_nodes();
        let mut anchors: Vec<Anchor> = nodes
            .iter()
            .step_by(7)
            .map(|n| {
                let p = n.weight.position;
                let q = crate::units::LonLat::new(p.lon + 0.0001, p.lat + 0.00007);
                let snap = net.snap(q, &params).expect("snaps");
                Anchor::from_snap(net, &snap, (Meters::ZERO, Seconds::ZERO))
            })
            .collect();
        anchors.push(Anchor::unreachable());
        let depot = net.snap(nodes[0].weight.position, &params).expect("snaps");
        anchors.push(Anchor::from_snap(
            net,
            &depot,
            (Meters(900.0), Seconds(80.0)),
        ));
        anchors
    }

    /// A submatrix with enough distinct roots is computed on the contraction hierarchy (built
    /// then), and equals the whole matrix's entries bit for bit; a small one (below the
    /// threshold, on Dijkstra) after it too.
    #[test]
    fn a_large_submatrix_on_the_hierarchy_equals_the_whole_matrix() {
        let net = crate::matrix::testing::lorient().profile(Profile::Van);
        let anchors = lorient_anchors(net);
        let n = anchors.len();
        let csr = Csr::from_network(net);
        let dense = SiteMatrix::with_limit(csr.clone(), &anchors, &[n - 1], usize::MAX);
        let mut lazy = SiteMatrix::with_limit(csr, &anchors, &[n - 1], 0);
        let SiteMatrix::OnDemand(o) = &mut lazy else {
            panic!("on demand")
        };
        // Lorient's core (about 300 nodes) is below the threshold's floor: lower it.
        o.ch_min_roots = 40;
        let mut all: Vec<usize> = (0..n).rev().collect();
        all.extend([4, 4, n - 2]);
        assert!(o.ch.get().is_none());
        let lazy = lazy;
        let SiteMatrix::OnDemand(o) = &lazy else {
            panic!("on demand")
        };
        let bits = |m: &TravelMatrix| {
            let b = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            (b(m.distances_m()), b(m.durations_s()))
        };
        assert_eq!(bits(&dense.submatrix(&all)), bits(&lazy.submatrix(&all)));
        assert!(o.ch.get().is_some(), "the hierarchy was built");
        let some = [n - 1, 9, 2, 9, n - 2];
        assert_eq!(bits(&dense.submatrix(&some)), bits(&lazy.submatrix(&some)));
    }

    /// On the Lorient extract's van network: points near every 7th junction (one off the
    /// network, one a depot with an access leg), both forms: every pair, and submatrices with
    /// repeats, equal bit for bit.
    #[test]
    fn the_on_demand_form_equals_the_whole_matrix() {
        let net = crate::matrix::testing::lorient().profile(Profile::Van);
        let anchors = lorient_anchors(net);
        let n = anchors.len();
        let kept = [n - 1, 3];
        let csr = Csr::from_network(net);
        let dense = SiteMatrix::with_limit(csr.clone(), &anchors, &kept, usize::MAX);
        let lazy = SiteMatrix::with_limit(csr, &anchors, &kept, 0);
        assert!(matches!(dense, SiteMatrix::Dense(_)));
        assert!(matches!(lazy, SiteMatrix::OnDemand(_)));
        let bits = |m: &SiteMatrix, a: usize, b: usize| {
            (m.distance(a, b).0.to_bits(), m.duration(a, b).0.to_bits())
        };
        let mut finite = 0;
        for a in 0..n {
            for b in (0..n).filter(|b| (a + b) % 11 == 0 || kept.contains(b) || kept.contains(&a)) {
                assert_eq!(bits(&dense, a, b), bits(&lazy, a, b), "({a}, {b})");
                finite += usize::from(dense.is_reachable(a, b));
            }
        }
        assert!(finite > 300, "the sample holds reachable pairs ({finite})");
        assert!(
            !lazy.is_reachable(n - 1, n - 2),
            "the point off the network"
        );
        assert!(
            lazy.distance(n - 1, 0).0 >= 900.0,
            "the depot's access leg counts"
        );
        let some: Vec<usize> = vec![n - 1, 5, 17, 5, n - 2, 40, 3, n - 1];
        assert_eq!(dense.submatrix(&some), lazy.submatrix(&some));
    }
}
