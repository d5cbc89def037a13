//! Errors of the `network` stage: an extract that cannot be turned into a usable road network,
//! or a point that cannot be snapped onto one.

use crate::network::Profile;

/// Why a road network could not be built or used.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// The extract holds no `highway=*` way a van may drive on (wrong file, an extract cut
    /// from a non-road layer, or an area without streets). Remedy: pass an extract of the
    /// city's streets, e.g. cut from a regional `.osm.pbf` with `osmium extract`.
    #[error(
        "no road in the extract is usable by profile {profile} ({ways} highway ways, \
         {positioned_nodes} node positions read); pass an extract that contains the city's \
         streets (e.g. `osmium extract -b LON1,LAT1,LON2,LAT2 region.osm.pbf`)"
    )]
    NoRoads {
        /// The profile that found nothing to drive on.
        profile: Profile,
        /// Number of `highway=*` ways in the extract.
        ways: usize,
        /// Number of node positions the extract held.
        positioned_nodes: usize,
    },
    /// A snap was asked for a profile whose network is empty (the extract has no way that
    /// profile may use). Remedy: use another profile for these points, or a larger extract.
    #[error(
        "cannot snap points for profile {profile}: its road network is empty; use another \
         vehicle profile or an extract with roads open to it"
    )]
    EmptyProfile {
        /// The profile with no road.
        profile: Profile,
    },
    /// A point to snap has a longitude or latitude that is not a finite number in range
    /// (e.g. swapped columns or a parse slip). Remedy: fix the coordinates at their source.
    #[error(
        "point #{index} has invalid coordinates (lon {lon}, lat {lat}); longitude must be in \
         [-180, 180] and latitude in [-90, 90], in that order"
    )]
    InvalidPoint {
        /// Position of the point in the list given.
        index: usize,
        /// Longitude as given, degrees.
        lon: f64,
        /// Latitude as given, degrees.
        lat: f64,
    },
    /// The GeoJSON output could not be written (directory missing, disk full, no
    /// permission). Remedy: check the path given to `--geojson`.
    #[error(
        "cannot write GeoJSON to {path}: {source}; check that the directory exists and is writable"
    )]
    WriteGeoJson {
        /// The file being written.
        path: std::path::PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}
