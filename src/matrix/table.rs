//! Travel matrices by one Dijkstra per row, rows in parallel.
//!
//! Row `i` is one search from point `i`'s node that stops as soon as every distinct target
//! node is settled. Rows are independent and each is computed by the deterministic search of
//! [`super::dijkstra`], so the matrix is the same whatever the number of threads. Each rayon
//! worker reuses one [`Workspace`] for all the rows it computes.
//!
//! # Metric
//! Paths minimise **duration** (then length among equally fast paths); the distance reported
//! is the length of that fastest path, not the shortest distance.

use crate::matrix::TravelMatrix;
use crate::matrix::csr::{Csr, unpack};
use crate::matrix::dijkstra::{NONE, Workspace};
use rayon::prelude::*;

/// Computes the square matrix between `points` (graph node numbers, mapped through
/// [`Csr::rank`]; repeats allowed). Unreachable pairs are infinite.
///
/// # Panics
/// If a point is not a node of `csr` (a programming error: points come from snapping).
pub fn travel_matrix(csr: &Csr, points: &[u32]) -> TravelMatrix {
    let n = csr.node_count();
    // slot[v]: index of v among the distinct target nodes, or NONE.
    let mut slot = vec![NONE; n];
    let mut distinct = 0u32;
    let points: Vec<u32> = points
        .iter()
        .map(|&p| {
            assert!(
                (p as usize) < n,
                "point node {p} outside a graph of {n} nodes"
            );
            csr.rank(p)
        })
        .collect();
    let columns: Vec<u32> = points
        .iter()
        .map(|&p| {
            if slot[p as usize] == NONE {
                slot[p as usize] = distinct;
                distinct += 1;
            }
            slot[p as usize]
        })
        .collect();

    let rows: Vec<Vec<u64>> = points
        .par_iter()
        .map_init(
            || (Workspace::new(n), Vec::new()),
            |(workspace, found), &source| {
                found.clear();
                found.resize(distinct as usize, u64::MAX);
                let mut left = distinct;
                workspace.search::<false>(csr, source, |v, cost| {
                    let s = slot[v as usize];
                    if s != NONE {
                        found[s as usize] = cost;
                        left -= 1;
                    }
                    left == 0
                });
                columns.iter().map(|&c| found[c as usize]).collect()
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
