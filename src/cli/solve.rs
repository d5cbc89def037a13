//! `freightsim solve`: solve VRP benchmark instances with the routing core.

use clap::Args;
use std::path::PathBuf;

/// Flags of `freightsim solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// Instance files (Solomon .txt, VRPLIB .vrp).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: SolveArgs) -> anyhow::Result<()> {
    anyhow::bail!("solve: not implemented yet ({args:?})")
}
