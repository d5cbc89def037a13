//! The page of a gathered sweep (`sweep.html`): per city its density and the paired change of
//! each (variant, rule) against the city's reference, and a chart of the change in CO₂e
//! against density.

use super::charts::{PALETTE, css};
use super::html::{STYLE, esc};
use crate::sweep::gather::{Gathered, SummaryRow};
use plotters::prelude::*;
use std::fmt::Write as _;

/// The metrics the page tabulates, with their label.
const SHOWN: [(&str, &str); 4] = [
    ("co2e_wtw_kg", "CO₂e WTW"),
    ("vehicle_km", "vehicle-km"),
    ("cost_eur", "cost"),
    ("trips", "trips"),
];

fn change_cell(r: &SummaryRow) -> String {
    if !r.change_pct.is_finite() {
        return "<td class=\"num\">–</td>".into();
    }
    let ci = if r.change_pct_ci95.is_finite() {
        format!(" ± {:.1}", r.change_pct_ci95)
    } else {
        String::new()
    };
    format!("<td class=\"num\">{:+.1}{ci} %</td>", r.change_pct)
}

/// The (variant, rule) pairs of the summary in order, the reference first.
fn series(g: &Gathered) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in &g.summary {
        let k = (r.variant.clone(), r.rule.clone());
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The chart: change in CO₂e (%, 95 % interval) against inhabitants per km², one colour per
/// (variant, rule) other than the reference.
pub fn density_chart(g: &Gathered) -> String {
    let series = series(g);
    let rows: Vec<&SummaryRow> = g
        .summary
        .iter()
        .filter(|r| r.metric == "co2e_wtw_kg" && r.change_pct.is_finite())
        .filter(|r| (r.variant.clone(), r.rule.clone()) != series[0])
        .collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 360)).into_drawing_area();
        root.fill(&WHITE).expect("svg in memory");
        let xs = rows.iter().map(|r| r.density_per_km2.max(1.0).log10());
        let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
        let (x0, x1) = if x0.is_finite() {
            (x0 - 0.2, x1 + 0.2)
        } else {
            (2.0, 5.0)
        };
        let lo = rows
            .iter()
            .map(|r| r.change_pct - r.change_pct_ci95.max(0.0))
            .fold(0.0, f64::min);
        let hi = rows
            .iter()
            .map(|r| r.change_pct + r.change_pct_ci95.max(0.0))
            .fold(0.0, f64::max);
        let pad = ((hi - lo) * 0.1).max(1.0);
        let mut chart = ChartBuilder::on(&root)
            .caption("Change in CO₂e WTW against density", ("sans-serif", 16))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, (lo - pad)..(hi + pad))
            .expect("chart area");
        chart
            .configure_mesh()
            .x_desc("inhabitants per km² (log scale)")
            .x_label_formatter(&|x| format!("{:.0}", 10f64.powf(*x)))
            .y_desc("change vs reference, %")
            .draw()
            .expect("mesh");
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x0, 0.0), (x1, 0.0)],
                BLACK.stroke_width(1),
            )))
            .expect("zero line");
        // Series side by side at each city (their intervals would hide one another), each
        // named in the chart's own legend, and each city named above its points: the SVG is
        // copied into pages (docs/cities.md) without the HTML around it.
        let n = series.len().saturating_sub(1).max(1) as f64;
        let dodge = |k: usize| ((k - 1) as f64 - (n - 1.0) / 2.0) * 0.012;
        for (k, key) in series.iter().enumerate().skip(1) {
            let colour = PALETTE[(k - 1) % PALETTE.len()];
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                .expect("legend entry")
                .label(format!("{} / {}", key.0, key.1))
                .legend(move |(x, y)| Circle::new((x + 6, y), 4, colour.filled()));
            for r in rows
                .iter()
                .filter(|r| (r.variant.clone(), r.rule.clone()) == *key)
            {
                let x = r.density_per_km2.max(1.0).log10() + dodge(k);
                let h = if r.change_pct_ci95.is_finite() {
                    r.change_pct_ci95
                } else {
                    0.0
                };
                chart
                    .draw_series(std::iter::once(ErrorBar::new_vertical(
                        x,
                        r.change_pct - h,
                        r.change_pct,
                        r.change_pct + h,
                        colour.stroke_width(2),
                        8,
                    )))
                    .expect("point");
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (x, r.change_pct),
                        4,
                        colour.filled(),
                    )))
                    .expect("point");
            }
        }
        let mut named: Vec<(&str, f64)> = Vec::new();
        for r in &rows {
            if !named.iter().any(|(c, _)| *c == r.city) {
                named.push((&r.city, r.density_per_km2.max(1.0).log10()));
            }
        }
        let top = hi + pad * 0.6;
        for (k, (city, x)) in named.iter().enumerate() {
            // Cities of near-equal density would print over one another: stagger them.
            let y = top - (k % 3) as f64 * pad * 0.35;
            chart
                .draw_series(std::iter::once(Text::new(
                    (*city).to_owned(),
                    (*x, y),
                    ("sans-serif", 11).into_font().color(&BLACK),
                )))
                .expect("city label");
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 11))
            .draw()
            .expect("legend");
        root.present().expect("svg in memory");
    }
    svg
}

/// The whole page.
pub fn page(name: &str, g: &Gathered) -> String {
    let series = series(g);
    let mut out = String::with_capacity(1 << 15);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>freightsim: sweep {}</title>\n<style>{STYLE}</style></head><body>\n",
        esc(name)
    );
    let seeds = g.summary.first().map_or(0, |r| r.seeds);
    let _ = write!(
        out,
        "<h1>Sweep {}</h1>\n<p class=\"muted\">{} cells: cities × variants × rules × {seeds} seeds. Every figure is measured on the cohort (the orders placed after the warm-up, followed to their delivery; the warm-up aligned over a city's cells so that they count the same orders). Changes are paired seed by seed against the city's reference, <b>{} / {}</b>, with 95 % intervals (Student's t over seeds). Density: inhabitants per km² of the bounding box of the city's sites. Made by freightsim {}.</p>\n",
        esc(name),
        g.cells.len(),
        esc(&series[0].0),
        esc(&series[0].1),
        env!("CARGO_PKG_VERSION")
    );
    if series.len() > 1 {
        out += "<h2>Saving against density</h2>\n<p>";
        for (k, (v, r)) in series.iter().enumerate().skip(1) {
            let _ = write!(
                out,
                "<span style=\"display:inline-block;width:12px;height:12px;background:{};margin:0 4px 0 12px\"></span>{} / {}",
                css(k - 1),
                esc(v),
                esc(r)
            );
        }
        out += "</p>\n";
        out += &density_chart(g);
    }
    if g.summary.iter().any(|r| !r.same_cohort) {
        out += "<p><b>Warning:</b> some cells were not measured on their reference's orders (their demand settings differ); their changes mix a change of demand with the change of rules. See <code>same_cohort</code> in sweep.csv.</p>\n";
    }
    out += "<h2>Per city</h2>\n<table><thead><tr><th>city</th><th>inhabitants</th><th>km²</th><th>inh./km²</th><th>variant / rule</th>";
    for (_, label) in SHOWN {
        let _ = write!(out, "<th>{label}</th>");
    }
    out += "</tr></thead><tbody>\n";
    for r in g.summary.iter().filter(|r| r.metric == SHOWN[0].0) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{:.0}</td><td class=\"num\">{:.2}</td><td class=\"num\">{:.0}</td><td>{} / {}</td>",
            esc(&r.city),
            r.inhabitants,
            r.area_km2,
            r.density_per_km2,
            esc(&r.variant),
            esc(&r.rule)
        );
        for (metric, _) in SHOWN {
            let row = g.summary.iter().find(|x| {
                x.city == r.city && x.variant == r.variant && x.rule == r.rule && x.metric == metric
            });
            match row {
                Some(x) if (x.variant.clone(), x.rule.clone()) == series[0] => {
                    let _ = write!(out, "<td class=\"num\">{:.1} {}</td>", x.mean, esc(&x.unit));
                }
                Some(x) => out += &change_cell(x),
                None => out += "<td>–</td>",
            }
        }
        out += "</tr>\n";
    }
    out += "</tbody></table>\n<p class=\"muted\">The reference row of each city gives its mean level; the others their paired change in percent of it.</p>\n</body></html>\n";
    out
}
