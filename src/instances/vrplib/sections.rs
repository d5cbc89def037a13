//! The layout of a VRPLIB file: specifications (`KEY : value`) and data sections
//! (`KEY_SECTION` then rows), each remembered with its line, and the per-node and
//! per-vehicle tables read from them with the checks that name the line at fault.

use super::{Dialect, FileVehicle};
use crate::instances::InstanceError;
use crate::instances::text::Row;
use std::collections::BTreeMap;
use std::path::Path;

/// Sections with one row per vehicle.
/// Sections that list every vehicle, one row each (`VEHICLES_RELOAD_DEPOT_SECTION` lists
/// only the vehicles that reload).
const PER_VEHICLE_SECTIONS: [&str; 5] = [
    "CAPACITY_SECTION",
    "VEHICLES_FIXED_COST_SECTION",
    "VEHICLES_UNIT_DISTANCE_COST_SECTION",
    "VEHICLES_MAX_DURATION_SECTION",
    "VEHICLES_MAX_DISTANCE_SECTION",
];

/// A specification's value and its line.
pub(super) struct Spec {
    pub(super) line: usize,
    pub(super) value: String,
}

/// A data section's header line and rows.
pub(super) struct Section<'a> {
    pub(super) line: usize,
    pub(super) rows: Vec<Row<'a>>,
}

/// The file split into specifications and sections.
pub(super) struct Vrplib<'a> {
    pub(super) path: &'a Path,
    pub(super) specs: BTreeMap<String, Spec>,
    pub(super) sections: BTreeMap<String, Section<'a>>,
    /// Lines of the file: a bound on any count the file could list.
    pub(super) lines: usize,
}

impl<'a> Vrplib<'a> {
    /// Splits the text into specifications and sections; stops at `EOF`.
    pub(super) fn split(path: &'a Path, text: &'a str) -> Result<Self, InstanceError> {
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
            lines: text.lines().count(),
        })
    }

    pub(super) fn spec_f64(&self, key: &str, value: &str) -> Result<f64, InstanceError> {
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

    pub(super) fn spec_usize(&self, key: &str) -> Result<Option<usize>, InstanceError> {
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

    /// A specification read as an amount (see [`Row::amount`]).
    pub(super) fn spec_amount(&self, key: &str) -> Result<Option<i64>, InstanceError> {
        let Some(s) = self.specs.get(key) else {
            return Ok(None);
        };
        let row = Row {
            line: s.line,
            fields: vec![s.value.as_str()],
        };
        row.amount(self.path, 0, key).map(Some)
    }

    pub(super) fn unsupported(&self, key: &str, hint: &'static str) -> InstanceError {
        let s = &self.specs[key];
        InstanceError::Unsupported {
            path: self.path.to_path_buf(),
            line: s.line,
            field: key.to_string(),
            value: s.value.clone(),
            hint,
        }
    }

    pub(super) fn invalid_spec(&self, key: &str, reason: &str) -> InstanceError {
        let line = self.specs.get(key).map_or(0, |s| s.line);
        InstanceError::invalid(self.path, line, key, reason)
    }

    /// A per-node section as one optional row per location (id - 1). A `required` section
    /// must exist and list every node exactly once; an optional one, when present, too.
    pub(super) fn node_table(
        &self,
        name: &str,
        dimension: usize,
        columns: usize,
        required: bool,
    ) -> Result<Vec<Option<&Row<'a>>>, InstanceError> {
        let Some(section) = self.sections.get(name) else {
            return if required {
                Err(InstanceError::missing(self.path, name))
            } else {
                Ok(vec![None; dimension])
            };
        };
        let mut table = vec![None; dimension];
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
    pub(super) fn depot(&self, dimension: usize) -> Result<usize, InstanceError> {
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
    ///
    /// The count is checked before anything is allocated per vehicle: with per-vehicle
    /// sections it may not exceed the file's lines (each vehicle needs a row); a uniform fleet
    /// (`CAPACITY` and no per-vehicle section) larger than the clients is read as one vehicle
    /// per client, since a vehicle serving nobody changes nothing.
    pub(super) fn vehicles(
        &self,
        dimension: usize,
        depot: usize,
        dialect: Dialect,
    ) -> Result<Vec<FileVehicle>, InstanceError> {
        let clients = dimension - 1;
        let declared = self.spec_usize("VEHICLES")?;
        let listed = PER_VEHICLE_SECTIONS
            .iter()
            .any(|name| self.sections.contains_key(*name));
        let n = match declared {
            Some(n) if listed && n > self.lines => {
                return Err(self.invalid_spec(
                    "VEHICLES",
                    &format!(
                        "{n} vehicles cannot be listed in a file of {} lines; correct VEHICLES",
                        self.lines
                    ),
                ));
            }
            Some(n) if listed => n,
            Some(n) => n.min(clients.max(1)),
            None => clients,
        };
        let capacities: Vec<i64> = match self.sections.get("CAPACITY_SECTION") {
            Some(_) => {
                if declared.is_none() {
                    return Err(InstanceError::missing(
                        self.path,
                        "VEHICLES (needed with CAPACITY_SECTION)",
                    ));
                }
                self.vehicle_column("CAPACITY_SECTION", n, |row| {
                    row.amount(self.path, 1, "CAPACITY_SECTION")
                })?
                .into_iter()
                .map(|c| c.unwrap_or(0))
                .collect()
            }
            None => {
                let cap = self
                    .spec_amount("CAPACITY")?
                    .ok_or_else(|| InstanceError::missing(self.path, "CAPACITY"))?;
                vec![cap; n]
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
    pub(super) fn vehicle_values(
        &self,
        name: &str,
        n: usize,
    ) -> Result<Vec<Option<f64>>, InstanceError> {
        self.vehicle_column(name, n, |row| row.non_negative(self.path, 1, name))
    }

    /// A per-vehicle section read with `value` from each `k value` row; every vehicle of
    /// 1..=n must have its row when the section is present ([`Self::vehicles`] has checked
    /// that n does not exceed the file's lines).
    fn vehicle_column<T: Clone>(
        &self,
        name: &str,
        n: usize,
        value: impl Fn(&Row) -> Result<T, InstanceError>,
    ) -> Result<Vec<Option<T>>, InstanceError> {
        let Some(section) = self.sections.get(name) else {
            return Ok(vec![None; n]);
        };
        let mut values = vec![None; n];
        for row in &section.rows {
            row.require(self.path, name, 2)?;
            let k = self.vehicle_id(row, name, n)?;
            values[k] = Some(value(row)?);
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
    pub(super) fn vehicle_limit(
        &self,
        key: &str,
        n: usize,
    ) -> Result<Vec<Option<f64>>, InstanceError> {
        if let Some(s) = self.specs.get(key) {
            return Ok(vec![Some(self.spec_f64(key, &s.value)?); n]);
        }
        self.vehicle_values(&format!("{key}_SECTION"), n)
    }

    pub(super) fn vehicle_id(
        &self,
        row: &Row,
        name: &str,
        n: usize,
    ) -> Result<usize, InstanceError> {
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
