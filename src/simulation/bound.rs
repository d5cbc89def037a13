//! A lower bound on the perfect-information cost: no plan that serves the same orders in
//! their windows after the warm-up can cost less, whatever its routes.
//!
//! The benchmark's value is a fixed cost per vehicle-day plus a rate per km (cost per km and
//! the carbon price times the CO₂e per km), so the bound is the sum of a bound on each part,
//! carrier by carrier, counting only orders that must be served after the warm-up (their
//! window opens on or after its end):
//!
//! - **Vehicle-days.** Orders whose window lies inside a run of delivering days must ride on
//!   vehicle-days of that run; a vehicle-day carries at most `capacity × max_trips` of each
//!   load dimension. Each run then needs at least `ceil(load / largest such capacity)`
//!   vehicle-days at the cheapest fixed cost, and at least `load × cheapest fixed cost per unit
//!   of daily capacity` (a fractional bin-packing bound). Disjoint runs add up; the best split
//!   of the horizon into runs is found by dynamic programming.
//! - **Kilometres.** Every visit arrives by one arc and leaves by another; half of each arc is
//!   charged to its two ends, so the km are at least, over the visits, half of the cheapest arc
//!   in plus the cheapest arc out (over every network of the fleet), plus half of the cheapest
//!   depot arcs per vehicle-day. A site needs at least as many visits as its orders' windows
//!   need distinct days (the fewest days hitting every window, found greedily). Each km costs
//!   at least the cheapest rate of the fleet, its CO₂e taken at the lesser of the empty and
//!   full factors times the least speed multiplier of the class's curve (the speed at which
//!   a km emits least), since a route's legs may run at any speed.

use super::World;
use super::state::OrderState;
use crate::scenario::Scenario;

/// Lower bound on the value (after the warm-up) of any plan that serves the orders marked in
/// `served` within their windows, extended to `served_day` where that is later.
pub fn lower_bound(sc: &Scenario, world: &World, orders: &[OrderState], carbon_price: f64) -> f64 {
    (0..sc.carriers.len())
        .map(|c| carrier_bound(sc, world, orders, c, carbon_price))
        .sum()
}

fn carrier_bound(
    sc: &Scenario,
    world: &World,
    orders: &[OrderState],
    c: usize,
    carbon_price: f64,
) -> f64 {
    let carrier = &sc.carriers[c];
    let warm = sc.horizon.warm_up_days;
    // Orders served, by this carrier, whose every allowed day is after the warm-up, with
    // their window [first, last] (the delivered day extends a late one).
    let mine: Vec<(&OrderState, u32, u32)> = orders
        .iter()
        .filter(|o| o.order.carrier == c && o.delivered_day.is_some())
        .filter(|o| o.order.earliest_day >= warm)
        .map(|o| {
            let last = o.order.latest_day.max(o.delivered_day.expect("served"));
            (o, o.order.earliest_day, last)
        })
        .collect();
    if mine.is_empty() {
        return 0.0;
    }
    // Daily capacity per dimension (kg, parcels) and fixed costs.
    let mut cap = [0.0f64; 2];
    let mut min_fixed = f64::INFINITY;
    let mut min_fixed_per_unit = [f64::INFINITY; 2];
    let mut min_rate = f64::INFINITY;
    for &(v, _) in &carrier.fleet {
        let spec = &sc.vehicles[v];
        let trips = f64::from(spec.max_trips.max(1));
        let daily = [spec.payload_kg * trips, f64::from(spec.parcels) * trips];
        for d in 0..2 {
            cap[d] = cap[d].max(daily[d]);
            if daily[d] > 0.0 {
                min_fixed_per_unit[d] =
                    min_fixed_per_unit[d].min(spec.fixed_eur_per_day / daily[d]);
            }
        }
        min_fixed = min_fixed.min(spec.fixed_eur_per_day);
        let f = &sc.emission_factors[v];
        min_rate = min_rate.min(spec.eur_per_km + carbon_price * f.min_wtw_kg_per_km());
    }
    // Delivering days after the warm-up up to the last window end.
    let end = mine.iter().map(|m| m.2).max().expect("some");
    let days: Vec<u32> = (warm..=end)
        .filter(|&d| sc.horizon.is_delivering(d))
        .collect();
    let index = |d: u32| days.partition_point(|&x| x < d);
    // best[j]: bound over the first j days.
    let mut best = vec![0.0f64; days.len() + 1];
    let mut vehicle_days = vec![0usize; days.len() + 1];
    for j in 1..=days.len() {
        best[j] = best[j - 1];
        vehicle_days[j] = vehicle_days[j - 1];
        for i in 0..j {
            let (a, b) = (days[i], days[j - 1]);
            let mut load = [0.0f64; 2];
            for &(o, first, last) in &mine {
                if first >= a && last <= b {
                    load[0] += o.order.kg;
                    load[1] += f64::from(o.order.parcels);
                }
            }
            let mut needed = 0.0f64;
            let mut fractional = 0.0f64;
            for d in 0..2 {
                if cap[d] > 0.0 {
                    needed = needed.max((load[d] / cap[d] - 1e-9).ceil());
                }
                if min_fixed_per_unit[d].is_finite() {
                    fractional = fractional.max(load[d] * min_fixed_per_unit[d]);
                }
            }
            let value = best[i] + (needed * min_fixed).max(fractional);
            if value > best[j] {
                best[j] = value;
                vehicle_days[j] = vehicle_days[i] + needed as usize;
            }
        }
    }
    let _ = index;
    let fixed = best[days.len()];
    // Visits per site: fewest days hitting every window of its orders.
    let mut by_site: std::collections::BTreeMap<usize, Vec<(u32, u32)>> = Default::default();
    for &(o, first, last) in &mine {
        by_site
            .entry(o.order.site.0 as usize)
            .or_default()
            .push((first, last));
    }
    // Every location a vehicle may come from or go to: the depot and every served site.
    let depot = world.depot_location(c);
    let mut places: Vec<usize> = orders
        .iter()
        .filter(|o| o.order.carrier == c && o.delivered_day.is_some())
        .map(|o| o.order.site.0 as usize)
        .collect();
    places.push(depot);
    places.sort_unstable();
    places.dedup();
    let nets: Vec<usize> = {
        let mut n: Vec<usize> = carrier
            .fleet
            .iter()
            .map(|&(v, _)| world.net_of(v))
            .collect();
        n.sort_unstable();
        n.dedup();
        n
    };
    // One matrix per network between the places and the sites visited (computed once: a
    // large world holds its matrices on demand).
    let mut points: Vec<usize> = places.iter().chain(by_site.keys()).copied().collect();
    points.sort_unstable();
    points.dedup();
    let at = |l: usize| points.binary_search(&l).expect("listed");
    let subs: Vec<crate::matrix::TravelMatrix> = nets
        .iter()
        .map(|&n| world.matrices[n].submatrix(&points))
        .collect();
    let nearest = |s: usize| -> (f64, f64) {
        let (mut inn, mut out) = (f64::INFINITY, f64::INFINITY);
        for m in &subs {
            for &p in &places {
                if p != s {
                    inn = inn.min(m.distance(at(p), at(s)).0);
                    out = out.min(m.distance(at(s), at(p)).0);
                }
            }
        }
        (inn, out)
    };
    let mut metres = 0.0;
    for (&site, windows) in &mut by_site {
        windows.sort_by_key(|w| w.1);
        let mut visits = 0u32;
        let mut hit: Option<u32> = None;
        for &(first, last) in windows.iter() {
            if hit.is_none_or(|h| h < first) {
                visits += 1;
                hit = Some(last);
            }
        }
        let (inn, out) = nearest(site);
        if inn.is_finite() && out.is_finite() {
            metres += f64::from(visits) * (inn + out) / 2.0;
        }
    }
    let (din, dout) = nearest(depot);
    if din.is_finite() && dout.is_finite() {
        metres += vehicle_days[days.len()] as f64 * (din + dout) / 2.0;
    }
    fixed + metres / 1000.0 * min_rate
}
