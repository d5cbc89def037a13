//! The first solution: regret-2 insertion, and cheapest insertion in two fixed orders
//! (farthest from the depot first; largest demand first, which packs a tight heterogeneous
//! fleet like first-fit decreasing). The cheapest of the three (unserved required orders
//! counting their penalty) starts the search.
//!
//! Regret-2 inserts, at each step, the order whose best insertion beats its second best (on
//! another route) by the most: orders with few good options go first. The best insertion
//! per (order, route) is cached and only the changed route's column is recomputed, so a step
//! costs O(orders × route length).

use super::insertion::{Candidate, apply, insert_orders, scan_route};
use super::instance::Instance;
use super::state::{Route, Solution};
use rand_chacha::ChaCha8Rng;

/// Largest number of orders for which regret-2 runs (its cost grows as n² · route length:
/// about a second at 1,000 orders, the whole of a short budget, while the local search
/// brings a cheapest insertion to the same quality in a fraction of that).
const REGRET_MAX_ORDERS: usize = 300;

/// Builds the first solution from the `eligible` orders.
pub(crate) fn construct(
    inst: &Instance,
    empties: &[Route],
    eligible: &[u32],
    depot_gap: &[f64],
    rng: &mut ChaCha8Rng,
) -> Solution {
    let mut far = eligible.to_vec();
    far.sort_by(|&a, &b| depot_gap[b as usize].total_cmp(&depot_gap[a as usize]));
    let mut big = eligible.to_vec();
    let size = |o: u32| inst.demand(o).iter().sum::<i64>();
    big.sort_by_key(|&o| std::cmp::Reverse(size(o)));
    let mut best: Option<Solution> = None;
    for order in [far, big] {
        let mut sol = Solution::empty(inst, Vec::new());
        insert_orders(inst, &mut sol, empties, &order, rng, 0.0);
        if best.as_ref().is_none_or(|b| sol.cost < b.cost) {
            best = Some(sol);
        }
    }
    if eligible.len() <= REGRET_MAX_ORDERS {
        let sol = regret(inst, empties, eligible, rng);
        if best.as_ref().is_none_or(|b| sol.cost < b.cost) {
            best = Some(sol);
        }
    }
    best.unwrap_or_else(|| Solution::empty(inst, eligible.to_vec()))
}

/// Best insertion of `u` into route `ri` alone.
fn best_in(
    inst: &Instance,
    route: &Route,
    ri: usize,
    u: u32,
    rng: &mut ChaCha8Rng,
) -> Option<Candidate> {
    let mut best = None;
    scan_route(inst, route, ri, u, rng, 0.0, &mut best);
    best
}

/// Regret-2 insertion of every order in `eligible`.
fn regret(inst: &Instance, empties: &[Route], eligible: &[u32], rng: &mut ChaCha8Rng) -> Solution {
    let mut sol = Solution::empty(inst, Vec::new());
    let mut pending: Vec<u32> = eligible.to_vec();
    // cache[i][r]: best insertion of pending[i] into route r; opening[i][t]: into a new route
    // of type t.
    let mut cache: Vec<Vec<Option<Candidate>>> = vec![Vec::new(); pending.len()];
    let opening: Vec<Vec<Option<Candidate>>> = pending
        .iter()
        .map(|&u| {
            (0..empties.len())
                .map(|t| best_in(inst, &empties[t], usize::MAX, u, rng))
                .collect()
        })
        .collect();
    let mut opening = opening;
    while !pending.is_empty() {
        let mut choice: Option<(f64, f64, usize, Candidate)> = None;
        for (i, &u) in pending.iter().enumerate() {
            let (mut first, mut second): (Option<Candidate>, f64) = (None, f64::INFINITY);
            let options = cache[i].iter().enumerate().map(|(r, c)| (r, *c)).chain(
                opening[i]
                    .iter()
                    .enumerate()
                    .filter(|(t, _)| sol.used[*t] < inst.types[*t].count)
                    .map(|(t, c)| (sol.routes.len() + t, *c)),
            );
            for (r, c) in options {
                let Some(mut c) = c else { continue };
                c.route = r;
                match first {
                    Some(f) if c.delta >= f.delta => second = second.min(c.delta),
                    _ => {
                        if let Some(f) = first {
                            second = second.min(f.delta);
                        }
                        first = Some(c);
                    }
                }
            }
            let Some(f) = first else { continue };
            if f.delta >= inst.omission_cost[u as usize] {
                continue;
            }
            let regret = if second.is_finite() {
                second - f.delta
            } else {
                f64::MAX
            };
            let better = choice
                .as_ref()
                .is_none_or(|&(rg, d, _, _)| regret > rg || (regret == rg && f.delta < d));
            if better {
                choice = Some((regret, f.delta, i, f));
            }
        }
        let Some((_, _, i, c)) = choice else { break };
        let u = pending[i];
        let new_route = c.route >= sol.routes.len();
        let placed = apply(inst, &mut sol, empties, &c);
        pending.swap_remove(i);
        cache.swap_remove(i);
        opening.swap_remove(i);
        if !placed {
            sol.unassigned.push(u);
            continue;
        }
        let r = if new_route {
            sol.routes.len() - 1
        } else {
            c.route
        };
        for (j, &v) in pending.iter().enumerate() {
            let b = best_in(inst, &sol.routes[r], r, v, rng);
            if new_route {
                cache[j].push(b);
            } else {
                cache[j][r] = b;
            }
        }
    }
    sol.unassigned.extend(pending);
    sol.refresh(inst);
    sol
}
