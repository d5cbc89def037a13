//! The truck table: a rigid goods vehicle > 3.5 t, reference 12 t gross, 3.5 m high,
//! 2.55 m wide, 9 m long (`data/vehicle_dimensions.csv`).
//!
//! # Access hierarchy
//! `access` → `vehicle` → `motor_vehicle` → `hgv` → `delivery`. `hgv` is OSM's key for goods
//! vehicles over 3.5 t; `goods` (up to 3.5 t) and `motorcar` do not speak for a truck, so
//! `goods=no` alone leaves it open and `goods=delivery` does not admit it to a pedestrian
//! street. A French B8 sign ("no goods vehicles") is mapped `goods=no` + `hgv=no`.
//!
//! # Differences from the van
//! Size limits bite (`maxweight=3.5` closes, `maxweight=20` does not); car-park aisles,
//! driveways, alleys and drive-throughs are closed unless a tag admits trucks (a 9 m rigid
//! does not turn in them, and delivery yards are mapped as plain `service`); living streets
//! are open at walking pace; tracks are always closed.

use super::tags;
use super::{Rule, Table};
use crate::osm::tag;

/// The truck's table.
pub(super) const TABLE: Table = Table {
    chain: &["access", "vehicle", "motor_vehicle", "hgv", "delivery"],
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
        // Roads for general traffic: open unless a tag or a size limit closes them.
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
        "road" => Rule::Open("road"),
        // Zone de rencontre: legally open (R110-2) but a 2.55 m truck leaves pedestrians no
        // room; we keep it open at walking pace so sites there stay reachable while routes
        // avoid crossing it.
        "living_street" => Rule::Open("living_street"),
        "service" => service_rule(tags),
        // Aire piétonne: only with a tag admitting trucks (`hgv=delivery`, `motor_vehicle=
        // delivery`: "sauf livraisons" signs cover every delivery vehicle unless a weight or
        // width limit, checked separately, says otherwise).
        "pedestrian" => Rule::OnlyIfTagged("pedestrian"),
        // Bus-only roads: only when a tag admits trucks.
        "busway" => Rule::OnlyIfTagged("busway"),
        // Tracks: never; an urban 12 t delivery truck has no business on farm tracks.
        "track" => Rule::Closed,
        // Ways for walking, cycling or riding: never.
        "footway" | "cycleway" | "path" | "steps" | "bridleway" | "corridor" => Rule::Closed,
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
        // Built for cars: tight turns, low roofs, no room to reverse a 9 m rigid. Open only
        // when a tag admits trucks explicitly (a loading dock tagged `hgv=designated`).
        Some("parking_aisle" | "driveway" | "alley" | "drive-through") => {
            Rule::OnlyIfTagged("service")
        }
        Some("emergency_access") => Rule::Closed,
        Some("bus") => Rule::OnlyIfTagged("service"),
        // Plain service roads: delivery yards and access roads, where trucks unload.
        _ => Rule::Open("service"),
    }
}
