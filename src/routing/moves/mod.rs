//! Local-search moves. Each move describes the routes it would make as concatenations of
//! parts of the current routes ([`Part`]), prices them with the segment data
//! ([`super::segment::price`]) and, when they beat a bound, returns them as a [`Change`].
//!
//! - [`relocate`]: a string of one to three orders moves next to a neighbour (or-opt when
//!   it stays in its route);
//! - [`swap`]: two strings of one to three orders on two routes trade places;
//! - [`two_opt`]: a stretch of one trip is reversed;
//! - [`two_opt_star`]: two routes trade their ends.
//!
//! Every move links an order `u` to one of its nearest orders `v` (granular neighbourhood):
//! the local search ([`super::local_search`]) calls each move for such pairs.

pub(crate) mod relocate;
pub(crate) mod swap;
pub(crate) mod two_opt;
pub(crate) mod two_opt_star;

use super::instance::Instance;
use super::segment::{Part, Verdict, lower_bound, materialise, price};
use super::state::Solution;

/// Where each order sits: route index and position (`u32::MAX` when unassigned).
pub(crate) struct Positions {
    /// Position of each order in its route.
    pub pos: Vec<u32>,
}

impl Positions {
    /// Positions of every order of `sol`.
    pub fn new(inst: &Instance, sol: &Solution) -> Self {
        let mut p = Self {
            pos: vec![u32::MAX; inst.n],
        };
        for r in 0..sol.routes.len() {
            p.refresh(inst, sol, r);
        }
        p
    }

    /// Records the positions of route `r`'s orders.
    pub fn refresh(&mut self, inst: &Instance, sol: &Solution, r: usize) {
        for (k, &v) in sol.routes[r].nodes.iter().enumerate() {
            if !inst.is_depot(v) {
                self.pos[v as usize] = k as u32;
            }
        }
    }
}

/// A route a move would make: route index (which keeps its vehicle type) and its parts.
pub(crate) struct NewRoute<'a> {
    /// Index of the route replaced.
    pub route: usize,
    /// Parts, head first.
    pub parts: &'a [Part<'a>],
}

/// An improving move, ready to apply.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Change {
    /// Cost change (negative: better).
    pub delta: f64,
    /// The new node sequence of each route it changes.
    pub routes: Vec<(usize, Vec<u32>)>,
}

/// Prices the routes `new` (distinct route indices) and returns them as a change when the
/// cost change is below `bound`. A lower bound from distances alone prunes first (O(1) per
/// part); then exact verdicts are used as they are; screened ones are
/// pruned by their lower bound and otherwise evaluated exactly.
pub(crate) fn judge(
    inst: &Instance,
    sol: &Solution,
    new: &[NewRoute],
    bound: f64,
) -> Option<Change> {
    let old: f64 = new.iter().map(|nr| sol.routes[nr.route].cost).sum();
    let lower: f64 = new
        .iter()
        .map(|nr| lower_bound(inst, sol.routes[nr.route].vtype, nr.parts))
        .sum();
    if lower - old >= bound {
        return None;
    }
    let mut total = 0.0;
    let mut verdicts = [Verdict::Infeasible; 2];
    for (i, nr) in new.iter().enumerate() {
        let route = &sol.routes[nr.route];
        let v = price(inst, route.vtype, nr.parts);
        match v {
            Verdict::Infeasible => return None,
            Verdict::Exact(c) | Verdict::Screened(c) => total += c,
        }
        verdicts[i] = v;
    }
    if total - old >= bound {
        return None;
    }
    let mut routes = Vec::with_capacity(new.len());
    let mut exact_total = 0.0;
    for (i, nr) in new.iter().enumerate() {
        let mut nodes = Vec::new();
        materialise(nr.parts, &mut nodes);
        exact_total += match verdicts[i] {
            Verdict::Exact(c) => c,
            _ => inst.evaluate(sol.routes[nr.route].vtype, &nodes)?.cost,
        };
        routes.push((nr.route, nodes));
    }
    let delta = exact_total - old;
    (delta < bound).then_some(Change { delta, routes })
}

/// The O(1) distance gate every move passes before it is priced: `(route, new distance,
/// new order count)` for each route changed, all on matrices of the same profile. False
/// when even the fixed and distance costs of the new routes (a lower bound of their cost)
/// cannot bring the change below `bound`.
#[inline]
pub(crate) fn distance_gate(
    inst: &Instance,
    sol: &Solution,
    new: &[(usize, f64, u32)],
    bound: f64,
) -> bool {
    let mut delta = 0.0;
    for &(r, dist, orders) in new {
        let route = &sol.routes[r];
        let td = &inst.types[route.vtype];
        if orders > 0 {
            delta += td.fixed_cost + td.cost_per_m * dist;
        }
        delta -= route.cost;
    }
    delta < bound
}

/// True when routes `a` and `b` drive on the same matrices (the distance gate then holds).
#[inline]
pub(crate) fn same_profile(inst: &Instance, sol: &Solution, a: usize, b: usize) -> bool {
    inst.types[sol.routes[a].vtype].profile == inst.types[sol.routes[b].vtype].profile
}

/// True when positions `i..=j` of route `r` of `sol` are orders of one trip.
#[inline]
pub(crate) fn orders_of_one_trip(inst: &Instance, nodes: &[u32], i: usize, j: usize) -> bool {
    i >= 1 && j + 1 < nodes.len() && i <= j && nodes[i..=j].iter().all(|&v| !inst.is_depot(v))
}

/// The slow oracle the moves are tested against: routes rebuilt by hand and evaluated by
/// [`Instance::evaluate`], and the independent checker on the solution a move makes.
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;
    use crate::routing::check::check;
    use crate::routing::insertion::insert_orders;
    use crate::routing::solution::SearchStats;
    use crate::routing::solve::output;
    use crate::routing::state::Route;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A random feasible solution of `inst`: every order inserted in a random order at its
    /// cheapest position (blinks at 30 %), so routes are far from optimal.
    pub fn solution(inst: &Instance, seed: u64) -> Solution {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let empties: Vec<Route> = (0..inst.types.len())
            .map(|t| Route::empty(inst, t))
            .collect();
        let mut order: Vec<u32> = (0..inst.n as u32).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.random_range(0..=i));
        }
        let mut sol = Solution::empty(inst, Vec::new());
        insert_orders(inst, &mut sol, &empties, &order, &mut rng, 0.3);
        sol
    }

    /// True when a node sequence holds an empty trip (two depots in a row) other than the
    /// emptied route `[home, home]`: moves never make those.
    pub fn has_empty_trip(inst: &Instance, nodes: &[u32]) -> bool {
        nodes.len() > 2
            && nodes
                .windows(2)
                .any(|w| inst.is_depot(w[0]) && inst.is_depot(w[1]))
    }

    /// Checks a move's answer against the routes `expected` rebuilt by hand: the move is
    /// feasible exactly when every rebuilt route is, its nodes are the rebuilt ones, its
    /// delta is the exact cost difference, and the solution it makes passes the checker.
    /// Returns whether the move was feasible.
    pub fn verify(
        inst: &Instance,
        sol: &Solution,
        got: Option<Change>,
        expected: &[(usize, Vec<u32>)],
        what: &str,
    ) -> bool {
        if expected.iter().any(|(_, n)| has_empty_trip(inst, n)) {
            assert!(got.is_none(), "{what}: a move made an empty trip");
            return false;
        }
        let mut exact = Some(0.0);
        for (r, nodes) in expected {
            let t = sol.routes[*r].vtype;
            exact = match (exact, inst.evaluate(t, nodes)) {
                (Some(sum), Some(e)) => Some(sum + e.cost - sol.routes[*r].cost),
                _ => None,
            };
        }
        match (got, exact) {
            (None, None) => false,
            (Some(c), Some(delta)) => {
                assert_eq!(c.routes, expected, "{what}: wrong routes");
                assert!(
                    (c.delta - delta).abs() < 1e-6,
                    "{what}: priced {} but the exact difference is {delta}",
                    c.delta
                );
                let mut after = sol.clone();
                for (r, nodes) in expected {
                    after.routes[*r].nodes.clone_from(nodes);
                    assert!(after.routes[*r].update(inst), "{what}: update rejects");
                }
                after.refresh(inst);
                let stats = SearchStats {
                    iterations: 0,
                    construction_cost: 0.0,
                    seconds: 0.0,
                };
                let answer = output(inst, &after, Vec::new(), stats);
                let report = check(inst.problem, &answer)
                    .unwrap_or_else(|v| panic!("{what}: the checker rejects: {v:?}"));
                assert!(
                    (report.cost - answer.cost).abs() < 1e-6,
                    "{what}: checker cost"
                );
                true
            }
            (Some(c), None) => panic!("{what}: priced {} but infeasible", c.delta),
            (None, Some(delta)) => panic!("{what}: missed a feasible move of delta {delta}"),
        }
    }

    /// Seeds of the random problems (even: time free; odd: releases, time costs, limits).
    pub const SEEDS: std::ops::Range<u64> = 0..24;
    /// Orders per random problem.
    pub const ORDERS: usize = 14;
}
