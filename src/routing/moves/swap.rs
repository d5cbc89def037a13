//! Swap: a string of one to three orders of one route and a string of one to three orders
//! of another (lengths [`LENGTHS`]) trade places (each keeps its order): `head ++ other string ++ tail` on both
//! sides, priced from the segment data in O(string lengths).

use super::relocate::MAX_STRING;
use super::{Change, NewRoute, Positions, distance_gate, judge, orders_of_one_trip, same_profile};
use crate::routing::instance::Instance;
use crate::routing::segment::Part;
use crate::routing::state::Solution;

/// Best swap of a string starting at order `u` with a string starting at order `v` (on
/// another route), below `bound`.
pub(crate) fn swap(
    inst: &Instance,
    sol: &Solution,
    pos: &Positions,
    u: u32,
    v: u32,
    bound: f64,
) -> Option<Change> {
    let (ru, rv) = (
        sol.route_of[u as usize] as usize,
        sol.route_of[v as usize] as usize,
    );
    if ru == rv {
        return None;
    }
    let (pu, pv) = (pos.pos[u as usize] as usize, pos.pos[v as usize] as usize);
    let mut best: Option<Change> = None;
    for (lu, lv) in LENGTHS {
        let b = best.as_ref().map_or(bound, |c| c.delta);
        if let Some(c) = swap_strings(inst, sol, (ru, pu, lu), (rv, pv, lv), b) {
            best = Some(c);
        }
    }
    best
}

/// String lengths tried together: every pair up to two, and three for three.
const LENGTHS: [(usize, usize); 5] = [(1, 1), (1, 2), (2, 1), (2, 2), (MAX_STRING, MAX_STRING)];

/// The distance gate of a swap (see [`super::distance_gate`]).
fn gate(
    inst: &Instance,
    sol: &Solution,
    x: (usize, usize, usize),
    y: (usize, usize, usize),
    bound: f64,
) -> bool {
    if !same_profile(inst, sol, x.0, y.0) {
        return true;
    }
    let side = |x: (usize, usize, usize), y: (usize, usize, usize)| {
        let (a, b) = (&sol.routes[x.0], &sol.routes[y.0]);
        let t = a.vtype;
        let (ea, eb) = (x.1 + x.2 - 1, y.1 + y.2 - 1);
        let (p, n) = (a.nodes[x.1 - 1], a.nodes[ea + 1]);
        let out = inst.dist(t, p, a.nodes[x.1])
            + (a.dist_to[ea] - a.dist_to[x.1])
            + inst.dist(t, a.nodes[ea], n);
        let inn = inst.dist(t, p, b.nodes[y.1])
            + (b.dist_to[eb] - b.dist_to[y.1])
            + inst.dist(t, b.nodes[eb], n);
        (x.0, a.distance + inn - out, (a.orders + y.2 - x.2) as u32)
    };
    distance_gate(inst, sol, &[side(x, y), side(y, x)], bound)
}

/// Swaps the string `(route, first position, length)` `x` with `y` (two distinct routes).
/// `None` when infeasible or not below `bound`.
pub(crate) fn swap_strings(
    inst: &Instance,
    sol: &Solution,
    x: (usize, usize, usize),
    y: (usize, usize, usize),
    bound: f64,
) -> Option<Change> {
    let ((ru, pu, lu), (rv, pv, lv)) = (x, y);
    let (a, b) = (&sol.routes[ru], &sol.routes[rv]);
    let (eu, ev) = (pu + lu - 1, pv + lv - 1);
    if ru == rv
        || !orders_of_one_trip(inst, &a.nodes, pu, eu)
        || !orders_of_one_trip(inst, &b.nodes, pv, ev)
    {
        return None;
    }
    if !gate(inst, sol, x, y, bound) {
        return None;
    }
    let na = [
        Part::Head(a, pu - 1),
        Part::Slice(b, pv, ev),
        Part::Tail(a, eu + 1),
    ];
    let nb = [
        Part::Head(b, pv - 1),
        Part::Slice(a, pu, eu),
        Part::Tail(b, ev + 1),
    ];
    judge(
        inst,
        sol,
        &[
            NewRoute {
                route: ru,
                parts: &na,
            },
            NewRoute {
                route: rv,
                parts: &nb,
            },
        ],
        bound,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::moves::oracle::{self, ORDERS, SEEDS};

    /// Every pair of strings on two routes swapped, against the routes rebuilt by hand.
    #[test]
    fn swap_prices_equal_the_exact_difference() {
        let mut feasible = 0;
        for seed in SEEDS {
            let p = fixtures::random(seed, ORDERS);
            let inst = Instance::new(&p);
            let sol = oracle::solution(&inst, seed);
            let strings: Vec<(usize, usize, usize)> = (0..sol.routes.len())
                .flat_map(|r| {
                    let nodes = &sol.routes[r].nodes;
                    let inst = &inst;
                    (1..nodes.len() - 1).flat_map(move |p| {
                        (1..=MAX_STRING)
                            .filter(move |&l| orders_of_one_trip(inst, nodes, p, p + l - 1))
                            .map(move |l| (r, p, l))
                    })
                })
                .collect();
            for &x in &strings {
                for &y in &strings {
                    if x.0 == y.0 {
                        continue;
                    }
                    let got = swap_strings(&inst, &sol, x, y, f64::INFINITY);
                    let (a, b) = (&sol.routes[x.0].nodes, &sol.routes[y.0].nodes);
                    let mut na = a.clone();
                    na.splice(x.1..x.1 + x.2, b[y.1..y.1 + y.2].iter().copied());
                    let mut nb = b.clone();
                    nb.splice(y.1..y.1 + y.2, a[x.1..x.1 + x.2].iter().copied());
                    let what = format!("seed {seed}: swap {x:?} with {y:?}");
                    if oracle::verify(&inst, &sol, got, &[(x.0, na), (y.0, nb)], &what) {
                        feasible += 1;
                    }
                }
            }
        }
        assert!(feasible > 200, "only {feasible} feasible swaps");
    }
}
