//! Scenario comparison: several scenarios, each over the same K seeds (common random
//! numbers: a seed draws the same orders in every scenario whose demand settings agree), every
//! metric's mean with a 95 % interval, and its change against the first scenario paired seed
//! by seed.
//!
//! Every scenario is measured on its cohort (the orders placed after the warm-up, followed
//! to their delivery); the warm-ups are aligned on the longest of them, so that scenarios
//! whose demand settings agree are measured on exactly the same orders (checked: each
//! scenario's `same_cohort`).
//!
//! The seeds are the first scenario's seed and the K − 1 next ones, for every scenario. Each
//! scenario's world (network, sites, matrices) is built once and shared by its seeds; the
//! runs go in parallel and the result does not depend on the thread count.

use super::output::{Summary, summary};
use super::{LoopRun, Outcome, RunOptions, build_world, day_loop};
use crate::scenario::Scenario;
use crate::stats::mean_ci;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// The metrics compared, with their unit. Those without a prefix are measured on the
/// cohort (the orders placed after the warm-up, followed to their delivery, their trips'
/// figures attributed by ISO 14083 shares); `fleet_` ones are the fleet view (trips driven
/// after the warm-up, whatever orders they carried).
pub const METRICS: [(&str, &str); 37] = [
    ("orders", "orders"),
    ("orders_delivered", "orders"),
    ("orders_late", "orders"),
    ("orders_unassigned", "orders"),
    ("failed_attempts", "attempts"),
    ("ecommerce_parcels", "parcels"),
    ("b2b_orders", "orders"),
    ("trips", "trip-equivalents"),
    ("routes", "vehicle-day-equivalents"),
    ("stops", "stop-equivalents"),
    ("vehicle_km", "km"),
    ("access_km", "km"),
    ("hours", "h"),
    ("co2e_wtw_kg", "kg"),
    ("co2e_ttw_kg", "kg"),
    ("co2e_wtw_g_per_ecommerce_parcel", "g"),
    ("nox_g", "g"),
    ("pm_exhaust_g", "g"),
    ("pm_non_exhaust_g", "g"),
    ("cost_eur", "EUR"),
    ("line_haul_km", "km"),
    ("line_haul_co2e_wtw_kg", "kg"),
    ("last_leg_km", "km"),
    ("last_leg_co2e_wtw_kg", "kg"),
    ("zone_vehicle_km_inside", "km"),
    ("vehicle_km_outside_zones", "km"),
    ("zone_truck_entries", "entries"),
    ("zone_vehicle_hours_inside", "h"),
    ("ucc_fees_eur", "EUR"),
    ("cost_with_fees_eur", "EUR"),
    ("ucc_line_hauls", "trips"),
    ("ucc_line_hauls_per_day", "trips"),
    ("ucc_tonnes_handled", "t"),
    ("fleet_trips", "trips"),
    ("fleet_vehicle_km", "km"),
    ("fleet_co2e_wtw_kg", "kg"),
    ("fleet_fill_kg_pct", "%"),
];

/// Value of metric `name` in `s` (NaN for an unknown name).
pub fn metric(s: &Summary, name: &str) -> f64 {
    let c = &s.cohort;
    let a = &c.attributed;
    let f = &s.fleet;
    match name {
        "orders" => c.orders as f64,
        "orders_delivered" => c.delivered as f64,
        "orders_late" => c.late as f64,
        "orders_unassigned" => c.unassigned as f64,
        "failed_attempts" => c.failed_attempts as f64,
        "ecommerce_parcels" => c.ecommerce_parcels as f64,
        "b2b_orders" => c.b2b_orders as f64,
        "trips" => a.trips,
        "routes" => a.routes,
        "stops" => a.stops,
        "vehicle_km" => a.vehicle_km,
        "access_km" => a.access_km,
        "hours" => a.hours,
        "co2e_wtw_kg" => a.co2e_wtw_kg,
        "co2e_ttw_kg" => a.co2e_ttw_kg,
        "co2e_wtw_g_per_ecommerce_parcel" => c.co2e_wtw_g_per_ecommerce_parcel,
        "nox_g" => a.nox_g,
        "pm_exhaust_g" => a.pm_exhaust_g,
        "pm_non_exhaust_g" => a.pm_non_exhaust_g,
        "cost_eur" => a.cost_eur,
        "line_haul_km" => a.line_haul_km,
        "line_haul_co2e_wtw_kg" => a.line_haul_co2e_wtw_kg,
        "last_leg_km" => a.last_leg_km,
        "last_leg_co2e_wtw_kg" => a.last_leg_co2e_wtw_kg,
        "zone_vehicle_km_inside" => a.zone_km_inside,
        "vehicle_km_outside_zones" => a.vehicle_km - a.zone_km_inside,
        "zone_truck_entries" => a.zone_truck_entries,
        "zone_vehicle_hours_inside" => a.zone_hours_inside,
        "ucc_fees_eur" => c.ucc_fees_eur,
        // What the carriers pay for the cohort: its trips and the centre's fees.
        "cost_with_fees_eur" => a.cost_eur + c.ucc_fees_eur,
        // The centre's working figures (fleet view: the line-hauls driven after the warm-up,
        // and what reached the centre on those days); 0 without a centre.
        "ucc_line_hauls" => s.ucc.as_ref().map_or(0.0, |u| u.centre.line_hauls as f64),
        "ucc_line_hauls_per_day" => s
            .ucc
            .as_ref()
            .map_or(0.0, |u| u.centre.line_hauls_per_day_mean),
        "ucc_tonnes_handled" => s.ucc.as_ref().map_or(0.0, |u| u.tonnes),
        "fleet_trips" => f.trips as f64,
        "fleet_vehicle_km" => f.vehicle_km,
        "fleet_co2e_wtw_kg" => f.co2e_wtw_kg,
        "fleet_fill_kg_pct" => f.fill_kg_pct,
        _ => f64::NAN,
    }
}

/// One row of `comparison.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// Scenario name.
    pub scenario: String,
    /// Metric name.
    pub metric: String,
    /// Its unit.
    pub unit: String,
    /// Seeds run.
    pub seeds: u32,
    /// Mean over seeds.
    pub mean: f64,
    /// Half-width of the 95 % interval (Student's t; empty for one seed).
    pub ci95: f64,
    /// Mean paired change against the first scenario (same seed), in the metric's unit.
    pub change: f64,
    /// Half-width of its 95 % interval.
    pub change_ci95: f64,
    /// The change in percent of the first scenario's mean.
    pub change_pct: f64,
    /// Half-width of its 95 % interval, percent.
    pub change_pct_ci95: f64,
}

/// What a comparison produced.
pub struct Comparison {
    /// Scenario names, in the order given.
    pub scenarios: Vec<String>,
    /// Seeds run.
    pub seeds: Vec<u64>,
    /// Per scenario, per seed: the run's summary.
    pub summaries: Vec<Vec<Summary>>,
    /// One row per scenario and metric.
    pub rows: Vec<ComparisonRow>,
    /// Per scenario: its cohort holds the same orders as the first scenario's, seed by seed.
    pub same_cohort: Vec<bool>,
}

/// Runs `scenarios` over `seeds` seeds each; `on_run` is called after each run (for a
/// progress bar).
///
/// # Errors
/// Two scenarios share a name or no seed is asked for (bad input); a scenario cannot be run.
pub fn compare(
    scenarios: &[Scenario],
    seeds: u32,
    on_run: &(dyn Fn() + Sync),
) -> Result<Comparison, crate::Error> {
    if scenarios.is_empty() || seeds == 0 {
        return Err(crate::Error::Input(
            "compare needs at least one scenario and one seed".into(),
        ));
    }
    for (i, s) in scenarios.iter().enumerate() {
        if scenarios[..i].iter().any(|o| o.name == s.name) {
            return Err(crate::Error::Input(format!(
                "two scenarios are named `{}` ({} and an earlier one): give each its own `name`",
                s.name,
                s.path.display()
            )));
        }
    }
    // One cohort for every scenario: each warm-up as long as the longest of them (which
    // covers every scenario's longest window).
    let warm = scenarios
        .iter()
        .map(|s| s.horizon.warm_up_days)
        .max()
        .unwrap_or(0);
    let scenarios: Vec<Scenario> = scenarios
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let added = warm - s.horizon.warm_up_days;
            s.horizon.warm_up_days = warm;
            s.horizon.warm_up_extended_by += added;
            s
        })
        .collect();
    if let Some(s) = scenarios
        .iter()
        .find(|s| s.horizon.warm_up_days >= s.horizon.days)
    {
        return Err(crate::Error::Input(format!(
            "scenario `{}` runs {} days of orders, but the comparison's common warm-up is {} days (the longest of its scenarios'): give it more days",
            s.name, s.horizon.days, warm
        )));
    }
    let scenarios = &scenarios[..];
    let base = scenarios[0].seed;
    let seed_list: Vec<u64> = (0..u64::from(seeds))
        .map(|k| base.wrapping_add(k))
        .collect();
    let mut worlds = Vec::with_capacity(scenarios.len());
    for s in scenarios {
        let (world, listed) = build_world(s)?;
        worlds.push((Arc::new(world), listed));
    }
    let jobs: Vec<(usize, u64)> = (0..scenarios.len())
        .flat_map(|i| seed_list.iter().map(move |&k| (i, k)))
        .collect();
    let results: Vec<Result<Summary, crate::Error>> = jobs
        .par_iter()
        .map(|&(i, seed)| {
            let mut sc = scenarios[i].clone();
            sc.seed = seed;
            let (world, listed) = &worlds[i];
            let LoopRun {
                orders,
                trips,
                days,
            } = day_loop(&sc, world, listed.clone(), &RunOptions::default())?;
            let outcome = Outcome {
                scenario: sc,
                world: Arc::clone(world),
                orders,
                trips,
                days,
            };
            let s = summary(&outcome);
            on_run();
            Ok(s)
        })
        .collect();
    let mut summaries: Vec<Vec<Summary>> = vec![Vec::new(); scenarios.len()];
    for ((i, _), r) in jobs.iter().zip(results) {
        summaries[*i].push(r?);
    }
    let mut rows = Vec::new();
    for (i, sc) in scenarios.iter().enumerate() {
        for (name, unit) in METRICS {
            let mine: Vec<f64> = summaries[i].iter().map(|s| metric(s, name)).collect();
            let first: Vec<f64> = summaries[0].iter().map(|s| metric(s, name)).collect();
            let (mean, ci95) = mean_ci(&mine);
            let diffs: Vec<f64> = mine.iter().zip(&first).map(|(m, f)| m - f).collect();
            let (change, change_ci95) = if i == 0 { (0.0, 0.0) } else { mean_ci(&diffs) };
            let base_mean = first.iter().sum::<f64>() / first.len() as f64;
            let pct = |x: f64| {
                if base_mean.abs() > 0.0 {
                    100.0 * x / base_mean
                } else {
                    f64::NAN
                }
            };
            rows.push(ComparisonRow {
                scenario: sc.name.clone(),
                metric: name.to_owned(),
                unit: unit.to_owned(),
                seeds,
                mean,
                ci95,
                change,
                change_ci95,
                change_pct: pct(change),
                change_pct_ci95: pct(change_ci95),
            });
        }
    }
    let same_cohort = summaries
        .iter()
        .map(|mine| {
            mine.iter()
                .zip(&summaries[0])
                .all(|(m, f)| m.cohort.fingerprint == f.cohort.fingerprint)
        })
        .collect();
    Ok(Comparison {
        same_cohort,
        scenarios: scenarios.iter().map(|s| s.name.clone()).collect(),
        seeds: seed_list,
        summaries,
        rows,
    })
}
