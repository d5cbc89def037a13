//! `zones`: polygons where vehicle classes are banned, all day or outside allowed hours, and
//! what trips do inside them.
//!
//! A zone is a polygon (a GeoJSON file or an inline lon/lat ring) with rules. A rule bans the
//! vehicles it matches (by class name, by gross weight above a threshold, or by energy
//! carrier), either all day or outside an `allowed` window of hours.
//!
//! How routing respects a ban (see `simulation::world`):
//! - all day: the vehicle is routed on its profile's network with every street segment that
//!   touches the polygon closed, so it neither stops in the zone nor drives through it; a site
//!   on a closed segment is out of its reach;
//! - outside allowed hours (e.g. trucks 06:00–11:00): the vehicle keeps the open network but
//!   works only within the allowed window (its shift is cut to it), so any entry falls inside
//!   the allowed hours. This is conservative for a vehicle that could also work outside the
//!   zone after the window closes.
//!
//! What trips do inside a zone is measured from each trip's street geometry
//! ([`measure`]): km inside, entries, stops inside, and (with the trip's stop times) hours
//! inside.

pub mod access;
mod index;
mod load;

pub use load::{ZoneConfig, ZoneRuleConfig, load_zones};

use crate::units::LonLat;
use geo::{Coord, MultiPolygon};

/// A rule of a zone.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneRule {
    /// Vehicle classes banned (`van`, `rigid_12t` …).
    pub classes: Vec<String>,
    /// Vehicles heavier than this gross weight, kg, banned.
    pub above_gross_kg: Option<f64>,
    /// Energy carriers banned (`diesel` …).
    pub energy: Vec<String>,
    /// Hours (seconds from midnight) when banned vehicles may still enter; `None`: all day.
    pub allowed: Option<(f64, f64)>,
}

/// A zone and its rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    /// Name in outputs.
    pub name: String,
    /// The area, WGS84.
    pub area: MultiPolygon<f64>,
    /// Its rules.
    pub rules: Vec<ZoneRule>,
    /// Where it came from (file or `inline ring`).
    pub source: String,
    /// Its edges in bands, for fast queries (built from `area` when loaded).
    index: index::EdgeIndex,
}

/// How a zone treats one vehicle type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Access {
    /// No rule matches.
    Open,
    /// Banned all day.
    Banned,
    /// Banned outside these hours (seconds from midnight).
    Window(f64, f64),
}

fn coord(p: LonLat) -> Coord<f64> {
    Coord { x: p.lon, y: p.lat }
}

impl ZoneRule {
    /// Whether the rule matches a vehicle of `class`, `gross_kg` and `energy` carrier.
    pub fn matches(&self, class: &str, gross_kg: f64, energy: &str) -> bool {
        self.classes.iter().any(|c| c == class)
            || self.above_gross_kg.is_some_and(|t| gross_kg > t)
            || self.energy.iter().any(|e| e == energy)
    }
}

impl Zone {
    /// How the zone treats a vehicle: banned all day if an all-day rule matches, else within
    /// the narrowest allowed window of the matching rules, else open.
    pub fn access(&self, class: &str, gross_kg: f64, energy: &str) -> Access {
        let mut window: Option<(f64, f64)> = None;
        for r in self
            .rules
            .iter()
            .filter(|r| r.matches(class, gross_kg, energy))
        {
            match r.allowed {
                None => return Access::Banned,
                Some((a, b)) => {
                    window = Some(match window {
                        None => (a, b),
                        Some((x, y)) => (x.max(a), y.min(b)),
                    });
                }
            }
        }
        match window {
            Some((a, b)) if a < b => Access::Window(a, b),
            Some(_) => Access::Banned,
            None => Access::Open,
        }
    }

    /// Whether `p` lies inside the zone (through the banded edge index: seconds, not a
    /// minute, on a perimeter of 10^5 vertices).
    pub fn contains(&self, p: LonLat) -> bool {
        self.index.contains(coord(p))
    }

    /// Whether the polyline touches the zone.
    pub fn touches(&self, line: &[LonLat]) -> bool {
        if line.len() == 1 {
            return self.contains(line[0]);
        }
        line.windows(2)
            .any(|w| self.index.touches_segment(coord(w[0]), coord(w[1])))
    }
}

/// What one trip did inside one zone.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct InZone {
    /// Km driven inside.
    pub km: f64,
    /// Times the trip entered the zone (starting inside counts as one).
    pub entries: u32,
    /// Hours inside, driving and parked (left at zero by [`measure`], which sees no clock;
    /// the simulation fills it from the trip's schedule).
    pub hours: f64,
}

/// Length of a polyline, km (haversine).
pub fn length_km(line: &[LonLat]) -> f64 {
    line.windows(2).map(|w| w[0].haversine(w[1]).0).sum::<f64>() / 1000.0
}

/// Km inside `zone` and entries along `line`: each segment is cut into short steps whose
/// midpoints are tested (steps of at most `step_m` metres; exact enough for reporting).
pub fn measure(zone: &Zone, line: &[LonLat], step_m: f64) -> InZone {
    let mut out = InZone::default();
    let mut inside = false;
    for (k, w) in line.windows(2).enumerate() {
        let len = w[0].haversine(w[1]).0;
        if k == 0 && zone.contains(w[0]) {
            inside = true;
            out.entries += 1;
        }
        let steps = ((len / step_m).ceil() as usize).max(1);
        for s in 0..steps {
            let t = (s as f64 + 0.5) / steps as f64;
            let mid = LonLat::new(
                w[0].lon + (w[1].lon - w[0].lon) * t,
                w[0].lat + (w[1].lat - w[0].lat) * t,
            );
            let now = zone.contains(mid);
            if now {
                out.km += len / steps as f64 / 1000.0;
                if !inside {
                    out.entries += 1;
                }
            }
            inside = now;
        }
    }
    out
}
