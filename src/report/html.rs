//! `report.html`: one self-contained page (inline CSS and SVG, no script, no network access)
//! with the scenario and its sources, the key figures, tables by vehicle class, carrier and
//! order category, charts per day, and a map of one day's routes.
//!
//! Every figure that `summary.json` also holds is printed from the summary itself and
//! carries `data-metric` (its path in `summary.json`) and `data-value` (the value there), so
//! a test can check that the page and the file agree.

use super::charts::{css, stacked_bars};
use super::map::{MapLayers, svg as map_svg};
use crate::simulation::Outcome;
use crate::simulation::geometry::TripLine;
use crate::simulation::output::{Summary, Totals};
use crate::units::LonLat;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn metric(path: &str, value: f64, decimals: usize) -> String {
    format!(
        "<td class=\"n\" data-metric=\"{path}\" data-value=\"{value}\">{}</td>",
        group(value, decimals)
    )
}

/// `value` with `decimals` decimals and thin spaces between thousands.
fn group(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), ""), |(a, b)| (a, b));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if value < 0.0 && value.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        out.insert(0, '−');
    }
    out
}

fn totals_row(out: &mut String, name: &str, path: &str, t: &Totals) {
    let _ = write!(out, "<tr><th>{}</th>", esc(name));
    let cells = [
        ("routes", t.routes as f64, 0),
        ("trips", t.trips as f64, 0),
        ("stops", t.stops as f64, 0),
        ("vehicle_km", t.vehicle_km, 1),
        ("access_km", t.access_km, 1),
        ("fill_kg_pct", t.fill_kg_pct, 1),
        ("co2e_wtw_kg", t.co2e_wtw_kg, 1),
        ("co2e_ttw_kg", t.co2e_ttw_kg, 1),
        ("nox_g", t.nox_g, 0),
        ("pm_exhaust_g", t.pm_exhaust_g, 1),
        ("pm_non_exhaust_g", t.pm_non_exhaust_g, 1),
        ("cost_eur", t.cost_eur, 0),
    ];
    for (field, v, d) in cells {
        out.push_str(&metric(&format!("{path}.{field}"), v, d));
    }
    out.push_str("</tr>\n");
}

const TOTALS_HEAD: &str = "<tr><th></th><th>routes</th><th>trips</th><th>stops</th><th>vehicle-km</th><th>of which access</th><th>fill % (kg)</th><th>kg CO₂e WTW</th><th>kg CO₂e TTW</th><th>g NOx</th><th>g PM exhaust</th><th>g PM non-exhaust</th><th>cost EUR</th></tr>\n";

pub(crate) const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}th,td{padding:.25rem .55rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}thead th,tr:first-child th{background:#f4f4f1}
.key{display:flex;flex-wrap:wrap;gap:.8rem}.key div{background:#f4f4f1;border-radius:6px;padding:.6rem .9rem;min-width:9rem}
.key b{display:block;font-size:1.35rem}.muted{color:#555;font-size:.85rem}.legend span{display:inline-block;margin-right:1rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle}
figure{margin:1rem 0}svg{max-width:100%;height:auto}";

/// The page for `outcome` and its `summary`, the map showing day `map_day`.
pub fn page(outcome: &Outcome, s: &Summary, lines: &[TripLine], map_day: u32) -> String {
    let sc = &outcome.scenario;
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>freightsim: {}</title>\n<style>{STYLE}</style></head><body>\n",
        esc(&s.scenario)
    );
    let _ = write!(
        out,
        "<h1>{}</h1>\n<p>{}</p>\n<p class=\"muted\">policy <b>{}</b>, seed {}, {} days of orders from {} ({} warm-up days left out), {} delivering days measured; lead times: {}. Made by freightsim {}.</p>\n",
        esc(&s.scenario),
        esc(&sc.description),
        esc(&s.policy),
        s.seed,
        s.days,
        s.start,
        s.warm_up_days,
        s.delivering_days_measured,
        esc(&s
            .lead_time
            .iter()
            .map(|(c, r)| format!("{c} {r}"))
            .collect::<Vec<_>>()
            .join(", ")),
        env!("CARGO_PKG_VERSION"),
    );

    // Key figures.
    let m = &s.measured;
    let key = [
        ("measured.trips", "trips", m.trips as f64, 0),
        ("measured.vehicle_km", "vehicle-km", m.vehicle_km, 0),
        (
            "measured.co2e_wtw_kg",
            "kg CO₂e well-to-wheel",
            m.co2e_wtw_kg,
            0,
        ),
        (
            "measured.co2e_ttw_kg",
            "kg CO₂e tank-to-wheel",
            m.co2e_ttw_kg,
            0,
        ),
        (
            "co2e_wtw_g_per_parcel",
            "g CO₂e WTW per parcel",
            s.co2e_wtw_g_per_parcel,
            1,
        ),
        ("measured.nox_g", "g NOx", m.nox_g, 0),
        ("measured.cost_eur", "EUR cost", m.cost_eur, 0),
    ];
    out += "<h2>Key figures (after the warm-up)</h2>\n<div class=\"key\">";
    for (path, label, v, d) in key {
        let _ = write!(
            out,
            "<div><b data-metric=\"{path}\" data-value=\"{v}\">{}</b>{label}</div>",
            group(v, d)
        );
    }
    out += "</div>\n<table><tr><th>orders</th>";
    for k in s.orders.keys() {
        let _ = write!(out, "<th>{}</th>", esc(k));
    }
    out += "<th>failed first attempts</th><th>parcels delivered</th></tr><tr><td></td>";
    for (k, v) in &s.orders {
        out.push_str(&metric(&format!("orders.{k}"), *v as f64, 0));
    }
    out.push_str(&metric("failed_attempts", s.failed_attempts as f64, 0));
    out.push_str(&metric("parcels_delivered", s.parcels_delivered as f64, 0));
    out += "</tr></table>\n";
    if !s.unassigned_reasons.is_empty() {
        out += "<p class=\"muted\">Unassigned, by reason: ";
        let parts: Vec<String> = s
            .unassigned_reasons
            .iter()
            .map(|(k, v)| {
                format!(
                    "<span data-metric=\"unassigned_reasons.{k}\" data-value=\"{v}\">{v}</span> {}",
                    esc(k)
                )
            })
            .collect();
        out += &parts.join(", ");
        out += ".</p>\n";
    }

    let d = &s.demand_ratios;
    out += "<h2>Demand against the published ratios</h2>\n<table><tr><th>ratio</th><th>this run</th><th>published</th><th>source of the published figure</th><th>denominator</th><th>its source</th></tr>";
    let _ = write!(
        out,
        "<tr><td>B2B movements per job per week</td>{}<td>{}</td><td>{}</td><td>{:.0} jobs</td><td>{}</td></tr>",
        metric(
            "demand_ratios.movements_per_job_week",
            d.movements_per_job_week,
            2
        ),
        d.movements_per_job_week_published,
        esc(&d.movements_per_job_week_source),
        d.jobs,
        esc(&d.jobs_source)
    );
    let _ = write!(
        out,
        "<tr><td>e-commerce parcels per inhabitant per year</td>{}<td>{}</td><td>{}</td><td>{:.0} inhabitants</td><td>{}</td></tr></table>\n",
        metric(
            "demand_ratios.parcels_per_inhabitant_year",
            d.parcels_per_inhabitant_year,
            1
        ),
        d.parcels_per_inhabitant_year_published,
        esc(&d.parcels_per_inhabitant_year_source),
        d.inhabitants,
        esc(&d.inhabitants_source)
    );

    out += "<h2>By vehicle class</h2>\n<table>";
    out += TOTALS_HEAD;
    for (class, t) in &s.by_class {
        totals_row(&mut out, class, &format!("by_class.{class}"), t);
    }
    totals_row(&mut out, "total", "measured", m);
    out += "</table>\n<h2>By carrier</h2>\n<table>";
    out += TOTALS_HEAD;
    for (name, t) in &s.by_carrier {
        totals_row(&mut out, name, &format!("by_carrier.{name}"), t);
    }
    out += "</table>\n";

    out += "<h2>By order category (ISO 14083 allocation)</h2>\n<table><tr><th></th><th>orders carried</th><th>parcels</th><th>kg CO₂e WTW</th><th>kg CO₂e TTW</th><th>g NOx</th><th>g PM</th><th>g CO₂e WTW per parcel</th></tr>\n";
    for (cat, c) in &s.by_category {
        let p = format!("by_category.{cat}");
        let _ = write!(out, "<tr><th>{}</th>", esc(cat));
        out += &metric(&format!("{p}.orders_carried"), c.orders_carried as f64, 0);
        out += &metric(&format!("{p}.parcels"), c.parcels as f64, 0);
        out += &metric(&format!("{p}.co2e_wtw_kg"), c.co2e_wtw_kg, 1);
        out += &metric(&format!("{p}.co2e_ttw_kg"), c.co2e_ttw_kg, 1);
        out += &metric(&format!("{p}.nox_g"), c.nox_g, 0);
        out += &metric(&format!("{p}.pm_g"), c.pm_g, 1);
        out += &metric(
            &format!("{p}.co2e_wtw_g_per_parcel"),
            c.co2e_wtw_g_per_parcel,
            1,
        );
        out += "</tr>\n";
    }
    out += "</table>\n<p class=\"muted\">Each trip is shared among the orders it carried by mass × network distance from the depot (shortest feasible distance, taken as the fastest path's length); a failed attempt carries its share of the trip that attempted it.</p>\n";

    if !s.zones.is_empty() {
        out += "<h2>Zones</h2>\n<table><tr><th>zone</th><th>rules</th><th>vehicle class</th><th>vehicle-km inside</th><th>entries</th><th>stops inside</th><th>trips entering</th><th>vehicle-hours inside</th></tr>\n";
        for (z, zt) in sc.zones.iter().zip(s.zones.values()) {
            let rules: Vec<String> = z.rules.iter().map(super::routes::rule_text).collect();
            for class in zt.vehicle_km_inside.keys() {
                let p = format!("zones.{}", z.name);
                let _ = write!(
                    out,
                    "<tr><th>{}</th><td class=\"muted\">{}</td><td>{}</td>",
                    esc(&z.name),
                    esc(&rules.join("; ")),
                    esc(class)
                );
                out += &metric(
                    &format!("{p}.vehicle_km_inside.{class}"),
                    zt.vehicle_km_inside[class],
                    1,
                );
                out += &metric(
                    &format!("{p}.entries.{class}"),
                    f64::from(zt.entries[class]),
                    0,
                );
                out += &metric(
                    &format!("{p}.stops_inside.{class}"),
                    zt.stops_inside[class] as f64,
                    0,
                );
                out += &metric(
                    &format!("{p}.trips_entering.{class}"),
                    zt.trips_entering[class] as f64,
                    0,
                );
                out += &metric(
                    &format!("{p}.hours_inside.{class}"),
                    zt.hours_inside[class],
                    2,
                );
                out += "</tr>\n";
            }
        }
        out += "</table>\n<p class=\"muted\">Measured from each trip's street geometry (10 m steps), not from the solver's plan. Hours inside: time parked at stops inside, plus each leg's driving time × the share of its length inside.</p>\n";
    }
    out += "<h2>Energy</h2>\n<table><tr><th>emission class</th><th>energy carrier (variant)</th><th>energy</th><th>unit</th><th>vehicle-km</th><th>kg CO₂e TTW</th><th>kg CO₂e WTW</th></tr>\n";
    for (class, e) in &s.energy {
        let p = format!("energy.{class}");
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td>",
            esc(class),
            esc(&e.energy_carrier)
        );
        out += &metric(&format!("{p}.energy"), e.energy, 1);
        let _ = write!(out, "<td>{}</td>", esc(&e.unit));
        out += &metric(&format!("{p}.vehicle_km"), e.vehicle_km, 1);
        out += &metric(&format!("{p}.co2e_ttw_kg"), e.co2e_ttw_kg, 1);
        out += &metric(&format!("{p}.co2e_wtw_kg"), e.co2e_wtw_kg, 1);
        out += "</tr>\n";
    }
    out += "</table>\n";

    // Charts per measured calendar day with deliveries, stacked by vehicle class.
    let days: Vec<u32> = outcome
        .days
        .iter()
        .filter(|d| d.day >= sc.horizon.warm_up_days && d.delivering)
        .map(|d| d.day)
        .collect();
    let labels: Vec<String> = days
        .iter()
        .map(|&d| {
            let date = sc.horizon.date(d);
            format!("{:02}-{:02}", date.month(), date.day())
        })
        .collect();
    let classes: Vec<String> = s.by_class.keys().cloned().collect();
    let per_day = |f: &dyn Fn(&crate::simulation::TripRecord) -> f64| -> Vec<(String, Vec<f64>)> {
        classes
            .iter()
            .map(|class| {
                let mut v: BTreeMap<u32, f64> = days.iter().map(|&d| (d, 0.0)).collect();
                for t in &outcome.trips {
                    if &sc.vehicles[t.vehicle].class == class
                        && let Some(x) = v.get_mut(&t.day)
                    {
                        *x += f(t);
                    }
                }
                (class.clone(), v.into_values().collect())
            })
            .collect()
    };
    out += "<h2>Per delivering day, by vehicle class</h2>\n";
    for (title, unit, f) in [
        (
            "CO₂e well-to-wheel",
            "kg CO₂e",
            &(|t: &crate::simulation::TripRecord| t.emissions.co2e_wtw_kg) as &dyn Fn(&_) -> f64,
        ),
        ("Trips", "trips", &|_: &crate::simulation::TripRecord| 1.0),
        ("Vehicle-km", "km", &|t: &crate::simulation::TripRecord| {
            t.distance_km
        }),
    ] {
        let _ = writeln!(
            out,
            "<figure>{}</figure>",
            stacked_bars(title, unit, &labels, &per_day(f))
        );
    }

    // The map.
    let date = sc.horizon.date(map_day);
    let carriers: Vec<&str> = sc.carriers.iter().map(|c| c.name.as_str()).collect();
    let layers = MapLayers {
        zones: Vec::new(),
        streets: outcome
            .world
            .network
            .segments()
            .iter()
            .map(|seg| seg.geometry.as_slice())
            .collect(),
        routes: outcome
            .trips
            .iter()
            .zip(lines)
            .filter(|(t, _)| t.day == map_day)
            .map(|(t, l)| (t.carrier, l.points.as_slice()))
            .collect(),
        depots: {
            // One marker per position: carriers often share a logistics park.
            let mut at: Vec<(LonLat, usize, Vec<String>)> = Vec::new();
            for (c, car) in sc.carriers.iter().enumerate() {
                let label = format!("{} ({})", car.depot.name, car.name);
                match at.iter_mut().find(|d| d.0 == car.depot.position) {
                    Some(d) => d.2.push(label),
                    None => at.push((car.depot.position, c, vec![label])),
                }
            }
            at.into_iter()
                .map(|(p, c, names)| (p, c, names.join(", ")))
                .collect()
        },
    };
    let layers = MapLayers {
        zones: sc
            .zones
            .iter()
            .flat_map(|z| {
                z.area.0.iter().map(move |p| {
                    let ring = |r: &geo::LineString<f64>| -> Vec<LonLat> {
                        r.0.iter().map(|c| LonLat::new(c.x, c.y)).collect()
                    };
                    let mut rings = vec![ring(p.exterior())];
                    rings.extend(p.interiors().iter().map(ring));
                    (rings, z.name.clone())
                })
            })
            .collect(),
        ..layers
    };
    let trips_that_day = layers.routes.len();
    let _ = write!(
        out,
        "<h2>Routes on {date} (day {map_day}, {trips_that_day} trips)</h2>\n<p class=\"legend\">"
    );
    for (c, name) in carriers.iter().enumerate() {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            css(c),
            esc(name)
        );
    }
    out +=
        "<span>■ depot (▶ on the edge: a depot off the map, in its direction)</span></p>\n<figure>";
    out += &map_svg(&layers, 1000.0);
    out += "<figcaption class=\"muted\">Streets and routes from OpenStreetMap data, © OpenStreetMap contributors (ODbL). A depot outside the extract joins the streets by a straight access leg.</figcaption></figure>\n";

    // Sources.
    out += "<h2>Vehicles and emission factors used</h2>\n<table><tr><th>vehicle</th><th>emission class</th><th>energy carrier</th><th>energy per km empty / full</th><th>NOx g/km</th><th>PM g/km exhaust / non-exhaust</th><th>source</th></tr>\n";
    let mut used: Vec<usize> = sc
        .carriers
        .iter()
        .flat_map(|c| c.fleet.iter().map(|f| f.0))
        .collect();
    used.sort_unstable();
    used.dedup();
    for v in used {
        let f = &sc.emission_factors[v];
        let class_row = &f.class;
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td class=\"n\">{} / {} {}</td><td class=\"n\">{}</td><td class=\"n\">{} / {}</td><td class=\"muted\">{}</td></tr>",
            esc(&sc.vehicles[v].vehicle),
            esc(class_row),
            esc(&f.carrier),
            f.energy_empty_per_km,
            f.energy_full_per_km,
            esc(&f.unit),
            f.nox_g_per_km,
            f.pm_exhaust_g_per_km,
            f.pm_non_exhaust_g_per_km,
            esc(&f.source),
        );
    }
    out += "</table>\n<h2>Assumptions</h2>\n<ul>";
    for a in &s.assumptions {
        let _ = write!(out, "<li>{}</li>", esc(a));
    }
    out += "</ul>\n<p class=\"muted\">Every number above comes from the run's summary.json; the tables behind it are in the project's data/ folder, each row with its source and a confidence tag.</p>\n</body></html>\n";
    out
}
