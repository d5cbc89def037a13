//! Time-dependent travel times in the routing core, on a toy network: FIFO, a route that
//! crosses the morning peak takes longer than the same route off-peak, the independent
//! checker accepts every solution and agrees with the solver's times, and a flat profile
//! gives exactly today's results.

use freightsim::matrix::{Band, TimeBands, TravelMatrix};
use freightsim::routing::check::check;
use freightsim::routing::{
    Depot, Objective, Order, Priority, Problem, RoutingSolution, SolveParams, TimeWindow,
    VehicleType, solve,
};
use freightsim::units::{Meters, Seconds};

const H: f64 = 3600.0;

/// Night 1.0 to 08:00, peak 0.7 to 09:00, day 1.0 to 16:00, peak 0.7 to 19:00, 1.0 after.
fn shipped_like() -> TimeBands {
    let b = |name: &str, a: f64, z: f64, f: f64| Band {
        name: name.into(),
        start_s: a * H,
        end_s: z * H,
        factor: f,
        peak: f < 1.0,
    };
    TimeBands::new(vec![
        b("night", 0.0, 8.0, 1.0),
        b("am_peak", 8.0, 9.0, 0.7),
        b("inter_peak", 9.0, 16.0, 1.0),
        b("pm_peak", 16.0, 19.0, 0.7),
        b("evening", 19.0, 24.0, 1.0),
    ])
    .unwrap()
}

/// A depot and `n` sites on a ring of 2 km legs (240 s each at 30 km/h), one order per
/// site, served by two vans whose shift opens at `start` (seconds from midnight).
fn ring(n: usize, start: f64, bands: Vec<Option<TimeBands>>) -> Problem {
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / (n + 1) as f64;
        (a.cos() * 3000.0, a.sin() * 3000.0)
    };
    let matrix = TravelMatrix::from_fn(n + 1, |i, j| {
        let (p, q) = (pos(i), pos(j));
        let d = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt() * 1.3;
        (Meters(d), Seconds(d / (30.0 / 3.6)))
    });
    Problem {
        matrices: vec![matrix],
        depots: vec![Depot {
            name: "depot".into(),
            location: 0,
            open: TimeWindow::new(0.0, 24.0 * H),
            reload_time: Seconds(600.0),
        }],
        orders: (0..n)
            .map(|i| Order {
                id: format!("o{i}"),
                location: i + 1,
                demand: [10, 1],
                stop_time: Seconds(300.0),
                handling_time: Seconds(20.0),
                time_windows: vec![TimeWindow::new(0.0, 24.0 * H)],
                release: Seconds(0.0),
                priority: Priority::Required,
            })
            .collect(),
        vehicle_types: vec![VehicleType {
            name: "van".into(),
            count: 2,
            capacity: [1000, 100],
            profile: 0,
            depot: 0,
            reload_depots: vec![],
            max_trips: 1,
            fixed_cost: 30.0,
            cost_per_km: 0.15,
            cost_per_hour: 0.0,
            co2e_kg_per_km: 0.0,
            shift: TimeWindow::new(start, start + 10.0 * H),
            max_duration: None,
            max_distance: None,
            forbidden_orders: vec![],
        }],
        objective: Objective {
            carbon_price_per_kg: 0.0,
        },
        time_bands: bands,
    }
}

fn params() -> SolveParams {
    SolveParams {
        seed: 3,
        max_iterations: Some(300),
        time_limit: None,
    }
}

fn span(s: &RoutingSolution) -> f64 {
    s.routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| (t.return_time - t.departure).0)
        .sum()
}

#[test]
fn a_route_across_the_morning_peak_takes_longer_than_off_peak_and_the_checker_agrees() {
    let peak = ring(12, 8.0 * H, vec![Some(shipped_like())]);
    let off = ring(12, 10.0 * H, vec![Some(shipped_like())]);
    let (sp, so) = (
        solve(&peak, &params()).unwrap(),
        solve(&off, &params()).unwrap(),
    );
    assert!(sp.unassigned.is_empty() && so.unassigned.is_empty());
    // The checker re-derives every arrival band by band and accepts both.
    let rp = check(&peak, &sp).unwrap_or_else(|v| panic!("peak: {v:?}"));
    let ro = check(&off, &so).unwrap_or_else(|v| panic!("off-peak: {v:?}"));
    assert!((rp.cost - sp.cost).abs() < 1e-6 * sp.cost.max(1.0));
    assert!((ro.cost - so.cost).abs() < 1e-6 * so.cost.max(1.0));
    // Same orders, same distances available: the trips starting at 08:00 last longer.
    assert!(
        span(&sp) > span(&so) + 60.0,
        "{} vs {}",
        span(&sp),
        span(&so)
    );
    // Off-peak (10:00-20:00 shift, routes back before 16:00) the bands change nothing.
    let flat = ring(12, 10.0 * H, Vec::new());
    let sf = solve(&flat, &params()).unwrap();
    assert_eq!(sf.routes, so.routes);
}

#[test]
fn later_departures_never_arrive_earlier_on_the_toy_network() {
    let p = ring(6, 6.0 * H, vec![Some(shipped_like())]);
    let tb = shipped_like();
    for (a, b) in [(0usize, 3usize), (2, 5), (6, 1)] {
        let free = p.matrices[0].duration(a, b).0;
        let mut last = f64::NEG_INFINITY;
        let mut dep = 6.0 * H;
        while dep < 21.0 * H {
            let arr = p.arrival(0, a, b, dep);
            assert!(arr > last, "FIFO broken leaving at {dep}");
            assert!(arr - dep >= free - 1e-9 && arr - dep <= free / 0.7 + 1e-9);
            assert_eq!(arr, tb.arrival(dep, free));
            last = arr;
            dep += 37.0;
        }
    }
}

#[test]
fn a_flat_profile_gives_exactly_the_results_without_bands() {
    for start in [6.0 * H, 8.0 * H, 15.5 * H] {
        let none = solve(&ring(15, start, Vec::new()), &params()).unwrap();
        let flat = solve(&ring(15, start, vec![Some(TimeBands::flat())]), &params()).unwrap();
        assert_eq!(none.routes, flat.routes);
        assert_eq!(none.unassigned, flat.unassigned);
        assert_eq!(none.cost.to_bits(), flat.cost.to_bits());
    }
}

#[test]
fn windows_are_met_with_peak_travel_times() {
    // Tight windows just after the peak: the solver must plan with the slow legs.
    let mut p = ring(8, 7.5 * H, vec![Some(shipped_like())]);
    for (i, o) in p.orders.iter_mut().enumerate() {
        let a = 8.0 * H + 600.0 * i as f64;
        o.time_windows = vec![TimeWindow::new(a, a + 1800.0)];
    }
    let s = solve(&p, &params()).unwrap();
    check(&p, &s).unwrap_or_else(|v| panic!("{v:?}"));
    let served: usize = s
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.visits.len())
        .sum();
    assert_eq!(served + s.unassigned.len(), 8);
}
