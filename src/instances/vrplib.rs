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

use super::text::Row;
use super::{Format, Instance, InstanceError, euclidean_matrix};
use crate::routing::{Depot, Objective, Order, Priority, Problem, TimeWindow, VehicleType};
use crate::units::{Meters, Seconds};
use std::collections::BTreeMap;
use std::path::Path;

/// Measuring conventions selected by the file's `TYPE` (see the module table).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dialect {
    Cvrp,
    Hfvrp,
    Mtvrptwr,
}

impl Dialect {
    fn distance(self, euclidean: f64) -> f64 {
        match self {
            Self::Cvrp => euclidean.round(),
            Self::Hfvrp => euclidean,
            Self::Mtvrptwr => (10.0 * euclidean).trunc(),
        }
    }
    fn time_scale(self) -> f64 {
        if self == Self::Mtvrptwr { 10.0 } else { 1.0 }
    }
    fn cost_divisor(self) -> f64 {
        if self == Self::Hfvrp { 100.0 } else { 1.0 }
    }
}

/// A specification's value and its line.
struct Spec {
    line: usize,
    value: String,
}

/// A data section's header line and rows.
struct Section<'a> {
    line: usize,
    rows: Vec<Row<'a>>,
}

/// The file split into specifications and sections.
struct Vrplib<'a> {
    path: &'a Path,
    specs: BTreeMap<String, Spec>,
    sections: BTreeMap<String, Section<'a>>,
}

/// One vehicle of the file, before grouping into types.
#[derive(Clone, Debug, PartialEq)]
struct FileVehicle {
    capacity: i64,
    fixed_cost: f64,
    unit_cost: f64,
    reload_depots: Vec<usize>,
    max_duration: Option<f64>,
    max_distance: Option<f64>,
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
            .usize(path, 1, "DEMAND_SECTION demand")? as i64;
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

impl<'a> Vrplib<'a> {
    /// Splits the text into specifications and sections; stops at `EOF`.
    fn split(path: &'a Path, text: &'a str) -> Result<Self, InstanceError> {
        let mut specs = BTreeMap::new();
        let mut sections: BTreeMap<String, Section<'a>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed == "EOF" {
                break;
            }
            let first = trimmed.split_whitespace().next().unwrap_or_default();
            let key = first.trim_end_matches(':');
            let is_key = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if is_key && key.ends_with("_SECTION") {
                if let Some(old) = sections.insert(
                    key.to_string(),
                    Section {
                        line,
                        rows: Vec::new(),
                    },
                ) {
                    return Err(InstanceError::invalid(
                        path,
                        line,
                        key,
                        format!(
                            "section already started on line {}; merge the two",
                            old.line
                        ),
                    ));
                }
                current = Some(key.to_string());
            } else if let Some((k, v)) = trimmed.split_once(':').filter(|_| is_key) {
                let value = v.trim().trim_matches('"').trim().to_string();
                specs.insert(k.trim().to_ascii_uppercase(), Spec { line, value });
                current = None;
            } else if let Some(name) = &current {
                let fields = trimmed.split_whitespace().collect();
                sections
                    .get_mut(name)
                    .expect("current section exists")
                    .rows
                    .push(Row { line, fields });
            } else {
                return Err(InstanceError::UnexpectedLine {
                    path: path.to_path_buf(),
                    line,
                    content: trimmed.to_string(),
                });
            }
        }
        Ok(Self {
            path,
            specs,
            sections,
        })
    }

    fn spec_f64(&self, key: &str, value: &str) -> Result<f64, InstanceError> {
        let line = self.specs.get(key).map_or(0, |s| s.line);
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(InstanceError::InvalidNumber {
                path: self.path.to_path_buf(),
                line,
                field: key.to_string(),
                expected: "a non-negative number",
                found: value.to_string(),
            }),
        }
    }

    fn spec_usize(&self, key: &str) -> Result<Option<usize>, InstanceError> {
        let Some(s) = self.specs.get(key) else {
            return Ok(None);
        };
        s.value
            .parse::<usize>()
            .map(Some)
            .map_err(|_| InstanceError::InvalidNumber {
                path: self.path.to_path_buf(),
                line: s.line,
                field: key.to_string(),
                expected: "a non-negative integer",
                found: s.value.clone(),
            })
    }

    fn unsupported(&self, key: &str, hint: &'static str) -> InstanceError {
        let s = &self.specs[key];
        InstanceError::Unsupported {
            path: self.path.to_path_buf(),
            line: s.line,
            field: key.to_string(),
            value: s.value.clone(),
            hint,
        }
    }

    fn invalid_spec(&self, key: &str, reason: &str) -> InstanceError {
        let line = self.specs.get(key).map_or(0, |s| s.line);
        InstanceError::invalid(self.path, line, key, reason)
    }

    /// A per-node section as one optional row per location (id - 1). A `required` section
    /// must exist and list every node exactly once; an optional one, when present, too.
    fn node_table(
        &self,
        name: &str,
        dimension: usize,
        columns: usize,
        required: bool,
    ) -> Result<Vec<Option<&Row<'a>>>, InstanceError> {
        let mut table = vec![None; dimension];
        let Some(section) = self.sections.get(name) else {
            return if required {
                Err(InstanceError::missing(self.path, name))
            } else {
                Ok(table)
            };
        };
        for row in &section.rows {
            row.require(self.path, name, columns)?;
            let id = row.usize(self.path, 0, name)?;
            if id < 1 || id > dimension {
                return Err(InstanceError::invalid(
                    self.path,
                    row.line,
                    name,
                    format!(
                        "node id {id} is outside 1..={dimension} (DIMENSION); correct the id or DIMENSION"
                    ),
                ));
            }
            if table[id - 1].replace(row).is_some() {
                return Err(InstanceError::invalid(
                    self.path,
                    row.line,
                    name,
                    format!("node {id} is listed twice; keep one row per node"),
                ));
            }
        }
        if let Some(id) = table.iter().position(Option::is_none) {
            return Err(InstanceError::invalid(
                self.path,
                section.line,
                name,
                format!(
                    "node {} has no row ({} rows for DIMENSION {dimension}); add it",
                    id + 1,
                    section.rows.len()
                ),
            ));
        }
        Ok(table)
    }

    /// The single depot's location (id - 1).
    fn depot(&self, dimension: usize) -> Result<usize, InstanceError> {
        let section = self
            .sections
            .get("DEPOT_SECTION")
            .ok_or_else(|| InstanceError::missing(self.path, "DEPOT_SECTION"))?;
        let mut ids = Vec::new();
        for row in &section.rows {
            let id = row.i64(self.path, 0, "DEPOT_SECTION")?;
            if id == -1 {
                break;
            }
            if id < 1 || id as usize > dimension {
                return Err(InstanceError::invalid(
                    self.path,
                    row.line,
                    "DEPOT_SECTION",
                    format!("depot id {id} is outside 1..={dimension}"),
                ));
            }
            ids.push((id as usize - 1, row.line));
        }
        match ids.as_slice() {
            [(loc, _)] => Ok(*loc),
            [] => Err(InstanceError::invalid(
                self.path,
                section.line,
                "DEPOT_SECTION",
                "no depot id before -1; list the depot's node id",
            )),
            [_, (_, line), ..] => Err(InstanceError::Unsupported {
                path: self.path.to_path_buf(),
                line: *line,
                field: "DEPOT_SECTION".to_string(),
                value: format!("{} depots", ids.len()),
                hint: "only single-depot instances are read",
            }),
        }
    }

    /// The fleet, one entry per vehicle of the file.
    fn vehicles(
        &self,
        dimension: usize,
        depot: usize,
        dialect: Dialect,
    ) -> Result<Vec<FileVehicle>, InstanceError> {
        let declared = self.spec_usize("VEHICLES")?;
        let capacities: Vec<i64> = match self.sections.get("CAPACITY_SECTION") {
            Some(_) => {
                let n = declared.ok_or_else(|| {
                    InstanceError::missing(self.path, "VEHICLES (needed with CAPACITY_SECTION)")
                })?;
                self.vehicle_values("CAPACITY_SECTION", n)?
                    .into_iter()
                    .map(|c| c.map_or(0, |c| c as i64))
                    .collect()
            }
            None => {
                let cap = self
                    .spec_usize("CAPACITY")?
                    .ok_or_else(|| InstanceError::missing(self.path, "CAPACITY"))?;
                vec![cap as i64; declared.unwrap_or(dimension - 1)]
            }
        };
        let n = capacities.len();
        let fixed = self.vehicle_values("VEHICLES_FIXED_COST_SECTION", n)?;
        let unit = self.vehicle_values("VEHICLES_UNIT_DISTANCE_COST_SECTION", n)?;
        let max_duration = self.vehicle_limit("VEHICLES_MAX_DURATION", n)?;
        let max_distance = self.vehicle_limit("VEHICLES_MAX_DISTANCE", n)?;
        let mut reloads = vec![Vec::new(); n];
        if let Some(section) = self.sections.get("VEHICLES_RELOAD_DEPOT_SECTION") {
            for row in &section.rows {
                row.require(self.path, "VEHICLES_RELOAD_DEPOT_SECTION", 2)?;
                let k = self.vehicle_id(row, "VEHICLES_RELOAD_DEPOT_SECTION", n)?;
                let d = row.usize(self.path, 1, "VEHICLES_RELOAD_DEPOT_SECTION depot")?;
                if d != depot + 1 {
                    return Err(InstanceError::invalid(
                        self.path,
                        row.line,
                        "VEHICLES_RELOAD_DEPOT_SECTION",
                        format!(
                            "node {d} is not the depot {}; reload depots must be listed in DEPOT_SECTION",
                            depot + 1
                        ),
                    ));
                }
                if !reloads[k].contains(&0) {
                    reloads[k].push(0);
                }
            }
        }
        Ok((0..n)
            .map(|k| FileVehicle {
                capacity: capacities[k],
                fixed_cost: fixed[k].unwrap_or(0.0),
                unit_cost: unit[k].unwrap_or(dialect.cost_divisor()),
                reload_depots: reloads[k].clone(),
                max_duration: max_duration[k],
                max_distance: max_distance[k],
            })
            .collect())
    }

    /// A per-vehicle section: `k value` rows, k in 1..=n; absent rows are `None`.
    fn vehicle_values(&self, name: &str, n: usize) -> Result<Vec<Option<f64>>, InstanceError> {
        let mut values = vec![None; n];
        let Some(section) = self.sections.get(name) else {
            return Ok(values);
        };
        for row in &section.rows {
            row.require(self.path, name, 2)?;
            let k = self.vehicle_id(row, name, n)?;
            values[k] = Some(row.non_negative(self.path, 1, name)?);
        }
        if let Some(k) = values.iter().position(Option::is_none) {
            return Err(InstanceError::invalid(
                self.path,
                section.line,
                name,
                format!(
                    "vehicle {} has no row ({} vehicles in VEHICLES); add it",
                    k + 1,
                    n
                ),
            ));
        }
        Ok(values)
    }

    /// A per-vehicle limit given as a specification (all vehicles) or a section.
    fn vehicle_limit(&self, key: &str, n: usize) -> Result<Vec<Option<f64>>, InstanceError> {
        if let Some(s) = self.specs.get(key) {
            return Ok(vec![Some(self.spec_f64(key, &s.value)?); n]);
        }
        self.vehicle_values(&format!("{key}_SECTION"), n)
    }

    fn vehicle_id(&self, row: &Row, name: &str, n: usize) -> Result<usize, InstanceError> {
        let k = row.usize(self.path, 0, name)?;
        if k < 1 || k > n {
            return Err(InstanceError::invalid(
                self.path,
                row.line,
                name,
                format!("vehicle id {k} is outside 1..={n} (VEHICLES); correct it"),
            ));
        }
        Ok(k - 1)
    }
}
