//! The policy benchmark: every dispatch policy and the hindsight plan on the same order
//! streams, for several lead-time rules and seeds.
//!
//! For each rule the scenario's non-exempt categories get that rule; for each seed every
//! policy runs the day loop on the same orders (demand depends on the seed only: common
//! random numbers), and the hindsight plan solves the same orders knowing them all. Failed
//! delivery attempts are switched off so that the hindsight plan sees the same work.
//!
//! Figures are measured on the cohort (the orders placed after the warm-up, followed to their
//! delivery; the warm-up is raised to the longest window of the rules run, so that every rule
//! is measured on the same orders), each trip's figures attributed to its orders by ISO 14083
//! shares. The cost is the routing objective: fixed cost per
//! vehicle-day plus cost per km. Savings and gaps are paired per seed and averaged, with a 95 %
//! interval from Student's t over seeds; the captured share is
//! (immediate − policy) / (immediate − hindsight) on the means.

use super::hindsight::{self, HindsightParams};
use super::{RunOptions, TripRecord, World, day_loop};
use crate::scenario::{LeadTimeRule, PolicyKind, Scenario};
use crate::stats::mean_ci;
use rayon::prelude::*;
use serde::Serialize;

/// The hindsight plan's name in the benchmark.
pub const HINDSIGHT: &str = "hindsight";

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchmarkParams {
    /// Lead-time rules (names of [`LeadTimeRule::named`]).
    pub rules: Vec<String>,
    /// Policies, and `hindsight`.
    pub policies: Vec<String>,
    /// Seeds per rule: the scenario's seed and the next ones.
    pub seeds: u32,
    /// Categories that keep their scenario rule (e.g. perishable, pharmacy).
    pub exempt: Vec<String>,
    /// The hindsight plan's knobs.
    pub hindsight: HindsightParams,
}

/// One seed's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Figures {
    cost: f64,
    co2e: f64,
    trips: f64,
    km: f64,
}

/// One row of the benchmark table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyRow {
    /// Lead-time rule.
    pub rule: String,
    /// Policy or `hindsight`.
    pub policy: String,
    /// Seeds run.
    pub seeds: u32,
    /// Mean cost (fixed + per km), EUR.
    pub cost_mean: f64,
    /// Half-width of its 95 % interval.
    pub cost_ci95: f64,
    /// Mean kg CO₂e (WTW).
    pub co2e_kg_mean: f64,
    /// Mean trips.
    pub trips_mean: f64,
    /// Mean vehicle-km.
    pub vehicle_km_mean: f64,
    /// Mean paired saving against `immediate`, percent of its cost.
    pub saving_vs_immediate_pct: f64,
    /// Half-width of its 95 % interval.
    pub saving_ci95: f64,
    /// Mean paired gap to the hindsight plan, percent of its cost.
    pub gap_to_hindsight_pct: f64,
    /// Half-width of its 95 % interval.
    pub gap_ci95: f64,
    /// Share of the immediate → hindsight saving captured, percent.
    pub saving_captured_pct: f64,
    /// Mean paired saving of CO₂e (WTW) against the reference (the first rule's first
    /// policy, e.g. today's 24h with `immediate`), percent of its CO₂e.
    pub co2e_saving_vs_reference_pct: f64,
    /// Half-width of its 95 % interval.
    pub co2e_saving_ci95: f64,
    /// Mean paired saving of cost against the reference, percent of its cost.
    pub cost_saving_vs_reference_pct: f64,
    /// Half-width of its 95 % interval.
    pub cost_saving_vs_reference_ci95: f64,
}

/// A plan's figures on the cohort (orders placed after the warm-up, followed to their
/// delivery): each trip's cost (fixed cost on a vehicle's first trip + cost per km, the
/// routing objective), CO₂e, trips and km attributed to the orders on board by their ISO 14083
/// shares, summed over the cohort's orders.
fn figures(sc: &Scenario, orders: &[crate::demand::Order], trips: &[TripRecord]) -> Figures {
    let member: Vec<bool> = orders
        .iter()
        .map(|o| crate::measure::in_cohort(sc, o.placed_day))
        .collect();
    let mut f = Figures::default();
    for t in trips {
        let v = &sc.vehicles[t.vehicle];
        let cost = t.distance_km * v.eur_per_km
            + if t.trip == 0 {
                v.fixed_eur_per_day
            } else {
                0.0
            };
        for &(g, share) in &t.shares {
            if member.get(g).copied().unwrap_or(false) {
                f.cost += cost * share;
                f.co2e += t.emissions.co2e_wtw_kg * share;
                f.trips += share;
                f.km += t.distance_km * share;
            }
        }
    }
    f
}

/// Runs the benchmark of `sc` in `world`.
///
/// # Errors
/// An unknown rule or policy name (bad input), or an internal routing error.
pub fn benchmark(
    sc: &Scenario,
    world: &World,
    listed: &[crate::demand::Order],
    params: &BenchmarkParams,
) -> Result<Vec<PolicyRow>, crate::Error> {
    let bad = |what: &str, name: &str, fix: &str| {
        crate::Error::Input(format!("{what} `{name}` is unknown: {fix}"))
    };
    let mut rules = Vec::new();
    for r in &params.rules {
        rules.push(
            LeadTimeRule::named(r)
                .ok_or_else(|| bad("rule", r, "use same_day, 24h, 48h, 72h or min48h"))?,
        );
    }
    for p in &params.policies {
        if p != HINDSIGHT && PolicyKind::from_name(p).is_none() {
            return Err(bad(
                "policy",
                p,
                "use immediate, lazy, random, consolidate or hindsight",
            ));
        }
    }
    // One cohort for every rule: the warm-up covers the longest window of them all.
    let mut sc = sc.clone();
    let longest = rules
        .iter()
        .map(|r| r.max_days)
        .chain(std::iter::once(crate::measure::warm_up::longest_window(
            &sc,
        )))
        .max()
        .unwrap_or(1);
    crate::measure::warm_up::extend_for(&mut sc, longest);
    if sc.horizon.warm_up_days >= sc.horizon.days {
        return Err(crate::Error::Input(format!(
            "the rules need a warm-up of {} days (their longest window) but only {} days of orders are run: give more --days",
            sc.horizon.warm_up_days, sc.horizon.days
        )));
    }
    let sc = &sc;
    let mut jobs = Vec::new();
    for (ri, _) in rules.iter().enumerate() {
        for k in 0..params.seeds {
            jobs.push((ri, k));
        }
    }
    // One job per (rule, seed): every policy, then hindsight, on the same orders.
    let results: Vec<Result<Vec<Figures>, crate::Error>> = jobs
        .par_iter()
        .map(|&(ri, k)| {
            let mut s = sc.clone();
            s.seed = sc.seed.wrapping_add(u64::from(k));
            // The hindsight plan knows no failed attempt: against it, every run has none.
            if params.policies.iter().any(|p| p == HINDSIGHT) {
                s.ecommerce.failed_first_attempt_rate = 0.0;
            }
            for (category, rule) in s.rules.iter_mut() {
                if !params.exempt.contains(category) {
                    *rule = rules[ri].clone();
                }
            }
            let mut out = Vec::new();
            let mut orders = None;
            for p in &params.policies {
                if p == HINDSIGHT {
                    continue;
                }
                s.dispatch.policy = PolicyKind::from_name(p).expect("checked");
                let run = day_loop(&s, world, listed.to_vec(), &RunOptions::default())?;
                let placed: Vec<crate::demand::Order> =
                    run.orders.iter().map(|o| o.order.clone()).collect();
                out.push(figures(&s, &placed, &run.trips));
                orders.get_or_insert(run.orders);
            }
            if params.policies.iter().any(|p| p == HINDSIGHT) {
                let orders = match orders {
                    Some(o) => o,
                    None => day_loop(&s, world, listed.to_vec(), &RunOptions::default())?.orders,
                };
                let plan = hindsight::plan(&s, world, &orders, &params.hindsight)?;
                let placed: Vec<crate::demand::Order> =
                    orders.iter().map(|o| o.order.clone()).collect();
                out.push(figures(&s, &placed, &plan.trips));
            }
            Ok(out)
        })
        .collect();
    let mut per_job = Vec::new();
    for r in results {
        per_job.push(r?);
    }
    // Column order of `per_job[j]`: the policies, hindsight last.
    let mut names: Vec<&String> = params.policies.iter().filter(|p| *p != HINDSIGHT).collect();
    let has_hindsight = params.policies.iter().any(|p| p == HINDSIGHT);
    let hindsight_name = HINDSIGHT.to_owned();
    if has_hindsight {
        names.push(&hindsight_name);
    }
    let col = |name: &str| names.iter().position(|n| *n == name);
    // The reference of every row, seed by seed: the first rule's first column.
    let reference: Vec<Figures> = jobs
        .iter()
        .zip(&per_job)
        .filter(|((r, _), _)| *r == 0)
        .map(|(_, f)| f[0])
        .collect();
    let mut rows = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        let seeds: Vec<&Vec<Figures>> = jobs
            .iter()
            .zip(&per_job)
            .filter(|((r, _), _)| *r == ri)
            .map(|(_, f)| f)
            .collect();
        for (pi, name) in names.iter().enumerate() {
            let of = |i: usize| seeds.iter().map(|f| f[i]).collect::<Vec<_>>();
            let mine = of(pi);
            let cost: Vec<f64> = mine.iter().map(|f| f.cost).collect();
            let (cost_mean, cost_ci95) = mean_ci(&cost);
            let mean = |g: fn(&Figures) -> f64| mine.iter().map(g).sum::<f64>() / mine.len() as f64;
            let paired = |other: Option<usize>, sign: f64| -> (f64, f64) {
                match other {
                    Some(o) => {
                        let theirs = of(o);
                        let d: Vec<f64> = mine
                            .iter()
                            .zip(&theirs)
                            .map(|(m, t)| sign * 100.0 * (t.cost - m.cost) / t.cost)
                            .collect();
                        mean_ci(&d)
                    }
                    None => (f64::NAN, f64::NAN),
                }
            };
            let (saving, saving_ci95) = paired(col("immediate"), 1.0);
            let (gap, gap_ci95) = paired(col(HINDSIGHT), -1.0);
            let captured = match (col("immediate"), col(HINDSIGHT)) {
                (Some(i), Some(h)) => {
                    let ci = of(i).iter().map(|f| f.cost).sum::<f64>();
                    let ch = of(h).iter().map(|f| f.cost).sum::<f64>();
                    let cp = cost.iter().sum::<f64>();
                    if (ci - ch).abs() <= 1e-9 * ci.abs() {
                        f64::NAN // nothing to capture: the rule leaves no choice
                    } else {
                        100.0 * (ci - cp) / (ci - ch)
                    }
                }
                _ => f64::NAN,
            };
            let vs_reference = |g: fn(&Figures) -> f64| {
                let d: Vec<f64> = mine
                    .iter()
                    .zip(&reference)
                    .map(|(m, r)| 100.0 * (g(r) - g(m)) / g(r))
                    .collect();
                mean_ci(&d)
            };
            let (co2e_saving, co2e_saving_ci95) = vs_reference(|f| f.co2e);
            let (cost_saving_ref, cost_saving_ref_ci95) = vs_reference(|f| f.cost);
            rows.push(PolicyRow {
                rule: rule.name.clone(),
                policy: (*name).clone(),
                seeds: params.seeds,
                cost_mean,
                cost_ci95,
                co2e_kg_mean: mean(|f| f.co2e),
                trips_mean: mean(|f| f.trips),
                vehicle_km_mean: mean(|f| f.km),
                saving_vs_immediate_pct: saving,
                saving_ci95,
                gap_to_hindsight_pct: gap,
                gap_ci95,
                saving_captured_pct: captured,
                co2e_saving_vs_reference_pct: co2e_saving,
                co2e_saving_ci95,
                cost_saving_vs_reference_pct: cost_saving_ref,
                cost_saving_vs_reference_ci95: cost_saving_ref_ci95,
            });
        }
    }
    Ok(rows)
}
