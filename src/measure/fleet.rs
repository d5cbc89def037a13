//! The fleet view: what the vehicles did on the measured days, whatever orders they carried
//! (a carrier's own bookkeeping), and its means per full delivering day.

use crate::scenario::Scenario;
use crate::simulation::TripRecord;
use serde::Serialize;

/// The full delivering days of a run: delivering days after the warm-up and before the end of
/// orders (the tail that empties the backlogs is not a full day).
pub fn full_delivering_days(sc: &Scenario) -> Vec<u32> {
    (sc.horizon.warm_up_days..sc.horizon.days)
        .filter(|&d| sc.horizon.is_delivering(d))
        .collect()
}

/// Means per full delivering day of the fleet's trips on those days.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PerDay {
    /// The days averaged over (full delivering days).
    pub days: Vec<u32>,
    /// Trips per day.
    pub trips: f64,
    /// Vehicle-days per day.
    pub routes: f64,
    /// Stops per day.
    pub stops: f64,
    /// Orders delivered or attempted per day.
    pub orders: f64,
    /// Parcels carried per day (a parcel through the centre counts on each echelon).
    pub parcels: f64,
    /// kg carried per day.
    pub kg: f64,
    /// Vehicle-km per day.
    pub vehicle_km: f64,
    /// Of which on depot access legs.
    pub access_km: f64,
    /// Vehicle-hours per day.
    pub hours: f64,
    /// Well-to-wheel kg CO₂e per day.
    pub co2e_wtw_kg: f64,
    /// Tank-to-wheel kg CO₂e per day.
    pub co2e_ttw_kg: f64,
    /// NOx per day, g.
    pub nox_g: f64,
    /// Exhaust PM per day, g.
    pub pm_exhaust_g: f64,
    /// Non-exhaust PM10 per day, g.
    pub pm_non_exhaust_g: f64,
    /// Cost per day, EUR.
    pub cost_eur: f64,
}

/// The fleet's means per full delivering day ([`full_delivering_days`]).
pub fn per_delivering_day(sc: &Scenario, trips: &[TripRecord]) -> PerDay {
    let days = full_delivering_days(sc);
    let mut p = PerDay::default();
    for t in trips.iter().filter(|t| days.binary_search(&t.day).is_ok()) {
        p.trips += 1.0;
        p.routes += if t.trip == 0 { 1.0 } else { 0.0 };
        p.stops += t.stops as f64;
        p.orders += t.orders as f64;
        p.parcels += f64::from(t.parcels);
        p.kg += t.kg;
        p.vehicle_km += t.distance_km;
        p.access_km += t.access_km;
        p.hours += t.hours;
        p.co2e_wtw_kg += t.emissions.co2e_wtw_kg;
        p.co2e_ttw_kg += t.emissions.co2e_ttw_kg;
        p.nox_g += t.emissions.nox_g;
        p.pm_exhaust_g += t.emissions.pm_exhaust_g;
        p.pm_non_exhaust_g += t.emissions.pm_non_exhaust_g;
        p.cost_eur += t.cost_eur;
    }
    let n = days.len().max(1) as f64;
    for x in [
        &mut p.trips,
        &mut p.routes,
        &mut p.stops,
        &mut p.orders,
        &mut p.parcels,
        &mut p.kg,
        &mut p.vehicle_km,
        &mut p.access_km,
        &mut p.hours,
        &mut p.co2e_wtw_kg,
        &mut p.co2e_ttw_kg,
        &mut p.nox_g,
        &mut p.pm_exhaust_g,
        &mut p.pm_non_exhaust_g,
        &mut p.cost_eur,
    ] {
        *x = (*x / n * 1000.0).round() / 1000.0;
    }
    p.days = days;
    p
}
