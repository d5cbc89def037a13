//! Travel between points that lie along streets, not on junctions.
//!
//! A point snapped onto a street sits at an offset along one edge. Travel from it leaves by
//! driving to the edge's end (or, on a two-way street, back to its start), and travel to it
//! arrives from the edge's start (or its end, two-way); two points on the same street are
//! joined directly when the direction of travel allows. [`Router::matrix_for_anchors`] takes
//! the fastest of these combinations for every pair, on top of a node-to-node matrix between
//! the junctions involved, so two shops along one block are a few metres apart, not zero,
//! and a site in the middle of a long street costs the walk along it.
//!
//! An anchor may also carry an access leg (a depot outside the extract, joined to its
//! nearest road by great-circle distance × a circuity factor), added to every departure from
//! and arrival at it.

use super::{Router, TravelMatrix};
use crate::matrix::dijkstra::Workspace;
use crate::network::{ProfileNetwork, Snap};
use crate::units::LonLat;
use crate::units::{Meters, Seconds};
use petgraph::graph::{EdgeIndex, NodeIndex};
use rayon::prelude::*;

/// Ways out of or into a point: (slot in the node list, metres, seconds).
type Legs = Vec<(usize, f64, f64)>;

/// How a point joins a profile's network.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Ways out: (node, metres, seconds) from the point to the node along its street.
    exits: Vec<(NodeIndex, f64, f64)>,
    /// Ways in: (node, metres, seconds) from the node to the point along its street.
    entries: Vec<(NodeIndex, f64, f64)>,
    /// The street (a canonical edge of a two-way pair), the offset along it, and whether it
    /// may be driven both ways.
    street: Option<(u32, f64, f64, bool)>,
    /// Access leg added to every departure and arrival (metres, seconds).
    access: (f64, f64),
    /// The snapped edge and the point's offset from its start, metres (for geometry).
    edge: Option<(EdgeIndex, f64)>,
}

impl Anchor {
    /// A point no vehicle of the profile can reach: every pair with it is infinite.
    pub fn unreachable() -> Anchor {
        Anchor {
            exits: Vec::new(),
            entries: Vec::new(),
            street: None,
            access: (0.0, 0.0),
            edge: None,
        }
    }

    /// The anchor of a snapped point, with an access leg (zero for a point on the road).
    pub fn from_snap(network: &ProfileNetwork, snap: &Snap, access: (Meters, Seconds)) -> Anchor {
        let graph = network.graph();
        let edge = &graph[snap.edge];
        let (u, v) = graph
            .edge_endpoints(snap.edge)
            .expect("snapped edge exists");
        let len = edge.length.0;
        let dur = edge.duration.0;
        let off = if snap.node == u {
            snap.along_road.0
        } else {
            len - snap.along_road.0
        }
        .clamp(0.0, len);
        let off_s = if len > 0.0 {
            (dur * off / len).min(dur)
        } else {
            0.0
        };
        // The rest of the street: never below zero (a point at the far end would otherwise
        // leave a rounding residue of -1e-15 s, which the routing core rightly refuses).
        let (rest, rest_s) = ((len - off).max(0.0), (dur - off_s).max(0.0));
        let mut exits = vec![(v, rest, rest_s)];
        let mut entries = vec![(u, off, off_s)];
        let mut street = (snap.edge.index() as u32, off, off_s, false);
        if edge.two_way {
            exits.push((u, off, off_s));
            entries.push((v, rest, rest_s));
            let reverse = graph
                .edges_connecting(v, u)
                .find(|r| (r.weight().length.0 - len).abs() < 1e-3)
                .map(|r| petgraph::visit::EdgeRef::id(&r).index() as u32);
            street = match reverse {
                Some(r) if r < street.0 => (r, rest, rest_s, true),
                _ => (street.0, off, off_s, true),
            };
        }
        Anchor {
            exits,
            entries,
            street: Some(street),
            access: (access.0.0, access.1.0),
            edge: Some((snap.edge, off)),
        }
    }

    /// The edge the point was snapped onto.
    pub fn edge(&self) -> Option<EdgeIndex> {
        self.edge.map(|e| e.0)
    }

    /// True when the point is on the network.
    pub fn is_reachable(&self) -> bool {
        !self.exits.is_empty()
    }
}

impl Router<'_> {
    /// Square travel matrix between anchored points: the fastest of leaving by either end of
    /// the point's street, arriving by either end of the other's, or driving along a shared
    /// street; plus access legs. Rows are computed in parallel and do not depend on the
    /// number of threads.
    pub fn matrix_for_anchors(&self, anchors: &[Anchor]) -> TravelMatrix {
        anchors_matrix(anchors, |nodes| self.matrix(nodes))
    }
}

/// As [`Router::matrix_for_anchors`], with `node_matrix` giving the square matrix between
/// the junction nodes the anchors leave from and arrive at (sorted, distinct).
pub fn anchors_matrix(
    anchors: &[Anchor],
    node_matrix: impl FnOnce(&[NodeIndex]) -> TravelMatrix,
) -> TravelMatrix {
    let mut nodes: Vec<NodeIndex> = anchors
        .iter()
        .flat_map(|a| a.exits.iter().chain(&a.entries).map(|e| e.0))
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    let between = node_matrix(&nodes);
    let slot = |n: NodeIndex| nodes.binary_search(&n).expect("node listed");
    let slots: Vec<(Legs, Legs)> = anchors
        .iter()
        .map(|a| {
            let s = |v: &Vec<(NodeIndex, f64, f64)>| {
                v.iter().map(|&(n, m, t)| (slot(n), m, t)).collect()
            };
            (s(&a.exits), s(&a.entries))
        })
        .collect();
    let size = anchors.len();
    let rows: Vec<(Vec<f64>, Vec<f64>)> = (0..size)
        .into_par_iter()
        .map(|i| {
            let mut dist = vec![f64::INFINITY; size];
            let mut time = vec![f64::INFINITY; size];
            let a = &anchors[i];
            if !a.is_reachable() {
                return (dist, time);
            }
            for j in 0..size {
                if i == j {
                    dist[j] = 0.0;
                    time[j] = 0.0;
                    continue;
                }
                (dist[j], time[j]) = join(a, &anchors[j], &slots[i].0, &slots[j].1, |x, y| {
                    (between.distance(x, y).0, between.duration(x, y).0)
                });
            }
            (dist, time)
        })
        .collect();
    let mut distance_m = Vec::with_capacity(size * size);
    let mut duration_s = Vec::with_capacity(size * size);
    for (d, t) in rows {
        distance_m.extend(d);
        duration_s.extend(t);
    }
    TravelMatrix::from_rows(size, distance_m, duration_s)
}

/// Travel (metres, seconds) from `a` to another point `b`: the fastest of driving along a
/// street they share and of leaving `a` by one of `exits` and arriving at `b` by one of
/// `entries` (legs numbered as `between` wants them: `between(x, y)` is the metres and
/// seconds from exit node `x` to entry node `y`); plus both access legs. Infinite when either
/// point is off the network or no path joins them.
pub(crate) fn join(
    a: &Anchor,
    b: &Anchor,
    exits: &[(usize, f64, f64)],
    entries: &[(usize, f64, f64)],
    between: impl Fn(usize, usize) -> (f64, f64),
) -> (f64, f64) {
    if !a.is_reachable() || !b.is_reachable() {
        return (f64::INFINITY, f64::INFINITY);
    }
    let mut best = (f64::INFINITY, f64::INFINITY);
    if let (Some(sa), Some(sb)) = (a.street, b.street)
        && sa.0 == sb.0
        && (sa.3 || sb.1 >= sa.1)
    {
        best = ((sb.1 - sa.1).abs(), (sb.2 - sa.2).abs());
    }
    for &(x, xm, xs) in exits {
        for &(y, ym, ys) in entries {
            let (m, s) = between(x, y);
            let t = xs + s + ys;
            if t < best.1 {
                best = (xm + m + ym, t);
            }
        }
    }
    (
        best.0 + a.access.0 + b.access.0,
        best.1 + a.access.1 + b.access.1,
    )
}

impl Anchor {
    /// Ways out: (junction, metres, seconds) from the point to the junction along its street.
    pub(crate) fn exits(&self) -> &[(NodeIndex, f64, f64)] {
        &self.exits
    }

    /// Ways in: (junction, metres, seconds) from the junction to the point along its street.
    pub(crate) fn entries(&self) -> &[(NodeIndex, f64, f64)] {
        &self.entries
    }
}

/// The part of `geometry` (a polyline whose length stands for `length` metres) from `from_m`
/// to `to_m` along it; reversed when `to_m < from_m`.
fn cut(geometry: &[LonLat], length: f64, from_m: f64, to_m: f64) -> Vec<LonLat> {
    let total: f64 = geometry.windows(2).map(|w| w[0].haversine(w[1]).0).sum();
    let scale = if length > 0.0 { total / length } else { 0.0 };
    let (a, b) = (from_m.min(to_m) * scale, from_m.max(to_m) * scale);
    let at = |d: f64, k: usize, run: f64| {
        let seg = geometry[k].haversine(geometry[k + 1]).0;
        let t = if seg > 0.0 {
            ((d - run) / seg).clamp(0.0, 1.0)
        } else {
            0.0
        };
        LonLat::new(
            geometry[k].lon + (geometry[k + 1].lon - geometry[k].lon) * t,
            geometry[k].lat + (geometry[k + 1].lat - geometry[k].lat) * t,
        )
    };
    let mut out = Vec::new();
    let mut run = 0.0;
    for k in 0..geometry.len().saturating_sub(1) {
        let seg = geometry[k].haversine(geometry[k + 1]).0;
        let end = run + seg;
        if end >= a && run <= b {
            if out.is_empty() {
                out.push(at(a, k, run));
            }
            if end <= b {
                out.push(geometry[k + 1]);
            } else {
                out.push(at(b, k, run));
            }
        }
        run = end;
        if run > b {
            break;
        }
    }
    if out.is_empty() {
        out.extend(geometry.first().copied());
    }
    if to_m < from_m {
        out.reverse();
    }
    out
}

impl Anchor {
    /// Geometry from the point to its `k`-th exit node, or (`entry`) from its `k`-th entry
    /// node to the point.
    fn street_part(&self, network: &ProfileNetwork, k: usize, entry: bool) -> Vec<LonLat> {
        let Some((e, off)) = self.edge else {
            return Vec::new();
        };
        let edge = &network.graph()[e];
        let len = edge.length.0;
        // Exits: 0 forward to the edge's end, 1 back to its start; entries: 0 from the start,
        // 1 back from the end (see `from_snap`).
        match (entry, k) {
            (false, 0) => cut(&edge.geometry, len, off, len),
            (false, _) => cut(&edge.geometry, len, off, 0.0),
            (true, 0) => cut(&edge.geometry, len, 0.0, off),
            (true, _) => cut(&edge.geometry, len, len, off),
        }
    }
}

/// The street geometry of the fastest path from `a` to `b` on `network` (the path the
/// matrix of [`Router::matrix_for_anchors`] measured), without access legs; `None` when
/// unreachable. `csr` is the network's adjacency, `workspace` a buffer of its size.
pub fn polyline(
    network: &ProfileNetwork,
    csr: &super::Csr,
    workspace: &mut Workspace,
    a: &Anchor,
    b: &Anchor,
) -> Option<Vec<LonLat>> {
    if !a.is_reachable() || !b.is_reachable() {
        return None;
    }
    if std::ptr::eq(a, b) || a == b {
        return Some(
            a.street_part(network, 0, false)
                .into_iter()
                .take(1)
                .collect(),
        );
    }
    let mut best_time = f64::INFINITY;
    let mut best: Option<Vec<LonLat>> = None;
    if let (Some(sa), Some(sb)) = (a.street, b.street)
        && sa.0 == sb.0
        && (sa.3 || sb.1 >= sa.1)
    {
        best_time = (sb.2 - sa.2).abs();
        let e = EdgeIndex::new(sa.0 as usize);
        let edge = &network.graph()[e];
        best = Some(cut(&edge.geometry, edge.length.0, sa.1, sb.1));
    }
    for (i, &(x, _, xs)) in a.exits.iter().enumerate() {
        let source = csr.rank(x.index() as u32);
        let targets: Vec<u32> = b
            .entries
            .iter()
            .map(|e| csr.rank(e.0.index() as u32))
            .collect();
        let mut left = targets.len();
        workspace.search::<true>(csr, source, |v, _| {
            if targets.contains(&v) {
                left -= targets.iter().filter(|&&t| t == v).count();
            }
            left == 0
        });
        for (j, &(_, _, ys)) in b.entries.iter().enumerate() {
            let cost = workspace.cost(targets[j]);
            if cost == u64::MAX {
                continue;
            }
            let t = xs + super::csr::unpack(cost).1.0 + ys;
            if t < best_time {
                best_time = t;
                let mut edges = Vec::new();
                let mut v = targets[j];
                while let Some(arc) = workspace.pred_arc(v) {
                    let e = EdgeIndex::new(csr.arc_id(arc) as usize);
                    edges.push(e);
                    let tail = network.graph().edge_endpoints(e).expect("arc edge").0;
                    v = csr.rank(tail.index() as u32);
                }
                edges.reverse();
                let mut line = a.street_part(network, i, false);
                for e in &edges {
                    line.extend_from_slice(&network.graph()[*e].geometry[1..]);
                }
                line.extend(b.street_part(network, j, true).into_iter().skip(1));
                best = Some(line);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use crate::network::Profile;
    use crate::units::Meters;

    /// Points snapped onto either end of every street of the Lorient extract: no leg of an
    /// anchor and no matrix entry may fall below zero (a rounding residue of -1e-15 s once
    /// made the routing core refuse a whole day on the Porto extract).
    #[test]
    fn anchors_at_street_ends_have_no_negative_leg() {
        let net = crate::matrix::testing::lorient().profile(Profile::Van);
        let params = crate::matrix::testing::snap_params();
        let graph = net.graph();
        let mut anchors = Vec::new();
        for e in graph.edge_indices() {
            let geometry = &graph[e].geometry;
            for p in [geometry[0], geometry[geometry.len() - 1]] {
                let snap = net.snap(p, &params).expect("snaps");
                let a =
                    super::Anchor::from_snap(net, &snap, (Meters(0.0), crate::units::Seconds(0.0)));
                for &(_, m, s) in a.exits.iter().chain(&a.entries) {
                    assert!(m >= 0.0 && s >= 0.0, "{a:?}");
                }
                anchors.push(a);
            }
        }
        anchors.truncate(400);
        let m = crate::matrix::Router::new(net).matrix_for_anchors(&anchors);
        assert!(m.distances_m().iter().all(|d| !(d.is_nan() || *d < 0.0)));
        for i in 0..m.size() {
            for j in 0..m.size() {
                let t = m.duration(i, j).0;
                assert!(!(t.is_nan() || t < 0.0), "({i}, {j}) {t}");
            }
        }
    }
}
