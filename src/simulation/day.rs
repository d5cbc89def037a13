//! One carrier's delivering day: the policy's decision, the routing problem it makes, the
//! solve, the policy's second look, and the trips that leave.

use super::state::{Echelon, OrderState, TripRecord};
use super::world::World;
use crate::dispatch::{Candidate, Decision, Policy};
use crate::emissions::{Leg, allocate};
use crate::random::{self, Stream};
use crate::routing::{
    self, Depot, Objective, Order as RoutingOrder, Priority, Problem, RoutingSolution, SolveParams,
    TimeWindow, UnassignedReason, VehicleType,
};
use crate::scenario::Scenario;
use crate::units::Seconds;

/// What a carrier's day produced.
#[derive(Debug, Default)]
pub struct CarrierDayResult {
    /// Trips driven.
    pub trips: Vec<TripRecord>,
    /// Orders delivered (or brought to the consolidation centre): global index, day and
    /// arrival time (seconds from that day's midnight).
    pub served: Vec<(usize, u32, f64)>,
    /// Orders that went today but were left out, with the reason.
    pub unassigned: Vec<(usize, Unassigned)>,
    /// Orders the policy held back (optional, waiting).
    pub postponed: usize,
    /// Ruin-and-recreate iterations run.
    pub iterations: u64,
    /// Routes the independent checker accepted.
    pub routes_checked: usize,
}

/// Why an order that went today was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unassigned {
    /// The routing core's reason.
    Routing(UnassignedReason),
    /// Its site is reachable on the open streets, but zones close them to the whole fleet.
    ZoneBan,
    /// Its street's conditional access (`motor_vehicle:conditional=... @ hours`) shuts it
    /// during the hours the carrier's vehicles work.
    AccessHours,
}

impl std::fmt::Display for Unassigned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unassigned::Routing(r) => r.fmt(f),
            Unassigned::ZoneBan => f.write_str("zone_ban"),
            Unassigned::AccessHours => f.write_str("access_hours"),
        }
    }
}

/// What stays the same over a run's days.
pub struct RunContext<'a> {
    /// The scenario.
    pub sc: &'a Scenario,
    /// The world.
    pub world: &'a World,
    /// Expected orders a day near each site.
    pub nearby: &'a [f64],
    /// The batching policy.
    pub policy: &'a dyn Policy,
    /// Another policy for the days before the given one (the warm-up), if any.
    pub warm_up: Option<(&'a dyn Policy, u32)>,
}

/// Runs carrier `c`'s day `day` over its backlog (global order indices).
pub fn carrier_day(
    ctx: &RunContext,
    c: usize,
    day: u32,
    backlog: &[usize],
    states: &[OrderState],
) -> Result<CarrierDayResult, crate::Error> {
    let RunContext {
        sc,
        world,
        nearby,
        policy,
        warm_up,
    } = *ctx;
    let policy = match warm_up {
        Some((p, until)) if day < until => p,
        _ => policy,
    };
    let open: Vec<usize> = backlog
        .iter()
        .copied()
        .filter(|&g| states[g].open_from <= day)
        .collect();
    let mut result = CarrierDayResult::default();
    if open.is_empty() {
        return Ok(result);
    }
    let candidates: Vec<Candidate> = open
        .iter()
        .map(|&g| candidate(sc, world, nearby, c, day, &states[g]))
        .collect();
    let mut rng = random::rng(sc.seed, Stream::Dispatch, &[u64::from(day), c as u64]);
    let decisions = policy.decide(&candidates, &mut rng);
    let mut going: Vec<Going> = Vec::new();
    for ((&g, d), cand) in open.iter().zip(&decisions).zip(&candidates) {
        let priority = match d {
            Decision::Wait => {
                result.postponed += 1;
                continue;
            }
            Decision::Required => Priority::Required,
            Decision::Optional { prize } => Priority::Optional { prize: *prize },
        };
        let st = &states[g];
        let o = &st.order;
        let mut release_s = if o.placed_day == day {
            o.placed_at_s
        } else {
            0.0
        };
        if let Some((d, ready)) = st.at_ucc
            && d == day
        {
            release_s = release_s.max(ready);
        }
        going.push(Going {
            g,
            priority,
            mandatory: cand.mandatory,
            days: vec![day],
            release_s,
            to_ucc: to_ucc(sc, c, st),
        });
    }
    if going.is_empty() {
        return Ok(result);
    }
    let seed = random::derive(sc.seed, Stream::Routing, &[u64::from(day), c as u64]);
    let params = SolveParams {
        seed,
        max_iterations: Some(sc.routing_iterations),
        time_limit: None,
    };
    let plan = [day];
    let mut problem = build_problem(sc, world, c, &plan, &going, states);
    let mut solution = routing::solve(&problem, &params)?;
    result.iterations += solution.stats.iterations;
    let mandatory: Vec<bool> = going.iter().map(|x| x.mandatory).collect();
    let postpone = policy.postpone(&problem, &solution, &mandatory);
    let optional_left: Vec<usize> = solution
        .unassigned
        .iter()
        .filter(|u| u.reason == UnassignedReason::NotWorthPrize)
        .map(|u| u.order)
        .collect();
    if !postpone.is_empty() {
        // Keep what was served and not postponed; serve it again as a plain solve.
        let served: Vec<usize> = solution
            .routes
            .iter()
            .flat_map(|r| {
                r.trips
                    .iter()
                    .flat_map(|t| t.visits.iter().map(|v| v.order))
            })
            .filter(|o| postpone.binary_search(o).is_err())
            .collect();
        let mut kept: Vec<usize> = served;
        kept.extend(
            solution
                .unassigned
                .iter()
                .filter(|u| u.reason != UnassignedReason::NotWorthPrize)
                .map(|u| u.order),
        );
        kept.sort_unstable();
        result.postponed += going.len() - kept.len();
        going = kept
            .into_iter()
            .map(|o| Going {
                priority: Priority::Required,
                ..going[o].clone()
            })
            .collect();
        if going.is_empty() {
            return Ok(result);
        }
        problem = build_problem(sc, world, c, &plan, &going, states);
        solution = routing::solve(&problem, &params)?;
        result.iterations += solution.stats.iterations;
    } else {
        result.postponed += optional_left.len();
    }
    result.routes_checked += check_routes(&problem, &solution, day, c);
    record(
        sc,
        world,
        c,
        &plan,
        &problem,
        &solution,
        &going,
        states,
        &mut result,
    );
    Ok(result)
}

/// What the policy sees of one open order.
pub(crate) fn candidate(
    sc: &Scenario,
    world: &World,
    nearby: &[f64],
    c: usize,
    day: u32,
    st: &OrderState,
) -> Candidate {
    let mandatory = st.due <= day;
    let mut days_left = 0;
    let mut d = day;
    while d < st.due {
        d += 1;
        days_left += u32::from(sc.horizon.is_delivering(d));
    }
    let site = target(sc, world, c, st);
    let depot = world.depot_location(c);
    let mut round_trip_cost = f64::INFINITY;
    for &(v, _) in &sc.carriers[c].fleet {
        let spec = &sc.vehicles[v];
        let m = &world.matrices[world.net_of(v)];
        let km = (m.distance(depot, site).0 + m.distance(site, depot).0) / 1000.0;
        let h = (m.duration(depot, site).0 + m.duration(site, depot).0) / 3600.0;
        round_trip_cost = round_trip_cost.min(km * spec.eur_per_km + h * spec.eur_per_hour);
    }
    Candidate {
        mandatory,
        days_left,
        round_trip_cost: if round_trip_cost.is_finite() {
            round_trip_cost
        } else {
            0.0
        },
        nearby_daily: nearby[st.order.site.0 as usize],
    }
}

/// An order going into a routing problem.
#[derive(Clone, Debug)]
pub(crate) struct Going {
    /// Global order index.
    pub g: usize,
    /// Required, or optional with a prize.
    pub priority: Priority,
    /// Its window closes on the first planned day.
    pub mandatory: bool,
    /// Planned days it may be served on (its site's receiving hours on each).
    pub days: Vec<u32>,
    /// Release time, seconds from the first planned day's midnight.
    pub release_s: f64,
    /// It goes to the consolidation centre (a line-haul stop), not to its site.
    pub to_ucc: bool,
}

/// Whether carrier `c` takes the order to the consolidation centre rather than its site.
pub(crate) fn to_ucc(sc: &Scenario, c: usize, st: &OrderState) -> bool {
    st.via_ucc && st.at_ucc.is_none() && sc.ucc.as_ref().is_some_and(|u| u.operator != c)
}

/// Matrix location of order `st` for carrier `c`: its site, or the centre's.
fn target(sc: &Scenario, world: &World, c: usize, st: &OrderState) -> usize {
    match &sc.ucc {
        Some(u) if to_ucc(sc, c, st) => world.depot_location(u.operator),
        _ => st.order.site.0 as usize,
    }
}

/// Seconds from the midnight of `plan[0]` to the midnight of day `d`.
pub(crate) fn offset(plan: &[u32], d: u32) -> f64 {
    f64::from(d - plan[0]) * 86_400.0
}

/// The routing problem of carrier `c` over the days `plan` (one for the day loop, several
/// for a hindsight block) for the orders `going`. Location 0 is the depot, then each distinct
/// site once; vehicle types repeat the fleet for each planned day (type `t` is fleet entry
/// `t % fleet.len()` on day `plan[t / fleet.len()]`), with that day's shift on one time axis
/// from the first day's midnight.
pub(crate) fn build_problem(
    sc: &Scenario,
    world: &World,
    c: usize,
    plan: &[u32],
    going: &[Going],
    states: &[OrderState],
) -> Problem {
    let carrier = &sc.carriers[c];
    let mut globals = vec![world.depot_location(c)];
    let mut local = std::collections::BTreeMap::new();
    let mut order_loc = Vec::with_capacity(going.len());
    for x in going {
        let site = if x.to_ucc {
            target(sc, world, c, &states[x.g])
        } else {
            states[x.g].order.site.0 as usize
        };
        let l = *local.entry(site).or_insert_with(|| {
            globals.push(site);
            globals.len() - 1
        });
        order_loc.push(l);
    }
    // One matrix per network the fleet uses.
    let mut profile_slot: Vec<(usize, usize)> = Vec::new(); // (world net, problem matrix)
    let mut matrices = Vec::new();
    let mut time_bands = Vec::new();
    let mut slots = Vec::new();
    for &(v, _) in &carrier.fleet {
        let wp = world.net_of(v);
        let slot = match profile_slot.iter().find(|s| s.0 == wp) {
            Some(s) => s.1,
            None => {
                matrices.push(world.matrices[wp].submatrix(&globals));
                time_bands.push(bands_of(sc, world, wp));
                profile_slot.push((wp, matrices.len() - 1));
                matrices.len() - 1
            }
        };
        slots.push(slot);
    }
    let mut vehicle_types = Vec::new();
    for &d in plan {
        let shift = TimeWindow::new(
            offset(plan, d) + carrier.shift.0,
            offset(plan, d) + carrier.shift.1,
        );
        for (&(v, count), &slot) in carrier.fleet.iter().zip(&slots) {
            let spec = &sc.vehicles[v];
            // A zone that lets the vehicle in only during hours: it works within them.
            let shift = match world.vehicle_window[v] {
                Some((a, b)) => {
                    let start = shift.start.0.max(offset(plan, d) + a);
                    TimeWindow::new(start, shift.end.0.min(offset(plan, d) + b).max(start))
                }
                None => shift,
            };
            vehicle_types.push(VehicleType {
                name: if plan.len() == 1 {
                    spec.vehicle.clone()
                } else {
                    format!("{}@{d}", spec.vehicle)
                },
                count: count as usize,
                capacity: [
                    (spec.payload_kg * 1000.0).round() as i64,
                    i64::from(spec.parcels),
                ],
                profile: slot,
                depot: 0,
                reload_depots: Vec::new(),
                max_trips: spec.max_trips as usize,
                fixed_cost: spec.fixed_eur_per_day,
                cost_per_km: spec.eur_per_km,
                // Driver hours are costed in the outputs, not in the search: the routing
                // core's exact schedule evaluation with a time cost is some 20 times slower
                // on days of hundreds of stops (its fast feasibility test needs a
                // distance-only objective). Shifts still bound every route.
                cost_per_hour: 0.0,
                co2e_kg_per_km: sc.emission_factors[v].wtw_kg_per_km(0.5),
                shift,
                max_duration: None,
                max_distance: spec.range_km.map(|km| crate::units::Meters(km * 1000.0)),
                forbidden_orders: Vec::new(),
            });
        }
    }
    // A carrier's orders bound for the centre ride only its line-haul vehicles (its trucks);
    // a vehicle banned from the centre's zone delivers nothing in it (the access streets
    // open to it lead to the centre only).
    if let Some(u) = &sc.ucc {
        let hauling = if u.operator != c {
            super::ucc::line_haul::vehicles(sc, c)
        } else {
            Vec::new()
        };
        let zone = &sc.zones[u.zone];
        let bound: Vec<usize> = (0..going.len()).filter(|&k| going[k].to_ucc).collect();
        let inside: Vec<usize> = (0..going.len())
            .filter(|&k| {
                !going[k].to_ucc
                    && zone.contains(world.sites[states[going[k].g].order.site.0 as usize].position)
            })
            .collect();
        for (t, vt) in vehicle_types.iter_mut().enumerate() {
            let (v, _) = carrier.fleet[t % carrier.fleet.len()];
            let mut forbidden = Vec::new();
            if u.operator != c && !hauling.contains(&v) {
                forbidden.extend(&bound);
            }
            if super::ucc::line_haul::banned_from_zone(sc, world, v) {
                forbidden.extend(&inside);
            }
            forbidden.sort_unstable();
            vt.forbidden_orders = forbidden;
        }
    }
    let first = &sc.vehicles[carrier.fleet[0].0];
    let orders = going
        .iter()
        .zip(&order_loc)
        .map(|(x, &l)| {
            let st = &states[x.g];
            let site = &world.sites[st.order.site.0 as usize];
            let receive = match &sc.ucc {
                Some(u) if x.to_ucc => u.open,
                _ => crate::demand::receive_window(sc, site, &st.order.category),
            };
            RoutingOrder {
                id: st.order.id.clone(),
                location: l,
                demand: [
                    (st.order.kg * 1000.0).round() as i64,
                    i64::from(st.order.parcels),
                ],
                stop_time: Seconds(first.stop_time_s),
                handling_time: Seconds(first.handling_s_per_parcel * f64::from(st.order.parcels)),
                time_windows: x
                    .days
                    .iter()
                    .map(|&d| {
                        TimeWindow::new(offset(plan, d) + receive.0, offset(plan, d) + receive.1)
                    })
                    .collect(),
                release: Seconds(x.release_s),
                priority: x.priority,
            }
        })
        .collect();
    let last = *plan.last().expect("at least one day");
    Problem {
        matrices,
        depots: vec![Depot {
            name: carrier.depot.name.clone(),
            location: 0,
            open: TimeWindow::new(carrier.shift.0, offset(plan, last) + carrier.shift.1),
            reload_time: Seconds(carrier.reload_time_s),
        }],
        orders,
        vehicle_types,
        objective: Objective {
            carbon_price_per_kg: sc.carbon_price_eur_per_kg,
        },
        time_bands,
    }
}

/// Re-evaluates every route of `solution` with the independent checker (travel times at
/// each leg's departure with the hour bands, windows, capacities, shifts, the cost the
/// solver reported) and returns how many routes it accepted.
///
/// # Panics
/// When the checker rejects the solution: the routing core broke a rule, an internal error.
pub(crate) fn check_routes(
    problem: &Problem,
    solution: &RoutingSolution,
    day: u32,
    c: usize,
) -> usize {
    match crate::routing::check::check(problem, solution) {
        Ok(report) => report.vehicles,
        Err(violations) => panic!(
            "internal error: the routing checker rejects carrier {c}'s routes of day {day}: {violations:?}"
        ),
    }
}

/// Driving time of a trip: its total, its share in peak bands and km per hour of day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrivingTime {
    /// Hours driving (stops and waits left out).
    pub hours: f64,
    /// Of which in peak bands.
    pub peak_hours: f64,
    /// Km driven in peak bands.
    pub peak_km: f64,
    /// Km driven per hour of the day (0: 00:00-01:00).
    pub km_by_hour: [f64; 24],
}

impl DrivingTime {
    /// Adds a leg of `km` and free-flow `free_s` leaving at `dep` (seconds on the day's
    /// axis); returns the leg's hours.
    fn add(
        &mut self,
        bands: Option<&crate::matrix::TimeBands>,
        dep: f64,
        free_s: f64,
        km: f64,
    ) -> f64 {
        if !(free_s > 0.0 && free_s.is_finite()) {
            return 0.0;
        }
        // Pieces of constant speed: (start, real seconds, km).
        let pieces: Vec<(f64, f64, f64, bool)> = match bands {
            None => vec![(dep, free_s, km, false)],
            Some(b) => {
                let mut t = dep;
                b.split(dep, free_s)
                    .into_iter()
                    .map(|p| {
                        let piece = (t, p.real_s, km * p.free_s / free_s, b.bands()[p.band].peak);
                        t += p.real_s;
                        piece
                    })
                    .collect()
            }
        };
        let mut total = 0.0;
        for (start, real_s, piece_km, peak) in pieces {
            total += real_s;
            if peak {
                self.peak_hours += real_s / 3600.0;
                self.peak_km += piece_km;
            }
            // Spread the piece over the hours of the day it covers.
            let mut t = start;
            let end = start + real_s;
            while t < end {
                let next = ((t / 3600.0).floor() + 1.0) * 3600.0;
                let until = next.min(end);
                let hour = (t.rem_euclid(86_400.0) / 3600.0).floor() as usize % 24;
                self.km_by_hour[hour] += piece_km * (until - t) / real_s;
                t = until;
            }
        }
        self.hours += total / 3600.0;
        total / 3600.0
    }
}

/// The hour bands of network `net` (`None` when time of day is off or flat).
pub(crate) fn bands_of(
    sc: &Scenario,
    world: &World,
    net: usize,
) -> Option<crate::matrix::TimeBands> {
    let name = world.profiles[world.nets[net].profile].name();
    sc.time_bands
        .as_ref()
        .and_then(|p| p.get(name))
        .filter(|b| !b.is_flat())
        .cloned()
}

/// Turns the solution into trip records, served and unassigned orders.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    sc: &Scenario,
    world: &World,
    c: usize,
    plan: &[u32],
    problem: &Problem,
    solution: &RoutingSolution,
    going: &[Going],
    states: &[OrderState],
    result: &mut CarrierDayResult,
) {
    let fleet = &sc.carriers[c].fleet;
    for route in &solution.routes {
        let vt = &problem.vehicle_types[route.vehicle_type];
        let (v, _) = fleet[route.vehicle_type % fleet.len()];
        let day = plan[route.vehicle_type / fleet.len()];
        let shift = offset(plan, day);
        let spec = &sc.vehicles[v];
        let access = world.access[c][world.open_net_of(v)];
        let matrix = &problem.matrices[vt.profile];
        for (k, trip) in route.trips.iter().enumerate() {
            let mut stops = 0;
            let mut last = usize::MAX;
            let (mut kg, mut parcels) = (0.0, 0u32);
            let mut sites = Vec::new();
            let mut arrivals = Vec::new();
            let mut on_board = Vec::with_capacity(trip.visits.len());
            // (location, kg that stays on board after it: failed attempts ride back)
            let mut drops: Vec<(usize, f64)> = Vec::new();
            let mut line_haul = false;
            for visit in &trip.visits {
                let l = problem.orders[visit.order].location;
                let x = &going[visit.order];
                let st = &states[x.g];
                if l != last {
                    stops += 1;
                    last = l;
                    sites.push(if x.to_ucc {
                        target(sc, world, c, st) as u32
                    } else {
                        st.order.site.0
                    });
                    drops.push((l, 0.0));
                    arrivals.push(visit.arrival.0 - shift);
                }
                line_haul |= x.to_ucc;
                let g = x.g;
                kg += st.order.kg;
                parcels += st.order.parcels;
                if x.to_ucc || !fails_attempt(sc, st, g) {
                    drops.last_mut().expect("a stop").1 += st.order.kg;
                }
                let sfd_km = matrix.distance(0, l).km();
                on_board.push((g, st.order.kg, sfd_km));
                result.served.push((g, day, visit.arrival.0 - shift));
            }
            let bands = problem.bands(vt.profile);
            // A stop is left when the drive to the next one (or back) must start.
            let stop_times: Vec<(f64, f64)> = (0..drops.len())
                .map(|k| {
                    let (next_at, next) = match drops.get(k + 1) {
                        Some(&(nl, _)) => (arrivals[k + 1], nl),
                        None => (trip.return_time.0 - shift, 0),
                    };
                    let free = matrix.duration(drops[k].0, next).0;
                    let leave = match bands {
                        None => next_at - free,
                        Some(b) => b.latest_departure(next_at, free),
                    };
                    (arrivals[k], leave.max(arrivals[k]))
                })
                .collect();
            let mut legs = Vec::with_capacity(drops.len() + 1);
            let mut driving = DrivingTime::default();
            let (mut at, mut load) = (0, kg);
            let mut dep = trip.departure.0 - shift;
            for (k, &(l, dropped)) in drops.iter().chain(std::iter::once(&(0, 0.0))).enumerate() {
                let leg_km = matrix.distance(at, l).km();
                let hours = driving.add(bands, dep, matrix.duration(at, l).0, leg_km);
                legs.push(Leg {
                    km: leg_km,
                    load_kg: load,
                    kmh: (hours > 0.0).then(|| leg_km / hours),
                });
                load = (load - dropped).max(0.0);
                at = l;
                if let Some(&(_, leave)) = stop_times.get(k) {
                    dep = leave;
                }
            }
            let emissions = crate::emissions::trip(&sc.emission_factors[v], spec.payload_kg, &legs);
            let weights: Vec<(f64, f64)> = on_board.iter().map(|o| (o.1, o.2)).collect();
            let shares = allocate(&weights)
                .into_iter()
                .zip(&on_board)
                .map(|(s, o)| (o.0, s))
                .collect();
            let km = trip.distance.km();
            let hours = (trip.return_time - trip.departure).hours();
            let fixed = if k == 0 { vt.fixed_cost } else { 0.0 };
            result.trips.push(TripRecord {
                driving,
                day,
                carrier: c,
                vehicle: v,
                route_vehicle: route.vehicle,
                trip: k,
                departure_s: trip.departure.0 - shift,
                return_s: trip.return_time.0 - shift,
                stops,
                orders: trip.visits.len(),
                kg,
                parcels,
                distance_km: km,
                access_km: 2.0 * access.distance.km(),
                hours,
                emissions,
                sites,
                stop_times,
                shares,
                cost_eur: fixed + km * vt.cost_per_km + hours * spec.eur_per_hour,
                dock_wait_h: 0.0,
                echelon: if sc.ucc.as_ref().is_some_and(|u| u.operator == c) {
                    Echelon::LastLeg
                } else if line_haul {
                    Echelon::LineHaul
                } else {
                    Echelon::Direct
                },
            });
        }
    }
    for u in &solution.unassigned {
        if u.reason == UnassignedReason::NotWorthPrize {
            continue;
        }
        let g = going[u.order].g;
        // Out of reach only because zones or access hours close its street to the fleet.
        let site = states[g].order.site.0 as usize;
        let depot = world.depot_location(c);
        let closed = u.reason == UnassignedReason::Unreachable
            && fleet.iter().any(|&(v, _)| {
                let open = &world.matrices[world.open_net_of(v)];
                open.is_reachable(depot, site) && open.is_reachable(site, depot)
            });
        let reason = if !closed {
            Unassigned::Routing(u.reason)
        } else if fleet
            .iter()
            .any(|&(v, _)| world.street_shut_by_hours(v, site))
        {
            Unassigned::AccessHours
        } else {
            Unassigned::ZoneBan
        };
        result.unassigned.push((g, reason));
    }
}

/// Whether delivering order `g` (state `st`) today fails: a home delivery's first attempt
/// fails with the e-commerce table's rate, drawn from the order's own stream.
pub(crate) fn fails_attempt(sc: &Scenario, st: &OrderState, g: usize) -> bool {
    st.order.home
        && st.failed_attempts == 0
        && random::uniform(sc.seed, Stream::Attempt, &[g as u64])
            < sc.ecommerce.failed_first_attempt_rate
}
