//! `measure`: what a run is measured on.
//!
//! A scenario is judged on its **cohort**: the orders placed in the measured window (from the
//! end of the warm-up to the last day of orders), each followed to its delivery wherever that
//! falls, tail days included. Every trip's km, hours, cost, energy and emissions are
//! attributed to the orders it carried by the ISO 14083 shares the emissions allocation
//! already uses (mass × network distance), so two scenarios run on the same seeds are
//! compared on exactly the same orders, whatever their lead-time rules.
//!
//! What the fleets did on the measured days (trips driven, whatever orders they carried) is a
//! second view, [`fleet`], never mixed with the cohort in one table.

pub mod attribution;
pub mod cohort;
pub mod fleet;
pub mod warm_up;

pub use attribution::{Attributed, attribute};
pub use cohort::{CohortTotals, cohort_totals, in_cohort};
pub use fleet::{PerDay, full_delivering_days, per_delivering_day};
pub use warm_up::{extend_for, longest_window, required_warm_up_days};
