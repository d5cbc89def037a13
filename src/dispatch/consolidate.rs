//! `consolidate`: one prize-collecting solve per carrier and day, then two guards.
//!
//! # The prize
//! An optional order's prize estimates what serving it later would cost (the structure of
//! the EURO Meets NeurIPS 2022 winner, with a hand-set model instead of a learned one):
//!
//! ```text
//! prize = round_trip_cost × (base + urgency / days_left) / (1 + density × nearby_daily)
//! ```
//!
//! An isolated order (few expected neighbours on later days) costs nearly a round trip of
//! its own later, so it goes today when its insertion is cheaper than that; an order in a
//! dense street will find company tomorrow, so its prize is small and it waits unless it fits
//! today's routes almost for free. The prize rises as the window closes. The solver serves an
//! optional order exactly when its insertion costs less than its prize.
//!
//! # The guards
//! 1. A trip with no mandatory order is postponed whole (nothing forces it out today).
//! 2. An optional stop whose removal saves more than `drop_share` × its trip's cost per stop
//!    is postponed (a detour the prize model under-priced).

use super::{Candidate, Decision, Policy};
use crate::routing::{Problem, RoutingSolution, Trip};
use rand_chacha::ChaCha8Rng;

/// The prize-collecting policy and its parameters.
#[derive(Clone, Copy, Debug)]
pub struct Consolidate {
    /// Share of the round trip an optional order's prize is worth, whatever its window.
    pub base: f64,
    /// Extra share × 1 / days left.
    pub urgency: f64,
    /// Discount per expected nearby order a day.
    pub density: f64,
    /// Guard 2 threshold (0: guard off).
    pub drop_share: f64,
}

impl Consolidate {
    /// The prize of an optional candidate.
    pub fn prize(&self, c: &Candidate) -> f64 {
        let days_left = f64::from(c.days_left.max(1));
        c.round_trip_cost * (self.base + self.urgency / days_left)
            / (1.0 + self.density * c.nearby_daily)
    }
}

impl Policy for Consolidate {
    fn name(&self) -> &'static str {
        "consolidate"
    }

    fn decide(&self, candidates: &[Candidate], _rng: &mut ChaCha8Rng) -> Vec<Decision> {
        candidates
            .iter()
            .map(|c| {
                if c.mandatory {
                    Decision::Required
                } else {
                    Decision::Optional {
                        prize: self.prize(c),
                    }
                }
            })
            .collect()
    }

    fn postpone(
        &self,
        problem: &Problem,
        solution: &RoutingSolution,
        mandatory: &[bool],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for route in &solution.routes {
            let vt = &problem.vehicle_types[route.vehicle_type];
            for trip in &route.trips {
                if !trip.visits.iter().any(|v| mandatory[v.order]) {
                    out.extend(trip.visits.iter().map(|v| v.order));
                } else if self.drop_share > 0.0 {
                    out.extend(expensive_optional_stops(
                        problem,
                        vt.profile,
                        trip,
                        mandatory,
                        self.drop_share,
                    ));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// Optional orders of `trip` whose removal saves more than `share` × the trip's cost per stop.
fn expensive_optional_stops(
    problem: &Problem,
    profile: usize,
    trip: &Trip,
    mandatory: &[bool],
    share: f64,
) -> Vec<usize> {
    let m = &problem.matrices[profile];
    let vt = problem
        .vehicle_types
        .iter()
        .find(|v| v.profile == profile)
        .expect("a type of the trip's profile");
    let cost = |a: usize, b: usize| {
        m.distance(a, b).km() * vt.cost_per_km + m.duration(a, b).hours() * vt.cost_per_hour
    };
    let start = problem.depots[trip.start_depot].location;
    let end = problem.depots[trip.end_depot].location;
    let locs: Vec<usize> = trip
        .visits
        .iter()
        .map(|v| problem.orders[v.order].location)
        .collect();
    let mut stops = 1;
    for w in locs.windows(2) {
        stops += usize::from(w[0] != w[1]);
    }
    let trip_cost = trip.distance.km() * vt.cost_per_km
        + (trip.return_time - trip.departure).hours() * vt.cost_per_hour;
    let per_stop = trip_cost / stops as f64;
    let mut out = Vec::new();
    for (k, v) in trip.visits.iter().enumerate() {
        if mandatory[v.order] {
            continue;
        }
        let here = locs[k];
        let prev = if k == 0 { start } else { locs[k - 1] };
        let next = locs.get(k + 1).copied().unwrap_or(end);
        if prev == here || next == here {
            continue; // another order keeps this stop
        }
        let o = &problem.orders[v.order];
        let saving = cost(prev, here) + cost(here, next) - cost(prev, next)
            + (o.stop_time.0 + o.handling_time.0) / 3600.0 * vt.cost_per_hour;
        if saving > share * per_stop {
            out.push(v.order);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(days_left: u32, nearby: f64) -> Candidate {
        Candidate {
            mandatory: false,
            days_left,
            round_trip_cost: 10.0,
            nearby_daily: nearby,
        }
    }

    #[test]
    fn prize_rises_as_the_window_closes_and_falls_with_density() {
        let p = Consolidate {
            base: 0.3,
            urgency: 0.7,
            density: 0.5,
            drop_share: 2.0,
        };
        assert!((p.prize(&candidate(1, 0.0)) - 10.0).abs() < 1e-9);
        assert!(p.prize(&candidate(2, 0.0)) < p.prize(&candidate(1, 0.0)));
        assert!((p.prize(&candidate(1, 2.0)) - 5.0).abs() < 1e-9);
    }
}
