//! Scenario comparison: several scenarios, each over the same K seeds (common random
//! numbers: a seed draws the same orders in every scenario whose demand settings agree), every
//! metric's mean with a 95 % interval, and its change against the first scenario paired seed
//! by seed.
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

/// The metrics compared, with their unit, read from a run's summary (after the warm-up).
pub const METRICS: [(&str, &str); 25] = [
    ("trips", "trips"),
    ("routes", "vehicle-days"),
    ("stops", "stops"),
    ("vehicle_km", "km"),
    ("access_km", "km"),
    ("hours", "h"),
    ("fill_kg_pct", "%"),
    ("co2e_wtw_kg", "kg"),
    ("co2e_ttw_kg", "kg"),
    ("co2e_wtw_g_per_parcel", "g"),
    ("nox_g", "g"),
    ("pm_exhaust_g", "g"),
    ("pm_non_exhaust_g", "g"),
    ("cost_eur", "EUR"),
    ("orders_delivered", "orders"),
    ("orders_late", "orders"),
    ("orders_unassigned", "orders"),
    ("failed_attempts", "attempts"),
    ("parcels_delivered", "parcels"),
    ("zone_vehicle_km_inside", "km"),
    ("vehicle_km_outside_zones", "km"),
    ("zone_truck_entries", "entries"),
    ("zone_vehicle_hours_inside", "h"),
    ("ucc_fees_eur", "EUR"),
    ("cost_with_fees_eur", "EUR"),
];

/// Value of metric `name` in `s`.
pub fn metric(s: &Summary, name: &str) -> f64 {
    let m = &s.measured;
    let count = |k: &str| s.orders.get(k).copied().unwrap_or(0) as f64;
    match name {
        "trips" => m.trips as f64,
        "routes" => m.routes as f64,
        "stops" => m.stops as f64,
        "vehicle_km" => m.vehicle_km,
        "access_km" => m.access_km,
        "hours" => m.hours,
        "fill_kg_pct" => m.fill_kg_pct,
        "co2e_wtw_kg" => m.co2e_wtw_kg,
        "co2e_ttw_kg" => m.co2e_ttw_kg,
        "co2e_wtw_g_per_parcel" => s.co2e_wtw_g_per_parcel,
        "nox_g" => m.nox_g,
        "pm_exhaust_g" => m.pm_exhaust_g,
        "pm_non_exhaust_g" => m.pm_non_exhaust_g,
        "cost_eur" => m.cost_eur,
        "orders_delivered" => count("delivered"),
        "orders_late" => count("late"),
        "orders_unassigned" => count("unassigned"),
        "failed_attempts" => s.failed_attempts as f64,
        "parcels_delivered" => s.parcels_delivered as f64,
        // Over every zone of the scenario (a zone without rules is only measured).
        "zone_vehicle_km_inside" => zones_km(s),
        "vehicle_km_outside_zones" => m.vehicle_km - zones_km(s),
        "zone_truck_entries" => s.zones.values().map(|z| f64::from(z.truck_entries)).sum(),
        "zone_vehicle_hours_inside" => s.zones.values().flat_map(|z| z.hours_inside.values()).sum(),
        "ucc_fees_eur" => s.ucc.as_ref().map_or(0.0, |u| u.fees_eur),
        // What the carriers pay: their trips and the consolidation centre's fees.
        "cost_with_fees_eur" => m.cost_eur + s.ucc.as_ref().map_or(0.0, |u| u.fees_eur),
        _ => f64::NAN,
    }
}

/// Vehicle-km inside the scenario's zones (zones are taken not to overlap).
fn zones_km(s: &Summary) -> f64 {
    s.zones
        .values()
        .flat_map(|z| z.vehicle_km_inside.values())
        .sum()
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
    Ok(Comparison {
        scenarios: scenarios.iter().map(|s| s.name.clone()).collect(),
        seeds: seed_list,
        summaries,
        rows,
    })
}
