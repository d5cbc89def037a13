//! Bad instance files are typed errors that name the file, the line and the field, and map
//! to exit code 2; they never panic.

use freightsim::instances::{self, Format, InstanceError};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/instances")
        .join(name)
}

/// Writes `text` to a temporary file with the given extension and reads it.
fn read_text(text: &str, ext: &str) -> Result<instances::Instance, InstanceError> {
    let mut f = tempfile::Builder::new().suffix(ext).tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    instances::read(f.path(), None)
}

fn vrp(body: &str) -> String {
    format!("NAME : t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n{body}EOF\n")
}

const NODES: &str = "NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 0 20\nDEMAND_SECTION\n1 0\n2 5\n3 5\n";

#[test]
fn fixtures_read_as_the_hand_described_problem() {
    for name in ["two_routes.txt", "two_routes.vrp"] {
        let inst = instances::read(&fixture(name), None).unwrap();
        let p = &inst.problem;
        assert_eq!(p.orders.len(), 3, "{name}");
        assert_eq!(p.vehicle_types[0].capacity, [10, 0]);
        assert_eq!(p.matrices[0].distance(1, 2).0, 10.0);
        assert_eq!(p.orders.iter().map(|o| o.demand[0]).sum::<i64>(), 15);
    }
}

#[test]
fn a_word_for_a_demand_names_line_and_field() {
    let err = instances::read(&fixture("bad_demand.txt"), None).unwrap_err();
    assert!(
        matches!(&err, InstanceError::InvalidNumber { line: 12, field, .. } if field == "DEMAND"),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("bad_demand.txt:12: DEMAND") && msg.contains("`five`"),
        "{msg}"
    );
    assert_eq!(freightsim::Error::from(err).exit_code(), 2);
}

#[test]
fn a_node_id_beyond_dimension_names_its_line() {
    let err = instances::read(&fixture("bad_section.vrp"), None).unwrap_err();
    assert!(
        matches!(err, InstanceError::InvalidValue { line: 9, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("outside 1..=3"), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_code_2() {
    let err = instances::read(Path::new("/nonexistent/x.vrp"), None).unwrap_err();
    assert!(matches!(err, InstanceError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/x.vrp"));
    assert_eq!(freightsim::Error::from(err).exit_code(), 2);
}

#[test]
fn an_unknown_format_asks_for_the_flag() {
    let err = read_text("hello\n", ".dat").unwrap_err();
    assert!(err.to_string().contains("--format"), "{err}");
    // with the flag, the same content is read as the format given
    let mut f = tempfile::Builder::new().suffix(".dat").tempfile().unwrap();
    f.write_all(std::fs::read(fixture("two_routes.vrp")).unwrap().as_slice())
        .unwrap();
    assert_eq!(
        instances::read(f.path(), Some(Format::Vrplib))
            .unwrap()
            .problem
            .orders
            .len(),
        3
    );
}

#[test]
fn missing_capacity_is_named() {
    let err = read_text(&vrp(&format!("{NODES}DEPOT_SECTION\n1\n-1\n")), ".vrp").unwrap_err();
    assert!(
        matches!(&err, InstanceError::MissingField { field, .. } if field == "CAPACITY"),
        "{err:?}"
    );
}

#[test]
fn geographic_weights_are_unsupported_with_a_hint() {
    let text =
        vrp(&format!("CAPACITY : 10\n{NODES}DEPOT_SECTION\n1\n-1\n")).replace("EUC_2D", "GEO");
    let err = read_text(&text, ".vrp").unwrap_err();
    assert!(
        matches!(err, InstanceError::Unsupported { line: 4, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("EUC_2D"));
}

#[test]
fn several_depots_are_unsupported() {
    let err = read_text(
        &vrp(&format!("CAPACITY : 10\n{NODES}DEPOT_SECTION\n1\n2\n-1\n")),
        ".vrp",
    )
    .unwrap_err();
    assert!(
        matches!(err, InstanceError::Unsupported { line: 16, .. }),
        "{err:?}"
    );
}

#[test]
fn a_node_listed_twice_and_a_node_missing_are_named() {
    let twice = NODES.replace("3 0 20", "2 0 20");
    let err = read_text(
        &vrp(&format!("CAPACITY : 10\n{twice}DEPOT_SECTION\n1\n")),
        ".vrp",
    )
    .unwrap_err();
    assert!(err.to_string().contains("listed twice"), "{err}");
    let missing = NODES.replace("3 5\n", "");
    let err = read_text(
        &vrp(&format!("CAPACITY : 10\n{missing}DEPOT_SECTION\n1\n")),
        ".vrp",
    )
    .unwrap_err();
    assert!(err.to_string().contains("node 3 has no row"), "{err}");
}

#[test]
fn stray_text_and_short_rows_are_named() {
    let err = read_text(&format!("stray words\n{}", vrp("")), ".vrp").unwrap_err();
    assert!(
        matches!(err, InstanceError::UnexpectedLine { line: 1, .. }),
        "{err:?}"
    );
    let short = NODES.replace("2 0 10", "2 0");
    let err = read_text(
        &vrp(&format!("CAPACITY : 10\n{short}DEPOT_SECTION\n1\n")),
        ".vrp",
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            InstanceError::ShortRow {
                line: 8,
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_heterogeneous_fleet_must_list_every_vehicle() {
    let text = vrp(&format!(
        "VEHICLES : 2\n{NODES}CAPACITY_SECTION\n1 10\n2 20\nVEHICLES_FIXED_COST_SECTION\n1 100\nDEPOT_SECTION\n1\n"
    ))
    .replace("CVRP", "HFVRP");
    let err = read_text(&text, ".vrp").unwrap_err();
    assert!(err.to_string().contains("vehicle 2 has no row"), "{err}");
}

#[test]
fn solomon_without_vehicle_block_is_named() {
    let err = read_text("X1\n\nCUSTOMER\n0 0 0 0 0 10 0\n", ".txt").unwrap_err();
    assert!(
        matches!(&err, InstanceError::MissingField { field, .. } if field == "VEHICLE block"),
        "{err:?}"
    );
}

#[test]
fn a_published_solution_with_a_bad_client_names_its_line() {
    let inst = instances::read(&fixture("two_routes.vrp"), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sol = dir.path().join("two_routes.sol");
    std::fs::write(&sol, "Route #1: 1 2\nRoute #2: 3 x\nCost 60\n").unwrap();
    let err = instances::read_solution_file(&sol, &inst).unwrap_err();
    assert!(
        matches!(err, InstanceError::InvalidNumber { line: 2, .. }),
        "{err:?}"
    );
    std::fs::write(&sol, "Route #1: 1 2\nRoute #2: 9\n").unwrap();
    let err = instances::read_solution_file(&sol, &inst).unwrap_err();
    assert!(err.to_string().contains("client 9 does not exist"), "{err}");
    std::fs::write(&sol, "Route #1: 1 2\nRoute #2: 3\nCost 60\n").unwrap();
    let published = instances::read_solution_file(&sol, &inst).unwrap();
    assert_eq!(published.cost, Some(60.0));
    let report = freightsim::routing::check::check(&inst.problem, &published.solution).unwrap();
    assert_eq!(report.cost, 60.0, "the hand-computed optimum");
}
