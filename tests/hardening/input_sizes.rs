//! Issue 10, cases 1 and 2: sizes and amounts read from an instance file are checked against
//! what the file can hold before anything is allocated or added up.

use super::fixture;
use freightsim::instances::{self, InstanceError};
use std::io::Write;

fn read_text(text: &str, ext: &str) -> Result<instances::Instance, InstanceError> {
    let mut f = tempfile::Builder::new().suffix(ext).tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    instances::read(f.path(), None)
}

/// A Solomon file with the given `VEHICLE NUMBER`, `CAPACITY` and demand of both customers.
fn solomon(vehicles: &str, capacity: &str, demand: &str) -> String {
    format!(
        "T1\n\nVEHICLE\nNUMBER     CAPACITY\n  {vehicles}  {capacity}\n\nCUSTOMER\n\
         CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n\
         0 0 0 0 0 100 0\n1 3 4 {demand} 0 50 2\n2 0 1 {demand} 10 20 1\n"
    )
}

#[test]
fn solomon_vehicle_number_2_pow_63_minus_1_is_one_vehicle_per_customer() {
    let inst = instances::read(&fixture("instances/vehicle_number_2pow63.txt"), None).unwrap();
    assert_eq!(inst.problem.vehicle_types[0].count, 3);
    assert_eq!(inst.file_vehicles.len(), 3);
    let result = instances::solve_instance(
        &inst,
        &freightsim::routing::SolveParams {
            seed: 1,
            max_iterations: Some(200),
            time_limit: None,
        },
    )
    .unwrap();
    assert!(result.feasible);
    assert!((result.cost - 60.0).abs() < 1e-9, "{}", result.cost);
}

#[test]
fn solomon_vehicle_numbers_2_pow_31_and_10_pow_12_allocate_nothing_per_vehicle() {
    for n in ["2147483648", "1000000000000", "100000000"] {
        let inst = read_text(&solomon(n, "10", "5"), ".txt").unwrap();
        assert_eq!(inst.problem.vehicle_types[0].count, 2, "{n}");
    }
}

#[test]
fn solomon_amounts_that_could_overflow_a_load_are_refused() {
    // Capacity 2^64 - 1 once wrapped to -1 ("vehicle capacity 0 is negative"); demands of
    // 2^63 - 1 overflowed the solver's load sums.
    for (capacity, demand, field) in [
        ("18446744073709551615", "5", "VEHICLE CAPACITY"),
        ("9223372036854775807", "5", "VEHICLE CAPACITY"),
        ("100", "9223372036854775807", "DEMAND"),
        ("100", "-3", "DEMAND"),
    ] {
        let err = read_text(&solomon("2", capacity, demand), ".txt").unwrap_err();
        assert!(
            matches!(&err, InstanceError::InvalidNumber { field: f, .. } if f == field),
            "{capacity} {demand}: {err}"
        );
        assert!(err.to_string().contains("from 0 to 2^40"), "{err}");
    }
}

#[test]
fn solomon_with_more_than_10000_nodes_is_refused_before_its_matrix() {
    let mut text = solomon("2", "10", "5");
    for i in 3..=10_001 {
        text.push_str(&format!("{i} 1 1 1 0 100 0\n"));
    }
    let err = read_text(&text, ".txt").unwrap_err();
    assert!(matches!(err, InstanceError::Unsupported { .. }), "{err:?}");
}

#[test]
fn vrplib_two_line_file_with_dimension_4294967296_is_refused() {
    let err = instances::read(&fixture("instances/dimension_4294967296.vrp"), None).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("DIMENSION")
            && msg.contains("4294967296 nodes cannot be listed in a file of 2 lines"),
        "{msg}"
    );
    assert_eq!(freightsim::Error::from(err).exit_code(), 2);
}

fn vrp(head: &str, body: &str) -> String {
    format!(
        "NAME : t\n{head}EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 0 10\n3 0 20\n\
         DEMAND_SECTION\n1 0\n2 5\n3 5\n{body}DEPOT_SECTION\n1\n-1\nEOF\n"
    )
}

#[test]
fn vrplib_dimension_beyond_10000_nodes_is_refused() {
    let mut text =
        String::from("DIMENSION : 10001\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n");
    for i in 1..=10_001 {
        text.push_str(&format!("{i} 0 0\n"));
    }
    let err = read_text(&text, ".vrp").unwrap_err();
    assert!(matches!(err, InstanceError::Unsupported { .. }), "{err:?}");
}

#[test]
fn vrplib_vehicles_10_pow_13_uniform_fleet_is_one_vehicle_per_client() {
    let inst = read_text(
        &vrp(
            "DIMENSION : 3\nVEHICLES : 10000000000000\nCAPACITY : 10\n",
            "",
        ),
        ".vrp",
    )
    .unwrap();
    assert_eq!(inst.problem.vehicle_types[0].count, 2);
}

#[test]
fn vrplib_vehicles_10_pow_13_with_a_capacity_section_is_refused() {
    let err = read_text(
        &vrp(
            "TYPE : HFVRP\nDIMENSION : 3\nVEHICLES : 10000000000000\n",
            "CAPACITY_SECTION\n1 10\n",
        ),
        ".vrp",
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("10000000000000 vehicles cannot be listed in a file of"),
        "{err}"
    );
}

#[test]
fn vrplib_amounts_that_could_overflow_a_load_are_refused() {
    for (head, body) in [
        ("DIMENSION : 3\nCAPACITY : 9223372036854775807\n", ""),
        (
            "TYPE : HFVRP\nDIMENSION : 3\nVEHICLES : 1\n",
            "CAPACITY_SECTION\n1 1e300\n",
        ),
    ] {
        let err = read_text(&vrp(head, body), ".vrp").unwrap_err();
        assert!(err.to_string().contains("from 0 to 2^40"), "{err}");
    }
    let text =
        vrp("DIMENSION : 3\nCAPACITY : 10\n", "").replace("2 5\n", "2 9223372036854775807\n");
    let err = read_text(&text, ".vrp").unwrap_err();
    assert!(err.to_string().contains("DEMAND_SECTION demand"), "{err}");
}
