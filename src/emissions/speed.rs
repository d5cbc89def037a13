//! Speed dependence of energy and NOx: the COPERT 5 / EMEP-EEA Tier 3 hot average-speed
//! function used as a multiplier on the load-dependent per-km values, read from
//! `data/emissions/speed_curves.csv`.
//!
//! `EF(v) = (α v² + β v + γ + δ / v) / (ε v² + ζ v + η)`, `v` the leg's average speed in km/h,
//! clamped to the row's `[v_min, v_max]`. The multiplier is `EF(v) / EF(v_ref)`: the class's
//! per-km value is taken to hold at `v_ref`. COPERT's reduction factor `(1 − RF)` cancels in
//! the ratio and is not stored.

use crate::scenario::Issue;
use crate::scenario::tables::TableText;
use serde::Deserialize;

/// One fitted speed function.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedCurve {
    /// Numerator and denominator coefficients α, β, γ, δ, ε, ζ, η.
    pub coef: [f64; 7],
    /// Speeds below are taken at this one, km/h.
    pub v_min: f64,
    /// Speeds above are taken at this one, km/h.
    pub v_max: f64,
    /// Speed at which the class's per-km value holds, km/h.
    pub v_ref: f64,
}

impl SpeedCurve {
    /// The fitted function at `v` (clamped to the valid range).
    pub fn value(&self, v: f64) -> f64 {
        let v = v.clamp(self.v_min, self.v_max);
        let [a, b, g, d, e, z, h] = self.coef;
        (a * v * v + b * v + g + d / v) / (e * v * v + z * v + h)
    }

    /// `value(v) / value(v_ref)`.
    pub fn multiplier(&self, v: f64) -> f64 {
        self.value(v) / self.value(self.v_ref)
    }

    /// The smallest multiplier at any speed, for bounds from below: the curve sampled every
    /// 0.01 km/h over its valid range (outside it the value is clamped), the best sample then
    /// refined by golden-section search, less a relative 1e-9 for the search's tolerance.
    pub fn min_multiplier(&self) -> f64 {
        let steps = ((self.v_max - self.v_min) / 0.01).ceil().max(1.0) as usize;
        let at = |k: usize| self.v_min + (self.v_max - self.v_min) * k as f64 / steps as f64;
        let best = (0..=steps)
            .min_by(|&a, &b| self.value(at(a)).total_cmp(&self.value(at(b))))
            .expect("one sample at least");
        let (mut lo, mut hi) = (at(best.saturating_sub(1)), at((best + 1).min(steps)));
        let phi = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..60 {
            let (x1, x2) = (hi - phi * (hi - lo), lo + phi * (hi - lo));
            if self.value(x1) <= self.value(x2) {
                hi = x2;
            } else {
                lo = x1;
            }
        }
        let v = self.value(at(best)).min(self.value((lo + hi) / 2.0));
        v / self.value(self.v_ref) * (1.0 - 1e-9)
    }
}

/// The speed dependence of one emission class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeedModel {
    /// Energy multiplier; `None`: energy does not depend on speed.
    pub energy: Option<SpeedCurve>,
    /// NOx multiplier; `None`: NOx does not depend on speed.
    pub nox: Option<SpeedCurve>,
    /// Energy added per delivery stop (acceleration after it), the class's energy unit.
    pub energy_per_stop: f64,
}

#[derive(Deserialize)]
struct Row {
    emission_class: String,
    quantity: String,
    alpha: f64,
    beta: f64,
    gamma: f64,
    delta: f64,
    epsilon: f64,
    zeta: f64,
    eta: f64,
    v_min_kmh: f64,
    v_max_kmh: f64,
    v_ref_kmh: f64,
    energy_per_stop: f64,
    source: String,
    #[allow(dead_code)]
    confidence: String,
}

/// Reads the table: per emission class its speed model.
pub(crate) fn read_speed_curves(
    table: &TableText,
    issues: &mut Vec<Issue>,
) -> std::collections::BTreeMap<String, SpeedModel> {
    const FIELD: &str = "tables.speed_curves";
    let mut out: std::collections::BTreeMap<String, SpeedModel> = Default::default();
    let rows = crate::scenario::tables::read_rows_at::<Row>(
        table,
        FIELD,
        "give every column of the header, numbers where numbers go",
        issues,
    );
    for (line, r) in rows {
        let at = format!(
            "{} line {line} ({} {})",
            table.name, r.emission_class, r.quantity
        );
        let curve = SpeedCurve {
            coef: [r.alpha, r.beta, r.gamma, r.delta, r.epsilon, r.zeta, r.eta],
            v_min: r.v_min_kmh,
            v_max: r.v_max_kmh,
            v_ref: r.v_ref_kmh,
        };
        let range_ok = r.v_min_kmh > 0.0
            && r.v_min_kmh < r.v_max_kmh
            && r.v_max_kmh.is_finite()
            && r.v_ref_kmh > 0.0;
        // The function must stay positive and finite over its valid range.
        let positive = range_ok && {
            let mut v = r.v_min_kmh;
            let mut ok = true;
            while v <= r.v_max_kmh {
                let x = curve.value(v);
                ok &= x.is_finite() && x > 0.0;
                v += 0.5;
            }
            ok && curve.value(r.v_ref_kmh) > 0.0
        };
        if !positive {
            issues.push(Issue::new(
                FIELD,
                format!(
                    "{at}: the curve is not positive over {}-{} km/h, or the range is empty",
                    r.v_min_kmh, r.v_max_kmh
                ),
                "give 0 < v_min < v_max, v_ref > 0 and coefficients whose function stays positive over the range",
            ));
            continue;
        }
        if !(r.energy_per_stop.is_finite() && r.energy_per_stop >= 0.0) {
            issues.push(Issue::new(
                FIELD,
                format!("{at}: energy_per_stop is {}", r.energy_per_stop),
                "give a number of zero or more",
            ));
        }
        if r.source.trim().is_empty() {
            issues.push(Issue::new(
                FIELD,
                format!("{at}: no source"),
                "say where the curve comes from, or mark it [assumption]",
            ));
        }
        let m = out.entry(r.emission_class.clone()).or_default();
        match r.quantity.as_str() {
            "energy" => {
                m.energy = Some(curve);
                m.energy_per_stop = r.energy_per_stop;
            }
            "nox" => m.nox = Some(curve),
            other => issues.push(Issue::new(
                FIELD,
                format!("{at}: quantity `{other}`"),
                "write energy or nox",
            )),
        }
    }
    out
}

/// The COPERT diesel van energy curve of `data/emissions/speed_curves.csv`, for tests.
#[cfg(test)]
pub(crate) fn test_van_curve() -> SpeedCurve {
    tests::van()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn van() -> SpeedCurve {
        SpeedCurve {
            coef: [
                1.22624979780772e-05,
                0.0606753136578384,
                4.1907611480648,
                2.91223338162501,
                -0.00030762529497547,
                0.0612139999069893,
                0.365924626015009,
            ],
            v_min: 5.0,
            v_max: 130.0,
            v_ref: 8.9,
        }
    }

    #[test]
    fn the_copert_van_curve_gives_the_facts_values_and_clamps() {
        let c = van();
        // speed-and-time-facts 1.3: 5.37 / 3.18 / 2.75 MJ/km at 10 / 30 / 50 km/h.
        assert!((c.value(10.0) - 5.37).abs() < 0.01);
        assert!((c.value(30.0) - 3.18).abs() < 0.01);
        assert!((c.value(50.0) - 2.75).abs() < 0.01);
        // Below the valid range the value at 5 km/h is used.
        assert_eq!(c.value(3.0), c.value(5.0));
        // At v_ref the curve gives the French level-1 0.160 L/km (23.42 g/MJ, 835 g/L).
        assert!((c.value(8.9) * 23.42 / 835.0 - 0.160).abs() < 0.001);
        // Slower is dearer per km in town.
        assert!(c.multiplier(21.0) > c.multiplier(30.0));
        // 0.7 x 30 km/h costs 13-19 % more per km (speed-and-time-facts 0.4).
        let r = c.value(21.0) / c.value(30.0);
        assert!((1.13..1.19).contains(&r), "{r}");
    }

    #[test]
    fn the_least_multiplier_is_a_floor_reached_inside_the_range() {
        let c = van();
        let floor = c.min_multiplier();
        // Below v_ref's multiplier (1) by far: a van at town speeds emits less than the
        // level-1 value, which is why a bound must not price km at the table's value.
        assert!(floor < 0.7, "{floor}");
        let mut least = f64::INFINITY;
        for k in 0..=20_000 {
            let v = 1.0 + 150.0 * f64::from(k) / 20_000.0;
            assert!(
                c.multiplier(v) >= floor,
                "{v} km/h: {} < {floor}",
                c.multiplier(v)
            );
            least = least.min(c.multiplier(v));
        }
        // And tight: the finest sampling comes within a millionth of it.
        assert!(least - floor < 1e-6 * least, "{least} vs {floor}");
    }
}
