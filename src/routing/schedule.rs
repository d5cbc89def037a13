//! Exact evaluation of one route: loads per trip, distance, and the time schedule with time
//! windows, stop and handling times, reloads, release times, shift and depot hours.
//!
//! A route is a node sequence `[home, orders.., reload depot, orders.., home]`: a depot node
//! inside the sequence ends one trip and starts the next after the depot's reload time.
//!
//! # Timing rules
//! - Service starts inside one of the node's windows; the vehicle waits when early. The
//!   earliest window that can still be met is chosen: arriving earlier never hurts, so this
//!   greedy choice is exact even with several windows per order.
//! - Service lasts the order's handling time, plus its stop time when the vehicle arrives
//!   from another location (orders at one site served one after another make one stop).
//! - A trip leaves its depot no earlier than the depot opens, the shift starts (first trip)
//!   and the latest release time of the orders it carries.
//! - The route's duration is the least possible: the schedule ends as early as possible and
//!   the first departure is then delayed as much as that end allows (waiting at the depot
//!   instead of at a customer). Duration, as a function of the end time, never decreases,
//!   so this is the minimum.
//! - With hour bands a leg's time depends on its departure ([`Instance::arrive`], FIFO);
//!   the backward pass uses the exact inverse ([`Instance::leave_by`]). The schedule is the
//!   latest start that still makes the earliest end; when a peak makes a later start
//!   quicker (waiting out the peak at the depot), the shorter schedule that ends later is
//!   not searched: the duration is then an upper bound of the least one. Feasibility is
//!   exact either way.

use super::instance::Instance;

/// Result of evaluating a feasible route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RouteEval {
    /// Metres driven.
    pub distance: f64,
    /// Seconds from the first departure to the last return.
    pub duration: f64,
    /// Departure time of the first trip in the least-duration schedule.
    pub start: f64,
    /// Fixed + distance + time cost.
    pub cost: f64,
}

/// Earliest service start and departure at a node reached at `arrival`, or `None` when every
/// window has closed.
#[inline]
pub(crate) fn forward_step(
    arrival: f64,
    windows: &[(f64, f64)],
    service: f64,
    release: f64,
) -> Option<(f64, f64)> {
    for &(a, b) in windows {
        if arrival <= b + ROUNDING_SLACK_S {
            let s = arrival.max(a);
            return Some((s, (s + service).max(release)));
        }
    }
    None
}

/// Latest arrival (= latest service start) at a node such that the vehicle can leave by
/// `latest_departure`, or `None` when impossible.
#[inline]
pub(crate) fn backward_step(
    latest_departure: f64,
    windows: &[(f64, f64)],
    service: f64,
    release: f64,
) -> Option<f64> {
    if release > latest_departure + ROUNDING_SLACK_S {
        return None;
    }
    for &(a, b) in windows.iter().rev() {
        let s = b.min(latest_departure - service);
        // Rounding slack: a backward pass from an end time the forward pass reached must not
        // fail on the last bit of a sum.
        if s >= a - ROUNDING_SLACK_S {
            return Some(s.max(a));
        }
    }
    None
}

/// Tolerance of the backward pass against floating-point rounding, in seconds.
const ROUNDING_SLACK_S: f64 = 1e-7;

/// What a position in a route is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// First node: the home depot at the start.
    Start,
    /// A depot between two trips.
    Reload,
    /// Last node: the home depot at the end.
    End,
    /// An order.
    Order,
}

impl Instance<'_> {
    /// Kind of the node at position `k` of a route of `len` nodes.
    #[inline]
    pub(crate) fn kind(&self, node: u32, k: usize, len: usize) -> Kind {
        if k == 0 {
            Kind::Start
        } else if k + 1 == len {
            Kind::End
        } else if self.is_depot(node) {
            Kind::Reload
        } else {
            Kind::Order
        }
    }

    /// Windows of a node of the given kind for vehicle type `t`.
    #[inline]
    pub(crate) fn node_windows(&self, t: usize, node: u32, kind: Kind) -> &[(f64, f64)] {
        match kind {
            Kind::Start => &self.types[t].start_window,
            Kind::End => &self.types[t].end_window,
            Kind::Reload => &self.depot_windows[node as usize - self.n],
            Kind::Order => &self.windows[node as usize],
        }
    }

    /// Release bound on the departure from each depot node (the latest release of the orders
    /// of the trip it starts); `f64::NEG_INFINITY` for other nodes.
    pub(crate) fn trip_releases(&self, nodes: &[u32], out: &mut Vec<f64>) {
        out.clear();
        out.resize(nodes.len(), f64::NEG_INFINITY);
        let mut current = 0;
        for (k, &v) in nodes.iter().enumerate() {
            if self.is_depot(v) {
                current = k;
            } else {
                let r = self.release(v);
                if r > out[current] {
                    out[current] = r;
                }
            }
        }
    }

    /// Checks everything but time for vehicle type `t`: allowed orders, trip count, loads per
    /// trip and distance. Returns the distance when they hold.
    pub(crate) fn static_check(&self, t: usize, nodes: &[u32]) -> Option<f64> {
        let td = &self.types[t];
        let mut load = [0i64; super::model::DIMENSIONS];
        let mut trips = 0;
        let mut distance = 0.0;
        for (k, &v) in nodes.iter().enumerate() {
            if k > 0 {
                distance += self.dist(t, nodes[k - 1], v);
            }
            if self.is_depot(v) {
                if k + 1 < nodes.len() {
                    trips += 1;
                }
                load = [0; super::model::DIMENSIONS];
            } else {
                if !td.allowed[v as usize] {
                    return None;
                }
                let q = self.demand(v);
                for d in 0..load.len() {
                    load[d] += q[d];
                    if load[d] > td.capacity[d] {
                        return None;
                    }
                }
            }
        }
        (trips <= td.max_trips && distance <= td.max_distance && distance.is_finite())
            .then_some(distance)
    }

    /// Earliest departures from every node (forward pass from the earliest start); `None` when
    /// a window cannot be met.
    pub(crate) fn earliest_departures(
        &self,
        t: usize,
        nodes: &[u32],
        releases: &[f64],
        out: &mut Vec<f64>,
    ) -> Option<()> {
        out.clear();
        let len = nodes.len();
        let start_w = self.types[t].start_window;
        let mut dep = start_w[0].0.max(releases[0]);
        if start_w[0].0 > start_w[0].1 {
            return None;
        }
        out.push(dep);
        for k in 1..len {
            let (prev, v) = (nodes[k - 1], nodes[k]);
            let kind = self.kind(v, k, len);
            let arrival = self.arrive(t, prev, v, dep);
            let (_, d) = forward_step(
                arrival,
                self.node_windows(t, v, kind),
                self.service(v, prev, kind == Kind::Reload),
                releases[k],
            )?;
            dep = d;
            out.push(dep);
        }
        Some(())
    }

    /// Latest departures from every node such that the rest of the route stays feasible and
    /// the vehicle is back by `deadline`; `None` when impossible.
    pub(crate) fn latest_departures(
        &self,
        t: usize,
        nodes: &[u32],
        releases: &[f64],
        deadline: f64,
        out: &mut Vec<f64>,
    ) -> Option<()> {
        let len = nodes.len();
        out.clear();
        out.resize(len, f64::INFINITY);
        let mut latest_arrival = deadline;
        for k in (0..len - 1).rev() {
            let (v, next) = (nodes[k], nodes[k + 1]);
            let d = self.leave_by(t, v, next, latest_arrival);
            out[k] = d;
            let kind = self.kind(v, k, len);
            let service = if k == 0 {
                0.0
            } else {
                self.service(v, nodes[k - 1], kind == Kind::Reload)
            };
            latest_arrival = backward_step(d, self.node_windows(t, v, kind), service, releases[k])?;
        }
        Some(())
    }

    /// Evaluates a route exactly for vehicle type `t`; `None` when infeasible. An empty route
    /// (`[home, home]`) costs nothing.
    pub(crate) fn evaluate(&self, t: usize, nodes: &[u32]) -> Option<RouteEval> {
        if nodes.len() <= 2 {
            return Some(RouteEval {
                distance: 0.0,
                duration: 0.0,
                start: 0.0,
                cost: 0.0,
            });
        }
        let distance = self.static_check(t, nodes)?;
        let mut releases = Vec::with_capacity(nodes.len());
        self.trip_releases(nodes, &mut releases);
        let mut times = Vec::with_capacity(nodes.len());
        self.earliest_departures(t, nodes, &releases, &mut times)?;
        let end = *times.last()?;
        self.latest_departures(t, nodes, &releases, end, &mut times)?;
        let start_w = self.types[t].start_window[0];
        let start = times[0].min(start_w.1).max(start_w.0);
        let duration = end - start;
        let td = &self.types[t];
        if duration > td.max_duration {
            return None;
        }
        Some(RouteEval {
            distance,
            duration,
            start,
            cost: td.fixed_cost + td.cost_per_m * distance + td.cost_per_s * duration,
        })
    }

    /// `(arrival, service start, departure)` at every node in the least-duration schedule
    /// of a feasible route that leaves at `start`, or `None` when a window is missed.
    pub(crate) fn timeline(
        &self,
        t: usize,
        nodes: &[u32],
        start: f64,
    ) -> Option<Vec<(f64, f64, f64)>> {
        let len = nodes.len();
        let mut releases = Vec::new();
        self.trip_releases(nodes, &mut releases);
        let mut out = Vec::with_capacity(len);
        let mut dep = start.max(releases[0]);
        out.push((start, start, dep));
        for k in 1..len {
            let (prev, v) = (nodes[k - 1], nodes[k]);
            let kind = self.kind(v, k, len);
            let arrival = self.arrive(t, prev, v, dep);
            let (s, d) = forward_step(
                arrival,
                self.node_windows(t, v, kind),
                self.service(v, prev, kind == Kind::Reload),
                releases[k],
            )?;
            dep = d;
            out.push((arrival, s, d));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;

    #[test]
    fn forward_step_waits_and_takes_the_first_window_still_open() {
        let w = [(100.0, 200.0), (500.0, 600.0)];
        assert_eq!(forward_step(50.0, &w, 10.0, 0.0), Some((100.0, 110.0)));
        assert_eq!(forward_step(300.0, &w, 10.0, 0.0), Some((500.0, 510.0)));
        assert_eq!(forward_step(700.0, &w, 10.0, 0.0), None);
        // A release later than the service end delays the departure.
        assert_eq!(forward_step(50.0, &w, 10.0, 400.0), Some((100.0, 400.0)));
    }

    #[test]
    fn backward_step_gives_the_latest_arrival() {
        let w = [(100.0, 200.0), (500.0, 600.0)];
        assert_eq!(backward_step(550.0, &w, 10.0, 0.0), Some(540.0));
        assert_eq!(backward_step(400.0, &w, 10.0, 0.0), Some(200.0));
        assert_eq!(backward_step(50.0, &w, 10.0, 0.0), None);
        assert_eq!(backward_step(400.0, &w, 10.0, 450.0), None);
    }

    #[test]
    fn two_trips_cost_their_distance_and_the_reload() {
        let p = fixtures::line(2, 1, 1, 2);
        let inst = Instance::new(&p);
        let (h, a, b) = (inst.depot_node(0), 0, 1);
        // Capacity 1: one trip cannot carry both.
        assert_eq!(inst.evaluate(0, &[h, a, b, h]), None);
        let e = inst.evaluate(0, &[h, a, h, b, h]).expect("feasible");
        assert_eq!(e.distance, 2000.0 + 4000.0);
        // Driving 6000 s plus one reload of 60 s.
        assert_eq!(e.duration, 6060.0);
        assert_eq!(e.cost, 6.0);
        // A third trip is over the limit.
        assert_eq!(inst.evaluate(0, &[h, a, h, b, h, h]), None);
    }

    #[test]
    fn least_duration_start_waits_at_the_depot() {
        let mut p = fixtures::line(1, 1, 1, 1);
        p.orders[0].time_windows = vec![TimeWindow::new(5000.0, 6000.0)];
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let e = inst.evaluate(0, &[h, 0, h]).expect("feasible");
        assert_eq!(e.start, 4000.0);
        assert_eq!(e.duration, 2000.0);
        let times = inst.timeline(0, &[h, 0, h], e.start).expect("feasible");
        assert_eq!(times[1], (5000.0, 5000.0, 5000.0));
        assert_eq!(times[2].0, 6000.0);
    }

    use crate::routing::model::TimeWindow;
}
