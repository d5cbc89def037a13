//! The centre's site: on the map, and reached by every opted-in carrier's line-haul vehicles
//! through the streets the ban leaves open to them.

use super::line_haul;
use crate::network::{Profile, RoadNetwork};
use crate::scenario::Scenario;
use crate::simulation::World;
use crate::zones::access::{AccessStreets, check_names};

/// Per profile of `profiles`: the streets of the centre's zone that stay open to the
/// vehicles its ban covers.
///
/// # Errors
/// A name of `ucc.access_streets` is no street of the zone (exit 2, naming the field).
pub fn access_streets(
    sc: &Scenario,
    network: &RoadNetwork,
    profiles: &[Profile],
) -> Result<Vec<AccessStreets>, crate::Error> {
    let Some(u) = &sc.ucc else {
        return Ok(vec![AccessStreets::default(); profiles.len()]);
    };
    let zone = &sc.zones[u.zone];
    let site = sc.carriers[u.operator].depot.position;
    if let Err((k, near)) = check_names(network, zone, &u.access_streets, site) {
        return Err(crate::Error::Input(format!(
            "ucc.access_streets[{k}]: no street of the extract named `{}` touches zone `{}`: write a name as OSM does (name=*); the zone's named streets nearest the centre are: {}",
            u.access_streets[k],
            zone.name,
            near.join(", ")
        )));
    }
    Ok(profiles
        .iter()
        .map(|&p| {
            AccessStreets::new(
                network,
                network.profile(p),
                zone,
                &u.access_streets,
                u.access_buffer_m,
                site,
            )
        })
        .collect())
}

/// Checks the site lies on the map and that each opted-in carrier's line-haul vehicles reach
/// it from their depot and back.
///
/// # Errors
/// The site is off every street or out of a line-haul vehicle's reach (exit 2, naming the
/// field that gives the site).
pub fn check_reachable(sc: &Scenario, world: &World) -> Result<(), crate::Error> {
    let Some(u) = &sc.ucc else {
        return Ok(());
    };
    let site = sc.carriers[u.operator].depot.position;
    let at = world.depot_location(u.operator);
    for (p, profile) in world.profiles.iter().enumerate() {
        let leg = world.access[u.operator][p];
        if leg.distance.0 > 0.0 {
            return Err(crate::Error::Input(format!(
                "{}: the centre's site ({}, {}) is off the map: the nearest {} street of the extract is further than demand.max_snap_m ({} m); put the site on a street of the extract",
                u.site_field,
                site.lon,
                site.lat,
                profile.name(),
                sc.demand.max_snap_m
            )));
        }
    }
    for &c in &u.carriers {
        let depot = world.depot_location(c);
        for v in line_haul::vehicles(sc, c) {
            let m = &world.matrices[world.net_of(v)];
            if !(m.is_reachable(depot, at) && m.is_reachable(at, depot)) {
                return Err(crate::Error::Input(format!(
                    "{}: carrier `{}`'s {} cannot reach the centre's site ({}, {}) and come back on the streets open to it: open access streets to it (ucc.access_streets, ucc.access_buffer_m) or move the site out of zone `{}`",
                    u.site_field,
                    sc.carriers[c].name,
                    sc.vehicles[v].vehicle,
                    site.lon,
                    site.lat,
                    sc.zones[u.zone].name
                )));
            }
        }
    }
    Ok(())
}
