//! Candidate sites of the centre compared on the same orders: one scenario per candidate
//! (the centre moved there, all else equal), run over the same seeds by the comparison
//! machinery ([`crate::simulation::compare`]: common random numbers, one cohort checked
//! by its fingerprint), then ranked on CO₂e WTW with, for each site, its paired change
//! against the best on CO₂e, cost and vehicle-km inside the zone, with 95 % intervals.

use crate::scenario::Scenario;
use crate::simulation::compare::{Comparison, compare, metric};
use crate::stats::mean_ci;
use crate::units::LonLat;

/// The metrics sites are ranked and compared on (the first ranks them).
pub const SITE_METRICS: [(&str, &str); 5] = [
    ("co2e_wtw_kg", "kg"),
    ("cost_with_fees_eur", "EUR"),
    ("zone_vehicle_km_inside", "km"),
    ("vehicle_km", "km"),
    ("line_haul_km", "km"),
];

/// One candidate site's figure on one metric.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRow {
    /// Rank on the first metric (1: least).
    pub rank: usize,
    /// Candidate name.
    pub site: String,
    /// Its position.
    pub position: LonLat,
    /// Metric.
    pub metric: String,
    /// Unit.
    pub unit: String,
    /// Mean over seeds and half-width of its 95 % interval.
    pub mean: (f64, f64),
    /// Mean paired difference against the best site, seed by seed, and its half-width.
    pub vs_best: (f64, f64),
    /// Its cohort holds the same orders as the others', seed by seed.
    pub same_cohort: bool,
}

/// The ranking.
pub struct SiteRanking {
    /// The comparison it was drawn from (scenarios in the candidates' order).
    pub comparison: Comparison,
    /// Candidates: name and position, in the scenario's order.
    pub candidates: Vec<(String, LonLat)>,
    /// Rows, best site first, [`SITE_METRICS`] in order within a site.
    pub rows: Vec<SiteRow>,
}

/// One scenario per candidate of `sc`'s `[ucc]`: the centre's operator based there.
///
/// # Errors
/// The scenario has no centre or fewer than two candidates (exit 2, naming `ucc.candidate`).
pub fn candidate_scenarios(sc: &Scenario) -> Result<Vec<Scenario>, crate::Error> {
    let Some(u) = &sc.ucc else {
        return Err(crate::Error::Input(format!(
            "ucc: scenario `{}` has no consolidation centre: add a [ucc] section with [[ucc.candidate]] sites",
            sc.name
        )));
    };
    if u.candidates.len() < 2 {
        return Err(crate::Error::Input(format!(
            "ucc.candidate: scenario `{}` lists {} candidate site(s): give at least two [[ucc.candidate]] {{ name, lon, lat }}",
            sc.name,
            u.candidates.len()
        )));
    }
    Ok(u.candidates
        .iter()
        .enumerate()
        .map(|(k, (name, at))| {
            let mut s = sc.clone();
            s.name = name.clone();
            let op = u.operator;
            s.carriers[op].depot.position = *at;
            s.carriers[op].depot.name = name.clone();
            if let Some(v) = &mut s.ucc {
                v.site_field = format!("ucc.candidate[{k}]");
            }
            s
        })
        .collect())
}

/// Runs every candidate of `sc` over `seeds` seeds and ranks them.
///
/// # Errors
/// As [`candidate_scenarios`]; a candidate off the map or out of the line-haul vehicles'
/// reach (exit 2, naming `ucc.candidate[k]`), before any run.
pub fn rank(
    sc: &Scenario,
    seeds: u32,
    on_run: &(dyn Fn() + Sync),
) -> Result<SiteRanking, crate::Error> {
    let scenarios = candidate_scenarios(sc)?;
    let comparison = compare(&scenarios, seeds, on_run)?;
    let candidates = sc.ucc.as_ref().expect("checked").candidates.clone();
    let values = |i: usize, m: &str| -> Vec<f64> {
        comparison.summaries[i]
            .iter()
            .map(|s| metric(s, m))
            .collect()
    };
    let key = SITE_METRICS[0].0;
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let means: Vec<f64> = order.iter().map(|&i| mean_ci(&values(i, key)).0).collect();
    order.sort_by(|&a, &b| means[a].total_cmp(&means[b]).then(a.cmp(&b)));
    let best = order[0];
    let mut rows = Vec::new();
    for (r, &i) in order.iter().enumerate() {
        for (m, unit) in SITE_METRICS {
            let mine = values(i, m);
            let theirs = values(best, m);
            let diffs: Vec<f64> = mine.iter().zip(&theirs).map(|(a, b)| a - b).collect();
            rows.push(SiteRow {
                rank: r + 1,
                site: candidates[i].0.clone(),
                position: candidates[i].1,
                metric: m.to_owned(),
                unit: unit.to_owned(),
                mean: mean_ci(&mine),
                vs_best: if i == best {
                    (0.0, 0.0)
                } else {
                    mean_ci(&diffs)
                },
                same_cohort: comparison.same_cohort[i],
            });
        }
    }
    Ok(SiteRanking {
        comparison,
        candidates,
        rows,
    })
}
