//! Command-line parsing and the subcommands. Each subcommand turns flags into a validated
//! configuration, calls the library, and prints.

mod compare;
mod init;
mod network;
mod policies;
mod score;
mod simulate;
mod sites;
mod solve;
mod sweep;

use clap::{Parser, Subcommand};
use std::io::{self, BufWriter, Write};

/// freightsim: delivery trips, vehicle-km and CO₂e of a city's freight under different rules.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load an OSM extract and report the road network per vehicle profile.
    Network(network::NetworkArgs),
    /// Solve VRP benchmark instances with the routing core.
    Solve(solve::SolveArgs),
    /// Write a complete, commented scenario from any OSM extract.
    Init(init::InitArgs),
    /// Run a scenario's day loop: demand, dispatch, routing; write its outputs.
    Simulate(simulate::SimulateArgs),
    /// Run every dispatch policy and the hindsight plan on the same orders, per rule.
    Policies(policies::PoliciesArgs),
    /// Run several scenarios over the same seeds and compare them with 95 % intervals.
    Compare(compare::CompareArgs),
    /// Run a grid of cities × variants × rules × seeds, locally or as a Slurm job array.
    Sweep(sweep::SweepArgs),
    /// Run the consolidation centre's candidate sites on the same orders and rank them.
    Sites(sites::SitesArgs),
    /// Score packages (scenarios of comparison.csv files) against procurement criteria.
    Score(score::ScoreArgs),
}

/// Runs the parsed command. A reader that closed stdout early (`freightsim … | head`) is not
/// a failure: the command stops quietly with success, as Unix tools do.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let result = match cli.command {
        Command::Network(args) => network::run(args),
        Command::Solve(args) => solve::run(args),
        Command::Init(args) => init::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Policies(args) => policies::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Score(args) => score::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Sites(args) => sites::run(args),
    };
    match result {
        Err(err)
            if err
                .downcast_ref::<StdoutError>()
                .is_some_and(|e| e.0.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Writing the command's output to stdout failed: a full disk, a closed pipe, `/dev/full`.
/// Exit code 1; a closed pipe is turned into a quiet success by [`run`].
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output to stdout")]
pub struct StdoutError(#[source] pub io::Error);

/// Writes a command's output through one locked, buffered stdout, flushed at the end, so
/// that every write error (including the final flush's) is reported as a [`StdoutError`].
pub fn write_stdout(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StdoutError> {
    let mut out = BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(StdoutError)
}

/// The message printed for an error: each cause of its chain after the error, skipped when
/// the text so far already says it (typed errors often quote their source in their message,
/// so printing the chain blindly would repeat it).
pub fn message(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.is_empty() {
            text = cause;
        } else if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Maps an error to the process exit code: the library's own code where the error comes from
/// the library, 1 (internal) otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.downcast_ref::<freightsim::Error>()
        .map_or(1, freightsim::Error::exit_code)
}
