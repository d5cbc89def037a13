//! Local search on improving solutions: granular relocate.
//!
//! Each order is tried next to each of its nearest orders (the granular neighbourhood of
//! Toth & Vigo: good moves join near orders) on other routes, before or after it. A move is
//! kept when the exact cost of the source route without the order plus the insertion delta
//! in the target route (screened in O(1), exact when [`Instance::fast_exact`] holds and
//! re-evaluated otherwise) lowers the total; the descent repeats until no move improves.
//! It runs only when the ruin-and-recreate finds a new best solution, so its cost is paid
//! rarely and it polishes exactly the solutions that matter.

use super::insertion::{fits_load, try_seq};
use super::instance::Instance;
use super::state::Solution;

/// Neighbours tried per order.
const GRANULARITY: usize = 20;
/// Most passes over all orders.
const MAX_PASSES: usize = 8;

/// Relocates orders between routes while that lowers the cost. Returns true when a move was
/// made.
pub(crate) fn relocate_descent(inst: &Instance, sol: &mut Solution) -> bool {
    let mut any = false;
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for u in 0..inst.n as u32 {
            if relocate_one(inst, sol, u) {
                improved = true;
            }
        }
        if !improved {
            break;
        }
        any = true;
    }
    any
}

/// Tries to move order `u` next to one of its neighbours on another route.
fn relocate_one(inst: &Instance, sol: &mut Solution, u: u32) -> bool {
    let ru = sol.route_of[u as usize];
    if ru == u32::MAX {
        return false;
    }
    let ru = ru as usize;
    let source = &sol.routes[ru];
    let Some(p) = source.nodes.iter().position(|&v| v == u) else {
        return false;
    };
    let mut without = source.clone();
    without.nodes.remove(p);
    if !without.update(inst) {
        return false;
    }
    let gain = source.cost - without.cost;
    let mut best: Option<(usize, usize, f64)> = None;
    for &v in inst.neighbours[u as usize].iter().skip(1).take(GRANULARITY) {
        let rv = sol.route_of[v as usize];
        if rv == u32::MAX || rv as usize == ru {
            continue;
        }
        let rv = rv as usize;
        let target = &sol.routes[rv];
        if !inst.types[target.vtype].allowed[u as usize] {
            continue;
        }
        let Some(pv) = target.nodes.iter().position(|&x| x == v) else {
            continue;
        };
        for k in [pv - 1, pv] {
            if k + 1 >= target.nodes.len()
                || !fits_load(inst, target, Some(target.trip_of[k] as usize), u)
            {
                continue;
            }
            let bound = best.map_or(gain - 1e-9, |b| b.2);
            if let Some(delta) = try_seq(inst, target, k, &[u], bound, 0.0) {
                best = Some((rv, k, delta));
            }
        }
    }
    let Some((rv, k, _)) = best else {
        return false;
    };
    let mut target = sol.routes[rv].clone();
    target.nodes.insert(k + 1, u);
    if !target.update(inst) {
        return false;
    }
    sol.routes[ru] = without;
    sol.routes[rv] = target;
    sol.refresh(inst);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::state::Route;

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
        assert!(relocate_descent(&inst, &mut s));
        assert_eq!(s.routes.len(), 1);
        assert_eq!(s.routes[0].nodes, vec![h, 0, 1, 2, h]);
        assert_eq!(s.cost, 6.0);
        assert!(!relocate_descent(&inst, &mut s));
    }
}
