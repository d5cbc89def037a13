//! The hindsight plan: the whole horizon solved knowing every order in advance, the
//! yardstick of the dispatch policies (not a policy: no carrier knows tomorrow's orders).
//!
//! Each order may be served on any delivering day of its window (never before it was placed;
//! an overdue order on the first day of the block), within its site's receiving hours that
//! day. Days couple only through windows of a few days, so the horizon is solved per carrier
//! in overlapping blocks of [`HindsightParams::block_days`] delivering days on one time axis
//! (vehicle types per day, each order one time window per allowed day); the routes of the
//! first [`HindsightParams::commit_days`] days are kept, the rest is solved again with the
//! next block. Failed delivery attempts are not simulated here: compare it with day-loop runs
//! whose failed-attempt rate is 0.
//!
//! With a heuristic solver the plan is the best perfect-information plan found, an upper
//! bound on the optimum: a policy that beats it shows that its budget or blocks are too small.
//!
//! [`improve`] is the yardstick the benchmark uses: per carrier it starts from the cheapest
//! plan any online policy drove on the same orders (its realised trips re-expressed as a
//! multi-day solution) and improves it block by block after the warm-up. Each block's
//! orders (those the plan serves on the block's days) may move to any day of the block in
//! their window: the routing core's moves then shift orders between days, swap them and empty
//! whole routes. A block's new routes replace the old ones only when they cost less, measured
//! as the benchmark measures, so the plan never costs more than the best online policy.
//! [`plan`], the cold block solve, remains for scenarios with a consolidation centre (whose
//! chained legs the warm start does not re-express).

use super::day::{self, CarrierDayResult, Going};
use super::state::OrderState;
use super::{Status, TripRecord, World};
use crate::random::{self, Stream};
use crate::routing::{self, Priority, SolveParams, StartRoute, UnassignedReason};
use crate::scenario::Scenario;
use rayon::prelude::*;

/// Knobs of the hindsight plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HindsightParams {
    /// Delivering days solved together.
    pub block_days: u32,
    /// Of which kept before the next block starts.
    pub commit_days: u32,
    /// Ruin-and-recreate iterations per block solve.
    pub iterations: u64,
    /// Sweeps of [`improve`] over the horizon (each later sweep starts its blocks half a
    /// step later).
    pub passes: u32,
}

impl Default for HindsightParams {
    fn default() -> Self {
        Self {
            block_days: 5,
            commit_days: 3,
            iterations: 4000,
            passes: 1,
        }
    }
}

/// The plan: trips and the fate of every order.
#[derive(Debug)]
pub struct HindsightPlan {
    /// Trips of every committed day.
    pub trips: Vec<TripRecord>,
    /// Every order, with its delivered day or the reason it was not served.
    pub orders: Vec<OrderState>,
}

/// Plans the orders `orders` (every order of the horizon, as the day loop drew them).
///
/// # Errors
/// A malformed routing problem (an internal error).
pub fn plan(
    sc: &Scenario,
    world: &World,
    orders: &[OrderState],
    params: &HindsightParams,
) -> Result<HindsightPlan, crate::Error> {
    let fresh: Vec<OrderState> = orders
        .iter()
        .map(|o| OrderState::new(o.order.clone()))
        .collect();
    let results: Vec<Result<Vec<CarrierDayResult>, crate::Error>> = (0..sc.carriers.len())
        .into_par_iter()
        .map(|c| plan_carrier(sc, world, &fresh, c, params))
        .collect();
    let mut states = fresh;
    let mut trips = Vec::new();
    for r in results {
        for block in r? {
            for (g, d, _) in block.served {
                states[g].delivered_day = Some(d);
                states[g].status = if d <= states[g].order.latest_day {
                    Status::Delivered
                } else {
                    Status::Late
                };
            }
            for (g, reason) in block.unassigned {
                states[g].status = Status::Unassigned(reason.to_string());
            }
            trips.extend(block.trips);
        }
    }
    for st in &mut states {
        if st.status == Status::Open {
            st.status = Status::Unassigned("horizon_end".into());
        }
    }
    trips.sort_by_key(|t| (t.day, t.carrier));
    Ok(HindsightPlan {
        trips,
        orders: states,
    })
}

fn plan_carrier(
    sc: &Scenario,
    world: &World,
    states: &[OrderState],
    c: usize,
    params: &HindsightParams,
) -> Result<Vec<CarrierDayResult>, crate::Error> {
    let mut pending: Vec<usize> = (0..states.len())
        .filter(|&g| states[g].order.carrier == c)
        .collect();
    let last_day = sc.horizon.days + super::TAIL_DAYS;
    let mut out = Vec::new();
    let mut start = sc.horizon.nth_delivering_after(0, 0);
    while !pending.is_empty() && start < last_day {
        let mut plan = vec![start];
        while plan.len() < params.block_days as usize {
            let next = sc
                .horizon
                .nth_delivering_after(*plan.last().expect("day"), 1);
            plan.push(next);
        }
        let end = *plan.last().expect("day");
        let going: Vec<Going> = pending
            .iter()
            .filter(|&&g| states[g].order.earliest_day <= end)
            .map(|&g| {
                let o = &states[g].order;
                let from = o.earliest_day.max(start);
                let to = o.latest_day.max(start);
                let days: Vec<u32> = plan
                    .iter()
                    .copied()
                    .filter(|&d| d >= from && d <= to)
                    .collect();
                // Placed on a planned day (a same-day rule): the trip leaves after it.
                let release_s = if o.placed_day >= start {
                    day::offset(&plan, o.placed_day) + o.placed_at_s
                } else {
                    0.0
                };
                Going {
                    g,
                    priority: Priority::Required,
                    mandatory: true,
                    days,
                    release_s,
                    to_ucc: false,
                }
            })
            .filter(|x| !x.days.is_empty())
            .collect();
        let commit = plan[(params.commit_days as usize).min(plan.len()) - 1];
        if !going.is_empty() {
            let problem = day::build_problem(sc, world, c, &plan, &going, states);
            let seed = random::derive(
                sc.seed,
                Stream::Routing,
                &[u64::MAX, u64::from(start), c as u64],
            );
            let solution = routing::solve(
                &problem,
                &SolveParams {
                    seed,
                    max_iterations: Some(params.iterations),
                    time_limit: None,
                },
            )?;
            let mut block = CarrierDayResult::default();
            day::record(
                sc, world, c, &plan, &problem, &solution, &going, states, &mut block,
            );
            block.trips.retain(|t| t.day <= commit);
            block.served.retain(|&(_, d, _)| d <= commit);
            // Orders no vehicle can serve end here; orders the fleet had no room for stay.
            block.unassigned.retain(|&(_, r)| {
                r != super::day::Unassigned::Routing(UnassignedReason::FleetExhausted)
            });
            let mut done: Vec<usize> = block
                .served
                .iter()
                .map(|x| x.0)
                .chain(block.unassigned.iter().map(|x| x.0))
                .collect();
            done.sort_unstable();
            pending.retain(|g| done.binary_search(g).is_err());
            out.push(block);
        }
        start = sc.horizon.nth_delivering_after(commit, 1);
    }
    Ok(out)
}

/// What one trip counts in the benchmark: the vehicle's fixed cost on its first trip, its
/// cost per km and `carbon_price` per kg of CO₂e (WTW) it emits.
pub fn trip_value(sc: &Scenario, t: &TripRecord, carbon_price: f64) -> f64 {
    let v = &sc.vehicles[t.vehicle];
    let fixed = if t.trip == 0 {
        v.fixed_eur_per_day
    } else {
        0.0
    };
    fixed + t.distance_km * v.eur_per_km + carbon_price * t.emissions.co2e_wtw_kg
}

/// Value of carrier `c`'s trips after the warm-up.
fn carrier_value(sc: &Scenario, trips: &[TripRecord], c: usize, carbon_price: f64) -> f64 {
    trips
        .iter()
        .filter(|t| t.carrier == c && t.day >= sc.horizon.warm_up_days)
        .map(|t| trip_value(sc, t, carbon_price))
        .sum()
}

/// The hindsight plan as an improvement of online plans: per carrier the cheapest of
/// `starts` (each an online policy's trips on the orders `orders`, valued after the warm-up
/// with `carbon_price` per kg CO₂e), then improved block by block (see the module doc).
/// Its value never exceeds the cheapest start's, carrier by carrier.
///
/// # Errors
/// A malformed routing problem (an internal error).
pub fn improve(
    sc: &Scenario,
    world: &World,
    orders: &[OrderState],
    starts: &[&[TripRecord]],
    carbon_price: f64,
    params: &HindsightParams,
) -> Result<HindsightPlan, crate::Error> {
    let fresh: Vec<OrderState> = orders
        .iter()
        .map(|o| OrderState::new(o.order.clone()))
        .collect();
    let results: Vec<Result<Vec<TripRecord>, crate::Error>> = (0..sc.carriers.len())
        .into_par_iter()
        .map(|c| {
            let best = starts
                .iter()
                .min_by(|a, b| {
                    carrier_value(sc, a, c, carbon_price).total_cmp(&carrier_value(
                        sc,
                        b,
                        c,
                        carbon_price,
                    ))
                })
                .map(|t| t.iter().filter(|t| t.carrier == c).cloned().collect())
                .unwrap_or_default();
            improve_carrier(sc, world, &fresh, c, best, carbon_price, params)
        })
        .collect();
    let mut states = fresh;
    let mut trips = Vec::new();
    for r in results {
        trips.extend(r?);
    }
    for t in &trips {
        for &(g, _) in &t.shares {
            states[g].delivered_day = Some(t.day);
            states[g].status = if t.day <= states[g].order.latest_day {
                Status::Delivered
            } else {
                Status::Late
            };
        }
    }
    for st in &mut states {
        if st.status == Status::Open {
            st.status = Status::Unassigned("not_served_online".into());
        }
    }
    trips.sort_by_key(|t| (t.day, t.carrier, t.vehicle, t.route_vehicle, t.trip));
    Ok(HindsightPlan {
        trips,
        orders: states,
    })
}

/// Improves carrier `c`'s plan `trips` block by block.
fn improve_carrier(
    sc: &Scenario,
    world: &World,
    states: &[OrderState],
    c: usize,
    mut trips: Vec<TripRecord>,
    carbon_price: f64,
    params: &HindsightParams,
) -> Result<Vec<TripRecord>, crate::Error> {
    let fleet = &sc.carriers[c].fleet;
    let Some(last) = trips.iter().map(|t| t.day).max() else {
        return Ok(trips);
    };
    let step = params.commit_days.max(1);
    for pass in 0..params.passes.max(1) {
        let shift = if pass % 2 == 1 { step.div_ceil(2) } else { 0 };
        let first = sc.horizon.nth_delivering_after(sc.horizon.warm_up_days, 0);
        let mut start = sc.horizon.nth_delivering_after(first, shift);
        while start <= last {
            let mut plan = vec![start];
            while plan.len() < params.block_days as usize {
                let next = sc
                    .horizon
                    .nth_delivering_after(*plan.last().expect("day"), 1);
                if next > last {
                    break;
                }
                plan.push(next);
            }
            let (inside, outside): (Vec<TripRecord>, Vec<TripRecord>) =
                trips.into_iter().partition(|t| plan.contains(&t.day));
            trips = outside;
            let better = improve_block(sc, world, states, c, &plan, &inside, carbon_price, params)?;
            match better {
                Some(new) => trips.extend(new),
                None => trips.extend(inside),
            }
            start = sc.horizon.nth_delivering_after(start, step);
        }
    }
    trips.sort_by_key(|t| {
        (
            t.day,
            fleet.iter().position(|f| f.0 == t.vehicle),
            t.route_vehicle,
            t.trip,
        )
    });
    Ok(trips)
}

/// A route of the block: day, vehicle type in the problem, vehicle number.
type RouteKey = (u32, usize, usize);
/// A trip of a route: its number in the vehicle's day and its orders (problem indices).
type NumberedTrip = (usize, Vec<usize>);

/// One block: the orders `inside` serves re-planned over the days `plan`, warm-started from
/// `inside`; the new trips when they are worth less.
#[allow(clippy::too_many_arguments)]
fn improve_block(
    sc: &Scenario,
    world: &World,
    states: &[OrderState],
    c: usize,
    plan: &[u32],
    inside: &[TripRecord],
    carbon_price: f64,
    params: &HindsightParams,
) -> Result<Option<Vec<TripRecord>>, crate::Error> {
    let fleet = &sc.carriers[c].fleet;
    let start = plan[0];
    // Each order where the plan serves it; it may go on any planned day of its window (and
    // its current day, should that be late).
    let mut going: Vec<Going> = Vec::new();
    let mut local = std::collections::BTreeMap::new();
    for t in inside {
        for &(g, _) in &t.shares {
            let o = &states[g].order;
            let days: Vec<u32> = plan
                .iter()
                .copied()
                .filter(|&d| d == t.day || (d >= o.earliest_day && d <= o.latest_day))
                .collect();
            let release_s = if o.placed_day >= start {
                day::offset(plan, o.placed_day) + o.placed_at_s
            } else {
                0.0
            };
            local.insert(g, going.len());
            going.push(Going {
                g,
                priority: Priority::Required,
                mandatory: true,
                days,
                release_s,
                to_ucc: false,
            });
        }
    }
    if going.is_empty() {
        return Ok(None);
    }
    // The block's routes as they are: one per (day, vehicle, vehicle number), trips in order.
    let mut routes: std::collections::BTreeMap<RouteKey, Vec<NumberedTrip>> =
        std::collections::BTreeMap::new();
    for t in inside {
        let Some(k) = fleet.iter().position(|f| f.0 == t.vehicle) else {
            return Ok(None);
        };
        let d = plan
            .iter()
            .position(|&d| d == t.day)
            .expect("a planned day");
        routes
            .entry((t.day, d * fleet.len() + k, t.route_vehicle))
            .or_default()
            .push((t.trip, t.shares.iter().map(|s| local[&s.0]).collect()));
    }
    let start_routes: Vec<StartRoute> = routes
        .into_iter()
        .map(|((_, vehicle_type, _), mut trips)| {
            trips.sort_by_key(|x| x.0);
            StartRoute {
                vehicle_type,
                trips: trips.into_iter().map(|x| x.1).collect(),
            }
        })
        .collect();
    let problem = day::build_problem(sc, world, c, plan, &going, states);
    let seed = random::derive(
        sc.seed,
        Stream::Routing,
        &[u64::MAX - 1, u64::from(start), c as u64],
    );
    let solution = routing::solve_from(
        &problem,
        &SolveParams {
            seed,
            max_iterations: Some(params.iterations),
            time_limit: None,
        },
        &start_routes,
    )?;
    if !solution.unassigned.is_empty() {
        return Ok(None);
    }
    let mut block = CarrierDayResult::default();
    day::record(
        sc, world, c, plan, &problem, &solution, &going, states, &mut block,
    );
    let value = |ts: &[TripRecord]| {
        ts.iter()
            .map(|t| trip_value(sc, t, carbon_price))
            .sum::<f64>()
    };
    Ok((value(&block.trips) < value(inside) - 1e-9).then_some(block.trips))
}
