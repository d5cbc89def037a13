//! Orders drawn from the sites' rates, one day at a time.
//!
//! # B2B
//! An establishment of activity class `a` generates `m_a(E)` movements a week (the FRETURB
//! function of its assumed employment times the ST8 correction factor), of which a share are
//! deliveries; a day's deliveries
//! are Poisson with mean `weekly × weekday share × b2b_scale`. Weight is Gamma (shape 2) around
//! the class's mean; parcels are 1 + Poisson(mean − 1). Orders are placed uniformly between
//! 08:00 and 18:00 [assumption].
//!
//! # E-commerce
//! `inhabitants × parcels per inhabitant per year / parcels per order` orders a year (the
//! inhabitants given by the scenario, or derived from the homes' floor area), spread
//! over the week by the weekday table; each goes to a home drawn in proportion to its floor
//! area, and with probability `1 − home share` to the pickup point nearest that home (when
//! the map has one). Orders are placed uniformly over the 24 hours [assumption].
//!
//! Every day draws from its own stream `(seed, day)`.

use super::sites::SiteKind;
use super::{Order, Site, SiteId};
use crate::random::{self, Stream};
use crate::scenario::{PARCEL, Scenario};
use rand::RngExt;
use rand_distr::{Distribution, Gamma, Poisson};

/// The rates of every site, ready to draw days of orders.
#[derive(Clone, Debug)]
pub struct DemandModel<'a> {
    scenario: &'a Scenario,
    /// (site index, deliveries a week) of every establishment with a positive rate.
    b2b: Vec<(usize, f64)>,
    /// Home site indices and the cumulative floor area up to each.
    homes: Vec<usize>,
    home_cumulative: Vec<f64>,
    /// For each home (same order as `homes`): the nearest pickup point's site index.
    nearest_pickup: Vec<Option<usize>>,
    /// E-commerce orders a week.
    ecommerce_weekly: f64,
    /// Expected deliveries a day per site (for the dispatch prize model).
    expected_daily: Vec<f64>,
    /// (site index, public flow index) of every public site's flows.
    public: Vec<(usize, usize)>,
}

fn poisson(rng: &mut impl rand::Rng, mean: f64) -> u32 {
    if mean <= 0.0 {
        return 0;
    }
    Poisson::new(mean).expect("positive mean").sample(rng) as u32
}

fn gamma2(rng: &mut impl rand::Rng, mean: f64) -> f64 {
    Gamma::new(2.0, mean / 2.0)
        .expect("positive mean")
        .sample(rng)
}

impl<'a> DemandModel<'a> {
    /// Rates of `sites` under `scenario`.
    pub fn new(scenario: &'a Scenario, sites: &[Site]) -> Self {
        let d = &scenario.demand;
        let mut b2b = Vec::new();
        if d.b2b {
            for (i, s) in sites.iter().enumerate() {
                if let SiteKind::Establishment(a) = s.kind {
                    let act = &scenario.activities[a];
                    let weekly = act.weekly_movements() * act.delivery_share * d.b2b_scale;
                    if weekly > 0.0 {
                        b2b.push((i, weekly));
                    }
                }
            }
        }
        let homes: Vec<usize> = (0..sites.len())
            .filter(|&i| sites[i].kind == SiteKind::Home)
            .collect();
        let mut acc = 0.0;
        let home_cumulative = homes
            .iter()
            .map(|&i| {
                acc += sites[i].floor_m2;
                acc
            })
            .collect();
        let pickups: Vec<usize> = (0..sites.len())
            .filter(|&i| sites[i].kind == SiteKind::Pickup)
            .collect();
        let nearest_pickup = homes
            .iter()
            .map(|&h| {
                pickups.iter().copied().min_by(|&a, &b| {
                    let da = sites[h].position.haversine(sites[a].position).0;
                    let db = sites[h].position.haversine(sites[b].position).0;
                    da.total_cmp(&db).then(a.cmp(&b))
                })
            })
            .collect();
        let eco = &scenario.ecommerce;
        let ecommerce_weekly = if d.ecommerce && !homes.is_empty() {
            super::inhabitants(scenario, sites).0 * eco.parcels_per_inhabitant_year
                / eco.parcels_per_order_mean
                * 7.0
                / 365.0
                * d.ecommerce_scale
        } else {
            0.0
        };
        let mut model = DemandModel {
            scenario,
            b2b,
            homes,
            home_cumulative,
            nearest_pickup,
            ecommerce_weekly,
            expected_daily: vec![0.0; sites.len()],
            public: super::public::public_pairs(scenario, sites),
        };
        model.expected_daily = model.expected_per_site(sites.len());
        model
    }

    fn expected_per_site(&self, n: usize) -> Vec<f64> {
        let delivering = self
            .scenario
            .horizon
            .delivering
            .iter()
            .filter(|&&d| d)
            .count();
        let per_delivering_day = 1.0 / delivering.max(1) as f64;
        let mut out = vec![0.0; n];
        for &(i, weekly) in &self.b2b {
            out[i] += weekly * per_delivering_day;
        }
        let total_floor = self.home_cumulative.last().copied().unwrap_or(0.0);
        let home_share = self.scenario.ecommerce.home_delivery_share;
        for (k, &h) in self.homes.iter().enumerate() {
            let floor = self.home_cumulative[k]
                - if k == 0 {
                    0.0
                } else {
                    self.home_cumulative[k - 1]
                };
            let daily = self.ecommerce_weekly * per_delivering_day * floor / total_floor;
            match self.nearest_pickup[k] {
                Some(p) => {
                    out[h] += daily * home_share;
                    out[p] += daily * (1.0 - home_share);
                }
                None => out[h] += daily,
            }
        }
        let flows = self.scenario.public_flows_on();
        for &(i, f) in &self.public {
            out[i] += super::public::expected_daily(self.scenario, &flows[f]);
        }
        out
    }

    /// Expected orders a delivering day for each site.
    pub fn expected_daily(&self) -> &[f64] {
        &self.expected_daily
    }

    /// The orders placed on calendar day `day`, drawn from the stream `(seed, day)`.
    pub fn orders_for_day(&self, sites: &[Site], day: u32) -> Vec<Order> {
        let sc = self.scenario;
        let mut rng = random::rng(sc.seed, Stream::Demand, &[u64::from(day)]);
        let weekday = sc.horizon.date(day).weekday().to_monday_zero_offset() as usize;
        let (b2b_share, eco_share) = sc.weekday_shares[weekday];
        let mut orders = Vec::new();
        let push = |orders: &mut Vec<Order>,
                    rng: &mut rand_chacha::ChaCha8Rng,
                    category: &str,
                    site: usize,
                    placed_at_s: f64,
                    kg: f64,
                    parcels: u32,
                    home: bool| {
            let u: f64 = rng.random();
            let n = orders.len();
            orders.push(new_order(
                sc,
                (day, n),
                category,
                u,
                sites[site].id,
                placed_at_s,
                (kg, parcels),
                home,
            ));
        };
        for &(site, weekly) in &self.b2b {
            let SiteKind::Establishment(a) = sites[site].kind else {
                unreachable!("b2b sites are establishments")
            };
            let act = &sc.activities[a];
            for _ in 0..poisson(&mut rng, weekly * b2b_share) {
                let placed = rng.random_range(8.0 * 3600.0..18.0 * 3600.0);
                let kg = gamma2(&mut rng, act.kg_mean);
                let parcels = 1 + poisson(&mut rng, act.parcels_mean - 1.0);
                push(
                    &mut orders,
                    &mut rng,
                    &act.category,
                    site,
                    placed,
                    kg,
                    parcels,
                    false,
                );
            }
        }
        let total_floor = self.home_cumulative.last().copied().unwrap_or(0.0);
        if total_floor > 0.0 {
            let eco = &sc.ecommerce;
            for _ in 0..poisson(&mut rng, self.ecommerce_weekly * eco_share) {
                let x = rng.random_range(0.0..total_floor);
                let k = self
                    .home_cumulative
                    .partition_point(|&c| c <= x)
                    .min(self.homes.len() - 1);
                let to_pickup = rng.random::<f64>() >= eco.home_delivery_share;
                let (site, home) = match (to_pickup, self.nearest_pickup[k]) {
                    (true, Some(p)) => (p, false),
                    _ => (self.homes[k], true),
                };
                let placed = rng.random_range(0.0..86_400.0);
                let parcels = 1 + poisson(&mut rng, eco.parcels_per_order_mean - 1.0);
                let kg = gamma2(&mut rng, eco.kg_per_parcel_mean) * f64::from(parcels);
                push(
                    &mut orders,
                    &mut rng,
                    PARCEL,
                    site,
                    placed,
                    kg,
                    parcels,
                    home,
                );
            }
        }
        super::public::push_public_orders(sc, sites, &self.public, day, &mut orders);
        orders
    }
}

/// The delivering-day window of an order of `category` placed on `day` at `placed_at_s`.
/// The `n`-th order of day `day`: its carrier drawn from the category's shares with `u`, its
/// window from the lead-time rule, its mass rounded to 0.1 kg (at least 0.1).
#[allow(clippy::too_many_arguments)]
pub(super) fn new_order(
    sc: &Scenario,
    (day, n): (u32, usize),
    category: &str,
    u: f64,
    site: SiteId,
    placed_at_s: f64,
    (kg, parcels): (f64, u32),
    home: bool,
) -> Order {
    let carrier = sc.carrier_for(category, u).expect("validated shares");
    let (earliest_day, latest_day) = window(sc, category, day, placed_at_s);
    Order {
        id: format!("d{day}-{n}"),
        category: category.to_owned(),
        carrier,
        site,
        placed_day: day,
        placed_at_s,
        earliest_day,
        latest_day,
        kg: (kg * 10.0).round().max(1.0) / 10.0,
        parcels,
        home,
    }
}

pub(crate) fn window(sc: &Scenario, category: &str, day: u32, placed_at_s: f64) -> (u32, u32) {
    let counts = day + u32::from(placed_at_s > sc.horizon.cutoff_s);
    let rule = &sc.rules[category];
    (
        sc.horizon.nth_delivering_after(counts, rule.min_days),
        sc.horizon.nth_delivering_after(counts, rule.max_days),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_after_the_cutoff_counts_as_placed_the_next_day() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/scenarios/lorient-baseline.toml");
        let sc = crate::scenario::load(&path).unwrap();
        // Monday 17:00: delivered Tuesday under 24h; Monday 19:00 counts as Tuesday: Wednesday.
        assert_eq!(window(&sc, PARCEL, 0, 17.0 * 3600.0), (1, 1));
        assert_eq!(window(&sc, PARCEL, 0, 19.0 * 3600.0), (2, 2));
        // Saturday 19:00 counts as Sunday, not delivering: Monday.
        assert_eq!(window(&sc, PARCEL, 5, 19.0 * 3600.0), (7, 7));
    }

    #[test]
    fn the_same_day_draws_the_same_orders() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/scenarios/lorient-baseline.toml");
        let sc = crate::scenario::load(&path).unwrap();
        let sites: Vec<Site> = (0..20)
            .map(|i| Site {
                id: super::super::SiteId(i),
                kind: if i < 10 {
                    SiteKind::Home
                } else {
                    SiteKind::Establishment(2)
                },
                source: String::new(),
                name: String::new(),
                position: crate::units::LonLat::new(-3.36 + f64::from(i) * 1e-4, 47.75),
                floor_m2: 100.0,
                receive: (0.0, 86_400.0),
            })
            .collect();
        let model = DemandModel::new(&sc, &sites);
        let a = model.orders_for_day(&sites, 3);
        assert_eq!(a, model.orders_for_day(&sites, 3));
        assert_ne!(a, model.orders_for_day(&sites, 4));
        assert!(!a.is_empty());
    }
}
