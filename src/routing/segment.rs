//! Segment data: what the local-search moves need to price a route made of pieces of
//! existing routes without walking it.
//!
//! A move describes each route it creates as a concatenation of [`Part`]s: the head of a
//! route (its first nodes, from the home depot), slices of orders (forward or reversed) and
//! the tail of a route (its last nodes, to the home depot). Each route caches, per position,
//! the prefix sums this needs (see [`fill`]):
//! - distance driven from the start, forward and along the reversed edges;
//! - busy time from the start: driving plus service, a lower bound of the duration;
//! - load of the current trip up to the position, and orders up to it;
//! - (in [`Route`] already) the earliest departure and the latest departure that keeps the
//!   rest feasible, the trip of every position, each trip's load and release bound.
//!
//! # Exactness
//! Distance, loads, trip count, range and the time windows of a concatenation are computed
//! from the head's earliest departure, the slices walked node by node (at most three orders,
//! except in 2-opt), and the tail's latest departure: exact when every part comes from a
//! route whose type has the same timing as the new route's type
//! ([`Instance::same_timing`]) and the departure bounds do not move, i.e. when no release
//! time binds and time is free ([`Instance::fast_exact`]). Otherwise the result is a screen:
//! a lower bound of the cost (fixed, distance and busy time) that the caller re-evaluates
//! exactly with [`Instance::evaluate`] on the materialised nodes ([`Verdict::Screened`]).
//!
//! # Time of day
//! With hour bands ([`crate::matrix::time_bands`]) every timed step drives its leg from the
//! cursor's departure time ([`Instance::arrive`]) and the cached latest departures come from
//! the exact inverse ([`Instance::leave_by`]), so the window tests stay exact. The busy time
//! keeps free-flow durations: a lower bound of the duration as long as no band is faster
//! than free flow (factor ≤ 1, true of the shipped profiles); with a factor above 1 it is a
//! screen only, and a route it rejects on `max_duration` may in fact fit.

use super::instance::Instance;
use super::model::{DIMENSIONS, Load};
use super::schedule::{Kind, forward_step};
use super::state::Route;

/// A piece of an existing route.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part<'a> {
    /// `nodes[..=k]`: the start of a route up to position `k` (not its final depot).
    Head(&'a Route, usize),
    /// `nodes[i..=j]`, orders of one trip, in visiting order.
    Slice(&'a Route, usize, usize),
    /// `nodes[i..=j]`, orders of one trip, visited from `j` back to `i`.
    Reversed(&'a Route, usize, usize),
    /// `nodes[k..]`: the end of a route from position `k` (not its first depot).
    Tail(&'a Route, usize),
}

/// What a concatenation costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// Infeasible for sure.
    Infeasible,
    /// The exact cost of the route.
    Exact(f64),
    /// A lower bound of the cost; feasibility and cost must be settled by
    /// [`Instance::evaluate`].
    Screened(f64),
}

/// Fills the segment caches of a route whose `nodes`, `trip_of` and `trip_load` are
/// current.
pub(crate) fn fill(inst: &Instance, r: &mut Route) {
    let t = r.vtype;
    let len = r.nodes.len();
    r.dist_to.clear();
    r.rdist_to.clear();
    r.busy_to.clear();
    r.load_to.clear();
    r.orders_to.clear();
    let (mut d, mut rd, mut busy, mut orders) = (0.0, 0.0, 0.0, 0u32);
    let mut load = [0i64; DIMENSIONS];
    for k in 0..len {
        let v = r.nodes[k];
        if k > 0 {
            let u = r.nodes[k - 1];
            d += inst.dist(t, u, v);
            rd += inst.dist(t, v, u);
            let kind = inst.kind(v, k, len);
            busy += inst.dur(t, u, v) + inst.service(v, u, kind == Kind::Reload);
        }
        if inst.is_depot(v) {
            load = [0; DIMENSIONS];
        } else {
            orders += 1;
            add(&mut load, inst.demand(v));
        }
        r.dist_to.push(d);
        r.rdist_to.push(rd);
        r.busy_to.push(busy);
        r.load_to.push(load);
        r.orders_to.push(orders);
    }
}

#[inline]
fn add(a: &mut Load, b: Load) {
    for d in 0..DIMENSIONS {
        a[d] += b[d];
    }
}

#[inline]
fn sub(a: Load, b: Load) -> Load {
    let mut c = a;
    for d in 0..DIMENSIONS {
        c[d] -= b[d];
    }
    c
}

/// Running totals of a concatenation being priced.
struct Cursor {
    prev: u32,
    /// Earliest departure from `prev`, meaningful when `timed`.
    dep: f64,
    dist: f64,
    busy: f64,
    load: Load,
    trips: usize,
    orders: u32,
    /// The departure times are exact (the head's type has the new type's timing and no
    /// release binds): a missed window is then certain.
    timed: bool,
}

/// Prices the route `parts` would make on vehicle type `t`. The first part must be a head,
/// the last a tail, the others slices of orders. A move never creates an empty trip: two
/// depots joined are [`Verdict::Infeasible`], except the emptied route `[home, home]`
/// (`Head(_, 0)` then the tail from a final depot), which costs nothing.
pub(crate) fn price(inst: &Instance, t: usize, parts: &[Part]) -> Verdict {
    let td = &inst.types[t];
    let Some(&Part::Head(r0, k0)) = parts.first() else {
        unreachable!("a concatenation starts with a head");
    };
    if td.profile != inst.types[r0.vtype].profile {
        return Verdict::Screened(f64::NEG_INFINITY);
    }
    if !reloads_allowed(inst, r0, r0.trip_of[k0] > 0, t) {
        return Verdict::Infeasible;
    }
    let mut c = Cursor {
        prev: r0.nodes[k0],
        dep: r0.earliest[k0],
        dist: r0.dist_to[k0],
        busy: r0.busy_to[k0],
        load: r0.load_to[k0],
        trips: r0.trip_of[k0] as usize + 1,
        orders: r0.orders_to[k0],
        timed: inst.same_timing(r0.vtype, t) && !inst.releases_bind,
    };
    for part in &parts[1..] {
        match *part {
            Part::Head(..) => unreachable!("a head comes first"),
            Part::Slice(r, i, j) => {
                for k in i..=j {
                    if !step(inst, t, &mut c, r.nodes[k]) {
                        return Verdict::Infeasible;
                    }
                }
            }
            Part::Reversed(r, i, j) => {
                for k in (i..=j).rev() {
                    if !step(inst, t, &mut c, r.nodes[k]) {
                        return Verdict::Infeasible;
                    }
                }
            }
            Part::Tail(r, k) => {
                if td.profile != inst.types[r.vtype].profile {
                    return Verdict::Screened(f64::NEG_INFINITY);
                }
                return tail(inst, t, &mut c, r, k);
            }
        }
    }
    unreachable!("a concatenation ends with a tail")
}

/// False when a part of route `r` that holds reloads (`reloads`) moves to type `t` that
/// may not reload at the same depots (checked conservatively: the same depot list).
fn reloads_allowed(inst: &Instance, r: &Route, reloads: bool, t: usize) -> bool {
    r.vtype == t || !reloads || inst.types[r.vtype].reload_depots == inst.types[t].reload_depots
}

/// Visits order `x` next. False when the capacity, the type's bans or (when timed) the
/// order's windows rule it out.
#[inline]
fn step(inst: &Instance, t: usize, c: &mut Cursor, x: u32) -> bool {
    let td = &inst.types[t];
    c.dist += inst.dist(t, c.prev, x);
    let drive = inst.dur(t, c.prev, x);
    let service = inst.service(x, c.prev, false);
    c.busy += drive + service;
    add(&mut c.load, inst.demand(x));
    if (0..DIMENSIONS).any(|d| c.load[d] > td.capacity[d]) || !td.allowed[x as usize] {
        return false;
    }
    c.orders += 1;
    if c.timed {
        match forward_step(
            inst.arrive(t, c.prev, x, c.dep),
            &inst.windows[x as usize],
            service,
            f64::NEG_INFINITY,
        ) {
            Some((_, d)) => c.dep = d,
            None => return false,
        }
    }
    c.prev = x;
    true
}

/// Joins the tail `r.nodes[k..]` and prices the finished route.
fn tail(inst: &Instance, t: usize, c: &mut Cursor, r: &Route, k: usize) -> Verdict {
    let td = &inst.types[t];
    let len = r.nodes.len();
    let last = len - 1;
    let x = r.nodes[k];
    let kind = inst.kind(x, k, len);
    let trips_after = match kind {
        Kind::Order => r.trips() - 1 - r.trip_of[k] as usize,
        Kind::Reload => r.trips() - r.trip_of[k] as usize,
        Kind::End | Kind::Start => 0,
    };
    if r.nodes[last] != inst.depot_node(td.depot) || !reloads_allowed(inst, r, trips_after > 0, t) {
        return Verdict::Infeasible;
    }
    if inst.is_depot(c.prev) && inst.is_depot(x) {
        return if c.orders == 0 && k == last {
            Verdict::Exact(0.0)
        } else {
            Verdict::Infeasible
        };
    }
    c.dist += inst.dist(t, c.prev, x) + (r.distance - r.dist_to[k]);
    let drive = inst.dur(t, c.prev, x);
    let service = inst.service(x, c.prev, kind == Kind::Reload);
    c.busy += drive + service + (r.busy_to[last] - r.busy_to[k]);
    if kind == Kind::Order {
        // The merged trip also carries the tail's orders up to its next depot.
        let rest = sub(r.trip_load[r.trip_of[k] as usize], r.load_to[k]);
        add(&mut c.load, rest);
        add(&mut c.load, inst.demand(x));
        if (0..DIMENSIONS).any(|d| c.load[d] > td.capacity[d]) {
            return Verdict::Infeasible;
        }
    }
    c.orders += r.orders_to[last] - r.orders_to[k] + u32::from(kind == Kind::Order);
    c.trips += trips_after;
    if c.trips > td.max_trips
        || c.dist > td.max_distance
        || !c.dist.is_finite()
        || c.busy > td.max_duration
    {
        return Verdict::Infeasible;
    }
    let lower = td.fixed_cost + td.cost_per_m * c.dist + td.cost_per_s * c.busy;
    let tail_timed = c.timed && inst.same_timing(r.vtype, t);
    if tail_timed {
        // The same test as an insertion between two cached positions.
        let arrival = inst.arrive(t, c.prev, x, c.dep);
        match forward_step(
            arrival,
            inst.node_windows(t, x, kind),
            service,
            r.releases[k],
        ) {
            Some((_, d)) if d <= r.latest[k] => {}
            _ => return Verdict::Infeasible,
        }
    }
    if tail_timed && td.cost_per_s == 0.0 && td.max_duration.is_infinite() {
        Verdict::Exact(td.fixed_cost + td.cost_per_m * c.dist)
    } else {
        Verdict::Screened(lower)
    }
}

/// A lower bound of the cost of the route `parts` would make on type `t`, in O(parts):
/// its fixed cost (unless it is left empty) plus its distance cost (the distance is exact;
/// time costs are left out). Minus infinity when the matrices of a part's route differ
/// from `t`'s: nothing is known then, and [`price`] screens the route.
pub(crate) fn lower_bound(inst: &Instance, t: usize, parts: &[Part]) -> f64 {
    let td = &inst.types[t];
    let mut dist = 0.0;
    let mut orders = 0;
    let mut prev: Option<u32> = None;
    for part in parts {
        let (r, first, last, d, o) = match *part {
            Part::Head(r, k) => (r, r.nodes[0], r.nodes[k], r.dist_to[k], r.orders_to[k]),
            Part::Slice(r, i, j) => (
                r,
                r.nodes[i],
                r.nodes[j],
                r.dist_to[j] - r.dist_to[i],
                (j + 1 - i) as u32,
            ),
            Part::Reversed(r, i, j) => (
                r,
                r.nodes[j],
                r.nodes[i],
                r.rdist_to[j] - r.rdist_to[i],
                (j + 1 - i) as u32,
            ),
            Part::Tail(r, k) => {
                let end = r.nodes.len() - 1;
                let o = r.orders_to[end] - r.orders_to[k] + u32::from(!inst.is_depot(r.nodes[k]));
                (r, r.nodes[k], r.nodes[end], r.distance - r.dist_to[k], o)
            }
        };
        if inst.types[r.vtype].profile != td.profile {
            return f64::NEG_INFINITY;
        }
        if let Some(p) = prev {
            dist += inst.dist(t, p, first);
        }
        dist += d;
        orders += o;
        prev = Some(last);
    }
    if orders == 0 {
        0.0
    } else {
        td.fixed_cost + td.cost_per_m * dist
    }
}

/// The nodes of a concatenation.
pub(crate) fn materialise(parts: &[Part], out: &mut Vec<u32>) {
    out.clear();
    for part in parts {
        match *part {
            Part::Head(r, k) => out.extend_from_slice(&r.nodes[..=k]),
            Part::Slice(r, i, j) => out.extend_from_slice(&r.nodes[i..=j]),
            Part::Reversed(r, i, j) => out.extend(r.nodes[i..=j].iter().rev()),
            Part::Tail(r, k) => out.extend_from_slice(&r.nodes[k..]),
        }
    }
}
