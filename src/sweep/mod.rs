//! `sweep`: a grid of cities × scenario variants × lead-time rules × seeds, one cell per
//! combination, run by Slurm as a job array (`--engine slurm`) or on this machine
//! (`--engine local`), then gathered into `sweep.csv`, `sweep-summary.csv` and `sweep.html`.
//!
//! Both engines run the same task on each cell ([`task::run_cell`]) and the same gathering,
//! so they write the same files byte for byte. A cell whose file is there with its key is
//! never recomputed: a failed cell is reported by its index and the same command runs it
//! (and only it) again.

pub mod gather;
pub mod grid;
pub mod slurm;
pub mod task;

pub use gather::{Gathered, gather, unfinished};
pub use grid::{Cell, Grid};

use rayon::prelude::*;
use std::path::Path;

/// Which engine runs the cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// This machine, cells in parallel (rayon).
    Local,
    /// A Slurm job array.
    Slurm,
}

/// Writes the scenario of every city the grid gives as an extract (`freightsim init`), unless
/// it is there already (so finished cells keep their key).
///
/// # Errors
/// `init` fails on an extract (e.g. no buildings and no `inhabitants`).
pub fn prepare(grid: &Grid, out: &Path) -> Result<(), crate::Error> {
    for (c, city) in grid.cities.iter().enumerate() {
        let Some(osm) = &city.osm else { continue };
        let path = task::city_scenario_path(grid, out, c);
        if path.is_file() {
            continue;
        }
        crate::init::init(&crate::init::InitOptions {
            osm: osm.clone(),
            out: path,
            inhabitants: city.inhabitants,
            depots: Vec::new(),
            zone: None,
            name: Some(city.name.clone()),
        })
        .map_err(|e| crate::Error::Input(format!("city `{}`: {e}", city.name)))?;
    }
    Ok(())
}

/// What a sweep did.
#[derive(Debug)]
pub struct SweepRun {
    /// Cells run now.
    pub ran: usize,
    /// Cells already finished before.
    pub reused: usize,
    /// Cells still unfinished after the run, with the error when known.
    pub failed: Vec<(usize, String)>,
    /// The gathered results (when every cell finished).
    pub gathered: Option<Gathered>,
}

/// Runs the unfinished cells of `grid` with `engine`, then gathers if all finished.
///
/// # Errors
/// Bad grid content, a city that cannot be prepared, Slurm unreachable, outputs that cannot be
/// written.
pub fn run(grid: &Grid, out: &Path, engine: Engine) -> Result<SweepRun, crate::Error> {
    if engine == Engine::Slurm {
        slurm::check_reachable()?;
    }
    std::fs::create_dir_all(out).map_err(|e| {
        crate::Error::Input(format!("--out {}: cannot create it: {e}", out.display()))
    })?;
    prepare(grid, out)?;
    // Every cell's scenario validates before any runs: a variant that makes a city's
    // scenario invalid is bad input (exit 2), not a failed cell.
    for cell in grid.cells().iter().filter(|c| c.seed == grid.seeds[0]) {
        task::scenario_of(grid, out, cell)?;
    }
    let todo = unfinished(grid, out)?;
    let total = grid.cells().len();
    let mut errors: Vec<(usize, String)> = Vec::new();
    match engine {
        Engine::Local => {
            let cells = grid.cells();
            errors = todo
                .par_iter()
                .filter_map(|&i| {
                    task::run_cell(grid, out, &cells[i])
                        .err()
                        .map(|e| (i, e.to_string()))
                })
                .collect();
        }
        Engine::Slurm => {
            if !todo.is_empty() {
                slurm::submit_and_wait(grid, out, &todo)?;
            }
        }
    }
    let left = unfinished(grid, out)?;
    let failed: Vec<(usize, String)> = left
        .iter()
        .map(|&i| {
            let why = errors
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, e)| e.clone())
                .or_else(|| slurm_log(out, i))
                .unwrap_or_else(|| "no result file".into());
            (i, why)
        })
        .collect();
    let gathered = if failed.is_empty() {
        let g = gather(grid, out);
        write_outputs(grid, out, &g)?;
        Some(g)
    } else {
        None
    };
    Ok(SweepRun {
        ran: todo.len() - left.len(),
        reused: total - todo.len(),
        failed,
        gathered,
    })
}

/// Writes `sweep.csv`, `sweep-summary.csv` and `sweep.html`.
///
/// # Errors
/// A file cannot be written.
pub fn write_outputs(grid: &Grid, out: &Path, g: &Gathered) -> Result<(), crate::Error> {
    let cannot = |e: std::io::Error| {
        crate::Error::Input(format!("cannot write into {}: {e}", out.display()))
    };
    gather::write_csvs(g, out).map_err(cannot)?;
    std::fs::write(
        out.join("sweep.html"),
        crate::report::sweep::page(&grid.name, g),
    )
    .map_err(cannot)
}

/// The last line of a Slurm task's error log, if any.
fn slurm_log(out: &Path, i: usize) -> Option<String> {
    let text = std::fs::read_to_string(out.join("slurm").join(format!("{i}.err"))).ok()?;
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| format!("Slurm task log: {}", l.trim()))
}
