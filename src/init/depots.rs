//! Where `init` puts the carriers' depots when the user gives none: on the map's industrial
//! land nearest the demand, else at the edge of the road network farthest from it.

use crate::osm::OsmExtract;
use crate::units::LonLat;

/// A depot position and why it was chosen (written beside it in the scenario).
#[derive(Clone, Debug, PartialEq)]
pub struct DepotChoice {
    /// Position.
    pub position: LonLat,
    /// Short name for the scenario.
    pub name: String,
    /// Why here, one line.
    pub reason: String,
}

/// Land-use values a carrier's depot may stand on, in order of preference.
const DEPOT_LAND_USE: [&str; 2] = ["industrial", "logistics"];

/// Mean of a closed ring's points (its first point, repeated last, counted once).
fn ring_centre(ring: &[LonLat]) -> LonLat {
    let pts = if ring.len() > 1 && ring.first() == ring.last() {
        &ring[..ring.len() - 1]
    } else {
        ring
    };
    let n = pts.len().max(1) as f64;
    LonLat::new(
        pts.iter().map(|p| p.lon).sum::<f64>() / n,
        pts.iter().map(|p| p.lat).sum::<f64>() / n,
    )
}

/// The depot for demand centred at `centre`: the centre of the nearest `landuse=industrial`
/// (or `logistics`) area of at least `min_area_m2`; when the map has none, the road node
/// farthest from `centre` (a depot at the edge of the map, as carriers' depots sit on the
/// periphery).
pub fn choose(extract: &OsmExtract, centre: LonLat, min_area_m2: f64) -> Option<DepotChoice> {
    let industrial = extract
        .land_use
        .iter()
        .filter(|a| DEPOT_LAND_USE.contains(&a.value.as_str()) && a.area_m2 >= min_area_m2)
        .map(|a| (a, ring_centre(&a.ring)))
        .min_by(|(a, p), (b, q)| {
            p.haversine(centre)
                .0
                .total_cmp(&q.haversine(centre).0)
                .then(a.id.cmp(&b.id))
        });
    if let Some((area, position)) = industrial {
        return Some(DepotChoice {
            position,
            name: format!("depot on landuse={} (OSM way {})", area.value, area.id),
            reason: format!(
                "inferred: the centre of the {} land-use area nearest the demand (OSM way {}, {:.0} m², {:.1} km from the demand's centre)",
                area.value,
                area.id,
                area.area_m2,
                position.haversine(centre).0 / 1000.0
            ),
        });
    }
    let mut farthest: Option<(f64, i64, LonLat)> = None;
    for way in &extract.roads {
        for &id in &way.nodes {
            if let Some(p) = extract.nodes.position(id) {
                let d = p.haversine(centre).0;
                if farthest.is_none_or(|(fd, fid, _)| d > fd || (d == fd && id < fid)) {
                    farthest = Some((d, id, p));
                }
            }
        }
    }
    farthest.map(|(d, id, position)| DepotChoice {
        position,
        name: format!("depot at the map's edge (OSM node {id})"),
        reason: format!(
            "inferred: no industrial or logistics land use on the map; the road node farthest from the demand's centre (OSM node {id}, {:.1} km), standing for a depot on the periphery",
            d / 1000.0
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osm::LandUseArea;

    fn square(id: i64, value: &str, lon: f64, lat: f64, side: f64) -> LandUseArea {
        let ring = vec![
            LonLat::new(lon, lat),
            LonLat::new(lon + side, lat),
            LonLat::new(lon + side, lat + side),
            LonLat::new(lon, lat + side),
            LonLat::new(lon, lat),
        ];
        LandUseArea::new(id, value, ring).expect("a square encloses area")
    }

    #[test]
    fn nearest_industrial_area_wins_over_residential_and_farther_ones() {
        let extract = OsmExtract {
            land_use: vec![
                square(1, "residential", 0.0, 0.0, 0.001),
                square(2, "industrial", 0.05, 0.0, 0.005),
                square(3, "industrial", 0.02, 0.0, 0.005),
            ],
            ..OsmExtract::default()
        };
        let d = choose(&extract, LonLat::new(0.0, 0.0), 1000.0).expect("industrial land");
        assert!(d.name.contains("way 3"), "{}", d.name);
        assert!(d.reason.starts_with("inferred"));
        // Too small an area is not a depot site.
        let none = choose(&extract, LonLat::new(0.0, 0.0), 1.0e9);
        assert!(none.is_none(), "no road either: no depot");
    }
}
