//! `freightsim solve`: solve VRP benchmark instances with the routing core and report cost,
//! vehicles, feasibility (checked independently) and time, as a table, CSV or JSON.

use anyhow::Context;
use clap::Args;
use freightsim::instances::{self, Format, InstanceResult};
use freightsim::routing::SolveParams;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Flags of `freightsim solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// Instance files (Solomon .txt, VRPLIB .vrp).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// File format; guessed from the extension, then the content, when absent.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Wall-clock budget per instance, in seconds (default 10 when --iterations is absent).
    // A negative value is taken as the flag's value (and refused with a message) rather than
    // as an unknown flag `-1`.
    #[arg(long, allow_negative_numbers = true)]
    seconds: Option<f64>,
    /// Iteration budget per instance (reproducible whatever the machine).
    #[arg(long)]
    iterations: Option<u64>,
    /// Seed of the search.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print CSV: instance,cost,vehicles,feasible,seconds.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print a JSON array of objects with those fields.
    #[arg(long)]
    json: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// One output row. Costs are in the instance's own units (see docs/benchmarks.md).
#[derive(Debug, Serialize)]
struct Row {
    instance: String,
    cost: f64,
    vehicles: usize,
    feasible: bool,
    seconds: f64,
}

pub fn run(args: SolveArgs) -> anyhow::Result<()> {
    let params = params(&args)?;
    // Read every file before solving any, so that all bad files are reported at once.
    let mut read = Vec::with_capacity(args.files.len());
    let mut errors = Vec::new();
    for path in &args.files {
        match instances::read(path, args.format) {
            Ok(inst) => read.push(inst),
            Err(e) => errors.push(e),
        }
    }
    if errors.len() == 1 {
        return Err(freightsim::Error::from(errors.remove(0)).into());
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("freightsim: {e}");
        }
        let summary = format!(
            "{} of {} instance files cannot be read (see above)",
            errors.len(),
            args.files.len()
        );
        return Err(freightsim::Error::Input(summary).into());
    }
    let mut rows = Vec::with_capacity(read.len());
    for inst in &read {
        let result = instances::solve_instance(inst, &params)
            .with_context(|| format!("solving {}", inst.name))?;
        report_violations(&result);
        rows.push(Row {
            instance: result.instance,
            cost: result.cost,
            vehicles: result.vehicles,
            feasible: result.feasible,
            seconds: result.seconds,
        });
    }
    super::write_stdout(|out| print_rows(out, &rows, &args))?;
    Ok(())
}

/// Prints the rows as JSON, CSV or a table, as the flags ask.
fn print_rows(out: &mut dyn Write, rows: &[Row], args: &SolveArgs) -> std::io::Result<()> {
    if args.json {
        serde_json::to_writer_pretty(&mut *out, rows)?;
        writeln!(out)?;
    } else if args.csv {
        writeln!(out, "instance,cost,vehicles,feasible,seconds")?;
        for r in rows {
            writeln!(
                out,
                "{},{},{},{},{:.3}",
                r.instance,
                round6(r.cost),
                r.vehicles,
                r.feasible,
                r.seconds
            )?;
        }
    } else {
        let width = rows
            .iter()
            .map(|r| r.instance.len())
            .max()
            .unwrap_or(8)
            .max(8);
        writeln!(
            out,
            "{:<width$}  {:>14}  {:>8}  {:>8}  {:>9}",
            "instance", "cost", "vehicles", "feasible", "seconds"
        )?;
        for r in rows {
            writeln!(
                out,
                "{:<width$}  {:>14.2}  {:>8}  {:>8}  {:>9.2}",
                r.instance,
                r.cost,
                r.vehicles,
                if r.feasible { "yes" } else { "NO" },
                r.seconds
            )?;
        }
    }
    Ok(())
}

/// Largest `--seconds` budget accepted; any larger one is a typo, and beyond about 1.8e19
/// seconds no `Duration` can hold it.
const MAX_SECONDS: f64 = 1e9;

/// The search budget: `--iterations` and/or `--seconds`, 10 s when neither is given.
fn params(args: &SolveArgs) -> anyhow::Result<SolveParams> {
    let time_limit = match (args.seconds, args.iterations) {
        (Some(s), _) if !(s.is_finite() && s > 0.0 && s <= MAX_SECONDS) => {
            return Err(freightsim::Error::Input(format!(
                "--seconds {s}: give a positive number of seconds, at most {MAX_SECONDS:e} \
                 (about 31 years)"
            ))
            .into());
        }
        (Some(s), _) => Some(Duration::from_secs_f64(s)),
        (None, None) => Some(Duration::from_secs(10)),
        (None, Some(_)) => None,
    };
    Ok(SolveParams {
        seed: args.seed,
        max_iterations: args.iterations,
        time_limit,
    })
}

/// Explains on stderr why a result is not feasible.
fn report_violations(r: &InstanceResult) {
    if r.unassigned_required > 0 {
        eprintln!(
            "freightsim: {}: {} required orders left unassigned",
            r.instance, r.unassigned_required
        );
    }
    for v in r.violations.iter().take(10) {
        eprintln!("freightsim: {}: checker: {v:?}", r.instance);
    }
}

/// Rounds to 6 decimals for CSV (costs are sums of floats; more digits are noise).
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
