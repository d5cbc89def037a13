//! Zones as written in a scenario and read from GeoJSON files, checked: a closed ring, no
//! self-intersection, at least three distinct points.

use super::{Zone, ZoneRule};
use crate::scenario::Issue;
use crate::scenario::parse_clock;
use geo::{Coord, LineString, MultiPolygon, Polygon, Validation};
use serde::Deserialize;
use std::path::Path;

/// A `[[zone]]` of the scenario file.
#[derive(Clone, Debug, Deserialize)]
pub struct ZoneConfig {
    /// Name in outputs.
    pub name: String,
    /// A GeoJSON file (Polygon or MultiPolygon geometry, Feature or FeatureCollection),
    /// relative to the scenario file.
    #[serde(default)]
    pub geojson: Option<std::path::PathBuf>,
    /// Or an inline ring of `[lon, lat]` pairs, first point repeated last.
    #[serde(default)]
    pub ring: Option<Vec<[f64; 2]>>,
    /// The rules.
    #[serde(default)]
    pub rule: Vec<ZoneRuleConfig>,
}

/// A `[[zone.rule]]`.
#[derive(Clone, Debug, Deserialize)]
pub struct ZoneRuleConfig {
    /// Vehicle classes banned.
    #[serde(default)]
    pub classes: Vec<String>,
    /// Vehicles above this gross weight banned, kg.
    #[serde(default)]
    pub above_gross_kg: Option<f64>,
    /// Energy carriers banned.
    #[serde(default)]
    pub energy: Vec<String>,
    /// `["HH:MM", "HH:MM"]` when banned vehicles may enter; absent: banned all day.
    #[serde(default)]
    pub allowed: Option<[String; 2]>,
}

/// Vertices above which a polygon is checked through the band index instead of `geo`.
const LONG_PERIMETER: usize = 5_000;

fn ring_polygon(points: &[[f64; 2]]) -> Polygon<f64> {
    let coords: Vec<Coord<f64>> = points.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
    Polygon::new(LineString::new(coords), Vec::new())
}

/// Whether every position under a `coordinates` key has at least two numbers (the geojson
/// crate indexes `[0]` and `[1]` without checking: a position `[1.5]` would panic).
fn positions_complete(v: &serde_json::Value, in_coordinates: bool) -> bool {
    use serde_json::Value;
    match v {
        Value::Array(a) if in_coordinates && a.iter().any(Value::is_number) => a.len() >= 2,
        Value::Array(a) => a.iter().all(|x| positions_complete(x, in_coordinates)),
        Value::Object(m) => m
            .iter()
            .all(|(k, x)| positions_complete(x, in_coordinates || k == "coordinates")),
        _ => true,
    }
}

fn read_geojson(path: &Path) -> Result<MultiPolygon<f64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    if let Ok(raw) = serde_json::from_str::<serde_json::Value>(&text)
        && !positions_complete(&raw, false)
    {
        return Err("a position has fewer than two numbers; write [lon, lat]".into());
    }
    let gj: geojson::GeoJson = text
        .parse()
        .map_err(|e| format!("it is not GeoJSON: {e}"))?;
    let mut polygons = Vec::new();
    let mut take = |g: &geojson::Geometry| -> Result<(), String> {
        let geom: geo::Geometry<f64> = g
            .try_into()
            .map_err(|e: geojson::Error| format!("a geometry cannot be read: {e}"))?;
        match geom {
            geo::Geometry::Polygon(p) => polygons.push(p),
            geo::Geometry::MultiPolygon(m) => polygons.extend(m.0),
            other => {
                return Err(format!(
                    "it holds a {} where a Polygon or MultiPolygon is needed",
                    match other {
                        geo::Geometry::Point(_) => "Point",
                        geo::Geometry::LineString(_) => "LineString",
                        _ => "non-polygon geometry",
                    }
                ));
            }
        }
        Ok(())
    };
    match &gj {
        geojson::GeoJson::Geometry(g) => take(g)?,
        geojson::GeoJson::Feature(f) => {
            if let Some(g) = &f.geometry {
                take(g)?;
            }
        }
        geojson::GeoJson::FeatureCollection(fc) => {
            for f in &fc.features {
                if let Some(g) = &f.geometry {
                    take(g)?;
                }
            }
        }
    }
    if polygons.is_empty() {
        return Err("it holds no polygon".into());
    }
    Ok(MultiPolygon::new(polygons))
}

/// Reads and checks the zones; every problem becomes an issue with its field path.
pub fn load_zones(configs: &[ZoneConfig], dir: &Path, issues: &mut Vec<Issue>) -> Vec<Zone> {
    let mut zones = Vec::new();
    for (i, z) in configs.iter().enumerate() {
        let at = |f: &str| format!("zone[{i}].{f}");
        let (area, source) = match (&z.geojson, &z.ring) {
            (Some(p), None) => {
                let path = crate::scenario::tables::resolve(dir, p);
                match read_geojson(&path) {
                    Ok(m) => (m, path.display().to_string()),
                    Err(e) => {
                        issues.push(Issue::new(
                            at("geojson"),
                            format!("{}: {e}", path.display()),
                            "give a GeoJSON file with a Polygon or MultiPolygon (QGIS: export the layer as GeoJSON, EPSG:4326)",
                        ));
                        continue;
                    }
                }
            }
            (None, Some(ring)) => {
                if ring.len() < 4 || ring.first() != ring.last() {
                    issues.push(Issue::new(
                        at("ring"),
                        format!(
                            "the ring has {} points and {} closed",
                            ring.len(),
                            if ring.first() == ring.last() { "is" } else { "is not" }
                        ),
                        "give at least three distinct [lon, lat] points and repeat the first one last",
                    ));
                    continue;
                }
                (
                    MultiPolygon::new(vec![ring_polygon(ring)]),
                    "inline ring".to_owned(),
                )
            }
            _ => {
                issues.push(Issue::new(
                    at("geojson"),
                    "a zone needs exactly one of `geojson` and `ring`".to_owned(),
                    "give the path of a GeoJSON polygon, or an inline ring of [lon, lat] points",
                ));
                continue;
            }
        };
        let field = if z.geojson.is_some() {
            "geojson"
        } else {
            "ring"
        };
        use geo::CoordsIter;
        if let Some(bad) = area.coords_iter().find(|c| {
            !(c.x.is_finite() && c.x.abs() <= 180.0 && c.y.is_finite() && c.y.abs() <= 90.0)
        }) {
            issues.push(Issue::new(
                at(field),
                format!(
                    "{source}: the vertex ({}, {}) is outside WGS84 longitude and latitude",
                    bad.x, bad.y
                ),
                "give [lon, lat] in degrees, lon in [-180, 180], lat in [-90, 90] (QGIS: export as EPSG:4326)",
            ));
            continue;
        }
        // geo's validation compares every pair of edges: exact, but a minute on an official
        // perimeter of 10^5 vertices; long perimeters are checked through the band index
        // (no edge crossing another, holes and parts included).
        let index = super::index::EdgeIndex::new(&area);
        let checked = if area.coords_count() <= LONG_PERIMETER {
            area.check_validation().map_err(|e| e.to_string())
        } else {
            match index.first_crossing() {
                Some(c) => Err(format!("edges cross near ({}, {})", c.x, c.y)),
                None => Ok(()),
            }
        };
        if let Err(e) = checked {
            issues.push(Issue::new(
                at(field),
                format!("{source}: the polygon is not valid: {e}"),
                "draw a simple polygon: no crossing edges, no repeated points (QGIS: Vector > Geometry Tools > Check Validity)",
            ));
            continue;
        }
        if z.name.trim().is_empty() || zones.iter().any(|o: &Zone| o.name == z.name) {
            issues.push(Issue::new(
                at("name"),
                format!("the name `{}` is empty or used by an earlier zone", z.name),
                "give each zone its own name",
            ));
        }
        let mut rules = Vec::new();
        for (k, r) in z.rule.iter().enumerate() {
            let rat = |f: &str| format!("zone[{i}].rule[{k}].{f}");
            if r.classes.is_empty() && r.above_gross_kg.is_none() && r.energy.is_empty() {
                issues.push(Issue::new(
                    rat("classes"),
                    "the rule bans nothing".to_owned(),
                    "give `classes`, `above_gross_kg` or `energy`",
                ));
            }
            if let Some(t) = r.above_gross_kg
                && !(t.is_finite() && t >= 0.0)
            {
                issues.push(Issue::new(
                    rat("above_gross_kg"),
                    format!("{t} is not a weight"),
                    "give kg, e.g. 3500",
                ));
            }
            let allowed = match &r.allowed {
                None => None,
                Some([a, b]) => match (parse_clock(a), parse_clock(b)) {
                    (Some(x), Some(y)) if x < y => Some((x, y)),
                    _ => {
                        issues.push(Issue::new(
                            rat("allowed"),
                            format!("`{a}`-`{b}` is not a window"),
                            "give [\"HH:MM\", \"HH:MM\"], opening before closing",
                        ));
                        None
                    }
                },
            };
            rules.push(ZoneRule {
                classes: r.classes.clone(),
                above_gross_kg: r.above_gross_kg,
                energy: r.energy.clone(),
                allowed,
            });
        }
        zones.push(Zone {
            index,
            name: z.name.clone(),
            area,
            rules,
            source,
        });
    }
    zones
}
