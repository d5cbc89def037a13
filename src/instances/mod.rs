//! `instances`: public VRP benchmark files turned into [`crate::routing::Problem`] values, so
//! that the routing core can be measured against published best known solutions.
//!
//! Formats read:
//! - **Solomon** VRPTW `.txt` ([`solomon`]): unrounded Euclidean distances, fleet limited to
//!   the file's vehicle count, distance-only objective.
//! - **VRPLIB** `.vrp` ([`vrplib`]): CVRP with TSPLIB rounding (`EUC_2D`: each edge rounded to
//!   the nearest integer), and PyVRP's dialect for heterogeneous fleets (HFVRP) and
//!   multi-trip VRPTW with release dates (MTVRPTWR).
//!
//! # The unit trick
//! The routing model speaks metres, seconds and a cost per km. Benchmark files have abstract
//! distance and time units. A file's distance unit is stored as one "metre" and its time unit
//! as one "second", and vehicle types get `cost_per_km = 1000` (times the file's unit cost
//! where it has one), so that the objective equals the file's distance, in the file's units,
//! and is directly comparable with its best known cost.
//!
//! [`solve_instance`] runs the routing core on an instance and verifies the result with the
//! independent checker; `freightsim solve` calls it for each file.
//!
//! Published solutions (`.sol`, "Route #k: ids") are read by [`read_solution_file`] into a
//! [`crate::routing::RoutingSolution`], to be verified by [`crate::routing::check`].

mod error;
mod run;
pub mod solomon;
mod solution_file;
mod text;
pub mod vrplib;

pub use error::InstanceError;
pub use run::{InstanceResult, solve_instance};
pub use solution_file::{PublishedSolution, read_solution_file};

use crate::matrix::TravelMatrix;
use crate::routing::Problem;
use crate::units::{Meters, Seconds};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// A benchmark file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Solomon VRPTW `.txt`.
    Solomon,
    /// VRPLIB `.vrp` (CVRPLIB and PyVRP's dialect).
    Vrplib,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Solomon => "solomon",
            Self::Vrplib => "vrplib",
        })
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "solomon" => Ok(Self::Solomon),
            "vrplib" | "cvrplib" => Ok(Self::Vrplib),
            other => Err(format!("unknown format `{other}`: use solomon or vrplib")),
        }
    }
}

/// A benchmark instance read from a file.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Instance name (the file's `NAME`, or its first line for Solomon).
    pub name: String,
    /// The format it was read as.
    pub format: Format,
    /// The routing problem. Order `i` sits at matrix location `order.location`; location 0..
    /// are the file's nodes in file order, numbered from 0 (the `.sol` numbering).
    pub problem: Problem,
    /// Vehicle `k` of the file (0-based, the `.sol` "Route #k+1") as (vehicle type, vehicle
    /// index within the type). Identical vehicles are grouped into one type.
    pub file_vehicles: Vec<(usize, usize)>,
}

impl Instance {
    /// The order served at matrix location `location`, if any.
    pub fn order_at(&self, location: usize) -> Option<usize> {
        self.problem
            .orders
            .iter()
            .position(|o| o.location == location)
    }
}

/// Reads an instance, with the format given or guessed from the extension (`.txt` Solomon,
/// `.vrp` VRPLIB) or else from the content (a `VEHICLE` line with `NUMBER CAPACITY` is
/// Solomon; a `NAME :` or `DIMENSION` header is VRPLIB).
pub fn read(path: &Path, format: Option<Format>) -> Result<Instance, InstanceError> {
    let text = text::read_text(path)?;
    let format = match format {
        Some(f) => f,
        None => guess_format(path, &text)?,
    };
    match format {
        Format::Solomon => solomon::parse(path, &text),
        Format::Vrplib => vrplib::parse(path, &text),
    }
}

/// Guesses the format from the extension, then from the content.
pub fn guess_format(path: &Path, text: &str) -> Result<Format, InstanceError> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "txt" => return Ok(Format::Solomon),
        Some(e) if e == "vrp" => return Ok(Format::Vrplib),
        _ => {}
    }
    let head: Vec<&str> = text.lines().take(12).map(str::trim).collect();
    if head.iter().any(|l| l.starts_with("VEHICLE")) && head.iter().any(|l| l.contains("NUMBER")) {
        return Ok(Format::Solomon);
    }
    if head
        .iter()
        .any(|l| l.starts_with("NAME") || l.starts_with("DIMENSION"))
    {
        return Ok(Format::Vrplib);
    }
    Err(InstanceError::UnknownFormat {
        path: path.to_path_buf(),
    })
}

/// A matrix of Euclidean distances between points, each passed through `measure` (rounding
/// rule of the format); durations equal distances (one time unit per distance unit).
pub(crate) fn euclidean_matrix(
    points: &[(f64, f64)],
    measure: impl Fn(f64) -> f64,
) -> TravelMatrix {
    TravelMatrix::from_fn(points.len(), |i, j| {
        let (dx, dy) = (points[i].0 - points[j].0, points[i].1 - points[j].1);
        let d = measure((dx * dx + dy * dy).sqrt());
        (Meters(d), Seconds(d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_is_guessed_from_extension_then_content() {
        let p = Path::new("a.txt");
        assert_eq!(guess_format(p, "").unwrap(), Format::Solomon);
        let p = Path::new("a.vrp");
        assert_eq!(guess_format(p, "").unwrap(), Format::Vrplib);
        let p = Path::new("noext");
        let solomon = "C101\n\nVEHICLE\nNUMBER     CAPACITY\n  25  200\n";
        assert_eq!(guess_format(p, solomon).unwrap(), Format::Solomon);
        assert_eq!(
            guess_format(p, "NAME : x\nDIMENSION : 3\n").unwrap(),
            Format::Vrplib
        );
        assert!(matches!(
            guess_format(p, "hello"),
            Err(InstanceError::UnknownFormat { .. })
        ));
    }

    #[test]
    fn euclidean_matrix_applies_the_rounding_rule() {
        let m = euclidean_matrix(&[(0.0, 0.0), (1.0, 1.0)], f64::round);
        assert_eq!(m.distance(0, 1), Meters(1.0));
        let m = euclidean_matrix(&[(0.0, 0.0), (1.0, 1.0)], |d| d);
        assert!((m.duration(1, 0).0 - std::f64::consts::SQRT_2).abs() < 1e-12);
    }
}
