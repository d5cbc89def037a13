//! Which objects the decoder keeps, and where a way-shaped map feature sits.
//!
//! A way is a road when it has a `highway` key. A node or way is a map feature when it has one
//! of [`FEATURE_KEYS`], whatever the value (what a value means for demand is the demand
//! stage's business). The decoders classify keys as raw bytes so that objects they drop cost
//! no allocation.

use crate::units::LonLat;

/// The key that makes a way a road.
pub const ROAD_KEY: &str = "highway";

/// The keys that make a node or a way a map feature.
pub const FEATURE_KEYS: [&str; 7] = [
    "shop",
    "amenity",
    "office",
    "craft",
    "tourism",
    "building",
    "addr:housenumber",
];

/// The key that makes a closed way a land-use area (demand reads it to tell where people live).
pub const LAND_USE_KEY: &str = "landuse";

/// What a tag key makes of the object carrying it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// Neither a road nor a feature key.
    Other,
    /// `highway`.
    Road,
    /// One of [`FEATURE_KEYS`].
    Feature,
    /// `landuse`.
    LandUse,
}

/// Classifies a tag key given as bytes.
pub(crate) fn classify_key(key: &[u8]) -> KeyKind {
    if key == ROAD_KEY.as_bytes() {
        KeyKind::Road
    } else if key == LAND_USE_KEY.as_bytes() {
        KeyKind::LandUse
    } else if FEATURE_KEYS.iter().any(|k| k.as_bytes() == key) {
        KeyKind::Feature
    } else {
        KeyKind::Other
    }
}

/// Mean Earth radius in metres, as in [`LonLat::haversine`].
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Where a way feature sits and, for a closed way, the area it encloses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct WayShape {
    /// The polygon's centroid for a closed way, the mean of the points for an open one.
    pub location: LonLat,
    /// Enclosed area in m² for a closed way, `None` for an open one.
    pub footprint_m2: Option<f64>,
}

/// The shape of a way from its node positions in order.
///
/// A way is closed when it has at least four points and ends where it starts. Its area and
/// centroid come from the shoelace formula in a local equirectangular projection centred on
/// the mean of its points (metres east and north); at city scale the error is far below the
/// accuracy of a mapped footprint. A closed way of zero area (all points on a line) sits at the
/// mean of its points with a footprint of 0 m². Returns `None` for no points.
pub(crate) fn way_shape(points: &[LonLat]) -> Option<WayShape> {
    let closed = points.len() >= 4 && points.first() == points.last();
    let ring = if closed {
        &points[..points.len() - 1]
    } else {
        points
    };
    let mean = mean_point(ring)?;
    if !closed {
        return Some(WayShape {
            location: mean,
            footprint_m2: None,
        });
    }
    let cos_lat = mean.lat.to_radians().cos();
    let project = |p: &LonLat| {
        (
            (p.lon - mean.lon).to_radians() * cos_lat * EARTH_RADIUS_M,
            (p.lat - mean.lat).to_radians() * EARTH_RADIUS_M,
        )
    };
    let (mut twice_area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for (i, a) in ring.iter().enumerate() {
        let (x0, y0) = project(a);
        let (x1, y1) = project(&ring[(i + 1) % ring.len()]);
        let cross = x0 * y1 - x1 * y0;
        twice_area += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    let area_m2 = (twice_area / 2.0).abs();
    // Below a square centimetre the centroid formula divides by (almost) zero.
    if area_m2 < 1e-4 {
        return Some(WayShape {
            location: mean,
            footprint_m2: Some(0.0),
        });
    }
    let (x, y) = (cx / (3.0 * twice_area), cy / (3.0 * twice_area));
    Some(WayShape {
        location: LonLat::new(
            mean.lon + (x / (EARTH_RADIUS_M * cos_lat)).to_degrees(),
            mean.lat + (y / EARTH_RADIUS_M).to_degrees(),
        ),
        footprint_m2: Some(area_m2),
    })
}

fn mean_point(points: &[LonLat]) -> Option<LonLat> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let lon = points.iter().map(|p| p.lon).sum::<f64>() / n;
    let lat = points.iter().map(|p| p.lat).sum::<f64>() / n;
    Some(LonLat::new(lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Degrees of latitude per metre.
    const DEG_PER_M: f64 = 1.0 / (EARTH_RADIUS_M * std::f64::consts::PI / 180.0);

    #[test]
    fn keys_are_classified() {
        assert_eq!(classify_key(b"highway"), KeyKind::Road);
        assert_eq!(classify_key(b"addr:housenumber"), KeyKind::Feature);
        assert_eq!(classify_key(b"building"), KeyKind::Feature);
        assert_eq!(classify_key(b"highways"), KeyKind::Other);
        assert_eq!(classify_key(b"landuse"), KeyKind::LandUse);
        assert_eq!(classify_key(b"name"), KeyKind::Other);
    }

    #[test]
    fn rectangle_area_and_centroid() {
        // 40 m east by 20 m north at Lorient's latitude, counter-clockwise and closed.
        let lat0: f64 = 47.75;
        let dlon = 40.0 * DEG_PER_M / lat0.to_radians().cos();
        let dlat = 20.0 * DEG_PER_M;
        let sw = LonLat::new(-3.36, lat0);
        let pts = [
            sw,
            LonLat::new(sw.lon + dlon, sw.lat),
            LonLat::new(sw.lon + dlon, sw.lat + dlat),
            LonLat::new(sw.lon, sw.lat + dlat),
            sw,
        ];
        let shape = way_shape(&pts).unwrap();
        let area = shape.footprint_m2.unwrap();
        assert!((area - 800.0).abs() < 0.5, "area {area}");
        assert!((shape.location.lon - (sw.lon + dlon / 2.0)).abs() < 1e-9);
        assert!((shape.location.lat - (sw.lat + dlat / 2.0)).abs() < 1e-9);
        // Clockwise order gives the same area and centroid.
        let mut rev = pts;
        rev.reverse();
        let back = way_shape(&rev).unwrap();
        assert!((back.footprint_m2.unwrap() - area).abs() < 1e-6);
        assert!((back.location.lon - shape.location.lon).abs() < 1e-12);
    }

    #[test]
    fn l_shape_centroid_is_area_weighted_not_vertex_mean() {
        // An L made of a 2x1 and a 1x1 block (units of 10 m): centroid (5/6, 2/3) * 10 m.
        let u = 10.0 * DEG_PER_M;
        let c = (0.0f64).to_radians().cos();
        let p = |x: f64, y: f64| LonLat::new(x * u / c, y * u);
        let pts = [
            p(0.0, 0.0),
            p(2.0, 0.0),
            p(2.0, 1.0),
            p(1.0, 1.0),
            p(1.0, 2.0),
            p(0.0, 2.0),
            p(0.0, 0.0),
        ];
        let shape = way_shape(&pts).unwrap();
        assert!((shape.footprint_m2.unwrap() - 300.0).abs() < 0.1);
        assert!((shape.location.lon / u - 5.0 / 6.0).abs() < 1e-6);
        assert!((shape.location.lat / u - 5.0 / 6.0).abs() < 1e-6);
    }

    #[test]
    fn open_and_degenerate_ways() {
        let a = LonLat::new(-3.36, 47.75);
        let b = LonLat::new(-3.35, 47.76);
        let open = way_shape(&[a, b]).unwrap();
        assert_eq!(open.footprint_m2, None);
        assert!((open.location.lon - (-3.355)).abs() < 1e-12);
        let flat = way_shape(&[a, b, a, a]).unwrap();
        assert_eq!(flat.footprint_m2, Some(0.0));
        assert_eq!(way_shape(&[]), None);
    }
}
