//! Ruin operators: string removals in the manner of slack induction by string removals
//! (SISR, Christiaens & Vanden Berghe 2020) and a plain random removal.
//!
//! A string removal picks a random seed order and walks its nearest neighbours: each
//! neighbour on a route not yet ruined costs that route a string of consecutive orders
//! around it (or, half of the time, a longer string of which a random middle part is kept,
//! the "split string"). Removing strings of nearby orders frees slack in several routes
//! close to one another, where the greedy recreate can rebuild them differently.

use super::instance::Instance;
use super::state::Solution;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Knobs of the string removal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RuinParams {
    /// Mean number of orders removed (c̄ in SISR).
    pub mean_removed: f64,
    /// Longest string (L^max in SISR).
    pub max_string: f64,
    /// Probability of extending the kept part of a split string by one more order.
    pub split_keep: f64,
}

impl Default for RuinParams {
    fn default() -> Self {
        Self {
            mean_removed: 10.0,
            max_string: 10.0,
            split_keep: 0.5,
        }
    }
}

/// Orders of a route in visiting order (depot nodes skipped).
fn route_orders(inst: &Instance, nodes: &[u32]) -> Vec<u32> {
    nodes
        .iter()
        .copied()
        .filter(|&v| !inst.is_depot(v))
        .collect()
}

/// Chooses the orders a string removal takes out of `sol` (does not remove them).
pub(crate) fn string_removal(
    inst: &Instance,
    sol: &Solution,
    params: &RuinParams,
    rng: &mut ChaCha8Rng,
) -> Vec<u32> {
    let mut removed = Vec::new();
    if sol.routes.is_empty() {
        return removed;
    }
    let assigned: usize = sol.routes.iter().map(|r| r.orders).sum();
    let avg_card = assigned as f64 / sol.routes.len() as f64;
    let l_max = params.max_string.min(avg_card).max(1.0);
    let k_max = (4.0 * params.mean_removed / (1.0 + l_max) - 1.0).max(1.0);
    let strings = rng.random_range(1.0..k_max + 1.0).floor() as usize;
    // Seed: a random served order.
    let seed = loop {
        let r = &sol.routes[rng.random_range(0..sol.routes.len())];
        let v = r.nodes[rng.random_range(1..r.nodes.len() - 1)];
        if !inst.is_depot(v) {
            break v;
        }
    };
    let mut ruined = Vec::new();
    for &c in &inst.neighbours[seed as usize] {
        if ruined.len() >= strings {
            break;
        }
        let r = sol.route_of[c as usize];
        if r == u32::MAX || ruined.contains(&r) {
            continue;
        }
        ruined.push(r);
        let orders = route_orders(inst, &sol.routes[r as usize].nodes);
        let card = orders.len();
        let lt_max = l_max.min(card as f64);
        let l = (rng.random_range(1.0..lt_max + 1.0).floor() as usize).clamp(1, card);
        let pos = orders.iter().position(|&v| v == c).unwrap_or(0);
        if l == card || rng.random::<f64>() < 0.5 {
            // A string of l orders containing c.
            let first = rng.random_range(pos.saturating_sub(l - 1)..=pos.min(card - l));
            removed.extend_from_slice(&orders[first..first + l]);
        } else {
            // A string of l + m orders containing c, of which m in the middle are kept.
            let mut m = 1;
            while l + m < card && rng.random::<f64>() < params.split_keep {
                m += 1;
            }
            let span = l + m;
            let first = rng.random_range(pos.saturating_sub(span - 1)..=pos.min(card - span));
            let keep_at = rng.random_range(0..=l);
            for (i, &v) in orders[first..first + span].iter().enumerate() {
                if i < keep_at || i >= keep_at + m {
                    removed.push(v);
                }
            }
        }
    }
    removed
}

/// Chooses `count` random served orders.
pub(crate) fn random_removal(sol: &Solution, count: usize, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let mut served: Vec<u32> = (0..sol.route_of.len() as u32)
        .filter(|&o| sol.route_of[o as usize] != u32::MAX)
        .collect();
    let count = count.min(served.len());
    for i in 0..count {
        let j = rng.random_range(i..served.len());
        served.swap(i, j);
    }
    served.truncate(count);
    served
}

/// Makes room for a required order `u` left out: empties one random route whose vehicle
/// type could carry `u`, so that `u` can take that vehicle and the route's orders move
/// elsewhere (to unused, perhaps smaller vehicles). Returns the orders to remove.
pub(crate) fn room_for(inst: &Instance, sol: &Solution, u: u32, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let q = inst.demand(u);
    let fits: Vec<usize> = (0..sol.routes.len())
        .filter(|&r| {
            let td = &inst.types[sol.routes[r].vtype];
            td.allowed[u as usize] && (0..q.len()).all(|d| q[d] <= td.capacity[d])
        })
        .collect();
    if fits.is_empty() {
        return Vec::new();
    }
    // One to four routes: a swap of loads between several vehicles may be needed.
    let mut fits = fits;
    let k = rng.random_range(1..=4usize).min(fits.len());
    let mut removed = Vec::new();
    for i in 0..k {
        let j = rng.random_range(i..fits.len());
        fits.swap(i, j);
        removed.extend(route_orders(inst, &sol.routes[fits[i]].nodes));
    }
    removed
}

/// Empties a whole route, the smaller of two picked at random: the only way string removals
/// rarely find to take a vehicle out of use.
pub(crate) fn route_removal(inst: &Instance, sol: &Solution, rng: &mut ChaCha8Rng) -> Vec<u32> {
    if sol.routes.is_empty() {
        return Vec::new();
    }
    let a = rng.random_range(0..sol.routes.len());
    let b = rng.random_range(0..sol.routes.len());
    let r = if sol.routes[b].orders < sol.routes[a].orders {
        b
    } else {
        a
    };
    route_orders(inst, &sol.routes[r].nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::instance::fixtures;
    use crate::routing::state::Route;
    use rand::SeedableRng;

    #[test]
    fn string_removal_takes_served_orders_once_each() {
        let p = fixtures::line(30, 3, 10, 1);
        let inst = Instance::new(&p);
        let h = inst.depot_node(0);
        let mut s = Solution::empty(&inst, Vec::new());
        for chunk in (0..30u32).collect::<Vec<_>>().chunks(10) {
            let mut r = Route::empty(&inst, 0);
            r.nodes = std::iter::once(h)
                .chain(chunk.iter().copied())
                .chain(std::iter::once(h))
                .collect();
            assert!(r.update(&inst));
            s.routes.push(r);
        }
        s.refresh(&inst);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..200 {
            let mut removed = string_removal(&inst, &s, &RuinParams::default(), &mut rng);
            assert!(!removed.is_empty());
            let before = removed.len();
            removed.sort_unstable();
            removed.dedup();
            assert_eq!(removed.len(), before, "an order removed twice");
            // At most 4c̄/(1+L) - 1 strings of at most L = 10 orders.
            assert!(removed.len() <= 30);
        }
        assert_eq!(route_removal(&inst, &s, &mut rng).len(), 10);
    }
}
