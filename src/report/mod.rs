//! `report`: what a person opens after a run: `routes.geojson` for QGIS and `report.html`
//! for a browser (one self-contained file: inline SVG charts and map, no network access).

pub mod charts;
pub mod compare;
pub mod html;
pub mod map;
pub mod routes;
pub mod sites;
pub mod sweep;
pub mod tornado;

use crate::simulation::{Outcome, Summary};
use std::path::Path;

/// The day the report's map shows by default: the measured delivering day with the most
/// trips (the earliest of equals).
pub fn busiest_day(outcome: &Outcome) -> u32 {
    let warm = outcome.scenario.horizon.warm_up_days;
    let mut best = (0, warm);
    for d in outcome
        .days
        .iter()
        .filter(|d| d.day >= warm && d.delivering)
    {
        let n = outcome.trips.iter().filter(|t| t.day == d.day).count();
        if n > best.0 {
            best = (n, d.day);
        }
    }
    best.1
}

/// Writes `routes.geojson` and `report.html` into `dir` from the trips' `lines`; the map
/// shows `map_day` (default: [`busiest_day`]).
///
/// # Errors
/// A file cannot be written.
pub fn write(
    outcome: &Outcome,
    summary: &Summary,
    lines: &[crate::simulation::geometry::TripLine],
    dir: &Path,
    map_day: Option<u32>,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("routes.geojson"))?);
    routes::write_geojson(outcome, lines, &mut w)?;
    std::io::Write::flush(&mut w)?;
    let day = map_day.unwrap_or_else(|| busiest_day(outcome));
    std::fs::write(
        dir.join("report.html"),
        html::page(outcome, summary, lines, day),
    )
}
