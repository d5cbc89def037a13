//! Reading `comparison.csv` files of `freightsim compare`: one row per scenario and metric,
//! with the mean over seeds, its 95 % half-width and the paired change against the first
//! scenario. Metrics are found by name, so a comparison with more metrics reads the same.

use super::ScoreError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The columns a `comparison.csv` must have (more are ignored).
pub const COLUMNS: [&str; 10] = [
    "scenario",
    "metric",
    "unit",
    "seeds",
    "mean",
    "ci95",
    "change",
    "change_ci95",
    "change_pct",
    "change_pct_ci95",
];

/// One metric of one scenario (a package).
#[derive(Clone, Debug, PartialEq)]
pub struct MetricValue {
    /// Unit, as the comparison wrote it.
    pub unit: String,
    /// Seeds behind the mean.
    pub seeds: u32,
    /// Mean over seeds.
    pub mean: f64,
    /// 95 % half-width (NaN: one seed).
    pub ci95: f64,
    /// Paired change against the comparison's first scenario.
    pub change: f64,
    /// Its 95 % half-width.
    pub change_ci95: f64,
    /// The change in percent of the first scenario's mean (NaN when that mean is 0).
    pub change_pct: f64,
    /// Its 95 % half-width, percent.
    pub change_pct_ci95: f64,
}

/// Every package of the results files, in the order first met.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Package (scenario) names.
    pub packages: Vec<String>,
    /// The file each package came from.
    pub files: Vec<PathBuf>,
    /// (package, metric) → its value.
    pub values: BTreeMap<(String, String), MetricValue>,
}

impl Results {
    /// The value of `metric` for `package`.
    pub fn get(&self, package: &str, metric: &str) -> Option<&MetricValue> {
        self.values.get(&(package.to_owned(), metric.to_owned()))
    }

    /// Every metric name present, sorted.
    pub fn metrics(&self) -> Vec<&str> {
        let mut m: Vec<&str> = self.values.keys().map(|k| k.1.as_str()).collect();
        m.sort_unstable();
        m.dedup();
        m
    }
}

/// The CSV behind `path`: the file itself, or `comparison.csv` inside a directory.
fn comparison_file(path: &Path) -> Result<PathBuf, ScoreError> {
    if path.is_dir() {
        let f = path.join("comparison.csv");
        if f.is_file() {
            Ok(f)
        } else {
            Err(ScoreError::NoComparison(path.to_owned()))
        }
    } else {
        Ok(path.to_owned())
    }
}

fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        Some(f64::NAN)
    } else {
        t.parse::<f64>().ok().filter(|x| !x.is_nan())
    }
}

/// Reads every results path (a `comparison.csv` or a directory holding one).
///
/// # Errors
/// A file is missing or unreadable, has not the columns of [`COLUMNS`], holds a value that is
/// not a number, or names a scenario another file (or an earlier row) already gave.
pub fn read_results(paths: &[PathBuf]) -> Result<Results, ScoreError> {
    let mut out = Results::default();
    for p in paths {
        let path = comparison_file(p)?;
        let text = std::fs::read_to_string(&path).map_err(|source| ScoreError::Read {
            path: path.clone(),
            source,
        })?;
        read_one(&text, &path, &mut out)?;
    }
    Ok(out)
}

fn read_one(text: &str, path: &Path, out: &mut Results) -> Result<(), ScoreError> {
    let bad = |message: String| ScoreError::Results {
        path: path.to_owned(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("cannot read the header: {e}")))?
        .clone();
    let mut col = [0usize; COLUMNS.len()];
    let missing: Vec<&str> = COLUMNS
        .iter()
        .enumerate()
        .filter_map(|(k, name)| match headers.iter().position(|h| h == *name) {
            Some(i) => {
                col[k] = i;
                None
            }
            None => Some(*name),
        })
        .collect();
    if !missing.is_empty() {
        return Err(bad(format!(
            "is not a comparison.csv of `freightsim compare`: column(s) {} missing (header: `{}`); give the comparison.csv that `freightsim compare --out DIR` writes",
            missing.join(", "),
            headers.iter().collect::<Vec<_>>().join(",")
        )));
    }
    let mut mine: Vec<String> = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let r = record.map_err(|e| bad(format!("line {line}: {e}")))?;
        let field = |c: usize| r.get(col[c]).unwrap_or("");
        let scenario = field(0).to_owned();
        let metric = field(1).to_owned();
        if scenario.is_empty() || metric.is_empty() {
            return Err(bad(format!(
                "line {line}: the scenario or the metric is empty; fix or remove the row"
            )));
        }
        let num = |c: usize| {
            number(field(c)).ok_or_else(|| {
                bad(format!(
                    "line {line}: {} = `{}` is not a number; write a number, or leave it empty where undefined",
                    COLUMNS[c],
                    field(c)
                ))
            })
        };
        let seeds = field(3).parse::<u32>().map_err(|_| {
            bad(format!(
                "line {line}: seeds = `{}` is not a whole number",
                field(3)
            ))
        })?;
        let value = MetricValue {
            unit: field(2).to_owned(),
            seeds,
            mean: num(4)?,
            ci95: num(5)?,
            change: num(6)?,
            change_ci95: num(7)?,
            change_pct: num(8)?,
            change_pct_ci95: num(9)?,
        };
        for (c, x) in [
            (4, value.mean),
            (5, value.ci95),
            (6, value.change),
            (7, value.change_ci95),
            (8, value.change_pct),
            (9, value.change_pct_ci95),
        ] {
            if x.is_infinite() {
                return Err(bad(format!(
                    "line {line}: {} = `{}` is not finite; write a finite number, or leave it empty where undefined",
                    COLUMNS[c],
                    field(c)
                )));
            }
            if c % 2 == 1 && x < 0.0 {
                return Err(bad(format!(
                    "line {line}: {} = `{}` is a negative half-width; a 95 % half-width is 0 or more (empty for one seed)",
                    COLUMNS[c],
                    field(c)
                )));
            }
        }
        if !value.mean.is_finite() {
            return Err(bad(format!(
                "line {line}: the mean of `{metric}` for `{scenario}` is empty; every metric needs a mean"
            )));
        }
        if !mine.contains(&scenario) {
            if out.packages.contains(&scenario) {
                let other = &out.files[out.packages.iter().position(|s| *s == scenario).unwrap()];
                return Err(bad(format!(
                    "scenario `{scenario}` is also in {}: give each package once (rename one scenario, or drop one file)",
                    other.display()
                )));
            }
            mine.push(scenario.clone());
            out.packages.push(scenario.clone());
            out.files.push(path.to_owned());
        }
        if out
            .values
            .insert((scenario.clone(), metric.clone()), value)
            .is_some()
        {
            return Err(bad(format!(
                "line {line}: metric `{metric}` of `{scenario}` is given twice; keep one row"
            )));
        }
    }
    if mine.is_empty() {
        return Err(bad(
            "has no row: run `freightsim compare` and give its comparison.csv".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_cells_are_undefined_and_columns_are_found_by_name() {
        let text = "metric,scenario,unit,seeds,mean,ci95,change,change_ci95,change_pct,change_pct_ci95\n\
                    trips,a,trips,1,10,,0,,0,\n";
        let mut r = Results::default();
        read_one(text, Path::new("x.csv"), &mut r).unwrap();
        let v = r.get("a", "trips").unwrap();
        assert_eq!((v.mean, v.seeds), (10.0, 1));
        assert!(v.ci95.is_nan());
        let bad = "scenario,metric,mean\na,trips,1\n";
        let e = read_one(bad, Path::new("x.csv"), &mut Results::default()).unwrap_err();
        assert!(e.to_string().contains("unit, seeds, ci95"), "{e}");
    }
}
