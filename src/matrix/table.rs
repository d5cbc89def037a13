//! Travel matrices by one Dijkstra per row, rows in parallel.
//!
//! Row `i` is one search on the graph's core (see [`super::core`]) from point `i`'s root,
//! stopping as soon as every distinct target root is settled; the dangling-tree legs are
//! added around it. Rows are independent and each is computed by the deterministic search of
//! [`super::dijkstra`], so the matrix is the same whatever the number of threads. Each rayon
//! worker reuses one [`Workspace`] for all the rows it computes.
//!
//! # Metric
//! Paths minimise **duration** (then length among equally fast paths); the distance reported
//! is the length of that fastest path, not the shortest distance.

use crate::matrix::TravelMatrix;
use crate::matrix::core::Core;
use crate::matrix::csr::{Csr, unpack};
use crate::matrix::dijkstra::{NONE, Workspace};
use rayon::prelude::*;

/// Computes the square matrix between `points` (graph node numbers, mapped through
/// [`Csr::rank`]; repeats allowed). Unreachable pairs are infinite. Peels `csr`'s core on
/// each call; [`crate::matrix::Router`] keeps it instead.
///
/// # Panics
/// If a point is not a node of `csr` (a programming error: points come from snapping).
pub fn travel_matrix(csr: &Csr, points: &[u32]) -> TravelMatrix {
    core_matrix(csr, &Core::new(csr), points)
}

/// The points as nodes of `csr`'s internal numbering.
///
/// # Panics
/// If a point is not a node of `csr` (a programming error: points come from snapping).
pub(crate) fn ranked_points(csr: &Csr, points: &[u32]) -> Vec<u32> {
    let n = csr.node_count();
    points
        .iter()
        .map(|&p| {
            assert!(
                (p as usize) < n,
                "point node {p} outside a graph of {n} nodes"
            );
            csr.rank(p)
        })
        .collect()
}

/// As [`travel_matrix`], with the core of `csr` already peeled.
pub(crate) fn core_matrix(csr: &Csr, core: &Core, points: &[u32]) -> TravelMatrix {
    let points = ranked_points(csr, points);
    // slot[c]: index of core node c among the distinct target roots, or NONE.
    let mut slot = vec![NONE; core.core_size()];
    let mut distinct = 0u32;
    let columns: Vec<u32> = points
        .iter()
        .map(|&p| {
            let c = core.core_index[core.root[p as usize] as usize] as usize;
            if slot[c] == NONE {
                slot[c] = distinct;
                distinct += 1;
            }
            slot[c]
        })
        .collect();

    let rows: Vec<Vec<u64>> = points
        .par_iter()
        .map_init(
            || (Workspace::new(core.core_size()), Vec::new()),
            |(workspace, found), &source| {
                found.clear();
                found.resize(distinct as usize, u64::MAX);
                let mut left = distinct;
                let root = core.root[source as usize];
                workspace.search::<false>(&core.csr, core.core_index[root as usize], |v, cost| {
                    let s = slot[v as usize];
                    if s != NONE {
                        found[s as usize] = cost;
                        left -= 1;
                    }
                    left == 0
                });
                let up = core.up[source as usize];
                points
                    .iter()
                    .zip(&columns)
                    .map(|(&target, &c)| {
                        if core.root[target as usize] == root {
                            core.within_tree(source, target)
                        } else {
                            up.saturating_add(found[c as usize])
                                .saturating_add(core.down[target as usize])
                        }
                    })
                    .collect()
            },
        )
        .collect();

    let size = points.len();
    let mut distance_m = Vec::with_capacity(size * size);
    let mut duration_s = Vec::with_capacity(size * size);
    for row in rows {
        for cost in row {
            let (d, t) = unpack(cost);
            distance_m.push(d.0);
            duration_s.push(t.0);
        }
    }
    TravelMatrix::from_rows(size, distance_m, duration_s)
}
