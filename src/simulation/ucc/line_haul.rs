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
