//! The public buyer's orders: each public site receives the flows of its kind (canteen meals,
//! supplies …) from `data/demand/public_flows.csv`.
//!
//! A flow's *needs* arise on its order weekdays: one a day for a `fixed` flow (a school day's
//! meals), Poisson(orders a week / order weekdays) for a `poisson` one; each need's kg is
//! Gamma around the flow's mean, its parcels 1 + Poisson(mean − 1), its placing time uniform
//! in the flow's placing hours. The needs of a (day, site, flow) are drawn from their own
//! stream, apart from B2B and e-commerce, and appended after them: the public orders never
//! move another order's draws. (A scenario that turns the public buyer on *and* generates
//! B2B orders redraws those, since its public sites leave the B2B model; with the public
//! buyer off, nothing changes.)
//!
//! By default each need is an order. When the scenario caps the orders a week
//! (`demand.public_orders_per_week = N`), a groupable flow is ordered on N of its order
//! weekdays only (spread over the week, the last one always among them): the order of such a
//! slot day carries every need since the previous slot day, and is placed at the end of the
//! flow's placing hours. The needs are the same draws as without the cap, so a comparison of
//! the two is paired: the same goods, in fewer, larger orders.

use super::sites::SiteKind;
use super::{Order, Site};
use crate::random::{self, Stream};
use crate::scenario::{PublicFlow, Scenario};
use rand::RngExt;
use rand_distr::{Distribution, Gamma, Poisson};

/// One need: placing time (s), kg, parcels.
type Need = (f64, f64, u32);

/// The (site index, flow index) pairs of the public buyer's sites.
pub(crate) fn public_pairs(sc: &Scenario, sites: &[Site]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        if let SiteKind::Public(k) = s.kind {
            for (f, flow) in sc.public_flows_on().iter().enumerate() {
                if flow.public_kind == sc.public_kinds[k] {
                    out.push((i, f));
                }
            }
        }
    }
    out
}

/// Expected orders a delivering day of a flow at one site.
pub(crate) fn expected_daily(sc: &Scenario, flow: &PublicFlow) -> f64 {
    let delivering = sc.horizon.delivering.iter().filter(|&&d| d).count().max(1);
    let per_week = match (sc.demand.public_orders_per_week, flow.groupable) {
        (Some(n), true) => flow.orders_per_week.min(f64::from(n)),
        _ => flow.orders_per_week,
    };
    per_week / delivering as f64
}

fn weekday(sc: &Scenario, day: u32) -> usize {
    sc.horizon.date(day).weekday().to_monday_zero_offset() as usize
}

/// The needs of `flow` (index `f`) at site `site` arising on calendar day `day`.
fn needs(sc: &Scenario, site: usize, f: usize, flow: &PublicFlow, day: u32) -> Vec<Need> {
    if !flow.weekdays[weekday(sc, day)] {
        return Vec::new();
    }
    let mut rng = random::rng(
        sc.seed,
        Stream::Public,
        &[u64::from(day), site as u64, f as u64],
    );
    let n_days = flow.weekdays.iter().filter(|&&d| d).count() as f64;
    let count = if flow.fixed {
        1
    } else {
        let mean = flow.orders_per_week / n_days;
        Poisson::new(mean).expect("positive rate").sample(&mut rng) as u32
    };
    (0..count)
        .map(|_| {
            let placed = if flow.placed.1 > flow.placed.0 {
                rng.random_range(flow.placed.0..flow.placed.1)
            } else {
                flow.placed.0
            };
            let kg = Gamma::new(flow.kg_shape, flow.kg_mean / flow.kg_shape)
                .expect("positive mean and shape")
                .sample(&mut rng);
            let extra = flow.parcels_mean - 1.0;
            let parcels = 1 + if extra > 0.0 {
                Poisson::new(extra).expect("positive mean").sample(&mut rng) as u32
            } else {
                0
            };
            (placed, kg, parcels)
        })
        .collect()
}

/// The weekdays (Monday first) on which a flow capped at `n` orders a week is ordered: `n` of
/// its order weekdays spread over the week, ending on its last.
fn slot_weekdays(flow: &PublicFlow, n: u32) -> [bool; 7] {
    let days: Vec<usize> = (0..7).filter(|&w| flow.weekdays[w]).collect();
    let n = (n as usize).min(days.len());
    let mut out = [false; 7];
    // The k-th slot (k = 1..n) is the order weekday at position ceil(k × len / n) − 1.
    for k in 1..=n {
        out[days[(k * days.len()).div_ceil(n) - 1]] = true;
    }
    out
}

/// Appends the public orders placed on `day` to `orders`.
pub(crate) fn push_public_orders(
    sc: &Scenario,
    sites: &[Site],
    pairs: &[(usize, usize)],
    day: u32,
    orders: &mut Vec<Order>,
) {
    let flows = sc.public_flows_on();
    for &(site, f) in pairs {
        let flow = &flows[f];
        let grouped: Vec<Need> = match (sc.demand.public_orders_per_week, flow.groupable) {
            (Some(n), true) => {
                let slots = slot_weekdays(flow, n);
                if !slots[weekday(sc, day)] {
                    continue;
                }
                // Every need since the previous slot day (at most a week back), and today's.
                let mut all = needs(sc, site, f, flow, day);
                let mut back = day;
                while back > 0 && day - back < 6 {
                    back -= 1;
                    if slots[weekday(sc, back)] {
                        break;
                    }
                    all.extend(needs(sc, site, f, flow, back));
                }
                if all.is_empty() {
                    continue;
                }
                let kg = all.iter().map(|n| n.1).sum();
                let parcels = all.iter().map(|n| n.2).sum();
                vec![(flow.placed.1, kg, parcels)]
            }
            _ => needs(sc, site, f, flow, day),
        };
        for (k, (placed_at_s, kg, parcels)) in grouped.into_iter().enumerate() {
            let u = random::uniform(
                sc.seed,
                Stream::Public,
                &[u64::from(day), site as u64, f as u64, u64::MAX - k as u64],
            );
            let n = orders.len();
            orders.push(super::generate::new_order(
                sc,
                (day, n),
                &flow.category,
                u,
                sites[site].id,
                placed_at_s,
                (kg, parcels),
                false,
            ));
        }
    }
}

/// The receiving hours of an order of `category` at `site`: its flow's for a public site,
/// else the site's.
pub fn receive_window(sc: &Scenario, site: &Site, category: &str) -> (f64, f64) {
    if let SiteKind::Public(k) = site.kind {
        let kind = &sc.public_kinds[k];
        if let Some(f) = sc
            .public_flows
            .iter()
            .find(|f| &f.public_kind == kind && f.category == category)
        {
            return f.receive;
        }
    }
    site.receive
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(days: &str) -> PublicFlow {
        let mut weekdays = [false; 7];
        for d in days.split_whitespace() {
            weekdays[["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .iter()
                .position(|x| *x == d)
                .unwrap()] = true;
        }
        PublicFlow {
            public_kind: "school".into(),
            category: "public_supplies".into(),
            fixed: false,
            orders_per_week: 2.0,
            weekdays,
            placed: (8.0 * 3600.0, 18.0 * 3600.0),
            kg_mean: 30.0,
            kg_shape: 2.0,
            parcels_mean: 3.0,
            receive: (0.0, 1.0),
            groupable: true,
        }
    }

    #[test]
    fn slots_spread_over_the_week_and_end_on_the_last_order_day() {
        let f = flow("mon tue wed thu fri");
        let on = |s: [bool; 7]| (0..7).filter(|&w| s[w]).collect::<Vec<_>>();
        assert_eq!(on(slot_weekdays(&f, 1)), vec![4]);
        assert_eq!(on(slot_weekdays(&f, 2)), vec![2, 4]);
        assert_eq!(on(slot_weekdays(&f, 3)), vec![1, 3, 4]);
        assert_eq!(on(slot_weekdays(&f, 9)), vec![0, 1, 2, 3, 4]);
    }
}
