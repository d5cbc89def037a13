//! The `freightsim` command: a thin shell over the library.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("freightsim: {}", cli::message(&err));
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
