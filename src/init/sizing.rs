//! The fleet-sizing table (`data/init/fleet_sizing.csv`): how many vehicles `init` gives a
//! carrier for the demand it expects, each parameter with its source.

use serde::Deserialize;

const EMBEDDED: &str = include_str!("../../data/init/fleet_sizing.csv");

#[derive(Deserialize)]
struct Row {
    parameter: String,
    value: f64,
    #[allow(dead_code)]
    unit: String,
    source: String,
}

/// The parameters, read from the embedded table.
#[derive(Clone, Debug, PartialEq)]
pub struct Sizing {
    /// Parcel stops a van makes in a day.
    pub parcel_stops_per_van_day: f64,
    /// B2B stops a vehicle makes in a day.
    pub b2b_stops_per_vehicle_day: f64,
    /// Share of a B2B carrier's vehicles that are rigid trucks.
    pub truck_share_b2b: f64,
    /// Head-room over the busiest sampled day.
    pub peak_margin: f64,
    /// Days of orders drawn to size the fleets.
    pub sample_days: u32,
    /// Per parameter: its source, as the table gives it.
    pub sources: Vec<(String, String)>,
}

impl Sizing {
    /// The shipped table.
    ///
    /// # Panics
    /// The embedded table lacks a parameter or holds an impossible value (a build defect,
    /// caught by this module's test).
    pub fn shipped() -> Sizing {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(EMBEDDED.as_bytes());
        let rows: Vec<Row> = reader
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("data/init/fleet_sizing.csv is well formed");
        let get = |name: &str| {
            let row = rows
                .iter()
                .find(|r| r.parameter == name)
                .unwrap_or_else(|| panic!("data/init/fleet_sizing.csv lacks {name}"));
            assert!(
                row.value.is_finite() && row.value > 0.0,
                "data/init/fleet_sizing.csv: {name} must be positive"
            );
            row.value
        };
        Sizing {
            parcel_stops_per_van_day: get("parcel_stops_per_van_day"),
            b2b_stops_per_vehicle_day: get("b2b_stops_per_vehicle_day"),
            truck_share_b2b: get("truck_share_b2b").min(1.0),
            peak_margin: get("peak_margin"),
            sample_days: get("sample_days") as u32,
            sources: rows
                .iter()
                .map(|r| (r.parameter.clone(), r.source.clone()))
                .collect(),
        }
    }

    /// The source the table gives for `parameter` (empty when absent).
    pub fn source(&self, parameter: &str) -> &str {
        self.sources
            .iter()
            .find(|(p, _)| p == parameter)
            .map_or("", |(_, s)| s.as_str())
    }

    /// Vehicles for `stops` a day at `per_vehicle` stops each, with the margin; at least one.
    pub fn vehicles(&self, stops: f64, per_vehicle: f64) -> u32 {
        ((stops * self.peak_margin / per_vehicle).ceil() as u32).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_reads_with_sources() {
        let s = Sizing::shipped();
        assert_eq!(s.parcel_stops_per_van_day, 120.0);
        assert_eq!(s.b2b_stops_per_vehicle_day, 12.0);
        assert_eq!(s.sample_days, 14);
        assert!(s.source("parcel_stops_per_van_day").contains("McKinnon"));
        for (p, src) in &s.sources {
            assert!(!src.is_empty(), "{p} has no source");
        }
    }

    #[test]
    fn vehicles_cover_the_peak_with_margin() {
        let s = Sizing::shipped();
        // 300 parcel stops × 1.25 / 120 = 3.125 → 4 vans.
        assert_eq!(s.vehicles(300.0, 120.0), 4);
        assert_eq!(s.vehicles(0.0, 120.0), 1);
    }
}
