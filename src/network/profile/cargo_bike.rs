//! The cargo-bike table: a loaded electric cargo bike or tricycle (pedelec, assistance cut at
//! 25 km/h), legally a bicycle.
//!
//! # Access hierarchy
//! `access` → `vehicle` → `bicycle` → `cargo_bike`. Motor-vehicle keys do not apply, so a
//! street with `motor_vehicle=no` stays open. `cargo_bike=no` (a barrier too narrow for a
//! trike, a bike lane banning them) beats `bicycle=yes`.
//!
//! # Choices
//! - `bicycle=dismount`: open in both directions at a pushing pace (`bicycle=dismount` row of
//!   `data/speeds.csv`): the rider walks, so one-way rules do not bind, and the low speed
//!   keeps routes from using such ways except to reach a site.
//! - Pedestrian streets: open by default at walking pace, both ways (French aires piétonnes
//!   admit cyclists at walking pace in both directions, Code de la route R431-9);
//!   `bicycle=no` closes them.
//! - Footways, paths, bridleways, bus-only roads: closed unless `bicycle` (or `vehicle`,
//!   `cargo_bike`) is `yes`, `designated` or `permissive`. Riding on footways is forbidden in
//!   France (R412-34), and an untagged path gives no promise of a surface a 300 kg trike can
//!   ride.
//! - Tracks: open with `tracktype=grade1` (paved) or a bicycle tag, else closed.
//! - Motorways, trunk roads and their links, and any `motorroad=yes`: closed whatever the tags.
//! - Steps: closed, even with `ramp:bicycle=yes` (a wheel gutter is no use to a loaded trike).

use super::tags::{self, Oneway};
use super::{Rule, Table};
use crate::osm::tag;

/// The cargo bike's table.
pub(super) const TABLE: Table = Table {
    chain: &["access", "vehicle", "bicycle", "cargo_bike"],
    read: tags::cargo_bike_verdict,
    oneway,
    rule,
};

/// Access by `highway` value.
fn rule(tags: &[(String, String)]) -> Rule {
    let Some(highway) = tag(tags, "highway") else {
        return Rule::Closed;
    };
    // Motor roads (sign C107, "route pour automobiles") ban cycles whatever their class.
    if tags::is_yes(tags, "motorroad") {
        return Rule::Closed;
    }
    match highway {
        // Motorways and trunk roads: never (cycles are banned; French trunks are mostly
        // expressways).
        "motorway" | "motorway_link" | "trunk" | "trunk_link" => Rule::Closed,
        // Roads for general traffic: open unless a bicycle tag closes them.
        "primary" => Rule::Open("primary"),
        "primary_link" => Rule::Open("primary_link"),
        "secondary" => Rule::Open("secondary"),
        "secondary_link" => Rule::Open("secondary_link"),
        "tertiary" => Rule::Open("tertiary"),
        "tertiary_link" => Rule::Open("tertiary_link"),
        "unclassified" => Rule::Open("unclassified"),
        "residential" => Rule::Open("residential"),
        "road" => Rule::Open("road"),
        // Zone de rencontre: cyclists welcome, pedestrians first.
        "living_street" => Rule::Open("living_street"),
        "service" => service_rule(tags),
        // Cycle tracks: what a cargo bike is for.
        "cycleway" => Rule::Open("cycleway"),
        // Aire piétonne: cyclists at walking pace unless a sign bans them (R431-9).
        "pedestrian" => Rule::Open("pedestrian"),
        // Footways and shared paths: only where cycling is explicitly allowed.
        "footway" => Rule::OnlyIfTagged("footway"),
        "path" => Rule::OnlyIfTagged("path"),
        "bridleway" => Rule::OnlyIfTagged("bridleway"),
        // Tracks: paved ones (grade1) are rideable; others only with a bicycle tag.
        "track" if tag(tags, "tracktype") == Some("grade1") => Rule::Open("track"),
        "track" => Rule::OnlyIfTagged("track"),
        // Bus-only roads: only when a tag admits bicycles (common in France: `bicycle=yes`).
        "busway" => Rule::OnlyIfTagged("busway"),
        // Steps and indoor corridors: never.
        "steps" | "corridor" => Rule::Closed,
        // Not (or no longer, or not yet) a road; not for traffic.
        "construction" | "proposed" | "abandoned" | "disused" | "razed" => Rule::Closed,
        "platform" | "raceway" | "bus_guideway" | "elevator" | "escape" => Rule::Closed,
        "rest_area" | "services" | "emergency_bay" | "via_ferrata" => Rule::Closed,
        _ => Rule::Closed,
    }
}

/// Access by `service` value on `highway=service`.
fn service_rule(tags: &[(String, String)]) -> Rule {
    match tag(tags, "service") {
        Some("parking_aisle") => Rule::Open("service=parking_aisle"),
        Some("driveway") => Rule::Open("service=driveway"),
        Some("alley") => Rule::Open("service=alley"),
        Some("drive-through") => Rule::Open("service=drive-through"),
        // Reserved for emergency vehicles, unless a bicycle tag opens it (often a cut-through
        // between two streets signed for cyclists).
        Some("emergency_access") => Rule::OnlyIfTagged("service"),
        // Bus-only service roads: only with a bicycle tag.
        Some("bus") => Rule::OnlyIfTagged("service"),
        _ => Rule::Open("service"),
    }
}

/// The cargo bike's one-way rule: `oneway:bicycle`, else the general rule relaxed by
/// contraflow cycle lanes ([`tags::bicycle_oneway`]); in a pedestrian street cyclists may ride
/// both ways (R431-9) unless `oneway:bicycle` says otherwise.
fn oneway(tags: &[(String, String)]) -> Oneway {
    let explicit = tag(tags, "oneway:bicycle").is_some();
    if tag(tags, "highway") == Some("pedestrian") && !explicit {
        Oneway::Both
    } else {
        tags::bicycle_oneway(tags)
    }
}
