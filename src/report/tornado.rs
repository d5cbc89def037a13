//! A tornado chart of a comparison's sensitivity: for one scenario and metric, the change
//! against the first scenario under each variant of an assumption, as horizontal bars from
//! zero, with its 95 % interval, sorted by how far it lies from the change as run.

use super::html::esc;
use std::fmt::Write;

/// One bar: label, change (percent) and its 95 % half-width.
pub struct Bar {
    /// The variant (or `as run`).
    pub label: String,
    /// Change, percent.
    pub change_pct: f64,
    /// Half-width of its 95 % interval, percent (NaN: none).
    pub ci95: f64,
}

/// The SVG of a tornado chart titled `title`; the first bar is the change as run, drawn
/// as a dashed line across the others.
pub fn svg(title: &str, bars: &[Bar]) -> String {
    let base = bars.first().map_or(0.0, |b| b.change_pct);
    let mut sorted: Vec<&Bar> = bars.iter().filter(|b| b.change_pct.is_finite()).collect();
    sorted.sort_by(|a, b| {
        (b.change_pct - base)
            .abs()
            .total_cmp(&(a.change_pct - base).abs())
            .then_with(|| a.label.cmp(&b.label))
    });
    let reach = |b: &Bar| b.change_pct.abs() + if b.ci95.is_finite() { b.ci95 } else { 0.0 };
    let span = sorted.iter().map(|b| reach(b)).fold(1.0_f64, f64::max) * 1.1;
    let (w, label_w, row_h, top) = (640.0, 150.0, 22.0, 34.0);
    let h = top + row_h * sorted.len() as f64 + 40.0;
    let plot_w = w - label_w - 60.0;
    let x = |v: f64| label_w + plot_w * (v + span) / (2.0 * span);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\
<text x=\"{}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{}</text>",
        w / 2.0,
        esc(title)
    );
    for (i, b) in sorted.iter().enumerate() {
        let y = top + row_h * i as f64;
        let (x0, x1) = (x(0.0).min(x(b.change_pct)), x(0.0).max(x(b.change_pct)));
        let colour = if b.change_pct < 0.0 {
            "#009e73"
        } else {
            "#d55e00"
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
            label_w - 6.0,
            y + 14.0,
            esc(&b.label),
            y + 4.0,
            (x1 - x0).max(0.5),
            row_h - 8.0
        );
        if b.ci95.is_finite() {
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#000\"/>",
                x(b.change_pct - b.ci95),
                x(b.change_pct + b.ci95),
                y + row_h / 2.0,
                y + row_h / 2.0
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">{:+.1} %</text>",
            w - 2.0,
            y + 14.0,
            b.change_pct
        );
    }
    let bottom = top + row_h * sorted.len() as f64;
    let _ = write!(
        out,
        "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#555\"/>\
<line x1=\"{1:.1}\" x2=\"{1:.1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#0072b2\" stroke-dasharray=\"4 3\"/>\
<text x=\"{2:.1}\" y=\"{3:.1}\" text-anchor=\"start\" font-size=\"10\">{4:+.0} %</text>\
<text x=\"{5:.1}\" y=\"{3:.1}\" text-anchor=\"end\" font-size=\"10\">{6:+.0} %</text>\
<text x=\"{7:.1}\" y=\"{8:.1}\" text-anchor=\"middle\" font-size=\"10\">change, % of the first scenario (lines: 95 % intervals; dashed: as run)</text>",
        x(0.0),
        x(base),
        label_w,
        bottom + 14.0,
        -span,
        label_w + plot_w,
        span,
        label_w + plot_w / 2.0,
        bottom + 28.0
    );
    out += "</svg>";
    out
}
