//! A 4-ary min-heap of `(cost, node)` with decrease-key, for Dijkstra.
//!
//! Compared with a binary heap of pushed pairs (lazy deletion), each node is in the heap at
//! most once, so the heap stays at most as large as the search frontier, and a 4-ary layout
//! halves its depth; both matter on city graphs where most of a search is heap work. Pairs
//! compare by cost, then node index, so equal costs pop lowest node first.

/// Heap entries with their position table.
#[derive(Clone, Debug)]
pub struct NodeHeap {
    items: Vec<(u64, u32)>,
    /// Position of each node in `items`; meaningful only while the node is in the heap.
    position: Vec<u32>,
}

const ARITY: usize = 4;

impl NodeHeap {
    /// An empty heap for nodes `0..node_count`.
    pub fn new(node_count: usize) -> Self {
        NodeHeap {
            items: Vec::new(),
            position: vec![0; node_count],
        }
    }

    /// Removes every entry.
    #[inline]
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Inserts `node`, which must not be in the heap.
    #[inline]
    pub fn push(&mut self, cost: u64, node: u32) {
        self.items.push((cost, node));
        self.sift_up(self.items.len() - 1);
    }

    /// Lowers the cost of `node`, which must be in the heap with a higher cost.
    #[inline]
    pub fn decrease(&mut self, cost: u64, node: u32) {
        let i = self.position[node as usize] as usize;
        debug_assert_eq!(self.items[i].1, node);
        self.items[i].0 = cost;
        self.sift_up(i);
    }

    /// Removes and returns the smallest `(cost, node)`.
    #[inline]
    pub fn pop(&mut self) -> Option<(u64, u32)> {
        let top = *self.items.first()?;
        let last = self.items.pop().expect("non-empty");
        if !self.items.is_empty() {
            self.items[0] = last;
            self.sift_down(0);
        }
        Some(top)
    }

    #[inline]
    fn sift_up(&mut self, mut i: usize) {
        let item = self.items[i];
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.items[parent] <= item {
                break;
            }
            self.items[i] = self.items[parent];
            self.position[self.items[i].1 as usize] = i as u32;
            i = parent;
        }
        self.items[i] = item;
        self.position[item.1 as usize] = i as u32;
    }

    #[inline]
    fn sift_down(&mut self, mut i: usize) {
        let item = self.items[i];
        let n = self.items.len();
        loop {
            let first = i * ARITY + 1;
            if first >= n {
                break;
            }
            let end = (first + ARITY).min(n);
            let mut best = first;
            for c in first + 1..end {
                if self.items[c] < self.items[best] {
                    best = c;
                }
            }
            if self.items[best] >= item {
                break;
            }
            self.items[i] = self.items[best];
            self.position[self.items[i].1 as usize] = i as u32;
            i = best;
        }
        self.items[i] = item;
        self.position[item.1 as usize] = i as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_cost_then_node_order_with_decreases() {
        let mut h = NodeHeap::new(10);
        for (c, n) in [
            (50, 0),
            (40, 1),
            (40, 2),
            (70, 3),
            (10, 4),
            (90, 5),
            (60, 6),
        ] {
            h.push(c, n);
        }
        h.decrease(5, 5);
        h.decrease(40, 6);
        let order: Vec<(u64, u32)> = std::iter::from_fn(|| h.pop()).collect();
        assert_eq!(
            order,
            vec![(5, 5), (10, 4), (40, 1), (40, 2), (40, 6), (50, 0), (70, 3)]
        );
        assert!(h.is_empty());
    }
}
