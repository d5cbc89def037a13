//! Each trip's line along the streets it drove.
//!
//! A trip's line joins, leg by leg, the fastest path the travel matrix measured between its
//! depot and its stops (the same choice of street ends, see [`crate::matrix::anchor`]). The
//! line starts and ends at the depot's own position, joined to the road by a straight
//! segment (the access leg of a depot outside the extract, or the few metres from a depot to
//! its street). Zone figures and the report's outputs are drawn from these lines.

use super::{Outcome, TripRecord};
use crate::matrix::anchor::polyline;
use crate::matrix::dijkstra::Workspace;
use crate::units::LonLat;
use rayon::prelude::*;

/// A trip's line and where each of its legs lies on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TripLine {
    /// The positions, from the depot back to the depot.
    pub points: Vec<LonLat>,
    /// Per leg (depot → first stop, …, last stop → depot): the range of `points` it covers
    /// (sharing its first point with the previous leg's last).
    pub legs: Vec<std::ops::Range<usize>>,
}

/// The line of every trip of `outcome`, in the order of `outcome.trips`.
pub fn trip_lines(outcome: &Outcome) -> Vec<TripLine> {
    let world = &outcome.world;
    outcome
        .trips
        .par_iter()
        .map_init(
            || {
                world
                    .nets
                    .iter()
                    .map(|n| Workspace::new(n.csr.node_count()))
                    .collect::<Vec<_>>()
            },
            |workspaces, t| trip_line(outcome, workspaces, t),
        )
        .collect()
}

fn trip_line(outcome: &Outcome, workspaces: &mut [Workspace], t: &TripRecord) -> TripLine {
    let (sc, world) = (&outcome.scenario, &outcome.world);
    let p = world.net_of(t.vehicle);
    let net = world.network.profile(world.profiles[world.nets[p].profile]);
    let anchors = &world.anchors[p];
    let depot = world.depot_location(t.carrier);
    let depot_at = sc.carriers[t.carrier].depot.position;
    let mut stops: Vec<usize> = Vec::with_capacity(t.sites.len() + 2);
    stops.push(depot);
    stops.extend(t.sites.iter().map(|&s| s as usize));
    stops.push(depot);
    let mut line = vec![depot_at];
    let mut legs = Vec::with_capacity(stops.len() - 1);
    for w in stops.windows(2) {
        let start = line.len() - 1;
        let leg = (w[0] != w[1])
            .then(|| {
                polyline(
                    net,
                    &world.nets[p].csr,
                    &mut workspaces[p],
                    &anchors[w[0]],
                    &anchors[w[1]],
                )
            })
            .flatten();
        if let Some(leg) = leg {
            let skip = usize::from(line.last() == leg.first());
            line.extend(leg.into_iter().skip(skip));
        }
        legs.push(start..line.len());
    }
    if line.last() != Some(&depot_at) {
        line.push(depot_at);
        if let Some(last) = legs.last_mut() {
            last.end = line.len();
        }
    }
    TripLine { points: line, legs }
}
