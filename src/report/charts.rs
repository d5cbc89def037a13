//! Charts of a run as inline SVG, drawn with plotters' SVG backend.

use plotters::prelude::*;

/// Colours of the series, in order (colour-blind-safe Okabe–Ito palette).
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// CSS colour of series `k`.
pub fn css(k: usize) -> String {
    let c = PALETTE[k % PALETTE.len()];
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Axes for `labels.len()` bars centred on 0, 1, …, labelled every `step`-th, up to `y_max`.
fn bar_axes<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    title: &str,
    font: u32,
    y_label: &str,
    labels: &[String],
    step: usize,
    y_max: f64,
) -> Chart<'a, 'b> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", font))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..y_max)
        .expect("chart area");
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round() as usize;
            let on_bar = x.round() >= 0.0 && (*x - x.round()).abs() < 1e-9;
            if on_bar && i < labels.len() && i.is_multiple_of(step) {
                labels[i].clone()
            } else {
                String::new()
            }
        })
        .y_desc(y_label)
        .draw()
        .expect("mesh");
    chart
}

/// A stacked bar chart: one bar per `x_labels` entry, one stack layer per `series`
/// (name, colour index, value per bar). Returns the SVG text; the legend is the caller's
/// (an HTML line above the chart, [`legend`]), so it never covers a bar.
pub fn stacked_bars(
    title: &str,
    y_label: &str,
    x_labels: &[String],
    series: &[(String, usize, Vec<f64>)],
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 300)).into_drawing_area();
        root.fill(&WHITE).expect("svg in memory");
        let n = x_labels.len().max(1);
        let top = (0..n)
            .map(|i| {
                series
                    .iter()
                    .map(|s| s.2.get(i).copied().unwrap_or(0.0))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        let y_max = if top > 0.0 { top * 1.1 } else { 1.0 };
        let step = n.div_ceil(14).max(1);
        let mut chart = bar_axes(&root, title, 18, y_label, x_labels, step, y_max);
        let mut base = vec![0.0; n];
        for (_, k, values) in series {
            let colour = PALETTE[k % PALETTE.len()];
            let rects: Vec<Rectangle<(f64, f64)>> = (0..n)
                .map(|i| {
                    let v = values.get(i).copied().unwrap_or(0.0);
                    let r = Rectangle::new(
                        [(i as f64 - 0.38, base[i]), (i as f64 + 0.38, base[i] + v)],
                        colour.filled(),
                    );
                    base[i] += v;
                    r
                })
                .collect();
            chart.draw_series(rects).expect("bars");
        }
        root.present().expect("svg in memory");
    }
    svg
}

/// An HTML legend line: one coloured square and name per (name, colour index).
pub fn legend(items: &[(String, usize)]) -> String {
    let mut out = String::from("<p class=\"legend\">");
    for (name, k) in items {
        out += &format!(
            "<span><i style=\"background:{}\"></i>{}</span>",
            css(*k),
            super::html::esc(name)
        );
    }
    out += "</p>\n";
    out
}

/// One bar per entry of `names` with its mean and a 95 % interval whisker (none when the
/// half-width is NaN). Returns the SVG text.
pub fn bars_with_intervals(
    title: &str,
    y_label: &str,
    names: &[String],
    bars: &[(f64, f64)],
) -> String {
    let mut svg = String::new();
    {
        // Room for each scenario's name under its bar.
        let width = (60 + 120 * names.len() as u32).max(360);
        let root = SVGBackend::with_string(&mut svg, (width, 260)).into_drawing_area();
        root.fill(&WHITE).expect("svg in memory");
        let top = bars
            .iter()
            .map(|&(m, h)| m + if h.is_finite() { h } else { 0.0 })
            .fold(0.0, f64::max);
        let y_max = if top > 0.0 { top * 1.15 } else { 1.0 };
        let mut chart = bar_axes(&root, title, 16, y_label, names, 1, y_max);
        for (i, &(mean, half)) in bars.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let x = i as f64;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.3, 0.0), (x + 0.3, mean)],
                    colour.filled(),
                )))
                .expect("bar");
            if half.is_finite() && half > 0.0 {
                chart
                    .draw_series(std::iter::once(ErrorBar::new_vertical(
                        x,
                        (mean - half).max(0.0),
                        mean,
                        mean + half,
                        BLACK.stroke_width(1),
                        8,
                    )))
                    .expect("whisker");
            }
        }
        root.present().expect("svg in memory");
    }
    svg
}
