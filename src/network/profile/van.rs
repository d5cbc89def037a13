//! The van table: a light commercial vehicle ≤ 3.5 t (diesel or electric) on a delivery round.
//!
//! # Access hierarchy
//! `access` → `vehicle` → `motor_vehicle` → `motorcar` → `goods` → `delivery`, the most
//! specific tagged key winning. `goods` is OSM's key for goods vehicles up to 3.5 t, the van
//! itself. `motorcar` sits below `motor_vehicle` because French vans drive under the same
//! signs as cars and mappers write `motorcar=no` for them; `goods` beats it, so
//! `motorcar=no` + `goods=yes` opens. A `delivery=*` key, rarer, speaks about the very trip we
//! simulate and is taken as the most specific of all.
//!
//! # Access values
//! Open: `yes`, `designated`, `permissive`, `public`, `discouraged`, `destination`,
//! `delivery`, `customers`. Closed: `no`, `private`, `agricultural`, `forestry`, `emergency`,
//! `bus`, `psv`, `military`, `permit` (see [`super::tags::goods_vehicle_verdict`]).

use super::tags;
use super::{Rule, Table};
use crate::osm::tag;

/// The van's table.
pub(super) const TABLE: Table = Table {
    chain: &[
        "access",
        "vehicle",
        "motor_vehicle",
        "motorcar",
        "goods",
        "delivery",
    ],
    read: tags::goods_vehicle_verdict,
    oneway: tags::oneway,
    rule,
};

/// Access by `highway` value.
fn rule(tags: &[(String, String)]) -> Rule {
    let Some(highway) = tag(tags, "highway") else {
        return Rule::Closed;
    };
    match highway {
        // Roads for general traffic: open unless a tag closes them. `motorway` implies one-way.
        "motorway" => Rule::Open("motorway"),
        "motorway_link" => Rule::Open("motorway_link"),
        "trunk" => Rule::Open("trunk"),
        "trunk_link" => Rule::Open("trunk_link"),
        "primary" => Rule::Open("primary"),
        "primary_link" => Rule::Open("primary_link"),
        "secondary" => Rule::Open("secondary"),
        "secondary_link" => Rule::Open("secondary_link"),
        "tertiary" => Rule::Open("tertiary"),
        "tertiary_link" => Rule::Open("tertiary_link"),
        "unclassified" => Rule::Open("unclassified"),
        "residential" => Rule::Open("residential"),
        // A road of unknown type: assume a public street.
        "road" => Rule::Open("road"),
        // Zone de rencontre: open to all traffic at 20 km/h, pedestrians first (R110-2).
        "living_street" => Rule::Open("living_street"),
        // Access roads: depends on the kind of service way.
        "service" => service_rule(tags),
        // Aire piétonne: only vehicles a tag admits (`motor_vehicle=delivery`, `access=
        // destination`, a conditional delivery window), at walking pace.
        "pedestrian" => Rule::OnlyIfTagged("pedestrian"),
        // Agricultural and forest tracks: only when a tag admits motor vehicles.
        "track" => Rule::OnlyIfTagged("track"),
        // Bus-only roads: only when a tag admits goods vehicles.
        "busway" => Rule::OnlyIfTagged("busway"),
        // Ways for walking, cycling or riding: never, whatever a tag says (a `motor_vehicle=
        // yes` there is a mapping error more often than a real right of way).
        "footway" | "cycleway" | "path" | "steps" | "bridleway" | "corridor" => Rule::Closed,
        // Not (or no longer, or not yet) a road; not for traffic.
        "construction" | "proposed" | "abandoned" | "disused" | "razed" => Rule::Closed,
        "platform" | "raceway" | "bus_guideway" | "elevator" | "escape" => Rule::Closed,
        "rest_area" | "services" | "emergency_bay" | "via_ferrata" => Rule::Closed,
        // Anything else (a typo, a node-only value on a way): not a road we trust.
        _ => Rule::Closed,
    }
}

/// Access by `service` value on `highway=service`.
fn service_rule(tags: &[(String, String)]) -> Rule {
    match tag(tags, "service") {
        // Car-park aisles, private driveways, back alleys, drive-throughs: a van fits and
        // delivers there, at manoeuvring speed.
        Some("parking_aisle") => Rule::Open("service=parking_aisle"),
        Some("driveway") => Rule::Open("service=driveway"),
        Some("alley") => Rule::Open("service=alley"),
        Some("drive-through") => Rule::Open("service=drive-through"),
        // Reserved for emergency vehicles.
        Some("emergency_access") => Rule::Closed,
        // A bus-only service road (a common French tagging): only if a tag admits the van.
        Some("bus") => Rule::OnlyIfTagged("service"),
        // Plain service roads (delivery yards, access roads) and other sub-types.
        _ => Rule::Open("service"),
    }
}
