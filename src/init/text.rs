//! The scenario text `init` writes: today's practice, each inferred value marked as such.

use super::{DepotChoice, Sizing};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A carrier `init` writes: who it serves and with what.
#[derive(Clone, Copy, Debug)]
pub struct CarrierPlan {
    /// Name.
    pub name: &'static str,
    /// The order categories it carries (all of each).
    pub categories: &'static [&'static str],
    /// Its rigid truck type, for B2B carriers (none for parcels).
    pub truck: Option<&'static str>,
    /// Shift.
    pub shift: (&'static str, &'static str),
}

/// The carriers of every scenario `init` writes, as in the Lorient scenarios: a parcels
/// carrier with vans, a general-freight and a food-supply carrier with rigid trucks and vans.
pub const CARRIERS: [CarrierPlan; 3] = [
    CarrierPlan {
        name: "parcels",
        categories: &["parcel"],
        truck: None,
        shift: ("08:00", "18:00"),
    },
    CarrierPlan {
        name: "general-freight",
        categories: &["retail", "office"],
        truck: Some("rigid_12t"),
        shift: ("06:00", "15:00"),
    },
    CarrierPlan {
        name: "food-supply",
        categories: &["perishable", "restaurant", "pharmacy"],
        truck: Some("rigid_7_5t"),
        shift: ("05:00", "14:00"),
    },
];

/// A carrier's fleet and how it was sized.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetPlan {
    /// Diesel vans.
    pub vans: u32,
    /// Rigid trucks (of the carrier's truck type).
    pub trucks: u32,
    /// The busiest sampled day's orders.
    pub peak_orders: f64,
    /// How, one line (empty for the draft's placeholder).
    pub reason: String,
}

impl FleetPlan {
    /// One van and one truck: the draft's fleet, only read for its sites and demand.
    pub fn placeholder() -> FleetPlan {
        FleetPlan {
            vans: 1,
            trucks: 1,
            peak_orders: 0.0,
            reason: String::new(),
        }
    }

    /// The fleet of `plan` for `peak` orders on its busiest day.
    pub fn size(plan: &CarrierPlan, peak: f64, s: &Sizing) -> FleetPlan {
        match plan.truck {
            None => {
                let vans = s.vehicles(peak, s.parcel_stops_per_van_day);
                FleetPlan {
                    vans,
                    trucks: 0,
                    peak_orders: peak,
                    reason: format!(
                        "inferred: {peak:.0} orders on the busiest of {} sampled days x {} margin / {} stops per van-day",
                        s.sample_days, s.peak_margin, s.parcel_stops_per_van_day
                    ),
                }
            }
            Some(_) => {
                let total = s.vehicles(peak, s.b2b_stops_per_vehicle_day).max(2);
                let trucks = ((f64::from(total) * s.truck_share_b2b).round() as u32).max(1);
                FleetPlan {
                    vans: (total - trucks).max(1),
                    trucks,
                    peak_orders: peak,
                    reason: format!(
                        "inferred: {peak:.0} orders on the busiest of {} sampled days x {} margin / {} stops per vehicle-day, {} of them trucks",
                        s.sample_days,
                        s.peak_margin,
                        s.b2b_stops_per_vehicle_day,
                        s.truck_share_b2b
                    ),
                }
            }
        }
    }
}

/// Everything the scenario text is made of.
#[derive(Clone, Debug)]
pub struct Draft {
    /// Scenario name.
    pub name: String,
    /// The extract, relative to the scenario file.
    pub osm: PathBuf,
    /// The measured zone, relative to the scenario file.
    pub zone: Option<PathBuf>,
    /// Inhabitants and where the figure comes from (absent in the first draft).
    pub inhabitants: Option<(f64, String)>,
    /// Per carrier of [`CARRIERS`]: depot and fleet.
    pub carriers: Vec<(DepotChoice, FleetPlan)>,
    /// The sizing parameters.
    pub sizing: Sizing,
    /// What to say of the sites no van reaches (`None`: every site is reached).
    pub off_network: Option<String>,
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A path as TOML writes it, with `/` separators.
fn path_text(p: &std::path::Path) -> String {
    quoted(&p.to_string_lossy().replace('\\', "/"))
}

impl Draft {
    /// The scenario file.
    pub fn text(&self) -> String {
        let mut t = String::new();
        let w = &mut t;
        let _ = writeln!(
            w,
            "# Written by `freightsim init` from {}: today's practice (next-day delivery, every",
            self.osm.display()
        );
        let _ = writeln!(
            w,
            "# order dispatched at once). Values marked `inferred` were chosen by init, with how;"
        );
        let _ = writeln!(
            w,
            "# replace them with the city's own figures where known. Fields: docs/scenario.md."
        );
        let _ = writeln!(w, "name = {}", quoted(&self.name));
        let _ = writeln!(
            w,
            "description = {}",
            quoted(&format!(
                "{}: B2B resupply of the map's establishments and e-commerce parcels to its homes, next-day delivery, every order dispatched at once (scenario written by freightsim init).",
                self.name
            ))
        );
        let _ = writeln!(w, "osm = {}", path_text(&self.osm));
        let _ = writeln!(w, "seed = 1\n");
        let _ = writeln!(w, "[horizon]");
        let _ = writeln!(
            w,
            "start = \"2025-03-03\"            # a Monday of an ordinary month [assumption, as the Lorient scenarios]"
        );
        let _ = writeln!(w, "days = 28");
        let _ = writeln!(
            w,
            "delivering_weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]"
        );
        let _ = writeln!(w, "warm_up_days = 3");
        let _ = writeln!(
            w,
            "cutoff = \"18:00\"                # orders placed later count as placed the next day [assumption]\n"
        );
        let _ = writeln!(w, "[demand]");
        if let Some((n, why)) = &self.inhabitants {
            let _ = writeln!(w, "# {why}");
            let _ = writeln!(w, "inhabitants = {n:.0}");
        }
        if let Some(note) = &self.off_network {
            let _ = writeln!(w, "# note: {note}");
        }
        let _ = writeln!(w, "b2b = true");
        let _ = writeln!(w, "ecommerce = true\n");
        let _ = writeln!(
            w,
            "[lead_time]                     # today's practice: next day for everything"
        );
        for plan in CARRIERS {
            for c in plan.categories {
                let _ = writeln!(w, "{c} = \"24h\"");
            }
        }
        let _ = writeln!(w, "\n[dispatch]\npolicy = \"immediate\"\n");
        let _ = writeln!(w, "[routing]\niterations = 300\n");
        let s = &self.sizing;
        let _ = writeln!(
            w,
            "# Fleets sized from {} sampled days of this scenario's own demand (data/init/fleet_sizing.csv):",
            s.sample_days
        );
        let _ = writeln!(
            w,
            "#   parcel vans: {} stops per van-day ({})",
            s.parcel_stops_per_van_day,
            s.source("parcel_stops_per_van_day")
        );
        let _ = writeln!(
            w,
            "#   B2B vehicles: {} stops per vehicle-day ({})",
            s.b2b_stops_per_vehicle_day,
            s.source("b2b_stops_per_vehicle_day")
        );
        for (plan, (depot, fleet)) in CARRIERS.iter().zip(&self.carriers) {
            let _ = writeln!(w, "\n[[carrier]]");
            let _ = writeln!(w, "name = {}", quoted(plan.name));
            if !depot.reason.is_empty() {
                let _ = writeln!(w, "# depot {}", depot.reason);
            }
            let _ = writeln!(
                w,
                "depot = {{ name = {}, lon = {:.6}, lat = {:.6} }}",
                quoted(&depot.name),
                depot.position.lon,
                depot.position.lat
            );
            let shares: Vec<String> = plan
                .categories
                .iter()
                .map(|c| format!("{c} = 1.0"))
                .collect();
            let _ = writeln!(w, "shares = {{ {} }}", shares.join(", "));
            if !fleet.reason.is_empty() {
                let _ = writeln!(w, "# fleet {}", fleet.reason);
            }
            let mut items = Vec::new();
            if let Some(truck) = plan.truck
                && fleet.trucks > 0
            {
                items.push(format!(
                    "{{ vehicle = \"{truck}\", count = {} }}",
                    fleet.trucks
                ));
            }
            items.push(format!(
                "{{ vehicle = \"diesel_van\", count = {} }}",
                fleet.vans
            ));
            let _ = writeln!(w, "fleet = [{}]", items.join(", "));
            let _ = writeln!(
                w,
                "shift = [\"{}\", \"{}\"]              # [assumption, as the Lorient scenarios]",
                plan.shift.0, plan.shift.1
            );
        }
        if let Some(zone) = &self.zone {
            let _ = writeln!(
                w,
                "\n# The zone given with --zone, measured only (no rule): vehicle-km, entries and hours inside."
            );
            let _ = writeln!(
                w,
                "[[zone]]\nname = \"zone\"\ngeojson = {}",
                path_text(zone)
            );
        }
        t
    }
}
