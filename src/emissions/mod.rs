//! `emissions`: energy, CO₂e (tank-to-wheel and well-to-wheel), NOx and PM of each trip,
//! leg by leg with the load carried on that leg, and their allocation to the orders on
//! board as ISO 14083 does.
//!
//! A leg's energy is its km times the vehicle class's energy per km at the leg's load share,
//! linear between empty and full ([`VehicleFactors::energy_per_km`]), times the class's
//! speed multiplier at the leg's average speed when it has one ([`speed`], COPERT; NOx
//! alike), plus a per-stop term for starting again after each delivery stop; CO₂e is energy times
//! the energy carrier's factor (its chosen variant). NOx and PM are per km. A trip's legs
//! include the depot's access leg (it is part of the first and last leg's distance), and a
//! failed delivery attempt keeps its parcel on board to the end of the trip.
//!
//! Allocation ([`allocate`]): an order's share of its trip is its mass times the shortest
//! feasible network distance from the trip's depot to its site, over the trip's sum (ISO
//! 14083 §5.6 with shortest feasible distance: the detours of a multi-drop round are spread
//! over every order on it, not charged to the last one). Shares add up to one.

mod allocate;
pub mod factors;
pub mod speed;

pub use allocate::allocate;
pub use factors::{EmissionClass, EnergyCarrier, VehicleFactors};
pub use speed::{SpeedCurve, SpeedModel};

use serde::Serialize;
use std::ops::AddAssign;

/// One leg of a trip: its length and the load on board while it is driven.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leg {
    /// Length, km.
    pub km: f64,
    /// Load on board, kg.
    pub load_kg: f64,
    /// Average driving speed, km/h (`None`: unknown, the per-km values apply as they are).
    pub kmh: Option<f64>,
}

/// What a trip (or a share of it, or a sum of them) emits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Emissions {
    /// Energy, in the vehicle's unit (litres, kWh or kg; sums mix units only per class).
    pub energy: f64,
    /// Tank-to-wheel kg CO₂e.
    pub co2e_ttw_kg: f64,
    /// Well-to-wheel kg CO₂e.
    pub co2e_wtw_kg: f64,
    /// NOx, g.
    pub nox_g: f64,
    /// Exhaust PM, g.
    pub pm_exhaust_g: f64,
    /// Non-exhaust PM10, g.
    pub pm_non_exhaust_g: f64,
}

impl Emissions {
    /// Every quantity times `k`.
    pub fn scaled(&self, k: f64) -> Emissions {
        Emissions {
            energy: self.energy * k,
            co2e_ttw_kg: self.co2e_ttw_kg * k,
            co2e_wtw_kg: self.co2e_wtw_kg * k,
            nox_g: self.nox_g * k,
            pm_exhaust_g: self.pm_exhaust_g * k,
            pm_non_exhaust_g: self.pm_non_exhaust_g * k,
        }
    }

    /// Exhaust and non-exhaust PM, g.
    pub fn pm_g(&self) -> f64 {
        self.pm_exhaust_g + self.pm_non_exhaust_g
    }
}

impl AddAssign for Emissions {
    fn add_assign(&mut self, o: Emissions) {
        self.energy += o.energy;
        self.co2e_ttw_kg += o.co2e_ttw_kg;
        self.co2e_wtw_kg += o.co2e_wtw_kg;
        self.nox_g += o.nox_g;
        self.pm_exhaust_g += o.pm_exhaust_g;
        self.pm_non_exhaust_g += o.pm_non_exhaust_g;
    }
}

/// Emissions of driving `legs` with a vehicle of `factors` and `payload_kg`.
pub fn trip(factors: &VehicleFactors, payload_kg: f64, legs: &[Leg]) -> Emissions {
    let mut e = Emissions::default();
    for leg in legs {
        let fill = if payload_kg > 0.0 {
            leg.load_kg / payload_kg
        } else {
            0.0
        };
        let at = |c: &Option<SpeedCurve>| match (c, leg.kmh) {
            (Some(c), Some(v)) if v > 0.0 => c.multiplier(v),
            _ => 1.0,
        };
        let energy = leg.km * factors.energy_per_km(fill) * at(&factors.speed.energy);
        e += Emissions {
            energy,
            co2e_ttw_kg: energy * factors.ttw_per_unit,
            co2e_wtw_kg: energy * factors.wtw_per_unit,
            nox_g: leg.km * factors.nox_g_per_km * at(&factors.speed.nox),
            pm_exhaust_g: leg.km * factors.pm_exhaust_g_per_km,
            pm_non_exhaust_g: leg.km * factors.pm_non_exhaust_g_per_km,
        };
    }
    // Every leg but the last ends at a delivery stop; starting again costs the stop term.
    if factors.speed.energy.is_some() && factors.speed.energy_per_stop > 0.0 {
        let energy = factors.speed.energy_per_stop * legs.len().saturating_sub(1) as f64;
        e += Emissions {
            energy,
            co2e_ttw_kg: energy * factors.ttw_per_unit,
            co2e_wtw_kg: energy * factors.wtw_per_unit,
            ..Emissions::default()
        };
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diesel_van() -> VehicleFactors {
        VehicleFactors {
            class: "diesel_van".into(),
            carrier: "diesel (arrete_2017)".into(),
            energy_carrier: "diesel".into(),
            unit: "L".into(),
            energy_empty_per_km: 0.09,
            energy_full_per_km: 0.11,
            ttw_per_unit: 2.51,
            wtw_per_unit: 3.17,
            nox_g_per_km: 0.5,
            pm_exhaust_g_per_km: 0.0045,
            pm_non_exhaust_g_per_km: 0.029,
            source: String::new(),
            speed: SpeedModel::default(),
        }
    }

    #[test]
    fn two_stop_trip_by_hand() {
        // 1000 kg payload; leave with 600 kg, drop 400 kg after 2 km, 200 kg after 1 km more,
        // return empty over 3 km.
        let legs = [
            Leg {
                km: 2.0,
                load_kg: 600.0,
                kmh: None,
            },
            Leg {
                km: 1.0,
                load_kg: 200.0,
                kmh: None,
            },
            Leg {
                km: 3.0,
                load_kg: 0.0,
                kmh: None,
            },
        ];
        let e = trip(&diesel_van(), 1000.0, &legs);
        // 2 × (0.09 + 0.02 × 0.6) + 1 × (0.09 + 0.02 × 0.2) + 3 × 0.09 = 0.204 + 0.094 + 0.27
        let litres = 0.568;
        assert!((e.energy - litres).abs() < 1e-12);
        assert!((e.co2e_ttw_kg - litres * 2.51).abs() < 1e-12);
        assert!((e.co2e_wtw_kg - litres * 3.17).abs() < 1e-12);
        assert!((e.nox_g - 3.0).abs() < 1e-12);
        assert!((e.pm_g() - 6.0 * 0.0335).abs() < 1e-12);
    }

    #[test]
    fn electric_van_has_no_tailpipe() {
        let f = VehicleFactors {
            class: "e_van".into(),
            carrier: "electricity (arrete_2017)".into(),
            energy_carrier: "electricity".into(),
            unit: "kWh".into(),
            energy_empty_per_km: 0.19,
            energy_full_per_km: 0.213,
            ttw_per_unit: 0.0,
            wtw_per_unit: 0.048,
            nox_g_per_km: 0.0,
            pm_exhaust_g_per_km: 0.0,
            pm_non_exhaust_g_per_km: 0.029,
            source: String::new(),
            speed: SpeedModel::default(),
        };
        // Full (600 kg of 600) for 5 km, then empty for 5 km.
        let e = trip(
            &f,
            600.0,
            &[
                Leg {
                    km: 5.0,
                    load_kg: 600.0,
                    kmh: None,
                },
                Leg {
                    km: 5.0,
                    load_kg: 0.0,
                    kmh: None,
                },
            ],
        );
        let kwh = 5.0 * 0.213 + 5.0 * 0.19;
        assert!((e.energy - kwh).abs() < 1e-12);
        assert_eq!(e.co2e_ttw_kg, 0.0);
        assert!((e.co2e_wtw_kg - kwh * 0.048).abs() < 1e-12);
        assert_eq!(e.nox_g, 0.0);
        assert!((e.pm_non_exhaust_g - 0.29).abs() < 1e-12);
    }

    #[test]
    fn overload_is_clamped_to_full() {
        let f = diesel_van();
        assert_eq!(f.energy_per_km(1.7), f.energy_full_per_km);
        assert_eq!(f.energy_per_km(-0.1), f.energy_empty_per_km);
    }

    #[test]
    fn no_km_emits_less_than_the_floor_at_any_load_or_speed() {
        let mut f = diesel_van();
        f.speed.energy = Some(speed::test_van_curve());
        let floor = f.min_wtw_kg_per_km();
        // The table's values alone would be no floor at town speeds.
        assert!(floor < f.wtw_kg_per_km(0.0) * 0.7);
        for kmh in [3.0, 9.0, 20.0, 35.0, 52.0, 70.0, 90.0, 130.0, 160.0] {
            for load_kg in [0.0, 250.0, 1000.0] {
                let leg = Leg {
                    km: 2.0,
                    load_kg,
                    kmh: Some(kmh),
                };
                let e = trip(&f, 1000.0, &[leg]);
                assert!(e.co2e_wtw_kg / 2.0 >= floor, "{kmh} km/h, {load_kg} kg");
            }
        }
    }
}
