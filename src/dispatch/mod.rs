//! `dispatch`: the batching core. Each delivering day a carrier's backlog splits into
//! mandatory orders (window closes today, or already late) and optional ones (window open,
//! not closing); orders whose window has not opened wait. A [`Policy`] turns that split into
//! a [`Decision`] per order: wait, go (required), or go if worth it (optional with a prize, for
//! a prize-collecting routing solve). After the solve a policy may postpone orders again
//! ([`Policy::postpone`]). The policies are baselines and one real contender:
//!
//! - [`Immediate`]: every eligible order goes (today's practice);
//! - [`Lazy`]: mandatory orders only;
//! - [`RandomShare`]: mandatory orders and each optional one with a fixed probability;
//! - [`Consolidate`]: one prize-collecting solve, the prize estimating what serving the order
//!   later would cost, then two guards (postpone a trip with no mandatory order; postpone an
//!   optional stop whose removal saves much more than its trip's cost per stop).
//!
//! Dispatch never calls the solver's internals: it sees [`crate::routing`]'s public problem
//! and solution types only.

mod consolidate;
mod immediate;
mod lazy;
mod random_share;

pub use consolidate::Consolidate;
pub use immediate::Immediate;
pub use lazy::Lazy;
pub use random_share::RandomShare;

use crate::routing::{Problem, RoutingSolution};
use crate::scenario::{DispatchSettings, PolicyKind};
use rand_chacha::ChaCha8Rng;

/// What happens to one order today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Stays in the backlog.
    Wait,
    /// Goes today (the solver must serve it if any vehicle can).
    Required,
    /// Goes today if serving it costs less than `prize` (objective units, EUR).
    Optional {
        /// What leaving it for later is estimated to cost.
        prize: f64,
    },
}

/// What a policy knows of one order of the backlog whose window is open today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Its window closes today (or closed already): it must go.
    pub mandatory: bool,
    /// Delivering days left in its window after today (0 when mandatory).
    pub days_left: u32,
    /// Cost of a round trip from the depot to its site alone, with the carrier's cheapest
    /// vehicle type able to reach it (EUR, distance and time costs, no fixed cost).
    pub round_trip_cost: f64,
    /// Orders a delivering day expected within 300 m of its site (its own included).
    pub nearby_daily: f64,
}

/// A batching policy.
pub trait Policy: Sync {
    /// Name in reports.
    fn name(&self) -> &'static str;

    /// The decision for each candidate, in order.
    fn decide(&self, candidates: &[Candidate], rng: &mut ChaCha8Rng) -> Vec<Decision>;

    /// After the day's solve: the problem orders to take off the routes and postpone (indices
    /// into `problem.orders`, which are the candidates that went, in order). Default: none.
    fn postpone(
        &self,
        _problem: &Problem,
        _solution: &RoutingSolution,
        _mandatory: &[bool],
    ) -> Vec<usize> {
        Vec::new()
    }
}

/// The policy a scenario names.
pub fn policy(settings: &DispatchSettings) -> Box<dyn Policy> {
    match settings.policy {
        PolicyKind::Immediate => Box::new(Immediate),
        PolicyKind::Lazy => Box::new(Lazy),
        PolicyKind::Random => Box::new(RandomShare {
            share: settings.random_share,
        }),
        PolicyKind::Consolidate => Box::new(Consolidate {
            base: settings.prize_base,
            urgency: settings.prize_urgency,
            density: settings.prize_density,
            drop_share: settings.drop_share,
        }),
    }
}
