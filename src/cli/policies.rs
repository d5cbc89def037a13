//! `freightsim policies`: every dispatch policy and the hindsight plan on the same order
//! streams, per lead-time rule, over several seeds.

use clap::Args;
use freightsim::simulation::hindsight::HindsightParams;
use freightsim::simulation::policies::{BenchmarkParams, PolicyRow, benchmark};
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
    /// Print CSV instead of a table.
    #[arg(long)]
    csv: bool,
}

pub fn run(args: PoliciesArgs) -> anyhow::Result<()> {
    let mut scenario =
        freightsim::scenario::load(&args.scenario).map_err(freightsim::Error::from)?;
    if let Some(days) = args.days {
        super::simulate::shorten(&mut scenario, days)?;
    }
    if args.seeds == 0 || args.commit_days == 0 || args.commit_days > args.block_days {
        return Err(freightsim::Error::Input(
            "--seeds must be at least 1, and --commit-days from 1 to --block-days".into(),
        )
        .into());
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
        },
    };
    let rows = benchmark(&scenario, &world, &listed, &params)?;
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
        "{:<8} {:<12} {:>5} {:>18} {:>10} {:>7} {:>8} {:>14} {:>14} {:>9}\n",
        "rule",
        "policy",
        "seeds",
        "cost_eur",
        "co2e_kg",
        "trips",
        "km",
        "saving_%",
        "gap_%",
        "captured_%"
    );
    for r in rows {
        out += &format!(
            "{:<8} {:<12} {:>5} {:>18} {:>10.1} {:>7.1} {:>8.1} {:>14} {:>14} {:>9}\n",
            r.rule,
            r.policy,
            r.seeds,
            pct(r.cost_mean, r.cost_ci95),
            r.co2e_kg_mean,
            r.trips_mean,
            r.vehicle_km_mean,
            pct(r.saving_vs_immediate_pct, r.saving_ci95),
            pct(r.gap_to_hindsight_pct, r.gap_ci95),
            pct(r.saving_captured_pct, f64::NAN),
        );
    }
    out
}
