//! Which of a carrier's vehicles carry its line-hauls to the centre: its trucks (vehicles of
//! the `truck` profile), full loads, the vans keeping the deliveries outside the zone; a
//! carrier without a truck line-hauls with what it has.

use crate::scenario::Scenario;

/// The vehicle types (indices into the vehicles table) of carrier `c`'s fleet that may carry
/// orders to the centre.
pub fn vehicles(sc: &Scenario, c: usize) -> Vec<usize> {
    let fleet = &sc.carriers[c].fleet;
    let trucks: Vec<usize> = fleet
        .iter()
        .map(|&(v, _)| v)
        .filter(|&v| sc.vehicles[v].profile == "truck")
        .collect();
    if trucks.is_empty() {
        fleet.iter().map(|&(v, _)| v).collect()
    } else {
        trucks
    }
}

/// How many vehicles carrier `c` has that may carry line-hauls.
pub fn count(sc: &Scenario, c: usize) -> u32 {
    let v = vehicles(sc, c);
    sc.carriers[c]
        .fleet
        .iter()
        .filter(|(t, _)| v.contains(t))
        .map(|&(_, n)| n)
        .sum()
}

/// Whether vehicle type `v` is banned from the centre's zone: the access streets are open to
/// it only to reach the centre, never to deliver in the zone.
pub fn banned_from_zone(sc: &Scenario, world: &crate::simulation::World, v: usize) -> bool {
    sc.ucc.as_ref().is_some_and(|u| {
        world
            .vehicle_net
            .get(v)
            .and_then(|&n| world.nets.get(n))
            .is_some_and(|n| n.closed_zones.contains(&u.zone))
    })
}
