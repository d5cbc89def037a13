//! Physical units that cross module boundaries.
//!
//! Distances are metres and durations seconds everywhere in the library; a value's type says
//! which. Conversions to km or hours happen only at the edges (reports, cost formulas).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

macro_rules! unit {
    ($(#[$doc:meta])* $name:ident, $suffix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// Zero of this unit.
            pub const ZERO: Self = Self(0.0);
            /// Marks a quantity that cannot be reached (an unreachable pair in a matrix).
            pub const INFINITY: Self = Self(f64::INFINITY);

            /// True unless the value is infinite or NaN.
            pub fn is_finite(self) -> bool {
                self.0.is_finite()
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }

        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:.1} {}", self.0, $suffix)
            }
        }
    };
}

unit!(
    /// A distance in metres.
    Meters,
    "m"
);
unit!(
    /// A duration, or a time of day counted from the start of the horizon, in seconds.
    Seconds,
    "s"
);

impl Meters {
    /// This distance in kilometres.
    pub fn km(self) -> f64 {
        self.0 / 1000.0
    }
}

impl Seconds {
    /// This duration in hours.
    pub fn hours(self) -> f64 {
        self.0 / 3600.0
    }
}

/// A WGS84 position, longitude then latitude, in degrees (the GeoJSON order).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

impl LonLat {
    /// Builds a position from longitude and latitude in degrees.
    pub fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// Great-circle distance to `other` (haversine, mean Earth radius 6,371,008.8 m).
    pub fn haversine(self, other: LonLat) -> Meters {
        const R: f64 = 6_371_008.8;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        Meters(2.0 * R * a.sqrt().asin())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = LonLat::new(-3.36, 47.0).haversine(LonLat::new(-3.36, 48.0));
        assert!((d.0 - 111_195.0).abs() < 10.0, "{d}");
    }
}
