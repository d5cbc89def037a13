//! `freightsim init`: write a complete, commented scenario from any OSM extract.

use clap::Args;
use freightsim::init::{CARRIERS, InitOptions, init};
use freightsim::units::LonLat;
use std::path::PathBuf;

/// Flags of `freightsim init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// OSM extract of the city: .osm.pbf, .osm or .osm.gz.
    #[arg(long)]
    osm: PathBuf,
    /// Scenario file to write (TOML); its directory is created if absent.
    #[arg(long)]
    out: PathBuf,
    /// Inhabitants the extract covers (default: the homes' floor area on the map / the m² of
    /// floor per inhabitant of data/demand/ecommerce.csv).
    #[arg(long)]
    inhabitants: Option<f64>,
    /// A depot as `lon,lat`: once for every carrier's, or once per carrier (parcels,
    /// general-freight, food-supply). Default: the map's industrial land nearest the demand.
    #[arg(long, value_parser = parse_lon_lat)]
    depot: Vec<LonLat>,
    /// A zone (GeoJSON polygon) measured in the outputs: km, entries and hours inside.
    #[arg(long)]
    zone: Option<PathBuf>,
    /// Scenario name (default: the extract's file name without extension).
    #[arg(long)]
    name: Option<String>,
}

fn parse_lon_lat(text: &str) -> Result<LonLat, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let bad = || format!("`{text}`: give the depot as lon,lat in degrees, e.g. -3.32,47.78");
    let [lon, lat] = parts[..] else {
        return Err(bad());
    };
    let (lon, lat): (f64, f64) = (
        lon.parse().map_err(|_| bad())?,
        lat.parse().map_err(|_| bad())?,
    );
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!(
            "`{text}`: longitude must lie in -180..180 and latitude in -90..90 (lon first)"
        ));
    }
    Ok(LonLat::new(lon, lat))
}

pub fn run(args: InitArgs) -> anyhow::Result<()> {
    if let Some(n) = args.inhabitants
        && !(n.is_finite() && n > 0.0 && n <= 1.0e8)
    {
        return Err(freightsim::Error::Input(format!(
            "--inhabitants {n}: give a positive number of inhabitants (at most 100 million)"
        ))
        .into());
    }
    let report = init(&InitOptions {
        osm: args.osm,
        out: args.out.clone(),
        inhabitants: args.inhabitants,
        depots: args.depot,
        zone: args.zone,
        name: args.name,
    })?;
    let mut text = format!(
        "wrote {}\n  sites: {} homes, {} establishments\n  inhabitants: {:.0} ({})\n",
        args.out.display(),
        report.homes,
        report.establishments,
        report.inhabitants.0,
        report.inhabitants.1
    );
    for (plan, (depot, fleet)) in CARRIERS.iter().zip(&report.carriers) {
        text.push_str(&format!(
            "  {}: {} van(s){}, busiest sampled day {:.0} orders; depot {:.5},{:.5} ({})\n",
            plan.name,
            fleet.vans,
            if fleet.trucks > 0 {
                format!(" + {} {}", fleet.trucks, plan.truck.unwrap_or("truck"))
            } else {
                String::new()
            },
            fleet.peak_orders,
            depot.position.lon,
            depot.position.lat,
            depot.reason
        ));
    }
    if let Some(note) = &report.off_network.1 {
        text.push_str(&format!("  note: {note}\n"));
    }
    text.push_str("  every value init chose is marked `inferred` in the file\n");
    super::write_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(())
}
