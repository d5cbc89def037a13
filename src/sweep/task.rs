//! One cell of a sweep: its scenario (the city's, with the variant laid over it, the rule
//! given to the rule's categories, the grid's days and the cell's seed), run, measured on
//! its cohort, and written to `cells/<index>.json` in the sweep's directory.
//!
//! Every cell of a city is measured on the same orders: the warm-up of each is the longest
//! any of the city's (variant, rule) scenarios needs, as in `compare`. A cell's file carries
//! a key (a fingerprint of the grid, the city's scenario, the cell and the shipped data
//! tables built into the binary): a file whose key
//! matches is finished work and is never recomputed; a missing or stale one is.

use super::grid::{Cell, Grid};
use crate::scenario::Scenario;
use crate::simulation::compare::{METRICS, metric};
use crate::simulation::{RunOptions, output::summary};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a cell writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellResult {
    /// Fingerprint of the grid, the city's scenario text and the cell.
    pub key: String,
    /// Cell index.
    pub index: usize,
    /// City name.
    pub city: String,
    /// Variant name.
    pub variant: String,
    /// Rule name.
    pub rule: String,
    /// Seed.
    pub seed: u64,
    /// Days of orders.
    pub days: u32,
    /// Warm-up days (aligned over the city's cells).
    pub warm_up_days: u32,
    /// Orders of the cohort.
    pub cohort_orders: usize,
    /// Fingerprint of the cohort's order ids.
    pub cohort_fingerprint: String,
    /// Inhabitants (and where the figure comes from).
    pub inhabitants: f64,
    /// Area of the bounding box of the city's sites, km².
    pub area_km2: f64,
    /// The compared metrics, in `compare`'s order: (name, unit, value).
    pub metrics: Vec<(String, String, f64)>,
}

impl CellResult {
    /// Value of metric `name` (NaN when absent).
    pub fn value(&self, name: &str) -> f64 {
        self.metrics
            .iter()
            .find(|(m, _, _)| m == name)
            .map_or(f64::NAN, |(_, _, v)| *v)
    }
}

/// The scenario file of city `c`: its own, or the one `prepare` wrote from its extract.
pub fn city_scenario_path(grid: &Grid, out: &Path, c: usize) -> PathBuf {
    let city = &grid.cities[c];
    match &city.scenario {
        Some(p) => p.clone(),
        None => out.join("scenarios").join(format!("{}.toml", city.name)),
    }
}

/// The cell's file.
pub fn cell_path(out: &Path, index: usize) -> PathBuf {
    out.join("cells").join(format!("{index:05}.json"))
}

/// The key a finished cell's file must carry.
pub fn cell_key(grid: &Grid, out: &Path, cell: &Cell) -> Result<String, crate::Error> {
    let path = city_scenario_path(grid, out, cell.city);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        crate::Error::Input(format!(
            "city `{}`: cannot read its scenario {}: {e}",
            grid.cities[cell.city].name,
            path.display()
        ))
    })?;
    let index = cell.index.to_string();
    let tables = crate::scenario::tables::embedded::fingerprint();
    Ok(crate::measure::cohort::fnv1a(&[
        &grid.text, &text, &index, &tables,
    ]))
}

/// Lays `over` onto `base`, tables merged key by key, other values replaced.
fn deep_merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The scenario of (city, variant, rule), before the warm-up is aligned.
fn cell_scenario(
    grid: &Grid,
    out: &Path,
    city: usize,
    variant: usize,
    rule: usize,
) -> Result<Scenario, crate::Error> {
    let path = city_scenario_path(grid, out, city);
    let v = &grid.variants[variant];
    let rule_name = &grid.rules[rule];
    let sc = crate::scenario::load_with(&path, |t| {
        let lead = t
            .entry("lead_time")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(lead) = lead
            && rule_name != super::grid::AS_SET
        {
            for c in &grid.rule_categories {
                lead.insert(c.clone(), toml::Value::String(rule_name.clone()));
            }
        }
        // The variant last: what it sets explicitly (its own lead times) wins over the rule.
        deep_merge(t, &v.set);
        if let Some(toml::Value::Table(h)) = t.get_mut("horizon") {
            h.insert("days".into(), toml::Value::Integer(i64::from(grid.days)));
        }
    })
    .map_err(|e| {
        crate::Error::Input(format!(
            "city `{}`, variant `{}`, rule `{rule_name}`: {e}",
            grid.cities[city].name, v.name
        ))
    })?;
    Ok(sc)
}

/// The scenario a cell runs: warm-up aligned over the city's cells, the cell's seed.
///
/// # Errors
/// A variant makes the city's scenario invalid, or the days leave no measured day.
pub fn scenario_of(grid: &Grid, out: &Path, cell: &Cell) -> Result<Scenario, crate::Error> {
    let mut warm = 0;
    for v in 0..grid.variants.len() {
        for r in 0..grid.rules.len() {
            warm = warm.max(
                cell_scenario(grid, out, cell.city, v, r)?
                    .horizon
                    .warm_up_days,
            );
        }
    }
    let mut sc = cell_scenario(grid, out, cell.city, cell.variant, cell.rule)?;
    if warm >= sc.horizon.days {
        return Err(crate::Error::Input(format!(
            "grid {}: days: {} days of orders leave none after city `{}`'s common warm-up of {warm} days (the longest window of its rules): give more days",
            grid.path.display(),
            grid.days,
            grid.cities[cell.city].name
        )));
    }
    sc.horizon.warm_up_extended_by += warm - sc.horizon.warm_up_days;
    sc.horizon.warm_up_days = warm;
    sc.seed = cell.seed;
    Ok(sc)
}

/// Runs `cell` and writes its file, unless a file with its key is there already. Returns
/// true when it ran.
///
/// # Errors
/// The cell's scenario is invalid or cannot run; its file cannot be written.
pub fn run_cell(grid: &Grid, out: &Path, cell: &Cell) -> Result<bool, crate::Error> {
    let key = cell_key(grid, out, cell)?;
    let path = cell_path(out, cell.index);
    if read_cell(&path).is_some_and(|r| r.key == key) {
        return Ok(false);
    }
    let sc = scenario_of(grid, out, cell)?;
    let outcome = crate::simulation::run(&sc, &RunOptions::default())?;
    let s = summary(&outcome);
    let sites = &outcome.world.sites;
    let result = CellResult {
        key,
        index: cell.index,
        city: grid.cities[cell.city].name.clone(),
        variant: grid.variants[cell.variant].name.clone(),
        rule: grid.rules[cell.rule].clone(),
        seed: cell.seed,
        days: sc.horizon.days,
        warm_up_days: sc.horizon.warm_up_days,
        cohort_orders: s.cohort.orders,
        cohort_fingerprint: s.cohort.fingerprint.clone(),
        inhabitants: s.demand_ratios.inhabitants,
        area_km2: bbox_km2(sites.iter().map(|s| s.position)),
        metrics: METRICS
            .iter()
            .map(|(m, u)| ((*m).to_owned(), (*u).to_owned(), metric(&s, m)))
            .collect(),
    };
    write_cell(&path, &result)?;
    Ok(true)
}

/// A cell's file, if it is there and reads.
pub fn read_cell(path: &Path) -> Option<CellResult> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the cell's file through a temporary name, so that a killed task leaves no half
/// file that would pass for finished work.
fn write_cell(path: &Path, r: &CellResult) -> Result<(), crate::Error> {
    let cannot =
        |e: std::io::Error| crate::Error::Input(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    let text = serde_json::to_string_pretty(r).expect("a cell result serialises") + "\n";
    std::fs::write(&tmp, text).map_err(cannot)?;
    std::fs::rename(&tmp, path).map_err(cannot)
}

/// Area of the bounding box of `points`, km² (equirectangular at the box's mid latitude).
fn bbox_km2(points: impl Iterator<Item = crate::units::LonLat>) -> f64 {
    let mut bb: Option<(f64, f64, f64, f64)> = None;
    for p in points {
        bb = Some(match bb {
            None => (p.lon, p.lat, p.lon, p.lat),
            Some((a, b, c, d)) => (a.min(p.lon), b.min(p.lat), c.max(p.lon), d.max(p.lat)),
        });
    }
    bb.map_or(0.0, |(w, s, e, n)| {
        let km_per_deg = 111.195;
        let mid = ((s + n) / 2.0).to_radians();
        (e - w) * km_per_deg * mid.cos() * (n - s) * km_per_deg
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_untouched_keys_and_replaces_leaves() {
        let mut base: toml::Table =
            toml::from_str("[dispatch]\npolicy = \"immediate\"\nx = 1\n[a]\nb = 2\n").unwrap();
        let over: toml::Table = toml::from_str("[dispatch]\npolicy = \"consolidate\"\n").unwrap();
        deep_merge(&mut base, &over);
        assert_eq!(base["dispatch"]["policy"].as_str(), Some("consolidate"));
        assert_eq!(base["dispatch"]["x"].as_integer(), Some(1));
        assert_eq!(base["a"]["b"].as_integer(), Some(2));
    }

    #[test]
    fn bbox_of_a_kilometre_square_near_the_equator() {
        let d = 1.0 / 111.195;
        let pts = [
            crate::units::LonLat::new(0.0, 0.0),
            crate::units::LonLat::new(d, d),
        ];
        assert!((bbox_km2(pts.into_iter()) - 1.0).abs() < 1e-3);
    }
}
