//! The Slurm engine: one batch script with a job array, one array task per unfinished cell
//! (`freightsim sweep task GRID N`), submitted with `sbatch --wait`. Slurm does the queueing,
//! the retries and the resources (`--mem`, `--time`, `--cpus-per-task` from the grid); this
//! module only writes the script, submits it and waits.

use super::grid::Grid;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Slurm answers on this machine: `sinfo` runs and sees a partition.
///
/// # Errors
/// `sinfo` is not installed, fails, or sees no partition: the message says what to do.
pub fn check_reachable() -> Result<(), crate::Error> {
    let unreachable = |why: String| {
        crate::Error::Input(format!(
            "--engine slurm: Slurm is not reachable ({why}); start its controller and a node (see docs/sweep.md, \"Slurm on one machine\"), or run the sweep with --engine local"
        ))
    };
    let out = Command::new("sinfo")
        .args(["--noheader", "--format=%P"])
        .output()
        .map_err(|e| unreachable(format!("cannot run sinfo: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(unreachable(format!(
            "sinfo failed: {}",
            err.lines().next().unwrap_or("no message")
        )));
    }
    if String::from_utf8_lossy(&out.stdout).trim().is_empty() {
        return Err(unreachable("sinfo lists no partition".into()));
    }
    Ok(())
}

/// The batch script running `cells` of `grid` into `out` (both absolute paths) with `exe`.
pub fn script(grid: &Grid, grid_path: &Path, out: &Path, exe: &Path, cells: &[usize]) -> String {
    let r = &grid.slurm;
    let list: Vec<String> = cells.iter().map(usize::to_string).collect();
    let mut s = String::from("#!/bin/sh\n");
    s += "# Written by freightsim sweep: one array task per unfinished cell of the grid.\n";
    s += &format!("#SBATCH --job-name=freightsim-{}\n", grid.name);
    s += &format!("#SBATCH --array={}\n", list.join(","));
    s += &format!("#SBATCH --mem={}\n", r.mem);
    s += &format!("#SBATCH --time={}\n", r.time);
    s += &format!("#SBATCH --cpus-per-task={}\n", r.cpus_per_task);
    if let Some(p) = &r.partition {
        s += &format!("#SBATCH --partition={p}\n");
    }
    let logs = out.join("slurm");
    s += &format!("#SBATCH --output={}/%a.out\n", logs.display());
    s += &format!("#SBATCH --error={}/%a.err\n", logs.display());
    s += &format!("export RAYON_NUM_THREADS={}\n", r.cpus_per_task);
    s += &format!(
        "exec '{}' sweep task '{}' \"$SLURM_ARRAY_TASK_ID\" --out '{}'\n",
        exe.display(),
        grid_path.display(),
        out.display()
    );
    s
}

/// Writes the script for `cells`, submits it and waits for the array to end. Returns the
/// script's path. A task that fails leaves its cell unfinished; the caller reports it.
///
/// # Errors
/// The script cannot be written, or `sbatch` cannot submit it.
pub fn submit_and_wait(grid: &Grid, out: &Path, cells: &[usize]) -> Result<PathBuf, crate::Error> {
    let abs = |p: &Path| {
        std::fs::canonicalize(p).map_err(|e| crate::Error::Input(format!("{}: {e}", p.display())))
    };
    let grid_path = abs(&grid.path)?;
    let out = abs(out)?;
    let exe = std::env::current_exe()
        .map_err(|e| crate::Error::Input(format!("cannot find freightsim's own path: {e}")))?;
    let dir = out.join("slurm");
    std::fs::create_dir_all(&dir)
        .map_err(|e| crate::Error::Input(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join("sweep.sbatch");
    std::fs::write(&path, script(grid, &grid_path, &out, &exe, cells))
        .map_err(|e| crate::Error::Input(format!("cannot write {}: {e}", path.display())))?;
    let status = Command::new("sbatch")
        .arg("--wait")
        .arg("--parsable")
        .arg(&path)
        .status()
        .map_err(|e| crate::Error::Input(format!("cannot run sbatch: {e}; is Slurm installed?")))?;
    // A non-zero status means a task failed (or the submission did); the cells tell which.
    let _ = status;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_asks_for_the_grids_resources_and_runs_the_listed_cells() {
        let dir = std::env::temp_dir().join(format!("fs-slurm-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.toml"), "x").unwrap();
        let g = dir.join("g.toml");
        std::fs::write(
            &g,
            "name = \"g\"\ndays = 7\nseeds = 1\n[slurm]\nmem = \"2G\"\ntime = \"00:10:00\"\ncpus_per_task = 2\n[[city]]\nname = \"a\"\nscenario = \"s.toml\"\n",
        )
        .unwrap();
        let grid = Grid::read(&g).unwrap();
        let s = script(&grid, &g, &dir, Path::new("/bin/freightsim"), &[0, 3]);
        for line in [
            "#SBATCH --array=0,3\n",
            "#SBATCH --mem=2G\n",
            "#SBATCH --time=00:10:00\n",
            "#SBATCH --cpus-per-task=2\n",
            "export RAYON_NUM_THREADS=2\n",
        ] {
            assert!(s.contains(line), "{line} missing from\n{s}");
        }
        assert!(s.contains("sweep task"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
