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

use super::day::{self, CarrierDayResult, Going};
use super::state::OrderState;
use super::{Status, TripRecord, World};
use crate::random::{self, Stream};
use crate::routing::{self, Priority, SolveParams, UnassignedReason};
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
}

impl Default for HindsightParams {
    fn default() -> Self {
        Self {
            block_days: 5,
            commit_days: 3,
            iterations: 4000,
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
