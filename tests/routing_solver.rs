//! Hand-computed cases for the routing core: each builds a tiny problem whose optimum is
//! known, solves it and checks the exact routes, distances and reasons.

mod common;

use freightsim::matrix::TravelMatrix;
use freightsim::routing::{
    Depot, Objective, Order, Priority, Problem, ProblemIssue, RoutingSolution, SolveParams,
    TimeWindow, UnassignedReason, VehicleType, solve,
};
use freightsim::units::{Meters, Seconds};

/// Euclidean matrix over points (metres), driven at 1 m/s.
fn plane(points: &[(f64, f64)]) -> TravelMatrix {
    TravelMatrix::from_fn(points.len(), |i, j| {
        let d = (points[i].0 - points[j].0).hypot(points[i].1 - points[j].1);
        (Meters(d), Seconds(d))
    })
}

fn order(location: usize, demand: i64) -> Order {
    Order {
        id: format!("o{location}"),
        location,
        demand: [demand, 0],
        stop_time: Seconds(0.0),
        handling_time: Seconds(0.0),
        time_windows: vec![TimeWindow::always()],
        release: Seconds(0.0),
        priority: Priority::Required,
    }
}

fn vehicle(count: usize, capacity: i64) -> VehicleType {
    VehicleType {
        name: "van".into(),
        count,
        capacity: [capacity, 0],
        profile: 0,
        depot: 0,
        reload_depots: vec![],
        max_trips: 1,
        fixed_cost: 0.0,
        cost_per_km: 1.0,
        cost_per_hour: 0.0,
        co2e_kg_per_km: 0.0,
        shift: TimeWindow::always(),
        max_duration: None,
        max_distance: None,
        forbidden_orders: vec![],
    }
}

/// Depot at the first point, one order per other point.
fn problem(points: &[(f64, f64)], orders: Vec<Order>, vehicles: Vec<VehicleType>) -> Problem {
    Problem {
        matrices: vec![plane(points)],
        depots: vec![Depot {
            name: "depot".into(),
            location: 0,
            open: TimeWindow::always(),
            reload_time: Seconds(0.0),
        }],
        orders,
        vehicle_types: vehicles,
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: Vec::new(),
    }
}

fn run(p: &Problem) -> RoutingSolution {
    solve(
        p,
        &SolveParams {
            seed: 7,
            max_iterations: Some(300),
            time_limit: None,
        },
    )
    .expect("valid problem")
}

fn total_distance(s: &RoutingSolution) -> f64 {
    s.routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.distance.0)
        .sum()
}

fn visit_orders(s: &RoutingSolution) -> Vec<Vec<usize>> {
    s.routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.visits.iter().map(|v| v.order).collect())
        .collect()
}

#[test]
fn capacity_forces_two_trips_of_the_only_vehicle() {
    // Orders 1 km east and 2 km east, 10 units each, one vehicle of capacity 10, two trips:
    // 2 km + 4 km.
    let mut v = vehicle(1, 10);
    v.max_trips = 2;
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (2000.0, 0.0)],
        vec![order(1, 10), order(2, 10)],
        vec![v],
    );
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    assert_eq!(s.routes.len(), 1);
    assert_eq!(s.routes[0].trips.len(), 2);
    assert!((total_distance(&s) - 6000.0).abs() < 1e-6);
    assert!((s.cost - 6.0).abs() < 1e-9, "cost {}", s.cost);
    let (t0, t1) = (&s.routes[0].trips[0], &s.routes[0].trips[1]);
    assert!(t1.departure.0 >= t0.return_time.0);
}

#[test]
fn single_trip_vehicle_cannot_carry_both_and_leaves_one_out() {
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (2000.0, 0.0)],
        vec![order(1, 10), order(2, 10)],
        vec![vehicle(1, 10)],
    );
    let s = run(&p);
    assert_eq!(s.unassigned.len(), 1);
    assert_eq!(s.unassigned[0].reason, UnassignedReason::FleetExhausted);
}

#[test]
fn range_limit_forces_two_vehicles() {
    // East and west at 1 km: one loop is 4 km, over the 2.5 km range; two loops of 2 km.
    let mut v = vehicle(2, 100);
    v.max_distance = Some(Meters(2500.0));
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (-1000.0, 0.0)],
        vec![order(1, 1), order(2, 1)],
        vec![v],
    );
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    assert_eq!(s.routes.len(), 2);
    assert!((total_distance(&s) - 4000.0).abs() < 1e-6);
    for r in &s.routes {
        assert!(r.trips.iter().map(|t| t.distance.0).sum::<f64>() <= 2500.0);
    }
}

#[test]
fn forbidden_order_goes_to_the_only_allowed_type() {
    let mut cheap = vehicle(1, 100);
    cheap.forbidden_orders = vec![0];
    let mut dear = vehicle(1, 100);
    dear.name = "truck".into();
    dear.cost_per_km = 10.0;
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (0.0, 1000.0)],
        vec![order(1, 1), order(2, 1)],
        vec![cheap, dear],
    );
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    for r in &s.routes {
        let served: Vec<usize> = r.trips[0].visits.iter().map(|v| v.order).collect();
        if served.contains(&0) {
            assert_eq!(r.vehicle_type, 1);
        }
    }
    // Order 1 rides the cheap van alone (2 km at 1/km), order 0 the truck (2 km at 10/km).
    assert!((s.cost - 22.0).abs() < 1e-9, "cost {}", s.cost);
}

#[test]
fn optional_order_is_served_only_when_its_prize_pays() {
    for (prize, served) in [(1.0, false), (5.0, true)] {
        let mut o = order(1, 1);
        o.priority = Priority::Optional { prize };
        let p = problem(&[(0.0, 0.0), (1000.0, 0.0)], vec![o], vec![vehicle(1, 10)]);
        let s = run(&p);
        if served {
            assert!(s.unassigned.is_empty());
            assert!((s.cost - 2.0).abs() < 1e-9);
        } else {
            assert_eq!(s.unassigned[0].reason, UnassignedReason::NotWorthPrize);
            assert!((s.cost - 1.0).abs() < 1e-9, "the prize is the cost");
            assert!(s.routes.is_empty());
        }
    }
}

#[test]
fn time_windows_force_the_far_order_first() {
    // Far order must be served by t = 2000 s, the near one after 3000 s: depot, far (2000),
    // near (3000), depot (4000).
    let mut near = order(1, 1);
    near.time_windows = vec![TimeWindow::new(3000.0, 5000.0)];
    let mut far = order(2, 1);
    far.time_windows = vec![TimeWindow::new(0.0, 2000.0)];
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (2000.0, 0.0)],
        vec![near, far],
        vec![vehicle(1, 10)],
    );
    let s = run(&p);
    assert_eq!(visit_orders(&s), vec![vec![1, 0]]);
    let visits = &s.routes[0].trips[0].visits;
    assert!((visits[0].service_start.0 - 2000.0).abs() < 1e-6);
    assert!((visits[1].service_start.0 - 3000.0).abs() < 1e-6);
    assert!((s.routes[0].trips[0].return_time.0 - 4000.0).abs() < 1e-6);
}

#[test]
fn second_time_window_is_used_when_the_first_is_missed() {
    let mut o = order(1, 1);
    o.time_windows = vec![TimeWindow::new(0.0, 500.0), TimeWindow::new(2000.0, 2100.0)];
    let p = problem(&[(0.0, 0.0), (1000.0, 0.0)], vec![o], vec![vehicle(1, 10)]);
    let s = run(&p);
    let v = &s.routes[0].trips[0].visits[0];
    assert!((v.service_start.0 - 2000.0).abs() < 1e-6);
    // The least-duration schedule leaves late instead of waiting at the customer.
    assert!((s.routes[0].trips[0].departure.0 - 1000.0).abs() < 1e-6);
}

#[test]
fn unreachable_and_oversized_orders_get_their_reasons() {
    let points = [(0.0, 0.0), (1000.0, 0.0), (0.0, 500.0)];
    let mut p = problem(
        &points,
        vec![order(1, 1), order(2, 50), order(1, 1)],
        vec![vehicle(1, 10)],
    );
    // Location 1 cut off from the depot.
    p.matrices[0] = TravelMatrix::from_fn(3, |i, j| {
        if i != j && (i == 1 || j == 1) {
            (Meters::INFINITY, Seconds::INFINITY)
        } else {
            let d = (points[i].0 - points[j].0).hypot(points[i].1 - points[j].1);
            (Meters(d), Seconds(d))
        }
    });
    let s = run(&p);
    let reasons: Vec<(usize, UnassignedReason)> =
        s.unassigned.iter().map(|u| (u.order, u.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (0, UnassignedReason::Unreachable),
            (1, UnassignedReason::Capacity),
            (2, UnassignedReason::Unreachable),
        ]
    );
    assert!(s.routes.is_empty());
}

/// A random-looking but fixed instance with windows, for search properties.
fn clustered(n: usize) -> Problem {
    let mut points = vec![(0.0, 0.0)];
    let mut orders = Vec::new();
    for i in 0..n {
        let a = i as f64 * 2.399;
        let r = 300.0 + 97.0 * ((i * 37) % 23) as f64;
        points.push((r * a.cos(), r * a.sin()));
        let mut o = order(i + 1, 1 + (i as i64 * 7) % 5);
        let open = ((i * 131) % 7) as f64 * 900.0;
        o.time_windows = vec![TimeWindow::new(open, open + 3600.0)];
        o.handling_time = Seconds(120.0);
        orders.push(o);
    }
    problem(&points, orders, vec![vehicle(8, 15)])
}

#[test]
fn same_seed_gives_the_same_solution_and_search_never_loses() {
    let p = clustered(40);
    let a = run(&p);
    let b = run(&p);
    assert_eq!(a.routes, b.routes);
    assert_eq!(a.cost, b.cost);
    assert!(a.stats.construction_cost >= a.cost - 1e-9);
    assert_eq!(a.stats.iterations, 300);
    let served: usize = a
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.visits.len())
        .sum();
    assert_eq!(served + a.unassigned.len(), 40);
}

#[test]
fn malformed_problem_reports_every_issue_at_once() {
    let mut p = problem(
        &[(0.0, 0.0), (1000.0, 0.0)],
        vec![order(5, -1)],
        vec![vehicle(1, 10)],
    );
    p.orders[0].time_windows = vec![TimeWindow::new(10.0, 5.0)];
    p.vehicle_types[0].max_trips = 0;
    p.vehicle_types[0].depot = 3;
    let err = solve(
        &p,
        &SolveParams {
            seed: 0,
            max_iterations: Some(1),
            time_limit: None,
        },
    )
    .unwrap_err();
    let kinds: Vec<&ProblemIssue> = err.issues.iter().collect();
    assert!(
        kinds
            .iter()
            .any(|i| matches!(i, ProblemIssue::LocationOutOfRange { index: 0, .. }))
    );
    assert!(
        kinds
            .iter()
            .any(|i| matches!(i, ProblemIssue::NegativeAmount { .. }))
    );
    assert!(
        kinds
            .iter()
            .any(|i| matches!(i, ProblemIssue::BadTimeWindow { what: "order", .. }))
    );
    assert!(
        kinds
            .iter()
            .any(|i| matches!(i, ProblemIssue::ZeroTrips { vehicle_type: 0 }))
    );
    assert!(
        kinds
            .iter()
            .any(|i| matches!(i, ProblemIssue::DepotOutOfRange { depot: 3, .. }))
    );
    let top: freightsim::Error = err.into();
    assert_eq!(top.exit_code(), 2);
}

#[test]
fn release_time_delays_the_trip_departure() {
    let mut o = order(1, 1);
    o.release = Seconds(5000.0);
    let p = problem(&[(0.0, 0.0), (1000.0, 0.0)], vec![o], vec![vehicle(1, 10)]);
    let s = run(&p);
    let trip = &s.routes[0].trips[0];
    assert!((trip.departure.0 - 5000.0).abs() < 1e-6);
    assert!((trip.visits[0].arrival.0 - 6000.0).abs() < 1e-6);
}

#[test]
fn stop_time_is_charged_once_per_site() {
    // Two orders at the same site: one stop of 300 s, two handlings of 60 s.
    let mut a = order(1, 1);
    let mut b = order(1, 1);
    for o in [&mut a, &mut b] {
        o.stop_time = Seconds(300.0);
        o.handling_time = Seconds(60.0);
    }
    let mut v = vehicle(1, 10);
    v.cost_per_hour = 36.0; // 0.01 per second
    let p = problem(&[(0.0, 0.0), (1000.0, 0.0)], vec![a, b], vec![v]);
    let s = run(&p);
    let trip = &s.routes[0].trips[0];
    assert_eq!(trip.visits.len(), 2);
    // 1000 s out, 300 + 60 + 60 s on site, 1000 s back.
    let duration = trip.return_time.0 - trip.departure.0;
    assert!((duration - 2420.0).abs() < 1e-6, "duration {duration}");
    assert!((s.cost - (2.0 + 24.2)).abs() < 1e-9, "cost {}", s.cost);
}

#[test]
fn duration_limit_forces_two_vehicles_and_fixed_cost_counts_per_vehicle() {
    // East and west at 1 km: one loop takes 4000 s, over the 3000 s limit.
    let mut v = vehicle(2, 10);
    v.max_duration = Some(Seconds(3000.0));
    v.fixed_cost = 100.0;
    let p = problem(
        &[(0.0, 0.0), (1000.0, 0.0), (-1000.0, 0.0)],
        vec![order(1, 1), order(2, 1)],
        vec![v],
    );
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    assert_eq!(s.routes.len(), 2);
    assert!((s.cost - 204.0).abs() < 1e-9, "cost {}", s.cost);
    assert_eq!(
        s.routes.iter().map(|r| r.vehicle).collect::<Vec<_>>(),
        vec![0, 1]
    );
}

#[test]
fn reload_at_a_nearer_depot_between_trips() {
    // Home depot at 0, a reload depot at 3 km next to the orders at 3.5 and 4 km; capacity
    // for one order per trip. Best: home, 3.5 km, reload, 4 km, home.
    let points = [(0.0, 0.0), (3500.0, 0.0), (4000.0, 0.0), (3000.0, 0.0)];
    let mut p = problem(&points, vec![order(1, 1), order(2, 1)], vec![]);
    p.depots.push(Depot {
        name: "hub".into(),
        location: 3,
        open: TimeWindow::always(),
        reload_time: Seconds(0.0),
    });
    let mut v = vehicle(1, 1);
    v.max_trips = 2;
    v.reload_depots = vec![1];
    p.vehicle_types.push(v);
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    let trips = &s.routes[0].trips;
    assert_eq!(trips.len(), 2);
    assert_eq!(trips[0].end_depot, 1);
    assert_eq!(trips[1].start_depot, 1);
    // 3.5 + 0.5 out and to the hub, 1 + 4 to the far order and home.
    assert!((total_distance(&s) - 9000.0).abs() < 1e-6);
}

/// One instance of every benchmark set, solved with a short budget: the independent checker
/// accepts the result and every order is served. The instances live outside the repository:
/// `$FREIGHTSIM_BENCH` (default `<crate>/../shared/bench`); skipped when absent, unless
/// `FREIGHTSIM_REQUIRE_DATA=1`.
#[test]
fn benchmark_instances_solve_feasibly() {
    let Some(dir) = common::shared_bench() else {
        return;
    };
    for file in [
        "solomon/RC101.txt",
        "cvrp_x/X-n101-k25.vrp",
        "hfvrp/X120-FSMF.vrp",
        "mtvrptwr/R201R0.5.vrp",
    ] {
        let inst = freightsim::instances::read(&dir.join("instances").join(file), None)
            .expect("benchmark file reads");
        let s = solve(
            &inst.problem,
            &SolveParams {
                seed: 1,
                max_iterations: Some(200),
                time_limit: None,
            },
        )
        .expect("valid problem");
        let report = freightsim::routing::check::check(&inst.problem, &s)
            .unwrap_or_else(|v| panic!("{file}: {} violations, first: {}", v.len(), v[0]));
        assert_eq!(report.unassigned_required, 0, "{file}");
        assert!((report.cost - s.cost).abs() <= 1e-6 * s.cost, "{file}");
        assert!(s.stats.construction_cost >= s.cost - 1e-9, "{file}");
    }
}

/// Sixty routes are more than the solver scans whole for each insertion: orders then go
/// only to the routes of their nearest routed orders, and the optimum must still be found.
#[test]
fn many_routes_pair_neighbours_on_a_line() {
    // Depot at 0, orders at 1 ... 120 m east; two orders per vehicle. The optimum pairs
    // orders 2k-1 and 2k: 2 x (2 + 4 + ... + 120) = 7,320 m.
    let points: Vec<(f64, f64)> = (0..=120).map(|x| (x as f64, 0.0)).collect();
    let orders = (1..=120).map(|l| order(l, 1)).collect();
    let p = problem(&points, orders, vec![vehicle(60, 2)]);
    let s = run(&p);
    assert!(s.unassigned.is_empty());
    assert!(
        (total_distance(&s) - 7320.0).abs() < 1e-6,
        "{}",
        total_distance(&s)
    );
    let mut trips = visit_orders(&s);
    trips.iter_mut().for_each(|t| t.sort_unstable());
    trips.sort_unstable();
    let want: Vec<Vec<usize>> = (0..60).map(|k| vec![2 * k, 2 * k + 1]).collect();
    assert_eq!(trips, want);
}
