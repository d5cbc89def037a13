//! `score`: procurement criteria turned into a score per package.
//!
//! A package is a scenario of one or more `comparison.csv` files of `freightsim compare`.
//! Each criterion reads one metric of it (its mean, or its paired change against the
//! comparison's first scenario, optionally as a percent share of other metrics) and gives
//! points linearly between the value that earns none (`zero_at`) and the value that earns
//! full points (`full_at`), clamped to [0, 1]; absent, those are the worst and the best
//! package's values. The score is 100 × Σ weight × points / Σ weight. A criterion with a
//! `limit` is pass/fail on the unfavourable end of the 95 % interval (mean + ci95 when lower
//! is better, mean − ci95 when higher): a package passes only if that bound is within the
//! limit. Passing packages rank first, by score. `score_low` and `score_high` are the scores
//! with every criterion at the unfavourable, then the favourable, end of its interval: a wide
//! gap says the ranking rests on few seeds.

mod criteria;
mod error;
mod report;
mod results;

pub use criteria::{
    Criteria, CriteriaConfig, Criterion, CriterionConfig, Measure, parse_criteria, read_criteria,
};
pub use error::ScoreError;
pub use report::{markdown, points_csv, scores_csv, table};
pub use results::{COLUMNS, MetricValue, Results, read_results};

/// One criterion's figures for one package.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value read (mean, change or share).
    pub value: f64,
    /// Its 95 % half-width (0 for one seed).
    pub ci95: f64,
    /// The unfavourable end of the interval (tested against the limit).
    pub bound: f64,
    /// Whether it is within the limit (`None`: no limit).
    pub pass: Option<bool>,
    /// Points at the value, 0 to 1.
    pub points: f64,
    /// Points at the unfavourable end of the interval.
    pub points_low: f64,
    /// Points at the favourable end.
    pub points_high: f64,
}

/// A package's score.
#[derive(Clone, Debug, PartialEq)]
pub struct PackageScore {
    /// Package (scenario) name.
    pub name: String,
    /// Rank, 1 = best (passing packages first).
    pub rank: usize,
    /// Score, 0 to 100.
    pub score: f64,
    /// Score with every criterion at its unfavourable bound.
    pub score_low: f64,
    /// Score with every criterion at its favourable bound.
    pub score_high: f64,
    /// Passes every limit.
    pub passes: bool,
    /// Names of the criteria whose limit it fails.
    pub failed: Vec<String>,
    /// Seeds behind its figures (of the first criterion's metric).
    pub seeds: u32,
    /// One cell per criterion, in the criteria's order.
    pub cells: Vec<Cell>,
}

/// Every package scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// The criteria.
    pub criteria: Criteria,
    /// The packages, best first.
    pub packages: Vec<PackageScore>,
    /// Per criterion: the values earning full and zero points as used.
    pub ranges: Vec<(f64, f64)>,
}

/// The (value, half-width) criterion `c` reads for `package`.
fn read(c: &Criterion, results: &Results, package: &str) -> Result<(f64, f64), String> {
    let v = results
        .get(package, &c.metric)
        .ok_or_else(|| format!("`{package}` has no row for metric `{}`", c.metric))?;
    let (value, half) = match c.measure {
        Measure::Mean => (v.mean, v.ci95),
        Measure::Change => (v.change, v.change_ci95),
        Measure::ChangePct => (v.change_pct, v.change_pct_ci95),
    };
    if !value.is_finite() {
        return Err(format!(
            "`{package}`: the {} of `{}` is empty (a percent of a zero reference?); use another measure",
            c.measure.name(),
            c.metric
        ));
    }
    let half = if half.is_finite() { half } else { 0.0 };
    if c.share_of.is_empty() {
        return Ok((value, half));
    }
    let mut denominator = 0.0;
    for m in &c.share_of {
        denominator += results
            .get(package, m)
            .ok_or_else(|| format!("`{package}` has no row for metric `{m}`"))?
            .mean;
    }
    if denominator <= 0.0 {
        return Err(format!(
            "`{package}`: the metrics of share_of ({}) sum to {denominator}; a share needs a positive total",
            c.share_of.join(", ")
        ));
    }
    Ok((100.0 * value / denominator, 100.0 * half / denominator))
}

/// Points of `v` between `zero` (none) and `full` (all), clamped.
fn points(v: f64, full: f64, zero: f64) -> f64 {
    if full == zero {
        return 1.0;
    }
    ((zero - v) / (zero - full)).clamp(0.0, 1.0)
}

/// Scores every package of `results` under `criteria`.
///
/// # Errors
/// A package lacks a criterion's metric, a value is undefined, or a share has no positive
/// total ([`ScoreError::Criteria`], every problem at once).
pub fn score(
    criteria: &Criteria,
    results: &Results,
    criteria_path: &std::path::Path,
) -> Result<Scores, ScoreError> {
    let mut problems = Vec::new();
    // values[c][p]
    let mut values: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, c) in criteria.criteria.iter().enumerate() {
        let mut row = Vec::new();
        for p in &results.packages {
            match read(c, results, p) {
                Ok(x) => row.push(x),
                Err(e) => {
                    problems.push(format!("criterion[{i}] ({}): {e}", c.name));
                    row.push((f64::NAN, 0.0));
                }
            }
        }
        values.push(row);
    }
    if !problems.is_empty() {
        return Err(ScoreError::Criteria {
            path: criteria_path.to_owned(),
            problems,
        });
    }
    let ranges: Vec<(f64, f64)> = criteria
        .criteria
        .iter()
        .zip(&values)
        .map(|(c, row)| {
            let lo = row.iter().map(|x| x.0).fold(f64::INFINITY, f64::min);
            let hi = row.iter().map(|x| x.0).fold(f64::NEG_INFINITY, f64::max);
            let (best, worst) = if c.lower_is_better {
                (lo, hi)
            } else {
                (hi, lo)
            };
            (c.full_at.unwrap_or(best), c.zero_at.unwrap_or(worst))
        })
        .collect();
    // A bound given alone meets the packages' best or worst value: it must lie on its side
    // (full points on the better side of no point), else the worse package would score more.
    for (i, (c, &(full, zero))) in criteria.criteria.iter().zip(&ranges).enumerate() {
        let wrong = if c.lower_is_better {
            full > zero
        } else {
            full < zero
        };
        if wrong && (c.full_at.is_none() || c.zero_at.is_none()) {
            let (field, given, other) = if c.full_at.is_some() {
                ("full_at", full, format!("the worst package's {zero}"))
            } else {
                ("zero_at", zero, format!("the best package's {full}"))
            };
            problems.push(format!(
                "criterion[{i}].{field} ({}): {given} is on the wrong side of {other} for `better = \"{}\"`; give both full_at and zero_at, or a {field} {} than every package",
                c.name,
                if c.lower_is_better { "lower" } else { "higher" },
                match (field, c.lower_is_better) {
                    ("full_at", true) | ("zero_at", false) => "lower",
                    _ => "higher",
                }
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ScoreError::Criteria {
            path: criteria_path.to_owned(),
            problems,
        });
    }
    // Shares of the weights (summing to 1, computed without overflow).
    let share = criteria.weight_shares();
    let mut packages = Vec::new();
    for (p, name) in results.packages.iter().enumerate() {
        let mut cells = Vec::new();
        let (mut s, mut s_low, mut s_high) = (0.0, 0.0, 0.0);
        let mut failed = Vec::new();
        for (k, c) in criteria.criteria.iter().enumerate() {
            let (value, ci95) = values[k][p];
            let sign = if c.lower_is_better { 1.0 } else { -1.0 };
            let bound = value + sign * ci95;
            let favourable = value - sign * ci95;
            let pass = c.limit.map(|l| {
                if c.lower_is_better {
                    bound <= l
                } else {
                    bound >= l
                }
            });
            if pass == Some(false) {
                failed.push(c.name.clone());
            }
            let (full, zero) = ranges[k];
            let cell = Cell {
                value,
                ci95,
                bound,
                pass,
                points: points(value, full, zero),
                points_low: points(bound, full, zero),
                points_high: points(favourable, full, zero),
            };
            if !(bound.is_finite() && favourable.is_finite()) {
                problems.push(format!(
                    "criterion[{k}] ({}): `{name}`'s interval {value} ± {ci95} is not finite; check the results",
                    c.name
                ));
            }
            s += share[k] * cell.points;
            s_low += share[k] * cell.points_low;
            s_high += share[k] * cell.points_high;
            cells.push(cell);
        }
        let seeds = criteria
            .criteria
            .first()
            .and_then(|c| results.get(name, &c.metric))
            .map_or(0, |v| v.seeds);
        packages.push(PackageScore {
            name: name.clone(),
            rank: 0,
            score: 100.0 * s,
            score_low: 100.0 * s_low,
            score_high: 100.0 * s_high,
            passes: failed.is_empty(),
            failed,
            seeds,
            cells,
        });
    }
    if !problems.is_empty() {
        return Err(ScoreError::Criteria {
            path: criteria_path.to_owned(),
            problems,
        });
    }
    // Passing first, then by score; ties keep the results' order (a stable sort).
    packages.sort_by(|a, b| b.passes.cmp(&a.passes).then(b.score.total_cmp(&a.score)));
    for (k, p) in packages.iter_mut().enumerate() {
        p.rank = k + 1;
    }
    Ok(Scores {
        criteria: criteria.clone(),
        packages,
        ranges,
    })
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_run_linearly_from_zero_to_full_either_way() {
        assert_eq!(points(5.0, 0.0, 10.0), 0.5);
        assert_eq!(points(12.0, 0.0, 10.0), 0.0);
        assert_eq!(points(-1.0, 0.0, 10.0), 1.0);
        assert_eq!(points(75.0, 100.0, 50.0), 0.5);
        assert_eq!(points(3.0, 3.0, 3.0), 1.0);
    }
}
