//! What the summary says of the centre: line-hauls (how many a day, by which vehicles,
//! against the trucks the carriers have), km and CO₂e by echelon, what it received a day
//! against its capacity, the overflow and its reasons, and the open streets the line-hauls
//! drove inside the zone.

use super::line_haul;
use crate::simulation::Outcome;
use crate::simulation::geometry::TripLine;
use crate::simulation::output::TRUCK_GROSS_KG;
use crate::simulation::state::Echelon;
use serde::Serialize;
use std::collections::BTreeMap;

/// Tolerance to tell that a point of a trip's line lies on an open street, m.
const ON_STREET_M: f64 = 1.0;

/// The centre's working figures over the measured days.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CentreFigures {
    /// Line-haul trips driven.
    pub line_hauls: usize,
    /// Of which by trucks (gross weight above 3.5 t).
    pub line_hauls_by_trucks: usize,
    /// Line-hauls by vehicle type.
    pub line_hauls_by_vehicle: BTreeMap<String, usize>,
    /// Line-hauls per measured delivering day: mean.
    pub line_hauls_per_day_mean: f64,
    /// Line-hauls per measured delivering day: most.
    pub line_hauls_per_day_max: usize,
    /// Vehicles the opted-in carriers may line-haul with (their trucks, or their whole fleet
    /// when they have none).
    pub line_haul_vehicles_available: u32,
    /// Vehicle-km by echelon (`direct`, `line_haul`, `last_leg`).
    pub vehicle_km_by_echelon: BTreeMap<String, f64>,
    /// Well-to-wheel kg CO₂e by echelon.
    pub co2e_wtw_kg_by_echelon: BTreeMap<String, f64>,
    /// Kg received per measured delivering day: mean.
    pub received_kg_per_day_mean: f64,
    /// Kg received per measured delivering day: most.
    pub received_kg_per_day_max: f64,
    /// Its capacity, kg per day (absent: no limit).
    pub capacity_kg_per_day: Option<f64>,
    /// Its docks (absent: no limit).
    pub docks: Option<u32>,
    /// Measured line-hauls that queued for a dock.
    pub line_hauls_waited: usize,
    /// Hours they queued in all (in their hours and cost).
    pub dock_wait_h: f64,
    /// Orders bound for it that did not go through it on some day, by the last reason
    /// (`capacity_direct`, `capacity_wait`, `dock_wait`; orders placed after the warm-up).
    pub overflow_orders: BTreeMap<String, usize>,
    /// Days those orders waited in all.
    pub overflow_wait_days: u64,
    /// The open streets of the zone the line-hauls drove (name: line-hauls on it).
    pub access_streets_used: BTreeMap<String, usize>,
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The centre's figures of `outcome` (without the streets: see [`streets_used`]).
pub fn figures(outcome: &Outcome) -> Option<CentreFigures> {
    let sc = &outcome.scenario;
    let u = sc.ucc.as_ref()?;
    let warm = sc.horizon.warm_up_days;
    let measured = || outcome.trips.iter().filter(|t| t.day >= warm);
    let mut f = CentreFigures {
        capacity_kg_per_day: u.capacity_kg_per_day,
        docks: u.docks,
        line_haul_vehicles_available: u.carriers.iter().map(|&c| line_haul::count(sc, c)).sum(),
        ..CentreFigures::default()
    };
    let days: Vec<u32> = outcome
        .days
        .iter()
        .filter(|d| d.day >= warm && d.delivering)
        .map(|d| d.day)
        .collect();
    let mut per_day: BTreeMap<u32, usize> = days.iter().map(|&d| (d, 0)).collect();
    for t in measured() {
        let e = t.echelon.name().to_owned();
        *f.vehicle_km_by_echelon.entry(e.clone()).or_insert(0.0) += t.distance_km;
        *f.co2e_wtw_kg_by_echelon.entry(e).or_insert(0.0) += t.emissions.co2e_wtw_kg;
        if t.echelon != Echelon::LineHaul {
            continue;
        }
        f.line_hauls += 1;
        if t.dock_wait_h > 0.0 {
            f.line_hauls_waited += 1;
            f.dock_wait_h += t.dock_wait_h;
        }
        let spec = &sc.vehicles[t.vehicle];
        f.line_hauls_by_trucks += usize::from(spec.gross_weight_kg > TRUCK_GROSS_KG);
        *f.line_hauls_by_vehicle
            .entry(spec.vehicle.clone())
            .or_insert(0) += 1;
        if let Some(n) = per_day.get_mut(&t.day) {
            *n += 1;
        }
    }
    for x in f
        .vehicle_km_by_echelon
        .values_mut()
        .chain(f.co2e_wtw_kg_by_echelon.values_mut())
    {
        *x = r3(*x);
    }
    f.dock_wait_h = r3(f.dock_wait_h);
    if !days.is_empty() {
        f.line_hauls_per_day_mean = r3(per_day.values().sum::<usize>() as f64 / days.len() as f64);
        f.line_hauls_per_day_max = per_day.values().copied().max().unwrap_or(0);
    }
    let mut received: BTreeMap<u32, f64> = days.iter().map(|&d| (d, 0.0)).collect();
    for o in &outcome.orders {
        if let Some((d, _)) = o.at_ucc
            && let Some(kg) = received.get_mut(&d)
        {
            *kg += o.order.kg;
        }
        if o.order.placed_day >= warm
            && let Some(r) = o.ucc_overflow
        {
            *f.overflow_orders.entry(r.name().to_owned()).or_insert(0) += 1;
            f.overflow_wait_days += u64::from(o.ucc_wait_days);
        }
    }
    if !days.is_empty() {
        f.received_kg_per_day_mean = r3(received.values().sum::<f64>() / days.len() as f64);
        f.received_kg_per_day_max = r3(received.values().copied().fold(0.0, f64::max));
    }
    Some(f)
}

/// Per trip of `outcome` that is a line-haul: the open streets of the centre's zone its line
/// drives on, and the number of its points inside the zone on no open street (0 when it
/// keeps to them).
pub fn line_haul_streets(
    outcome: &Outcome,
    lines: &[TripLine],
) -> Vec<(usize, Vec<String>, usize)> {
    let sc = &outcome.scenario;
    let Some(u) = &sc.ucc else {
        return Vec::new();
    };
    let world = &outcome.world;
    let zone = &sc.zones[u.zone];
    outcome
        .trips
        .iter()
        .zip(lines)
        .enumerate()
        .filter(|(_, (t, _))| t.echelon == Echelon::LineHaul)
        .map(|(k, (t, line))| {
            let p = world.nets[world.net_of(t.vehicle)].profile;
            let net = world.network.profile(world.profiles[p]);
            let access = &world.ucc_access[p];
            let mut names: Vec<String> = Vec::new();
            let mut off = 0;
            for &q in line.points.iter().filter(|&&q| zone.contains(q)) {
                match access.street_at(net, q, ON_STREET_M) {
                    Some(n) => {
                        if !names.iter().any(|x| x == n) {
                            names.push(n.to_owned());
                        }
                    }
                    None => off += 1,
                }
            }
            names.sort();
            (k, names, off)
        })
        .collect()
}

/// The open streets the measured line-hauls drove inside the zone: name and line-hauls.
pub fn streets_used(outcome: &Outcome, lines: &[TripLine]) -> BTreeMap<String, usize> {
    let warm = outcome.scenario.horizon.warm_up_days;
    let mut used = BTreeMap::new();
    for (k, names, _) in line_haul_streets(outcome, lines) {
        if outcome.trips[k].day < warm {
            continue;
        }
        for n in names {
            *used.entry(n).or_insert(0) += 1;
        }
    }
    used
}

/// The summary's lines on the centre.
pub fn format(u: &crate::simulation::output::UccTotals) -> String {
    let f = &u.centre;
    let list = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_owned()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let num = |m: &BTreeMap<String, f64>, k: &str| m.get(k).copied().unwrap_or(0.0);
    let mut out = format!(
        "centre: {} orders ({:.1} t) handled; {} line-hauls ({} by trucks; {}), {:.2} per delivering day (most {}) for {} line-haul vehicles\n",
        u.orders_handled,
        u.tonnes,
        f.line_hauls,
        f.line_hauls_by_trucks,
        list(&f.line_hauls_by_vehicle),
        f.line_hauls_per_day_mean,
        f.line_hauls_per_day_max,
        f.line_haul_vehicles_available
    );
    out += &format!(
        "  vehicle-km / kg CO2e WTW: line-haul {:.1} / {:.1}, last leg {:.1} / {:.1}, direct {:.1} / {:.1}\n",
        num(&f.vehicle_km_by_echelon, "line_haul"),
        num(&f.co2e_wtw_kg_by_echelon, "line_haul"),
        num(&f.vehicle_km_by_echelon, "last_leg"),
        num(&f.co2e_wtw_kg_by_echelon, "last_leg"),
        num(&f.vehicle_km_by_echelon, "direct"),
        num(&f.co2e_wtw_kg_by_echelon, "direct"),
    );
    out += &format!(
        "  received {:.0} kg per delivering day (most {:.0}; capacity {}, docks {}; {} line-hauls queued for a dock, {:.2} h in all, in their hours and cost); overflow: {} ({} days waited)\n",
        f.received_kg_per_day_mean,
        f.received_kg_per_day_max,
        f.capacity_kg_per_day
            .map_or("no limit".to_owned(), |c| format!("{c:.0} kg")),
        f.docks.map_or("no limit".to_owned(), |d| d.to_string()),
        f.line_hauls_waited,
        f.dock_wait_h,
        list(&f.overflow_orders),
        f.overflow_wait_days
    );
    out += &format!(
        "  open streets the line-hauls drove in the zone (line-hauls): {}\n",
        list(&f.access_streets_used)
    );
    out
}
