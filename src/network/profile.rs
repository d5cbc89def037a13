//! Vehicle profiles: which ways a vehicle may use, in which direction, at what speed.
//!
//! A pure function of a way's tags; no graph here.

use std::fmt;

/// A vehicle profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    /// Light commercial vehicle ≤ 3.5 t (diesel or electric).
    Van,
    /// Rigid truck > 3.5 t.
    Truck,
    /// Electric cargo bike or tricycle.
    CargoBike,
}

impl Profile {
    /// Every profile, in a fixed order (the order of reports).
    pub const ALL: [Profile; 3] = [Profile::Van, Profile::Truck, Profile::CargoBike];

    /// The profile's name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Van => "van",
            Profile::Truck => "truck",
            Profile::CargoBike => "cargo_bike",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a profile may do on one way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WayAccess {
    /// May travel in the way's node order.
    pub forward: bool,
    /// May travel against the way's node order.
    pub backward: bool,
    /// Travel speed in km/h for this profile on this way.
    pub speed_kmh: f64,
}

impl WayAccess {
    /// No access either way.
    pub const CLOSED: WayAccess = WayAccess {
        forward: false,
        backward: false,
        speed_kmh: 0.0,
    };

    /// True when usable in at least one direction.
    pub fn is_open(&self) -> bool {
        self.forward || self.backward
    }
}

/// What `profile` may do on a way with these tags (sorted by key, as in
/// [`crate::osm::RoadWay::tags`]).
///
/// Provisional rule until the full tables land: any `highway=*` way, both directions, 30 km/h.
pub fn way_access(profile: Profile, tags: &[(String, String)]) -> WayAccess {
    let _ = profile;
    match crate::osm::tag(tags, "highway") {
        Some(_) => WayAccess {
            forward: true,
            backward: true,
            speed_kmh: 30.0,
        },
        None => WayAccess::CLOSED,
    }
}
