//! The solver's view of a validated [`Problem`]: flat per-type cost and time data, node ids,
//! precomputed windows and neighbour lists.
//!
//! # Node ids
//! Order `i` is node `i`; depot `d` is node `n + d` where `n` is the number of orders.
//!
//! # Units
//! Distances stay in metres and times in seconds as `f64` (no scaled integers): Solomon's
//! unrounded Euclidean distances need no rounding, and every feasibility decision is
//! re-checked by the exact route evaluation of [`super::schedule`].

use super::model::{Load, Priority, Problem};
use rayon::prelude::*;

/// Length of each order's neighbour list (memory and set-up grow as orders × this).
const NEIGHBOURS: usize = 200;
/// Orders per tile of the neighbour computation.
const NEIGHBOUR_TILE: usize = 8;

/// Scratch space of one thread of the neighbour computation.
struct NeighbourBuffers {
    /// `total[i * n + b]`: the neutral distance from the tile's `i`-th order to order `b`.
    total: Vec<f64>,
    /// The tile's lists, handed out.
    out: Vec<Vec<u32>>,
    /// `back[b * tile + i]`: distance from order `b` to the tile's `i`-th order.
    back: Vec<f64>,
    /// One row being selected.
    row: Vec<(f64, u32)>,
}

impl NeighbourBuffers {
    fn new(n: usize) -> Self {
        Self {
            total: vec![0.0; NEIGHBOUR_TILE * n],
            out: Vec::new(),
            back: vec![0.0; NEIGHBOUR_TILE * n],
            row: Vec::with_capacity(n),
        }
    }
}

/// Per vehicle type data, flattened for the inner loops.
pub(crate) struct TypeData<'a> {
    /// Row-major distances (m) of the type's profile.
    pub dist: &'a [f64],
    /// Row-major durations (s) of the type's profile.
    pub dur: &'a [f64],
    /// Objective units per metre: distance cost plus priced CO₂e.
    pub cost_per_m: f64,
    /// Objective units per second of route duration.
    pub cost_per_s: f64,
    /// Fixed cost of using one vehicle.
    pub fixed_cost: f64,
    /// Home depot (depot index).
    pub depot: usize,
    /// Depots where the type may reload between trips (home first).
    pub reload_depots: Vec<usize>,
    /// Earliest departure and latest departure window of the first trip.
    pub start_window: [(f64, f64); 1],
    /// Window of the final return to the home depot.
    pub end_window: [(f64, f64); 1],
    /// Capacity per dimension.
    pub capacity: Load,
    /// Most trips per route.
    pub max_trips: usize,
    /// Longest route distance (m), infinite when unlimited.
    pub max_distance: f64,
    /// Longest route duration (s), infinite when unlimited.
    pub max_duration: f64,
    /// Vehicles of this type.
    pub count: usize,
    /// `allowed[o]`: the type may serve order `o`.
    pub allowed: Vec<bool>,
    /// Travel matrix (profile) index.
    pub profile: usize,
    /// True when the type may serve every order.
    pub allows_all: bool,
    /// Hour bands scaling `dur` by the time a leg starts; `None`: `dur` at every hour.
    pub bands: Option<&'a crate::matrix::TimeBands>,
}

/// Pre-processed problem data shared by every part of the search.
pub(crate) struct Instance<'a> {
    /// The problem as given.
    pub problem: &'a Problem,
    /// Number of orders.
    pub n: usize,
    /// Matrix size (row stride).
    pub size: usize,
    /// Matrix location of every node id.
    pub loc: Vec<usize>,
    /// Time windows per order as `(start, end)` pairs.
    pub windows: Vec<Vec<(f64, f64)>>,
    /// Opening window per depot.
    pub depot_windows: Vec<[(f64, f64); 1]>,
    /// Per vehicle type data.
    pub types: Vec<TypeData<'a>>,
    /// The nearest orders to each order (itself first, at most [`NEIGHBOURS`]), for string
    /// removals.
    pub neighbours: Vec<Vec<u32>>,
    /// Cost of leaving each order out: its prize, or a penalty for a required order.
    pub omission_cost: Vec<f64>,
    /// True when the O(1) feasibility test is exact: no route-duration cost or limit and no
    /// release time later than the start of every shift.
    pub fast_exact: bool,
    /// True when some order's release time is later than the earliest start of a shift (a
    /// trip's departure may then depend on which orders it carries).
    pub releases_bind: bool,
    /// True when vehicle types start work in different windows (other hours, or other days
    /// of a multi-day plan), so that an order's nearest orders may ride routes it cannot join.
    pub several_shifts: bool,
    /// `same_timing[a * types + b]`: a part of a route of type `a` keeps its cached schedule
    /// data on a route of type `b` (same matrix, shift and depot, the same capacity unless
    /// `a` makes single trips, and `b` serves every order).
    pub same_timing: Vec<bool>,
}

impl<'a> Instance<'a> {
    /// Builds the solver's view of a validated problem.
    pub fn new(problem: &'a Problem) -> Self {
        let n = problem.orders.len();
        let size = problem.matrices[0].size();
        let mut loc: Vec<usize> = problem.orders.iter().map(|o| o.location).collect();
        loc.extend(problem.depots.iter().map(|d| d.location));
        let windows = problem
            .orders
            .iter()
            .map(|o| {
                o.time_windows
                    .iter()
                    .map(|w| (w.start.0, w.end.0))
                    .collect()
            })
            .collect();
        let depot_windows = problem
            .depots
            .iter()
            .map(|d| [(d.open.start.0, d.open.end.0)])
            .collect();
        let carbon = problem.objective.carbon_price_per_kg;
        let types: Vec<TypeData> = problem
            .vehicle_types
            .iter()
            .map(|v| {
                let m = &problem.matrices[v.profile];
                let open = problem.depots[v.depot].open;
                let mut reload_depots = vec![v.depot];
                for &d in &v.reload_depots {
                    if !reload_depots.contains(&d) {
                        reload_depots.push(d);
                    }
                }
                let mut allowed = vec![true; n];
                for &o in &v.forbidden_orders {
                    allowed[o] = false;
                }
                TypeData {
                    dist: m.distances_m(),
                    dur: m.durations_s(),
                    cost_per_m: (v.cost_per_km + carbon * v.co2e_kg_per_km) / 1000.0,
                    cost_per_s: v.cost_per_hour / 3600.0,
                    fixed_cost: v.fixed_cost,
                    depot: v.depot,
                    reload_depots,
                    start_window: [(
                        v.shift.start.0.max(open.start.0),
                        v.shift.end.0.min(open.end.0),
                    )],
                    end_window: [(f64::NEG_INFINITY, v.shift.end.0.min(open.end.0))],
                    capacity: v.capacity,
                    max_trips: v.max_trips,
                    max_distance: v.max_distance.map_or(f64::INFINITY, |m| m.0),
                    max_duration: v.max_duration.map_or(f64::INFINITY, |s| s.0),
                    count: v.count,
                    allows_all: v.forbidden_orders.is_empty(),
                    allowed,
                    profile: v.profile,
                    bands: problem.bands(v.profile),
                }
            })
            .collect();
        let earliest_start = types
            .iter()
            .map(|t| t.start_window[0].0)
            .fold(f64::INFINITY, f64::min);
        let releases_bind = problem.orders.iter().any(|o| o.release.0 > earliest_start);
        let fast_exact = types
            .iter()
            .all(|t| t.cost_per_s == 0.0 && t.max_duration.is_infinite())
            && !releases_bind;
        let several_shifts = types
            .iter()
            .any(|t| t.start_window != types[0].start_window);
        let k = types.len();
        let mut same_timing = vec![false; k * k];
        for (a, ta) in types.iter().enumerate() {
            for (b, tb) in types.iter().enumerate() {
                same_timing[a * k + b] = a == b
                    || (ta.profile == tb.profile
                        && ta.start_window == tb.start_window
                        && ta.end_window == tb.end_window
                        && ta.depot == tb.depot
                        && (ta.capacity == tb.capacity || ta.max_trips == 1)
                        && tb.allows_all);
            }
        }
        let mut inst = Self {
            problem,
            same_timing,
            n,
            size,
            loc,
            windows,
            depot_windows,
            types,
            neighbours: Vec::new(),
            omission_cost: Vec::new(),
            fast_exact,
            releases_bind,
            several_shifts,
        };
        inst.neighbours = inst.sorted_neighbours();
        inst.omission_cost = inst.omission_costs();
        inst
    }

    /// True when cached data of a route of type `a` hold on a route of type `b`.
    #[inline]
    pub fn same_timing(&self, a: usize, b: usize) -> bool {
        self.same_timing[a * self.types.len() + b]
    }

    /// Distance between two node ids for a type.
    #[inline]
    pub fn dist(&self, t: usize, a: u32, b: u32) -> f64 {
        self.types[t].dist[self.loc[a as usize] * self.size + self.loc[b as usize]]
    }

    /// Travel time between two node ids for a type.
    #[inline]
    pub fn dur(&self, t: usize, a: u32, b: u32) -> f64 {
        self.types[t].dur[self.loc[a as usize] * self.size + self.loc[b as usize]]
    }

    /// Arrival at `b` of type `t` leaving `a` at `dep`: `dep + dur` without time bands,
    /// otherwise the free-flow duration progressed band by band from `dep`.
    #[inline]
    pub fn arrive(&self, t: usize, a: u32, b: u32, dep: f64) -> f64 {
        let d = self.dur(t, a, b);
        match self.types[t].bands {
            None => dep + d,
            Some(tb) => tb.arrival(dep, d),
        }
    }

    /// Latest departure from `a` of type `t` that reaches `b` by `arr` (the inverse of
    /// [`Self::arrive`]; exact, since arrivals grow strictly with departures).
    #[inline]
    pub fn leave_by(&self, t: usize, a: u32, b: u32, arr: f64) -> f64 {
        let d = self.dur(t, a, b);
        match self.types[t].bands {
            None => arr - d,
            Some(tb) => tb.latest_departure(arr, d),
        }
    }

    /// Node id of depot `d`.
    #[inline]
    pub fn depot_node(&self, d: usize) -> u32 {
        (self.n + d) as u32
    }

    /// True when the node id is a depot.
    #[inline]
    pub fn is_depot(&self, node: u32) -> bool {
        node as usize >= self.n
    }

    /// Demand of a node (zero for depots).
    #[inline]
    pub fn demand(&self, node: u32) -> Load {
        if self.is_depot(node) {
            [0; super::model::DIMENSIONS]
        } else {
            self.problem.orders[node as usize].demand
        }
    }

    /// Service duration at `node` when arriving from node `pred`: stop time only when the
    /// location changes, plus handling; the reload time at a reload depot.
    #[inline]
    pub fn service(&self, node: u32, pred: u32, reload: bool) -> f64 {
        let i = node as usize;
        if i < self.n {
            let o = &self.problem.orders[i];
            let stop = if self.loc[pred as usize] == self.loc[i] {
                0.0
            } else {
                o.stop_time.0
            };
            stop + o.handling_time.0
        } else if reload {
            self.problem.depots[i - self.n].reload_time.0
        } else {
            0.0
        }
    }

    /// Release time of an order node (0 for depots).
    #[inline]
    pub fn release(&self, node: u32) -> f64 {
        if self.is_depot(node) {
            0.0
        } else {
            self.problem.orders[node as usize].release.0
        }
    }

    /// True when the order must be served.
    #[inline]
    pub fn is_required(&self, order: u32) -> bool {
        matches!(
            self.problem.orders[order as usize].priority,
            Priority::Required
        )
    }

    /// Each order's nearest orders by a distance independent of the vehicle type: the sum
    /// over the profiles used by some vehicle type of the symmetric distance `d(a, b) +
    /// d(b, a)` (an unreachable pair counts as very far); ties go to the lower order id.
    ///
    /// The orders are taken in tiles of [`NEIGHBOUR_TILE`], so that the backward distances
    /// are read a short stretch of a row at a time rather than down the matrix's columns, and
    /// the tiles run on rayon's threads (each row's list depends on that row alone, so the result does
    /// not depend on the thread count).
    fn sorted_neighbours(&self) -> Vec<Vec<u32>> {
        let n = self.n;
        let mut profiles: Vec<usize> = Vec::new();
        for (t, td) in self.types.iter().enumerate() {
            if !profiles
                .iter()
                .any(|&p| self.types[p].profile == td.profile)
            {
                profiles.push(t);
            }
        }
        let starts: Vec<usize> = (0..n).step_by(NEIGHBOUR_TILE).collect();
        let tiles: Vec<Vec<Vec<u32>>> = starts
            .par_iter()
            .map_init(
                || NeighbourBuffers::new(n),
                |buf, &start| self.neighbour_tile(&profiles, start, buf),
            )
            .collect();
        tiles.into_iter().flatten().collect()
    }

    /// The neighbour lists of orders `start..start + NEIGHBOUR_TILE`.
    fn neighbour_tile(
        &self,
        profiles: &[usize],
        start: usize,
        buf: &mut NeighbourBuffers,
    ) -> Vec<Vec<u32>> {
        let n = self.n;
        let rows = NEIGHBOUR_TILE.min(n - start);
        let tile = &self.loc[start..start + rows];
        let NeighbourBuffers {
            total,
            out,
            back,
            row,
        } = buf;
        total.iter_mut().for_each(|x| *x = 0.0);
        for &t in profiles {
            let d = self.types[t].dist;
            // back[b * rows + i] = d(b, a_i): one short stretch of row b per order b.
            for (b, chunk) in back.chunks_exact_mut(rows).take(n).enumerate() {
                let from = self.loc[b] * self.size;
                for (x, &la) in chunk.iter_mut().zip(tile) {
                    *x = d[from + la];
                }
            }
            for (i, &la) in tile.iter().enumerate() {
                let from = la * self.size;
                let sums = &mut total[i * n..(i + 1) * n];
                for (b, sum) in sums.iter_mut().enumerate() {
                    let x = d[from + self.loc[b]] + back[b * rows + i];
                    *sum += if x.is_finite() { x } else { 1e18 };
                }
            }
        }
        let cmp = |x: &(f64, u32), y: &(f64, u32)| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1));
        out.clear();
        for i in 0..rows {
            let a = start + i;
            row.clear();
            row.extend(
                total[i * n..(i + 1) * n]
                    .iter()
                    .enumerate()
                    .map(|(b, &x)| (if b == a { -1.0 } else { x }, b as u32)),
            );
            if row.len() > NEIGHBOURS {
                row.select_nth_unstable_by(NEIGHBOURS, cmp);
                row.truncate(NEIGHBOURS);
            }
            row.sort_by(cmp);
            out.push(row.iter().map(|&(_, b)| b).collect());
        }
        std::mem::take(out)
    }

    fn omission_costs(&self) -> Vec<f64> {
        // A required order's penalty dwarfs any route cost: a hundred times the cost of
        // serving every order on its own vehicle with the dearest type.
        let mut worst = 1.0;
        for o in 0..self.n as u32 {
            let mut w: f64 = 0.0;
            for (t, td) in self.types.iter().enumerate() {
                let home = self.depot_node(td.depot);
                let d = self.dist(t, home, o) + self.dist(t, o, home);
                let time = self.dur(t, home, o) + self.dur(t, o, home);
                if d.is_finite() && time.is_finite() {
                    w = w.max(td.fixed_cost + td.cost_per_m * d + td.cost_per_s * time);
                }
            }
            worst += w;
        }
        let penalty = 100.0 * worst;
        // Larger orders cost more to leave out, so that the search trades a large order left
        // out for a small one, which then fits into some leftover space.
        let mut most = [1i64; super::model::DIMENSIONS];
        for td in &self.types {
            for (m, c) in most.iter_mut().zip(td.capacity) {
                *m = (*m).max(c);
            }
        }
        let share = |q: &Load| {
            q.iter()
                .zip(most)
                .map(|(&q, m)| q as f64 / m as f64)
                .fold(0.0, f64::max)
                .min(1.0)
        };
        self.problem
            .orders
            .iter()
            .map(|o| match o.priority {
                Priority::Required => penalty * (1.0 + share(&o.demand)),
                Priority::Optional { prize } => prize,
            })
            .collect()
    }
}

/// Tiny problems for the unit tests of the search's modules.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::matrix::TravelMatrix;
    use crate::routing::model::*;
    use crate::units::{Meters, Seconds};

    /// Depot at 0 and one order every kilometre east of it (1 m/s), one vehicle type with
    /// `count` vehicles of capacity `capacity` and `max_trips` trips.
    pub fn line(orders: usize, count: usize, capacity: i64, max_trips: usize) -> Problem {
        let matrix = TravelMatrix::from_fn(orders + 1, |i, j| {
            let d = 1000.0 * (i as f64 - j as f64).abs();
            (Meters(d), Seconds(d))
        });
        Problem {
            matrices: vec![matrix],
            depots: vec![Depot {
                name: "depot".into(),
                location: 0,
                open: TimeWindow::always(),
                reload_time: Seconds(60.0),
            }],
            orders: (1..=orders)
                .map(|l| Order {
                    id: format!("o{l}"),
                    location: l,
                    demand: [1, 0],
                    stop_time: Seconds(0.0),
                    handling_time: Seconds(0.0),
                    time_windows: vec![TimeWindow::always()],
                    release: Seconds(0.0),
                    priority: Priority::Required,
                })
                .collect(),
            vehicle_types: vec![VehicleType {
                name: "van".into(),
                count,
                capacity: [capacity, 0],
                profile: 0,
                depot: 0,
                reload_depots: vec![],
                max_trips,
                fixed_cost: 0.0,
                cost_per_km: 1.0,
                cost_per_hour: 0.0,
                co2e_kg_per_km: 0.0,
                shift: TimeWindow::always(),
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

    /// A random problem with `n` orders and every constraint kind the search handles,
    /// chosen per seed: points on a 100 x 100 grid (metres = seconds, sometimes an
    /// asymmetric detour), orders sharing a site (stop time charged once), one or two time
    /// windows, handling times, capacities in two dimensions, two vehicle types (one banned
    /// from an order), multi-trip routes reloading at the home depot or a second depot,
    /// shifts, ranges; in odd seeds also release dates, a cost per hour and a duration
    /// limit (the cases where the O(1) prices are screens).
    pub fn random(seed: u64, n: usize) -> Problem {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let timed_costs = seed % 2 == 1;
        let mut points = vec![(50.0, 50.0), (20.0, 80.0)];
        for _ in 0..n {
            if points.len() > 2 && rng.random_bool(0.15) {
                let same = points[rng.random_range(2..points.len())];
                points.push(same);
            } else {
                points.push((
                    rng.random_range(0..=100) as f64,
                    rng.random_range(0..=100) as f64,
                ));
            }
        }
        let skew = rng.random_bool(0.5);
        let matrix = TravelMatrix::from_fn(points.len(), |i, j| {
            let (a, b) = (points[i], points[j]);
            let mut d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            if skew && i < j {
                d *= 1.3;
            }
            (Meters(d), Seconds(d))
        });
        let orders = (0..n)
            .map(|i| {
                let start = rng.random_range(0..=400) as f64;
                let width = rng.random_range(100..=600) as f64;
                let mut windows = vec![TimeWindow::new(start, start + width)];
                if rng.random_bool(0.2) {
                    windows.push(TimeWindow::new(
                        start + width + 100.0,
                        start + width + 300.0,
                    ));
                }
                Order {
                    id: format!("o{i}"),
                    location: i + 2,
                    demand: [rng.random_range(1..=4), rng.random_range(0..=2)],
                    stop_time: Seconds(rng.random_range(0..=10) as f64),
                    handling_time: Seconds(rng.random_range(0..=3) as f64),
                    time_windows: windows,
                    release: Seconds(if timed_costs && rng.random_bool(0.3) {
                        rng.random_range(20..=120) as f64
                    } else {
                        0.0
                    }),
                    priority: Priority::Required,
                }
            })
            .collect();
        let depot = |name: &str, location| Depot {
            name: name.into(),
            location,
            open: TimeWindow::new(0.0, 2000.0),
            reload_time: Seconds(15.0),
        };
        let van = VehicleType {
            name: "van".into(),
            count: n,
            capacity: [8, 5],
            profile: 0,
            depot: 0,
            reload_depots: vec![1],
            max_trips: 3,
            fixed_cost: 50.0,
            cost_per_km: 1000.0,
            cost_per_hour: if timed_costs { 200.0 } else { 0.0 },
            co2e_kg_per_km: 0.0,
            shift: TimeWindow::new(0.0, 1800.0),
            max_duration: timed_costs.then_some(Seconds(1500.0)),
            max_distance: Some(Meters(900.0)),
            forbidden_orders: vec![],
        };
        let truck = VehicleType {
            name: "truck".into(),
            count: 2,
            capacity: [14, 8],
            max_trips: 1,
            reload_depots: vec![],
            fixed_cost: 90.0,
            cost_per_km: 700.0,
            max_distance: None,
            shift: TimeWindow::new(100.0, 1900.0),
            forbidden_orders: vec![rng.random_range(0..n)],
            ..van.clone()
        };
        Problem {
            matrices: vec![matrix],
            depots: vec![depot("home", 0), depot("second", 1)],
            orders,
            vehicle_types: vec![van, truck],
            objective: Objective {
                carbon_price_per_kg: 0.0,
            },
            time_bands: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_start_with_the_order_itself_then_nearest() {
        let p = fixtures::line(4, 1, 10, 1);
        let inst = Instance::new(&p);
        assert_eq!(inst.neighbours[1][..2], [1, 0]);
        assert_eq!(inst.neighbours[0], vec![0, 1, 2, 3]);
    }

    #[test]
    fn tiled_neighbour_lists_equal_a_plain_sort_of_every_row() {
        use crate::matrix::TravelMatrix;
        use crate::units::{Meters, Seconds};
        // Two profiles (the second asymmetric, with unreachable pairs), orders sharing
        // sites, more orders than a list holds and a last tile that is not full.
        let mut p = fixtures::random(3, 230);
        let size = p.matrices[0].size();
        p.matrices.push(TravelMatrix::from_fn(size, |i, j| {
            let d = if (i * 7 + j * 3) % 29 == 0 && i != j {
                f64::INFINITY
            } else {
                ((i * 31 + j * 17) % 97) as f64
            };
            (Meters(d), Seconds(d))
        }));
        p.vehicle_types[1].profile = 1;
        let inst = Instance::new(&p);
        let n = p.orders.len();
        let neutral = |a: usize, b: usize| -> f64 {
            (0..2)
                .map(|m| {
                    let d = p.matrices[m].distances_m();
                    let (la, lb) = (p.orders[a].location, p.orders[b].location);
                    let x = d[la * size + lb] + d[lb * size + la];
                    if x.is_finite() { x } else { 1e18 }
                })
                .sum()
        };
        for a in 0..n {
            let mut row: Vec<(f64, usize)> = (0..n)
                .map(|b| (if a == b { -1.0 } else { neutral(a, b) }, b))
                .collect();
            row.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            let want: Vec<u32> = row
                .iter()
                .take(NEIGHBOURS)
                .map(|&(_, b)| b as u32)
                .collect();
            assert_eq!(inst.neighbours[a], want, "order {a}");
        }
    }

    #[test]
    fn required_orders_cost_more_to_leave_out_than_any_route() {
        let p = fixtures::line(3, 1, 10, 1);
        let inst = Instance::new(&p);
        // Serving everything alone costs at most 2 + 4 + 6 = 12.
        assert!(inst.omission_cost.iter().all(|&c| c > 100.0 * 12.0));
        assert!(inst.fast_exact);
    }
}
