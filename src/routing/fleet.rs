//! Fleet mix: moves a route onto the cheapest vehicle type that can drive it.
//!
//! Ruin and recreate changes which orders a route serves but never its vehicle; with a
//! heterogeneous fleet (different fixed and per-km costs, capacities, ranges) a route built
//! on a large vehicle may be cheaper on a small one once some orders left it, and the other
//! way round. After each recreate every route is re-evaluated on every other type with a
//! vehicle to spare and the same home depot.

use super::instance::Instance;
use super::state::Solution;

/// Moves routes to cheaper vehicle types where one is free and feasible. Returns true when
/// a route changed type.
pub(crate) fn retype(inst: &Instance, sol: &mut Solution) -> bool {
    if inst.types.len() < 2 {
        return false;
    }
    let mut changed = false;
    for r in 0..sol.routes.len() {
        let from = sol.routes[r].vtype;
        let mut best: Option<(usize, f64)> = None;
        for t in 0..inst.types.len() {
            let td = &inst.types[t];
            if t == from || sol.used[t] >= td.count || td.depot != inst.types[from].depot {
                continue;
            }
            let route = &sol.routes[r];
            let reloads_ok = route.nodes[1..route.nodes.len() - 1]
                .iter()
                .filter(|&&v| inst.is_depot(v))
                .all(|&v| td.reload_depots.contains(&(v as usize - inst.n)));
            if !reloads_ok {
                continue;
            }
            if let Some(e) = inst.evaluate(t, &route.nodes)
                && e.cost < best.map_or(route.cost - 1e-9, |b| b.1)
            {
                best = Some((t, e.cost));
            }
        }
        if let Some((t, _)) = best {
            let route = &mut sol.routes[r];
            route.vtype = t;
            if route.update(inst) {
                sol.used[from] -= 1;
                sol.used[t] += 1;
                changed = true;
            } else {
                route.vtype = from;
                route.update(inst);
            }
        }
    }
    if changed {
        sol.refresh(inst);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::state::Route;

    #[test]
    fn a_route_moves_to_a_cheaper_free_type() {
        let mut p = fixtures::line(2, 1, 10, 1);
        let mut dear = p.vehicle_types[0].clone();
        dear.cost_per_km = 5.0;
        p.vehicle_types.insert(0, dear);
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let mut r = Route::empty(&inst, 0);
        r.nodes = vec![h, 0, 1, h];
        assert!(r.update(&inst));
        let mut s = Solution::empty(&inst, Vec::new());
        s.routes.push(r);
        s.refresh(&inst);
        assert_eq!(s.cost, 20.0);
        assert!(retype(&inst, &mut s));
        assert_eq!(s.routes[0].vtype, 1);
        assert_eq!(s.used, vec![0, 1]);
        assert_eq!(s.cost, 4.0);
        assert!(!retype(&inst, &mut s));
    }
}
