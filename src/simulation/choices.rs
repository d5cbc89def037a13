//! The hindsight plan's dispatch choices as training data for the `consolidate` prize model.
//!
//! Every day an order waits in a carrier's backlog with its window open but not closing, an
//! online policy decides whether it goes. The hindsight plan, knowing every order, made that
//! choice too: it served the order on one day of its window. Each (order, optional day up to
//! the day the plan served it) is one sample, labelled by whether the plan served it that day,
//! with what the policy sees of it ([`super::day::candidate`]: days left, round-trip cost,
//! expected nearby demand) and what serving it that day cost in the plan: its detour in the
//! plan's routes of that day (the saving of removing it when it rides them alone at its
//! site, nothing when another order of the day shares its stop, the cheapest insertion
//! otherwise, a round trip of its own when the carrier drives nothing that day).
//!
//! `consolidate` serves an optional order when its insertion costs less than its prize, so
//! `scripts/fit_prize.py` fits the prize formula to these samples: the coefficients with
//! which "prize > detour" agrees best with the plan's choices (`data/dispatch/prize_model.csv`).

use super::state::OrderState;
use super::{TripRecord, World};
use crate::dispatch::Candidate;
use crate::scenario::Scenario;
use serde::Serialize;
use std::collections::HashMap;

/// One training sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    /// Lead-time rule of the run.
    pub rule: String,
    /// Objective of the run.
    pub objective: String,
    /// Seed of the run.
    pub seed: u64,
    /// Carrier index.
    pub carrier: usize,
    /// Order id.
    pub order: String,
    /// The optional day.
    pub day: u32,
    /// Delivering days left in its window after `day`.
    pub days_left: u32,
    /// Depot round trip to its site alone, EUR (distance and time).
    pub round_trip_cost: f64,
    /// Orders a delivering day expected within 300 m of its site.
    pub nearby_daily: f64,
    /// What serving it on `day` costs in the plan's routes of that day, EUR.
    pub detour_cost: f64,
    /// The plan served it on `day` (1) or later (0).
    pub served_today: u8,
}

/// The samples of one plan: `online` the orders as the day loop drew them (windows, backlog
/// days), `planned` their fate in the plan, `trips` the plan's trips.
pub fn samples(
    sc: &Scenario,
    world: &World,
    nearby: &[f64],
    online: &[OrderState],
    planned: &[OrderState],
    trips: &[TripRecord],
    tag: (&str, &str),
) -> Vec<Choice> {
    // Orders the plan serves per (carrier, site, day), and its trips per (carrier, day):
    // looked up once per sample instead of scanning the plan.
    let mut served_at: HashMap<(usize, u32, u32), usize> = HashMap::new();
    for o in planned {
        if let Some(d) = o.delivered_day {
            *served_at
                .entry((o.order.carrier, o.order.site.0, d))
                .or_default() += 1;
        }
    }
    let mut trips_of: HashMap<(usize, u32), Vec<&TripRecord>> = HashMap::new();
    for t in trips {
        trips_of.entry((t.carrier, t.day)).or_default().push(t);
    }
    let warm = sc.horizon.warm_up_days;
    let mut out = Vec::new();
    for (g, st) in online.iter().enumerate() {
        let Some(served) = planned[g].delivered_day else {
            continue;
        };
        let c = st.order.carrier;
        let site = st.order.site.0;
        // Days before `due` only: on its last day an order is mandatory, no choice.
        let last = served.min(st.due.saturating_sub(1));
        for day in st.open_from.max(warm)..=last {
            if !sc.horizon.is_delivering(day) {
                continue;
            }
            let cand: Candidate = super::day::candidate(sc, world, nearby, c, day, st);
            debug_assert!(!cand.mandatory);
            // Another order of the carrier served at the same site that day shares the stop.
            let mine = usize::from(served == day);
            let shared = served_at.get(&(c, site, day)).copied().unwrap_or(0) > mine;
            let detour_cost = if shared {
                0.0
            } else {
                let day_trips = trips_of.get(&(c, day)).map_or(&[][..], Vec::as_slice);
                detour(sc, world, day_trips, c, site, cand.round_trip_cost)
            };
            out.push(Choice {
                rule: tag.0.to_owned(),
                objective: tag.1.to_owned(),
                seed: sc.seed,
                carrier: c,
                order: st.order.id.clone(),
                day,
                days_left: cand.days_left,
                round_trip_cost: cand.round_trip_cost,
                nearby_daily: cand.nearby_daily,
                detour_cost,
                served_today: u8::from(served == day),
            });
        }
    }
    out
}

/// What a stop at `site` costs carrier `c` in the plan's `trips` of one day, when no other
/// order of the day shares it (see the module).
fn detour(
    sc: &Scenario,
    world: &World,
    trips: &[&TripRecord],
    c: usize,
    site: u32,
    round_trip: f64,
) -> f64 {
    let depot = world.depot_location(c) as u32;
    let mut best = round_trip;
    for t in trips {
        let spec = &sc.vehicles[t.vehicle];
        let m = &world.matrices[world.net_of(t.vehicle)];
        let cost = |a: u32, b: u32| {
            let (a, b) = (a as usize, b as usize);
            m.distance(a, b).0 / 1000.0 * spec.eur_per_km
                + m.duration(a, b).0 / 3600.0 * spec.eur_per_hour
        };
        let mut path = Vec::with_capacity(t.sites.len() + 2);
        path.push(depot);
        path.extend(t.sites.iter().copied());
        path.push(depot);
        if let Some(k) = path[1..path.len() - 1].iter().position(|&s| s == site) {
            // It rides this trip alone at its stop: what removing the stop saves.
            let (prev, next) = (path[k], path[k + 2]);
            let saving = cost(prev, site) + cost(site, next) - cost(prev, next);
            return saving.max(0.0);
        }
        for w in path.windows(2) {
            let extra = cost(w[0], site) + cost(site, w[1]) - cost(w[0], w[1]);
            if extra.is_finite() {
                best = best.min(extra.max(0.0));
            }
        }
    }
    best
}
