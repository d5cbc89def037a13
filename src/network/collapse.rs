//! Chain collapsing: remove the graph nodes that only pass traffic through, merging the edges
//! on either side into one edge that carries the whole geometry.
//!
//! A node `v` passes traffic through when it is one of:
//! - the middle of a one-way chain: exactly one edge in (`u → v`), one edge out (`v → w`),
//!   both one-way, no loop on `v` (`u = w` is allowed: the end of a one-way turning loop,
//!   which becomes a loop edge on `u`);
//! - the middle of a two-way chain: exactly two edges in and two out, to and from the same two
//!   distinct neighbours `a ≠ b` (`a ↔ v ↔ b`), all four two-way (each in-edge the reverse of
//!   an out-edge), no loop on `v`;
//! - the crossing of two one-way chains: the same shape with all four edges one-way
//!   (`a → v → b` and `b → v → a` along different streets).
//!
//! Any other shape (a one-way street meeting a two-way one, a dead end, a three-way
//! junction) keeps its node, so merged edges never join stretches whose directions differ:
//! a merged edge is two-way exactly when all its parts are, and so counts once in road km.
//! Without the two-way test, a two-way stub meeting a one-way loop made of two ways (`1 ↔ 2`,
//! `2 → 4 → 2`: a turning loop) looked like `1 ↔ 2 ↔ 4` and lost node 2, merging the stub
//! into both directions of the loop (issue 10, case 6).
//! Travel costs and reachability between kept nodes are unchanged: every route through a
//! removed node had no alternative there.

use crate::network::graph::NetworkEdge;

/// Edges between nodes numbered `0..node_count`, as `(from, to, edge)`.
pub type EdgeList = Vec<(u32, u32, NetworkEdge)>;

/// Collapses pass-through nodes of the graph `(node_count, edges)`. Returns, for each old
/// node, whether it is kept, and the new edges (still in old node numbers).
pub fn collapse_chains(node_count: usize, edges: EdgeList) -> (Vec<bool>, EdgeList) {
    let mut outs: Vec<Vec<u32>> = vec![Vec::new(); node_count];
    let mut ins: Vec<Vec<u32>> = vec![Vec::new(); node_count];
    for (i, (from, to, _)) in edges.iter().enumerate() {
        outs[*from as usize].push(i as u32);
        ins[*to as usize].push(i as u32);
    }
    let pass: Vec<bool> = (0..node_count)
        .map(|v| passes_through(v as u32, &outs[v], &ins[v], &edges))
        .collect();
    let mut keep: Vec<bool> = pass.iter().map(|p| !p).collect();

    let mut used = vec![false; edges.len()];
    let mut merged: EdgeList = Vec::with_capacity(edges.len());
    // First the chains that start at a kept node; then, for cycles made only of pass-through
    // nodes, keep the first node met on each and walk from it.
    loop {
        for start in 0..edges.len() {
            if used[start] || !keep[edges[start].0 as usize] {
                continue;
            }
            merged.push(walk_chain(start, &edges, &outs, &keep, &mut used));
        }
        match (0..edges.len()).find(|&e| !used[e]) {
            Some(e) => keep[edges[e].0 as usize] = true,
            None => break,
        }
    }
    (keep, merged)
}

/// Whether node `v` is the middle of a one-way or a two-way chain.
fn passes_through(v: u32, outs: &[u32], ins: &[u32], edges: &EdgeList) -> bool {
    let head = |e: &u32| edges[*e as usize].1;
    let tail = |e: &u32| edges[*e as usize].0;
    if outs.iter().any(|e| head(e) == v) {
        return false;
    }
    let two_way = |e: &u32| edges[*e as usize].2.two_way;
    match (ins.len(), outs.len()) {
        // A two-way in-edge has its reverse among the out-edges: with one of each, that is
        // a dead end, not a chain.
        (1, 1) => !two_way(&ins[0]) && !two_way(&outs[0]),
        (2, 2) => {
            let mut o = [head(&outs[0]), head(&outs[1])];
            let mut i = [tail(&ins[0]), tail(&ins[1])];
            o.sort_unstable();
            i.sort_unstable();
            let all_two_way = ins.iter().chain(outs).all(two_way);
            let all_one_way = !ins.iter().chain(outs).any(two_way);
            o[0] != o[1] && o == i && (all_two_way || all_one_way)
        }
        _ => false,
    }
}

/// Follows edge `start` through pass-through nodes to the next kept node, marking the edges
/// used, and returns the merged edge.
fn walk_chain(
    start: usize,
    edges: &EdgeList,
    outs: &[Vec<u32>],
    keep: &[bool],
    used: &mut [bool],
) -> (u32, u32, NetworkEdge) {
    let (from, first_to, first) = &edges[start];
    let (from, mut to) = (*from, *first_to);
    used[start] = true;
    let mut edge = first.clone();
    let mut previous = from;
    while !keep[to as usize] {
        let v = to as usize;
        // Continue on the out-edge that does not go back where we came from (in a one-way
        // chain there is only one out-edge).
        let next = if outs[v].len() == 1 {
            outs[v][0]
        } else {
            *outs[v]
                .iter()
                .find(|e| edges[**e as usize].1 != previous)
                .expect("a two-way chain node has an out-edge to its other neighbour")
        } as usize;
        used[next] = true;
        let (_, next_to, next_edge) = &edges[next];
        edge.extend(next_edge);
        previous = to;
        to = *next_to;
    }
    (from, to, edge)
}
