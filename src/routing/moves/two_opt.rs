//! 2-opt: inside one trip, the stretch between two orders is reversed, so that an order is
//! followed by its neighbour. `head ++ reversed stretch ++ tail`: the distance of the
//! reversed stretch comes from the reversed-edge sums in O(1) (the matrices need not be
//! symmetric); its windows are walked, O(stretch).

use super::{Change, NewRoute, Positions, distance_gate, judge, orders_of_one_trip};
use crate::routing::instance::Instance;
use crate::routing::segment::Part;
use crate::routing::state::Solution;

/// Best 2-opt linking orders `u` and `v` of one trip, below `bound`: with `a < b` their
/// positions, either `nodes[a+1..=b]` or `nodes[a..b]` is reversed.
pub(crate) fn two_opt(
    inst: &Instance,
    sol: &Solution,
    pos: &Positions,
    u: u32,
    v: u32,
    bound: f64,
) -> Option<Change> {
    let r = sol.route_of[u as usize] as usize;
    if sol.route_of[v as usize] as usize != r {
        return None;
    }
    let (pu, pv) = (pos.pos[u as usize] as usize, pos.pos[v as usize] as usize);
    let (a, b) = (pu.min(pv), pu.max(pv));
    let first = reverse(inst, sol, r, a + 1, b, bound);
    let bound = first.as_ref().map_or(bound, |c| c.delta);
    reverse(inst, sol, r, a, b - 1, bound).or(first)
}

/// Reverses positions `i..=j` (orders of one trip, at least two) of route `r`. `None` when
/// infeasible or not below `bound`.
pub(crate) fn reverse(
    inst: &Instance,
    sol: &Solution,
    r: usize,
    i: usize,
    j: usize,
    bound: f64,
) -> Option<Change> {
    let route = &sol.routes[r];
    if j <= i || !orders_of_one_trip(inst, &route.nodes, i, j) {
        return None;
    }
    let t = route.vtype;
    let (p, q) = (route.nodes[i - 1], route.nodes[j + 1]);
    let (x, y) = (route.nodes[i], route.nodes[j]);
    let dist = route.distance
        - inst.dist(t, p, x)
        - (route.dist_to[j] - route.dist_to[i])
        - inst.dist(t, y, q)
        + inst.dist(t, p, y)
        + (route.rdist_to[j] - route.rdist_to[i])
        + inst.dist(t, x, q);
    if !distance_gate(inst, sol, &[(r, dist, route.orders as u32)], bound) {
        return None;
    }
    let parts = [
        Part::Head(route, i - 1),
        Part::Reversed(route, i, j),
        Part::Tail(route, j + 1),
    ];
    judge(
        inst,
        sol,
        &[NewRoute {
            route: r,
            parts: &parts,
        }],
        bound,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::moves::oracle::{self, ORDERS, SEEDS};

    /// Every stretch of every route reversed, against the route rebuilt by hand.
    #[test]
    fn two_opt_prices_equal_the_exact_difference() {
        let mut feasible = 0;
        for seed in SEEDS {
            let p = fixtures::random(seed, ORDERS);
            let inst = Instance::new(&p);
            let sol = oracle::solution(&inst, seed);
            for r in 0..sol.routes.len() {
                let nodes = &sol.routes[r].nodes;
                for i in 1..nodes.len() - 1 {
                    for j in i + 1..nodes.len() - 1 {
                        let got = reverse(&inst, &sol, r, i, j, f64::INFINITY);
                        let what = format!("seed {seed}: route {r} reversed {i}..={j}");
                        if nodes[i..=j].iter().any(|&v| inst.is_depot(v)) {
                            assert!(got.is_none(), "{what}: crosses a depot");
                            continue;
                        }
                        let mut n = nodes.clone();
                        n[i..=j].reverse();
                        if oracle::verify(&inst, &sol, got, &[(r, n)], &what) {
                            feasible += 1;
                        }
                    }
                }
            }
        }
        assert!(feasible > 50, "only {feasible} feasible reversals");
    }
}
