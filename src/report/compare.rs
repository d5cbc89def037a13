//! The comparison's outputs: `comparison.csv` (one row per scenario and metric) and a
//! `report.html` with the scenarios side by side.

use super::charts::bars_with_intervals;
use super::html::esc;
use super::tornado::{Bar, svg};
use crate::simulation::compare::{Comparison, ComparisonRow, METRICS};
use crate::simulation::variants::{RobustRow, Variant};
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
        out += &row_line(r);
    }
    out
}

/// One `comparison.csv` line (its fields from `scenario` on), with its newline.
fn row_line(r: &ComparisonRow) -> String {
    format!(
        "{},{},{},{},{},{},{},{},{},{}\n",
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
    )
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

/// A comparison's runs under each variant and the robustness of each change.
pub type Sensitivity<'a> = (&'a [(Variant, Comparison)], &'a [RobustRow]);

/// The side-by-side page; `sensitivity`: the runs under each variant and the robustness of
/// each change, when the comparison was varied.
pub fn page(c: &Comparison, sensitivity: Option<Sensitivity>) -> String {
    let mut out = String::with_capacity(1 << 16);
    out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>freightsim: comparison</title>\n<style>";
    out += super::html::STYLE;
    out += "\n.charts{display:flex;flex-wrap:wrap;gap:.5rem}</style></head><body>\n";
    let _ = write!(
        out,
        "<h1>Scenario comparison</h1>\n<p class=\"muted\">{} scenarios, {} seeds each ({}), on common random numbers. Every metric without the <code>fleet_</code> prefix is measured on the cohort: the orders placed after the warm-up, followed to their delivery, with their trips' figures attributed by ISO 14083 shares, so each scenario is measured on the same orders. Means with 95 % intervals (Student's t over seeds); changes against <b>{}</b>, paired seed by seed. Made by freightsim {}.</p>\n",
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
    out += "</div>\n";
    for (i, s) in c.scenarios.iter().enumerate() {
        if !c.same_cohort[i] {
            let _ = writeln!(
                out,
                "<p><b>Note:</b> {} is measured on other orders than {} (its demand settings differ), so its changes mix the demand's difference with the rule's.</p>",
                esc(s),
                esc(&c.scenarios[0])
            );
        }
    }
    out += "<h2>Every metric</h2>\n<table><tr><th>metric</th><th>unit</th>";
    for s in &c.scenarios {
        let _ = write!(out, "<th>{}</th>", esc(s));
    }
    out += "</tr>\n";
    let mut all_zero = Vec::new();
    for (metric, unit) in METRICS {
        if c.scenarios
            .iter()
            .all(|s| row(c, s, metric).mean == 0.0 && row(c, s, metric).ci95.abs() == 0.0)
        {
            all_zero.push(metric);
            continue;
        }
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
    out += "</table>\n";
    if !all_zero.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Zero in every scenario, so left out of the table: {}.</p>",
            all_zero.join(", ")
        );
    }
    out += "<p class=\"muted\">Each scenario's own report (freightsim simulate) has its sources and assumptions; comparison.csv holds these figures with four decimals.</p>\n";
    if let Some((runs, robust)) = sensitivity {
        out += &sensitivity_section(c, runs, robust);
    }
    out += "</body></html>\n";
    out
}

/// `sensitivity.csv`: the comparison's rows under every variant (`variant, scenario, metric,
/// unit, seeds, mean, ci95, change, change_ci95, change_pct, change_pct_ci95`).
pub fn sensitivity_csv(runs: &[(Variant, Comparison)]) -> String {
    let mut out = String::from(
        "variant,scenario,metric,unit,seeds,mean,ci95,change,change_ci95,change_pct,change_pct_ci95\n",
    );
    for (v, c) in runs {
        for r in &c.rows {
            out += &format!("{},{}", v.name, row_line(r));
        }
    }
    out
}

/// `robustness.csv`: per scenario and metric, the change as run, its range over the
/// variants, whether its sign and significance hold, and a sentence.
pub fn robustness_csv(rows: &[RobustRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "scenario",
        "metric",
        "base_change_pct",
        "base_change_pct_ci95",
        "min_change_pct",
        "min_variant",
        "max_change_pct",
        "max_variant",
        "sign_holds",
        "significant_everywhere",
        "fragile_under",
        "statement",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.scenario.clone(),
            r.metric.clone(),
            num(r.base_change_pct),
            num(r.base_change_pct_ci95),
            num(r.min_change_pct),
            r.min_variant.clone(),
            num(r.max_change_pct),
            r.max_variant.clone(),
            r.sign_holds.to_string(),
            r.significant_everywhere.to_string(),
            r.fragile_under.clone(),
            r.statement.clone(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn sensitivity_section(
    c: &Comparison,
    runs: &[(Variant, Comparison)],
    robust: &[RobustRow],
) -> String {
    let mut out = String::from(
        "<h2>Does the conclusion hold? Variants of the assumptions</h2>\n<p class=\"muted\">Each variant changes one input and reruns every scenario on the same seeds (the same cohort); the change against the first scenario is recomputed under it.</p>\n<table><tr><th>variant</th><th>what it changes</th></tr>\n",
    );
    for (v, _) in runs {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(&v.name),
            esc(&v.about)
        );
    }
    out += "</table>\n<table><tr><th>scenario</th><th>metric</th><th>as run</th><th>range over the variants</th><th>sign holds</th><th>reading</th></tr>\n";
    for r in robust {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td><td class=\"n\">{} %</td><td class=\"n\">{:+.1} % ({}) to {:+.1} % ({})</td><td>{}</td><td>{}</td></tr>",
            esc(&r.scenario),
            esc(&r.metric),
            signed(r.base_change_pct, r.base_change_pct_ci95, 1),
            r.min_change_pct,
            esc(&r.min_variant),
            r.max_change_pct,
            esc(&r.max_variant),
            if r.sign_holds { "yes" } else { "<b>no</b>" },
            esc(&r.statement)
        );
    }
    out += "</table>\n<div class=\"charts\">";
    for s in c.scenarios.iter().skip(1) {
        for metric in ["co2e_wtw_kg", "cost_eur"] {
            let mut bars = Vec::new();
            let base = row(c, s, metric);
            bars.push(Bar {
                label: "as run".into(),
                change_pct: base.change_pct,
                ci95: base.change_pct_ci95,
            });
            for (v, vc) in runs {
                if let Some(r) = vc
                    .rows
                    .iter()
                    .find(|r| &r.scenario == s && r.metric == metric)
                {
                    bars.push(Bar {
                        label: v.name.clone(),
                        change_pct: r.change_pct,
                        ci95: r.change_pct_ci95,
                    });
                }
            }
            let _ = write!(
                out,
                "<figure>{}</figure>",
                svg(
                    &format!("{s}: {metric}, change vs {}", c.scenarios[0]),
                    &bars
                )
            );
        }
    }
    out += "</div>\n";
    out
}
