//! The demand's two published checks: B2B movements per job per week (≈ 1, FRETURB / ETMV)
//! and e-commerce parcels per inhabitant per year (≈ 15, ADEME 2023), and the inhabitants
//! e-commerce is drawn for when the scenario does not give them.

use super::sites::SiteKind;
use super::{Order, Site};
use crate::scenario::{PARCEL, Scenario};
use serde::Serialize;

/// m² of home floor (footprint × levels) of `sites`.
pub fn home_floor_m2(sites: &[Site]) -> f64 {
    sites
        .iter()
        .filter(|s| s.kind == SiteKind::Home)
        .map(|s| s.floor_m2)
        .sum()
}

/// The inhabitants e-commerce is drawn for, and where the figure comes from: the scenario's
/// `demand.inhabitants` when given, otherwise the homes' floor area divided by the e-commerce
/// table's floor per inhabitant.
pub fn inhabitants(sc: &Scenario, sites: &[Site]) -> (f64, String) {
    match sc.demand.inhabitants {
        Some(n) => (n, "the scenario's demand.inhabitants".to_owned()),
        None => {
            let floor = home_floor_m2(sites);
            let per = sc.ecommerce.floor_m2_per_inhabitant;
            (
                (floor / per).round(),
                format!(
                    "{:.0} m² of home floor on the map (footprint x levels) / {per} m² per inhabitant ({})",
                    floor, sc.ecommerce.floor_m2_per_inhabitant_source
                ),
            )
        }
    }
}

/// Jobs of the map's establishments: the employees the activities table assumes for each.
pub fn jobs(sc: &Scenario, sites: &[Site]) -> f64 {
    sites
        .iter()
        .filter_map(|s| match s.kind {
            SiteKind::Establishment(a) => Some(sc.activities[a].employees),
            _ => None,
        })
        .sum()
}

/// The demand of a window set against the published ratios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DemandRatios {
    /// Jobs of the map's establishments.
    pub jobs: f64,
    /// Where the jobs come from.
    pub jobs_source: String,
    /// B2B movements in the window: deliveries to establishments / their delivery share.
    pub b2b_movements: f64,
    /// Weeks of B2B demand in the window (the sum of its days' weekday shares).
    pub b2b_weeks: f64,
    /// Movements per job per week.
    pub movements_per_job_week: f64,
    /// The published figure.
    pub movements_per_job_week_published: f64,
    /// Its source.
    pub movements_per_job_week_source: String,
    /// Inhabitants e-commerce is drawn for.
    pub inhabitants: f64,
    /// Where the inhabitants come from.
    pub inhabitants_source: String,
    /// E-commerce parcels placed in the window.
    pub parcels: u64,
    /// Weeks of e-commerce demand in the window.
    pub ecommerce_weeks: f64,
    /// Parcels per inhabitant per year.
    pub parcels_per_inhabitant_year: f64,
    /// The published figure.
    pub parcels_per_inhabitant_year_published: f64,
    /// Its source.
    pub parcels_per_inhabitant_year_source: String,
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl DemandRatios {
    /// The ratios of `orders`, placed on the calendar days `days`.
    pub fn of<'a>(
        sc: &Scenario,
        sites: &[Site],
        orders: impl Iterator<Item = &'a Order>,
        days: std::ops::Range<u32>,
    ) -> Self {
        let (mut b2b_weeks, mut ecommerce_weeks) = (0.0, 0.0);
        for day in days {
            let weekday = sc.horizon.date(day).weekday().to_monday_zero_offset() as usize;
            b2b_weeks += sc.weekday_shares[weekday].0;
            ecommerce_weeks += sc.weekday_shares[weekday].1;
        }
        let (mut b2b_movements, mut parcels) = (0.0, 0u64);
        for o in orders {
            match sites[o.site.0 as usize].kind {
                SiteKind::Establishment(a) => {
                    let share = sc.activities[a].delivery_share;
                    if share > 0.0 {
                        b2b_movements += 1.0 / share;
                    }
                }
                _ if o.category == PARCEL => parcels += u64::from(o.parcels),
                _ => {}
            }
        }
        let jobs = jobs(sc, sites);
        let (inhabitants, inhabitants_source) = inhabitants(sc, sites);
        let per = |x: f64, d: f64| if d > 0.0 { r3(x / d) } else { 0.0 };
        DemandRatios {
            jobs,
            jobs_source: "employees per establishment assumed by data/demand/activities.csv, summed over the map's establishments".into(),
            b2b_movements: r3(b2b_movements),
            b2b_weeks: r3(b2b_weeks),
            movements_per_job_week: per(b2b_movements, jobs * b2b_weeks),
            movements_per_job_week_published: sc.ecommerce.movements_per_job_week_published,
            movements_per_job_week_source: sc.ecommerce.movements_per_job_week_source.clone(),
            inhabitants,
            inhabitants_source,
            parcels,
            ecommerce_weeks: r3(ecommerce_weeks),
            parcels_per_inhabitant_year: per(parcels as f64 * 365.0 / 7.0, inhabitants * ecommerce_weeks),
            parcels_per_inhabitant_year_published: sc.ecommerce.parcels_per_inhabitant_year,
            parcels_per_inhabitant_year_source: sc.ecommerce.parcels_per_inhabitant_year_source.clone(),
        }
    }
}
