//! The files a run writes (`summary.json`, `days.csv`, `trips.csv`, `orders.csv`) and the
//! short table it prints. Every column carries its unit; numbers are printed with fixed
//! decimals so that the same run gives the same bytes.
//!
//! Two views, never mixed in one table: the **cohort** (the orders placed after the warm-up,
//! followed to their delivery, with their trips' figures attributed by ISO 14083 shares;
//! [`crate::measure`]) is what scenarios are compared on; the **fleet** view totals the trips
//! driven on the days after the warm-up (the tail that empties the backlogs included), what
//! the carriers' vehicles did whatever orders they carried. Order counts by status cover every
//! order of the run.

use super::geometry::TripLine;
use super::{Echelon, Outcome, Status};
use crate::zones::InZone;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Add;
use std::path::Path;

/// Totals of a group of trips.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Trips.
    pub trips: usize,
    /// Vehicle-days (routes).
    pub routes: usize,
    /// Stops.
    pub stops: usize,
    /// Orders delivered or attempted.
    pub orders: usize,
    /// Vehicle-km, access legs included.
    pub vehicle_km: f64,
    /// Of which on depot access legs.
    pub access_km: f64,
    /// Hours on the road.
    pub hours: f64,
    /// kg carried.
    pub kg: f64,
    /// Parcels carried.
    pub parcels: u64,
    /// Mean fill of payload at departure, percent.
    pub fill_kg_pct: f64,
    /// Well-to-wheel kg CO₂e.
    pub co2e_wtw_kg: f64,
    /// Tank-to-wheel kg CO₂e.
    pub co2e_ttw_kg: f64,
    /// NOx, g.
    pub nox_g: f64,
    /// Exhaust PM, g.
    pub pm_exhaust_g: f64,
    /// Non-exhaust PM10 (tyres, brakes, road), g.
    pub pm_non_exhaust_g: f64,
    /// Cost, EUR.
    pub cost_eur: f64,
}

/// What the trips did inside one zone (measured days), from their street geometry.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ZoneTotals {
    /// Vehicle-km inside, by vehicle class.
    pub vehicle_km_inside: BTreeMap<String, f64>,
    /// Entries into the zone, by vehicle class.
    pub entries: BTreeMap<String, u32>,
    /// Stops at sites inside, by vehicle class.
    pub stops_inside: BTreeMap<String, usize>,
    /// Trips that entered it, by vehicle class.
    pub trips_entering: BTreeMap<String, usize>,
    /// Vehicle-hours inside (driving and parked), by vehicle class.
    pub hours_inside: BTreeMap<String, f64>,
    /// Entries by vehicles over 3.5 t gross (trucks), all classes together.
    pub truck_entries: u32,
}

/// Per trip, per zone: what it did inside (km, entries and hours from its line, stops at
/// sites inside). Empty rows when the scenario has no zone.
///
/// Time inside is the time parked at stops inside (arrival to departure; a stop is inside
/// when its site is, as for the stop count) plus, leg by leg, the leg's driving time × the
/// share of the leg's drawn length that lies inside.
pub fn zone_stats(outcome: &Outcome, lines: &[TripLine]) -> Vec<Vec<(InZone, usize)>> {
    let zones = &outcome.scenario.zones;
    if zones.is_empty() {
        return vec![Vec::new(); outcome.trips.len()];
    }
    use rayon::prelude::*;
    let sites = &outcome.world.sites;
    outcome
        .trips
        .par_iter()
        .zip(lines)
        .map(|(t, line)| {
            // Line-hauls stop at the centre, a depot, not a site.
            let inside_site = |z: &crate::zones::Zone, site: u32| {
                sites
                    .get(site as usize)
                    .is_some_and(|s| z.contains(s.position))
            };
            // Driving seconds of each leg, from the stops' times.
            let mut leave = t.departure_s;
            let mut drive_s = Vec::with_capacity(t.sites.len() + 1);
            for &(arrive, left) in &t.stop_times {
                drive_s.push(arrive - leave);
                leave = left;
            }
            drive_s.push(t.return_s - leave);
            zones
                .iter()
                .map(|z| {
                    let stops = t.sites.iter().filter(|&&s| inside_site(z, s)).count();
                    let mut inside = crate::zones::measure(z, &line.points, STEP_M);
                    let parked: f64 = t
                        .sites
                        .iter()
                        .zip(&t.stop_times)
                        .filter(|(s, _)| inside_site(z, **s))
                        .map(|(_, &(a, b))| b - a)
                        .sum();
                    let driving: f64 = line
                        .legs
                        .iter()
                        .zip(&drive_s)
                        .map(|(leg, &secs)| {
                            let pts = &line.points[leg.clone()];
                            let len_km = crate::zones::length_km(pts);
                            if len_km <= 0.0 {
                                return 0.0;
                            }
                            secs * crate::zones::measure(z, pts, STEP_M).km / len_km
                        })
                        .sum();
                    inside.hours = (parked + driving) / 3600.0;
                    (inside, stops)
                })
                .collect()
        })
        .collect()
}

/// Gross weight above which a vehicle is a truck (the French 3.5 t line), kg.
pub const TRUCK_GROSS_KG: f64 = 3500.0;

/// Step of the zone measurements along a line, metres.
const STEP_M: f64 = 10.0;

/// What went through the consolidation centre (orders that reached it on measured days).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UccTotals {
    /// Orders that reached it.
    pub orders_handled: usize,
    /// Their mass, tonnes.
    pub tonnes: f64,
    /// Handling emissions, kg CO₂e (tonnes × the scenario's factor; each order's part, by mass,
    /// is `ucc_handling_co2e_kg` in `orders.csv`, apart from its transport emissions).
    pub handling_co2e_kg: f64,
    /// Fees, EUR (per order and per 100 kg).
    pub fees_eur: f64,
    /// Trips by echelon (measured days): `direct`, `line_haul`, `last_leg`.
    pub trips_by_echelon: BTreeMap<String, usize>,
    /// Line-hauls, km and CO₂e by echelon, what it received against its capacity, the
    /// overflow, and the open streets the line-hauls drove.
    #[serde(flatten)]
    pub centre: super::ucc::report::CentreFigures,
}

/// Energy used by one emission class.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnergyUse {
    /// Energy carrier and variant of its factors.
    pub energy_carrier: String,
    /// Unit of `energy`.
    pub unit: String,
    /// Energy used.
    pub energy: f64,
    /// Vehicle-km.
    pub vehicle_km: f64,
    /// Tank-to-wheel kg CO₂e.
    pub co2e_ttw_kg: f64,
    /// Well-to-wheel kg CO₂e.
    pub co2e_wtw_kg: f64,
}

/// What the orders of one category were allocated (ISO 14083 shares of their trips).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CategoryTotals {
    /// Orders carried (delivered or attempted) on the measured days.
    pub orders_carried: usize,
    /// Parcels of those orders.
    pub parcels: u64,
    /// Well-to-wheel kg CO₂e.
    pub co2e_wtw_kg: f64,
    /// Tank-to-wheel kg CO₂e.
    pub co2e_ttw_kg: f64,
    /// NOx, g.
    pub nox_g: f64,
    /// PM, exhaust and non-exhaust, g.
    pub pm_g: f64,
    /// Well-to-wheel g CO₂e per parcel.
    pub co2e_wtw_g_per_parcel: f64,
}

/// What `summary.json` holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Seed.
    pub seed: u64,
    /// Dispatch policy.
    pub policy: String,
    /// Lead-time rule per category.
    pub lead_time: BTreeMap<String, String>,
    /// First day.
    pub start: String,
    /// Days of orders.
    pub days: u32,
    /// Days left out of the cohort and the fleet totals.
    pub warm_up_days: u32,
    /// Of which added to the scenario's own warm-up to cover its longest delivery window.
    pub warm_up_extended_by: u32,
    /// Calendar days run (tail included).
    pub days_run: u32,
    /// Delivering days counted in the fleet totals (tail days included).
    pub delivering_days_measured: u32,
    /// The cohort: the orders placed after the warm-up, followed to their delivery, and what
    /// their trips did on their behalf. Scenarios are compared on it.
    pub cohort: crate::measure::CohortTotals,
    /// Sites by kind.
    pub sites: BTreeMap<String, usize>,
    /// Sites too far from every road of a profile.
    pub sites_unreachable: BTreeMap<String, usize>,
    /// Orders by status.
    pub orders: BTreeMap<String, usize>,
    /// Unassigned orders by reason.
    pub unassigned_reasons: BTreeMap<String, usize>,
    /// Failed first attempts (each one a stop that did not deliver).
    pub failed_attempts: usize,
    /// Parcels delivered.
    pub parcels_delivered: u64,
    /// Fleet view: the trips driven after the warm-up (tail days included), whatever orders
    /// they carried.
    pub fleet: Totals,
    /// Fleet view: means per full delivering day (delivering days after the warm-up and
    /// before the end of orders; the days are listed).
    pub fleet_per_delivering_day: crate::measure::PerDay,
    /// Fleet view: well-to-wheel g CO₂e per parcel carried (each parcel once, whatever its
    /// echelons; e-commerce parcels and B2B cases together).
    pub co2e_wtw_g_per_parcel: f64,
    /// Fleet view: tank-to-wheel g CO₂e per parcel carried.
    pub co2e_ttw_g_per_parcel: f64,
    /// Fleet view: totals by vehicle class.
    pub by_class: BTreeMap<String, Totals>,
    /// Fleet view: totals by vehicle type (diesel and electric vans apart).
    pub by_vehicle: BTreeMap<String, Totals>,
    /// Fleet view: totals by carrier.
    pub by_carrier: BTreeMap<String, Totals>,
    /// Fleet view: energy by emission class.
    pub energy: BTreeMap<String, EnergyUse>,
    /// Fleet view: allocated emissions by order category (orders carried after the warm-up).
    pub by_category: BTreeMap<String, CategoryTotals>,
    /// Fleet view, per zone: km, entries, stops and trips inside, by vehicle class.
    pub zones: BTreeMap<String, ZoneTotals>,
    /// The consolidation centre's throughput, handling emissions and fees.
    pub ucc: Option<UccTotals>,
    /// The orders placed after the warm-up set against the published ratios (movements per
    /// job per week, parcels per inhabitant per year), with the source of each input.
    pub demand_ratios: crate::demand::DemandRatios,
    /// Fleet view: driving by hour of day and in the peak bands (docs/time-of-day.md).
    pub time_of_day: TimeOfDay,
    /// Routes the independent routing checker re-evaluated and accepted, all days.
    pub routes_checked: usize,
    /// Where the numbers stand on assumptions.
    pub assumptions: Vec<String>,
}

/// Driving by time of day, measured trips.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeOfDay {
    /// `bands` (hour bands of the speed-profile table) or `flat` (travel times do not
    /// depend on the hour).
    pub travel_times: String,
    /// Share of vehicle-km driven in peak bands (0 with flat travel times: no band is peak).
    pub peak_km_share: f64,
    /// Share of driving hours in peak bands.
    pub peak_hours_share: f64,
    /// Vehicle-km by hour of the day (0: 00:00-01:00).
    pub vehicle_km_by_hour: Vec<f64>,
}

fn time_of_day(outcome: &Outcome) -> TimeOfDay {
    let warm = outcome.scenario.horizon.warm_up_days;
    let (mut km, mut peak_km, mut h, mut peak_h) = (0.0, 0.0, 0.0, 0.0);
    let mut by_hour = [0.0; 24];
    for t in outcome.trips.iter().filter(|t| t.day >= warm) {
        let d = &t.driving;
        km += d.km_by_hour.iter().sum::<f64>();
        peak_km += d.peak_km;
        h += d.hours;
        peak_h += d.peak_hours;
        for (a, b) in by_hour.iter_mut().zip(&d.km_by_hour) {
            *a += b;
        }
    }
    let share = |a: f64, b: f64| if b > 0.0 { r3(a / b) } else { 0.0 };
    TimeOfDay {
        travel_times: if outcome.scenario.time_bands.is_some() {
            "bands".into()
        } else {
            "flat".into()
        },
        peak_km_share: share(peak_km, km),
        peak_hours_share: share(peak_h, h),
        vehicle_km_by_hour: by_hour.iter().map(|&x| r3(x)).collect(),
    }
}

fn per_parcel(kg: f64, parcels: u64) -> f64 {
    if parcels > 0 {
        r3(1000.0 * kg / parcels as f64)
    } else {
        0.0
    }
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(crate) fn clock(s: f64) -> String {
    let m = (s / 60.0).round() as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl Totals {
    fn round(mut self) -> Self {
        for x in [
            &mut self.vehicle_km,
            &mut self.access_km,
            &mut self.hours,
            &mut self.kg,
            &mut self.fill_kg_pct,
            &mut self.co2e_wtw_kg,
            &mut self.co2e_ttw_kg,
            &mut self.nox_g,
            &mut self.pm_exhaust_g,
            &mut self.pm_non_exhaust_g,
            &mut self.cost_eur,
        ] {
            *x = r3(*x);
        }
        self
    }
}

fn totals<'a>(outcome: &Outcome, trips: impl Iterator<Item = &'a super::TripRecord>) -> Totals {
    let mut t = Totals::default();
    let mut fill = 0.0;
    for trip in trips {
        t.trips += 1;
        t.routes += usize::from(trip.trip == 0);
        t.stops += trip.stops;
        t.orders += trip.orders;
        t.vehicle_km += trip.distance_km;
        t.access_km += trip.access_km;
        t.hours += trip.hours;
        t.kg += trip.kg;
        t.parcels += u64::from(trip.parcels);
        fill += trip.kg / outcome.scenario.vehicles[trip.vehicle].payload_kg;
        t.co2e_wtw_kg += trip.emissions.co2e_wtw_kg;
        t.co2e_ttw_kg += trip.emissions.co2e_ttw_kg;
        t.nox_g += trip.emissions.nox_g;
        t.pm_exhaust_g += trip.emissions.pm_exhaust_g;
        t.pm_non_exhaust_g += trip.emissions.pm_non_exhaust_g;
        t.cost_eur += trip.cost_eur;
    }
    if t.trips > 0 {
        t.fill_kg_pct = 100.0 * fill / t.trips as f64;
    }
    t.round()
}

/// The summary of a run (the trips' lines are drawn when the scenario has zones).
pub fn summary(outcome: &Outcome) -> Summary {
    let lines = if outcome.scenario.zones.is_empty() {
        vec![TripLine::default(); outcome.trips.len()]
    } else {
        super::geometry::trip_lines(outcome)
    };
    let mut s = summary_with(outcome, &zone_stats(outcome, &lines));
    if let Some(u) = &mut s.ucc {
        u.centre.access_streets_used = super::ucc::report::streets_used(outcome, &lines);
    }
    s
}

/// The summary of a run with its trips' zone figures ([`zone_stats`]).
pub fn summary_with(outcome: &Outcome, in_zones: &[Vec<(InZone, usize)>]) -> Summary {
    let sc = &outcome.scenario;
    let warm = sc.horizon.warm_up_days;
    let measured_trips = || outcome.trips.iter().filter(|t| t.day >= warm);
    let measured = totals(outcome, measured_trips());
    let delivering_days_measured = outcome
        .days
        .iter()
        .filter(|d| d.day >= warm && d.delivering)
        .count() as u32;
    let fleet_per_delivering_day = crate::measure::per_delivering_day(sc, &outcome.trips);
    let attributed =
        crate::measure::attribute(&outcome.trips, outcome.orders.len(), in_zones, &|v| {
            sc.vehicles[v].gross_weight_kg > TRUCK_GROSS_KG
        });
    let cohort = crate::measure::cohort_totals(sc, &outcome.orders, &attributed);
    let mut by_class = BTreeMap::new();
    let mut by_carrier = BTreeMap::new();
    for class in sc.vehicles.iter().map(|v| &v.class) {
        let t = totals(
            outcome,
            measured_trips().filter(|t| &sc.vehicles[t.vehicle].class == class),
        );
        if t.trips > 0 {
            by_class.insert(class.clone(), t);
        }
    }
    let mut by_vehicle = BTreeMap::new();
    for (v, spec) in sc.vehicles.iter().enumerate() {
        let t = totals(outcome, measured_trips().filter(|t| t.vehicle == v));
        if t.trips > 0 {
            by_vehicle.insert(spec.vehicle.clone(), t);
        }
    }
    for (c, carrier) in sc.carriers.iter().enumerate() {
        by_carrier.insert(
            carrier.name.clone(),
            totals(outcome, measured_trips().filter(|t| t.carrier == c)),
        );
    }
    // Parcels carried, each once: a parcel through the centre rides a line-haul and a last leg.
    let first_echelon_parcels: u64 = measured_trips()
        .filter(|t| t.echelon != Echelon::LastLeg)
        .map(|t| u64::from(t.parcels))
        .sum();
    let mut energy: BTreeMap<String, EnergyUse> = BTreeMap::new();
    let mut by_category: BTreeMap<String, CategoryTotals> = BTreeMap::new();
    for t in measured_trips() {
        let f = &sc.emission_factors[t.vehicle];
        let e = energy.entry(f.class.clone()).or_insert_with(|| EnergyUse {
            energy_carrier: f.carrier.clone(),
            unit: f.unit.clone(),
            ..EnergyUse::default()
        });
        e.energy += t.emissions.energy;
        e.vehicle_km += t.distance_km;
        e.co2e_ttw_kg += t.emissions.co2e_ttw_kg;
        e.co2e_wtw_kg += t.emissions.co2e_wtw_kg;
        for &(g, share) in &t.shares {
            let o = &outcome.orders[g].order;
            let c = by_category.entry(o.category.clone()).or_default();
            let part = t.emissions.scaled(share);
            // An order through the centre rides twice; count it once, on its first echelon.
            if t.echelon != Echelon::LastLeg {
                c.orders_carried += 1;
                c.parcels += u64::from(o.parcels);
            }
            c.co2e_wtw_kg += part.co2e_wtw_kg;
            c.co2e_ttw_kg += part.co2e_ttw_kg;
            c.nox_g += part.nox_g;
            c.pm_g += part.pm_g();
        }
    }
    for e in energy.values_mut() {
        for x in [
            &mut e.energy,
            &mut e.vehicle_km,
            &mut e.co2e_ttw_kg,
            &mut e.co2e_wtw_kg,
        ] {
            *x = r3(*x);
        }
    }
    for c in by_category.values_mut() {
        c.co2e_wtw_g_per_parcel = if c.parcels > 0 {
            r3(1000.0 * c.co2e_wtw_kg / c.parcels as f64)
        } else {
            0.0
        };
        for x in [
            &mut c.co2e_wtw_kg,
            &mut c.co2e_ttw_kg,
            &mut c.nox_g,
            &mut c.pm_g,
        ] {
            *x = r3(*x);
        }
    }
    let mut zones: BTreeMap<String, ZoneTotals> = sc
        .zones
        .iter()
        .map(|z| (z.name.clone(), ZoneTotals::default()))
        .collect();
    for (t, per_zone) in outcome.trips.iter().zip(in_zones) {
        if t.day < warm {
            continue;
        }
        let class = &sc.vehicles[t.vehicle].class;
        for (z, (inside, stops)) in sc.zones.iter().zip(per_zone) {
            let zt = zones.get_mut(&z.name).expect("every zone");
            *zt.vehicle_km_inside.entry(class.clone()).or_insert(0.0) += inside.km;
            *zt.entries.entry(class.clone()).or_insert(0) += inside.entries;
            *zt.stops_inside.entry(class.clone()).or_insert(0) += stops;
            *zt.trips_entering.entry(class.clone()).or_insert(0) += usize::from(inside.entries > 0);
            *zt.hours_inside.entry(class.clone()).or_insert(0.0) += inside.hours;
            if sc.vehicles[t.vehicle].gross_weight_kg > TRUCK_GROSS_KG {
                zt.truck_entries += inside.entries;
            }
        }
    }
    for zt in zones.values_mut() {
        for x in zt
            .vehicle_km_inside
            .values_mut()
            .chain(zt.hours_inside.values_mut())
        {
            *x = r3(*x);
        }
    }
    let mut sites = BTreeMap::new();
    for s in &outcome.world.sites {
        *sites.entry(s.kind.name(sc).to_owned()).or_insert(0) += 1;
    }
    let sites_unreachable = outcome
        .world
        .profiles
        .iter()
        .zip(&outcome.world.unreachable_sites)
        .map(|(p, &n)| (p.name().to_owned(), n))
        .collect();
    let mut orders = BTreeMap::new();
    let mut unassigned_reasons = BTreeMap::new();
    for st in &outcome.orders {
        *orders.entry(st.status.name().to_owned()).or_insert(0) += 1;
        if let Status::Unassigned(reason) = &st.status {
            *unassigned_reasons.entry(reason.clone()).or_insert(0) += 1;
        }
    }
    let parcels_delivered = outcome
        .orders
        .iter()
        .filter(|o| o.delivered_day.is_some())
        .map(|o| u64::from(o.order.parcels))
        .sum();
    Summary {
        scenario: sc.name.clone(),
        seed: sc.seed,
        policy: sc.dispatch.policy.name().to_owned(),
        lead_time: sc
            .rules
            .iter()
            .map(|(c, r)| (c.clone(), r.name.clone()))
            .collect(),
        start: sc.horizon.start.to_string(),
        days: sc.horizon.days,
        warm_up_days: warm,
        warm_up_extended_by: sc.horizon.warm_up_extended_by,
        days_run: outcome.days.len() as u32,
        delivering_days_measured,
        cohort,
        sites,
        sites_unreachable,
        orders,
        unassigned_reasons,
        failed_attempts: outcome
            .orders
            .iter()
            .map(|o| o.failed_attempts as usize)
            .sum(),
        parcels_delivered,
        co2e_wtw_g_per_parcel: per_parcel(measured.co2e_wtw_kg, first_echelon_parcels),
        co2e_ttw_g_per_parcel: per_parcel(measured.co2e_ttw_kg, first_echelon_parcels),
        fleet: measured,
        fleet_per_delivering_day,
        by_class,
        by_vehicle,
        by_carrier,
        energy,
        by_category,
        zones,
        ucc: sc.ucc.as_ref().map(|u| {
            // Orders that reached it on a measured day.
            let handled: Vec<&super::OrderState> = outcome
                .orders
                .iter()
                .filter(|o| o.at_ucc.is_some_and(|(d, _)| d >= warm))
                .collect();
            let tonnes: f64 = handled.iter().map(|o| o.order.kg).sum::<f64>() / 1000.0;
            let mut trips_by_echelon = BTreeMap::new();
            for t in measured_trips() {
                *trips_by_echelon
                    .entry(t.echelon.name().to_owned())
                    .or_insert(0) += 1;
            }
            UccTotals {
                orders_handled: handled.len(),
                tonnes: r3(tonnes),
                handling_co2e_kg: r3(tonnes * u.handling_kg_co2e_per_tonne),
                fees_eur: r3(handled.len() as f64 * u.fee_eur_per_order
                    + tonnes * 10.0 * u.fee_eur_per_100kg),
                trips_by_echelon,
                centre: super::ucc::report::figures(outcome).unwrap_or_default(),
            }
        }),
        demand_ratios: crate::demand::DemandRatios::of(
            sc,
            &outcome.world.sites,
            outcome
                .orders
                .iter()
                .map(|o| &o.order)
                .filter(|o| o.placed_day >= warm && o.placed_day < sc.horizon.days),
            warm..sc.horizon.days,
        ),
        time_of_day: time_of_day(outcome),
        routes_checked: outcome.days.iter().map(|d| d.routes_checked).sum(),
        assumptions: assumptions(&outcome.scenario),
    }
}

/// Where the numbers stand on assumptions, for this scenario.
fn assumptions(sc: &crate::scenario::Scenario) -> Vec<String> {
    let mut out: Vec<String> = vec![
            "energy per km linear in the load on each leg between empty and full (data/emissions/emission_factors.csv); no speed, slope or temperature dependence".into(),
            "CO2e = energy x the energy carrier's TTW and WTW factors (data/emissions/energy_carriers.csv); NOx and PM per km, many values assumed (see the table's sources)".into(),
            "allocation to orders by mass x network distance from the depot (ISO 14083 shortest feasible distance, taken as the fastest path's length)".into(),
            "B2B demand from FRETURB-light movement functions with assumed employment per activity (data/demand/activities.csv)".into(),
            "e-commerce parcels from a national rate per inhabitant and the inhabitants (the scenario's figure, or the homes' floor area / m² per inhabitant)".into(),
            "costs (fixed, per km, per hour) are assumptions: no public CNR absolute figures".into(),
            "each carrier's stop time is that of its first vehicle type".into(),
        ];
    if sc.horizon.warm_up_extended_by > 0 {
        out.push(format!(
            "warm-up raised by {} day(s) to {} so that it covers the longest delivery window ({} delivering days): the cohort starts after it",
            sc.horizon.warm_up_extended_by,
            sc.horizon.warm_up_days,
            crate::measure::longest_window(sc)
        ));
    }
    if sc.demand.public {
        out.push("public buyer's sites from data/demand/public_sites.csv (every school of the map taken as a canteen); meals and supplies from data/demand/public_flows.csv: city-wide canteen averages and FRETURB-light tertiary rates with assumed staff".into());
    }
    out
}

/// Writes `summary.json`, `days.csv`, `trips.csv` and `orders.csv` into `dir`; `lines` are
/// the trips' street lines (for the zone figures).
///
/// # Errors
/// The directory cannot be created or a file written.
pub fn write_outputs(
    outcome: &Outcome,
    lines: &[TripLine],
    dir: &Path,
) -> std::io::Result<Summary> {
    std::fs::create_dir_all(dir)?;
    let sc = &outcome.scenario;
    let in_zones = zone_stats(outcome, lines);
    let mut s = summary_with(outcome, &in_zones);
    if let Some(u) = &mut s.ucc {
        u.centre.access_streets_used = super::ucc::report::streets_used(outcome, lines);
    }
    let mut json = serde_json::to_string_pretty(&s).map_err(std::io::Error::other)?;
    json.push('\n');
    std::fs::write(dir.join("summary.json"), json)?;

    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("days.csv"))?);
    writeln!(
        w,
        "day,date,delivering,measured,orders_placed,orders_delivered,failed_attempts,orders_unassigned,orders_postponed,backlog_end,trips,stops,vehicle_km,co2e_wtw_kg,co2e_ttw_kg,nox_g,pm_g,cost_eur,iterations"
    )?;
    for d in &outcome.days {
        let trips: Vec<_> = outcome.trips.iter().filter(|t| t.day == d.day).collect();
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.2},{}",
            d.day,
            sc.horizon.date(d.day),
            d.delivering,
            d.day >= sc.horizon.warm_up_days,
            d.placed,
            d.delivered,
            d.failed_attempts,
            d.unassigned,
            d.postponed,
            d.backlog,
            trips.len(),
            trips.iter().map(|t| t.stops).sum::<usize>(),
            trips.iter().map(|t| t.distance_km).fold(0.0, f64::add),
            trips
                .iter()
                .map(|t| t.emissions.co2e_wtw_kg)
                .fold(0.0, f64::add),
            trips
                .iter()
                .map(|t| t.emissions.co2e_ttw_kg)
                .fold(0.0, f64::add),
            trips.iter().map(|t| t.emissions.nox_g).fold(0.0, f64::add),
            trips.iter().map(|t| t.emissions.pm_g()).fold(0.0, f64::add),
            trips.iter().map(|t| t.cost_eur).fold(0.0, f64::add),
            d.iterations
        )?;
    }
    w.flush()?;

    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("trips.csv"))?);
    writeln!(
        w,
        "day,carrier,vehicle,vehicle_class,vehicle_id,trip,departure,return,stops,orders,kg,parcels,fill_kg_pct,distance_km,access_km,duration_h,emission_class,energy,energy_unit,co2e_wtw_kg,co2e_ttw_kg,nox_g,pm_exhaust_g,pm_non_exhaust_g,cost_eur,zone_km,zone_entries,zone_stops,zone_hours,echelon,drive_h,peak_drive_h,peak_km,avg_speed_kmh"
    )?;
    for (t, per_zone) in outcome.trips.iter().zip(&in_zones) {
        let v = &sc.vehicles[t.vehicle];
        writeln!(
            w,
            "{},{},{},{},{}-{},{},{},{},{},{},{:.1},{},{:.1},{:.3},{:.3},{:.3},{},{:.4},{},{:.3},{:.3},{:.3},{:.4},{:.4},{:.2},{:.3},{},{},{:.3},{},{:.3},{:.3},{:.3},{:.1}",
            t.day,
            sc.carriers[t.carrier].name,
            v.vehicle,
            v.class,
            v.vehicle,
            t.route_vehicle,
            t.trip,
            clock(t.departure_s),
            clock(t.return_s),
            t.stops,
            t.orders,
            t.kg,
            t.parcels,
            100.0 * t.kg / v.payload_kg,
            t.distance_km,
            t.access_km,
            t.hours,
            sc.emission_factors[t.vehicle].class,
            t.emissions.energy,
            sc.emission_factors[t.vehicle].unit,
            t.emissions.co2e_wtw_kg,
            t.emissions.co2e_ttw_kg,
            t.emissions.nox_g,
            t.emissions.pm_exhaust_g,
            t.emissions.pm_non_exhaust_g,
            t.cost_eur,
            per_zone.iter().fold(0.0, |a, z| a + z.0.km),
            per_zone.iter().map(|z| z.0.entries).sum::<u32>(),
            per_zone.iter().map(|z| z.1).sum::<usize>(),
            per_zone.iter().fold(0.0, |a, z| a + z.0.hours),
            t.echelon.name(),
            t.driving.hours,
            t.driving.peak_hours,
            t.driving.peak_km,
            if t.driving.hours > 0.0 {
                t.driving.km_by_hour.iter().sum::<f64>() / t.driving.hours
            } else {
                0.0
            }
        )?;
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(dir.join("orders.csv")).map_err(std::io::Error::other)?;
    w.write_record([
        "order_id",
        "category",
        "carrier",
        "site_id",
        "site_kind",
        "placed_day",
        "placed_time",
        "earliest_day",
        "latest_day",
        "delivered_day",
        "status",
        "reason",
        "failed_attempts",
        "kg",
        "parcels",
        "co2e_wtw_kg",
        "co2e_ttw_kg",
        "nox_g",
        "pm_g",
        "co2e_wtw_g_per_parcel",
        "via_ucc",
        "ucc_day",
        "ucc_handling_co2e_kg",
        "in_cohort",
        "vehicle_km",
        "cost_eur",
        "ucc_overflow",
    ])
    .map_err(std::io::Error::other)?;
    let attributed =
        crate::measure::attribute(&outcome.trips, outcome.orders.len(), &in_zones, &|v| {
            sc.vehicles[v].gross_weight_kg > TRUCK_GROSS_KG
        });
    for (st, a) in outcome.orders.iter().zip(&attributed) {
        let o = &st.order;
        let site = &outcome.world.sites[o.site.0 as usize];
        let reason = match &st.status {
            Status::Unassigned(r) => r.clone(),
            _ => String::new(),
        };
        w.write_record([
            o.id.clone(),
            o.category.clone(),
            sc.carriers[o.carrier].name.clone(),
            o.site.to_string(),
            site.kind.name(sc).to_owned(),
            o.placed_day.to_string(),
            clock(o.placed_at_s),
            o.earliest_day.to_string(),
            o.latest_day.to_string(),
            st.delivered_day.map_or(String::new(), |d| d.to_string()),
            st.status.name().to_owned(),
            reason,
            st.failed_attempts.to_string(),
            format!("{:.1}", o.kg),
            o.parcels.to_string(),
            format!("{:.5}", st.emissions.co2e_wtw_kg),
            format!("{:.5}", st.emissions.co2e_ttw_kg),
            format!("{:.4}", st.emissions.nox_g),
            format!("{:.5}", st.emissions.pm_g()),
            format!(
                "{:.2}",
                1000.0 * st.emissions.co2e_wtw_kg / f64::from(o.parcels.max(1))
            ),
            st.via_ucc.to_string(),
            st.at_ucc.map_or(String::new(), |(d, _)| d.to_string()),
            // The centre's handling emissions, per tonne: each order carries its mass's part.
            format!(
                "{:.5}",
                match (&sc.ucc, st.at_ucc) {
                    (Some(u), Some(_)) => o.kg / 1000.0 * u.handling_kg_co2e_per_tonne,
                    _ => 0.0,
                }
            ),
            crate::measure::in_cohort(sc, o.placed_day).to_string(),
            format!("{:.4}", a.vehicle_km),
            format!("{:.4}", a.cost_eur),
            st.ucc_overflow
                .map_or(String::new(), |r| r.name().to_owned()),
        ])
        .map_err(std::io::Error::other)?;
    }
    w.flush()?;
    Ok(s)
}

/// The short table printed after a run.
pub fn format_summary(s: &Summary) -> String {
    let mut out = format!(
        "scenario {} (policy {}, seed {}), {} days from {} ({} warm-up), {} delivering days measured\n",
        s.scenario, s.policy, s.seed, s.days, s.start, s.warm_up_days, s.delivering_days_measured
    );
    if s.warm_up_extended_by > 0 {
        out += &format!(
            "note: the warm-up was raised by {} day(s) to {} to cover the longest delivery window\n",
            s.warm_up_extended_by, s.warm_up_days
        );
    }
    let orders: Vec<String> = s.orders.iter().map(|(k, v)| format!("{v} {k}")).collect();
    out += &format!(
        "orders: {}; {} failed first attempts; {} parcels delivered\n",
        orders.join(", "),
        s.failed_attempts,
        s.parcels_delivered
    );
    let d = &s.demand_ratios;
    out += &format!(
        "demand: {:.2} B2B movements per job per week (published {}: {}; {:.0} jobs: {}); {:.1} e-commerce parcels per inhabitant per year (published {}: {}; {:.0} inhabitants: {})\n",
        d.movements_per_job_week,
        d.movements_per_job_week_published,
        d.movements_per_job_week_source,
        d.jobs,
        d.jobs_source,
        d.parcels_per_inhabitant_year,
        d.parcels_per_inhabitant_year_published,
        d.parcels_per_inhabitant_year_source,
        d.inhabitants,
        d.inhabitants_source
    );
    if !s.unassigned_reasons.is_empty() {
        let r: Vec<String> = s
            .unassigned_reasons
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        out += &format!("unassigned: {}\n", r.join(", "));
    }
    let c = &s.cohort;
    let a = &c.attributed;
    out += &format!(
        "cohort (orders placed on days {}-{}, followed to their delivery by day {}): {} orders ({} delivered, {} late, {} unassigned), {} e-commerce parcels, {} B2B orders ({} cases)\n",
        c.placed_from_day,
        c.placed_to_day,
        c.last_delivery_day,
        c.orders,
        c.delivered,
        c.late,
        c.unassigned,
        c.ecommerce_parcels,
        c.b2b_orders,
        c.b2b_cases
    );
    out += &format!(
        "  attributed to it: {:.1} vehicle-km ({:.1} on access legs), {:.1} vehicle-h, {:.1} kg CO2e WTW ({:.1} TTW), {:.0} g NOx, {:.1} g PM, {:.0} EUR; {:.0} g CO2e WTW per e-commerce parcel\n",
        a.vehicle_km,
        a.access_km,
        a.hours,
        a.co2e_wtw_kg,
        a.co2e_ttw_kg,
        a.nox_g,
        a.pm_exhaust_g + a.pm_non_exhaust_g,
        a.cost_eur,
        c.co2e_wtw_g_per_ecommerce_parcel
    );
    out += "fleet view (trips driven after the warm-up, tail days included):\n";
    out += &format!(
        "{:<14} {:>7} {:>7} {:>8} {:>11} {:>10} {:>8} {:>13}\n",
        "class", "routes", "trips", "stops", "vehicle_km", "access_km", "fill_%", "co2e_wtw_kg"
    );
    let mut row = |name: &str, t: &Totals| {
        out += &format!(
            "{:<14} {:>7} {:>7} {:>8} {:>11.1} {:>10.1} {:>8.1} {:>13.1}\n",
            name,
            t.routes,
            t.trips,
            t.stops,
            t.vehicle_km,
            t.access_km,
            t.fill_kg_pct,
            t.co2e_wtw_kg
        );
    };
    for (class, t) in &s.by_class {
        row(class, t);
    }
    row("total", &s.fleet);
    let p = &s.fleet_per_delivering_day;
    out += &format!(
        "per full delivering day ({} days): {:.1} trips, {:.1} stops, {:.1} vehicle-km, {:.1} kg CO2e WTW ({:.1} TTW), {:.0} g NOx, {:.1} g PM\n",
        p.days.len(),
        p.trips,
        p.stops,
        p.vehicle_km,
        p.co2e_wtw_kg,
        p.co2e_ttw_kg,
        p.nox_g,
        p.pm_exhaust_g + p.pm_non_exhaust_g,
    );
    if let Some(u) = &s.ucc {
        out += &super::ucc::report::format(u);
    }
    out
}
