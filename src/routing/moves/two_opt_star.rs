//! 2-opt*: two routes trade their ends, so that an order is followed by its neighbour on
//! the other route: `head of one ++ tail of the other` on both sides, priced from the
//! segment data in O(1) (the trips cut are merged, the others kept whole).

use super::{Change, NewRoute, Positions, distance_gate, judge, same_profile};
use crate::routing::instance::Instance;
use crate::routing::segment::Part;
use crate::routing::state::Solution;

/// Best 2-opt* creating the edge `u → v` or `v → u` (orders on two routes), below `bound`.
pub(crate) fn two_opt_star(
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
    // u → v: route ru keeps its start up to u and takes rv's end from v.
    let first = exchange_ends(inst, sol, (ru, pu), (rv, pv - 1), bound);
    let bound = first.as_ref().map_or(bound, |c| c.delta);
    // v → u: route ru keeps its start before u and takes rv's end after v.
    exchange_ends(inst, sol, (ru, pu - 1), (rv, pv), bound).or(first)
}

/// Route `x.0` keeps `nodes[..=x.1]` and ends with `y.0`'s nodes after `y.1`; route `y.0`
/// keeps `nodes[..=y.1]` and ends with `x.0`'s nodes after `x.1`. `None` when infeasible
/// or not below `bound`.
pub(crate) fn exchange_ends(
    inst: &Instance,
    sol: &Solution,
    x: (usize, usize),
    y: (usize, usize),
    bound: f64,
) -> Option<Change> {
    let ((ra, ka), (rb, kb)) = (x, y);
    let (a, b) = (&sol.routes[ra], &sol.routes[rb]);
    if ra == rb || ka + 1 >= a.nodes.len() || kb + 1 >= b.nodes.len() {
        return None;
    }
    if same_profile(inst, sol, ra, rb) {
        let (la, lb) = (a.nodes.len() - 1, b.nodes.len() - 1);
        let da = a.dist_to[ka] + inst.dist(a.vtype, a.nodes[ka], b.nodes[kb + 1]) + b.distance
            - b.dist_to[kb + 1];
        let db = b.dist_to[kb] + inst.dist(b.vtype, b.nodes[kb], a.nodes[ka + 1]) + a.distance
            - a.dist_to[ka + 1];
        let tail_orders = |r: &crate::routing::state::Route, k: usize, last: usize| {
            r.orders_to[last] - r.orders_to[k]
        };
        let oa = a.orders_to[ka] + tail_orders(b, kb, lb);
        let ob = b.orders_to[kb] + tail_orders(a, ka, la);
        if !distance_gate(inst, sol, &[(ra, da, oa), (rb, db, ob)], bound) {
            return None;
        }
    }
    let na = [Part::Head(a, ka), Part::Tail(b, kb + 1)];
    let nb = [Part::Head(b, kb), Part::Tail(a, ka + 1)];
    judge(
        inst,
        sol,
        &[
            NewRoute {
                route: ra,
                parts: &na,
            },
            NewRoute {
                route: rb,
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

    /// Every pair of cut points on two routes, against the routes rebuilt by hand.
    #[test]
    fn two_opt_star_prices_equal_the_exact_difference() {
        let mut feasible = 0;
        for seed in SEEDS {
            let p = fixtures::random(seed, ORDERS);
            let inst = Instance::new(&p);
            let sol = oracle::solution(&inst, seed);
            for ra in 0..sol.routes.len() {
                for rb in 0..sol.routes.len() {
                    if ra == rb {
                        continue;
                    }
                    let (a, b) = (&sol.routes[ra].nodes, &sol.routes[rb].nodes);
                    for ka in 0..a.len() - 1 {
                        for kb in 0..b.len() - 1 {
                            let got = exchange_ends(&inst, &sol, (ra, ka), (rb, kb), f64::INFINITY);
                            let na: Vec<u32> =
                                a[..=ka].iter().chain(&b[kb + 1..]).copied().collect();
                            let nb: Vec<u32> =
                                b[..=kb].iter().chain(&a[ka + 1..]).copied().collect();
                            let what =
                                format!("seed {seed}: ends of {ra} after {ka} and {rb} after {kb}");
                            if oracle::verify(&inst, &sol, got, &[(ra, na), (rb, nb)], &what) {
                                feasible += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(feasible > 200, "only {feasible} feasible exchanges");
    }
}
