//! The ban's exceptions for a consolidation centre: the streets of a zone that stay open to
//! the vehicles the ban covers, so that their line-hauls reach the centre.
//!
//! Real access bans (Lyon's, Paris's, the *zones à trafic limité*) let heavy vehicles drive
//! to a listed depot along listed streets. Here a street stays open when its OSM `name=*` is
//! one of `ucc.access_streets`, or when it passes within `ucc.access_buffer_m` of the
//! centre's site. Every other street touching the zone stays closed to banned vehicles, and
//! [`AccessStreets::street_at`] says on which open street a point of a trip lies, so that the
//! summary can name the streets the line-hauls drove and a test can check that they drove no
//! other inside the zone.

use super::Zone;
use crate::network::{ProfileNetwork, RoadNetwork};
use crate::units::LonLat;
use std::collections::BTreeMap;

/// Metres per degree of latitude (mean Earth radius 6,371 km).
const M_PER_DEG: f64 = 111_195.0;

/// Name given to an open street without `name=*` (it is open through the buffer).
pub const UNNAMED: &str = "(unnamed, within the buffer)";

/// The exceptions of one profile's network.
#[derive(Clone, Debug, Default)]
pub struct AccessStreets {
    /// Per edge of the profile graph: it touches the zone and stays open.
    pub open: Vec<bool>,
    /// The open edges: index and the street's name.
    named: Vec<(usize, String)>,
}

/// Distance from `p` to the polyline `line`, metres (local flat projection, exact enough at
/// a few km).
pub fn distance_to_line_m(p: LonLat, line: &[LonLat]) -> f64 {
    let k = p.lat.to_radians().cos();
    let xy = |q: LonLat| ((q.lon - p.lon) * k * M_PER_DEG, (q.lat - p.lat) * M_PER_DEG);
    let mut best = f64::INFINITY;
    for w in line.windows(2) {
        let (ax, ay) = xy(w[0]);
        let (bx, by) = xy(w[1]);
        let (dx, dy) = (bx - ax, by - ay);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (x, y) = (ax + t * dx, ay + t * dy);
        best = best.min((x * x + y * y).sqrt());
    }
    if line.len() == 1 {
        let (x, y) = xy(line[0]);
        best = (x * x + y * y).sqrt();
    }
    best
}

/// The names of the extract's streets: OSM way id to `name=*`.
fn way_names(network: &RoadNetwork) -> BTreeMap<i64, &str> {
    network
        .segments()
        .iter()
        .filter_map(|s| s.name.as_deref().map(|n| (s.way_id, n)))
        .collect()
}

/// Checks that every name of `streets` is a street touching `zone`; on failure returns the
/// index of the first unknown name and up to eight names of streets of the zone nearest to
/// `site`, to suggest.
///
/// # Errors
/// `(k, suggestions)` for the first name no street touching the zone bears.
pub fn check_names(
    network: &RoadNetwork,
    zone: &Zone,
    streets: &[String],
    site: LonLat,
) -> Result<(), (usize, Vec<String>)> {
    let mut in_zone: BTreeMap<&str, f64> = BTreeMap::new();
    for s in network.segments() {
        if let Some(n) = s.name.as_deref()
            && zone.touches(&s.geometry)
        {
            let d = distance_to_line_m(site, &s.geometry);
            let e = in_zone.entry(n).or_insert(d);
            *e = e.min(d);
        }
    }
    for (k, name) in streets.iter().enumerate() {
        if !in_zone.contains_key(name.as_str()) {
            let mut near: Vec<(&str, f64)> = in_zone.iter().map(|(n, d)| (*n, *d)).collect();
            near.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
            return Err((
                k,
                near.into_iter()
                    .take(8)
                    .map(|(n, _)| n.to_owned())
                    .collect(),
            ));
        }
    }
    Ok(())
}

impl AccessStreets {
    /// The edges of `net` touching `zone` that stay open: named in `streets`, or within
    /// `buffer_m` of `site`.
    pub fn new(
        network: &RoadNetwork,
        net: &ProfileNetwork,
        zone: &Zone,
        streets: &[String],
        buffer_m: f64,
        site: LonLat,
    ) -> Self {
        let names = way_names(network);
        let graph = net.graph();
        let mut open = vec![false; graph.edge_count()];
        let mut named = Vec::new();
        for (i, e) in graph.edge_weights().enumerate() {
            if !zone.touches(&e.geometry) {
                continue;
            }
            let name = e.way_ids.iter().find_map(|w| names.get(w).copied());
            let listed = e
                .way_ids
                .iter()
                .any(|w| names.get(w).is_some_and(|n| streets.iter().any(|s| s == n)));
            let near = buffer_m > 0.0 && distance_to_line_m(site, &e.geometry) <= buffer_m;
            if listed || near {
                open[i] = true;
                named.push((i, name.unwrap_or(UNNAMED).to_owned()));
            }
        }
        AccessStreets { open, named }
    }

    /// True when no street is open.
    pub fn is_empty(&self) -> bool {
        self.named.is_empty()
    }

    /// The open street `p` lies on (within `tolerance_m`), if any.
    pub fn street_at(&self, net: &ProfileNetwork, p: LonLat, tolerance_m: f64) -> Option<&str> {
        let graph = net.graph();
        self.named.iter().find_map(|(i, name)| {
            let e = &graph[petgraph::graph::EdgeIndex::new(*i)];
            (distance_to_line_m(p, &e.geometry) <= tolerance_m).then_some(name.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_to_a_segment_is_the_perpendicular_or_the_nearest_end() {
        let a = LonLat::new(0.0, 0.0);
        let b = LonLat::new(0.001, 0.0);
        // 0.0005° north of the middle: about 55.6 m.
        let d = distance_to_line_m(LonLat::new(0.0005, 0.0005), &[a, b]);
        assert!((d - 55.6).abs() < 0.2, "{d}");
        // Beyond the end: the distance to it.
        let d = distance_to_line_m(LonLat::new(0.002, 0.0), &[a, b]);
        assert!((d - 111.2).abs() < 0.2, "{d}");
    }
}
