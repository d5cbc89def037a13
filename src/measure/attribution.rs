//! Attribution of trips to orders: each trip's additive quantities (trips, stops, km, hours,
//! cost, energy, emissions, time and km inside zones) split among the orders on board by the
//! trip's ISO 14083 shares (mass × network distance; they add up to one per trip).

use crate::simulation::{Echelon, TripRecord};
use crate::zones::InZone;
use std::ops::AddAssign;

/// What the trips that carried an order did on its behalf (its shares of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Attributed {
    /// Trip equivalents (the order's shares of its trips).
    pub trips: f64,
    /// Vehicle-day equivalents (shares of the first trip of each route).
    pub routes: f64,
    /// Stop equivalents.
    pub stops: f64,
    /// Vehicle-km, access legs included.
    pub vehicle_km: f64,
    /// Of which on depot access legs.
    pub access_km: f64,
    /// Vehicle-hours.
    pub hours: f64,
    /// Cost (the trips' fixed, distance and time cost), EUR.
    pub cost_eur: f64,
    /// Well-to-wheel kg CO₂e.
    pub co2e_wtw_kg: f64,
    /// Tank-to-wheel kg CO₂e.
    pub co2e_ttw_kg: f64,
    /// NOx, g.
    pub nox_g: f64,
    /// Exhaust PM, g.
    pub pm_exhaust_g: f64,
    /// Non-exhaust PM10, g.
    pub pm_non_exhaust_g: f64,
    /// Vehicle-km on line-hauls to the consolidation centre.
    pub line_haul_km: f64,
    /// Well-to-wheel kg CO₂e of those line-hauls.
    pub line_haul_co2e_wtw_kg: f64,
    /// Vehicle-km on the centre's last legs.
    pub last_leg_km: f64,
    /// Well-to-wheel kg CO₂e of those last legs.
    pub last_leg_co2e_wtw_kg: f64,
    /// Vehicle-km inside the scenario's zones.
    pub zone_km_inside: f64,
    /// Vehicle-hours inside the scenario's zones.
    pub zone_hours_inside: f64,
    /// Entries into the zones by vehicles over 3.5 t gross.
    pub zone_truck_entries: f64,
}

impl AddAssign for Attributed {
    fn add_assign(&mut self, o: Attributed) {
        self.trips += o.trips;
        self.routes += o.routes;
        self.stops += o.stops;
        self.vehicle_km += o.vehicle_km;
        self.access_km += o.access_km;
        self.hours += o.hours;
        self.cost_eur += o.cost_eur;
        self.co2e_wtw_kg += o.co2e_wtw_kg;
        self.co2e_ttw_kg += o.co2e_ttw_kg;
        self.nox_g += o.nox_g;
        self.pm_exhaust_g += o.pm_exhaust_g;
        self.pm_non_exhaust_g += o.pm_non_exhaust_g;
        self.line_haul_km += o.line_haul_km;
        self.line_haul_co2e_wtw_kg += o.line_haul_co2e_wtw_kg;
        self.last_leg_km += o.last_leg_km;
        self.last_leg_co2e_wtw_kg += o.last_leg_co2e_wtw_kg;
        self.zone_km_inside += o.zone_km_inside;
        self.zone_hours_inside += o.zone_hours_inside;
        self.zone_truck_entries += o.zone_truck_entries;
    }
}

impl Attributed {
    /// The whole of one trip (`in_zones`: what it did inside each zone; `truck`: the vehicle
    /// weighs over 3.5 t gross).
    pub fn of_trip(t: &TripRecord, in_zones: &[(InZone, usize)], truck: bool) -> Attributed {
        let e = &t.emissions;
        let (lh, ll) = match t.echelon {
            Echelon::LineHaul => (1.0, 0.0),
            Echelon::LastLeg => (0.0, 1.0),
            Echelon::Direct => (0.0, 0.0),
        };
        let entries: u32 = in_zones.iter().map(|z| z.0.entries).sum();
        Attributed {
            trips: 1.0,
            routes: if t.trip == 0 { 1.0 } else { 0.0 },
            stops: t.stops as f64,
            vehicle_km: t.distance_km,
            access_km: t.access_km,
            hours: t.hours,
            cost_eur: t.cost_eur,
            co2e_wtw_kg: e.co2e_wtw_kg,
            co2e_ttw_kg: e.co2e_ttw_kg,
            nox_g: e.nox_g,
            pm_exhaust_g: e.pm_exhaust_g,
            pm_non_exhaust_g: e.pm_non_exhaust_g,
            line_haul_km: lh * t.distance_km,
            line_haul_co2e_wtw_kg: lh * e.co2e_wtw_kg,
            last_leg_km: ll * t.distance_km,
            last_leg_co2e_wtw_kg: ll * e.co2e_wtw_kg,
            zone_km_inside: in_zones.iter().map(|z| z.0.km).sum(),
            zone_hours_inside: in_zones.iter().map(|z| z.0.hours).sum(),
            zone_truck_entries: if truck { f64::from(entries) } else { 0.0 },
        }
    }

    /// Every quantity times `k`.
    pub fn scaled(&self, k: f64) -> Attributed {
        let mut out = Attributed::default();
        out += *self;
        for x in out.fields_mut() {
            *x *= k;
        }
        out
    }

    fn fields_mut(&mut self) -> [&mut f64; 19] {
        [
            &mut self.trips,
            &mut self.routes,
            &mut self.stops,
            &mut self.vehicle_km,
            &mut self.access_km,
            &mut self.hours,
            &mut self.cost_eur,
            &mut self.co2e_wtw_kg,
            &mut self.co2e_ttw_kg,
            &mut self.nox_g,
            &mut self.pm_exhaust_g,
            &mut self.pm_non_exhaust_g,
            &mut self.line_haul_km,
            &mut self.line_haul_co2e_wtw_kg,
            &mut self.last_leg_km,
            &mut self.last_leg_co2e_wtw_kg,
            &mut self.zone_km_inside,
            &mut self.zone_hours_inside,
            &mut self.zone_truck_entries,
        ]
    }

    /// Rounded to 3 decimals (the outputs' precision).
    pub fn rounded(mut self) -> Attributed {
        for x in self.fields_mut() {
            *x = (*x * 1000.0).round() / 1000.0;
        }
        self
    }
}

/// Per order (indexed as `orders`), its attributed part of every trip in `trips`; `in_zones`
/// holds each trip's zone figures (empty rows when the scenario has no zone) and `truck`
/// tells whether a vehicle type weighs over 3.5 t gross.
pub fn attribute(
    trips: &[TripRecord],
    orders: usize,
    in_zones: &[Vec<(InZone, usize)>],
    truck: &dyn Fn(usize) -> bool,
) -> Vec<Attributed> {
    let mut out = vec![Attributed::default(); orders];
    for (i, t) in trips.iter().enumerate() {
        let zones = in_zones.get(i).map_or(&[][..], Vec::as_slice);
        let whole = Attributed::of_trip(t, zones, truck(t.vehicle));
        for &(g, share) in &t.shares {
            out[g] += whole.scaled(share);
        }
    }
    out
}
