//! `freightsim sweep`: a two-cell grid on the tiny_town fixture, gathered into sweep.csv;
//! finished cells are never recomputed; bad grids, indices and an unreachable Slurm exit 2.
//! With `FREIGHTSIM_SLURM=1` (CI, after starting a one-node Slurm) the same grid runs as a
//! Slurm job array and its outputs must equal the local engine's byte for byte.

use super::common::{freightsim, read_csv, tests_path};
use std::path::{Path, PathBuf};

/// A grid of one city (the tiny_town golden scenario), two rules, one seed: two cells.
fn grid(dir: &Path, extra: &str) -> PathBuf {
    let scenario = tests_path("scenarios/tiny_town.toml");
    let text = format!(
        "name = \"two-cells\"\ndays = 6\nseeds = [7]\nrules = [\"24h\", \"72h\"]\n[slurm]\nmem = \"1G\"\ntime = \"00:10:00\"\n[[city]]\nname = \"tiny\"\nscenario = \"{}\"\n{extra}",
        scenario.display().to_string().replace('\\', "/")
    );
    let path = dir.join("grid.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn sweep(args: &[&str]) -> std::process::Output {
    let mut all = vec!["sweep"];
    all.extend_from_slice(args);
    freightsim(&all, None)
}

fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for name in ["sweep.csv", "sweep-summary.csv", "sweep.html"] {
        out.push((name.to_owned(), std::fs::read(dir.join(name)).unwrap()));
    }
    let mut cells: Vec<_> = std::fs::read_dir(dir.join("cells"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cells.sort();
    for c in cells {
        let name = c.file_name().unwrap().to_string_lossy().to_string();
        out.push((name, std::fs::read(&c).unwrap()));
    }
    out
}

#[test]
fn local_sweep_gathers_paired_rows_and_never_recomputes_a_finished_cell() {
    let dir = tempfile::tempdir().unwrap();
    let g = grid(dir.path(), "");
    let out = dir.path().join("out");
    let (gs, os) = (g.to_str().unwrap(), out.to_str().unwrap());
    let o = sweep(&[gs, "--engine", "local", "--out", os]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(
        printed.contains("2 cells, 2 run now, 0 already finished"),
        "{printed}"
    );
    let rows = read_csv(&out.join("sweep.csv"));
    let metrics = rows.iter().filter(|r| r["cell"] == "0").count();
    assert!(metrics > 20, "{metrics} metrics");
    assert_eq!(rows.len(), 2 * metrics, "one row per cell and metric");
    for r in &rows {
        assert_eq!(r["reference_cell"], "0");
        assert_eq!(
            r["same_cohort"], "true",
            "both rules measured on the same orders: {r:?}"
        );
        if r["cell"] == "0" {
            assert_eq!(r["change"].parse::<f64>().unwrap(), 0.0, "{r:?}");
        }
        let (v, reference) = (
            r["value"].parse::<f64>().unwrap(),
            rows.iter()
                .find(|x| x["cell"] == "0" && x["metric"] == r["metric"])
                .unwrap()["value"]
                .parse::<f64>()
                .unwrap(),
        );
        let change = r["change"].parse::<f64>().unwrap();
        assert!(
            (v - reference - change).abs() < 1e-9 * (1.0 + v.abs()),
            "{r:?}"
        );
    }
    // Every cohort order accounted for: delivered + late + unassigned = orders.
    for cell in ["0", "1"] {
        let get = |m: &str| -> f64 {
            rows.iter()
                .find(|r| r["cell"] == cell && r["metric"] == m)
                .unwrap()["value"]
                .parse()
                .unwrap()
        };
        assert!(get("orders") > 0.0);
        assert_eq!(
            get("orders"),
            get("orders_delivered") + get("orders_late") + get("orders_unassigned")
        );
    }
    let summary = read_csv(&out.join("sweep-summary.csv"));
    assert_eq!(summary.len(), 2 * metrics);
    let html = std::fs::read_to_string(out.join("sweep.html")).unwrap();
    assert!(
        html.contains("<svg") && html.contains("tiny"),
        "chart and city on the page"
    );

    // Run again: nothing recomputed, the outputs unchanged byte for byte.
    let before = files_of(&out);
    let o = sweep(&[gs, "--engine", "local", "--out", os]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("0 run now, 2 already finished"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(files_of(&out), before);
    // One cell lost: only it runs again, to the same bytes.
    std::fs::remove_file(out.join("cells/00001.json")).unwrap();
    let o = sweep(&[gs, "--engine", "local", "--out", os]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 run now, 1 already finished"));
    assert_eq!(files_of(&out), before);

    // The same grid as a Slurm job array, when CI started one: the same bytes.
    if std::env::var_os("FREIGHTSIM_SLURM").is_some_and(|v| v == "1") {
        let slurm_out = dir.path().join("slurm-out");
        let o = sweep(&[
            gs,
            "--engine",
            "slurm",
            "--out",
            slurm_out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            files_of(&slurm_out),
            before,
            "Slurm and local engines agree byte for byte"
        );
        assert!(slurm_out.join("slurm/sweep.sbatch").is_file());
    } else {
        eprintln!(
            "slurm engine not checked here: set FREIGHTSIM_SLURM=1 with a running Slurm (CI does)"
        );
    }
}

#[test]
fn sweep_bad_input_exits_2_with_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let os = out.to_str().unwrap();
    // A grid naming a missing extract.
    let g = grid(
        dir.path(),
        "[[city]]\nname = \"nowhere\"\nosm = \"missing.osm.pbf\"\n",
    );
    let o = sweep(&[g.to_str().unwrap(), "--out", os]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("city[1].osm") && err.contains("missing.osm.pbf"),
        "{err}"
    );
    // A variant that makes the city's scenario invalid: exit 2 naming it, nothing run.
    let g = grid(
        dir.path(),
        "[[variant]]\nname = \"today\"\n[[variant]]\nname = \"odd\"\nset = { dispatch = { policy = \"nonsense\" } }\n",
    );
    let o = sweep(&[g.to_str().unwrap(), "--out", os]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("variant `odd`") && err.contains("dispatch"),
        "{err}"
    );
    assert!(!out.join("cells").exists(), "no cell ran");
    // A cell index out of range.
    let g = grid(dir.path(), "");
    let o = sweep(&["task", g.to_str().unwrap(), "2", "--out", os]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("numbered 0 to 1"), "{err}");
    // Slurm not reachable: no sinfo on the PATH.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_freightsim"))
        .args([
            "sweep",
            g.to_str().unwrap(),
            "--engine",
            "slurm",
            "--out",
            os,
        ])
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Slurm is not reachable") && err.contains("--engine local"),
        "{err}"
    );
}
