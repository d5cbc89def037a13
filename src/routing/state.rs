//! Search state: routes as node sequences with cached schedule data, and the solution that
//! holds them.
//!
//! Each route caches, per position, the earliest departure (forward pass) and the latest
//! departure that keeps the rest of the route feasible (backward pass), the trip each edge
//! belongs to and the load of every trip. With them an insertion between two neighbours is
//! tested in O(1) (see [`super::insertion`]); the tests are exact when
//! [`Instance::fast_exact`] holds and a necessary condition otherwise, in which case the
//! exact [`Instance::evaluate`] decides.

use super::instance::Instance;
use super::model::{DIMENSIONS, Load};

/// One vehicle's route with its caches.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    /// Vehicle type.
    pub vtype: usize,
    /// Node ids: home depot, orders and reload depots, home depot.
    pub nodes: Vec<u32>,
    /// Earliest departure from each node.
    pub earliest: Vec<f64>,
    /// Latest departure from each node keeping the rest feasible.
    pub latest: Vec<f64>,
    /// Release bound of the trip each depot node starts.
    pub releases: Vec<f64>,
    /// Trip index of the edge leaving each node.
    pub trip_of: Vec<u16>,
    /// Load of each trip.
    pub trip_load: Vec<Load>,
    /// Segment data (see [`super::segment`]): metres driven from the start to each node.
    pub dist_to: Vec<f64>,
    /// Metres along the reversed edges from the start to each node.
    pub rdist_to: Vec<f64>,
    /// Driving plus service time from the start to the departure from each node.
    pub busy_to: Vec<f64>,
    /// Load of the current trip up to each node (zero at a depot).
    pub load_to: Vec<Load>,
    /// Orders up to each node.
    pub orders_to: Vec<u32>,
    /// Metres driven.
    pub distance: f64,
    /// Full cost (fixed + distance + time).
    pub cost: f64,
    /// Number of orders.
    pub orders: usize,
}

impl Route {
    /// An empty route of type `t` (costs nothing until it serves an order).
    pub fn empty(inst: &Instance, t: usize) -> Self {
        let home = inst.depot_node(inst.types[t].depot);
        let mut r = Self {
            vtype: t,
            nodes: vec![home, home],
            earliest: Vec::new(),
            latest: Vec::new(),
            releases: Vec::new(),
            trip_of: Vec::new(),
            trip_load: Vec::new(),
            dist_to: Vec::new(),
            rdist_to: Vec::new(),
            busy_to: Vec::new(),
            load_to: Vec::new(),
            orders_to: Vec::new(),
            distance: 0.0,
            cost: 0.0,
            orders: 0,
        };
        r.update(inst);
        r
    }

    /// Removes empty trips (two depot nodes in a row).
    fn drop_empty_trips(&mut self, inst: &Instance) {
        let mut k = 0;
        while k + 1 < self.nodes.len() && self.nodes.len() > 2 {
            if inst.is_depot(self.nodes[k]) && inst.is_depot(self.nodes[k + 1]) {
                // Keep the home depot at both ends.
                let drop = if k + 2 == self.nodes.len() { k } else { k + 1 };
                if drop == 0 {
                    break;
                }
                self.nodes.remove(drop);
            } else {
                k += 1;
            }
        }
    }

    /// Recomputes every cache after the node sequence changed. Returns false when the route
    /// is infeasible (the caller must repair it).
    pub fn update(&mut self, inst: &Instance) -> bool {
        self.drop_empty_trips(inst);
        let t = self.vtype;
        let len = self.nodes.len();
        self.orders = self.nodes.iter().filter(|&&v| !inst.is_depot(v)).count();
        self.trip_of.clear();
        self.trip_load.clear();
        let mut trip = 0u16;
        let mut load = [0i64; DIMENSIONS];
        for (k, &v) in self.nodes.iter().enumerate() {
            if k > 0 && inst.is_depot(v) {
                self.trip_load.push(load);
                load = [0; DIMENSIONS];
                if k + 1 < len {
                    trip += 1;
                }
            } else {
                let q = inst.demand(v);
                for d in 0..DIMENSIONS {
                    load[d] += q[d];
                }
            }
            self.trip_of.push(trip);
        }
        inst.trip_releases(&self.nodes, &mut self.releases);
        super::segment::fill(inst, self);
        if self.orders == 0 {
            self.distance = 0.0;
            self.cost = 0.0;
            let ok = inst
                .earliest_departures(t, &self.nodes, &self.releases, &mut self.earliest)
                .is_some();
            let deadline = inst.types[t].end_window[0].1;
            return ok
                && inst
                    .latest_departures(t, &self.nodes, &self.releases, deadline, &mut self.latest)
                    .is_some();
        }
        let Some(eval) = inst.evaluate(t, &self.nodes) else {
            self.cost = f64::INFINITY;
            return false;
        };
        self.distance = eval.distance;
        self.cost = eval.cost;
        let deadline = inst.types[t].end_window[0].1;
        inst.earliest_departures(t, &self.nodes, &self.releases, &mut self.earliest)
            .is_some()
            && inst
                .latest_departures(t, &self.nodes, &self.releases, deadline, &mut self.latest)
                .is_some()
    }

    /// Number of trips.
    pub fn trips(&self) -> usize {
        self.trip_load.len()
    }
}

/// A complete assignment: routes of used vehicles and the orders left out.
#[derive(Clone, Debug)]
pub(crate) struct Solution {
    /// Non-empty routes.
    pub routes: Vec<Route>,
    /// Orders not in any route (search-eligible ones only).
    pub unassigned: Vec<u32>,
    /// Vehicles in use per type.
    pub used: Vec<usize>,
    /// Route of each order (`u32::MAX` when unassigned or excluded).
    pub route_of: Vec<u32>,
    /// Objective with penalties: route costs plus omission costs of the unassigned orders.
    pub cost: f64,
}

impl Solution {
    /// A solution with every order in `pending` unassigned.
    pub fn empty(inst: &Instance, pending: Vec<u32>) -> Self {
        let mut s = Self {
            routes: Vec::new(),
            unassigned: pending,
            used: vec![0; inst.types.len()],
            route_of: vec![u32::MAX; inst.n],
            cost: 0.0,
        };
        s.refresh(inst);
        s
    }

    /// Recomputes the route index of every order, the fleet use and the cost; drops empty
    /// routes.
    pub fn refresh(&mut self, inst: &Instance) {
        self.routes.retain(|r| r.orders > 0);
        self.used.iter_mut().for_each(|u| *u = 0);
        for (i, r) in self.routes.iter().enumerate() {
            self.used[r.vtype] += 1;
            for &v in &r.nodes {
                if !inst.is_depot(v) {
                    self.route_of[v as usize] = i as u32;
                }
            }
        }
        for &u in &self.unassigned {
            self.route_of[u as usize] = u32::MAX;
        }
        self.cost = self.routes.iter().map(|r| r.cost).sum::<f64>()
            + self
                .unassigned
                .iter()
                .map(|&u| inst.omission_cost[u as usize])
                .sum::<f64>();
    }

    /// Removes orders from their routes (they join `unassigned`). Routes that become
    /// infeasible (possible only without the triangle inequality) are emptied too.
    pub fn remove(&mut self, inst: &Instance, orders: &[u32]) {
        let mut touched = vec![false; self.routes.len()];
        for &u in orders {
            let r = self.route_of[u as usize];
            if r == u32::MAX {
                continue;
            }
            let route = &mut self.routes[r as usize];
            if let Some(p) = route.nodes.iter().position(|&v| v == u) {
                route.nodes.remove(p);
                touched[r as usize] = true;
                self.unassigned.push(u);
                self.route_of[u as usize] = u32::MAX;
            }
        }
        for (i, t) in touched.into_iter().enumerate() {
            if t && !self.routes[i].update(inst) {
                let route = &mut self.routes[i];
                for &v in &route.nodes {
                    if !inst.is_depot(v) {
                        self.unassigned.push(v);
                    }
                }
                let home = route.nodes[0];
                route.nodes = vec![home, home];
                route.update(inst);
            }
        }
        self.refresh(inst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;

    #[test]
    fn update_drops_empty_trips_and_caches_trip_loads() {
        let p = fixtures::line(2, 1, 5, 3);
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let mut r = Route::empty(&inst, 0);
        r.nodes = vec![h, h, 0, h, 1, h, h];
        assert!(r.update(&inst));
        assert_eq!(r.nodes, vec![h, 0, h, 1, h]);
        assert_eq!(r.trips(), 2);
        assert_eq!(r.trip_load, vec![[1, 0], [1, 0]]);
        assert_eq!(r.trip_of, vec![0, 0, 1, 1, 1]);
        assert_eq!(r.distance, 6000.0);
    }

    #[test]
    fn removing_orders_keeps_the_solution_consistent() {
        let p = fixtures::line(3, 1, 5, 1);
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let mut r = Route::empty(&inst, 0);
        r.nodes = vec![h, 0, 1, 2, h];
        assert!(r.update(&inst));
        let mut s = Solution::empty(&inst, Vec::new());
        s.routes.push(r);
        s.refresh(&inst);
        assert_eq!(s.cost, 6.0);
        s.remove(&inst, &[2, 1]);
        assert_eq!(s.routes[0].nodes, vec![h, 0, h]);
        assert_eq!(s.route_of, vec![0, u32::MAX, u32::MAX]);
        assert_eq!(s.cost, 2.0 + 2.0 * inst.omission_cost[1]);
        s.remove(&inst, &[0]);
        assert!(s.routes.is_empty());
        assert_eq!(s.used, vec![0]);
    }
}
