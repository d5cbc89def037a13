//! `simulation`: the day loop wiring the stages together.
//!
//! Each calendar day: the day's orders are drawn (or read) and join their carrier's backlog;
//! on a delivering day each carrier's backlog goes through the dispatch policy and the
//! routing core (carriers in parallel: their problems are independent and each draws from
//! its own seeded stream, so the result does not depend on the thread count); delivered
//! orders leave the backlog, a failed home delivery is re-attempted on the next delivering
//! day, an order no vehicle can serve ends unassigned with its reason, and an order the fleet
//! had no room for stays (and is late once its window has closed). After the last day of
//! orders the loop runs on until every backlog is empty, for at most [`TAIL_DAYS`] days;
//! what is still open then ends unassigned (`horizon_end`). Nothing is dropped: every order
//! ends delivered, late or unassigned.

pub mod bound;
pub mod choices;
pub mod compare;
pub mod day;
pub mod geometry;
pub mod hindsight;
pub mod output;
pub mod policies;
pub mod state;
pub mod ucc;
pub mod variants;
pub mod world;

pub use output::{Summary, write_outputs};
pub use state::{Echelon, OrderState, Status, TripRecord};
pub use world::World;

use crate::demand::{DemandModel, read_orders_csv};
use crate::dispatch;
use crate::routing::UnassignedReason;
use crate::scenario::Scenario;
use rayon::prelude::*;

/// Most calendar days run after the last day of orders to empty the backlogs.
pub const TAIL_DAYS: u32 = 21;

/// Options of one run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Show a progress bar on stderr (drawn only when it is a terminal).
    pub progress: bool,
    /// The policy of the warm-up days, when it is not the scenario's. The policy benchmark
    /// runs every policy's warm-up with `immediate`, so that all of them enter the measured
    /// days with the same backlog and so serve the same orders there (with each policy's own
    /// warm-up, a policy that batches carries more of the warm-up's orders into the measured
    /// days, and its value counts work the others did before).
    pub warm_up_policy: Option<crate::scenario::PolicyKind>,
}

/// One calendar day of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct DayRecord {
    /// Day index.
    pub day: u32,
    /// Carriers delivered that day.
    pub delivering: bool,
    /// Orders placed.
    pub placed: usize,
    /// Orders delivered (first or later attempt).
    pub delivered: usize,
    /// Failed attempts (the order goes again).
    pub failed_attempts: usize,
    /// Orders that ended unassigned.
    pub unassigned: usize,
    /// Open orders held back by the policy.
    pub postponed: usize,
    /// Orders in the backlogs at the end of the day.
    pub backlog: usize,
    /// Ruin-and-recreate iterations run.
    pub iterations: u64,
    /// Routes the independent checker ([`crate::routing::check`]) re-evaluated and
    /// accepted (a rejected route stops the run).
    pub routes_checked: usize,
}

/// Everything a run produced.
pub struct Outcome {
    /// The scenario as run (after command-line overrides).
    pub scenario: Scenario,
    /// The world it ran in (shared by the runs of one scenario over several seeds).
    pub world: std::sync::Arc<World>,
    /// Every order, in the order they became known.
    pub orders: Vec<OrderState>,
    /// Every trip, by day then carrier.
    pub trips: Vec<TripRecord>,
    /// Every calendar day run.
    pub days: Vec<DayRecord>,
}

/// Runs the scenario's day loop.
///
/// # Errors
/// The extract cannot be read, an orders CSV is bad, or a routing problem is malformed (an
/// internal error).
pub fn run(scenario: &Scenario, options: &RunOptions) -> Result<Outcome, crate::Error> {
    let (world, listed) = build_world(scenario)?;
    let run = day_loop(scenario, &world, listed, options)?;
    Ok(Outcome {
        scenario: scenario.clone(),
        world: std::sync::Arc::new(world),
        orders: run.orders,
        trips: run.trips,
        days: run.days,
    })
}

/// The world of a scenario and the orders its CSV lists (none when demand is generated).
///
/// # Errors
/// As [`run`].
pub fn build_world(sc: &Scenario) -> Result<(World, Vec<crate::demand::Order>), crate::Error> {
    let mut listed = Vec::new();
    let world = world::build(sc, |sites| {
        if let Some(path) = &sc.demand.orders_csv {
            listed = read_orders_csv(path, sc, sites)?;
        }
        Ok(())
    })?;
    Ok((world, listed))
}

/// What the day loop produced.
#[derive(Debug)]
pub struct LoopRun {
    /// Every order.
    pub orders: Vec<OrderState>,
    /// Every trip.
    pub trips: Vec<TripRecord>,
    /// Every calendar day.
    pub days: Vec<DayRecord>,
}

/// Runs the day loop of `sc` in `world` (built for a scenario with the same map, sites and
/// carriers), with `listed` the orders of its CSV.
///
/// # Errors
/// As [`run`].
pub fn day_loop(
    sc: &Scenario,
    world: &World,
    listed: Vec<crate::demand::Order>,
    options: &RunOptions,
) -> Result<LoopRun, crate::Error> {
    let model = DemandModel::new(sc, &world.sites);
    let nearby = world::nearby_daily(&world.sites, model.expected_daily());
    let policy = dispatch::policy(&sc.dispatch);
    let warm_up_policy = options.warm_up_policy.map(|kind| {
        dispatch::policy(&crate::scenario::DispatchSettings {
            policy: kind,
            ..sc.dispatch.clone()
        })
    });
    let mut by_day: Vec<Vec<crate::demand::Order>> = vec![Vec::new(); sc.horizon.days as usize];
    for o in listed {
        if (o.placed_day as usize) < by_day.len() {
            by_day[o.placed_day as usize].push(o);
        }
    }
    let ctx = day::RunContext {
        sc,
        world,
        nearby: &nearby,
        policy: policy.as_ref(),
        warm_up: warm_up_policy
            .as_deref()
            .map(|p| (p, sc.horizon.warm_up_days)),
    };
    let progress = progress_bar(options.progress, sc.horizon.days);
    let mut states: Vec<OrderState> = Vec::new();
    let mut backlogs: Vec<Vec<usize>> = vec![Vec::new(); sc.carriers.len()];
    let mut trips = Vec::new();
    let mut days = Vec::new();
    for day in 0..sc.horizon.days + TAIL_DAYS {
        let ordering = day < sc.horizon.days;
        if !ordering && backlogs.iter().all(Vec::is_empty) {
            break;
        }
        let placed = if !ordering {
            Vec::new()
        } else if sc.demand.orders_csv.is_some() {
            std::mem::take(&mut by_day[day as usize])
        } else {
            model.orders_for_day(&world.sites, day)
        };
        let mut record = DayRecord {
            day,
            delivering: sc.horizon.is_delivering(day),
            placed: placed.len(),
            delivered: 0,
            failed_attempts: 0,
            unassigned: 0,
            postponed: 0,
            backlog: 0,
            iterations: 0,
            routes_checked: 0,
        };
        for o in placed {
            let mut st = OrderState::new(o);
            st.via_ucc = goes_via_ucc(sc, world, &st);
            backlogs[st.order.carrier].push(states.len());
            states.push(st);
        }
        if record.delivering {
            // First the carriers (in parallel), then the centre's operator with what the
            // line-hauls brought it (pooled, or one carrier's orders at a time).
            let carriers = sc.ucc.as_ref().map_or(sc.carriers.len(), |u| u.operator);
            ucc::intake::admit(sc, world, day, &backlogs, &mut states);
            let first_trip = trips.len();
            let results: Vec<Result<day::CarrierDayResult, crate::Error>> = (0..carriers)
                .into_par_iter()
                .map(|c| day::carrier_day(&ctx, c, day, &backlogs[c], &states))
                .collect();
            for result in results {
                apply(
                    sc,
                    day,
                    result?,
                    &mut states,
                    &mut backlogs,
                    &mut record,
                    &mut trips,
                );
            }
            if let Some(u) = &sc.ucc {
                ucc::intake::unload(sc, world, day, &mut trips[first_trip..], &mut states);
                let op = u.operator;
                let groups: Vec<Vec<usize>> = if u.pooled {
                    vec![backlogs[op].clone()]
                } else {
                    (0..carriers)
                        .map(|c| {
                            backlogs[op]
                                .iter()
                                .copied()
                                .filter(|&g| states[g].order.carrier == c)
                                .collect()
                        })
                        .filter(|g: &Vec<usize>| !g.is_empty())
                        .collect()
                };
                for group in groups {
                    let r = day::carrier_day(&ctx, op, day, &group, &states)?;
                    apply(
                        sc,
                        day,
                        r,
                        &mut states,
                        &mut backlogs,
                        &mut record,
                        &mut trips,
                    );
                }
            }
            for (c, b) in backlogs.iter_mut().enumerate() {
                b.retain(|&g| states[g].status == Status::Open && states[g].holder(sc) == c);
            }
        }
        record.backlog = backlogs.iter().map(Vec::len).sum();
        days.push(record);
        progress.inc(1);
    }
    for b in &backlogs {
        for &g in b {
            states[g].status = Status::Unassigned("horizon_end".into());
        }
    }
    progress.finish_and_clear();
    Ok(LoopRun {
        orders: states,
        trips,
        days,
    })
}

/// Whether the order goes through the consolidation centre: its site is in the centre's
/// zone, and its carrier opted in or has no vehicle allowed to reach the site.
fn goes_via_ucc(sc: &Scenario, world: &World, st: &OrderState) -> bool {
    let Some(u) = &sc.ucc else {
        return false;
    };
    let site = st.order.site.0 as usize;
    if !sc.zones[u.zone].contains(world.sites[site].position) {
        return false;
    }
    let c = st.order.carrier;
    if u.carriers.contains(&c) {
        return true;
    }
    let depot = world.depot_location(c);
    let reach = |n: usize| {
        let m = &world.matrices[n];
        m.is_reachable(depot, site) && m.is_reachable(site, depot)
    };
    let fleet = &sc.carriers[c].fleet;
    !fleet
        .iter()
        .any(|&(v, _)| !ucc::line_haul::banned_from_zone(sc, world, v) && reach(world.net_of(v)))
        && fleet.iter().any(|&(v, _)| reach(world.open_net_of(v)))
}

/// Applies one carrier-day's result: deliveries (or arrivals at the centre, which hand the
/// order to its operator), failed attempts, unassigned orders, trips and their emissions.
fn apply(
    sc: &Scenario,
    day: u32,
    r: day::CarrierDayResult,
    states: &mut [OrderState],
    backlogs: &mut [Vec<usize>],
    record: &mut DayRecord,
    trips: &mut Vec<TripRecord>,
) {
    record.postponed += r.postponed;
    record.iterations += r.iterations;
    record.routes_checked += r.routes_checked;
    for (g, _, arrival_s) in r.served {
        let st = &mut states[g];
        if let Some(u) = &sc.ucc
            && st.via_ucc
            && st.at_ucc.is_none()
        {
            st.at_ucc = Some((day, arrival_s + u.handling_s_per_order));
            st.open_from = day;
            backlogs[u.operator].push(g);
            continue;
        }
        if day::fails_attempt(sc, st, g) {
            st.failed_attempts += 1;
            let next = sc.horizon.nth_delivering_after(day, 1);
            st.open_from = next;
            st.due = next;
            record.failed_attempts += 1;
        } else {
            st.delivered_day = Some(day);
            st.status = if day <= st.due {
                Status::Delivered
            } else {
                Status::Late
            };
            record.delivered += 1;
        }
    }
    for (g, reason) in r.unassigned {
        if reason != day::Unassigned::Routing(UnassignedReason::FleetExhausted) {
            states[g].status = Status::Unassigned(reason.to_string());
            record.unassigned += 1;
        }
    }
    for t in &r.trips {
        for &(g, share) in &t.shares {
            states[g].emissions += t.emissions.scaled(share);
        }
    }
    trips.extend(r.trips);
}

fn progress_bar(show: bool, days: u32) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(u64::from(days)),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} day {pos}/{len} {wide_bar} {elapsed}")
            .expect("valid template"),
    );
    bar.set_prefix("simulating");
    bar
}
