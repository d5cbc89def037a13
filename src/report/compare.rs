//! The comparison's outputs: `comparison.csv` (one row per scenario and metric) and a
//! `report.html` with the scenarios side by side.

use super::charts::bars_with_intervals;
use super::html::esc;
use crate::simulation::compare::{Comparison, ComparisonRow, METRICS};
use std::fmt::Write;

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.4}")
    } else {
        String::new()
    }
}

/// `comparison.csv`: `scenario, metric, unit, seeds, mean, ci95, change, change_ci95,
/// change_pct, change_pct_ci95`, numbers with four decimals, empty where undefined (an
/// interval over one seed, a percent of zero).
pub fn csv(c: &Comparison) -> String {
    let mut out = String::from(
        "scenario,metric,unit,seeds,mean,ci95,change,change_ci95,change_pct,change_pct_ci95\n",
    );
    for r in &c.rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            r.scenario,
            r.metric,
            r.unit,
            r.seeds,
            num(r.mean),
            num(r.ci95),
            num(r.change),
            num(r.change_ci95),
            num(r.change_pct),
            num(r.change_pct_ci95)
        );
    }
    out
}

fn row<'a>(c: &'a Comparison, scenario: &str, metric: &str) -> &'a ComparisonRow {
    c.rows
        .iter()
        .find(|r| r.scenario == scenario && r.metric == metric)
        .expect("every scenario has every metric")
}

fn pm(mean: f64, half: f64, decimals: usize) -> String {
    if half.is_finite() {
        format!("{mean:.decimals$} ± {half:.decimals$}")
    } else {
        format!("{mean:.decimals$}")
    }
}

fn signed(change: f64, half: f64, decimals: usize) -> String {
    let text = pm(change, half, decimals);
    if change > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// The side-by-side page.
pub fn page(c: &Comparison) -> String {
    let mut out = String::with_capacity(1 << 16);
    out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>freightsim: comparison</title>\n<style>";
    out += super::html::STYLE;
    out += "\n.charts{display:flex;flex-wrap:wrap;gap:.5rem}</style></head><body>\n";
    let _ = write!(
        out,
        "<h1>Scenario comparison</h1>\n<p class=\"muted\">{} scenarios, {} seeds each ({}), on common random numbers; means after each scenario's warm-up with 95 % intervals (Student's t over seeds); changes against <b>{}</b>, paired seed by seed. Made by freightsim {}.</p>\n",
        c.scenarios.len(),
        c.seeds.len(),
        c.seeds
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        esc(&c.scenarios[0]),
        env!("CARGO_PKG_VERSION")
    );
    out += "<h2>Key metrics</h2>\n<div class=\"charts\">";
    for (metric, title) in [
        ("co2e_wtw_kg", "kg CO₂e well-to-wheel"),
        ("co2e_ttw_kg", "kg CO₂e tank-to-wheel"),
        ("vehicle_km", "vehicle-km"),
        ("trips", "trips"),
        ("nox_g", "g NOx"),
        ("cost_eur", "cost EUR"),
    ] {
        let bars: Vec<(f64, f64)> = c
            .scenarios
            .iter()
            .map(|s| {
                let r = row(c, s, metric);
                (r.mean, r.ci95)
            })
            .collect();
        let _ = write!(
            out,
            "<figure>{}</figure>",
            bars_with_intervals(title, "", &c.scenarios, &bars)
        );
    }
    out += "</div>\n<h2>Every metric</h2>\n<table><tr><th>metric</th><th>unit</th>";
    for s in &c.scenarios {
        let _ = write!(out, "<th>{}</th>", esc(s));
    }
    out += "</tr>\n";
    for (metric, unit) in METRICS {
        let _ = write!(out, "<tr><th>{metric}</th><td>{unit}</td>");
        for (i, s) in c.scenarios.iter().enumerate() {
            let r = row(c, s, metric);
            let change = if i == 0 {
                String::new()
            } else if r.change_pct.is_finite() {
                format!(
                    "<br><span class=\"muted\">{}&nbsp;%</span>",
                    signed(r.change_pct, r.change_pct_ci95, 1)
                )
            } else {
                format!(
                    "<br><span class=\"muted\">{}</span>",
                    signed(r.change, r.change_ci95, 1)
                )
            };
            let _ = write!(
                out,
                "<td class=\"n\" data-metric=\"{}/{metric}\" data-value=\"{}\">{}{change}</td>",
                esc(s),
                num(r.mean),
                pm(r.mean, r.ci95, 1)
            );
        }
        out += "</tr>\n";
    }
    out += "</table>\n<p class=\"muted\">Each scenario's own report (freightsim simulate) has its sources and assumptions; comparison.csv holds these figures with four decimals.</p>\n</body></html>\n";
    out
}
