//! [`solve`]: validation, construction, ruin-and-recreate search under simulated annealing,
//! and the conversion of the best solution into a [`RoutingSolution`].
//!
//! # Search
//! Each iteration removes orders from a copy of the current solution (a SISR string removal
//! nine times in ten, otherwise a random removal), reinserts every unassigned order by
//! cheapest insertion with blinks in a random sort order (random, largest demand, farthest
//! or closest to the depot first; on solutions of many routes only the routes near each
//! order are scanned, see [`super::insertion::best_insertion`]), and accepts the copy by simulated annealing: it replaces
//! the current solution when its cost is below `current - T ln U`, `U` uniform in (0, 1).
//! The temperature falls geometrically from `T0` to `Tf` over the budget (the fraction of
//! iterations, or of the time limit, spent); both are set from the construction's mean cost
//! per edge so the schedule does not depend on the cost unit. Besides string removals, a few
//! iterations empty a whole route (to take a vehicle out of use), and while a required order
//! is left out, half of them empty routes whose vehicles could carry it. After each recreate
//! routes move to cheaper free vehicle types, and a recreated solution whose cost is within
//! [`LS_MARGIN_PER_EDGE`] mean edge costs of the acceptance threshold is polished by the
//! local search, starting from the orders just reinserted (the construction gets a full
//! descent). Required orders left out cost a penalty far above any route cost (larger for
//! larger orders), so the search serves them whenever it can.
//!
//! # Budget and determinism
//! With `max_iterations` and no `time_limit` the result depends only on the problem and the
//! seed. Without any budget the search runs [`DEFAULT_ITERATIONS`] iterations.

use super::SolveParams;
use super::construct::construct;
use super::error::RoutingError;
use super::fleet::retype;
use super::insertion::insert_orders;
use super::instance::Instance;
use super::local_search::descend;
use super::model::{Priority, Problem};
use super::ruin::{RuinParams, random_removal, room_for, route_removal, string_removal};
use super::solution::{Route, RoutingSolution, SearchStats, Trip, Unassigned, Visit};
use super::state::{self, Solution};
use super::unassigned::{alone_reason, search_reason};
use crate::units::{Meters, Seconds};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Iterations run when [`SolveParams`] sets no budget.
pub const DEFAULT_ITERATIONS: u64 = 20_000;

/// Share of iterations that empty a whole route instead of removing strings.
const ROUTE_REMOVAL: f64 = 0.03;

/// Initial and final temperatures, as fractions of the construction's mean cost per edge.
const T0_PER_EDGE: f64 = 1.5;
const TF_PER_EDGE: f64 = 0.01;

/// A recreated solution is polished by local search when its cost is within this many
/// mean edge costs of the acceptance threshold.
const LS_MARGIN_PER_EDGE: f64 = 2.0;

/// Blink rate of the recreate step (probability of skipping a position).
const BLINK: f64 = 0.01;

/// Solves a routing problem: every route respects capacities, windows, shifts, depot hours,
/// ranges, durations, trip counts and forbidden orders; orders that cannot be served are
/// returned in [`RoutingSolution::unassigned`] with a reason.
///
/// # Errors
/// [`RoutingError`] when the problem is malformed (see [`Problem::validate`]). Running out of
/// budget is not an error: the best solution found is returned.
pub fn solve(problem: &Problem, params: &SolveParams) -> Result<RoutingSolution, RoutingError> {
    search(problem, params, None)
}

/// One route of a starting solution: its vehicle type and its trips, each a sequence of
/// order indices (the vehicle reloads at its home depot between trips).
#[derive(Clone, Debug, PartialEq)]
pub struct StartRoute {
    /// Vehicle type.
    pub vehicle_type: usize,
    /// Order indices of each trip, in visiting order.
    pub trips: Vec<Vec<usize>>,
}

/// Like [`solve`], but the search starts from the routes `start` instead of a construction
/// (a warm start): orders they leave out are inserted by cheapest insertion, routes the
/// model finds infeasible (or beyond a type's vehicle count, or holding an order twice or
/// one that no vehicle can serve) give their orders back to that insertion. The answer
/// never costs more than the start once its left-out orders are inserted, and the search
/// cools from a lower temperature ([`T0_WARM_PER_EDGE`]) so it explores near the start.
///
/// # Errors
/// As [`solve`].
pub fn solve_from(
    problem: &Problem,
    params: &SolveParams,
    start: &[StartRoute],
) -> Result<RoutingSolution, RoutingError> {
    search(problem, params, Some(start))
}

/// Initial temperature of a warm-started search, as a fraction of the mean cost per edge.
const T0_WARM_PER_EDGE: f64 = 0.2;

/// The start's routes as search state; orders of rejected routes and orders in no route are
/// inserted afterwards.
fn warm(
    inst: &Instance,
    empties: &[state::Route],
    eligible: &[u32],
    start: &[StartRoute],
    rng: &mut ChaCha8Rng,
) -> Solution {
    let mut is_eligible = vec![false; inst.n];
    for &o in eligible {
        is_eligible[o as usize] = true;
    }
    let mut placed = vec![false; inst.n];
    let mut used = vec![0usize; inst.types.len()];
    let mut sol = Solution::empty(inst, Vec::new());
    for r in start {
        let t = r.vehicle_type;
        let orders = r.trips.iter().flatten();
        let valid = t < inst.types.len()
            && used[t] < inst.types[t].count
            && orders
                .clone()
                .all(|&o| o < inst.n && is_eligible[o] && !placed[o]);
        if !valid || r.trips.iter().all(Vec::is_empty) {
            continue;
        }
        let home = inst.depot_node(inst.types[t].depot);
        let mut route = state::Route::empty(inst, t);
        route.nodes = vec![home];
        for trip in r.trips.iter().filter(|t| !t.is_empty()) {
            route.nodes.extend(trip.iter().map(|&o| o as u32));
            route.nodes.push(home);
        }
        if route.update(inst) {
            for &o in r.trips.iter().flatten() {
                placed[o] = true;
            }
            used[t] += 1;
            sol.routes.push(route);
        }
    }
    let rest: Vec<u32> = eligible
        .iter()
        .copied()
        .filter(|&o| !placed[o as usize])
        .collect();
    sol.refresh(inst);
    insert_orders(inst, &mut sol, empties, &rest, rng, 0.0);
    sol
}

fn search(
    problem: &Problem,
    params: &SolveParams,
    start: Option<&[StartRoute]>,
) -> Result<RoutingSolution, RoutingError> {
    problem.validate()?;
    let started = Instant::now();
    let inst = Instance::new(problem);
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let mut excluded = Vec::new();
    let mut eligible = Vec::new();
    for o in 0..inst.n {
        match alone_reason(&inst, o) {
            Some(reason) => excluded.push(Unassigned { order: o, reason }),
            None => eligible.push(o as u32),
        }
    }
    let empties: Vec<state::Route> = (0..inst.types.len())
        .map(|t| state::Route::empty(&inst, t))
        .collect();
    let depot_gap = depot_distances(&inst);

    let mut current = match start {
        Some(routes) => warm(&inst, &empties, &eligible, routes, &mut rng),
        None => construct(&inst, &empties, &eligible, &depot_gap, &mut rng),
    };
    let construction_cost = objective(&inst, &current);
    let deadline = params.time_limit.map(|limit| started + limit);
    if descend(&inst, &mut current, None, deadline, &mut rng) {
        retype(&inst, &mut current);
    }

    let max_iterations = match (params.max_iterations, params.time_limit) {
        (None, None) => Some(DEFAULT_ITERATIONS),
        (it, _) => it,
    };
    let edges = inst.n + current.routes.len();
    let edge_cost = current.routes.iter().map(|r| r.cost).sum::<f64>() / edges.max(1) as f64;
    let edge_cost = if edge_cost > 0.0 { edge_cost } else { 1.0 };
    let t0_per_edge = if start.is_some() {
        T0_WARM_PER_EDGE
    } else {
        T0_PER_EDGE
    };
    let (t0, tf) = (t0_per_edge * edge_cost, TF_PER_EDGE * edge_cost);
    let ruin = RuinParams::default();

    let mut best = current.clone();
    let mut iterations = 0u64;
    if !eligible.is_empty() {
        loop {
            let mut progress: f64 = 0.0;
            if let Some(m) = max_iterations {
                if iterations >= m {
                    break;
                }
                progress = progress.max(iterations as f64 / m as f64);
            }
            if let Some(limit) = params.time_limit {
                let spent = started.elapsed().as_secs_f64() / limit.as_secs_f64().max(1e-9);
                if spent >= 1.0 {
                    break;
                }
                progress = progress.max(spent);
            }
            iterations += 1;
            let temperature = t0 * (tf / t0).powf(progress);
            let mut cand = current.clone();
            let left_out: Vec<u32> = cand
                .unassigned
                .iter()
                .copied()
                .filter(|&o| inst.is_required(o))
                .collect();
            let removed = if !left_out.is_empty() && rng.random::<f64>() < 0.5 {
                let u = left_out[rng.random_range(0..left_out.len())];
                room_for(&inst, &cand, u, &mut rng)
            } else if rng.random::<f64>() < ROUTE_REMOVAL {
                route_removal(&inst, &cand, &mut rng)
            } else if rng.random::<f64>() < 0.9 {
                string_removal(&inst, &cand, &ruin, &mut rng)
            } else {
                let count = rng.random_range(1..=(2.0 * ruin.mean_removed) as usize);
                random_removal(&cand, count, &mut rng)
            };
            // Required orders left out by earlier iterations are reinserted first, while the
            // ruin has just made room.
            let (mut pending, optional): (Vec<u32>, Vec<u32>) =
                std::mem::take(&mut cand.unassigned)
                    .into_iter()
                    .partition(|&o| inst.is_required(o));
            cand.remove(&inst, &removed);
            let mut rest = std::mem::take(&mut cand.unassigned);
            rest.extend(optional);
            sort_for_recreate(&inst, &mut rest, &depot_gap, &mut rng);
            if !left_out.is_empty() && rng.random::<f64>() < 0.5 {
                // Pack the largest orders first while the fleet is short.
                rest.sort_by_key(|&o| std::cmp::Reverse(inst.demand(o).iter().sum::<i64>()));
            }
            pending.extend(rest);
            insert_orders(&inst, &mut cand, &empties, &pending, &mut rng, BLINK);
            retype(&inst, &mut cand);
            let u: f64 = rng.random::<f64>().max(1e-300);
            let threshold = current.cost - temperature * u.ln();
            if cand.cost < threshold + LS_MARGIN_PER_EDGE * edge_cost
                && descend(&inst, &mut cand, Some(&pending), deadline, &mut rng)
            {
                retype(&inst, &mut cand);
            }
            if cand.cost < threshold {
                if cand.cost < best.cost - 1e-9 {
                    best = cand.clone();
                }
                current = cand;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let solution = output(
        &inst,
        &best,
        excluded,
        SearchStats {
            iterations,
            construction_cost,
            seconds,
        },
    );
    #[cfg(debug_assertions)]
    if let Err(violations) = super::check::check(problem, &solution) {
        let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
        panic!(
            "solver bug: the checker rejects the solution: {}",
            text.join("; ")
        );
    }
    Ok(solution)
}

/// Round-trip distance from the nearest home depot to each order (for sort orders).
fn depot_distances(inst: &Instance) -> Vec<f64> {
    (0..inst.n as u32)
        .map(|o| {
            (0..inst.types.len())
                .map(|t| {
                    let h = inst.depot_node(inst.types[t].depot);
                    inst.dist(t, h, o) + inst.dist(t, o, h)
                })
                .filter(|d| d.is_finite())
                .fold(f64::INFINITY, f64::min)
        })
        .collect()
}

/// Sorts the orders to reinsert: random (weight 4), largest demand (4), farthest from the
/// depot (2) or closest (1) first.
fn sort_for_recreate(inst: &Instance, pending: &mut [u32], gap: &[f64], rng: &mut ChaCha8Rng) {
    for i in (1..pending.len()).rev() {
        let j = rng.random_range(0..=i);
        pending.swap(i, j);
    }
    let pick = rng.random_range(0..11);
    let size = |o: u32| {
        let q = inst.problem.orders[o as usize].demand;
        q.iter().sum::<i64>()
    };
    match pick {
        0..=3 => {}
        4..=7 => pending.sort_by_key(|&o| std::cmp::Reverse(size(o))),
        8..=9 => pending.sort_by(|&a, &b| gap[b as usize].total_cmp(&gap[a as usize])),
        _ => pending.sort_by(|&a, &b| gap[a as usize].total_cmp(&gap[b as usize])),
    }
}

/// The model's objective: route costs plus the prizes of optional orders left out (required
/// orders left out are reported, not priced).
fn objective(inst: &Instance, sol: &Solution) -> f64 {
    let routes: f64 = sol.routes.iter().map(|r| r.cost).sum();
    let prizes: f64 = inst
        .problem
        .orders
        .iter()
        .enumerate()
        .filter(|(o, _)| sol.route_of[*o] == u32::MAX)
        .map(|(_, o)| match o.priority {
            Priority::Optional { prize } => prize,
            Priority::Required => 0.0,
        })
        .sum();
    routes + prizes
}

/// Converts the search's best solution into the public answer.
pub(crate) fn output(
    inst: &Instance,
    sol: &Solution,
    excluded: Vec<Unassigned>,
    stats: SearchStats,
) -> RoutingSolution {
    let mut order_routes: Vec<(usize, u32, &state::Route)> = sol
        .routes
        .iter()
        .map(|r| {
            let first = r.nodes.iter().copied().filter(|&v| !inst.is_depot(v)).min();
            (r.vtype, first.unwrap_or(u32::MAX), r)
        })
        .collect();
    order_routes.sort_by_key(|&(t, first, _)| (t, first));
    let mut routes = Vec::with_capacity(order_routes.len());
    let mut vehicle = 0;
    for (i, &(t, _, r)) in order_routes.iter().enumerate() {
        if i > 0 && order_routes[i - 1].0 != t {
            vehicle = 0;
        }
        routes.push(Route {
            vehicle_type: t,
            vehicle,
            trips: trips(inst, r),
        });
        vehicle += 1;
    }
    let mut unassigned = excluded;
    unassigned.extend(sol.unassigned.iter().map(|&o| Unassigned {
        order: o as usize,
        reason: search_reason(inst, o as usize),
    }));
    unassigned.sort_by_key(|u| u.order);
    RoutingSolution {
        routes,
        unassigned,
        cost: objective(inst, sol),
        stats,
    }
}

/// Splits a route's schedule into trips.
fn trips(inst: &Instance, r: &state::Route) -> Vec<Trip> {
    let t = r.vtype;
    let start = inst
        .evaluate(t, &r.nodes)
        .map_or(r.earliest[0], |e| e.start);
    // The least-duration start comes from a backward pass; should rounding make it miss a
    // window, the earliest schedule (always feasible) is reported instead.
    let times = inst
        .timeline(t, &r.nodes, start)
        .or_else(|| inst.timeline(t, &r.nodes, r.earliest[0]))
        .expect("a feasible route has an earliest schedule");
    let mut trips = Vec::new();
    let mut current: Option<Trip> = None;
    for (k, &v) in r.nodes.iter().enumerate() {
        let (arrival, service_start, departure) = times[k];
        if k > 0
            && let Some(trip) = current.as_mut()
        {
            trip.distance += Meters(inst.dist(t, r.nodes[k - 1], v));
        }
        if inst.is_depot(v) {
            let depot = v as usize - inst.n;
            if let Some(mut trip) = current.take() {
                trip.end_depot = depot;
                trip.return_time = Seconds(arrival);
                trips.push(trip);
            }
            if k + 1 < r.nodes.len() {
                current = Some(Trip {
                    start_depot: depot,
                    end_depot: depot,
                    departure: Seconds(departure),
                    return_time: Seconds(departure),
                    visits: Vec::new(),
                    distance: Meters::ZERO,
                });
            }
        } else if let Some(trip) = current.as_mut() {
            trip.visits.push(Visit {
                order: v as usize,
                arrival: Seconds(arrival),
                service_start: Seconds(service_start),
            });
        }
    }
    trips
}
