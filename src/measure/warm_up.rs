//! How long the warm-up must be: at least the longest delivery window, so that on the first
//! measured day the backlogs hold what they hold on any later day (orders placed up to a
//! window earlier) and the cohort is served as in steady state. A scenario whose warm-up is
//! shorter has it raised at validation (`horizon.warm_up_extended_by` says by how much, and
//! the run's summary says so); a rule benchmark raises it to the longest window of the rules
//! it runs, so that every rule is measured on the same cohort.

use crate::scenario::{Horizon, Scenario};

/// The longest window of `sc`'s rules, in delivering days after placing (`72h`: 3).
pub fn longest_window(sc: &Scenario) -> u32 {
    sc.rules.values().map(|r| r.max_days).max().unwrap_or(1)
}

/// The fewest warm-up days (calendar days from the start) that hold `window` delivering days.
pub fn required_warm_up_days(h: &Horizon, window: u32) -> u32 {
    let mut delivering = 0;
    let mut d = 0;
    // Every week holds a delivering day (validated), so this ends within 7 × window days.
    while delivering < window && d < 7 * window + 7 {
        if h.is_delivering(d) {
            delivering += 1;
        }
        d += 1;
    }
    d
}

/// Raises `sc`'s warm-up to cover a window of `window` delivering days (the longest of
/// several rules run on the same cohort); returns the days added (0: long enough already).
pub fn extend_for(sc: &mut Scenario, window: u32) -> u32 {
    let need = required_warm_up_days(&sc.horizon, window);
    let added = need.saturating_sub(sc.horizon.warm_up_days);
    sc.horizon.warm_up_days += added;
    added
}
