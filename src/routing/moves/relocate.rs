//! Relocate: a string of one to three consecutive orders of one trip moves next to a
//! neighbouring order, on another route or in its own trip (or-opt), in its order or
//! reversed.
//!
//! Between routes the source becomes `head ++ tail` around the string and the target
//! `head ++ string ++ tail` around the insertion point; inside a route the string trades
//! places with the stretch of its trip between it and the insertion point. Prices come from
//! the segment data in O(string length), O(stretch) inside a route.

use super::{Change, NewRoute, Positions, distance_gate, judge, orders_of_one_trip, same_profile};
use crate::routing::instance::Instance;
use crate::routing::segment::Part;
use crate::routing::state::Solution;

/// Longest string moved.
pub(crate) const MAX_STRING: usize = 3;

/// Best relocation of a string starting at order `u` next to order `v` (just after it or
/// just before it), below `bound`.
pub(crate) fn relocate(
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
    let (pu, pv) = (pos.pos[u as usize] as usize, pos.pos[v as usize] as usize);
    let mut best: Option<Change> = None;
    for len in 1..=MAX_STRING {
        if !orders_of_one_trip(inst, &sol.routes[ru].nodes, pu, pu + len - 1) {
            break;
        }
        // After v, in order or reversed; a single order also just before v.
        let tries: &[(usize, bool)] = if len == 1 {
            &[(pv, false), (pv - 1, false)]
        } else {
            &[(pv, false), (pv, true)]
        };
        for &(k, reversed) in tries {
            let b = best.as_ref().map_or(bound, |c| c.delta);
            if let Some(c) = relocate_string(inst, sol, ru, pu, len, rv, k, reversed, b) {
                best = Some(c);
            }
        }
    }
    best
}

/// The distance gate of a relocation (see [`super::distance_gate`]).
#[allow(clippy::too_many_arguments)]
fn gate(
    inst: &Instance,
    sol: &Solution,
    ru: usize,
    pu: usize,
    last: usize,
    rv: usize,
    k: usize,
    reversed: bool,
    bound: f64,
) -> bool {
    if !same_profile(inst, sol, ru, rv) {
        return true;
    }
    let (a, b) = (&sol.routes[ru], &sol.routes[rv]);
    let (ta, tb) = (a.vtype, b.vtype);
    let (s1, sl) = (a.nodes[pu], a.nodes[last]);
    let (p, n) = (a.nodes[pu - 1], a.nodes[last + 1]);
    let inner = a.dist_to[last] - a.dist_to[pu];
    let (first, end, inner_new) = if reversed {
        (sl, s1, a.rdist_to[last] - a.rdist_to[pu])
    } else {
        (s1, sl, inner)
    };
    let (x, y) = (b.nodes[k], b.nodes[k + 1]);
    let cut = inst.dist(ta, p, n) - inst.dist(ta, p, s1) - inst.dist(ta, sl, n) - inner;
    let len = (last + 1 - pu) as u32;
    if ru == rv {
        let paste =
            inst.dist(ta, x, first) + inner_new + inst.dist(ta, end, y) - inst.dist(ta, x, y);
        let dist = if k + 1 == pu {
            // Reversed where it is: p, reversed string, n.
            a.distance - inst.dist(ta, p, s1) - inner - inst.dist(ta, sl, n)
                + inst.dist(ta, p, sl)
                + inner_new
                + inst.dist(ta, s1, n)
        } else {
            a.distance + cut + paste
        };
        return distance_gate(inst, sol, &[(ru, dist, a.orders as u32)], bound);
    }
    let paste = inst.dist(tb, x, first) + inner_new + inst.dist(tb, end, y) - inst.dist(tb, x, y);
    distance_gate(
        inst,
        sol,
        &[
            (ru, a.distance + cut, a.orders as u32 - len),
            (rv, b.distance + paste, b.orders as u32 + len),
        ],
        bound,
    )
}

/// Moves the string `route ru, positions pu..pu+len-1` after position `k` of route `rv`
/// (reversed if asked). `None` when infeasible, not a move, or not below `bound`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn relocate_string(
    inst: &Instance,
    sol: &Solution,
    ru: usize,
    pu: usize,
    len: usize,
    rv: usize,
    k: usize,
    reversed: bool,
    bound: f64,
) -> Option<Change> {
    let (a, b) = (&sol.routes[ru], &sol.routes[rv]);
    let last = pu + len - 1;
    if !orders_of_one_trip(inst, &a.nodes, pu, last) || k + 1 >= b.nodes.len() {
        return None;
    }
    if (ru != rv || k + 1 < pu || k > last || (reversed && k + 1 == pu))
        && !gate(inst, sol, ru, pu, last, rv, k, reversed, bound)
    {
        return None;
    }
    let string = if reversed {
        Part::Reversed(a, pu, last)
    } else {
        Part::Slice(a, pu, last)
    };
    if ru != rv {
        let source = [Part::Head(a, pu - 1), Part::Tail(a, last + 1)];
        let target = [Part::Head(b, k), string, Part::Tail(b, k + 1)];
        return judge(
            inst,
            sol,
            &[
                NewRoute {
                    route: ru,
                    parts: &source,
                },
                NewRoute {
                    route: rv,
                    parts: &target,
                },
            ],
            bound,
        );
    }
    // Inside one trip: the stretch between the string and the insertion point.
    let parts = if k + 1 < pu {
        if !orders_of_one_trip(inst, &a.nodes, k + 1, pu - 1) {
            return None;
        }
        [
            Part::Head(a, k),
            string,
            Part::Slice(a, k + 1, pu - 1),
            Part::Tail(a, last + 1),
        ]
    } else if k > last {
        if !orders_of_one_trip(inst, &a.nodes, last + 1, k) {
            return None;
        }
        [
            Part::Head(a, pu - 1),
            Part::Slice(a, last + 1, k),
            string,
            Part::Tail(a, k + 1),
        ]
    } else if reversed && k + 1 == pu {
        // Reversing the string where it is.
        return judge(
            inst,
            sol,
            &[NewRoute {
                route: ru,
                parts: &[Part::Head(a, pu - 1), string, Part::Tail(a, last + 1)],
            }],
            bound,
        );
    } else {
        return None;
    };
    judge(
        inst,
        sol,
        &[NewRoute {
            route: ru,
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

    /// Every string of every route moved after every position of every route, against
    /// the route rebuilt by hand.
    #[test]
    fn relocate_prices_equal_the_exact_difference() {
        let mut feasible = 0;
        for seed in SEEDS {
            let p = fixtures::random(seed, ORDERS);
            let inst = Instance::new(&p);
            let sol = oracle::solution(&inst, seed);
            for ru in 0..sol.routes.len() {
                let a = &sol.routes[ru];
                for pu in 1..a.nodes.len() - 1 {
                    for len in 1..=MAX_STRING {
                        let last = pu + len - 1;
                        if !orders_of_one_trip(&inst, &a.nodes, pu, last) {
                            continue;
                        }
                        for rv in 0..sol.routes.len() {
                            let b = &sol.routes[rv];
                            for k in 0..b.nodes.len() - 1 {
                                for reversed in [false, true] {
                                    if reversed && len == 1 {
                                        continue;
                                    }
                                    let got = relocate_string(
                                        &inst,
                                        &sol,
                                        ru,
                                        pu,
                                        len,
                                        rv,
                                        k,
                                        reversed,
                                        f64::INFINITY,
                                    );
                                    let mut string = a.nodes[pu..=last].to_vec();
                                    if reversed {
                                        string.reverse();
                                    }
                                    let what = format!(
                                        "seed {seed}: route {ru} pos {pu} len {len} -> route {rv} after {k}, reversed {reversed}"
                                    );
                                    let expected = if ru != rv {
                                        let mut na = a.nodes.clone();
                                        na.drain(pu..=last);
                                        let mut nb = b.nodes.clone();
                                        nb.splice(k + 1..k + 1, string);
                                        vec![(ru, na), (rv, nb)]
                                    } else {
                                        let in_place = reversed && k + 1 == pu;
                                        let stretch = if k < pu {
                                            &a.nodes[k + 1..pu]
                                        } else {
                                            &a.nodes[last + 1..=k.max(last)]
                                        };
                                        let crosses = stretch.iter().any(|&v| inst.is_depot(v));
                                        if (k + 1 >= pu && k <= last && !in_place) || crosses {
                                            assert!(got.is_none(), "{what}: not a move");
                                            continue;
                                        }
                                        let mut n = a.nodes.clone();
                                        n.drain(pu..=last);
                                        let at = if k < pu { k + 1 } else { k + 1 - len };
                                        n.splice(at..at, string);
                                        vec![(ru, n)]
                                    };
                                    if oracle::verify(&inst, &sol, got, &expected, &what) {
                                        feasible += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(feasible > 500, "only {feasible} feasible relocations");
    }
}
