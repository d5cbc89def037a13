//! An independent checker of routing solutions. It re-derives every trip from the travel
//! matrices and the model's definitions alone, trusting nothing the solver computed except
//! the decisions (which vehicle, which orders in which order, when each trip leaves, when
//! each service starts), and reports every broken rule at once.
//!
//! # Rules, from the model's definitions
//! - Conservation: every order is served exactly once or listed once in `unassigned`.
//! - Fleet: a route's vehicle exists (`vehicle < count`) and drives at most one route; routes
//!   are sorted by (vehicle type, vehicle), `unassigned` by order; no empty route or trip.
//! - Trips: at most `max_trips`; the first leaves from and the last returns to the type's
//!   depot; each next trip leaves from the depot the previous one returned to, which must
//!   be the home depot or one of `reload_depots`, no earlier than that return plus the
//!   depot's `reload_time`.
//! - Per trip: load ≤ capacity in every dimension; departure ≥ the start depot's opening
//!   and ≥ the release of every carried order; every leg reachable in the type's profile;
//!   arrival = previous departure + travel (with hour bands, [`Problem::arrival`]: the
//!   free-flow time progressed band by band from the departure); service starts no earlier than arrival (waiting
//!   allowed) and inside one of the order's windows; the vehicle leaves a visit after
//!   `stop_time` (only when it arrived from another location) + `handling_time`; return =
//!   last departure + travel, ≤ the end depot's closing; reported distance = sum of legs.
//! - Per route: first departure and last return inside the shift; duration (last return −
//!   first departure) ≤ `max_duration`; distance ≤ `max_distance`; no forbidden order.
//! - Cost: Σ routes (fixed + cost_per_km·km + cost_per_hour·h + carbon price·CO₂e) + prizes of
//!   optional orders left out, equal to the reported cost within [`COST_TOLERANCE`].
//!
//! # Tolerance
//! Times and distances are floats summed in an order the solver may choose differently, so
//! comparisons allow [`TIME_TOLERANCE`] relative to the magnitude (at least one unit):
//! `|a − b| ≤ 1e-6 · max(1, |a|, |b|)`. One micro-second in a day, far below any rule.

mod violation;

pub use violation::Violation;

use super::{Problem, RoutingSolution, TimeWindow};
use crate::units::{Meters, Seconds};
use std::collections::BTreeMap;

/// Relative tolerance of time and distance comparisons (see the module docs).
pub const TIME_TOLERANCE: f64 = 1e-6;
/// Relative tolerance of the cost comparison.
pub const COST_TOLERANCE: f64 = 1e-6;

/// What the checker recomputed for a valid solution.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    /// Objective value recomputed from the matrices.
    pub cost: f64,
    /// Total distance driven.
    pub distance: Meters,
    /// Vehicles used (routes).
    pub vehicles: usize,
    /// Trips driven.
    pub trips: usize,
    /// Orders served.
    pub served: usize,
    /// Required orders left unassigned (allowed by the rules; a caller may count them as a
    /// failure).
    pub unassigned_required: usize,
}

/// `a ≈ b` within `tolerance` relative to their magnitude (at least one unit).
fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * 1f64.max(a.abs()).max(b.abs())
}

/// `a ≤ b` up to [`TIME_TOLERANCE`].
fn at_most(a: f64, b: f64) -> bool {
    a <= b || close(a, b, TIME_TOLERANCE)
}

fn in_window(t: f64, w: &TimeWindow) -> bool {
    at_most(w.start.0, t) && at_most(t, w.end.0)
}

/// Checks `solution` against `problem`; every violation is reported.
pub fn check(problem: &Problem, solution: &RoutingSolution) -> Result<CheckReport, Vec<Violation>> {
    let mut out = Vec::new();
    let n = problem.orders.len();
    let mut served_in: Vec<Option<usize>> = vec![None; n];
    let mut report = CheckReport {
        cost: 0.0,
        distance: Meters::ZERO,
        vehicles: solution.routes.len(),
        trips: 0,
        served: 0,
        unassigned_required: 0,
    };
    let mut used: BTreeMap<(usize, usize), usize> = BTreeMap::new();

    for (r, route) in solution.routes.iter().enumerate() {
        if r > 0 {
            let prev = &solution.routes[r - 1];
            if (prev.vehicle_type, prev.vehicle) > (route.vehicle_type, route.vehicle) {
                out.push(Violation::RoutesNotSorted { route: r });
            }
        }
        for trip in &route.trips {
            for v in &trip.visits {
                if v.order >= n {
                    out.push(Violation::UnknownOrder {
                        route: Some(r),
                        order: v.order,
                    });
                } else if let Some(first) = served_in[v.order] {
                    out.push(Violation::ServedTwice {
                        order: v.order,
                        first_route: first,
                        second_route: r,
                    });
                } else {
                    served_in[v.order] = Some(r);
                    report.served += 1;
                }
            }
        }
        let Some(vt) = problem.vehicle_types.get(route.vehicle_type) else {
            out.push(Violation::UnknownIndex {
                route: r,
                what: "vehicle type",
                index: route.vehicle_type,
            });
            continue;
        };
        if route.vehicle >= vt.count {
            out.push(Violation::VehicleOutOfRange {
                route: r,
                vehicle: route.vehicle,
                count: vt.count,
            });
        }
        if let Some(first) = used.insert((route.vehicle_type, route.vehicle), r) {
            out.push(Violation::VehicleUsedTwice {
                route: r,
                first_route: first,
            });
        }
        report.trips += route.trips.len();
        match route_cost(problem, r, solution, &mut out) {
            Some((cost, distance)) => {
                report.cost += cost;
                report.distance += distance;
            }
            None => report.cost = f64::NAN,
        }
    }

    let mut listed = vec![false; n];
    for (i, u) in solution.unassigned.iter().enumerate() {
        if i > 0 && solution.unassigned[i - 1].order >= u.order {
            out.push(Violation::UnassignedNotSorted { position: i });
        }
        if u.order >= n {
            out.push(Violation::UnknownOrder {
                route: None,
                order: u.order,
            });
            continue;
        }
        if listed[u.order] {
            out.push(Violation::UnassignedTwice { order: u.order });
            continue;
        }
        listed[u.order] = true;
        if let Some(route) = served_in[u.order] {
            out.push(Violation::ServedAndUnassigned {
                route,
                order: u.order,
            });
            continue;
        }
        match problem.orders[u.order].priority {
            super::Priority::Required => report.unassigned_required += 1,
            super::Priority::Optional { prize } => report.cost += prize,
        }
    }
    for order in 0..n {
        if served_in[order].is_none() && !listed[order] {
            out.push(Violation::Missing { order });
        }
    }
    if !report.cost.is_nan() && !close(solution.cost, report.cost, COST_TOLERANCE) {
        out.push(Violation::CostMismatch {
            reported: solution.cost,
            expected: report.cost,
        });
    }
    if out.is_empty() { Ok(report) } else { Err(out) }
}

/// Checks one route's trips and returns its (cost, distance), or `None` when it cannot be
/// evaluated (an unknown index or an unreachable leg).
fn route_cost(
    problem: &Problem,
    r: usize,
    solution: &RoutingSolution,
    out: &mut Vec<Violation>,
) -> Option<(f64, Meters)> {
    let route = &solution.routes[r];
    let t = route.vehicle_type;
    let vt = &problem.vehicle_types[t];
    let Some(matrix) = problem.matrices.get(vt.profile) else {
        out.push(Violation::UnknownIndex {
            route: r,
            what: "profile",
            index: vt.profile,
        });
        return None;
    };
    let (Some(first), Some(last)) = (route.trips.first(), route.trips.last()) else {
        out.push(Violation::EmptyRoute { route: r });
        return None;
    };
    if route.trips.len() > vt.max_trips {
        out.push(Violation::TooManyTrips {
            route: r,
            trips: route.trips.len(),
            max_trips: vt.max_trips,
        });
    }
    if first.start_depot != vt.depot {
        out.push(Violation::NotHomeDepot {
            route: r,
            trip: 0,
            depot: first.start_depot,
            home: vt.depot,
        });
    }
    if last.end_depot != vt.depot {
        out.push(Violation::NotHomeDepot {
            route: r,
            trip: route.trips.len() - 1,
            depot: last.end_depot,
            home: vt.depot,
        });
    }
    let mut evaluable = true;
    let mut route_distance = 0.0;
    let mut last_return = first.departure.0;
    for (k, trip) in route.trips.iter().enumerate() {
        let (Some(start), Some(end)) = (
            problem.depots.get(trip.start_depot),
            problem.depots.get(trip.end_depot),
        ) else {
            let bad = if trip.start_depot >= problem.depots.len() {
                trip.start_depot
            } else {
                trip.end_depot
            };
            out.push(Violation::UnknownIndex {
                route: r,
                what: "depot",
                index: bad,
            });
            evaluable = false;
            continue;
        };
        if k > 0 {
            let prev = &route.trips[k - 1];
            if prev.end_depot != trip.start_depot {
                out.push(Violation::BrokenChain { route: r, trip: k });
            }
            if trip.start_depot != vt.depot && !vt.reload_depots.contains(&trip.start_depot) {
                out.push(Violation::ReloadNotAllowed {
                    route: r,
                    trip: k,
                    depot: trip.start_depot,
                });
            }
            let ready = last_return + start.reload_time.0;
            if !at_most(ready, trip.departure.0) {
                out.push(Violation::ReloadTooShort {
                    route: r,
                    trip: k,
                    departure: trip.departure,
                    ready: Seconds(ready),
                });
            }
        }
        if trip.visits.is_empty() {
            out.push(Violation::EmptyTrip { route: r, trip: k });
        }
        if !at_most(start.open.start.0, trip.departure.0) {
            out.push(Violation::DepartsBeforeOpen {
                route: r,
                trip: k,
                departure: trip.departure,
                open: start.open.start,
            });
        }
        let mut load = [0i64; super::DIMENSIONS];
        let (mut clock, mut at, mut distance) = (trip.departure.0, start.location, 0.0);
        let mut reachable = true;
        for v in trip
            .visits
            .iter()
            .filter(|v| v.order < problem.orders.len())
        {
            let order = &problem.orders[v.order];
            for (l, d) in load.iter_mut().zip(order.demand) {
                *l += d;
            }
            if vt.forbidden_orders.contains(&v.order) {
                out.push(Violation::ForbiddenOrder {
                    route: r,
                    order: v.order,
                    vehicle_type: t,
                });
            }
            if !at_most(order.release.0, trip.departure.0) {
                out.push(Violation::DepartsBeforeRelease {
                    route: r,
                    trip: k,
                    order: v.order,
                    departure: trip.departure,
                    release: order.release,
                });
            }
            if !matrix.is_reachable(at, order.location) {
                out.push(Violation::Unreachable {
                    route: r,
                    trip: k,
                    from: at,
                    to: order.location,
                });
                reachable = false;
                break;
            }
            distance += matrix.distance(at, order.location).0;
            let arrival = problem.arrival(vt.profile, at, order.location, clock);
            if !close(v.arrival.0, arrival, TIME_TOLERANCE) {
                out.push(Violation::ArrivalMismatch {
                    route: r,
                    trip: k,
                    order: v.order,
                    reported: v.arrival,
                    expected: Seconds(arrival),
                });
            }
            let service = v.service_start.0;
            if !at_most(arrival, service) {
                out.push(Violation::ServiceBeforeArrival {
                    route: r,
                    trip: k,
                    order: v.order,
                    service_start: v.service_start,
                    arrival: Seconds(arrival),
                });
            }
            if !order.time_windows.iter().any(|w| in_window(service, w)) {
                out.push(Violation::OutsideTimeWindow {
                    route: r,
                    trip: k,
                    order: v.order,
                    service_start: v.service_start,
                });
            }
            let stop = if order.location != at {
                order.stop_time.0
            } else {
                0.0
            };
            clock = service.max(arrival) + stop + order.handling_time.0;
            at = order.location;
        }
        for (dimension, (&l, &c)) in load.iter().zip(&vt.capacity).enumerate() {
            if l > c {
                out.push(Violation::OverCapacity {
                    route: r,
                    trip: k,
                    dimension,
                    load: l,
                    capacity: c,
                });
            }
        }
        if reachable && !matrix.is_reachable(at, end.location) {
            out.push(Violation::Unreachable {
                route: r,
                trip: k,
                from: at,
                to: end.location,
            });
            reachable = false;
        }
        if !reachable {
            evaluable = false;
            continue;
        }
        distance += matrix.distance(at, end.location).0;
        let return_time = problem.arrival(vt.profile, at, end.location, clock);
        if !close(trip.return_time.0, return_time, TIME_TOLERANCE) {
            out.push(Violation::ReturnMismatch {
                route: r,
                trip: k,
                reported: trip.return_time,
                expected: Seconds(return_time),
            });
        }
        if !at_most(return_time, end.open.end.0) {
            out.push(Violation::ReturnsAfterClose {
                route: r,
                trip: k,
                return_time: Seconds(return_time),
                close: end.open.end,
            });
        }
        if !close(trip.distance.0, distance, TIME_TOLERANCE) {
            out.push(Violation::TripDistanceMismatch {
                route: r,
                trip: k,
                reported: trip.distance,
                expected: Meters(distance),
            });
        }
        route_distance += distance;
        last_return = return_time;
    }
    if !evaluable {
        return None;
    }
    let duration = last_return - first.departure.0;
    if !at_most(vt.shift.start.0, first.departure.0) || !at_most(last_return, vt.shift.end.0) {
        out.push(Violation::OutsideShift {
            route: r,
            start: first.departure,
            end: Seconds(last_return),
        });
    }
    if let Some(max) = vt.max_duration.filter(|m| !at_most(duration, m.0)) {
        out.push(Violation::DurationExceeded {
            route: r,
            duration: Seconds(duration),
            max,
        });
    }
    if let Some(max) = vt.max_distance.filter(|m| !at_most(route_distance, m.0)) {
        out.push(Violation::DistanceExceeded {
            route: r,
            distance: Meters(route_distance),
            max,
        });
    }
    let km = route_distance / 1000.0;
    let cost = vt.fixed_cost
        + vt.cost_per_km * km
        + vt.cost_per_hour * duration / 3600.0
        + problem.objective.carbon_price_per_kg * vt.co2e_kg_per_km * km;
    Some((cost, Meters(route_distance)))
}
