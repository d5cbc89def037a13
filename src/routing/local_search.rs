//! Local search: a granular descent over the moves of [`super::moves`].
//!
//! Each order `u` is paired with each of its [`GRANULARITY`] nearest orders `v` (the
//! granular neighbourhood of Toth & Vigo: good moves join near orders) and the moves are
//! tried in turn, relocate, swap, 2-opt*, 2-opt; the best of each move's variants below
//! zero is applied at once (first improvement over moves). A pair is tried again only once
//! one of its two routes changed since `u` was last examined, so a descent started from a
//! few changed orders (`focus`) costs in proportion to what changed, not to the solution's
//! size. Every applied move is re-evaluated exactly by [`Route::update`] and undone if the
//! exact cost did not fall, so a screened price can cost time but never a wrong solution.

use super::instance::Instance;
use super::moves::{
    Change, Positions, relocate::relocate, swap::swap, two_opt::two_opt, two_opt_star::two_opt_star,
};
use super::state::{Route, Solution};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Neighbours tried per order.
pub(crate) const GRANULARITY: usize = 10;
/// Least improvement that counts as one (objective units).
const EPSILON: f64 = 1e-7;
/// Most passes over the orders (a safety net: descents end long before).
const MAX_PASSES: usize = 1000;

/// Improves `sol` by local search until no move lowers its cost, or `deadline` passes
/// (checked between orders; `None` under iteration budgets, which keeps results
/// reproducible). With `focus`, only pairs involving those orders are tried at first (then
/// pairs near the routes that change). Returns true when a move was made.
pub(crate) fn descend(
    inst: &Instance,
    sol: &mut Solution,
    focus: Option<&[u32]>,
    deadline: Option<Instant>,
    rng: &mut ChaCha8Rng,
) -> bool {
    let mut pos = Positions::new(inst, sol);
    // Move counter at which each route last changed, and at which each order was last
    // examined (-1: never).
    let mut modified = vec![0i64; sol.routes.len()];
    let mut tested = vec![0i64; inst.n];
    match focus {
        Some(f) => f.iter().for_each(|&u| tested[u as usize] = -1),
        None => tested.iter_mut().for_each(|t| *t = -1),
    }
    let mut order: Vec<u32> = (0..inst.n as u32)
        .filter(|&u| sol.route_of[u as usize] != u32::MAX)
        .collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.random_range(0..=i));
    }
    let mut clock = 0i64;
    let mut any = false;
    for _ in 0..MAX_PASSES {
        let before = clock;
        for &u in &order {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            let stamp = tested[u as usize];
            tested[u as usize] = clock;
            for &v in inst.neighbours[u as usize].iter().skip(1).take(GRANULARITY) {
                let (ru, rv) = (sol.route_of[u as usize], sol.route_of[v as usize]);
                if ru == u32::MAX || rv == u32::MAX {
                    continue;
                }
                if stamp >= 0 && stamp >= modified[ru as usize].max(modified[rv as usize]) {
                    continue;
                }
                if let Some(change) = best_move(inst, sol, &pos, u, v)
                    && commit(inst, sol, &mut pos, &change)
                {
                    clock += 1;
                    for &(r, _) in &change.routes {
                        modified[r] = clock;
                    }
                }
            }
        }
        if clock == before {
            break;
        }
        any = true;
    }
    sol.refresh(inst);
    any
}

/// The first move, in the order relocate, swap, 2-opt*, 2-opt, that improves on `sol`.
fn best_move(inst: &Instance, sol: &Solution, pos: &Positions, u: u32, v: u32) -> Option<Change> {
    relocate(inst, sol, pos, u, v, -EPSILON)
        .or_else(|| swap(inst, sol, pos, u, v, -EPSILON))
        .or_else(|| two_opt_star(inst, sol, pos, u, v, -EPSILON))
        .or_else(|| two_opt(inst, sol, pos, u, v, -EPSILON))
}

/// Applies a change after checking it exactly; leaves `sol` as it was and returns false
/// when the exact cost does not fall.
pub(crate) fn commit(
    inst: &Instance,
    sol: &mut Solution,
    pos: &mut Positions,
    change: &Change,
) -> bool {
    let old: Vec<Route> = change
        .routes
        .iter()
        .map(|(r, _)| sol.routes[*r].clone())
        .collect();
    let before: f64 = old.iter().map(|r| r.cost).sum();
    let mut ok = true;
    let mut after = 0.0;
    for (r, nodes) in &change.routes {
        let route = &mut sol.routes[*r];
        route.nodes.clone_from(nodes);
        ok &= route.update(inst);
        after += route.cost;
    }
    if !ok || after >= before - EPSILON / 2.0 {
        for ((r, _), route) in change.routes.iter().zip(old) {
            sol.routes[*r] = route;
        }
        return false;
    }
    debug_assert!(
        (after - before - change.delta).abs() <= 1e-6 * (1.0 + before.abs()),
        "move priced {} but changed the cost by {}",
        change.delta,
        after - before
    );
    for &(r, _) in &change.routes {
        for &v in &sol.routes[r].nodes {
            if !inst.is_depot(v) {
                sol.route_of[v as usize] = r as u32;
            }
        }
        pos.refresh(inst, sol, r);
    }
    sol.cost += after - before;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use rand::SeedableRng;

    #[test]
    fn relocating_an_order_onto_a_passing_route_empties_its_own() {
        let p = fixtures::line(3, 2, 10, 1);
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let mut s = Solution::empty(&inst, Vec::new());
        for nodes in [vec![h, 0, 2, h], vec![h, 1, h]] {
            let mut r = Route::empty(&inst, 0);
            r.nodes = nodes;
            assert!(r.update(&inst));
            s.routes.push(r);
        }
        s.refresh(&inst);
        assert_eq!(s.cost, 10.0);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!(descend(&inst, &mut s, None, None, &mut rng));
        assert_eq!(s.routes.len(), 1);
        assert_eq!(s.routes[0].orders, 3);
        assert_eq!(s.cost, 6.0);
        assert!(!descend(&inst, &mut s, None, None, &mut rng));
    }
}
