//! Command-line parsing and the subcommands. Each subcommand turns flags into a validated
//! configuration, calls the library, and prints.

mod compare;
mod network;
mod policies;
mod simulate;
mod solve;

use clap::{Parser, Subcommand};

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
    /// Run a scenario's day loop: demand, dispatch, routing; write its outputs.
    Simulate(simulate::SimulateArgs),
    /// Run every dispatch policy and the hindsight plan on the same orders, per rule.
    Policies(policies::PoliciesArgs),
    /// Run several scenarios over the same seeds and compare them with 95 % intervals.
    Compare(compare::CompareArgs),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Network(args) => network::run(args),
        Command::Solve(args) => solve::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Policies(args) => policies::run(args),
        Command::Compare(args) => compare::run(args),
    }
}

/// Maps an error to the process exit code: the library's own code where the error comes from
/// the library, 1 (internal) otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.downcast_ref::<freightsim::Error>()
        .map_or(1, freightsim::Error::exit_code)
}
