//! Published solutions in the VRPLIB `.sol` layout (`Route #k: ids`, `Cost: value`), read
//! into a [`RoutingSolution`] so that [`crate::routing::check`] can verify them.
//!
//! Ids: `0` is the depot (in a multi-trip route it separates two trips: a reload), and
//! client `c` (1-based, in file order with the depot left out) is order `c - 1`. Route `k`
//! is driven by the file's vehicle `k` (its position in the fleet sections), which matters
//! for heterogeneous fleets. Times are not in the file: each trip leaves as early as allowed
//! (depot opening, shift start, previous return plus reload time, release of every carried
//! order) and each visit starts at the earliest time its windows allow. The checker then
//! verifies that this schedule is feasible.

use super::text::{Row, read_text};
use super::{Instance, InstanceError};
use crate::routing::{Problem, Route, RoutingSolution, SearchStats, Trip, Visit};
use crate::units::{Meters, Seconds};
use std::path::Path;

/// A published solution and the cost its file states.
#[derive(Clone, Debug)]
pub struct PublishedSolution {
    /// Routes with an earliest-start schedule; `cost` is the file's `Cost` (NaN if absent).
    pub solution: RoutingSolution,
    /// The `Cost` line's value, in the instance's units.
    pub cost: Option<f64>,
}

/// Reads a `.sol` file for `instance`.
pub fn read_solution_file(
    path: &Path,
    instance: &Instance,
) -> Result<PublishedSolution, InstanceError> {
    let text = read_text(path)?;
    let problem = &instance.problem;
    let mut cost = None;
    let mut routes = Vec::new();
    for row in Row::split(&text) {
        let head = row.fields[0];
        if head.eq_ignore_ascii_case("Route") {
            let number = row
                .fields
                .get(1)
                .map_or("", |s| s.trim_start_matches('#').trim_end_matches(':'));
            let k = number
                .parse::<usize>()
                .ok()
                .filter(|&k| k >= 1)
                .ok_or_else(|| InstanceError::InvalidNumber {
                    path: path.to_path_buf(),
                    line: row.line,
                    field: "Route number".to_string(),
                    expected: "`#k:` with k >= 1",
                    found: number.to_string(),
                })?;
            let ids = row.fields[2..]
                .iter()
                .enumerate()
                .map(|(i, _)| row.usize(path, i + 2, "Route client id"))
                .collect::<Result<Vec<_>, _>>()?;
            if ids.iter().all(|&c| c == 0) {
                continue; // an unused vehicle
            }
            let &(vehicle_type, vehicle) = instance.file_vehicles.get(k - 1).ok_or_else(|| {
                InstanceError::invalid(
                    path,
                    row.line,
                    "Route number",
                    format!(
                        "route {k} exceeds the fleet of {} vehicles",
                        instance.file_vehicles.len()
                    ),
                )
            })?;
            let mut orders = Vec::with_capacity(ids.len());
            for c in ids {
                if c > problem.orders.len() {
                    return Err(InstanceError::invalid(
                        path,
                        row.line,
                        "Route client id",
                        format!(
                            "client {c} does not exist (the instance has {})",
                            problem.orders.len()
                        ),
                    ));
                }
                orders.push(c.checked_sub(1));
            }
            routes.push(schedule_route(problem, vehicle_type, vehicle, &orders));
        } else if head.trim_end_matches(':').eq_ignore_ascii_case("Cost") {
            cost = Some(row.f64(path, 1, "Cost")?);
        }
    }
    routes.sort_by_key(|r| (r.vehicle_type, r.vehicle));
    let solution = RoutingSolution {
        routes,
        unassigned: Vec::new(),
        cost: cost.unwrap_or(f64::NAN),
        stats: SearchStats::default(),
    };
    Ok(PublishedSolution { solution, cost })
}

/// Builds a route from a sequence of orders (`None`: back to the depot to reload), each trip
/// leaving and each visit starting as early as allowed.
fn schedule_route(
    problem: &Problem,
    vehicle_type: usize,
    vehicle: usize,
    sequence: &[Option<usize>],
) -> Route {
    let vt = &problem.vehicle_types[vehicle_type];
    let depot = &problem.depots[vt.depot];
    let matrix = &problem.matrices[vt.profile];
    let mut trips: Vec<Trip> = Vec::new();
    for chunk in sequence.split(Option::is_none).filter(|c| !c.is_empty()) {
        let orders: Vec<usize> = chunk.iter().flatten().copied().collect();
        let ready = match trips.last() {
            Some(prev) => prev.return_time.0 + depot.reload_time.0,
            None => f64::NEG_INFINITY,
        };
        let release = orders
            .iter()
            .map(|&o| problem.orders[o].release.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let departure = ready
            .max(release)
            .max(depot.open.start.0)
            .max(vt.shift.start.0);
        let (mut t, mut at, mut distance) = (departure, depot.location, 0.0);
        let mut visits = Vec::with_capacity(orders.len());
        for &o in &orders {
            let order = &problem.orders[o];
            let arrival = t + matrix.duration(at, order.location).0;
            distance += matrix.distance(at, order.location).0;
            let start = order
                .time_windows
                .iter()
                .find(|w| w.end.0 >= arrival)
                .map_or(arrival, |w| arrival.max(w.start.0));
            let stop = if order.location != at {
                order.stop_time.0
            } else {
                0.0
            };
            t = start + stop + order.handling_time.0;
            at = order.location;
            visits.push(Visit {
                order: o,
                arrival: Seconds(arrival),
                service_start: Seconds(start),
            });
        }
        distance += matrix.distance(at, depot.location).0;
        let return_time = t + matrix.duration(at, depot.location).0;
        trips.push(Trip {
            start_depot: vt.depot,
            end_depot: vt.depot,
            departure: Seconds(departure),
            return_time: Seconds(return_time),
            visits,
            distance: Meters(distance),
        });
    }
    Route {
        vehicle_type,
        vehicle,
        trips,
    }
}
