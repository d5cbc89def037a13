//! `freightsim network`: load an extract and summarise the road network per profile.

use clap::Args;
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
    /// Write the network as GeoJSON (one feature per edge) to this file.
    #[arg(long)]
    geojson: Option<PathBuf>,
}

pub fn run(args: NetworkArgs) -> anyhow::Result<()> {
    anyhow::bail!("network: not implemented yet ({args:?})")
}
