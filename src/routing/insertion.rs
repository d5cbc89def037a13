//! Cheapest insertion of orders into a solution, with "blinks" (positions skipped at random,
//! as in slack induction by string removals) and the option of opening a new trip on a
//! multi-trip route or a new route on an unused vehicle.
//!
//! Positions are screened in O(1): distance delta (a lower bound of the cost delta), trip
//! load, route range, then the time schedule through the route's cached earliest and latest
//! departures. When [`Instance::fast_exact`] does not hold (route-duration costs or limits,
//! release times), the best candidates are re-evaluated exactly before one is chosen.

use super::instance::Instance;
use super::schedule::{Kind, forward_step};
use super::state::{Route, Solution};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// A way to insert one order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    /// Route index, or `routes.len() + t` for a new route of type `t`.
    pub route: usize,
    /// Insert after this position.
    pub pos: usize,
    /// Nodes to insert: the order, possibly with a reload depot before or after it.
    pub seq: [u32; 2],
    /// Number of nodes in `seq`.
    pub seq_len: usize,
    /// Cost increase.
    pub delta: f64,
    /// Vehicle type the route moves to (a larger vehicle for the added load), if any.
    pub vtype: Option<usize>,
}

/// True when the nodes `seq` fit in time between positions `k` and `k + 1` of `route`.
pub(crate) fn fits_in_time(inst: &Instance, route: &Route, k: usize, seq: &[u32]) -> bool {
    let t = route.vtype;
    let len = route.nodes.len();
    let mut prev = route.nodes[k];
    let mut dep = route.earliest[k];
    for &x in seq {
        let reload = inst.is_depot(x);
        let kind = if reload { Kind::Reload } else { Kind::Order };
        let arrival = inst.arrive(t, prev, x, dep);
        match forward_step(
            arrival,
            inst.node_windows(t, x, kind),
            inst.service(x, prev, reload),
            f64::NEG_INFINITY,
        ) {
            Some((_, d)) => dep = d,
            None => return false,
        }
        prev = x;
    }
    let b = route.nodes[k + 1];
    let kind = inst.kind(b, k + 1, len);
    let arrival = inst.arrive(t, prev, b, dep);
    match forward_step(
        arrival,
        inst.node_windows(t, b, kind),
        inst.service(b, prev, kind == Kind::Reload),
        route.releases[k + 1],
    ) {
        Some((_, d)) => d <= route.latest[k + 1],
        None => false,
    }
}

pub(crate) fn fits_load(inst: &Instance, route: &Route, trip: Option<usize>, u: u32) -> bool {
    let q = inst.demand(u);
    let cap = inst.types[route.vtype].capacity;
    let base = trip.map_or([0; super::model::DIMENSIONS], |t| route.trip_load[t]);
    (0..q.len()).all(|d| base[d] + q[d] <= cap[d])
}

/// Cost delta of inserting `seq` after position `k` of `route`, or `None` when infeasible.
/// `bound`: skip (return `None`) when the delta cannot be below it.
pub(crate) fn try_seq(
    inst: &Instance,
    route: &Route,
    k: usize,
    seq: &[u32],
    bound: f64,
    extra: f64,
) -> Option<f64> {
    let t = route.vtype;
    let td = &inst.types[t];
    let a = route.nodes[k];
    let b = route.nodes[k + 1];
    let mut dd = -inst.dist(t, a, b);
    let mut prev = a;
    for &x in seq {
        dd += inst.dist(t, prev, x);
        prev = x;
    }
    dd += inst.dist(t, prev, b);
    let lower = dd * td.cost_per_m + extra;
    if lower >= bound || route.distance + dd > td.max_distance || !dd.is_finite() {
        return None;
    }
    if !fits_in_time(inst, route, k, seq) {
        return None;
    }
    if inst.fast_exact {
        return Some(lower);
    }
    let mut nodes = Vec::with_capacity(route.nodes.len() + seq.len());
    nodes.extend_from_slice(&route.nodes[..=k]);
    nodes.extend_from_slice(seq);
    nodes.extend_from_slice(&route.nodes[k + 1..]);
    let eval = inst.evaluate(t, &nodes)?;
    let delta = eval.cost - route.cost;
    (delta < bound).then_some(delta)
}

/// Best insertion of order `u` into route `route` (index `ri`), improving on `best`.
pub(crate) fn scan_route(
    inst: &Instance,
    route: &Route,
    ri: usize,
    u: u32,
    rng: &mut ChaCha8Rng,
    blink: f64,
    best: &mut Option<Candidate>,
) {
    let td = &inst.types[route.vtype];
    if !td.allowed[u as usize] {
        return;
    }
    let len = route.nodes.len();
    let extra = if route.orders == 0 {
        td.fixed_cost
    } else {
        0.0
    };
    let bound = |b: &Option<Candidate>| b.map_or(f64::INFINITY, |c| c.delta);
    for k in 0..len - 1 {
        if blink > 0.0 && rng.random::<f64>() < blink {
            continue;
        }
        let trip = route.trip_of[k] as usize;
        if fits_load(inst, route, Some(trip), u)
            && let Some(delta) = try_seq(inst, route, k, &[u], bound(best), extra)
        {
            *best = Some(Candidate {
                route: ri,
                pos: k,
                seq: [u, 0],
                seq_len: 1,
                delta,
                vtype: None,
            });
        }
    }
    // A new trip of its own, on a route that already has trips to spare.
    if route.orders == 0 || route.trips() >= td.max_trips || !fits_load(inst, route, None, u) {
        return;
    }
    for &d in &td.reload_depots {
        let r = inst.depot_node(d);
        // Before the final return: .., R, u, home.
        let seqs = [(len - 2, [r, u]), (0, [u, r])];
        for (k, seq) in seqs {
            if inst.is_depot(route.nodes[k]) && k != 0 {
                continue;
            }
            if let Some(delta) = try_seq(inst, route, k, &seq, bound(best), extra) {
                *best = Some(Candidate {
                    route: ri,
                    pos: k,
                    seq,
                    seq_len: 2,
                    delta,
                    vtype: None,
                });
            }
        }
    }
}

/// A solution with at most this many routes has every route scanned for each insertion.
const SCAN_ALL_ROUTES: usize = 24;
/// Above [`SCAN_ALL_ROUTES`], only the routes serving one of the order's this many nearest
/// orders are scanned (all routes when none of them is routed yet, or, when vehicles work
/// different shifts, none of their routes can take the order).
const INSERT_NEIGHBOURS: usize = 40;

/// Cheapest feasible insertion of `u` into `sol`, including a new route on an unused
/// vehicle of any type (`empties[t]` is an empty route of type `t`). On solutions of more
/// than [`SCAN_ALL_ROUTES`] routes the scan is granular: the routes of `u`'s nearest routed
/// orders only, so that an insertion into a day of thousands of stops costs what one into
/// a few routes does.
pub(crate) fn best_insertion(
    inst: &Instance,
    sol: &Solution,
    empties: &[Route],
    u: u32,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> Option<Candidate> {
    let mut near: Vec<usize> = Vec::new();
    if sol.routes.len() > SCAN_ALL_ROUTES {
        near.extend(
            inst.neighbours[u as usize]
                .iter()
                .skip(1)
                .take(INSERT_NEIGHBOURS)
                .map(|&v| sol.route_of[v as usize])
                .filter(|&r| r != u32::MAX)
                .map(|r| r as usize),
        );
        near.sort_unstable();
        near.dedup();
    }
    let all: Vec<usize>;
    let scanned: &[usize] = if near.is_empty() {
        all = (0..sol.routes.len()).collect();
        &all
    } else {
        &near
    };
    let mut best = None;
    for &ri in scanned {
        scan_route(inst, &sol.routes[ri], ri, u, rng, blink, &mut best);
    }
    if inst.types.len() > 1 {
        for &ri in scanned {
            scan_upgrade(inst, sol, &sol.routes[ri], ri, u, &mut best);
        }
    }
    if best.is_none() && !near.is_empty() && inst.several_shifts {
        // No near route can take it, and routes run at different hours or on different days
        // (the hindsight plan's vehicle-days): a near order is no sign of a good route.
        for ri in (0..sol.routes.len()).filter(|r| near.binary_search(r).is_err()) {
            scan_route(inst, &sol.routes[ri], ri, u, rng, blink, &mut best);
            if inst.types.len() > 1 {
                scan_upgrade(inst, sol, &sol.routes[ri], ri, u, &mut best);
            }
        }
    }
    for (t, empty) in empties.iter().enumerate() {
        if sol.used[t] < inst.types[t].count {
            scan_route(inst, empty, sol.routes.len() + t, u, rng, 0.0, &mut best);
        }
    }
    best
}

/// Insertion of `u` into a route that lacks the capacity, with the route moved to another
/// vehicle type that has it (at the position of least added distance).
fn scan_upgrade(
    inst: &Instance,
    sol: &Solution,
    route: &Route,
    ri: usize,
    u: u32,
    best: &mut Option<Candidate>,
) {
    let from = route.vtype;
    let len = route.nodes.len();
    let mut pos: Option<(usize, f64)> = None;
    for k in 0..len - 1 {
        let trip = route.trip_of[k] as usize;
        if fits_load(inst, route, Some(trip), u) {
            continue;
        }
        let (a, b) = (route.nodes[k], route.nodes[k + 1]);
        let dd = inst.dist(from, a, u) + inst.dist(from, u, b) - inst.dist(from, a, b);
        if pos.is_none_or(|p| dd < p.1) {
            pos = Some((k, dd));
        }
    }
    let Some((k, _)) = pos else { return };
    let mut nodes = route.nodes.clone();
    nodes.insert(k + 1, u);
    for (t, td) in inst.types.iter().enumerate() {
        if t == from
            || sol.used[t] >= td.count
            || td.depot != inst.types[from].depot
            || !td.allowed[u as usize]
        {
            continue;
        }
        let reloads_ok = nodes[1..nodes.len() - 1]
            .iter()
            .filter(|&&v| inst.is_depot(v))
            .all(|&v| td.reload_depots.contains(&(v as usize - inst.n)));
        if !reloads_ok {
            continue;
        }
        if let Some(e) = inst.evaluate(t, &nodes) {
            let delta = e.cost - route.cost;
            if best.is_none_or(|b| delta < b.delta) {
                *best = Some(Candidate {
                    route: ri,
                    pos: k,
                    seq: [u, 0],
                    seq_len: 1,
                    delta,
                    vtype: Some(t),
                });
            }
        }
    }
}

/// Applies a candidate. Returns false (and leaves the solution unchanged) when the exact
/// evaluation rejects it.
pub(crate) fn apply(inst: &Instance, sol: &mut Solution, empties: &[Route], c: &Candidate) -> bool {
    let new_route = c.route >= sol.routes.len();
    let mut route = if new_route {
        empties[c.route - sol.routes.len()].clone()
    } else {
        sol.routes[c.route].clone()
    };
    let seq = &c.seq[..c.seq_len];
    for (i, &x) in seq.iter().enumerate() {
        route.nodes.insert(c.pos + 1 + i, x);
    }
    let from = route.vtype;
    if let Some(t) = c.vtype {
        route.vtype = t;
    }
    if !route.update(inst) {
        return false;
    }
    if !new_route && route.vtype != from {
        sol.used[from] -= 1;
        sol.used[route.vtype] += 1;
    }
    let u = seq.iter().copied().find(|&x| !inst.is_depot(x));
    let ri = if new_route {
        sol.used[route.vtype] += 1;
        sol.routes.push(route);
        sol.routes.len() - 1
    } else {
        sol.routes[c.route] = route;
        c.route
    };
    if let Some(u) = u {
        sol.route_of[u as usize] = ri as u32;
    }
    true
}

/// Inserts the orders of `pending`, in that order, each at its cheapest position (with
/// blinks); orders that fit nowhere or cost more than their omission go to `unassigned`.
pub(crate) fn insert_orders(
    inst: &Instance,
    sol: &mut Solution,
    empties: &[Route],
    pending: &[u32],
    rng: &mut ChaCha8Rng,
    blink: f64,
) {
    for &u in pending {
        let placed = match best_insertion(inst, sol, empties, u, rng, blink) {
            Some(c) if c.delta < inst.omission_cost[u as usize] => apply(inst, sol, empties, &c),
            _ => false,
        };
        if !placed {
            sol.unassigned.push(u);
        }
    }
    sol.refresh(inst);
}
