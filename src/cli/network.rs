//! `freightsim network`: load an extract and summarise the road network per profile.

use clap::Args;
use freightsim::network::{NetworkReport, RoadNetwork, format_table, write_geojson_file};
use std::path::PathBuf;

/// Flags of `freightsim network`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// OSM extract: .osm.pbf, .osm or .osm.gz.
    #[arg(long)]
    osm: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Write the network as GeoJSON (one LineString per street segment, both directions of
    /// a two-way street in one feature, access and speed per profile) to this file.
    #[arg(long)]
    geojson: Option<PathBuf>,
}

pub fn run(args: NetworkArgs) -> anyhow::Result<()> {
    let (extract, decode) =
        freightsim::osm::read_with_report(&args.osm).map_err(freightsim::Error::from)?;
    let network = RoadNetwork::build(&extract).map_err(freightsim::Error::from)?;
    if let Some(path) = &args.geojson {
        write_geojson_file(&network, path).map_err(freightsim::Error::from)?;
    }
    let summaries = network.summaries();
    let text = if args.json {
        let report = NetworkReport {
            osm: args.osm.display().to_string(),
            decode,
            profiles: summaries,
        };
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        format!("{}decoded: {decode}\n", format_table(&summaries))
    };
    super::write_stdout(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}
