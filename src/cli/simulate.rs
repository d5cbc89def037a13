//! `freightsim simulate`: run a scenario's day loop and write its outputs.

use clap::Args;
use freightsim::simulation::{self, RunOptions, output::format_summary};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Flags of `freightsim simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Scenario file (TOML), e.g. data/scenarios/lorient-baseline.toml.
    scenario: PathBuf,
    /// Directory for summary.json, days.csv, trips.csv, orders.csv, routes.geojson, report.html
    /// (default: out/<scenario name>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed instead of the scenario's.
    #[arg(long)]
    seed: Option<u64>,
    /// Shorten the horizon to this many days of orders.
    #[arg(long)]
    days: Option<u32>,
    /// Day (index from the first day, 0-based) whose routes the report's map shows (default:
    /// the measured day with the most trips).
    #[arg(long)]
    map_day: Option<u32>,
}

pub fn run(args: SimulateArgs) -> anyhow::Result<()> {
    let mut scenario =
        freightsim::scenario::load(&args.scenario).map_err(freightsim::Error::from)?;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(days) = args.days {
        shorten(&mut scenario, days)?;
    }
    let run_days = scenario.horizon.days + simulation::TAIL_DAYS;
    if let Some(day) = args.map_day
        && day >= run_days
    {
        return Err(freightsim::Error::Input(format!(
            "--map-day {day}: the run has days 0 to {} ({} days of orders and {} days to deliver \
             the last); give a day in that range, or leave it out for the busiest day",
            run_days - 1,
            scenario.horizon.days,
            simulation::TAIL_DAYS
        ))
        .into());
    }
    let options = RunOptions {
        progress: std::io::stderr().is_terminal(),
        ..RunOptions::default()
    };
    let outcome = simulation::run(&scenario, &options)?;
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("out").join(&scenario.name));
    let cannot = |e: std::io::Error| {
        freightsim::Error::Input(format!(
            "cannot write the outputs into {}: {e}",
            out.display()
        ))
    };
    let lines = freightsim::simulation::geometry::trip_lines(&outcome);
    let summary = simulation::write_outputs(&outcome, &lines, &out).map_err(cannot)?;
    freightsim::report::write(&outcome, &summary, &lines, &out, args.map_day).map_err(cannot)?;
    let text = format!("{}outputs in {}\n", format_summary(&summary), out.display());
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}

/// Applies `--days`: fewer days of orders, at least one after the warm-up.
pub fn shorten(scenario: &mut freightsim::scenario::Scenario, days: u32) -> anyhow::Result<()> {
    if days == 0 || days <= scenario.horizon.warm_up_days {
        return Err(freightsim::Error::Input(format!(
            "--days {days} leaves no day after the scenario's {} warm-up days: give more days",
            scenario.horizon.warm_up_days
        ))
        .into());
    }
    scenario.horizon.days = days.min(scenario.horizon.days);
    Ok(())
}
