//! Variants of assumptions: a named alternative for one input, laid over a scenario file
//! before it is validated, and run on the same seeds (the same cohort) as the scenario, to
//! show whether a comparison's conclusion holds when that input moves within its plausible
//! range ([`robustness`]).

use super::compare::{Comparison, ComparisonRow};
use crate::scenario::Scenario;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One variant of an assumption.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Name in outputs and on the command line.
    pub name: String,
    /// What it changes, for a reader.
    pub about: String,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A named variant of the emission-class table (`data/emissions/factor_variants.csv`).
    Factors(String),
    /// Another emission-class table, a file.
    FactorsFile(PathBuf),
    /// Every depot's access-leg detour factor.
    Detour(f64),
    /// Failed first attempts off.
    NoFailedAttempts,
    /// Demand (B2B and e-commerce) scaled.
    Demand(f64),
    /// Every depot moved this many km away from the demand's centroid (negative: towards).
    Depot(f64),
    /// The routing budget (iterations per solve) multiplied.
    Routing(u64),
}

/// The standard set, in the order the report lists them: the van energy factor, the
/// access-leg detour, failed attempts, demand, depot position and routing budget.
pub const STANDARD: [&str; 11] = [
    "load_only",
    "van_uk_defra",
    "van_copert_20kmh",
    "detour_1.2",
    "detour_1.5",
    "failed_attempts_off",
    "demand_x0.5",
    "demand_x2",
    "depot_closer_1km",
    "depot_farther_1km",
    "routing_x4",
];

impl Variant {
    /// The variant called `name`: one of [`STANDARD`], `factors=PATH` (an emission-class
    /// table of one's own) or `van_factor=NAME` (a row set of the factor-variant table).
    ///
    /// # Errors
    /// An unknown name (bad input; the message lists the known ones).
    pub fn named(name: &str) -> Result<Variant, crate::Error> {
        let v = |kind: Kind, about: &str| {
            Ok(Variant {
                name: name.to_owned(),
                about: about.to_owned(),
                kind,
            })
        };
        match name {
            "load_only" => v(
                Kind::Factors("load_only".into()),
                "energy from the load only: the French level-1 table (diesel van 0.160 L/km) at every speed, no COPERT speed curve nor stop term",
            ),
            "van_uk_defra" => v(
                Kind::Factors("uk_defra".into()),
                "diesel van energy: the UK DEFRA average (0.096 L/km) at every speed instead of the COPERT speed curves",
            ),
            "van_copert_20kmh" => v(
                Kind::Factors("copert_20kmh".into()),
                "diesel van energy: COPERT 5 N1-III at 20 km/h (0.106 L/km) at every speed instead of the speed curves",
            ),
            "detour_1.2" => v(
                Kind::Detour(1.2),
                "depot access legs 1.2 x the crow-fly distance (default 1.3)",
            ),
            "detour_1.5" => v(
                Kind::Detour(1.5),
                "depot access legs 1.5 x the crow-fly distance (default 1.3)",
            ),
            "failed_attempts_off" => v(Kind::NoFailedAttempts, "no failed first attempt at homes"),
            "demand_x0.5" => v(Kind::Demand(0.5), "half the B2B and e-commerce demand"),
            "demand_x2" => v(Kind::Demand(2.0), "twice the B2B and e-commerce demand"),
            "depot_closer_1km" => v(
                Kind::Depot(-1.0),
                "every carrier's depot 1 km closer to the demand's centroid (the centre's site stays)",
            ),
            "depot_farther_1km" => v(
                Kind::Depot(1.0),
                "every carrier's depot 1 km farther from the demand's centroid (the centre's site stays)",
            ),
            "routing_x4" => v(
                Kind::Routing(4),
                "four times the routing iterations per solve",
            ),
            _ => {
                if let Some(path) = name.strip_prefix("factors=") {
                    return v(
                        Kind::FactorsFile(PathBuf::from(path)),
                        &format!("the emission-class table {path}"),
                    );
                }
                if let Some(row) = name.strip_prefix("van_factor=") {
                    return v(
                        Kind::Factors(row.to_owned()),
                        &format!("variant {row} of data/emissions/factor_variants.csv"),
                    );
                }
                Err(crate::Error::Input(format!(
                    "variant `{name}` is unknown: use all, or a comma-separated list of {}, factors=PATH or van_factor=NAME",
                    STANDARD.join(", ")
                )))
            }
        }
    }

    /// The variants of a `--vary` list: `all` (the [`STANDARD`] set) or names separated by
    /// commas.
    ///
    /// # Errors
    /// An unknown or repeated name.
    pub fn parse_list(list: &str) -> Result<Vec<Variant>, crate::Error> {
        let names: Vec<&str> = if list.trim() == "all" {
            STANDARD.to_vec()
        } else {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        };
        let mut out: Vec<Variant> = Vec::new();
        for n in names {
            let v = Variant::named(n)?;
            if out.iter().any(|o| o.name == v.name) {
                return Err(crate::Error::Input(format!(
                    "variant `{n}` is listed twice in --vary"
                )));
            }
            out.push(v);
        }
        if out.is_empty() {
            return Err(crate::Error::Input(
                "--vary lists no variant: give all or names separated by commas".into(),
            ));
        }
        Ok(out)
    }

    /// Lays the variant over the scenario file's table; `centroid` (lon, lat) is the demand's
    /// centroid, for the depot variants.
    fn overlay(&self, t: &mut toml::Table, centroid: (f64, f64)) {
        use toml::Value;
        // The centre's site is a choice on the map (compared by `freightsim sites`), not an
        // uncertain position: the depot moves leave it where it is.
        let depots_only = |t: &mut toml::Table, f: &mut dyn FnMut(&mut toml::Table)| {
            if let Some(Value::Array(cs)) = t.get_mut("carrier") {
                for c in cs.iter_mut() {
                    if let Some(Value::Table(d)) = c.get_mut("depot") {
                        f(d);
                    }
                }
            }
        };
        let depots = |t: &mut toml::Table, f: &mut dyn FnMut(&mut toml::Table)| {
            depots_only(t, &mut *f);
            if let Some(Value::Table(u)) = t.get_mut("ucc")
                && let Some(Value::Table(op)) = u.get_mut("operator")
                && let Some(Value::Table(d)) = op.get_mut("depot")
            {
                f(d);
            }
        };
        match &self.kind {
            Kind::Factors(name) => set(
                t,
                "emissions",
                "factors_variant",
                Value::String(name.clone()),
            ),
            Kind::FactorsFile(path) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                set(
                    t,
                    "tables",
                    "emission_factors",
                    Value::String(abs.display().to_string()),
                );
            }
            Kind::Detour(k) => depots(t, &mut |d| {
                d.insert("access_circuity".into(), Value::Float(*k));
            }),
            Kind::NoFailedAttempts => set(t, "demand", "failed_attempts", Value::Boolean(false)),
            Kind::Demand(k) => {
                for key in ["b2b_scale", "ecommerce_scale"] {
                    let now = t
                        .get("demand")
                        .and_then(|d| d.get(key))
                        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                        .unwrap_or(1.0);
                    set(t, "demand", key, Value::Float(now * k));
                }
            }
            Kind::Depot(km) => depots_only(t, &mut |d| {
                let get = |k: &str| {
                    d.get(k)
                        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                };
                if let (Some(lon), Some(lat)) = (get("lon"), get("lat")) {
                    let (lon2, lat2) = moved(lon, lat, centroid, *km);
                    d.insert("lon".into(), Value::Float(lon2));
                    d.insert("lat".into(), Value::Float(lat2));
                }
            }),
            Kind::Routing(k) => {
                let now = t
                    .get("routing")
                    .and_then(|d| d.get("iterations"))
                    .and_then(toml::Value::as_integer)
                    .unwrap_or(300);
                set(
                    t,
                    "routing",
                    "iterations",
                    Value::Integer(now.saturating_mul(*k as i64)),
                );
            }
        }
    }

    /// The scenario at `path` under this variant (`centroid`: the demand's centroid).
    ///
    /// # Errors
    /// The file cannot be read, or the variant makes it invalid: the message names the
    /// variant and the field.
    pub fn load(&self, path: &Path, centroid: (f64, f64)) -> Result<Scenario, crate::Error> {
        crate::scenario::load_with(path, |t| self.overlay(t, centroid)).map_err(|e| {
            crate::Error::Input(format!(
                "variant `{}` ({}) makes {} invalid:\n{e}",
                self.name,
                self.about,
                path.display()
            ))
        })
    }
}

/// Sets `key` of section `sec` of `t` (the section made if absent).
fn set(t: &mut toml::Table, sec: &str, key: &str, v: toml::Value) {
    let e = t
        .entry(sec.to_owned())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if !e.is_table() {
        *e = toml::Value::Table(toml::Table::new());
    }
    if let Some(table) = e.as_table_mut() {
        table.insert(key.to_owned(), v);
    }
}

/// `(lon, lat)` moved `km` away from `centroid` (towards it when negative), along the line
/// joining them, on a local flat approximation.
fn moved(lon: f64, lat: f64, centroid: (f64, f64), km: f64) -> (f64, f64) {
    let k_lat = 111.32;
    let k_lon = 111.32 * lat.to_radians().cos();
    let dx = (lon - centroid.0) * k_lon;
    let dy = (lat - centroid.1) * k_lat;
    let d = (dx * dx + dy * dy).sqrt();
    if d < 1e-9 {
        return (lon + km / k_lon, lat);
    }
    let f = (d + km).max(0.0) / d;
    (centroid.0 + dx * f / k_lon, centroid.1 + dy * f / k_lat)
}

/// The centroid (lon, lat) of a world's sites.
pub fn demand_centroid(world: &super::World) -> (f64, f64) {
    let n = world.sites.len().max(1) as f64;
    let (x, y) = world.sites.iter().fold((0.0, 0.0), |(x, y), s| {
        (x + s.position.lon, y + s.position.lat)
    });
    (x / n, y / n)
}

/// Whether one comparison's change holds across the variants.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RobustRow {
    /// Scenario compared with the first.
    pub scenario: String,
    /// Metric.
    pub metric: String,
    /// Change against the first scenario as run, percent.
    pub base_change_pct: f64,
    /// Its 95 % half-width.
    pub base_change_pct_ci95: f64,
    /// The lowest change under any variant (the base included), percent.
    pub min_change_pct: f64,
    /// The variant giving it.
    pub min_variant: String,
    /// The highest, percent.
    pub max_change_pct: f64,
    /// The variant giving it.
    pub max_variant: String,
    /// The sign of the change is the same under every variant.
    pub sign_holds: bool,
    /// The 95 % interval of the change excludes zero under every variant.
    pub significant_everywhere: bool,
    /// Variants under which the sign differs from the base's (or the change is not
    /// significant), separated by `;`.
    pub fragile_under: String,
    /// One sentence for a reader.
    pub statement: String,
}

fn find<'a>(rows: &'a [ComparisonRow], scenario: &str, metric: &str) -> Option<&'a ComparisonRow> {
    rows.iter()
        .find(|r| r.scenario == scenario && r.metric == metric)
}

/// Per scenario after the first and per metric of `metrics`: the change under the base and
/// under every variant, and whether its sign and significance hold.
pub fn robustness(
    base: &Comparison,
    runs: &[(Variant, Comparison)],
    metrics: &[&str],
) -> Vec<RobustRow> {
    let mut out = Vec::new();
    for scenario in base.scenarios.iter().skip(1) {
        for &metric in metrics {
            let Some(b) = find(&base.rows, scenario, metric) else {
                continue;
            };
            let mut all = vec![("as run".to_owned(), b.change_pct, b.change_pct_ci95)];
            for (v, c) in runs {
                if let Some(r) = find(&c.rows, scenario, metric) {
                    all.push((v.name.clone(), r.change_pct, r.change_pct_ci95));
                }
            }
            let finite: Vec<&(String, f64, f64)> =
                all.iter().filter(|(_, x, _)| x.is_finite()).collect();
            if finite.is_empty() {
                continue;
            }
            let min = finite
                .iter()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .expect("some");
            let max = finite
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .expect("some");
            let sign = |x: f64| {
                if x > 0.0 {
                    1
                } else if x < 0.0 {
                    -1
                } else {
                    0
                }
            };
            let base_sign = sign(b.change_pct);
            let sign_holds = finite.iter().all(|(_, x, _)| sign(*x) == base_sign);
            let significant = |x: f64, h: f64| h.is_finite() && x.abs() > h;
            let significant_everywhere = finite.iter().all(|(_, x, h)| significant(*x, *h));
            let fragile: Vec<String> = finite
                .iter()
                .filter(|(_, x, h)| sign(*x) != base_sign || !significant(*x, *h))
                .map(|(n, _, _)| n.clone())
                .collect();
            let range = format!("{:+.1} % to {:+.1} %", min.1, max.1);
            let statement = if base_sign == 0 && sign_holds {
                format!("{metric}: no change under any variant")
            } else if sign_holds && significant_everywhere {
                format!(
                    "{metric}: {} under every variant ({range}; the 95 % interval excludes zero in each)",
                    if base_sign < 0 { "falls" } else { "rises" }
                )
            } else if sign_holds {
                format!(
                    "{metric}: {} under every variant ({range}), but the 95 % interval includes zero under {}",
                    if base_sign < 0 { "falls" } else { "rises" },
                    fragile.join(", ")
                )
            } else {
                // A variant under which the change is exactly nil (the mechanism is switched
                // off) is told apart from one under which it turns the other way.
                let names = |keep: &dyn Fn(i32) -> bool| -> Vec<&str> {
                    finite
                        .iter()
                        .filter(|(_, x, _)| sign(*x) != base_sign && keep(sign(*x)))
                        .map(|(n, _, _)| n.as_str())
                        .collect()
                };
                let flips = names(&|s| s != 0);
                let nil = names(&|s| s == 0);
                let none = if nil.is_empty() {
                    String::new()
                } else {
                    format!("; no change under {}", nil.join(", "))
                };
                if flips.is_empty() {
                    format!(
                        "{metric}: {} as run and under every variant that moves it ({range}){none}",
                        if base_sign < 0 { "falls" } else { "rises" }
                    )
                } else {
                    format!(
                        "{metric}: its sign depends on the assumptions ({range}); it changes sign under {}{none}",
                        flips.join(", ")
                    )
                }
            };
            out.push(RobustRow {
                scenario: scenario.clone(),
                metric: metric.to_owned(),
                base_change_pct: b.change_pct,
                base_change_pct_ci95: b.change_pct_ci95,
                min_change_pct: min.1,
                min_variant: min.0.clone(),
                max_change_pct: max.1,
                max_variant: max.0.clone(),
                sign_holds,
                significant_everywhere,
                fragile_under: fragile.join(";"),
                statement,
            });
        }
    }
    out
}

/// The metrics whose robustness a comparison reports.
pub const ROBUST_METRICS: [&str; 5] = [
    "co2e_wtw_kg",
    "vehicle_km",
    "cost_eur",
    "nox_g",
    "zone_vehicle_km_inside",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn comparison(change_pct: f64) -> Comparison {
        let row = |scenario: &str, pct: f64| ComparisonRow {
            scenario: scenario.into(),
            metric: "co2e_wtw_kg".into(),
            unit: "kg".into(),
            seeds: 3,
            mean: 100.0 + pct,
            ci95: 1.0,
            change: pct,
            change_ci95: 0.2,
            change_pct: pct,
            change_pct_ci95: 0.2,
        };
        Comparison {
            scenarios: vec!["base".into(), "off-peak".into()],
            seeds: vec![1, 2, 3],
            summaries: Vec::new(),
            rows: vec![row("base", 0.0), row("off-peak", change_pct)],
            same_cohort: vec![true, true],
        }
    }

    fn variant(name: &str) -> Variant {
        Variant::named(name).unwrap()
    }

    #[test]
    fn a_variant_that_switches_the_effect_off_is_not_called_a_sign_change() {
        let base = comparison(-3.9);
        let runs = vec![
            (variant("load_only"), comparison(0.0)),
            (variant("detour_1.5"), comparison(-3.5)),
        ];
        let r = &robustness(&base, &runs, &["co2e_wtw_kg"])[0];
        assert!(!r.sign_holds);
        assert_eq!(
            r.statement,
            "co2e_wtw_kg: falls as run and under every variant that moves it (-3.9 % to +0.0 %); no change under load_only"
        );
        // A variant that turns it the other way is a sign change, said apart from the nil.
        let runs = vec![
            (variant("load_only"), comparison(0.0)),
            (variant("detour_1.5"), comparison(1.2)),
        ];
        let r = &robustness(&base, &runs, &["co2e_wtw_kg"])[0];
        assert_eq!(
            r.statement,
            "co2e_wtw_kg: its sign depends on the assumptions (-3.9 % to +1.2 %); it changes sign under detour_1.5; no change under load_only"
        );
    }
}
