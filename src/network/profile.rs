//! Vehicle profiles: which ways a vehicle may use, in which direction, at what speed.
//!
//! A pure function of a way's tags; no graph here. Each profile is a readable table, one
//! match arm per `highway` value, in its own file: `profile/van.rs`, `profile/truck.rs`,
//! `profile/cargo_bike.rs`. The tables share the tag vocabulary of `profile/tags.rs` (access
//! hierarchy, one-way rules), the size limits of `profile/limits.rs` and the speeds of
//! `profile/speed.rs`, whose numbers live with their sources in `data/speeds.csv` and
//! `data/vehicle_dimensions.csv`.
//!
//! # How a way is read, for one profile
//! 1. No `highway` tag, or `area=yes` (a square, a car-park surface): closed.
//! 2. The profile's table maps the `highway` value (and `service=*`) to a rule: open
//!    unless tags close it, closed unless tags open it, or closed whatever the tags.
//! 3. Access tags decide per direction, the most specific key of the profile's hierarchy
//!    winning; a conditional grant (`motor_vehicle:conditional=delivery @ ...`) opens. The
//!    network keeps every way open at some hour; `profile/conditional.rs` says which hours
//!    ([`timed_access`]), and the simulation closes a way to a vehicle that works at an hour
//!    the way is closed.
//! 4. The reference vehicle must fit `maxweight`, `maxheight`, `maxwidth`, `maxlength`.
//! 5. One-way rules remove a direction (cargo bikes have their own, with contraflow).
//! 6. The speed comes from the class default and the signed limit.

mod cargo_bike;
mod conditional;
mod limits;
mod speed;
mod tags;
mod truck;
mod van;

pub use conditional::{TimedAccess, timed_access};
pub use speed::{PLAUSIBLE_MAXSPEED_KMH, has_implausible_maxspeed};

use std::fmt;
use tags::{Dir, Oneway, Verdict};

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

/// How one class of way treats a profile before its access tags are read. The string names
/// the row of `data/speeds.csv` giving the class speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Open unless an access tag closes it.
    Open(&'static str),
    /// Closed unless a tag opens it explicitly: a key of the profile's own hierarchy below
    /// `access`, or `access` with a purpose a delivery meets (`destination`, `delivery`,
    /// `customers`). A bare `access=yes` on a footway speaks for its walkers, not for vans.
    OnlyIfTagged(&'static str),
    /// Closed whatever the tags say.
    Closed,
}

/// One profile's table and vocabulary.
struct Table {
    /// Access keys from general to specific; the first is `access`.
    chain: &'static [&'static str],
    /// How an access value reads for this vehicle.
    read: fn(&str) -> Option<Verdict>,
    /// Which directions the one-way tags leave to this vehicle.
    oneway: fn(&[(String, String)]) -> Oneway,
    /// The `highway` table.
    rule: fn(&[(String, String)]) -> Rule,
}

impl Profile {
    fn table(self) -> &'static Table {
        match self {
            Profile::Van => &van::TABLE,
            Profile::Truck => &truck::TABLE,
            Profile::CargoBike => &cargo_bike::TABLE,
        }
    }
}

/// Speed-table row for a way a cargo bike is pushed along (`bicycle=dismount`).
const DISMOUNT_CLASS: &str = "bicycle=dismount";

/// What `profile` may do on a way with these tags (sorted by key, as in
/// [`crate::osm::RoadWay::tags`]). Never panics, whatever the tags.
///
/// ```
/// use freightsim::network::{Profile, way_access};
///
/// // A one-way zone-30 street with a contraflow cycle lane and a 3.5 t limit.
/// let tags: Vec<(String, String)> = [
///     ("cycleway", "opposite_lane"),
///     ("highway", "residential"),
///     ("maxspeed", "FR:zone30"),
///     ("maxweight", "3.5"),
///     ("oneway", "yes"),
/// ]
/// .map(|(k, v)| (k.to_string(), v.to_string()))
/// .to_vec();
/// let van = way_access(Profile::Van, &tags);
/// assert!(van.forward && !van.backward);
/// assert!((van.speed_kmh - 21.0).abs() < 1e-9); // 30 km/h x urban factor 0.7
/// let bike = way_access(Profile::CargoBike, &tags);
/// assert!(bike.forward && bike.backward);
/// assert!(!way_access(Profile::Truck, &tags).is_open()); // 12 t > 3.5 t
/// ```
pub fn way_access(profile: Profile, tags: &[(String, String)]) -> WayAccess {
    if crate::osm::tag(tags, "highway").is_none() || tags::is_yes(tags, "area") {
        return WayAccess::CLOSED;
    }
    let table = profile.table();
    let (class, open_by_default) = match (table.rule)(tags) {
        Rule::Closed => return WayAccess::CLOSED,
        Rule::Open(class) => (class, true),
        Rule::OnlyIfTagged(class) => (class, false),
    };
    if !limits::fits(profile, tags) {
        return WayAccess::CLOSED;
    }
    let granted_conditionally = tags::conditional_grant(tags, table.chain, table.read);
    let oneway = (table.oneway)(tags);
    let verdict = |dir: Dir| {
        let tagged = if open_by_default {
            tags::resolve(tags, table.chain, dir, table.read)
        } else {
            tags::resolve(tags, &table.chain[1..], dir, table.read)
                .or_else(|| tags::resolve(tags, &table.chain[..1], dir, purpose_only))
        };
        match tagged {
            Some(Verdict::Open) => Verdict::Open,
            Some(Verdict::Dismount) => Verdict::Dismount,
            None if open_by_default => Verdict::Open,
            _ if granted_conditionally => Verdict::Open,
            _ => Verdict::Closed,
        }
    };
    let (fwd, bwd) = (verdict(Dir::Forward), verdict(Dir::Backward));
    // Riding obeys the one-way rule; a pushed bike is a pedestrian and does not.
    let usable = |v: Verdict, dir: Dir| match v {
        Verdict::Open => oneway.allows(dir),
        Verdict::Dismount => true,
        Verdict::Closed => false,
    };
    let (forward, backward) = (usable(fwd, Dir::Forward), usable(bwd, Dir::Backward));
    if !forward && !backward {
        return WayAccess::CLOSED;
    }
    let pushed = fwd == Verdict::Dismount || bwd == Verdict::Dismount;
    let speed_kmh = if pushed {
        speed::travel_kmh(profile, DISMOUNT_CLASS, tags)
    } else {
        speed::travel_kmh(profile, class, tags)
    };
    WayAccess {
        forward,
        backward,
        speed_kmh,
    }
}

/// Reads `access` on a way closed by default: only a purpose a delivery meets opens it; the
/// usual closing values still close.
fn purpose_only(value: &str) -> Option<Verdict> {
    match value {
        "destination" | "delivery" | "customers" => Some(Verdict::Open),
        "yes" | "designated" | "permissive" | "public" | "discouraged" => None,
        other => tags::goods_vehicle_verdict(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `highway` value the tables give an arm to, plus the `service=*` rows.
    const HIGHWAYS: [&str; 34] = [
        "motorway",
        "motorway_link",
        "trunk",
        "trunk_link",
        "primary",
        "primary_link",
        "secondary",
        "secondary_link",
        "tertiary",
        "tertiary_link",
        "unclassified",
        "residential",
        "road",
        "living_street",
        "service",
        "pedestrian",
        "track",
        "busway",
        "cycleway",
        "footway",
        "path",
        "bridleway",
        "steps",
        "corridor",
        "construction",
        "proposed",
        "abandoned",
        "platform",
        "raceway",
        "bus_guideway",
        "elevator",
        "escape",
        "rest_area",
        "services",
    ];
    const SERVICES: [&str; 7] = [
        "parking_aisle",
        "driveway",
        "alley",
        "drive-through",
        "emergency_access",
        "bus",
        "siding",
    ];

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    }

    /// Tag sets that open as much as possible for each profile: if a class can be open, one
    /// of these opens it, so its speed row gets looked up.
    fn openers(highway: &str, service: Option<&str>) -> Vec<Vec<(String, String)>> {
        let grants: [&[(&str, &str)]; 5] = [
            &[],
            &[
                ("motor_vehicle", "yes"),
                ("motorcar", "yes"),
                ("goods", "yes"),
            ],
            &[("hgv", "designated")],
            &[("bicycle", "designated"), ("tracktype", "grade1")],
            &[("bicycle", "dismount")],
        ];
        grants
            .iter()
            .map(|extra| {
                let mut pairs = vec![("highway", highway)];
                if let Some(s) = service {
                    pairs.push(("service", s));
                }
                pairs.extend_from_slice(extra);
                tags(&pairs)
            })
            .collect()
    }

    #[test]
    fn every_class_the_tables_name_has_a_speed() {
        let mut cases: Vec<(&str, Option<&str>)> = HIGHWAYS.iter().map(|h| (*h, None)).collect();
        cases.extend(SERVICES.iter().map(|s| ("service", Some(*s))));
        for (highway, service) in cases {
            for t in openers(highway, service) {
                for p in Profile::ALL {
                    if let Rule::Open(class) | Rule::OnlyIfTagged(class) = (p.table().rule)(&t) {
                        let row = speed::class_speeds(class)
                            .unwrap_or_else(|| panic!("no speeds.csv row for {class}"));
                        let i = Profile::ALL.iter().position(|q| *q == p).unwrap();
                        assert!(row.kmh[i].is_some(), "no {p} speed for {class}");
                    }
                    let a = way_access(p, &t);
                    assert_eq!(a.is_open(), a.speed_kmh > 0.0, "{p} {t:?}");
                }
            }
        }
        let dismount = speed::class_speeds(DISMOUNT_CLASS).expect("dismount row");
        assert!(dismount.kmh[2].is_some());
    }

    #[test]
    fn every_speed_row_is_used_by_some_table() {
        let mut used = std::collections::BTreeSet::from([DISMOUNT_CLASS]);
        let mut cases: Vec<(&str, Option<&str>)> = HIGHWAYS.iter().map(|h| (*h, None)).collect();
        cases.extend(SERVICES.iter().map(|s| ("service", Some(*s))));
        for (highway, service) in cases {
            for t in openers(highway, service) {
                for p in Profile::ALL {
                    if let Rule::Open(class) | Rule::OnlyIfTagged(class) = (p.table().rule)(&t) {
                        used.insert(class);
                    }
                }
            }
        }
        let unused: Vec<&str> = speed::classes().filter(|c| !used.contains(c)).collect();
        assert!(
            unused.is_empty(),
            "speeds.csv rows no table uses: {unused:?}"
        );
    }

    #[test]
    fn ways_without_highway_or_drawn_as_areas_are_closed() {
        for p in Profile::ALL {
            assert_eq!(way_access(p, &tags(&[("name", "Quai")])), WayAccess::CLOSED);
            let square = tags(&[("area", "yes"), ("highway", "pedestrian")]);
            assert_eq!(way_access(p, &square), WayAccess::CLOSED);
        }
    }
}
