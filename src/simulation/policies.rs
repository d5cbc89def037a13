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
//! shares. Every policy runs the warm-up days as `immediate`, so all of them enter the
//! measured days with the same backlog: the value of the trips after the warm-up then covers
//! the same orders for every policy and the hindsight plan (that backlog and the cohort). Each objective (`data/dispatch/objectives.csv`)
//! values a plan as the fixed cost per vehicle-day plus the cost per km plus its carbon price
//! times the kg CO₂e (WTW); under `carbon` that price also steers the routing of every policy
//! and of the hindsight plan. Savings, gaps and the captured share
//! (immediate − policy) / (immediate − hindsight) are paired per seed and averaged, with a 95 %
//! interval from Student's t over seeds. The hindsight plan starts from the cheapest online
//! plan of each carrier ([`hindsight::improve`]), so it never costs more than any policy run
//! beside it; [`super::bound::lower_bound`] brackets the optimum from below.

use super::bound::lower_bound;
use super::choices::Choice;
use super::hindsight::{self, HindsightParams};
use super::{RunOptions, TripRecord, World, day_loop};
use crate::demand::DemandModel;
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
    /// Objectives (names in `data/dispatch/objectives.csv`: cost, carbon).
    pub objectives: Vec<String>,
}

/// The objectives table: name and carbon price, EUR per kg CO₂e.
pub fn objectives() -> Vec<(String, f64)> {
    let text = include_str!("../../data/dispatch/objectives.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("objectives.csv is well formed");
            (
                rec[0].to_owned(),
                rec[1].parse().expect("objectives.csv: a price"),
            )
        })
        .collect()
}

/// One seed's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Figures {
    value: f64,
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
    /// Objective (`cost` or `carbon`).
    pub objective: String,
    /// Policy or `hindsight`.
    pub policy: String,
    /// Seeds run.
    pub seeds: u32,
    /// Mean value under the objective (cost plus priced CO₂e), EUR.
    pub value_mean: f64,
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
    /// Mean paired saving of the objective's value against `immediate`, percent of its value.
    pub saving_vs_immediate_pct: f64,
    /// Half-width of its 95 % interval.
    pub saving_ci95: f64,
    /// Mean paired gap to the hindsight plan, percent of its value.
    pub gap_to_hindsight_pct: f64,
    /// Half-width of its 95 % interval.
    pub gap_ci95: f64,
    /// Share of the immediate → hindsight saving captured, percent (mean over seeds).
    pub saving_captured_pct: f64,
    /// Half-width of its 95 % interval.
    pub captured_ci95: f64,
    /// Mean lower bound on the perfect-information value (same for every row of a rule and
    /// objective), EUR.
    pub lower_bound_mean: f64,
    /// Mean paired gap of this row above the lower bound, percent of the bound.
    pub gap_to_bound_pct: f64,
    /// Largest saving against `immediate` any plan could make (immediate − bound), percent.
    pub saving_ceiling_pct: f64,
    /// Hindsight rows: mean paired saving on the cheapest online policy run beside it,
    /// percent of that policy's value.
    pub improvement_on_best_online_pct: f64,
    /// Mean paired saving of CO₂e (WTW) against `immediate`, percent of its CO₂e.
    pub co2e_saving_vs_immediate_pct: f64,
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
/// shares, summed over the cohort's orders; and the objective's value of the trips after the
/// warm-up, whole (the yardstick within one rule, which the hindsight search and the lower
/// bound work on).
fn figures(
    sc: &Scenario,
    orders: &[crate::simulation::OrderState],
    trips: &[TripRecord],
    carbon_price: f64,
) -> Figures {
    let member: Vec<bool> = orders
        .iter()
        .map(|o| crate::measure::in_cohort(sc, o.order.placed_day))
        .collect();
    let mut f = Figures::default();
    for t in trips {
        // The objective's value (the yardstick: savings, gaps and the bound within a rule)
        // counts whole trips after the warm-up, as the hindsight search and the bound do;
        // cost, CO₂e, trips and km are the cohort's.
        if t.day >= sc.horizon.warm_up_days {
            f.value += hindsight::trip_value(sc, t, carbon_price);
        }
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

/// One (rule, objective, seed) run: the figures of every column, hindsight last, and the
/// lower bound.
struct JobResult {
    figures: Vec<Figures>,
    bound: f64,
    choices: Vec<Choice>,
}

/// Runs the benchmark of `sc` in `world`.
///
/// # Errors
/// An unknown rule, policy or objective name (bad input), or an internal routing error.
pub fn benchmark(
    sc: &Scenario,
    world: &World,
    listed: &[crate::demand::Order],
    params: &BenchmarkParams,
) -> Result<Vec<PolicyRow>, crate::Error> {
    Ok(run(sc, world, listed, params, false)?.0)
}

/// As [`benchmark`], with the hindsight plan's dispatch choices of every run as training
/// samples for the prize model ([`super::choices`]; none with a consolidation centre, whose
/// plan is the cold block solve).
///
/// # Errors
/// As [`benchmark`].
pub fn benchmark_with_choices(
    sc: &Scenario,
    world: &World,
    listed: &[crate::demand::Order],
    params: &BenchmarkParams,
) -> Result<(Vec<PolicyRow>, Vec<Choice>), crate::Error> {
    run(sc, world, listed, params, true)
}

fn run(
    sc: &Scenario,
    world: &World,
    listed: &[crate::demand::Order],
    params: &BenchmarkParams,
    record_choices: bool,
) -> Result<(Vec<PolicyRow>, Vec<Choice>), crate::Error> {
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
    let table = objectives();
    let mut objs: Vec<(String, f64)> = Vec::new();
    for o in &params.objectives {
        let Some(found) = table.iter().find(|t| &t.0 == o) else {
            return Err(bad(
                "--objective",
                o,
                "use cost or carbon (data/dispatch/objectives.csv)",
            ));
        };
        objs.push(found.clone());
    }
    let mut jobs = Vec::new();
    for ri in 0..rules.len() {
        for oi in 0..objs.len() {
            for k in 0..params.seeds {
                jobs.push((ri, oi, k));
            }
        }
    }
    let has_hindsight = params.policies.iter().any(|p| p == HINDSIGHT);
    // One job per (rule, objective, seed): every policy, then hindsight, on the same orders.
    let results: Vec<Result<JobResult, crate::Error>> = jobs
        .par_iter()
        .map(|&(ri, oi, k)| {
            let mut s = sc.clone();
            s.seed = sc.seed.wrapping_add(u64::from(k));
            let (objective, price) = &objs[oi];
            let measure = if objective == "cost" { 0.0 } else { *price };
            if objective != "cost" {
                s.carbon_price_eur_per_kg = *price;
            }
            // The hindsight plan knows no failed attempt: against it, every run has none.
            if has_hindsight {
                s.ecommerce.failed_first_attempt_rate = 0.0;
            }
            for (category, rule) in s.rules.iter_mut() {
                if !params.exempt.contains(category) {
                    *rule = rules[ri].clone();
                }
            }
            // Every policy starts the measured days from the same backlog.
            let options = RunOptions {
                warm_up_policy: Some(PolicyKind::Immediate),
                ..RunOptions::default()
            };
            let mut out = Vec::new();
            let mut runs = Vec::new();
            for p in &params.policies {
                if p == HINDSIGHT {
                    continue;
                }
                s.dispatch.policy = PolicyKind::from_name(p).expect("checked");
                let run = day_loop(&s, world, listed.to_vec(), &options)?;
                out.push(figures(&s, &run.orders, &run.trips, measure));
                runs.push(run);
            }
            let mut bound = f64::NAN;
            let mut choices = Vec::new();
            if has_hindsight {
                if runs.is_empty() {
                    runs.push(day_loop(&s, world, listed.to_vec(), &options)?);
                }
                let plan = if s.ucc.is_some() {
                    hindsight::plan(&s, world, &runs[0].orders, &params.hindsight)?
                } else {
                    let starts: Vec<&[TripRecord]> =
                        runs.iter().map(|r| r.trips.as_slice()).collect();
                    hindsight::improve(
                        &s,
                        world,
                        &runs[0].orders,
                        &starts,
                        measure,
                        &params.hindsight,
                    )?
                };
                out.push(figures(&s, &runs[0].orders, &plan.trips, measure));
                bound = lower_bound(&s, world, &plan.orders, measure);
                if record_choices && s.ucc.is_none() {
                    let model = DemandModel::new(&s, &world.sites);
                    let nearby = super::world::nearby_daily(&world.sites, model.expected_daily());
                    choices = super::choices::samples(
                        &s,
                        world,
                        &nearby,
                        &runs[0].orders,
                        &plan.orders,
                        &plan.trips,
                        (&rules[ri].name, objective),
                    );
                }
            }
            Ok(JobResult {
                figures: out,
                bound,
                choices,
            })
        })
        .collect();
    let mut per_job = Vec::new();
    for r in results {
        per_job.push(r?);
    }
    let choices: Vec<Choice> = per_job
        .iter_mut()
        .flat_map(|j| std::mem::take(&mut j.choices))
        .collect();
    // Column order of `per_job[j].figures`: the policies, hindsight last.
    let mut names: Vec<&String> = params.policies.iter().filter(|p| *p != HINDSIGHT).collect();
    let online = names.len();
    let hindsight_name = HINDSIGHT.to_owned();
    if has_hindsight {
        names.push(&hindsight_name);
    }
    let col = |name: &str| names.iter().position(|n| *n == name);
    let mut rows = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        for (oi, (objective, _)) in objs.iter().enumerate() {
            let seeds: Vec<&JobResult> = jobs
                .iter()
                .zip(&per_job)
                .filter(|((r, o, _), _)| *r == ri && *o == oi)
                .map(|(_, f)| f)
                .collect();
            // The reference of every row, seed by seed: the first rule's first column.
            let reference: Vec<Figures> = jobs
                .iter()
                .zip(&per_job)
                .filter(|((r, o, _), _)| *r == 0 && *o == oi)
                .map(|(_, f)| f.figures[0])
                .collect();
            let bounds: Vec<f64> = seeds.iter().map(|j| j.bound).collect();
            for (pi, name) in names.iter().enumerate() {
                let of = |i: usize| seeds.iter().map(|j| j.figures[i]).collect::<Vec<_>>();
                let mine = of(pi);
                let cost: Vec<f64> = mine.iter().map(|f| f.cost).collect();
                let (cost_mean, cost_ci95) = mean_ci(&cost);
                let mean =
                    |g: fn(&Figures) -> f64| mine.iter().map(g).sum::<f64>() / mine.len() as f64;
                let paired = |theirs: &[f64], sign: f64, g: fn(&Figures) -> f64| -> (f64, f64) {
                    let d: Vec<f64> = mine
                        .iter()
                        .zip(theirs)
                        .map(|(m, t)| sign * 100.0 * (t - g(m)) / t)
                        .collect();
                    mean_ci(&d)
                };
                let value_of =
                    |i: Option<usize>| i.map(|i| of(i).iter().map(|f| f.value).collect::<Vec<_>>());
                let nan = (f64::NAN, f64::NAN);
                let immediate = value_of(col("immediate"));
                let hind = value_of(col(HINDSIGHT));
                let (saving, saving_ci95) = immediate
                    .as_ref()
                    .map_or(nan, |t| paired(t, 1.0, |f| f.value));
                let (gap, gap_ci95) = hind.as_ref().map_or(nan, |t| paired(t, -1.0, |f| f.value));
                let (co2e_saving_imm, _) = col("immediate").map_or(nan, |i| {
                    let t: Vec<f64> = of(i).iter().map(|f| f.co2e).collect();
                    paired(&t, 1.0, |f| f.co2e)
                });
                let (captured, captured_ci95) = match (&immediate, &hind) {
                    (Some(im), Some(h)) => {
                        let shares: Option<Vec<f64>> = mine
                            .iter()
                            .zip(im.iter().zip(h))
                            .map(|(m, (i, h))| {
                                ((i - h).abs() > 1e-9 * i.abs())
                                    .then(|| 100.0 * (i - m.value) / (i - h))
                            })
                            .collect();
                        shares.map_or(nan, |x| mean_ci(&x))
                    }
                    _ => nan,
                };
                let (gap_bound, _) = if has_hindsight {
                    paired(&bounds, -1.0, |f| f.value)
                } else {
                    nan
                };
                let saving_ceiling = match &immediate {
                    Some(im) if has_hindsight => {
                        let d: Vec<f64> = im
                            .iter()
                            .zip(&bounds)
                            .map(|(i, b)| 100.0 * (i - b) / i)
                            .collect();
                        mean_ci(&d).0
                    }
                    _ => f64::NAN,
                };
                let improvement = if *name == HINDSIGHT && online > 0 {
                    let best: Vec<f64> = seeds
                        .iter()
                        .map(|j| {
                            j.figures[..online]
                                .iter()
                                .map(|f| f.value)
                                .fold(f64::INFINITY, f64::min)
                        })
                        .collect();
                    paired(&best, 1.0, |f| f.value).0
                } else {
                    f64::NAN
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
                    objective: objective.clone(),
                    policy: (*name).clone(),
                    seeds: params.seeds,
                    value_mean: mean(|f| f.value),
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
                    captured_ci95,
                    lower_bound_mean: bounds.iter().sum::<f64>() / bounds.len() as f64,
                    gap_to_bound_pct: gap_bound,
                    saving_ceiling_pct: saving_ceiling,
                    improvement_on_best_online_pct: improvement,
                    co2e_saving_vs_immediate_pct: co2e_saving_imm,
                    co2e_saving_vs_reference_pct: co2e_saving,
                    co2e_saving_ci95,
                    cost_saving_vs_reference_pct: cost_saving_ref,
                    cost_saving_vs_reference_ci95: cost_saving_ref_ci95,
                });
            }
        }
    }
    Ok((rows, choices))
}
