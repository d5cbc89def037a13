//! The solver against a slow oracle: tiny random instances (at most 7 orders, one or two
//! vehicle types, capacities, time windows, release dates, optional orders, multi-trip
//! routes) solved exactly
//! by enumeration, then by `routing::solve` with a small iteration budget.
//!
//! The oracle: for every vehicle type and every subset of orders, the cheapest feasible
//! route over all visiting orders and all ways to split them into trips with reloads (each
//! trip leaves as early as allowed, which is optimal here because time is free and no
//! duration limit binds); then a dynamic program
//! over subsets splits the served orders into trips within the fleet counts, optional orders
//! being either served or paid for by their prize. The optimum found is rebuilt as a
//! `RoutingSolution` and verified by the independent checker, so its cost is the checker's.

use freightsim::matrix::TravelMatrix;
use freightsim::routing::check::check;
use freightsim::routing::{
    Depot, Objective, Order, Priority, Problem, Route, RoutingSolution, SearchStats, TimeWindow,
    Trip, Unassigned, UnassignedReason, VehicleType, Visit,
};
use freightsim::routing::{SolveParams, solve};
use freightsim::units::{Meters, Seconds};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A random instance with `n` orders: points on a 100 x 100 grid (metres = seconds), demand
/// 1..=4 in dimension 0 and 0..=2 in dimension 1, a window of 60..=300 s starting in
/// 0..=250 s (sometimes a second window later), release 0 or 20..=60 s, 20 % optional.
/// Type 0: capacity [6, 4], n vehicles; sometimes a type 1: capacity [10, 6], 1-2 vehicles,
/// higher fixed cost, cheaper per km, forbidden for one order. In 40 % of instances every
/// vehicle may make up to 3 trips, reloading in 0..=20 s.
pub fn random_problem(seed: u64, n: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut points = vec![(50.0, 50.0)];
    for _ in 0..n {
        if points.len() > 1 && rng.random_bool(0.15) {
            let same = points[rng.random_range(1..points.len())];
            points.push(same); // two orders at one site
        } else {
            points.push((
                rng.random_range(0..=100) as f64,
                rng.random_range(0..=100) as f64,
            ));
        }
    }
    let size = points.len();
    let matrix = TravelMatrix::from_fn(size, |i, j| {
        let d = ((points[i].0 - points[j].0).powi(2) + (points[i].1 - points[j].1).powi(2)).sqrt();
        (Meters(d), Seconds(d))
    });
    let orders = (0..n)
        .map(|i| {
            let start = rng.random_range(0..=250) as f64;
            let width = rng.random_range(60..=300) as f64;
            let mut windows = vec![TimeWindow::new(start, start + width)];
            if rng.random_bool(0.2) {
                windows.push(TimeWindow::new(
                    start + width + 100.0,
                    start + width + 200.0,
                ));
            }
            Order {
                id: format!("o{i}"),
                location: i + 1,
                demand: [rng.random_range(1..=4), rng.random_range(0..=2)],
                stop_time: Seconds(rng.random_range(0..=10) as f64),
                handling_time: Seconds(rng.random_range(0..=3) as f64),
                time_windows: windows,
                release: Seconds(if rng.random_bool(0.3) {
                    rng.random_range(20..=60) as f64
                } else {
                    0.0
                }),
                priority: if rng.random_bool(0.2) {
                    Priority::Optional {
                        prize: rng.random_range(20..=200) as f64,
                    }
                } else {
                    Priority::Required
                },
            }
        })
        .collect();
    let horizon = TimeWindow::new(0.0, 1200.0);
    let multi_trip = rng.random_bool(0.4);
    let reload_time = Seconds(if multi_trip {
        rng.random_range(0..=20) as f64
    } else {
        0.0
    });
    let van = VehicleType {
        name: "van".into(),
        count: n,
        capacity: [6, 4],
        profile: 0,
        depot: 0,
        reload_depots: vec![],
        max_trips: if multi_trip { 3 } else { 1 },
        fixed_cost: 50.0,
        cost_per_km: 1000.0,
        cost_per_hour: 0.0,
        co2e_kg_per_km: 0.0,
        shift: horizon,
        max_duration: None,
        max_distance: Some(Meters(400.0)),
        forbidden_orders: vec![],
    };
    let mut vehicle_types = vec![van];
    if rng.random_bool(0.6) {
        vehicle_types.push(VehicleType {
            name: "truck".into(),
            count: rng.random_range(1..=2),
            capacity: [10, 6],
            fixed_cost: 90.0,
            cost_per_km: 700.0,
            max_distance: None,
            forbidden_orders: vec![rng.random_range(0..n)],
            ..vehicle_types[0].clone()
        });
    }
    Problem {
        matrices: vec![matrix],
        depots: vec![Depot {
            name: "depot".into(),
            location: 0,
            open: horizon,
            reload_time,
        }],
        orders,
        vehicle_types,
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: Vec::new(),
    }
}

/// The earliest-start route serving `sequence` with type `t`, reloading after position `i`
/// when bit `i` of `cuts` is set; `None` if infeasible. Returns (trips, cost).
fn route(p: &Problem, t: usize, sequence: &[usize], cuts: usize) -> Option<(Vec<Trip>, f64)> {
    let vt = &p.vehicle_types[t];
    let depot = &p.depots[vt.depot];
    let m = &p.matrices[vt.profile];
    if sequence.iter().any(|o| vt.forbidden_orders.contains(o)) {
        return None;
    }
    let mut chunks = vec![vec![]];
    for (i, &o) in sequence.iter().enumerate() {
        chunks.last_mut().unwrap().push(o);
        if cuts >> i & 1 == 1 && i + 1 < sequence.len() {
            chunks.push(vec![]);
        }
    }
    if chunks.len() > vt.max_trips {
        return None;
    }
    let (mut trips, mut total) = (Vec::new(), 0.0);
    let mut ready = f64::NEG_INFINITY;
    for chunk in &chunks {
        let mut load = [0i64; 2];
        for &o in chunk {
            load[0] += p.orders[o].demand[0];
            load[1] += p.orders[o].demand[1];
        }
        if load[0] > vt.capacity[0] || load[1] > vt.capacity[1] {
            return None;
        }
        let release = chunk
            .iter()
            .map(|&o| p.orders[o].release.0)
            .fold(0.0, f64::max);
        let departure = release
            .max(ready)
            .max(depot.open.start.0)
            .max(vt.shift.start.0);
        let (mut clock, mut at, mut distance) = (departure, depot.location, 0.0);
        let mut visits = Vec::new();
        for &o in chunk {
            let order = &p.orders[o];
            let arrival = clock + m.duration(at, order.location).0;
            distance += m.distance(at, order.location).0;
            let w = order.time_windows.iter().find(|w| w.end.0 >= arrival)?;
            let start = arrival.max(w.start.0);
            let stop = if order.location != at {
                order.stop_time.0
            } else {
                0.0
            };
            clock = start + stop + order.handling_time.0;
            at = order.location;
            visits.push(Visit {
                order: o,
                arrival: Seconds(arrival),
                service_start: Seconds(start),
            });
        }
        distance += m.distance(at, depot.location).0;
        let return_time = clock + m.duration(at, depot.location).0;
        if return_time > depot.open.end.0 || return_time > vt.shift.end.0 {
            return None;
        }
        total += distance;
        ready = return_time + depot.reload_time.0;
        trips.push(Trip {
            start_depot: vt.depot,
            end_depot: vt.depot,
            departure: Seconds(departure),
            return_time: Seconds(return_time),
            visits,
            distance: Meters(distance),
        });
    }
    if vt.max_distance.is_some_and(|d| total > d.0) {
        return None;
    }
    Some((trips, vt.fixed_cost + vt.cost_per_km * total / 1000.0))
}

/// A single-trip route (the only kind the order-alone checks need).
fn trip(p: &Problem, t: usize, sequence: &[usize]) -> Option<(Vec<Trip>, f64)> {
    route(p, t, sequence, 0)
}

/// Calls `f` on every permutation of `items` (Heap's algorithm).
fn permutations(items: &mut Vec<usize>, k: usize, f: &mut impl FnMut(&[usize])) {
    if k <= 1 {
        f(items);
        return;
    }
    for i in 0..k {
        permutations(items, k - 1, f);
        let j = if k.is_multiple_of(2) { i } else { 0 };
        items.swap(j, k - 1);
    }
}

/// The cheapest route over a subset of orders: (cost, visiting sequence, reload cuts).
type BestTrip = Option<(f64, Vec<usize>, usize)>;
/// A plan covering a subset: (cost, [(vehicle type, subset mask)]).
type Plan = Option<(f64, Vec<(usize, usize)>)>;
/// Memo of the covering program, keyed by (mask, vans used, trucks used).
type Memo = std::collections::HashMap<(usize, usize, usize), Plan>;

/// The optimal solution by enumeration, verified by the checker.
#[allow(clippy::type_complexity)] // one local tuple, named in a comment
pub fn optimum(p: &Problem) -> RoutingSolution {
    let n = p.orders.len();
    let full = 1usize << n;
    let types = p.vehicle_types.len();
    // best[t][mask]: cheapest single trip of type t over exactly the orders in mask.
    let mut best: Vec<Vec<BestTrip>> = vec![vec![None; full]; types];
    for (t, row) in best.iter_mut().enumerate() {
        for (mask, cell) in row.iter_mut().enumerate().skip(1) {
            let mut items: Vec<usize> = (0..n).filter(|i| mask >> i & 1 == 1).collect();
            let k = items.len();
            let max_cuts = p.vehicle_types[t].max_trips.saturating_sub(1);
            permutations(&mut items, k, &mut |seq| {
                for cuts in 0..1usize << k.saturating_sub(1) {
                    if cuts.count_ones() as usize > max_cuts {
                        continue;
                    }
                    if let Some((_, c)) = route(p, t, seq, cuts)
                        && cell.as_ref().is_none_or(|(b, _, _)| c < *b - 1e-9)
                    {
                        *cell = Some((c, seq.to_vec(), cuts));
                    }
                }
            });
        }
    }
    // cover[mask][used]: cheapest way to serve exactly mask with `used` vehicles per type
    // (two types at most: used = (u0, u1)).
    let counts: Vec<usize> = (0..2)
        .map(|t| p.vehicle_types.get(t).map_or(0, |v| v.count.min(n)))
        .collect();
    let mut memo: Memo = Default::default();
    fn cover(
        mask: usize,
        u: [usize; 2],
        counts: &[usize],
        best: &[Vec<BestTrip>],
        memo: &mut Memo,
    ) -> Plan {
        if mask == 0 {
            return Some((0.0, vec![]));
        }
        if let Some(v) = memo.get(&(mask, u[0], u[1])) {
            return v.clone();
        }
        let low = mask & mask.wrapping_neg();
        let mut result: Plan = None;
        let mut sub = mask;
        while sub > 0 {
            if sub & low != 0 {
                for t in 0..best.len() {
                    if u[t] >= counts[t] {
                        continue;
                    }
                    let Some((c, _, _)) = &best[t][sub] else {
                        continue;
                    };
                    let mut next = u;
                    next[t] += 1;
                    if let Some((rest, mut plan)) = cover(mask & !sub, next, counts, best, memo)
                        && result.as_ref().is_none_or(|(b, _)| c + rest < *b - 1e-9)
                    {
                        plan.push((t, sub));
                        result = Some((c + rest, plan));
                    }
                }
            }
            sub = (sub - 1) & mask;
        }
        memo.insert((mask, u[0], u[1]), result.clone());
        result
    }
    let required: usize = (0..n)
        .filter(|&i| p.orders[i].priority == Priority::Required)
        .fold(0, |m, i| m | 1 << i);
    // (cost with prizes, served mask, plan)
    let mut answer: Option<(f64, usize, Vec<(usize, usize)>)> = None;
    for served in (0..full).filter(|s| s & required == required) {
        let prizes: f64 = (0..n)
            .filter(|i| served >> i & 1 == 0)
            .map(|i| match p.orders[i].priority {
                Priority::Optional { prize } => prize,
                Priority::Required => 0.0,
            })
            .sum();
        if let Some((c, plan)) = cover(served, [0, 0], &counts, &best, &mut memo)
            && answer
                .as_ref()
                .is_none_or(|(b, _, _)| c + prizes < *b - 1e-9)
        {
            answer = Some((c + prizes, served, plan));
        }
    }
    let (cost, served, plan) = answer.expect("the generator keeps every instance servable");
    let mut routes: Vec<Route> = Vec::new();
    let mut next = [0usize; 2];
    let mut plan = plan;
    plan.sort();
    for (t, mask) in plan {
        let (_, seq, cuts) = best[t][mask].as_ref().unwrap();
        let (trips, _) = route(p, t, seq, *cuts).unwrap();
        routes.push(Route {
            vehicle_type: t,
            vehicle: next[t],
            trips,
        });
        next[t] += 1;
    }
    let unassigned = (0..n)
        .filter(|i| served >> i & 1 == 0)
        .map(|order| Unassigned {
            order,
            reason: UnassignedReason::NotWorthPrize,
        })
        .collect();
    let solution = RoutingSolution {
        routes,
        unassigned,
        cost,
        stats: SearchStats::default(),
    };
    let report = check(p, &solution).unwrap_or_else(|v| panic!("oracle solution rejected: {v:?}"));
    assert!((report.cost - cost).abs() < 1e-6);
    solution
}

/// Seeds of instances where every order can be served alone by some vehicle type (so the
/// optimum serves every required order).
fn servable_seeds(n: usize, wanted: usize) -> Vec<u64> {
    (0..)
        .filter(|&seed| {
            let p = random_problem(seed, n);
            (0..n).all(|o| {
                p.orders[o].priority != Priority::Required
                    || (0..p.vehicle_types.len()).any(|t| trip(&p, t, &[o]).is_some())
            })
        })
        .take(wanted)
        .collect()
}

#[test]
fn the_oracle_finds_the_hand_computed_optimum_of_the_fixture() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/instances/two_routes.txt");
    let inst = freightsim::instances::read(&path, None).unwrap();
    let best = optimum(&inst.problem);
    assert!((best.cost - 60.0).abs() < 1e-9, "{}", best.cost);
    assert_eq!(best.routes.len(), 2);
}

#[test]
fn the_oracle_beats_or_ties_every_single_order_route_plan() {
    // A sanity bound: serving each order on its own vehicle is one feasible plan, so the
    // optimum can be no dearer; and the oracle's solutions pass the checker (in optimum()).
    for seed in servable_seeds(6, 8) {
        let p = random_problem(seed, 6);
        let best = optimum(&p);
        let mut alone = 0.0;
        for o in 0..6 {
            let single = (0..p.vehicle_types.len())
                .filter_map(|t| trip(&p, t, &[o]).map(|x| x.1))
                .fold(f64::INFINITY, f64::min);
            alone += match p.orders[o].priority {
                Priority::Optional { prize } => single.min(prize),
                Priority::Required => single,
            };
        }
        assert!(
            best.cost <= alone + 1e-9,
            "seed {seed}: {} > {alone}",
            best.cost
        );
    }
}

fn params(seed: u64, iterations: u64) -> SolveParams {
    SolveParams {
        seed,
        max_iterations: Some(iterations),
        time_limit: None,
    }
}

/// A missed optimum: (orders, instance seed, solver cost, optimum).
type Miss = (usize, u64, f64, f64);

/// Solves the servable instances of 3..=7 orders whose number of vehicle types is
/// `types`, and returns how many were compared, how many optima reload (a route of several
/// trips), and the (n, seed, solver cost, optimum) of every miss.
fn misses(types: usize, per_size: usize) -> (usize, usize, Vec<Miss>) {
    let mut compared = 0;
    let mut reloading = 0;
    let mut missed = Vec::new();
    for n in 3..=7 {
        let seeds = (0..)
            .filter(|&seed| random_problem(seed, n).vehicle_types.len() == types)
            .filter(|&seed| servable_seeds_contains(n, seed))
            .take(per_size);
        for seed in seeds {
            let p = random_problem(seed, n);
            let best = optimum(&p);
            reloading += usize::from(best.routes.iter().any(|r| r.trips.len() > 1));
            let got = solve(&p, &params(1, 400)).unwrap();
            let report = check(&p, &got).unwrap_or_else(|v| panic!("n {n} seed {seed}: {v:?}"));
            assert_eq!(report.unassigned_required, 0, "n {n} seed {seed}");
            assert!(
                got.cost >= best.cost - 1e-6 * best.cost.max(1.0),
                "n {n} seed {seed}: below the optimum?"
            );
            if (got.cost - best.cost).abs() > 1e-6 * best.cost.max(1.0) {
                missed.push((n, seed, got.cost, best.cost));
            }
            compared += 1;
        }
    }
    (compared, reloading, missed)
}

fn servable_seeds_contains(n: usize, seed: u64) -> bool {
    let p = random_problem(seed, n);
    (0..n).all(|o| {
        p.orders[o].priority != Priority::Required
            || (0..p.vehicle_types.len()).any(|t| trip(&p, t, &[o]).is_some())
    })
}

#[test]
fn the_solver_reaches_the_exact_optimum_with_one_vehicle_type() {
    let (compared, reloading, missed) = misses(1, 12);
    assert_eq!(compared, 60);
    assert!(reloading >= 3, "only {reloading} optima use several trips");
    assert!(missed.is_empty(), "(n, seed, solver, optimum): {missed:?}");
}

/// With a van (fixed cost 50) and a truck (fixed 90, cheaper per km) the optimum often
/// needs the dearer type: the solver at "solver: first solve" missed 18 of the first 30 of these
/// instances (by up to 28 %); since its vehicle-type retyping it reaches all 60.
#[test]
fn the_solver_reaches_the_exact_optimum_with_two_vehicle_types() {
    let (compared, reloading, missed) = misses(2, 12);
    assert_eq!(compared, 60);
    assert!(reloading >= 3, "only {reloading} optima use several trips");
    assert!(missed.is_empty(), "(n, seed, solver, optimum): {missed:?}");
}

/// A solution without its wall-clock statistic (the only field allowed to differ between
/// two runs with the same seed and an iteration budget).
fn without_clock(mut s: RoutingSolution) -> RoutingSolution {
    s.stats.seconds = 0.0;
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_solution_passes_the_checker_improves_on_construction_and_is_reproducible(
        instance_seed in any::<u64>(),
        n in 1usize..=7,
        solver_seed in 0u64..1000,
    ) {
        let p = random_problem(instance_seed, n);
        let a = solve(&p, &params(solver_seed, 150)).unwrap();
        let report = check(&p, &a);
        prop_assert!(report.is_ok(), "{:?}", report);
        prop_assert!(a.cost <= a.stats.construction_cost + 1e-6 * a.cost.abs().max(1.0),
            "cost {} above construction {}", a.cost, a.stats.construction_cost);
        let b = solve(&p, &params(solver_seed, 150)).unwrap();
        prop_assert_eq!(without_clock(a), without_clock(b));
    }
}
