//! Land-use areas: closed `landuse=*` ways, and which of them a point lies in.
//!
//! Demand asks what land an untagged building stands on (a house on residential land, a shed
//! in the arsenal). Multipolygon relations are not read (see the module's notes), so an area
//! mapped only as a relation is absent, and a way whose nodes the file lacks in part is left
//! out rather than closed by a straight chord.

use super::features::way_shape;
use crate::units::LonLat;

/// A closed `landuse=*` way whose every node the file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct LandUseArea {
    /// OSM way id.
    pub id: i64,
    /// The `landuse` value (`residential`, `industrial`, `military` …).
    pub value: String,
    /// The ring, first point repeated last.
    pub ring: Vec<LonLat>,
    /// Enclosed area, m².
    pub area_m2: f64,
}

impl LandUseArea {
    /// The area of `ring` under `value`, or `None` when the ring is not closed or encloses
    /// nothing.
    pub fn new(id: i64, value: &str, ring: Vec<LonLat>) -> Option<Self> {
        let shape = way_shape(&ring)?;
        let area_m2 = shape.footprint_m2.filter(|a| *a > 0.0)?;
        Some(LandUseArea {
            id,
            value: value.to_owned(),
            ring,
            area_m2,
        })
    }

    /// True when `p` lies inside the ring (even-odd rule; a point on an edge may fall either
    /// way).
    pub fn contains(&self, p: LonLat) -> bool {
        let mut inside = false;
        for w in self.ring.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
                if p.lon < x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// The smallest of `areas` containing `p` (the most specific when areas nest); ties go to the
/// lower id.
pub fn land_use_at(areas: &[LandUseArea], p: LonLat) -> Option<&LandUseArea> {
    areas
        .iter()
        .filter(|a| a.contains(p))
        .min_by(|a, b| a.area_m2.total_cmp(&b.area_m2).then(a.id.cmp(&b.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(id: i64, value: &str, x0: f64, y0: f64, side: f64) -> LandUseArea {
        let p = |x: f64, y: f64| LonLat::new(x, y);
        let ring = vec![
            p(x0, y0),
            p(x0 + side, y0),
            p(x0 + side, y0 + side),
            p(x0, y0 + side),
            p(x0, y0),
        ];
        LandUseArea::new(id, value, ring).unwrap()
    }

    #[test]
    fn the_smallest_area_containing_the_point_wins() {
        let big = square(1, "residential", -3.37, 47.74, 0.02);
        let small = square(2, "industrial", -3.36, 47.75, 0.002);
        let areas = [big, small];
        let inner = LonLat::new(-3.359, 47.751);
        assert_eq!(land_use_at(&areas, inner).unwrap().value, "industrial");
        let outer = LonLat::new(-3.365, 47.745);
        assert_eq!(land_use_at(&areas, outer).unwrap().value, "residential");
        assert!(land_use_at(&areas, LonLat::new(-3.0, 47.0)).is_none());
    }

    #[test]
    fn an_open_way_is_no_area() {
        let ring = vec![LonLat::new(0.0, 0.0), LonLat::new(0.001, 0.0)];
        assert!(LandUseArea::new(1, "residential", ring).is_none());
    }
}
