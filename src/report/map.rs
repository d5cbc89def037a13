//! The map of one day's routes as inline SVG: streets in grey, each trip's line in its
//! vehicle type's colour (access legs to the depot dashed), depots as squares. Positions are projected equirectangularly around the
//! map's centre (true to scale at the extract's size).

use super::charts::css;
use crate::units::LonLat;
use std::fmt::Write;

/// What the map draws.
pub struct MapLayers<'a> {
    /// Street lines (background).
    pub streets: Vec<&'a [LonLat]>,
    /// Route lines with their series index (colour).
    pub routes: Vec<(usize, &'a [LonLat])>,
    /// Depots: position, series index, name.
    pub depots: Vec<(LonLat, usize, String)>,
    /// Zones: rings (exterior first) and name.
    pub zones: Vec<(Vec<Vec<LonLat>>, String)>,
    /// Short labels written beside points on the map (a candidate site's rank, say); a
    /// point off the map gets none.
    pub marks: Vec<(LonLat, String)>,
}

/// Depots drawn together on the map's edge: x, y, direction (degrees), (series, name).
type OffMap = (f64, f64, f64, Vec<(usize, String)>);

/// The SVG of `layers`, `width` pixels wide, framed on the streets (the extract); a depot
/// outside the frame is drawn on its edge, in its direction, as a triangle with its name.
pub fn svg(layers: &MapLayers, width: f64) -> String {
    let mut pts: Vec<LonLat> = layers
        .streets
        .iter()
        .flat_map(|s| s.iter().copied())
        .collect();
    if pts.is_empty() {
        pts = layers
            .routes
            .iter()
            .flat_map(|r| r.1.iter().copied())
            .collect();
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &pts {
        x0 = x0.min(p.lon);
        x1 = x1.max(p.lon);
        y0 = y0.min(p.lat);
        y1 = y1.max(p.lat);
    }
    if pts.is_empty() {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    let k = ((y0 + y1) / 2.0).to_radians().cos();
    let (w_deg, h_deg) = (((x1 - x0) * k).max(1e-6), (y1 - y0).max(1e-6));
    let pad = 12.0;
    let scale = (width - 2.0 * pad) / w_deg;
    let height = (h_deg * scale + 2.0 * pad).min(width * 1.4);
    let scale = scale.min((height - 2.0 * pad) / h_deg);
    let xy = |p: &LonLat| {
        (
            pad + (p.lon - x0) * k * scale,
            height - pad - (p.lat - y0) * scale,
        )
    };
    let path = |line: &[LonLat]| {
        let mut d = String::new();
        for (i, p) in line.iter().enumerate() {
            let (x, y) = xy(p);
            let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
        }
        d
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fbfbf8\"/>\n<g fill=\"none\" stroke=\"#c9c9c9\" stroke-width=\"0.8\">"
    );
    for s in &layers.streets {
        let _ = write!(out, "<path d=\"{}\"/>", path(s));
    }
    out += "</g>\n<g fill=\"#d55e00\" fill-opacity=\"0.10\" stroke=\"#d55e00\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" fill-rule=\"evenodd\">";
    for (rings, name) in &layers.zones {
        let d: String = rings.iter().map(|r| path(r) + "Z").collect();
        let _ = write!(
            out,
            "<path d=\"{d}\"><title>zone {}</title></path>",
            super::html::esc(name)
        );
    }
    out += "</g>\n<g fill=\"none\" stroke-width=\"2\" stroke-opacity=\"0.75\" stroke-linejoin=\"round\">";
    for (series, line) in &layers.routes {
        // The first and last pieces join the depot to the streets: the access legs, dashed.
        if line.len() >= 4 {
            let n = line.len();
            let _ = write!(
                out,
                "<path stroke=\"{0}\" d=\"{1}\"/><path stroke=\"{0}\" stroke-dasharray=\"5 4\" stroke-width=\"1.2\" d=\"{2}\"/><path stroke=\"{0}\" stroke-dasharray=\"5 4\" stroke-width=\"1.2\" d=\"{3}\"/>",
                css(*series),
                path(&line[1..n - 1]),
                path(&line[..2]),
                path(&line[n - 2..])
            );
        } else {
            let _ = write!(
                out,
                "<path stroke=\"{}\" d=\"{}\"/>",
                css(*series),
                path(line)
            );
        }
    }
    out += "</g>\n";
    for (p, text) in &layers.marks {
        let (x, y) = xy(p);
        if (0.0..=width).contains(&x) && (0.0..=height).contains(&y) {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" font-family=\"sans-serif\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                x + 8.0,
                y + 5.0,
                super::html::esc(text)
            );
        }
    }
    // Depots off the map sit on its edge where the line from the centre to them leaves it;
    // those within 120 px of each other share one label.
    let mut off: Vec<OffMap> = Vec::new();
    for (p, series, name) in &layers.depots {
        let (x, y) = xy(p);
        if (0.0..=width).contains(&x) && (0.0..=height).contains(&y) {
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\" stroke=\"#000\"><title>{}</title></rect>",
                x - 5.0,
                y - 5.0,
                css(*series),
                super::html::esc(name)
            );
            continue;
        }
        let (cx, cy) = (width / 2.0, height / 2.0);
        let (dx, dy) = (x - cx, y - cy);
        let t = ((cx - pad) / dx.abs().max(1e-9)).min((cy - pad) / dy.abs().max(1e-9));
        let (ex, ey) = (cx + dx * t, cy + dy * t);
        let angle = dy.atan2(dx).to_degrees();
        match off.iter_mut().find(|o| (o.0 - ex).hypot(o.1 - ey) < 120.0) {
            Some(o) => o.3.push((*series, name.clone())),
            None => off.push((ex, ey, angle, vec![(*series, name.clone())])),
        }
    }
    let (cx, cy) = (width / 2.0, height / 2.0);
    for (ex, ey, angle, members) in &off {
        for (k, (series, name)) in members.iter().enumerate() {
            let (mx, my) = (
                ex - 14.0 * k as f64 * angle.to_radians().sin(),
                ey + 14.0 * k as f64 * angle.to_radians().cos(),
            );
            let _ = write!(
                out,
                "<path d=\"M8,0 L-6,-6 L-6,6 Z\" transform=\"translate({mx:.1},{my:.1}) rotate({angle:.0})\" fill=\"{}\" stroke=\"#000\"><title>{}</title></path>",
                css(*series),
                super::html::esc(name)
            );
        }
        let names: Vec<&str> = members.iter().map(|m| m.1.as_str()).collect();
        let anchor = if *ex > cx { "end" } else { "start" };
        let lx = if *ex > cx { ex - 16.0 } else { ex + 16.0 };
        let ly = if *ey > cy { ey - 10.0 } else { ey + 18.0 };
        let _ = write!(
            out,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" font-size=\"12\" font-family=\"sans-serif\">{} (off the map) ➚</text>",
            super::html::esc(&names.join(", "))
        );
    }
    out += "\n</svg>";
    out
}
