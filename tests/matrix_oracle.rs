//! The Dijkstra travel matrix against a Floyd–Warshall oracle on random small directed
//! graphs, and its independence from the number of threads.

use freightsim::matrix::{Csr, TravelMatrix, travel_matrix};
use freightsim::units::{Meters, Seconds};
use proptest::prelude::*;

/// An arc `(from, to, duration ms, distance cm)`.
type Arc = (u32, u32, u64, u64);

/// Random graph: node count, arcs, and points (nodes, repeats allowed).
fn graphs() -> impl Strategy<Value = (usize, Vec<Arc>, Vec<u32>)> {
    (1usize..12).prop_flat_map(|n| {
        // Durations from 1 ms: the matrix code gives every arc at least 1 ms.
        let arc = (0..n as u32, 0..n as u32, 1u64..5_000, 0u64..200_000);
        (
            Just(n),
            prop::collection::vec(arc, 0..40),
            prop::collection::vec(0..n as u32, 1..10),
        )
    })
}

fn csr(n: usize, arcs: &[Arc]) -> Csr {
    let arcs: Vec<(u32, u32, Meters, Seconds)> = arcs
        .iter()
        .map(|&(a, b, ms, cm)| (a, b, Meters(cm as f64 / 100.0), Seconds(ms as f64 / 1000.0)))
        .collect();
    Csr::new(n, &arcs)
}

/// All-pairs (duration ms, distance cm), minimised lexicographically: fastest, then shortest.
fn floyd_warshall(n: usize, arcs: &[Arc]) -> Vec<Vec<Option<(u64, u64)>>> {
    let mut d = vec![vec![None; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = Some((0, 0));
    }
    for &(a, b, ms, cm) in arcs {
        let cell = &mut d[a as usize][b as usize];
        if cell.is_none_or(|c| (ms, cm) < c) {
            *cell = Some((ms, cm));
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(a), Some(b)) = (d[i][k], d[k][j]) {
                    let via = (a.0 + b.0, a.1 + b.1);
                    if d[i][j].is_none_or(|c| via < c) {
                        d[i][j] = Some(via);
                    }
                }
            }
        }
    }
    d
}

fn in_pool(threads: usize, f: impl FnOnce() -> TravelMatrix + Send) -> TravelMatrix {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn dijkstra_matrix_equals_floyd_warshall((n, arcs, points) in graphs()) {
        let oracle = floyd_warshall(n, &arcs);
        let m = travel_matrix(&csr(n, &arcs), &points);
        for (i, &a) in points.iter().enumerate() {
            for (j, &b) in points.iter().enumerate() {
                match oracle[a as usize][b as usize] {
                    None => {
                        prop_assert!(!m.is_reachable(i, j));
                        prop_assert_eq!(m.duration(i, j), Seconds::INFINITY);
                    }
                    Some((ms, cm)) => {
                        prop_assert!(m.is_reachable(i, j));
                        prop_assert_eq!((m.duration(i, j).0 * 1000.0).round() as u64, ms);
                        prop_assert_eq!((m.distance(i, j).0 * 100.0).round() as u64, cm);
                    }
                }
            }
        }
    }

    #[test]
    fn matrix_is_the_same_with_one_or_three_threads((n, arcs, points) in graphs()) {
        let g = csr(n, &arcs);
        let one = in_pool(1, || travel_matrix(&g, &points));
        let three = in_pool(3, || travel_matrix(&g, &points));
        prop_assert_eq!(one, three);
    }
}

#[test]
fn unreachable_pairs_are_infinite_and_self_pairs_zero() {
    // 0 -> 1 only; 2 isolated.
    let g = csr(3, &[(0, 1, 1500, 1000)]);
    let m = travel_matrix(&g, &[0, 1, 2, 0]);
    assert_eq!(m.duration(0, 1), Seconds(1.5));
    assert_eq!(m.distance(0, 1), Meters(10.0));
    assert!(!m.is_reachable(1, 0));
    assert!(!m.is_reachable(0, 2));
    assert_eq!(m.distance(2, 2), Meters(0.0));
    assert_eq!(
        m.distance(3, 1),
        Meters(10.0),
        "repeated point gets the same row"
    );
}

#[test]
fn dangling_trees_match_the_oracle() {
    // Core: triangle 0-1-2 (two-way). Tree on 0: 3, then 4 and 5 under 3, and 6 under 4
    // reachable one way only (4 → 6). Points inside one tree, across trees, and the core.
    let mut arcs: Vec<Arc> = Vec::new();
    let mut both = |a: u32, b: u32, ms: u64, cm: u64| {
        arcs.push((a, b, ms, cm));
        arcs.push((b, a, ms + 7, cm));
    };
    both(0, 1, 1000, 5000);
    both(1, 2, 1500, 6000);
    both(2, 0, 900, 4000);
    both(0, 3, 300, 1000);
    both(3, 4, 200, 800);
    both(3, 5, 250, 900);
    arcs.push((4, 6, 100, 300));
    let points = [6, 5, 4, 3, 0, 1, 2, 6];
    let oracle = floyd_warshall(7, &arcs);
    let m = travel_matrix(&csr(7, &arcs), &points);
    for (i, &a) in points.iter().enumerate() {
        for (j, &b) in points.iter().enumerate() {
            match oracle[a as usize][b as usize] {
                None => assert!(!m.is_reachable(i, j), "{a} -> {b}"),
                Some((ms, cm)) => {
                    assert_eq!(
                        (m.duration(i, j).0 * 1000.0).round() as u64,
                        ms,
                        "{a} -> {b}"
                    );
                    assert_eq!(
                        (m.distance(i, j).0 * 100.0).round() as u64,
                        cm,
                        "{a} -> {b}"
                    );
                }
            }
        }
    }
    assert!(!m.is_reachable(0, 1), "6 is a one-way dead end");
    assert_eq!(
        m.duration(1, 2),
        Seconds(0.457),
        "5 → 3 (257 ms) → 4 (200 ms) in the tree"
    );
}
