//! The criteria file a buyer writes: TOML, one `[[criterion]]` per criterion, each with a
//! metric of the comparison, a direction, a weight, and optionally a pass/fail limit and the
//! values that earn full and zero points. The format, with an example, is in
//! `docs/procurement.md`; the shipped example is `data/studies/procurement-criteria.toml`.

use super::ScoreError;
use super::results::Results;
use serde::Deserialize;
use std::path::Path;

/// The criteria file as written.
#[derive(Clone, Debug, Deserialize)]
pub struct CriteriaConfig {
    /// A title for the report.
    #[serde(default)]
    pub title: String,
    /// The criteria.
    #[serde(default)]
    pub criterion: Vec<CriterionConfig>,
}

/// One `[[criterion]]` as written.
#[derive(Clone, Debug, Deserialize)]
pub struct CriterionConfig {
    /// Name in the report (default: the metric).
    #[serde(default)]
    pub name: Option<String>,
    /// A metric of the comparison (`co2e_wtw_kg`, `orders_late` …).
    pub metric: String,
    /// `lower` or `higher`: which way is better.
    pub better: String,
    /// Weight (0 or more; the weights need not sum to 100).
    pub weight: f64,
    /// `mean` (default), `change` or `change_pct` (against the comparison's first scenario).
    #[serde(default)]
    pub measure: Option<String>,
    /// The metric in percent of the sum of these metrics (e.g. late orders among all orders).
    #[serde(default)]
    pub share_of: Vec<String>,
    /// Pass/fail limit: a package passes when the unfavourable end of its 95 % interval is on
    /// the good side of it (at most the limit when lower is better, at least when higher).
    #[serde(default)]
    pub limit: Option<f64>,
    /// The value that earns full points (default: the best package's).
    #[serde(default)]
    pub full_at: Option<f64>,
    /// The value that earns no point (default: the worst package's).
    #[serde(default)]
    pub zero_at: Option<f64>,
}

/// Which column of the comparison a criterion reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The mean over seeds and its interval.
    Mean,
    /// The paired change against the first scenario, in the metric's unit.
    Change,
    /// The paired change in percent of the first scenario's mean.
    ChangePct,
}

impl Measure {
    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Mean => "mean",
            Measure::Change => "change",
            Measure::ChangePct => "change_pct",
        }
    }
}

/// A criterion, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// Name in the report.
    pub name: String,
    /// Metric of the comparison.
    pub metric: String,
    /// Lower values are better.
    pub lower_is_better: bool,
    /// Weight, 0 or more.
    pub weight: f64,
    /// The column it reads.
    pub measure: Measure,
    /// Denominator metrics of a share (empty: the metric itself).
    pub share_of: Vec<String>,
    /// Pass/fail limit.
    pub limit: Option<f64>,
    /// Value earning full points, if fixed.
    pub full_at: Option<f64>,
    /// Value earning no point, if fixed.
    pub zero_at: Option<f64>,
}

/// The checked criteria file.
#[derive(Clone, Debug, PartialEq)]
pub struct Criteria {
    /// Title.
    pub title: String,
    /// Criteria, in file order.
    pub criteria: Vec<Criterion>,
}

impl Criteria {
    /// Each criterion's weight over the sum of the weights, computed without overflow (the
    /// weights are first divided by the largest, so their sum is at most the count).
    #[must_use]
    pub fn weight_shares(&self) -> Vec<f64> {
        let largest = self.criteria.iter().map(|c| c.weight).fold(0.0, f64::max);
        if largest <= 0.0 {
            return vec![0.0; self.criteria.len()];
        }
        let scaled: Vec<f64> = self.criteria.iter().map(|c| c.weight / largest).collect();
        let total: f64 = scaled.iter().sum();
        scaled.iter().map(|w| w / total).collect()
    }
}

/// Reads and checks the criteria at `path` against the metrics of `results`.
///
/// # Errors
/// The file cannot be read or parsed; or, all at once: an unknown field, an unknown metric, a
/// negative or non-finite weight, weights summing to 0, a direction that is neither `lower`
/// nor `higher`, an unknown measure, a share with a change, a limit or range that is not a
/// number, full and zero points the wrong way round.
pub fn read_criteria(path: &Path, results: &Results) -> Result<Criteria, ScoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_criteria(&text, path, results)
}

/// As [`read_criteria`], from the file's text.
///
/// # Errors
/// As [`read_criteria`].
pub fn parse_criteria(text: &str, path: &Path, results: &Results) -> Result<Criteria, ScoreError> {
    let parse_error = |message: String| ScoreError::Parse {
        path: path.to_owned(),
        message: message.trim_end().to_owned(),
    };
    let deserializer = toml::Deserializer::parse(text).map_err(|e| parse_error(e.to_string()))?;
    let mut unknown = Vec::new();
    let cfg: CriteriaConfig =
        serde_ignored::deserialize(deserializer, |p| unknown.push(p.to_string()))
            .map_err(|e| parse_error(e.to_string()))?;
    let mut problems: Vec<String> = unknown
        .iter()
        .map(|p| {
            format!(
                "{p}: unknown field; check its spelling against docs/procurement.md, or remove it"
            )
        })
        .collect();
    if cfg.criterion.is_empty() {
        problems.push(
            "criterion: no [[criterion]] is given; add at least one with metric, better and weight"
                .into(),
        );
    }
    let known = results.metrics();
    let known_list = known.join(", ");
    let mut criteria = Vec::new();
    for (i, c) in cfg.criterion.iter().enumerate() {
        let at = format!("criterion[{i}]");
        let mut check = |ok: bool, field: &str, problem: String| {
            if !ok {
                problems.push(format!("{at}.{field}: {problem}"));
            }
        };
        check(
            known.contains(&c.metric.as_str()),
            "metric",
            format!(
                "`{}` is not a metric of the results; use one of {known_list}",
                c.metric
            ),
        );
        for (k, m) in c.share_of.iter().enumerate() {
            check(
                known.contains(&m.as_str()),
                &format!("share_of[{k}]"),
                format!("`{m}` is not a metric of the results; use one of {known_list}"),
            );
        }
        let lower = match c.better.as_str() {
            "lower" => Some(true),
            "higher" => Some(false),
            _ => None,
        };
        check(
            lower.is_some(),
            "better",
            format!(
                "`{}` is no direction; write \"lower\" or \"higher\"",
                c.better
            ),
        );
        check(
            c.weight.is_finite() && c.weight >= 0.0,
            "weight",
            format!("is {}; give a weight of 0 or more", c.weight),
        );
        let measure = match c.measure.as_deref().unwrap_or("mean") {
            "mean" => Some(Measure::Mean),
            "change" => Some(Measure::Change),
            "change_pct" => Some(Measure::ChangePct),
            _ => None,
        };
        check(
            measure.is_some(),
            "measure",
            format!(
                "`{}` is no measure; write \"mean\", \"change\" or \"change_pct\"",
                c.measure.as_deref().unwrap_or("")
            ),
        );
        check(
            c.share_of.is_empty() || measure == Some(Measure::Mean),
            "share_of",
            "a share is taken of means; remove share_of or the measure".into(),
        );
        for (field, x) in [
            ("limit", c.limit),
            ("full_at", c.full_at),
            ("zero_at", c.zero_at),
        ] {
            check(
                x.is_none_or(f64::is_finite),
                field,
                "is not a finite number".into(),
            );
        }
        if let (Some(full), Some(zero), Some(lower)) = (c.full_at, c.zero_at, lower) {
            check(
                if lower { full < zero } else { full > zero },
                "full_at",
                format!(
                    "{full} earns full points and {zero} none, but {} is better: swap them, or fix `better`",
                    if lower { "lower" } else { "higher" }
                ),
            );
        }
        criteria.push(Criterion {
            name: c.name.clone().unwrap_or_else(|| c.metric.clone()),
            metric: c.metric.clone(),
            lower_is_better: lower.unwrap_or(true),
            weight: c.weight,
            measure: measure.unwrap_or(Measure::Mean),
            share_of: c.share_of.clone(),
            limit: c.limit,
            full_at: c.full_at,
            zero_at: c.zero_at,
        });
    }
    let total: f64 = cfg.criterion.iter().map(|c| c.weight).sum();
    if !cfg.criterion.is_empty() && total.is_finite() && total <= 0.0 {
        problems.push(
            "criterion[*].weight: the weights sum to 0; give some criterion a positive weight"
                .into(),
        );
    }
    if !problems.is_empty() {
        return Err(ScoreError::Criteria {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(Criteria {
        title: cfg.title,
        criteria,
    })
}
