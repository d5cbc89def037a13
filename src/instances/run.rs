//! Solving a benchmark instance end to end: the routing core, then the independent checker.
//! This is what `freightsim solve` calls for each file.

use super::Instance;
use crate::routing::check::{Violation, check};
use crate::routing::{self, RoutingSolution, SolveParams};
use std::time::Instant;

/// The outcome of solving one instance.
#[derive(Clone, Debug)]
pub struct InstanceResult {
    /// Instance name.
    pub instance: String,
    /// The solver's objective value, in the instance's units.
    pub cost: f64,
    /// Vehicles used.
    pub vehicles: usize,
    /// The checker accepts the solution and no required order is left out.
    pub feasible: bool,
    /// Wall-clock seconds of the solve call (informative only).
    pub seconds: f64,
    /// Required orders left unassigned.
    pub unassigned_required: usize,
    /// What the checker rejected (empty when it accepts).
    pub violations: Vec<Violation>,
    /// The solution itself.
    pub solution: RoutingSolution,
}

/// Solves `instance` with `params` and verifies the result with [`check`].
pub fn solve_instance(
    instance: &Instance,
    params: &SolveParams,
) -> Result<InstanceResult, crate::Error> {
    let started = Instant::now();
    let solution = routing::solve(&instance.problem, params)?;
    let seconds = started.elapsed().as_secs_f64();
    let unassigned_required = solution
        .unassigned
        .iter()
        .filter(|u| {
            instance
                .problem
                .orders
                .get(u.order)
                .is_none_or(|o| o.priority == routing::Priority::Required)
        })
        .count();
    let violations = match check(&instance.problem, &solution) {
        Ok(_) => Vec::new(),
        Err(v) => v,
    };
    Ok(InstanceResult {
        instance: instance.name.clone(),
        cost: solution.cost,
        vehicles: solution.routes.len(),
        feasible: violations.is_empty() && unassigned_required == 0,
        seconds,
        unassigned_required,
        violations,
        solution,
    })
}
