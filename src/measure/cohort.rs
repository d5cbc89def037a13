//! The cohort: the orders placed in the measured window, followed to their delivery.

use super::Attributed;
use crate::scenario::{PARCEL, Scenario};
use crate::simulation::{OrderState, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether an order placed on `placed_day` belongs to the cohort of `sc`: placed after the
/// warm-up, on a day of orders.
pub fn in_cohort(sc: &Scenario, placed_day: u32) -> bool {
    placed_day >= sc.horizon.warm_up_days && placed_day < sc.horizon.days
}

/// The cohort's figures: its orders and what their trips did on their behalf.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CohortTotals {
    /// The cohort in one sentence.
    pub definition: String,
    /// First day of orders in it (the first after the warm-up).
    pub placed_from_day: u32,
    /// Last day of orders in it.
    pub placed_to_day: u32,
    /// Last day on which one of its orders was delivered (tail days included).
    pub last_delivery_day: u32,
    /// A fingerprint of its order ids (FNV-1a of the sorted ids): equal fingerprints, same
    /// orders.
    pub fingerprint: String,
    /// Orders in it.
    pub orders: usize,
    /// Of which delivered in their window.
    pub delivered: usize,
    /// Delivered after their window.
    pub late: usize,
    /// Never delivered.
    pub unassigned: usize,
    /// Unassigned orders by reason.
    pub unassigned_reasons: BTreeMap<String, usize>,
    /// Failed first attempts.
    pub failed_attempts: usize,
    /// E-commerce parcel orders (category `parcel`).
    pub ecommerce_orders: usize,
    /// Their parcels.
    pub ecommerce_parcels: u64,
    /// Other orders (B2B and public buyers' deliveries).
    pub b2b_orders: usize,
    /// Their cases (the `parcels` of those orders).
    pub b2b_cases: u64,
    /// Mass of the cohort's orders, kg.
    pub kg: f64,
    /// What the trips did on the cohort's behalf.
    #[serde(flatten)]
    pub attributed: Attributed,
    /// Well-to-wheel g CO₂e per e-commerce parcel (e-commerce orders' CO₂e over their parcels).
    pub co2e_wtw_g_per_ecommerce_parcel: f64,
    /// Orders of the cohort that reached the consolidation centre.
    pub ucc_orders: usize,
    /// Their mass, kg.
    pub ucc_kg: f64,
    /// The centre's fees on them, EUR.
    pub ucc_fees_eur: f64,
    /// The centre's handling emissions on them, kg CO₂e WTW.
    pub ucc_handling_co2e_kg: f64,
}

pub(crate) fn fnv1a(ids: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The cohort of a run: `orders` and `attributed` (one per order, [`super::attribute`]).
pub fn cohort_totals(
    sc: &Scenario,
    orders: &[OrderState],
    attributed: &[Attributed],
) -> CohortTotals {
    let warm = sc.horizon.warm_up_days;
    let mut c = CohortTotals {
        definition: format!(
            "the orders placed on days {warm} to {} (after the {warm} warm-up days), each followed to its delivery, with the km, hours, cost and emissions of the trips that carried them attributed by ISO 14083 shares (mass x network distance)",
            sc.horizon.days.saturating_sub(1)
        ),
        placed_from_day: warm,
        placed_to_day: sc.horizon.days.saturating_sub(1),
        ..CohortTotals::default()
    };
    let mut ids = Vec::new();
    let mut ecommerce_co2e = 0.0;
    for (st, a) in orders.iter().zip(attributed) {
        let o = &st.order;
        if !in_cohort(sc, o.placed_day) {
            continue;
        }
        ids.push(o.id.as_str());
        c.orders += 1;
        match &st.status {
            Status::Delivered => c.delivered += 1,
            Status::Late => c.late += 1,
            Status::Unassigned(r) => {
                c.unassigned += 1;
                *c.unassigned_reasons.entry(r.clone()).or_insert(0) += 1;
            }
            Status::Open => {}
        }
        if let Some(d) = st.delivered_day {
            c.last_delivery_day = c.last_delivery_day.max(d);
        }
        c.failed_attempts += st.failed_attempts as usize;
        if o.category == PARCEL {
            c.ecommerce_orders += 1;
            c.ecommerce_parcels += u64::from(o.parcels);
            ecommerce_co2e += a.co2e_wtw_kg;
        } else {
            c.b2b_orders += 1;
            c.b2b_cases += u64::from(o.parcels);
        }
        c.kg += o.kg;
        c.attributed += *a;
        if let (Some(u), Some(_)) = (&sc.ucc, st.at_ucc) {
            c.ucc_orders += 1;
            c.ucc_kg += o.kg;
            c.ucc_fees_eur += u.fee_eur_per_order + o.kg / 100.0 * u.fee_eur_per_100kg;
            c.ucc_handling_co2e_kg += o.kg / 1000.0 * u.handling_kg_co2e_per_tonne;
        }
    }
    ids.sort_unstable();
    c.fingerprint = fnv1a(&ids);
    c.co2e_wtw_g_per_ecommerce_parcel = if c.ecommerce_parcels > 0 {
        r3(1000.0 * ecommerce_co2e / c.ecommerce_parcels as f64)
    } else {
        0.0
    };
    c.attributed = c.attributed.rounded();
    c.kg = r3(c.kg);
    c.ucc_kg = r3(c.ucc_kg);
    c.ucc_fees_eur = r3(c.ucc_fees_eur);
    c.ucc_handling_co2e_kg = r3(c.ucc_handling_co2e_kg);
    c
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
