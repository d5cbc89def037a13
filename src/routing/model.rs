//! The routing problem: depots, orders, vehicle types and the objective.
//!
//! Locations are indices into the travel matrices (one matrix per vehicle profile, all of the
//! same size). The model is plain data; [`Problem::validate`] checks it at the boundary.

use crate::matrix::{TimeBands, TravelMatrix};
use crate::units::{Meters, Seconds};

/// Number of load dimensions (e.g. kg and parcels, or kg and litres).
pub const DIMENSIONS: usize = 2;

/// An amount per load dimension, in caller-chosen integer units (freightsim uses grams and
/// parcels; benchmark files use their own demand unit in dimension 0 and 0 in dimension 1).
pub type Load = [i64; DIMENSIONS];

/// A closed interval of time, in seconds from the start of the horizon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeWindow {
    /// Earliest time, inclusive.
    pub start: Seconds,
    /// Latest time, inclusive.
    pub end: Seconds,
}

impl TimeWindow {
    /// A window from `start` to `end` seconds.
    pub fn new(start: f64, end: f64) -> Self {
        Self {
            start: Seconds(start),
            end: Seconds(end),
        }
    }

    /// A window that never binds.
    pub fn always() -> Self {
        Self::new(0.0, f64::INFINITY)
    }
}

/// A depot or consolidation centre: where vehicles start, end and reload.
#[derive(Clone, Debug, PartialEq)]
pub struct Depot {
    /// Name for reports.
    pub name: String,
    /// Index into the travel matrices.
    pub location: usize,
    /// Opening hours: no vehicle leaves before `start` or returns after `end`.
    pub open: TimeWindow,
    /// Time to load a vehicle between two trips of a multi-trip route.
    pub reload_time: Seconds,
}

/// Whether an order must be served.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Priority {
    /// Must be served; left unserved only when no feasible route exists.
    Required,
    /// May be left out; serving it earns `prize` (in objective units).
    Optional {
        /// Objective units gained by serving the order.
        prize: f64,
    },
}

/// One order to deliver to one site (a consignment).
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// Caller's identifier, carried into the solution.
    pub id: String,
    /// Index into the travel matrices (the site's snapped location).
    pub location: usize,
    /// Amount per dimension.
    pub demand: Load,
    /// Fixed time per stop: charged once when the vehicle arrives from another location
    /// (orders for the same site served one after another make one stop).
    pub stop_time: Seconds,
    /// Handling time of this order itself (e.g. per parcel), always charged.
    pub handling_time: Seconds,
    /// Service may start in any of these windows; sorted, non-overlapping, at least one.
    pub time_windows: Vec<TimeWindow>,
    /// Time the goods are ready at the depot: a trip carrying this order leaves no earlier.
    pub release: Seconds,
    /// Required or optional with a prize.
    pub priority: Priority,
}

/// A class of vehicles (e.g. diesel van, rigid truck, cargo bike).
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleType {
    /// Name for reports.
    pub name: String,
    /// How many vehicles of this type are available.
    pub count: usize,
    /// Capacity per dimension, in the orders' units.
    pub capacity: Load,
    /// Which travel matrix this type drives on.
    pub profile: usize,
    /// Depot index where its routes start and end.
    pub depot: usize,
    /// Depots where it may reload between trips (its own depot is always allowed).
    pub reload_depots: Vec<usize>,
    /// Maximum number of trips in one route (1: single trip).
    pub max_trips: usize,
    /// Cost of using one vehicle of this type for the day.
    pub fixed_cost: f64,
    /// Cost per km driven.
    pub cost_per_km: f64,
    /// Cost per hour of route duration.
    pub cost_per_hour: f64,
    /// Emission factor, kg CO₂e per km, priced by [`Objective::carbon_price_per_kg`].
    pub co2e_kg_per_km: f64,
    /// Working shift: routes start and end inside it.
    pub shift: TimeWindow,
    /// Longest route, from leaving the depot to the last return.
    pub max_duration: Option<Seconds>,
    /// Longest route distance (battery range of e-vans and cargo bikes).
    pub max_distance: Option<Meters>,
    /// Order indices this type may not serve (zone bans are expressed this way).
    pub forbidden_orders: Vec<usize>,
}

/// What the solver minimises.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    /// Price of one kg of CO₂e in objective units (0: cost only).
    pub carbon_price_per_kg: f64,
}

/// A complete routing problem.
#[derive(Clone, Debug)]
pub struct Problem {
    /// One matrix per vehicle profile, all of the same size.
    pub matrices: Vec<TravelMatrix>,
    /// Depots and consolidation centres.
    pub depots: Vec<Depot>,
    /// Orders to serve.
    pub orders: Vec<Order>,
    /// The fleet.
    pub vehicle_types: Vec<VehicleType>,
    /// The objective.
    pub objective: Objective,
    /// Time of day, per matrix: `time_bands[p]` scales the durations of matrix `p` by hour
    /// band (see [`crate::matrix::time_bands`]). Empty, or `None` for a matrix: its
    /// durations hold at every hour.
    pub time_bands: Vec<Option<TimeBands>>,
}

impl Problem {
    /// The time bands of matrix `p`, when its durations depend on the hour.
    pub fn bands(&self, p: usize) -> Option<&TimeBands> {
        self.time_bands
            .get(p)
            .and_then(Option::as_ref)
            .filter(|b| !b.is_flat())
    }

    /// Arrival of a leg of matrix `p` from `a` to `b` leaving at `dep`.
    pub fn arrival(&self, p: usize, a: usize, b: usize, dep: f64) -> f64 {
        let d = self.matrices[p].duration(a, b).0;
        match self.bands(p) {
            None => dep + d,
            Some(tb) => tb.arrival(dep, d),
        }
    }
}
