//! The checker itself: hand-built solutions whose every number was worked out by hand.
//! Valid ones pass with the expected cost; each rule, broken on purpose, is reported.

use freightsim::matrix::TravelMatrix;
use freightsim::routing::check::{Violation, check};
use freightsim::routing::{
    Depot, Objective, Order, Priority, Problem, Route, RoutingSolution, SearchStats, TimeWindow,
    Trip, Unassigned, UnassignedReason, VehicleType, Visit,
};
use freightsim::units::{Meters, Seconds};

/// Points 0 (depot), 1, 2, 3 on a line, 1 km and 100 s apart.
/// Orders 0, 1, 2 at points 1, 2, 3: demand [1, 1], stop time 10 s, window [0, 2000].
/// One vehicle type: 2 vehicles, capacity [2, 5], 2 trips, fixed cost 10, 1 per km.
/// Depot open [0, 10000], reload 50 s; shift [0, 10000].
fn problem() -> Problem {
    let matrix = TravelMatrix::from_fn(4, |i, j| {
        let d = (i as f64 - j as f64).abs();
        (Meters(1000.0 * d), Seconds(100.0 * d))
    });
    let order = |i: usize| Order {
        id: format!("o{i}"),
        location: i + 1,
        demand: [1, 1],
        stop_time: Seconds(10.0),
        handling_time: Seconds(0.0),
        time_windows: vec![TimeWindow::new(0.0, 2000.0)],
        release: Seconds(0.0),
        priority: Priority::Required,
    };
    let depot = |name: &str| Depot {
        name: name.into(),
        location: 0,
        open: TimeWindow::new(0.0, 10_000.0),
        reload_time: Seconds(50.0),
    };
    Problem {
        matrices: vec![matrix],
        depots: vec![depot("home"), depot("hub")],
        orders: (0..3).map(order).collect(),
        vehicle_types: vec![VehicleType {
            name: "van".into(),
            count: 2,
            capacity: [2, 5],
            profile: 0,
            depot: 0,
            reload_depots: vec![],
            max_trips: 2,
            fixed_cost: 10.0,
            cost_per_km: 1.0,
            cost_per_hour: 0.0,
            co2e_kg_per_km: 0.0,
            shift: TimeWindow::new(0.0, 10_000.0),
            max_duration: None,
            max_distance: None,
            forbidden_orders: vec![],
        }],
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: Vec::new(),
    }
}

fn visit(order: usize, arrival: f64, service_start: f64) -> Visit {
    Visit {
        order,
        arrival: Seconds(arrival),
        service_start: Seconds(service_start),
    }
}

/// Vehicle 0: trip A 0 -> 1 -> 2 -> 0 leaving at 0 (arrive 100, leave 110, arrive 210,
/// leave 220, back 420, 4 km); reload 50 s; trip B 0 -> 3 -> 0 leaving at 470 (arrive 770,
/// leave 780, back 1080, 6 km). Cost = 10 + 10 km x 1 = 20.
fn valid() -> RoutingSolution {
    let a = Trip {
        start_depot: 0,
        end_depot: 0,
        departure: Seconds(0.0),
        return_time: Seconds(420.0),
        visits: vec![visit(0, 100.0, 100.0), visit(1, 210.0, 210.0)],
        distance: Meters(4000.0),
    };
    let b = Trip {
        start_depot: 0,
        end_depot: 0,
        departure: Seconds(470.0),
        return_time: Seconds(1080.0),
        visits: vec![visit(2, 770.0, 770.0)],
        distance: Meters(6000.0),
    };
    RoutingSolution {
        routes: vec![Route {
            vehicle_type: 0,
            vehicle: 0,
            trips: vec![a, b],
        }],
        unassigned: vec![],
        cost: 20.0,
        stats: SearchStats::default(),
    }
}

/// Asserts that checking `s` against `p` reports a violation matching `pred`.
fn rejects(p: &Problem, s: &RoutingSolution, pred: impl Fn(&Violation) -> bool) {
    match check(p, s) {
        Ok(r) => panic!("accepted: {r:?}"),
        Err(v) => assert!(v.iter().any(pred), "{v:?}"),
    }
}

fn unassigned(order: usize) -> Unassigned {
    Unassigned {
        order,
        reason: UnassignedReason::FleetExhausted,
    }
}

#[test]
fn a_valid_multi_trip_route_passes_with_the_hand_computed_cost() {
    let report = check(&problem(), &valid()).unwrap();
    assert_eq!(report.cost, 20.0);
    assert_eq!(report.distance, Meters(10_000.0));
    assert_eq!((report.vehicles, report.trips, report.served), (1, 2, 3));
    assert_eq!(report.unassigned_required, 0);
}

#[test]
fn waiting_for_a_window_and_same_site_orders_are_accepted() {
    let mut p = problem();
    // Order 1 moves to order 0's site (point 1) and opens at 300: no travel, no second
    // stop time, wait from 110 to 300, leave 300, back at 400, 2 km.
    p.orders[1].location = 1;
    p.orders[1].time_windows = vec![TimeWindow::new(50.0, 60.0), TimeWindow::new(300.0, 400.0)];
    let mut s = valid();
    let a = &mut s.routes[0].trips[0];
    a.visits[1] = visit(1, 110.0, 300.0);
    a.return_time = Seconds(400.0);
    a.distance = Meters(2000.0);
    s.routes[0].trips[1].departure = Seconds(450.0);
    s.routes[0].trips[1].visits[0] = visit(2, 750.0, 750.0);
    s.routes[0].trips[1].return_time = Seconds(1060.0);
    s.cost = 18.0;
    assert_eq!(check(&p, &s).unwrap().cost, 18.0);
}

#[test]
fn optional_orders_left_out_add_their_prize_and_required_ones_are_counted() {
    let mut p = problem();
    p.orders[2].priority = Priority::Optional { prize: 7.5 };
    let mut s = valid();
    s.routes[0].trips.pop();
    s.unassigned = vec![unassigned(2)];
    s.cost = 10.0 + 4.0 + 7.5;
    assert_eq!(check(&p, &s).unwrap().cost, 21.5);
    p.orders[2].priority = Priority::Required;
    s.cost = 14.0;
    assert_eq!(check(&p, &s).unwrap().unassigned_required, 1);
}

#[test]
fn unknown_order() {
    let mut s = valid();
    s.unassigned = vec![unassigned(9)];
    rejects(&problem(), &s, |v| {
        matches!(
            v,
            Violation::UnknownOrder {
                route: None,
                order: 9
            }
        )
    });
}

#[test]
fn served_twice() {
    let mut s = valid();
    s.routes[0].trips[1].visits.push(visit(0, 0.0, 0.0));
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ServedTwice { order: 0, .. })
    });
}

#[test]
fn served_and_unassigned() {
    let mut s = valid();
    s.unassigned = vec![unassigned(1)];
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ServedAndUnassigned { order: 1, route: 0 })
    });
}

#[test]
fn unassigned_twice_and_unsorted() {
    let mut s = valid();
    s.routes[0].trips.pop();
    s.cost = 14.0;
    s.unassigned = vec![unassigned(2), unassigned(2)];
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::UnassignedTwice { order: 2 })
    });
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::UnassignedNotSorted { position: 1 })
    });
}

#[test]
fn missing_order() {
    let mut s = valid();
    s.routes[0].trips.pop();
    s.cost = 14.0;
    rejects(&problem(), &s, |v| *v == Violation::Missing { order: 2 });
}

#[test]
fn routes_not_sorted_and_vehicle_used_twice() {
    let mut s = valid();
    let mut second = s.routes[0].clone();
    let b = second.trips.pop().unwrap();
    s.routes[0].trips.pop();
    s.routes[0].vehicle = 1;
    let mut b = b;
    b.departure = Seconds(0.0);
    b.visits[0] = visit(2, 300.0, 300.0);
    b.return_time = Seconds(610.0);
    second.trips = vec![b];
    second.vehicle = 0;
    s.routes.push(second);
    s.cost = 30.0;
    rejects(&problem(), &s, |v| {
        *v == Violation::RoutesNotSorted { route: 1 }
    });
    s.routes[0].vehicle = 0;
    rejects(&problem(), &s, |v| {
        *v == Violation::VehicleUsedTwice {
            route: 1,
            first_route: 0,
        }
    });
    // sorted and distinct: valid (two vehicles, 4 km + 6 km, two fixed costs)
    s.routes.swap(0, 1);
    s.routes[1].vehicle = 1;
    assert_eq!(check(&problem(), &s).unwrap().vehicles, 2);
}

#[test]
fn unknown_vehicle_type_and_vehicle_out_of_range() {
    let mut s = valid();
    s.routes[0].vehicle = 2;
    rejects(&problem(), &s, |v| {
        matches!(
            v,
            Violation::VehicleOutOfRange {
                vehicle: 2,
                count: 2,
                ..
            }
        )
    });
    s.routes[0].vehicle_type = 5;
    rejects(&problem(), &s, |v| {
        matches!(
            v,
            Violation::UnknownIndex {
                what: "vehicle type",
                index: 5,
                ..
            }
        )
    });
}

#[test]
fn empty_route_and_empty_trip() {
    let mut s = valid();
    s.routes[0].trips[1].visits.clear();
    rejects(&problem(), &s, |v| {
        *v == Violation::EmptyTrip { route: 0, trip: 1 }
    });
    s.routes[0].trips.clear();
    rejects(&problem(), &s, |v| *v == Violation::EmptyRoute { route: 0 });
}

#[test]
fn too_many_trips() {
    let mut p = problem();
    p.vehicle_types[0].max_trips = 1;
    rejects(&p, &valid(), |v| {
        matches!(
            v,
            Violation::TooManyTrips {
                trips: 2,
                max_trips: 1,
                ..
            }
        )
    });
}

#[test]
fn not_home_depot() {
    let mut s = valid();
    s.routes[0].trips[0].start_depot = 1;
    rejects(&problem(), &s, |v| {
        matches!(
            v,
            Violation::NotHomeDepot {
                trip: 0,
                depot: 1,
                ..
            }
        )
    });
    let mut s = valid();
    s.routes[0].trips[1].end_depot = 1;
    rejects(&problem(), &s, |v| {
        matches!(
            v,
            Violation::NotHomeDepot {
                trip: 1,
                depot: 1,
                ..
            }
        )
    });
}

#[test]
fn broken_chain() {
    let mut s = valid();
    s.routes[0].trips[0].end_depot = 1;
    rejects(&problem(), &s, |v| {
        *v == Violation::BrokenChain { route: 0, trip: 1 }
    });
}

#[test]
fn reload_only_at_allowed_depots() {
    let mut s = valid();
    s.routes[0].trips[0].end_depot = 1;
    s.routes[0].trips[1].start_depot = 1;
    rejects(&problem(), &s, |v| {
        *v == Violation::ReloadNotAllowed {
            route: 0,
            trip: 1,
            depot: 1,
        }
    });
    let mut p = problem();
    p.vehicle_types[0].reload_depots = vec![1];
    assert!(check(&p, &s).is_ok());
}

#[test]
fn reload_too_short() {
    let mut s = valid();
    let b = &mut s.routes[0].trips[1];
    b.departure = Seconds(430.0);
    b.visits[0] = visit(2, 730.0, 730.0);
    b.return_time = Seconds(1040.0);
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ReloadTooShort { trip: 1, .. })
    });
}

#[test]
fn over_capacity() {
    let mut p = problem();
    p.vehicle_types[0].capacity = [2, 1];
    rejects(&p, &valid(), |v| {
        *v == Violation::OverCapacity {
            route: 0,
            trip: 0,
            dimension: 1,
            load: 2,
            capacity: 1,
        }
    });
}

#[test]
fn departs_before_open() {
    let mut p = problem();
    p.depots[0].open.start = Seconds(5.0);
    rejects(&p, &valid(), |v| {
        matches!(v, Violation::DepartsBeforeOpen { trip: 0, .. })
    });
}

#[test]
fn departs_before_release() {
    let mut p = problem();
    p.orders[1].release = Seconds(30.0);
    rejects(&p, &valid(), |v| {
        matches!(
            v,
            Violation::DepartsBeforeRelease {
                trip: 0,
                order: 1,
                ..
            }
        )
    });
}

#[test]
fn unreachable_leg() {
    let mut p = problem();
    p.matrices[0] = TravelMatrix::from_fn(4, |i, j| {
        let d = (i as f64 - j as f64).abs();
        if (i, j) == (1, 2) {
            (Meters::INFINITY, Seconds::INFINITY)
        } else {
            (Meters(1000.0 * d), Seconds(100.0 * d))
        }
    });
    rejects(&p, &valid(), |v| {
        *v == Violation::Unreachable {
            route: 0,
            trip: 0,
            from: 1,
            to: 2,
        }
    });
}

#[test]
fn arrival_mismatch() {
    let mut s = valid();
    s.routes[0].trips[0].visits[1].arrival = Seconds(200.0);
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ArrivalMismatch { order: 1, .. })
    });
}

#[test]
fn service_before_arrival() {
    let mut s = valid();
    s.routes[0].trips[0].visits[1].service_start = Seconds(205.0);
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ServiceBeforeArrival { order: 1, .. })
    });
}

#[test]
fn outside_time_window() {
    let mut p = problem();
    p.orders[2].time_windows = vec![TimeWindow::new(0.0, 700.0)];
    rejects(&p, &valid(), |v| {
        matches!(
            v,
            Violation::OutsideTimeWindow {
                order: 2,
                trip: 1,
                ..
            }
        )
    });
}

#[test]
fn return_mismatch_and_trip_distance_mismatch() {
    let mut s = valid();
    s.routes[0].trips[0].return_time = Seconds(419.0);
    s.routes[0].trips[0].distance = Meters(3000.0);
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::ReturnMismatch { trip: 0, .. })
    });
    rejects(&problem(), &s, |v| {
        matches!(v, Violation::TripDistanceMismatch { trip: 0, .. })
    });
}

#[test]
fn returns_after_close() {
    let mut p = problem();
    p.depots[0].open.end = Seconds(1000.0);
    rejects(&p, &valid(), |v| {
        matches!(v, Violation::ReturnsAfterClose { trip: 1, .. })
    });
}

#[test]
fn outside_shift() {
    let mut p = problem();
    p.vehicle_types[0].shift.end = Seconds(1079.0);
    rejects(&p, &valid(), |v| {
        matches!(v, Violation::OutsideShift { route: 0, .. })
    });
}

#[test]
fn duration_and_distance_limits() {
    let mut p = problem();
    p.vehicle_types[0].max_duration = Some(Seconds(1000.0));
    p.vehicle_types[0].max_distance = Some(Meters(9000.0));
    rejects(&p, &valid(), |v| {
        matches!(v, Violation::DurationExceeded { .. })
    });
    rejects(&p, &valid(), |v| {
        matches!(v, Violation::DistanceExceeded { .. })
    });
    p.vehicle_types[0].max_duration = Some(Seconds(1080.0));
    p.vehicle_types[0].max_distance = Some(Meters(10_000.0));
    assert!(check(&p, &valid()).is_ok(), "limits are inclusive");
}

#[test]
fn forbidden_order() {
    let mut p = problem();
    p.vehicle_types[0].forbidden_orders = vec![2];
    rejects(&p, &valid(), |v| {
        *v == Violation::ForbiddenOrder {
            route: 0,
            order: 2,
            vehicle_type: 0,
        }
    });
}

#[test]
fn cost_mismatch_and_tolerance() {
    let mut s = valid();
    s.cost = 20.0 * (1.0 + 1e-7);
    assert!(check(&problem(), &s).is_ok(), "within 1e-6 relative");
    s.cost = 20.1;
    rejects(&problem(), &s, |v| {
        *v == Violation::CostMismatch {
            reported: 20.1,
            expected: 20.0,
        }
    });
}

#[test]
fn time_and_carbon_costs_are_priced() {
    let mut p = problem();
    p.vehicle_types[0].cost_per_hour = 36.0; // 1080 s = 0.3 h -> 10.8
    p.vehicle_types[0].co2e_kg_per_km = 0.5; // 10 km -> 5 kg
    p.objective.carbon_price_per_kg = 2.0; // -> 10
    let mut s = valid();
    s.cost = 20.0 + 10.8 + 10.0;
    assert!((check(&p, &s).unwrap().cost - 40.8).abs() < 1e-9);
}
