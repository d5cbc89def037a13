//! VRPLIB `.vrp` files: CVRPLIB's CVRP, and PyVRP's dialect for heterogeneous fleets (HFVRP)
//! and multi-trip VRPTW with release dates (MTVRPTWR).
//!
//! A file is a list of specifications (`KEY : value`) and data sections (`KEY_SECTION` then
//! rows `id values...`). The `TYPE` selects the measuring conventions, which the files do not
//! state but the published costs imply (checked against every `.sol` file's `Cost` line):
//!
//! | `TYPE` | distance of an edge | times | costs |
//! |---|---|---|---|
//! | `CVRP` (or absent) | TSPLIB `nint` of the Euclidean distance | as given | distance |
//! | `HFVRP` | unrounded Euclidean | as given | file costs / 100 (stored x100) |
//! | `MTVRPTWR` | `trunc(10 x Euclidean)` (DIMACS) | x10 | distance, in those units |
//!
//! Durations equal distances. Only `EDGE_WEIGHT_TYPE : EUC_2D` and one depot are read.
//! Fleet: per-vehicle `CAPACITY_SECTION`, `VEHICLES_FIXED_COST_SECTION`,
//! `VEHICLES_UNIT_DISTANCE_COST_SECTION`, `VEHICLES_RELOAD_DEPOT_SECTION` (a vehicle listed
//! there may make any number of trips, reloading at the listed depots),
//! `VEHICLES_MAX_DURATION` / `VEHICLES_MAX_DISTANCE` (specification or section); else a
//! homogeneous `CAPACITY` with `VEHICLES` vehicles (default: one per client, i.e. unlimited).
//! Identical vehicles are grouped into one [`crate::routing::VehicleType`].

mod sections;

use super::text::MAX_NODES;
use super::{Format, Instance, InstanceError, euclidean_matrix};
use crate::routing::{Depot, Objective, Order, Priority, Problem, TimeWindow, VehicleType};
use crate::units::{Meters, Seconds};
use sections::Vrplib;
use std::path::Path;

/// Measuring conventions selected by the file's `TYPE` (see the module table).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Dialect {
    Cvrp,
    Hfvrp,
    Mtvrptwr,
}

impl Dialect {
    pub(crate) fn distance(self, euclidean: f64) -> f64 {
        match self {
            Self::Cvrp => euclidean.round(),
            Self::Hfvrp => euclidean,
            Self::Mtvrptwr => (10.0 * euclidean).trunc(),
        }
    }
    pub(crate) fn time_scale(self) -> f64 {
        if self == Self::Mtvrptwr { 10.0 } else { 1.0 }
    }
    pub(crate) fn cost_divisor(self) -> f64 {
        if self == Self::Hfvrp { 100.0 } else { 1.0 }
    }
}

/// One vehicle of the file, before grouping into types.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FileVehicle {
    pub(crate) capacity: i64,
    pub(crate) fixed_cost: f64,
    pub(crate) unit_cost: f64,
    pub(crate) reload_depots: Vec<usize>,
    pub(crate) max_duration: Option<f64>,
    pub(crate) max_distance: Option<f64>,
}

/// Parses the text of a VRPLIB file read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Instance, InstanceError> {
    let file = Vrplib::split(path, text)?;
    let dialect = match file.specs.get("TYPE") {
        None => Dialect::Cvrp,
        Some(s) => match s.value.to_ascii_uppercase().as_str() {
            "CVRP" => Dialect::Cvrp,
            "HFVRP" => Dialect::Hfvrp,
            "MTVRPTWR" => Dialect::Mtvrptwr,
            _ => return Err(file.unsupported("TYPE", "supported types: CVRP, HFVRP, MTVRPTWR")),
        },
    };
    match file.specs.get("EDGE_WEIGHT_TYPE") {
        None => return Err(InstanceError::missing(path, "EDGE_WEIGHT_TYPE")),
        Some(s) if s.value.eq_ignore_ascii_case("EUC_2D") => {}
        Some(_) => {
            return Err(file.unsupported("EDGE_WEIGHT_TYPE", "only EUC_2D coordinates are read"));
        }
    }
    let dimension = file
        .spec_usize("DIMENSION")?
        .ok_or_else(|| InstanceError::missing(path, "DIMENSION"))?;
    if dimension < 1 {
        return Err(file.invalid_spec("DIMENSION", "must count at least the depot"));
    }
    // Checked before anything is sized by DIMENSION: every node needs a line of its own.
    let lines = file.lines;
    if dimension > lines {
        return Err(file.invalid_spec(
            "DIMENSION",
            &format!(
                "{dimension} nodes cannot be listed in a file of {lines} lines; correct DIMENSION"
            ),
        ));
    }
    if dimension > MAX_NODES {
        return Err(file.unsupported(
            "DIMENSION",
            "instances of up to 10,000 nodes (depot and customers) are read",
        ));
    }
    let coords = file.node_table("NODE_COORD_SECTION", dimension, 3, true)?;
    let points = coords
        .iter()
        .map(|r| {
            let r = r.as_ref().expect("required table is complete");
            Ok((
                r.f64(path, 1, "NODE_COORD_SECTION x")?,
                r.f64(path, 2, "NODE_COORD_SECTION y")?,
            ))
        })
        .collect::<Result<Vec<_>, InstanceError>>()?;
    let depot = file.depot(dimension)?;
    let scale = dialect.time_scale();

    let demands = file.node_table("DEMAND_SECTION", dimension, 2, true)?;
    let windows = file.node_table("TIME_WINDOW_SECTION", dimension, 3, false)?;
    let releases = file.node_table("RELEASE_TIME_SECTION", dimension, 2, false)?;
    let services = file.node_table("SERVICE_TIME_SECTION", dimension, 2, false)?;
    let uniform_service = match file.specs.get("SERVICE_TIME") {
        Some(s) => file.spec_f64("SERVICE_TIME", &s.value)?,
        None => 0.0,
    };
    let window = |loc: usize| -> Result<TimeWindow, InstanceError> {
        let Some(r) = &windows[loc] else {
            return Ok(TimeWindow::always());
        };
        let (a, b) = (
            r.non_negative(path, 1, "TIME_WINDOW_SECTION early")?,
            r.non_negative(path, 2, "TIME_WINDOW_SECTION late")?,
        );
        if b < a {
            return Err(InstanceError::invalid(
                path,
                r.line,
                "TIME_WINDOW_SECTION",
                format!("window [{a}, {b}] ends before it starts; correct it"),
            ));
        }
        Ok(TimeWindow::new(a * scale, b * scale))
    };

    let mut orders = Vec::with_capacity(dimension - 1);
    for loc in (0..dimension).filter(|&l| l != depot) {
        let demand = demands[loc]
            .as_ref()
            .expect("required table is complete")
            .amount(path, 1, "DEMAND_SECTION demand")?;
        let service = match &services[loc] {
            Some(r) => r.non_negative(path, 1, "SERVICE_TIME_SECTION")?,
            None => uniform_service,
        };
        let release = match &releases[loc] {
            Some(r) => r.non_negative(path, 1, "RELEASE_TIME_SECTION")?,
            None => 0.0,
        };
        orders.push(Order {
            id: (loc + 1).to_string(),
            location: loc,
            demand: [demand, 0],
            stop_time: Seconds(service * scale),
            handling_time: Seconds::ZERO,
            time_windows: vec![window(loc)?],
            release: Seconds(release * scale),
            priority: Priority::Required,
        });
    }
    let depot_open = window(depot)?;
    let vehicles = file.vehicles(dimension, depot, dialect)?;
    let (vehicle_types, file_vehicles) = group(&vehicles, depot_open, orders.len(), dialect);

    let problem = Problem {
        matrices: vec![euclidean_matrix(&points, |d| dialect.distance(d))],
        depots: vec![Depot {
            name: format!("depot {}", depot + 1),
            location: depot,
            open: depot_open,
            reload_time: Seconds::ZERO,
        }],
        orders,
        vehicle_types,
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: Vec::new(),
    };
    let name = match file.specs.get("NAME") {
        Some(s) => s.value.clone(),
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    Ok(Instance {
        name,
        format: Format::Vrplib,
        problem,
        file_vehicles,
    })
}

/// Groups identical vehicles into types, in order of first appearance.
fn group(
    vehicles: &[FileVehicle],
    shift: TimeWindow,
    orders: usize,
    dialect: Dialect,
) -> (Vec<VehicleType>, Vec<(usize, usize)>) {
    let mut kinds: Vec<&FileVehicle> = Vec::new();
    let mut types: Vec<VehicleType> = Vec::new();
    let mut file_vehicles = Vec::with_capacity(vehicles.len());
    for v in vehicles {
        let t = match kinds.iter().position(|k| *k == v) {
            Some(t) => t,
            None => {
                kinds.push(v);
                let reloads = !v.reload_depots.is_empty();
                types.push(VehicleType {
                    name: format!("type {}", types.len() + 1),
                    count: 0,
                    capacity: [v.capacity, 0],
                    profile: 0,
                    depot: 0,
                    reload_depots: v.reload_depots.clone(),
                    // "any number of trips": one per order is never binding.
                    max_trips: if reloads { orders.max(1) } else { 1 },
                    fixed_cost: v.fixed_cost / dialect.cost_divisor(),
                    cost_per_km: 1000.0 * v.unit_cost / dialect.cost_divisor(),
                    cost_per_hour: 0.0,
                    co2e_kg_per_km: 0.0,
                    shift,
                    max_duration: v.max_duration.map(|d| Seconds(d * dialect.time_scale())),
                    max_distance: v.max_distance.map(|d| Meters(dialect.distance(d))),
                    forbidden_orders: Vec::new(),
                });
                types.len() - 1
            }
        };
        file_vehicles.push((t, types[t].count));
        types[t].count += 1;
    }
    (types, file_vehicles)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NODES: &str = "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1 1\nDEMAND_SECTION\n1 0\n2 2\n3 3\n";

    fn read(text: &str) -> Instance {
        parse(Path::new("t.vrp"), text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn cvrp_rounds_each_edge_to_the_nearest_integer() {
        let inst = read(&format!(
            "NAME : t\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n{NODES}DEPOT_SECTION\n1\n-1\nEOF\n"
        ));
        let p = &inst.problem;
        assert_eq!(p.matrices[0].distance(0, 2).0, 1.0, "sqrt 2 -> 1");
        assert_eq!(p.matrices[0].distance(1, 2).0, 4.0, "sqrt 13 = 3.61 -> 4");
        assert_eq!(p.vehicle_types[0].count, 2, "one vehicle per client");
        assert_eq!(p.orders[0].time_windows[0], TimeWindow::always());
    }

    #[test]
    fn mtvrptwr_scales_distances_and_times_by_ten_and_truncates() {
        let inst = read(&format!(
            "NAME : m\nTYPE : MTVRPTWR\nEDGE_WEIGHT_TYPE : EUC_2D\nDIMENSION : 3\nVEHICLES : 2\n\
             CAPACITY : 5\nSERVICE_TIME : 9\n{NODES}TIME_WINDOW_SECTION\n1 0 100\n2 10 20\n3 0 50\n\
             RELEASE_TIME_SECTION\n1 0\n2 7\n3 0\nVEHICLES_RELOAD_DEPOT_SECTION\n1 1\n\
             DEPOT_SECTION\n1\nEOF\n"
        ));
        let p = &inst.problem;
        assert_eq!(
            p.matrices[0].distance(0, 2).0,
            14.0,
            "10 sqrt 2 = 14.14 -> 14"
        );
        assert_eq!(p.matrices[0].duration(0, 1).0, 50.0);
        assert_eq!(p.orders[0].time_windows[0], TimeWindow::new(100.0, 200.0));
        assert_eq!(p.orders[0].release.0, 70.0);
        assert_eq!(p.orders[0].stop_time.0, 90.0);
        assert_eq!(p.depots[0].open, TimeWindow::new(0.0, 1000.0));
        // vehicle 1 reloads, vehicle 2 does not: two types
        assert_eq!(p.vehicle_types.len(), 2);
        assert_eq!(p.vehicle_types[0].max_trips, 2);
        assert_eq!(p.vehicle_types[1].max_trips, 1);
        assert_eq!(inst.file_vehicles, vec![(0, 0), (1, 0)]);
    }

    #[test]
    fn hfvrp_keeps_distances_exact_and_divides_costs_by_100() {
        let inst = read(&format!(
            "NAME : h\nTYPE : HFVRP\nDIMENSION : 3\nVEHICLES : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n{NODES}\
             CAPACITY_SECTION\n1 5\n2 9\n3 5\nVEHICLES_FIXED_COST_SECTION\n1 1000\n2 2500\n3 1000\n\
             VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 100\n2 150\n3 100\nDEPOT_SECTION\n1\n-1\nEOF\n"
        ));
        let p = &inst.problem;
        assert!((p.matrices[0].distance(0, 2).0 - 2f64.sqrt()).abs() < 1e-12);
        assert_eq!(p.vehicle_types.len(), 2);
        assert_eq!(p.vehicle_types[0].count, 2);
        assert_eq!(p.vehicle_types[0].fixed_cost, 10.0);
        assert_eq!(p.vehicle_types[0].cost_per_km, 1000.0);
        assert_eq!(p.vehicle_types[1].capacity, [9, 0]);
        assert_eq!(p.vehicle_types[1].cost_per_km, 1500.0);
        assert_eq!(inst.file_vehicles, vec![(0, 0), (1, 0), (0, 1)]);
    }
}
