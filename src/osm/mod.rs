//! `osm`: decode an OpenStreetMap extract (`.osm.pbf`, `.osm`, `.osm.gz`) into an
//! [`OsmExtract`]: the routable ways with their tags and node positions, and the map features
//! demand needs (shops, amenities, offices, crafts, buildings, addresses).
//!
//! This module only decodes. What a tag *means* for a vehicle lives in `network`.
//!
//! # What is kept
//! - every way with a `highway` key, with all its tags and node ids ([`OsmExtract::roads`]);
//! - the positions of the nodes those roads use, and of no other node ([`OsmExtract::nodes`]);
//! - every node or way with a key among [`FEATURE_KEYS`] (`shop`, `amenity`, `office`, `craft`, `tourism`,
//!   `building`, `addr:housenumber`) as a [`MapFeature`]: a node at its position; a closed way
//!   at the centroid of its polygon, with its footprint in m²; an open way at the mean of its
//!   points, without footprint;
//! - every closed `landuse=*` way whose nodes the file all holds, as a [`LandUseArea`] (a
//!   land-use way without a feature key is not a map feature).
//!
//! An id given twice to one object (files joined with `cat`) is counted in the
//! [`DecodeReport`]; an id given to two different nodes or ways is refused
//! ([`OsmError::ConflictingDuplicate`]), since keeping either would lose the other.
//!
//! Relations are ignored (counted in [`DecodeReport::relations_ignored`]): multipolygon
//! buildings and turn restrictions are not read. Everything is sorted by id, so the result does
//! not depend on the file's order, its encoding or the number of threads.
//!
//! # Nodes missing from the file
//! An extract cut from a larger file may hold ways whose nodes it lacks. That is not an error:
//! a road keeps its longest run of consecutive nodes that the file holds (no straight chord is
//! drawn across a gap) and is dropped when fewer than two remain; a way feature is placed from
//! the nodes present, loses its footprint, and is dropped when none is present. The numbers are
//! in the [`DecodeReport`] that [`read_with_report`] returns.
//!
//! # Formats
//! The encoding is told from the content, not the file name (see [`OsmFormat`]). PBF blobs are
//! decoded in parallel (rayon); XML is read as a stream.

mod assemble;
mod error;
mod features;
mod format;
mod land_use;
mod pbf;
mod xml;

pub use error::OsmError;
pub use features::{FEATURE_KEYS, LAND_USE_KEY, ROAD_KEY};
pub use format::OsmFormat;
pub use land_use::{LandUseArea, land_use_at};

use crate::units::LonLat;
use std::path::Path;

/// Decodes the OpenStreetMap extract at `path` (`.osm.pbf`, `.osm` or `.osm.gz`, told apart by
/// content).
///
/// # Errors
/// Any [`OsmError`]: a missing or unreadable file, a file that is no OSM extract, a truncated
/// or corrupt PBF, malformed XML, or an extract without `highway=*` ways.
pub fn read(path: &Path) -> Result<OsmExtract, OsmError> {
    read_with_report(path).map(|(extract, _)| extract)
}

/// Like [`read`], and also says what was dropped or ignored on the way.
pub fn read_with_report(path: &Path) -> Result<(OsmExtract, DecodeReport), OsmError> {
    let format = format::detect(path)?;
    let raw = match format {
        OsmFormat::Pbf => pbf::decode(path)?,
        OsmFormat::Xml => xml::decode(path, false)?,
        OsmFormat::GzipXml => xml::decode(path, true)?,
    };
    assemble::assemble(path, format, raw)
}

/// What the decoder left out of an [`OsmExtract`], and why: problems that are not fatal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DecodeReport {
    /// The encoding found in the file.
    pub format: OsmFormat,
    /// Node references of kept ways (roads and features) that name a node the file lacks.
    pub missing_node_refs: usize,
    /// Roads kept but cut to their longest run of present nodes.
    pub roads_trimmed: usize,
    /// Ids of `highway=*` ways dropped for having fewer than two present nodes, sorted.
    pub roads_dropped: Vec<i64>,
    /// Way features placed from only some of their nodes (and so without footprint).
    pub features_incomplete: usize,
    /// Ids of way features dropped because none of their nodes is present, sorted.
    pub features_dropped: Vec<i64>,
    /// Relations in the file, all ignored.
    pub relations_ignored: usize,
    /// Node records repeated with the same position (files joined with `cat`), one kept.
    pub duplicate_nodes: usize,
    /// Ways repeated with the same nodes and tags, one kept.
    pub duplicate_ways: usize,
}

impl std::fmt::Display for DecodeReport {
    /// One line for a log: the format, then only the problems that occurred.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.format)?;
        let counts = [
            (
                self.missing_node_refs,
                "way node references to absent nodes",
            ),
            (self.roads_trimmed, "roads cut at an absent node"),
            (
                self.roads_dropped.len(),
                "roads dropped (fewer than two nodes)",
            ),
            (
                self.features_incomplete,
                "way features without footprint (absent nodes)",
            ),
            (
                self.features_dropped.len(),
                "way features dropped (no node present)",
            ),
            (self.relations_ignored, "relations ignored"),
            (
                self.duplicate_nodes,
                "node records repeated (same position)",
            ),
            (self.duplicate_ways, "ways repeated (same nodes and tags)"),
        ];
        for (count, what) in counts.into_iter().filter(|(count, _)| *count > 0) {
            write!(f, "; {count} {what}")?;
        }
        Ok(())
    }
}

impl DecodeReport {
    /// A report of nothing dropped, for a file in `format`.
    pub fn new(format: OsmFormat) -> Self {
        DecodeReport {
            format,
            missing_node_refs: 0,
            roads_trimmed: 0,
            roads_dropped: Vec::new(),
            features_incomplete: 0,
            features_dropped: Vec::new(),
            relations_ignored: 0,
            duplicate_nodes: 0,
            duplicate_ways: 0,
        }
    }
}

/// An OSM tag list, `(key, value)` pairs sorted by key.
pub type Tags = Vec<(String, String)>;

/// Looks up `key` in a sorted tag list.
pub fn tag<'a>(tags: &'a [(String, String)], key: &str) -> Option<&'a str> {
    tags.binary_search_by(|(k, _)| k.as_str().cmp(key))
        .ok()
        .map(|i| tags[i].1.as_str())
}

/// A `highway=*` way, with every tag it carries and its node ids in order.
#[derive(Clone, Debug, PartialEq)]
pub struct RoadWay {
    /// OSM way id.
    pub id: i64,
    /// OSM node ids, in the way's direction.
    pub nodes: Vec<i64>,
    /// All tags of the way, sorted by key.
    pub tags: Tags,
}

/// Where a map feature came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OsmId {
    /// An OSM node.
    Node(i64),
    /// An OSM way (closed: a building or an area).
    Way(i64),
}

/// A point of interest for demand: a tagged node, or a way reduced to its centroid.
#[derive(Clone, Debug, PartialEq)]
pub struct MapFeature {
    /// The OSM object.
    pub id: OsmId,
    /// The node's position, or the way's centroid.
    pub location: LonLat,
    /// Footprint area in m² for a closed way, `None` for a node.
    pub footprint_m2: Option<f64>,
    /// All tags, sorted by key.
    pub tags: Tags,
}

/// Node positions, sorted by OSM id for binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodePositions {
    ids: Vec<i64>,
    positions: Vec<LonLat>,
}

impl NodePositions {
    /// Builds the table from `(id, position)` pairs in any order; a repeated id keeps the
    /// last position given.
    pub fn from_pairs(mut pairs: Vec<(i64, LonLat)>) -> Self {
        pairs.sort_by_key(|(id, _)| *id);
        let mut out = Self::default();
        for (id, pos) in pairs {
            if out.ids.last() == Some(&id) {
                *out.positions.last_mut().expect("same length") = pos;
            } else {
                out.ids.push(id);
                out.positions.push(pos);
            }
        }
        out
    }

    /// Position of node `id`, if the extract holds it.
    pub fn position(&self, id: i64) -> Option<LonLat> {
        self.ids.binary_search(&id).ok().map(|i| self.positions[i])
    }

    /// Number of nodes held.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no node is held.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// What freightsim keeps of an OSM extract.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OsmExtract {
    /// Every `highway=*` way, sorted by id.
    pub roads: Vec<RoadWay>,
    /// Positions of the nodes the roads use (other nodes may be absent).
    pub nodes: NodePositions,
    /// Shops, amenities, offices, crafts, buildings and addressed objects, sorted by id.
    pub features: Vec<MapFeature>,
    /// Closed `landuse=*` ways the file holds whole, sorted by id.
    pub land_use: Vec<LandUseArea>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lookup_in_sorted_list() {
        let tags: Tags = vec![
            ("highway".into(), "residential".into()),
            ("oneway".into(), "yes".into()),
        ];
        assert_eq!(tag(&tags, "oneway"), Some("yes"));
        assert_eq!(tag(&tags, "name"), None);
    }

    #[test]
    fn node_positions_keep_last_duplicate() {
        let p = NodePositions::from_pairs(vec![
            (5, LonLat::new(1.0, 1.0)),
            (2, LonLat::new(0.0, 0.0)),
            (5, LonLat::new(2.0, 2.0)),
        ]);
        assert_eq!(p.len(), 2);
        assert_eq!(p.position(5), Some(LonLat::new(2.0, 2.0)));
        assert_eq!(p.position(3), None);
    }
}
