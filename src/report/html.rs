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

    // Key figures: the cohort.
    let c = &s.cohort;
    let a = &c.attributed;
    let key = [
        ("cohort.orders", "orders in the cohort", c.orders as f64, 0),
        ("cohort.vehicle_km", "vehicle-km", a.vehicle_km, 0),
        (
            "cohort.co2e_wtw_kg",
            "kg CO₂e well-to-wheel",
            a.co2e_wtw_kg,
            0,
        ),
        (
            "cohort.co2e_ttw_kg",
            "kg CO₂e tank-to-wheel",
            a.co2e_ttw_kg,
            0,
        ),
        (
            "cohort.co2e_wtw_g_per_ecommerce_parcel",
            "g CO₂e WTW per e-commerce parcel",
            c.co2e_wtw_g_per_ecommerce_parcel,
            1,
        ),
        ("cohort.nox_g", "g NOx", a.nox_g, 0),
        ("cohort.cost_eur", "EUR cost", a.cost_eur, 0),
    ];
    out += "<h2>Key figures on the cohort</h2>\n";
    let _ = write!(
        out,
        "<p class=\"muted\">The cohort is {}; the last of them was delivered on day {}.</p>\n<div class=\"key\">",
        esc(&c.definition),
        c.last_delivery_day
    );
    for (path, label, v, d) in key {
        let _ = write!(
            out,
            "<div><b data-metric=\"{path}\" data-value=\"{v}\">{}</b>{label}</div>",
            group(v, d)
        );
    }
    out += "</div>\n<table><tr><th>cohort</th><th>orders</th><th>delivered</th><th>late</th><th>unassigned</th><th>failed first attempts</th><th>e-commerce orders</th><th>e-commerce parcels</th><th>B2B orders</th><th>B2B cases</th></tr><tr><th>count</th>";
    for (path, v) in [
        ("cohort.orders", c.orders),
        ("cohort.delivered", c.delivered),
        ("cohort.late", c.late),
        ("cohort.unassigned", c.unassigned),
        ("cohort.failed_attempts", c.failed_attempts),
        ("cohort.ecommerce_orders", c.ecommerce_orders),
    ] {
        out.push_str(&metric(path, v as f64, 0));
    }
    out.push_str(&metric(
        "cohort.ecommerce_parcels",
        c.ecommerce_parcels as f64,
        0,
    ));
    out.push_str(&metric("cohort.b2b_orders", c.b2b_orders as f64, 0));
    out.push_str(&metric("cohort.b2b_cases", c.b2b_cases as f64, 0));
    out += "</tr></table>\n";
    if !c.unassigned_reasons.is_empty() {
        out += "<p class=\"muted\">Unassigned orders of the cohort, by reason: ";
        let parts: Vec<String> = c
            .unassigned_reasons
            .iter()
            .map(|(k, v)| {
                format!(
                    "<span data-metric=\"cohort.unassigned_reasons.{k}\" data-value=\"{v}\">{v}</span> {} ({})",
                    esc(k),
                    esc(reason_text(k))
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
    let _ = writeln!(
        out,
        "<tr><td>e-commerce parcels per inhabitant per year</td>{}<td>{}</td><td>{}</td><td>{:.0} inhabitants</td><td>{}</td></tr></table>",
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

    out += &unreachable_section(outcome);
    if sc.ucc.is_some() {
        out += &centre_section(outcome, s);
    }

    let m = &s.fleet;
    out += "<h2>Fleet view: the trips driven after the warm-up</h2>\n<p class=\"muted\">What the carriers' vehicles did on the measured days and the tail that emptied the backlogs, whatever orders they carried (orders placed in the warm-up included). Not comparable across lead-time rules: compare scenarios on the cohort above.</p>\n";
    let p = &s.fleet_per_delivering_day;
    let _ = writeln!(
        out,
        "<p>Per full delivering day (the {} delivering days from day {} to day {}): <b data-metric=\"fleet_per_delivering_day.trips\" data-value=\"{}\">{:.1}</b> trips, <b data-metric=\"fleet_per_delivering_day.stops\" data-value=\"{}\">{:.1}</b> stops, <b data-metric=\"fleet_per_delivering_day.vehicle_km\" data-value=\"{}\">{:.1}</b> vehicle-km, <b data-metric=\"fleet_per_delivering_day.co2e_wtw_kg\" data-value=\"{}\">{:.1}</b> kg CO₂e WTW.</p>",
        p.days.len(),
        p.days.first().copied().unwrap_or(0),
        p.days.last().copied().unwrap_or(0),
        p.trips,
        p.trips,
        p.stops,
        p.stops,
        p.vehicle_km,
        p.vehicle_km,
        p.co2e_wtw_kg,
        p.co2e_wtw_kg,
    );
    out += "<table><tr><th>all orders of the run</th>";
    for k in s.orders.keys() {
        let _ = write!(out, "<th>{}</th>", esc(k));
    }
    out += "<th>failed first attempts</th><th>parcels delivered</th></tr><tr><th>count</th>";
    for (k, v) in &s.orders {
        out.push_str(&metric(&format!("orders.{k}"), *v as f64, 0));
    }
    out.push_str(&metric("failed_attempts", s.failed_attempts as f64, 0));
    out.push_str(&metric("parcels_delivered", s.parcels_delivered as f64, 0));
    out += "</tr></table>\n";

    out += "<h3>By vehicle type</h3>\n<table>";
    out += TOTALS_HEAD;
    for (vehicle, t) in &s.by_vehicle {
        totals_row(&mut out, vehicle, &format!("by_vehicle.{vehicle}"), t);
    }
    totals_row(&mut out, "total", "fleet", m);
    out += "</table>\n<h3>By carrier</h3>\n<table>";
    out += TOTALS_HEAD;
    for (name, t) in &s.by_carrier {
        totals_row(&mut out, name, &format!("by_carrier.{name}"), t);
    }
    out += "</table>\n";

    out += "<h3>By order category (ISO 14083 allocation)</h3>\n<table><tr><th></th><th>orders carried</th><th>parcels</th><th>kg CO₂e WTW</th><th>kg CO₂e TTW</th><th>g NOx</th><th>g PM</th><th>g CO₂e WTW per parcel</th></tr>\n";
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
    // One colour per vehicle type everywhere (charts and map): its row in the vehicles table.
    let types: Vec<(String, usize)> = sc
        .vehicles
        .iter()
        .enumerate()
        .filter(|(_, v)| s.by_vehicle.contains_key(&v.vehicle))
        .map(|(i, v)| (v.vehicle.clone(), i))
        .collect();
    let per_day =
        |f: &dyn Fn(&crate::simulation::TripRecord) -> f64| -> Vec<(String, usize, Vec<f64>)> {
            types
                .iter()
                .map(|(name, vi)| {
                    let mut v: BTreeMap<u32, f64> = days.iter().map(|&d| (d, 0.0)).collect();
                    for t in &outcome.trips {
                        if t.vehicle == *vi
                            && let Some(x) = v.get_mut(&t.day)
                        {
                            *x += f(t);
                        }
                    }
                    (name.clone(), *vi, v.into_values().collect())
                })
                .collect()
        };
    out += "<h2>Per delivering day, by vehicle type (fleet view)</h2>\n";
    out += &super::charts::legend(&types);
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

    // Driving by hour of day: where the peak bands bite.
    let tod = &s.time_of_day;
    let _ = writeln!(
        out,
        "<h2>Vehicle-km by hour of day (fleet view)</h2>\n<p class=\"muted\">Km driven in each hour, after the warm-up, by vehicle type. Travel times: {}; {:.1} % of vehicle-km and {:.1} % of driving hours fall in the peak bands (docs/time-of-day.md).</p>",
        if tod.travel_times == "bands" {
            "by hour band (data/speed_profiles.csv)"
        } else {
            "flat (the same at every hour)"
        },
        100.0 * tod.peak_km_share,
        100.0 * tod.peak_hours_share
    );
    out += &super::charts::legend(&types);
    let hours: Vec<String> = (0..24).map(|h| format!("{h:02}h")).collect();
    let by_hour: Vec<(String, usize, Vec<f64>)> = types
        .iter()
        .map(|(name, vi)| {
            let mut v = vec![0.0; 24];
            for t in outcome
                .trips
                .iter()
                .filter(|t| t.vehicle == *vi && t.day >= sc.horizon.warm_up_days)
            {
                for (a, b) in v.iter_mut().zip(&t.driving.km_by_hour) {
                    *a += b;
                }
            }
            (name.clone(), *vi, v)
        })
        .collect();
    let _ = writeln!(
        out,
        "<figure>{}</figure>",
        stacked_bars("Vehicle-km by hour of day", "km", &hours, &by_hour)
    );

    // The map.
    let date = sc.horizon.date(map_day);
    let layers = MapLayers {
        zones: Vec::new(),
        marks: Vec::new(),
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
            .map(|(t, l)| (t.vehicle, l.points.as_slice()))
            .collect(),
        depots: {
            // One marker per position: carriers often share a logistics park.
            let mut at: Vec<(LonLat, usize, Vec<String>)> = Vec::new();
            for car in &sc.carriers {
                let label = format!("{} ({})", car.depot.name, car.name);
                match at.iter_mut().find(|d| d.0 == car.depot.position) {
                    Some(d) => d.2.push(label),
                    None => at.push((car.depot.position, DEPOT_COLOUR, vec![label])),
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
    for (name, vi) in &types {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            css(*vi),
            esc(name)
        );
    }
    out += "<span>■ depot (▶ on the edge: a depot off the map, in its direction); dashed: the straight access leg to a depot</span></p>\n<figure>";
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

/// The palette index of depots on the map (black: depots are no vehicle type).
const DEPOT_COLOUR: usize = 7;

/// What an unassigned reason means, for a reader of the report.
fn reason_text(reason: &str) -> &'static str {
    match reason {
        "unreachable" => {
            "the site lies too far from every road its carrier's vehicles may use, or on a piece of the network cut off from the depot"
        }
        "capacity" => "the order is larger than every vehicle that may serve it",
        "zone_ban" => "every vehicle of the carrier is banned from the site's street",
        "access_hours" => "the street is closed to the carrier's vehicles in their working hours",
        "horizon_end" => "still open when the run ended",
        "time_window" => "no vehicle can reach the site within its receiving hours",
        "no_compatible_vehicle" => "every vehicle type is forbidden from serving it",
        "route_limit" => "no vehicle can serve it within its range or shift",
        _ => "see docs/scenario.md",
    }
}

/// Which sites the cohort's unreachable orders go to, and why.
fn unreachable_section(outcome: &Outcome) -> String {
    let sc = &outcome.scenario;
    let mut per_site: BTreeMap<u32, usize> = BTreeMap::new();
    for st in &outcome.orders {
        if crate::measure::in_cohort(sc, st.order.placed_day)
            && matches!(&st.status, crate::simulation::Status::Unassigned(r) if r == "unreachable")
        {
            *per_site.entry(st.order.site.0).or_insert(0) += 1;
        }
    }
    if per_site.is_empty() {
        return String::new();
    }
    let orders: usize = per_site.values().sum();
    let mut sites: Vec<(u32, usize)> = per_site.into_iter().collect();
    sites.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = format!(
        "<h3>Unreachable orders</h3>\n<p><span data-metric=\"cohort.unassigned_reasons.unreachable\" data-value=\"{orders}\">{orders}</span> orders of the cohort, to {} sites, are unreachable: each site lies more than {} m from every street its carrier's vehicles may use, or on a piece of street network cut off from the rest (mostly at the edges of the downloaded extract). They are reported, not dropped; a larger extract reaches them. The sites with the most such orders:</p>\n<table><tr><th>site</th><th>kind</th><th>name</th><th>on the map</th><th>orders</th></tr>\n",
        sites.len(),
        sc.demand.max_snap_m
    );
    for (site, n) in sites.iter().take(12) {
        let st = &outcome.world.sites[*site as usize];
        let _ = writeln!(
            out,
            "<tr><th>s{site}</th><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
            esc(st.kind.name(sc)),
            if st.name.is_empty() {
                "(unnamed)".to_owned()
            } else {
                esc(&st.name)
            },
            esc(&st.source)
        );
    }
    out += "</table>\n";
    out
}

/// The consolidation centre: line-haul against last legs, throughput and fees, on the cohort.
fn centre_section(outcome: &Outcome, s: &Summary) -> String {
    let sc = &outcome.scenario;
    let c = &s.cohort;
    let a = &c.attributed;
    let days = crate::measure::full_delivering_days(sc);
    let n = days.len().max(1) as f64;
    let (mut orders, mut kg, mut parcels) = (0usize, 0.0, 0u64);
    for st in &outcome.orders {
        if let Some((d, _)) = st.at_ucc
            && days.binary_search(&d).is_ok()
        {
            orders += 1;
            kg += st.order.kg;
            parcels += u64::from(st.order.parcels);
        }
    }
    let mut out = String::from(
        "<h3>The consolidation centre</h3>\n<table><tr><th>cohort</th><th>line-haul vehicle-km</th><th>line-haul kg CO₂e WTW</th><th>last-leg vehicle-km</th><th>last-leg kg CO₂e WTW</th><th>orders through the centre</th><th>their kg</th><th>fees, EUR</th><th>handling kg CO₂e</th></tr><tr><th>attributed</th>",
    );
    out += &metric("cohort.line_haul_km", a.line_haul_km, 1);
    out += &metric("cohort.line_haul_co2e_wtw_kg", a.line_haul_co2e_wtw_kg, 1);
    out += &metric("cohort.last_leg_km", a.last_leg_km, 1);
    out += &metric("cohort.last_leg_co2e_wtw_kg", a.last_leg_co2e_wtw_kg, 1);
    out += &metric("cohort.ucc_orders", c.ucc_orders as f64, 0);
    out += &metric("cohort.ucc_kg", c.ucc_kg, 0);
    out += &metric("cohort.ucc_fees_eur", c.ucc_fees_eur, 0);
    out += &metric("cohort.ucc_handling_co2e_kg", c.ucc_handling_co2e_kg, 1);
    out += "</tr></table>\n";
    let _ = writeln!(
        out,
        "<p>Throughput per full delivering day ({} days): {:.1} orders, {:.0} kg, {:.1} parcels or cases reach the centre.</p>",
        days.len(),
        orders as f64 / n,
        kg / n,
        parcels as f64 / n
    );
    if let Some(u) = &s.ucc {
        let trips: Vec<String> = u
            .trips_by_echelon
            .iter()
            .map(|(k, v)| format!("{v} {}", k.replace('_', "-")))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"muted\">Fleet view: trips after the warm-up by echelon: {}.</p>",
            esc(&trips.join(", "))
        );
    }
    out
}
