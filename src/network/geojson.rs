//! GeoJSON output of a road network, for checking it in QGIS or geojson.io.
//!
//! One `LineString` feature per street segment (see [`super::segment`]), in the way's
//! direction: both directions of a two-way street are one feature. Properties:
//! `osm_way_id`, `highway`, `name`, `length_m`, then per profile its access
//! (`"both"`, `"forward"`, `"backward"` relative to the line's direction, or `"no"`) under the
//! profile's name, and its speed as `<profile>_speed_kmh` (`null` where closed).

use crate::network::segment::is_usable;
use crate::network::{NetworkError, Profile, RoadNetwork, Segment};
use serde_json::{Map, Value, json};
use std::io::{self, Write};
use std::path::Path;

/// Word for a profile's access on a segment, relative to the segment's direction.
pub fn access_word(segment: &Segment, profile: Profile) -> &'static str {
    let a = segment.access(profile);
    if !is_usable(&a) {
        return "no";
    }
    match (a.forward, a.backward) {
        (true, true) => "both",
        (true, false) => "forward",
        (false, true) => "backward",
        (false, false) => "no",
    }
}

fn feature(segment: &Segment) -> Value {
    let mut props = Map::new();
    props.insert("osm_way_id".into(), json!(segment.way_id));
    props.insert("highway".into(), json!(segment.highway));
    props.insert("name".into(), json!(segment.name));
    props.insert("length_m".into(), json!(segment.length.0));
    for profile in Profile::ALL {
        let word = access_word(segment, profile);
        props.insert(profile.name().into(), json!(word));
        let speed = (word != "no").then(|| segment.access(profile).speed_kmh);
        props.insert(format!("{}_speed_kmh", profile.name()), json!(speed));
    }
    let coordinates: Vec<[f64; 2]> = segment.geometry.iter().map(|p| [p.lon, p.lat]).collect();
    json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coordinates},
        "properties": props,
    })
}

/// Writes `network` as a GeoJSON FeatureCollection to `out`.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write_geojson(network: &RoadNetwork, mut out: impl Write) -> io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (i, segment) in network.segments().iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &feature(segment))?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

/// Writes `network` as GeoJSON to the file `path` (created or replaced).
///
/// # Errors
/// [`NetworkError::WriteGeoJson`] when the file cannot be created or written.
pub fn write_geojson_file(network: &RoadNetwork, path: &Path) -> Result<(), NetworkError> {
    let wrap = |source| NetworkError::WriteGeoJson {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::create(path).map_err(wrap)?;
    write_geojson(network, io::BufWriter::new(file)).map_err(wrap)
}
