//! `routes.geojson`: the trips' lines ([`crate::simulation::geometry`]), the zones and the
//! depots, for QGIS.

use crate::simulation::Outcome;
use crate::simulation::geometry::TripLine;
use crate::units::LonLat;
use serde_json::{Value, json};
use std::io::{self, Write};

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn coordinates(line: &[LonLat]) -> Vec<[f64; 2]> {
    line.iter()
        .map(|p| [round6(p.lon), round6(p.lat)])
        .collect()
}

/// Writes `routes.geojson`: one `LineString` per trip (properties: carrier, vehicle, classes,
/// day, date, trip, echelon, km, stops, orders, load, CO₂e, NOx, PM, departure and return),
/// then one `Point` per depot.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write_geojson(outcome: &Outcome, lines: &[TripLine], mut out: impl Write) -> io::Result<()> {
    let sc = &outcome.scenario;
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    let mut first = true;
    let mut emit = |out: &mut dyn Write, f: Value| -> io::Result<()> {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, &f).map_err(io::Error::other)
    };
    for (t, line) in outcome.trips.iter().zip(lines) {
        let v = &sc.vehicles[t.vehicle];
        let e = &t.emissions;
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coordinates(&line.points)},
            "properties": {
                "kind": "trip",
                "carrier": sc.carriers[t.carrier].name,
                "vehicle": v.vehicle,
                "vehicle_class": v.class,
                "emission_class": sc.emission_factors[t.vehicle].class,
                "day": t.day,
                "date": sc.horizon.date(t.day).to_string(),
                "trip": t.trip,
                "echelon": t.echelon.name(),
                "km": round6(t.distance_km),
                "stops": t.stops,
                "orders": t.orders,
                "kg": round6(t.kg),
                "parcels": t.parcels,
                "co2e_wtw_kg": round6(e.co2e_wtw_kg),
                "co2e_ttw_kg": round6(e.co2e_ttw_kg),
                "nox_g": round6(e.nox_g),
                "pm_g": round6(e.pm_g()),
                "departure": crate::simulation::output::clock(t.departure_s),
                "return": crate::simulation::output::clock(t.return_s),
            },
        });
        emit(&mut out, f)?;
    }
    for z in &sc.zones {
        let polygons: Vec<Value> = z
            .area
            .0
            .iter()
            .map(|p| {
                let ring = |r: &geo::LineString<f64>| -> Vec<[f64; 2]> {
                    r.0.iter().map(|c| [round6(c.x), round6(c.y)]).collect()
                };
                let mut rings = vec![ring(p.exterior())];
                rings.extend(p.interiors().iter().map(ring));
                json!(rings)
            })
            .collect();
        let rules: Vec<String> = z.rules.iter().map(rule_text).collect();
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            "properties": {"kind": "zone", "name": z.name, "rules": rules.join("; "), "source": z.source},
        });
        emit(&mut out, f)?;
    }
    for (k, c) in sc.carriers.iter().enumerate() {
        let kind = if sc.ucc.as_ref().is_some_and(|u| u.operator == k) {
            "ucc"
        } else {
            "depot"
        };
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round6(c.depot.position.lon), round6(c.depot.position.lat)]},
            "properties": {"kind": kind, "name": c.depot.name, "carrier": c.name},
        });
        emit(&mut out, f)?;
    }
    out.write_all(b"\n]}\n")
}

/// A zone rule in words, e.g. `banned: over 3500 kg gross, diesel (allowed 06:00-11:00)`.
pub fn rule_text(r: &crate::zones::ZoneRule) -> String {
    let mut what: Vec<String> = r.classes.clone();
    if let Some(t) = r.above_gross_kg {
        what.push(format!("over {t} kg gross"));
    }
    what.extend(r.energy.iter().cloned());
    let when = match r.allowed {
        Some((a, b)) => format!(
            " (allowed {}-{})",
            crate::simulation::output::clock(a),
            crate::simulation::output::clock(b)
        ),
        None => " (all day)".to_owned(),
    };
    format!("banned: {}{when}", what.join(", "))
}
