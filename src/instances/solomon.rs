//! Solomon (1987) VRPTW `.txt` files.
//!
//! Layout: the instance name on the first line, a `VEHICLE` block (`NUMBER CAPACITY`, then
//! their values), a `CUSTOMER` block whose header starts with `CUST NO.`, then one row per
//! node: number, x, y, demand, ready time, due date, service time. The first row is the
//! depot.
//!
//! Conversion (see the unit trick in [`super`]): one profile whose distances are the
//! unrounded Euclidean distances and whose durations equal them; the depot opens over its
//! own `[ready, due]`; one vehicle type with the file's vehicle count, capacity
//! `[CAPACITY, 0]`, no fixed cost, `cost_per_km = 1000` (so cost = distance), no time cost,
//! shift = depot window, one trip per route. A `VEHICLE NUMBER` above the number of customers
//! is read as one vehicle per customer (the extra vehicles could never be used). Every customer is a required order with
//! `stop_time` = its service time, one window `[ready, due]`, release 0.

use super::text::{MAX_NODES, Row};
use super::{Format, Instance, InstanceError, euclidean_matrix};
use crate::routing::{Depot, Objective, Order, Priority, Problem, TimeWindow, VehicleType};
use crate::units::Seconds;
use std::path::Path;

/// Columns of a customer row.
const CUSTOMER_COLUMNS: [&str; 7] = [
    "CUST NO.",
    "XCOORD.",
    "YCOORD.",
    "DEMAND",
    "READY TIME",
    "DUE DATE",
    "SERVICE TIME",
];

/// One node row of the file.
struct Node {
    number: usize,
    x: f64,
    y: f64,
    demand: i64,
    ready: f64,
    due: f64,
    service: f64,
}

/// Parses the text of a Solomon file read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Instance, InstanceError> {
    let rows = Row::split(text);
    let name = rows
        .first()
        .map(|r| r.fields.join(" "))
        .ok_or_else(|| InstanceError::missing(path, "instance name (first line)"))?;

    let vehicle_at =
        position(&rows, "VEHICLE").ok_or_else(|| InstanceError::missing(path, "VEHICLE block"))?;
    // `VEHICLE`, then the `NUMBER CAPACITY` header, then the values.
    let values = rows
        .get(vehicle_at + 2)
        .ok_or_else(|| InstanceError::missing(path, "VEHICLE NUMBER and CAPACITY values"))?;
    let vehicles = values.usize(path, 0, "VEHICLE NUMBER")?;
    let capacity = values.amount(path, 1, "VEHICLE CAPACITY")?;

    let customer_at = position(&rows, "CUSTOMER")
        .ok_or_else(|| InstanceError::missing(path, "CUSTOMER block"))?;
    let mut body = &rows[customer_at + 1..];
    if body
        .first()
        .is_some_and(|r| r.fields[0].eq_ignore_ascii_case("CUST"))
    {
        body = &body[1..];
    }
    if body.len() > MAX_NODES {
        return Err(InstanceError::Unsupported {
            path: path.to_path_buf(),
            line: body[MAX_NODES].line,
            field: "CUSTOMER".to_string(),
            value: format!("{} node rows", body.len()),
            hint: "instances of up to 10,000 nodes (depot and customers) are read",
        });
    }
    let nodes = body
        .iter()
        .map(|r| node(path, r))
        .collect::<Result<Vec<_>, _>>()?;
    check_numbers(path, body, &nodes)?;
    let Some(depot) = nodes.first() else {
        return Err(InstanceError::missing(
            path,
            "node rows (depot and customers)",
        ));
    };

    // A vehicle serves at least one customer or stays at the depot, so a fleet larger than
    // the customers is the same problem as one vehicle per customer: the count is cut there
    // before anything is allocated per vehicle (a `VEHICLE NUMBER` of 2^63 is then harmless).
    let vehicles = vehicles.min((nodes.len() - 1).max(1));
    let depot_window = TimeWindow::new(depot.ready, depot.due);
    let points: Vec<(f64, f64)> = nodes.iter().map(|n| (n.x, n.y)).collect();
    let orders = nodes
        .iter()
        .enumerate()
        .skip(1)
        .map(|(location, n)| Order {
            id: n.number.to_string(),
            location,
            demand: [n.demand, 0],
            stop_time: Seconds(n.service),
            handling_time: Seconds::ZERO,
            time_windows: vec![TimeWindow::new(n.ready, n.due)],
            release: Seconds::ZERO,
            priority: Priority::Required,
        })
        .collect();
    let problem = Problem {
        matrices: vec![euclidean_matrix(&points, |d| d)],
        depots: vec![Depot {
            name: format!("depot {}", depot.number),
            location: 0,
            open: depot_window,
            reload_time: Seconds::ZERO,
        }],
        orders,
        vehicle_types: vec![VehicleType {
            name: "vehicle".to_string(),
            count: vehicles,
            capacity: [capacity, 0],
            profile: 0,
            depot: 0,
            reload_depots: Vec::new(),
            max_trips: 1,
            fixed_cost: 0.0,
            cost_per_km: 1000.0,
            cost_per_hour: 0.0,
            co2e_kg_per_km: 0.0,
            shift: depot_window,
            max_duration: None,
            max_distance: None,
            forbidden_orders: Vec::new(),
        }],
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: Vec::new(),
    };
    Ok(Instance {
        name,
        format: Format::Solomon,
        problem,
        file_vehicles: (0..vehicles).map(|k| (0, k)).collect(),
    })
}

/// Index of the first row whose first field is `word`.
fn position(rows: &[Row], word: &str) -> Option<usize> {
    rows.iter()
        .position(|r| r.fields[0].eq_ignore_ascii_case(word))
}

fn node(path: &Path, row: &Row) -> Result<Node, InstanceError> {
    let c = &CUSTOMER_COLUMNS;
    row.require(path, "CUSTOMER row", c.len())?;
    let n = Node {
        number: row.usize(path, 0, c[0])?,
        x: row.f64(path, 1, c[1])?,
        y: row.f64(path, 2, c[2])?,
        demand: row.amount(path, 3, c[3])?,
        ready: row.non_negative(path, 4, c[4])?,
        due: row.non_negative(path, 5, c[5])?,
        service: row.non_negative(path, 6, c[6])?,
    };
    if n.due < n.ready {
        return Err(InstanceError::invalid(
            path,
            row.line,
            c[5],
            format!(
                "due date {} is before ready time {}; swap or correct them",
                n.due, n.ready
            ),
        ));
    }
    if row.fields.len() > c.len() {
        return Err(InstanceError::invalid(
            path,
            row.line,
            "CUSTOMER row",
            format!(
                "expected {} columns, found {}; remove the extra values",
                c.len(),
                row.fields.len()
            ),
        ));
    }
    Ok(n)
}

/// Customer numbers must be unique (they become order ids).
fn check_numbers(path: &Path, rows: &[Row], nodes: &[Node]) -> Result<(), InstanceError> {
    let mut seen = std::collections::BTreeMap::new();
    for (row, n) in rows.iter().zip(nodes) {
        if let Some(first) = seen.insert(n.number, row.line) {
            return Err(InstanceError::invalid(
                path,
                row.line,
                "CUST NO.",
                format!(
                    "customer {} already appears on line {first}; numbers must be unique",
                    n.number
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "T1\n\nVEHICLE\nNUMBER     CAPACITY\n  2         10\n\nCUSTOMER\n\
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n\
        0 0 0 0 0 100 0\n1 3 4 5 0 50 2\n2 0 1 6 10 20 1\n";

    #[test]
    fn tiny_file_becomes_a_problem() {
        let inst = parse(Path::new("t.txt"), TINY).unwrap();
        assert_eq!(inst.name, "T1");
        let p = &inst.problem;
        assert_eq!(p.orders.len(), 2);
        assert_eq!(p.vehicle_types[0].count, 2);
        assert_eq!(p.vehicle_types[0].capacity, [10, 0]);
        assert_eq!(p.matrices[0].distance(0, 1).0, 5.0);
        assert_eq!(p.orders[1].time_windows[0], TimeWindow::new(10.0, 20.0));
        assert_eq!(p.orders[0].stop_time, Seconds(2.0));
        assert_eq!(p.depots[0].open, TimeWindow::new(0.0, 100.0));
    }

    #[test]
    fn a_short_customer_row_names_its_line() {
        let bad = TINY.replace("2 0 1 6 10 20 1", "2 0 1 6 10");
        let err = parse(Path::new("t.txt"), &bad).unwrap_err();
        assert!(
            matches!(err, InstanceError::ShortRow { line: 12, .. }),
            "{err}"
        );
    }

    #[test]
    fn a_window_ending_before_it_starts_is_rejected() {
        let bad = TINY.replace("2 0 1 6 10 20 1", "2 0 1 6 30 20 1");
        let err = parse(Path::new("t.txt"), &bad).unwrap_err().to_string();
        assert!(err.contains("t.txt:12: DUE DATE"), "{err}");
    }
}
