//! `freightsim policies`: every dispatch policy and the hindsight plan on the same order
//! streams, per lead-time rule, over several seeds.

use clap::Args;
use freightsim::simulation::choices::Choice;
use freightsim::simulation::hindsight::HindsightParams;
use freightsim::simulation::policies::{
    BenchmarkParams, PolicyRow, benchmark, benchmark_with_choices,
};
use std::path::PathBuf;

/// Flags of `freightsim policies`.
#[derive(Debug, Args)]
pub struct PoliciesArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Lead-time rules given to the non-exempt categories.
    #[arg(long, value_delimiter = ',', default_value = "24h,48h,72h,min48h")]
    rules: Vec<String>,
    /// Policies to run, and `hindsight` for the perfect-information plan.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "immediate,lazy,random,consolidate,hindsight"
    )]
    policies: Vec<String>,
    /// Seeds per rule (the scenario's seed and the next ones).
    #[arg(long, default_value_t = 5)]
    seeds: u32,
    /// Shorten the horizon to this many days of orders.
    #[arg(long)]
    days: Option<u32>,
    /// Categories that keep the scenario's rule.
    #[arg(long, value_delimiter = ',', default_value = "perishable,pharmacy")]
    exempt: Vec<String>,
    /// Delivering days the hindsight plan solves together.
    #[arg(long, default_value_t = HindsightParams::default().block_days)]
    block_days: u32,
    /// Of which it keeps before the next block.
    #[arg(long, default_value_t = HindsightParams::default().commit_days)]
    commit_days: u32,
    /// Ruin-and-recreate iterations per hindsight block.
    #[arg(long, default_value_t = HindsightParams::default().iterations)]
    hindsight_iterations: u64,
    /// Sweeps of the hindsight improvement over the horizon.
    #[arg(long, default_value_t = HindsightParams::default().passes)]
    hindsight_passes: u32,
    /// Objectives: `cost` (fixed + per km) and/or `carbon` (plus CO₂e at the carbon price of
    /// `data/dispatch/objectives.csv`, which then also steers the routing).
    #[arg(long, value_delimiter = ',', default_value = "cost")]
    objective: Vec<String>,
    /// Print CSV instead of a table.
    #[arg(long)]
    csv: bool,
    /// First seed (default: the scenario's); e.g. training seeds apart from reported ones.
    #[arg(long)]
    first_seed: Option<u64>,
    /// Write the hindsight plan's dispatch choices (training samples of the prize model,
    /// `scripts/fit_prize.py`) to this CSV; needs `hindsight` among the policies.
    #[arg(long)]
    choices: Option<PathBuf>,
}

pub fn run(args: PoliciesArgs) -> anyhow::Result<()> {
    let mut scenario =
        freightsim::scenario::load(&args.scenario).map_err(freightsim::Error::from)?;
    if let Some(days) = args.days {
        super::simulate::shorten(&mut scenario, days)?;
    }
    if let Some(seed) = args.first_seed {
        scenario.seed = seed;
    }
    if args.choices.is_some() && !args.policies.iter().any(|p| p == "hindsight") {
        return Err(freightsim::Error::Input(
            "--choices records the hindsight plan's choices: add hindsight to --policies".into(),
        )
        .into());
    }
    let input = |m: String| -> anyhow::Result<()> { Err(freightsim::Error::Input(m).into()) };
    if args.seeds == 0 {
        return input("--seeds must be at least 1".into());
    }
    let delivering = (0..scenario.horizon.days)
        .filter(|&d| scenario.horizon.is_delivering(d))
        .count() as u32;
    if args.block_days == 0 || args.block_days > delivering {
        return input(format!(
            "--block-days {} does not fit the horizon: give 1 to {delivering} (its delivering days)",
            args.block_days
        ));
    }
    if args.commit_days == 0 || args.commit_days > args.block_days {
        return input(format!(
            "--commit-days {} is longer than the block: give 1 to --block-days ({})",
            args.commit_days, args.block_days
        ));
    }
    let known: Vec<String> = freightsim::simulation::policies::objectives()
        .into_iter()
        .map(|o| o.0)
        .collect();
    if let Some(o) = args.objective.iter().find(|o| !known.contains(o)) {
        return input(format!(
            "--objective `{o}` is unknown: use {}",
            known.join(" or ")
        ));
    }
    let (world, listed) = freightsim::simulation::build_world(&scenario)?;
    let params = BenchmarkParams {
        rules: args.rules,
        policies: args.policies,
        seeds: args.seeds,
        exempt: args.exempt,
        hindsight: HindsightParams {
            block_days: args.block_days,
            commit_days: args.commit_days,
            iterations: args.hindsight_iterations,
            passes: args.hindsight_passes,
        },
        objectives: args.objective,
    };
    // The choices file is opened before the run, so a bad path fails at once, not after it.
    let rows = match &args.choices {
        None => benchmark(&scenario, &world, &listed, &params)?,
        Some(path) => {
            let writer = csv::Writer::from_path(path).map_err(|e| choices_error(path, &e))?;
            let (rows, choices) = benchmark_with_choices(&scenario, &world, &listed, &params)?;
            write_choices(writer, path, &choices)?;
            rows
        }
    };
    super::write_stdout(|out| {
        if args.csv {
            let mut w = csv::Writer::from_writer(out);
            for row in &rows {
                w.serialize(row)?;
            }
            w.flush()
        } else {
            out.write_all(table(&rows).as_bytes())
        }
    })?;
    Ok(())
}

fn choices_error(path: &std::path::Path, e: &dyn std::fmt::Display) -> freightsim::Error {
    freightsim::Error::Input(format!(
        "--choices {}: cannot write it ({e}): give a path in a writable folder",
        path.display()
    ))
}

fn write_choices(
    mut w: csv::Writer<std::fs::File>,
    path: &std::path::Path,
    choices: &[Choice],
) -> anyhow::Result<()> {
    for c in choices {
        w.serialize(c).map_err(|e| choices_error(path, &e))?;
    }
    w.flush().map_err(|e| choices_error(path, &e))?;
    Ok(())
}

fn table(rows: &[PolicyRow]) -> String {
    let pct = |x: f64, ci: f64| {
        if x.is_nan() {
            "-".to_owned()
        } else if ci.is_nan() {
            format!("{x:.1}")
        } else {
            format!("{x:.1} ± {ci:.1}")
        }
    };
    let mut out = format!(
        "{:<8} {:<7} {:<12} {:>5} {:>18} {:>10} {:>7} {:>8} {:>14} {:>14} {:>14} {:>10} {:>9}\n",
        "rule",
        "obj",
        "policy",
        "seeds",
        "cost_eur",
        "co2e_kg",
        "trips",
        "km",
        "saving_%",
        "gap_%",
        "captured_%",
        "bound_eur",
        "ceiling_%"
    );
    for r in rows {
        out += &format!(
            "{:<8} {:<7} {:<12} {:>5} {:>18} {:>10.1} {:>7.1} {:>8.1} {:>14} {:>14} {:>14} {:>10.0} {:>9}\n",
            r.rule,
            r.objective,
            r.policy,
            r.seeds,
            pct(r.cost_mean, r.cost_ci95),
            r.co2e_kg_mean,
            r.trips_mean,
            r.vehicle_km_mean,
            pct(r.saving_vs_immediate_pct, r.saving_ci95),
            pct(r.gap_to_hindsight_pct, r.gap_ci95),
            pct(r.saving_captured_pct, r.captured_ci95),
            r.lower_bound_mean,
            pct(r.saving_ceiling_pct, f64::NAN),
        );
    }
    out
}
