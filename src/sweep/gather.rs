//! Gathering a sweep: every cell's file read back, paired with its reference cell (same city
//! and seed, first variant and rule), and written as `sweep.csv` (one row per cell and metric)
//! and `sweep-summary.csv` (per city, variant, rule and metric: mean and paired change over
//! the seeds with 95 % intervals).

use super::grid::Grid;
use super::task::{CellResult, cell_key, cell_path, read_cell};
use crate::stats::mean_ci;
use serde::Serialize;
use std::path::Path;

/// One row of `sweep.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepRow {
    /// Cell index.
    pub cell: usize,
    /// City.
    pub city: String,
    /// Variant.
    pub variant: String,
    /// Rule.
    pub rule: String,
    /// Seed.
    pub seed: u64,
    /// Metric.
    pub metric: String,
    /// Unit.
    pub unit: String,
    /// Value on the cell's cohort.
    pub value: f64,
    /// The reference cell (same city and seed, first variant and rule).
    pub reference_cell: usize,
    /// Value minus the reference's.
    pub change: f64,
    /// The change in percent of the reference's value.
    pub change_pct: f64,
    /// Orders of the cell's cohort.
    pub cohort_orders: usize,
    /// The cohort holds the reference's orders.
    pub same_cohort: bool,
}

/// One row of `sweep-summary.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryRow {
    /// City.
    pub city: String,
    /// Inhabitants.
    pub inhabitants: f64,
    /// Area of the sites' bounding box, km².
    pub area_km2: f64,
    /// Inhabitants per km² of that box.
    pub density_per_km2: f64,
    /// Variant.
    pub variant: String,
    /// Rule.
    pub rule: String,
    /// Metric.
    pub metric: String,
    /// Unit.
    pub unit: String,
    /// Seeds.
    pub seeds: usize,
    /// Mean over the seeds.
    pub mean: f64,
    /// Half-width of its 95 % interval.
    pub ci95: f64,
    /// Mean paired change against the reference.
    pub change: f64,
    /// Half-width of its 95 % interval.
    pub change_ci95: f64,
    /// The change in percent of the reference's mean.
    pub change_pct: f64,
    /// Half-width of its 95 % interval, percent.
    pub change_pct_ci95: f64,
    /// Every seed's cohort holds its reference's orders.
    pub same_cohort: bool,
}

/// A gathered sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct Gathered {
    /// Cells' results, by index.
    pub cells: Vec<CellResult>,
    /// `sweep.csv`.
    pub rows: Vec<SweepRow>,
    /// `sweep-summary.csv`.
    pub summary: Vec<SummaryRow>,
}

/// The indices of the grid's cells without a finished file (missing, unreadable or stale).
///
/// # Errors
/// A city's scenario cannot be read.
pub fn unfinished(grid: &Grid, out: &Path) -> Result<Vec<usize>, crate::Error> {
    let mut missing = Vec::new();
    for cell in grid.cells() {
        let key = cell_key(grid, out, &cell)?;
        if read_cell(&cell_path(out, cell.index)).is_none_or(|r| r.key != key) {
            missing.push(cell.index);
        }
    }
    Ok(missing)
}

/// Reads every cell of a finished sweep and pairs it with its reference.
///
/// # Panics
/// A cell is unfinished (call [`unfinished`] first).
pub fn gather(grid: &Grid, out: &Path) -> Gathered {
    let cells: Vec<CellResult> = grid
        .cells()
        .iter()
        .map(|c| read_cell(&cell_path(out, c.index)).expect("every cell finished"))
        .collect();
    let mut rows = Vec::new();
    for (cell, r) in grid.cells().iter().zip(&cells) {
        let reference = &cells[grid.reference_of(cell)];
        for (m, unit, v) in &r.metrics {
            let base = reference.value(m);
            let change = v - base;
            rows.push(SweepRow {
                cell: r.index,
                city: r.city.clone(),
                variant: r.variant.clone(),
                rule: r.rule.clone(),
                seed: r.seed,
                metric: m.clone(),
                unit: unit.clone(),
                value: *v,
                reference_cell: reference.index,
                change,
                change_pct: pct(change, base),
                cohort_orders: r.cohort_orders,
                same_cohort: r.cohort_fingerprint == reference.cohort_fingerprint,
            });
        }
    }
    let mut summary = Vec::new();
    let per_rule = grid.seeds.len();
    let per_variant = grid.rules.len() * per_rule;
    let per_city = grid.variants.len() * per_variant;
    for c in 0..grid.cities.len() {
        let refs = &cells[c * per_city..c * per_city + per_rule];
        let inhabitants = refs[0].inhabitants;
        let area = refs[0].area_km2;
        for v in 0..grid.variants.len() {
            for r in 0..grid.rules.len() {
                let start = c * per_city + v * per_variant + r * per_rule;
                let mine = &cells[start..start + per_rule];
                for (m, unit, _) in &mine[0].metrics {
                    let xs: Vec<f64> = mine.iter().map(|x| x.value(m)).collect();
                    let bs: Vec<f64> = refs.iter().map(|x| x.value(m)).collect();
                    let diffs: Vec<f64> = xs.iter().zip(&bs).map(|(x, b)| x - b).collect();
                    let (mean, ci95) = mean_ci(&xs);
                    let (change, change_ci95) = mean_ci(&diffs);
                    let base_mean = bs.iter().sum::<f64>() / bs.len() as f64;
                    summary.push(SummaryRow {
                        city: grid.cities[c].name.clone(),
                        inhabitants,
                        area_km2: area,
                        density_per_km2: if area > 0.0 {
                            inhabitants / area
                        } else {
                            f64::NAN
                        },
                        variant: grid.variants[v].name.clone(),
                        rule: grid.rules[r].clone(),
                        metric: m.clone(),
                        unit: unit.clone(),
                        seeds: per_rule,
                        mean,
                        ci95,
                        change,
                        change_ci95,
                        change_pct: pct(change, base_mean),
                        change_pct_ci95: pct(change_ci95, base_mean).abs(),
                        same_cohort: mine
                            .iter()
                            .zip(refs)
                            .all(|(x, b)| x.cohort_fingerprint == b.cohort_fingerprint),
                    });
                }
            }
        }
    }
    Gathered {
        cells,
        rows,
        summary,
    }
}

fn pct(x: f64, base: f64) -> f64 {
    if base.abs() > 0.0 {
        100.0 * x / base
    } else {
        f64::NAN
    }
}

/// Writes `sweep.csv` and `sweep-summary.csv` into `out`.
///
/// # Errors
/// A file cannot be written.
pub fn write_csvs(g: &Gathered, out: &Path) -> std::io::Result<()> {
    write_csv(&out.join("sweep.csv"), &g.rows)?;
    write_csv(&out.join("sweep-summary.csv"), &g.summary)
}

fn write_csv<T: Serialize>(path: &Path, rows: &[T]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    for r in rows {
        w.serialize(r)?;
    }
    w.flush()
}
