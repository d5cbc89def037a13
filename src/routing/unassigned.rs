//! Why an order cannot be served: checks of each order on its own, done before the search.
//!
//! For every order the vehicle types are filtered stage by stage (allowed to serve it, big
//! enough, connected to it, able to serve it alone within its windows and shift, within
//! range and duration). The first stage that leaves no type names the reason; an order that
//! passes every stage enters the search, and if it is still left out at the end the fleet was
//! used up (required) or its prize did not pay for the detour (optional).

use super::instance::Instance;
use super::model::Priority;
use super::solution::UnassignedReason;

/// The reason an order cannot be served even alone, or `None` when some vehicle type can
/// serve it on a route of its own.
pub(crate) fn alone_reason(inst: &Instance, o: usize) -> Option<UnassignedReason> {
    let order = &inst.problem.orders[o];
    let u = o as u32;
    let mut types: Vec<usize> = (0..inst.types.len())
        .filter(|&t| inst.types[t].allowed[o] && inst.types[t].count > 0)
        .collect();
    let stages: [(UnassignedReason, &dyn Fn(usize) -> bool); 4] = [
        (UnassignedReason::Capacity, &|t| {
            let cap = inst.types[t].capacity;
            (0..cap.len()).all(|d| order.demand[d] <= cap[d])
        }),
        (UnassignedReason::Unreachable, &|t| {
            let home = inst.depot_node(inst.types[t].depot);
            [inst.dist(t, home, u), inst.dist(t, u, home)]
                .iter()
                .chain(&[inst.dur(t, home, u), inst.dur(t, u, home)])
                .all(|x| x.is_finite())
        }),
        (UnassignedReason::TimeWindow, &|t| {
            let home = inst.depot_node(inst.types[t].depot);
            let nodes = [home, u, home];
            let mut releases = Vec::new();
            inst.trip_releases(&nodes, &mut releases);
            let mut times = Vec::new();
            inst.earliest_departures(t, &nodes, &releases, &mut times)
                .is_some()
        }),
        (UnassignedReason::RouteLimit, &|t| {
            let home = inst.depot_node(inst.types[t].depot);
            inst.evaluate(t, &[home, u, home]).is_some()
        }),
    ];
    if types.is_empty() {
        return Some(UnassignedReason::NoCompatibleVehicle);
    }
    for (reason, keep) in stages {
        types.retain(|&t| keep(t));
        if types.is_empty() {
            return Some(reason);
        }
    }
    None
}

/// The reason an order that could be served alone was left out by the search.
pub(crate) fn search_reason(inst: &Instance, o: usize) -> UnassignedReason {
    match inst.problem.orders[o].priority {
        Priority::Required => UnassignedReason::FleetExhausted,
        Priority::Optional { .. } => UnassignedReason::NotWorthPrize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::model::TimeWindow;
    use crate::units::Meters;

    #[test]
    fn each_stage_names_its_reason() {
        let mut p = fixtures::line(5, 1, 10, 1);
        p.vehicle_types[0].forbidden_orders = vec![0];
        p.orders[1].demand = [11, 0];
        // 3 km away at 1 m/s: cannot start service before 3000 s.
        p.orders[2].time_windows = vec![TimeWindow::new(0.0, 2000.0)];
        // 8 km round trip, over the range.
        p.vehicle_types[0].max_distance = Some(Meters(7000.0));
        p.orders[4].priority = crate::routing::model::Priority::Optional { prize: 1.0 };
        let inst = Instance::new(&p);
        let reasons: Vec<_> = (0..5).map(|o| alone_reason(&inst, o)).collect();
        assert_eq!(
            reasons,
            vec![
                Some(UnassignedReason::NoCompatibleVehicle),
                Some(UnassignedReason::Capacity),
                Some(UnassignedReason::TimeWindow),
                Some(UnassignedReason::RouteLimit),
                Some(UnassignedReason::RouteLimit),
            ]
        );
        assert_eq!(search_reason(&inst, 3), UnassignedReason::FleetExhausted);
        assert_eq!(search_reason(&inst, 4), UnassignedReason::NotWorthPrize);
    }
}
