//! `freightsim sweep`: a grid of cities × variants × rules × seeds, run on this machine or as
//! a Slurm job array, gathered into sweep.csv, sweep-summary.csv and sweep.html.

use clap::{Args, Subcommand, ValueEnum};
use freightsim::sweep::{self, Engine, Grid};
use std::path::PathBuf;

/// Flags of `freightsim sweep`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SweepArgs {
    #[command(subcommand)]
    action: Option<Action>,
    /// The grid file (TOML; see docs/sweep.md).
    grid: Option<PathBuf>,
    /// Directory of the cells and gathered outputs (default: out/sweep-<grid name>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where the cells run: this machine, or a Slurm job array (one task per cell).
    #[arg(long, value_enum, default_value_t = EngineArg::Local)]
    engine: EngineArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EngineArg {
    Local,
    Slurm,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Run one cell of a grid (what each Slurm array task runs).
    Task {
        /// The grid file.
        grid: PathBuf,
        /// Cell index, from 0.
        index: usize,
        /// The sweep's directory.
        #[arg(long)]
        out: PathBuf,
    },
}

fn out_dir(out: Option<PathBuf>, grid: &Grid) -> PathBuf {
    out.unwrap_or_else(|| PathBuf::from("out").join(format!("sweep-{}", grid.name)))
}

pub fn run(args: SweepArgs) -> anyhow::Result<()> {
    if let Some(Action::Task { grid, index, out }) = args.action {
        let grid = Grid::read(&grid)?;
        let cell = grid.cell(index)?;
        sweep::prepare(&grid, &out)?;
        let ran = sweep::task::run_cell(&grid, &out, &cell)?;
        let text = format!(
            "cell {index}: {}\n",
            if ran { "done" } else { "already finished" }
        );
        super::write_stdout(|w| w.write_all(text.as_bytes()))?;
        return Ok(());
    }
    let Some(grid_path) = args.grid else {
        return Err(freightsim::Error::Input(
            "give a grid file: freightsim sweep GRID.toml [--engine local|slurm] [--out DIR]"
                .into(),
        )
        .into());
    };
    let grid = Grid::read(&grid_path)?;
    let out = out_dir(args.out, &grid);
    let engine = match args.engine {
        EngineArg::Local => Engine::Local,
        EngineArg::Slurm => Engine::Slurm,
    };
    let run = sweep::run(&grid, &out, engine)?;
    let mut text = format!(
        "sweep {}: {} cells, {} run now, {} already finished\n",
        grid.name,
        grid.cells().len(),
        run.ran,
        run.reused
    );
    if !run.failed.is_empty() {
        for (i, why) in &run.failed {
            text.push_str(&format!("  cell {i} failed: {why}\n"));
        }
        let list: Vec<String> = run.failed.iter().map(|(i, _)| i.to_string()).collect();
        text.push_str(&format!(
            "{} cell(s) unfinished ({}); run the same command again to run them alone (finished cells are kept), or one with: freightsim sweep task {} N --out {}\n",
            run.failed.len(),
            list.join(", "),
            grid_path.display(),
            out.display()
        ));
        super::write_stdout(|w| w.write_all(text.as_bytes()))?;
        anyhow::bail!("{} sweep cell(s) failed", run.failed.len());
    }
    text.push_str(&format!(
        "outputs in {}: sweep.csv, sweep-summary.csv, sweep.html\n",
        out.display()
    ));
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}
