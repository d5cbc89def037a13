//! `osm`: decode an OpenStreetMap extract (`.osm.pbf`, `.osm`, `.osm.gz`) into an
//! [`OsmExtract`]: the routable ways with their tags and node positions, and the map features
//! demand needs (shops, amenities, offices, crafts, buildings, addresses).
//!
//! This module only decodes. What a tag *means* for a vehicle lives in `network`.

use crate::units::LonLat;

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
