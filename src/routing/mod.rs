//! `routing`: the vehicle-routing core. Heterogeneous fleet, time windows, several depots,
//! multi-trip routes with reloads, route range and duration limits, optional orders with
//! prizes. It consumes [`crate::matrix::TravelMatrix`] values and never sees the road graph.
//!
//! [`solve`] validates the problem, builds a first solution (regret-2 or cheapest
//! insertion) and polishes it by local search, then improves it by ruin and recreate
//! (string removals, greedy insertion with blinks) under simulated annealing, each
//! promising recreated solution polished by a granular local search (relocate and swap of
//! strings, 2-opt, 2-opt*) priced from segment data. Files, in the order data flows:
//! `validate` and `error` (the boundary), `instance` (flat per-type data), `schedule`
//! (exact route evaluation), `state` (routes with cached schedule data), `segment` (pricing
//! a route made of pieces of others), `unassigned` (reasons), `construct`, `ruin`,
//! `insertion`, `fleet` (vehicle types), `moves` (one file per move), `local_search` (the
//! descent), `solve` (the loop and the answer), `check` (the independent checker).

pub mod check;
mod construct;
mod error;
mod fleet;
mod insertion;
mod instance;
mod local_search;
mod model;
mod moves;
mod ruin;
mod schedule;
mod segment;
mod solution;
mod solve;
mod state;
mod unassigned;
mod validate;

pub use error::{ProblemIssue, RoutingError};
pub use model::{
    DIMENSIONS, Depot, Load, Objective, Order, Priority, Problem, TimeWindow, VehicleType,
};
pub use solution::{
    Route, RoutingSolution, SearchStats, Trip, Unassigned, UnassignedReason, Visit,
};
pub use solve::{StartRoute, solve, solve_from};

/// Search knobs.
#[derive(Clone, Debug, PartialEq)]
pub struct SolveParams {
    /// Seed of the search's random generator.
    pub seed: u64,
    /// Stop after this many ruin-and-recreate iterations.
    pub max_iterations: Option<u64>,
    /// Stop after this much wall-clock time (makes the result depend on machine speed; use
    /// `max_iterations` where outputs must be reproducible).
    pub time_limit: Option<std::time::Duration>,
}
