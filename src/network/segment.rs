//! Street segments: every usable way cut at the nodes it shares with other usable ways.
//!
//! A segment is the stretch of one OSM way between two *junctions*, where a junction is a node
//! used twice or more by the usable ways (an intersection, or a way meeting itself), or the
//! end of a way. The cut is the same for every profile, so a segment is also what the GeoJSON
//! output draws: one feature per segment, carrying each profile's access on it. Profiles then
//! turn their open segments into directed edges (see [`super::build`]).
//!
//! A way that refers to a node the extract does not position (an extract cut at a bounding
//! box) is broken at that node: the pieces on each side are kept, each ending at a junction.

#[cfg(doc)]
use crate::network::way_access;
use crate::network::{Profile, WayAccess};
use crate::osm::{OsmExtract, RoadWay, tag};
use crate::units::{LonLat, Meters};

/// Shortest length given to an edge, so that lengths and durations stay positive even when two
/// distinct nodes share a position (it happens in OSM data).
pub const MIN_SEGMENT_LENGTH: Meters = Meters(0.01);

/// A stretch of one OSM way between two junctions.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// OSM way id.
    pub way_id: i64,
    /// The way's `highway=*` value.
    pub highway: String,
    /// The way's `name=*`, if any.
    pub name: Option<String>,
    /// OSM node id of the first point (a junction).
    pub from_node: i64,
    /// OSM node id of the last point (a junction).
    pub to_node: i64,
    /// Positions from `from_node` to `to_node`, in the way's direction (at least two).
    pub geometry: Vec<LonLat>,
    /// Haversine length along `geometry`, at least [`MIN_SEGMENT_LENGTH`].
    pub length: Meters,
    /// Access of each profile, in [`Profile::ALL`] order.
    pub access: [WayAccess; 3],
}

impl Segment {
    /// Access of `profile` on this segment.
    pub fn access(&self, profile: Profile) -> WayAccess {
        self.access[profile_slot(profile)]
    }
}

/// Position of `profile` in [`Profile::ALL`].
pub fn profile_slot(profile: Profile) -> usize {
    Profile::ALL
        .iter()
        .position(|p| *p == profile)
        .expect("every profile is in Profile::ALL")
}

/// True when `access` lets a vehicle move at all: a direction open and a usable speed.
pub fn is_usable(access: &WayAccess) -> bool {
    access.is_open() && access.speed_kmh.is_finite() && access.speed_kmh > 0.0
}

/// Consecutive positioned nodes of a way, as `(node id, position)`.
type Run = Vec<(i64, LonLat)>;

/// The runs of a way whose nodes all have a position, as `(node id, position)` lists of at
/// least two distinct consecutive nodes.
fn positioned_runs(way: &RoadWay, extract: &OsmExtract) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut run: Run = Vec::new();
    for &id in &way.nodes {
        match extract.nodes.position(id) {
            Some(pos) if pos.lon.is_finite() && pos.lat.is_finite() => {
                if run.last().map(|(last, _)| *last) != Some(id) {
                    run.push((id, pos));
                }
            }
            _ => {
                if run.len() >= 2 {
                    runs.push(std::mem::take(&mut run));
                } else {
                    run.clear();
                }
            }
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs
}

/// Length along a polyline.
pub fn polyline_length(points: &[LonLat]) -> Meters {
    points
        .windows(2)
        .map(|w| w[0].haversine(w[1]))
        .fold(Meters::ZERO, |a, b| a + b)
}

/// Cuts every way usable by at least one profile into segments, in way order then along each
/// way, with access given by `access(profile, tags)` (normally [`way_access`]). Also returns
/// how many ways each profile may use (in [`Profile::ALL`] order).
pub fn segments(
    extract: &OsmExtract,
    access: impl Fn(Profile, &[(String, String)]) -> WayAccess,
) -> (Vec<Segment>, [usize; 3]) {
    let mut usable_ways = [0usize; 3];
    let mut ways: Vec<(&RoadWay, [WayAccess; 3], Vec<Run>)> = Vec::new();
    for way in &extract.roads {
        let access = Profile::ALL.map(|p| access(p, &way.tags));
        if !access.iter().any(is_usable) {
            continue;
        }
        let runs = positioned_runs(way, extract);
        if runs.is_empty() {
            continue;
        }
        for (slot, a) in access.iter().enumerate() {
            usable_ways[slot] += usize::from(is_usable(a));
        }
        ways.push((way, access, runs));
    }

    // A node is a junction when used twice or more, or when it ends a run.
    let mut uses: Vec<i64> = ways
        .iter()
        .flat_map(|(_, _, runs)| runs.iter().flatten().map(|(id, _)| *id))
        .collect();
    uses.sort_unstable();
    let mut junctions: Vec<i64> = uses
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    for (_, _, runs) in &ways {
        for run in runs {
            junctions.push(run[0].0);
            junctions.push(run[run.len() - 1].0);
        }
    }
    junctions.sort_unstable();
    junctions.dedup();
    let is_junction = |id: i64| junctions.binary_search(&id).is_ok();

    let mut out = Vec::new();
    for (way, access, runs) in &ways {
        let highway = tag(&way.tags, "highway").unwrap_or("").to_string();
        let name = tag(&way.tags, "name").map(str::to_string);
        for run in runs {
            let mut start = 0;
            for i in 1..run.len() {
                if is_junction(run[i].0) {
                    let geometry: Vec<LonLat> = run[start..=i].iter().map(|(_, p)| *p).collect();
                    let length = polyline_length(&geometry);
                    out.push(Segment {
                        way_id: way.id,
                        highway: highway.clone(),
                        name: name.clone(),
                        from_node: run[start].0,
                        to_node: run[i].0,
                        geometry,
                        length: if length.0 > MIN_SEGMENT_LENGTH.0 {
                            length
                        } else {
                            MIN_SEGMENT_LENGTH
                        },
                        access: *access,
                    });
                    start = i;
                }
            }
        }
    }
    (out, usable_ways)
}
