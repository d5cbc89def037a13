//! What the solver returns: routes of trips of visits, the orders left out with a reason, and
//! search statistics.

use crate::units::{Meters, Seconds};
use std::fmt;

/// One order served: where and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    /// Index into [`super::Problem::orders`].
    pub order: usize,
    /// Arrival time at the order's location.
    pub arrival: Seconds,
    /// Start of service (after any wait for the time window).
    pub service_start: Seconds,
}

/// One loop from a depot back to a depot.
#[derive(Clone, Debug, PartialEq)]
pub struct Trip {
    /// Depot the trip leaves from (index into [`super::Problem::depots`]).
    pub start_depot: usize,
    /// Depot the trip returns to (where the next trip is loaded).
    pub end_depot: usize,
    /// Time the vehicle leaves the start depot.
    pub departure: Seconds,
    /// Time the vehicle is back at the end depot.
    pub return_time: Seconds,
    /// Orders in visiting order.
    pub visits: Vec<Visit>,
    /// Distance driven on this trip.
    pub distance: Meters,
}

/// One vehicle's working day.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Index into [`super::Problem::vehicle_types`].
    pub vehicle_type: usize,
    /// Which vehicle of that type (0-based, below its `count`).
    pub vehicle: usize,
    /// Trips in time order.
    pub trips: Vec<Trip>,
}

/// Why an order was not served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnassignedReason {
    /// Every vehicle type is forbidden from serving it.
    NoCompatibleVehicle,
    /// Its demand exceeds the capacity of every vehicle type allowed to serve it.
    Capacity,
    /// No allowed vehicle can reach it inside its time windows (and return in its shift).
    TimeWindow,
    /// No allowed vehicle's depot is connected to it by the road network.
    Unreachable,
    /// An allowed vehicle could serve it, but not within the route's range or duration.
    RouteLimit,
    /// Optional order whose prize does not cover the cost of serving it.
    NotWorthPrize,
    /// Could be served alone, but the fleet is used up by other orders.
    FleetExhausted,
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoCompatibleVehicle => "no_compatible_vehicle",
            Self::Capacity => "capacity",
            Self::TimeWindow => "time_window",
            Self::Unreachable => "unreachable",
            Self::RouteLimit => "route_limit",
            Self::NotWorthPrize => "not_worth_prize",
            Self::FleetExhausted => "fleet_exhausted",
        })
    }
}

/// An order left out of every route.
#[derive(Clone, Debug, PartialEq)]
pub struct Unassigned {
    /// Index into [`super::Problem::orders`].
    pub order: usize,
    /// Why.
    pub reason: UnassignedReason,
}

/// How the search went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchStats {
    /// Ruin-and-recreate iterations run.
    pub iterations: u64,
    /// Objective of the construction heuristic's solution.
    pub construction_cost: f64,
    /// Wall-clock seconds spent (informative only; never used in decisions when the budget
    /// is an iteration count).
    pub seconds: f64,
}

/// The solver's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutingSolution {
    /// Routes of the vehicles used, sorted by (vehicle type, vehicle).
    pub routes: Vec<Route>,
    /// Orders not served, sorted by order index.
    pub unassigned: Vec<Unassigned>,
    /// Objective value: the routes' costs (fixed + distance + time + carbon price × CO₂e)
    /// plus the prizes of the optional orders left out.
    pub cost: f64,
    /// Search statistics.
    pub stats: SearchStats,
}
