//! What the centre receives a delivering day: at most `ucc.capacity_kg_per_day`, unloaded
//! at `ucc.docks` docks within its receiving hours. Nothing is dropped: an order over the
//! day's capacity goes directly when a vehicle of its carrier may reach its site, else it
//! waits for the next delivering day; a line-haul that finds no dock free before closing
//! leaves its load in the yard, received the next delivering day. Each order keeps the
//! reason ([`super::Overflow`]) and the days it waited.

use super::Overflow;
use crate::scenario::Scenario;
use crate::simulation::World;
use crate::simulation::state::{Echelon, OrderState, Status, TripRecord};

/// Whether carrier `c` has a vehicle allowed to reach `site` from its depot and back.
fn reaches_directly(sc: &Scenario, world: &World, c: usize, site: usize) -> bool {
    let depot = world.depot_location(c);
    sc.carriers[c].fleet.iter().any(|&(v, _)| {
        if super::line_haul::banned_from_zone(sc, world, v) {
            return false;
        }
        let m = &world.matrices[world.net_of(v)];
        m.is_reachable(depot, site) && m.is_reachable(site, depot)
    })
}

/// Before the carriers' day `day`: admits the orders bound for the centre within its daily
/// capacity, the most urgent first (due day, then the order they became known); the others
/// go direct or wait. Returns the number of orders over capacity.
pub fn admit(
    sc: &Scenario,
    world: &World,
    day: u32,
    backlogs: &[Vec<usize>],
    states: &mut [OrderState],
) -> usize {
    let Some(u) = &sc.ucc else {
        return 0;
    };
    let Some(capacity) = u.capacity_kg_per_day else {
        return 0;
    };
    let mut bound: Vec<usize> = backlogs[..u.operator]
        .iter()
        .flatten()
        .copied()
        .filter(|&g| {
            let st = &states[g];
            st.via_ucc && st.at_ucc.is_none() && st.open_from <= day && st.status == Status::Open
        })
        .collect();
    bound.sort_by_key(|&g| (states[g].due, g));
    let mut taken = 0.0;
    let mut over = 0;
    for g in bound {
        let kg = states[g].order.kg;
        if taken + kg <= capacity {
            taken += kg;
            continue;
        }
        over += 1;
        let st = &mut states[g];
        let c = st.order.carrier;
        if reaches_directly(sc, world, c, st.order.site.0 as usize) {
            st.via_ucc = false;
            st.ucc_overflow = Some(Overflow::CapacityDirect);
        } else {
            st.ucc_overflow = Some(Overflow::CapacityWait);
            st.ucc_wait_days += 1;
            st.open_from = sc.horizon.nth_delivering_after(day, 1);
        }
    }
    over
}

/// After the carriers' day: the line-hauls among `trips` (today's) queue for the docks in
/// the order they arrive; each holds a dock `ucc.dock_s_per_line_haul`, and its orders are
/// ready `ucc.handling_s_per_order` after it leaves the dock. A line-haul that cannot be
/// unloaded before closing leaves its orders for the next delivering day's opening. A
/// line-haul that queues for a dock waits there: the wait is added to its hours and to its
/// cost at the vehicle's hourly rate (the rest of its route is not re-timed: the routing saw
/// no queue). Returns the number of orders so held.
pub fn unload(
    sc: &Scenario,
    world: &World,
    day: u32,
    trips: &mut [TripRecord],
    states: &mut [OrderState],
) -> usize {
    let Some(u) = &sc.ucc else {
        return 0;
    };
    let Some(docks) = u.docks else {
        return 0;
    };
    let at = world.depot_location(u.operator) as u32;
    let mut hauls: Vec<(f64, usize)> = trips
        .iter()
        .enumerate()
        .filter(|(_, t)| t.echelon == Echelon::LineHaul && t.day == day)
        .filter_map(|(k, t)| {
            let i = t.sites.iter().position(|&s| s == at)?;
            Some((t.stop_times[i].0, k))
        })
        .collect();
    hauls.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut free = vec![u.open.0; docks as usize];
    let mut held = 0;
    for (arrival, k) in hauls {
        let (dock, &when) = free
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(&b.0)))
            .expect("at least one dock");
        let start = arrival.max(when);
        let end = start + u.dock_s_per_line_haul;
        let received_today = end <= u.open.1;
        if received_today {
            free[dock] = end;
            let wait_h = (start - arrival) / 3600.0;
            if wait_h > 0.0 {
                let t = &mut trips[k];
                t.hours += wait_h;
                t.cost_eur += wait_h * sc.vehicles[t.vehicle].eur_per_hour;
                t.dock_wait_h += wait_h;
            }
        }
        for &(g, _) in &trips[k].shares {
            let st = &mut states[g];
            if !(st.via_ucc && st.at_ucc.is_some_and(|(d, _)| d == day)) {
                continue;
            }
            if received_today {
                st.at_ucc = Some((day, end + u.handling_s_per_order));
            } else {
                let next = sc.horizon.nth_delivering_after(day, 1);
                st.at_ucc = Some((
                    next,
                    u.open.0 + u.dock_s_per_line_haul + u.handling_s_per_order,
                ));
                st.open_from = next;
                st.ucc_overflow = Some(Overflow::DockWait);
                st.ucc_wait_days += 1;
                held += 1;
            }
        }
    }
    held
}
