//! A 4-ary min-heap of nodes keyed by the duration part of their cost, with decrease-key,
//! for Dijkstra.
//!
//! Compared with a binary heap of pushed pairs (lazy deletion), each node is in the heap at
//! most once, so the heap stays at most as large as the search frontier, and a 4-ary layout
//! halves its depth; both matter on city graphs where most of a search is heap work. An
//! entry is one `u64`, duration in milliseconds (the high half of a packed cost, see
//! [`super::csr`]) above the node index, so one integer comparison orders by duration, then
//! node index. Ordering by duration alone is exact because every arc lasts at least 1 ms
//! (see [`super::csr::pack`]): nodes popped at the same duration cannot improve one another.

/// Heap entries with their position table.
#[derive(Clone, Debug)]
pub struct NodeHeap {
    items: Vec<u64>,
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

    #[inline]
    fn entry(cost: u64, node: u32) -> u64 {
        (cost & !0xFFFF_FFFF) | u64::from(node)
    }

    /// Inserts `node` with packed `cost`; the node must not be in the heap.
    #[inline]
    pub fn push(&mut self, cost: u64, node: u32) {
        self.items.push(Self::entry(cost, node));
        self.sift_up(self.items.len() - 1);
    }

    /// Lowers the packed cost of `node`, which must be in the heap with a higher cost.
    #[inline]
    pub fn decrease(&mut self, cost: u64, node: u32) {
        let i = self.position[node as usize] as usize;
        debug_assert_eq!(self.items[i] as u32, node);
        self.items[i] = Self::entry(cost, node);
        self.sift_up(i);
    }

    /// Removes the entry of least duration (then node index) and returns its duration in
    /// ms (shifted to the high half, as in a packed cost) and its node.
    #[inline]
    pub fn pop(&mut self) -> Option<(u64, u32)> {
        let top = *self.items.first()?;
        let last = self.items.pop().expect("non-empty");
        if !self.items.is_empty() {
            self.items[0] = last;
            self.sift_down(0);
        }
        Some((top & !0xFFFF_FFFF, top as u32))
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
            self.position[self.items[i] as u32 as usize] = i as u32;
            i = parent;
        }
        self.items[i] = item;
        self.position[item as u32 as usize] = i as u32;
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
            self.position[self.items[i] as u32 as usize] = i as u32;
            i = best;
        }
        self.items[i] = item;
        self.position[item as u32 as usize] = i as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_duration_then_node_order_with_decreases() {
        let mut h = NodeHeap::new(10);
        let ms = |d: u64| d << 32;
        for (c, n) in [
            (50, 0),
            (40, 1),
            (40, 2),
            (70, 3),
            (10, 4),
            (90, 5),
            (60, 6),
        ] {
            // The low (distance) half is ignored by the heap's order.
            h.push(ms(c) | (100 - u64::from(n)), n);
        }
        h.decrease(ms(5), 5);
        h.decrease(ms(40), 6);
        let order: Vec<(u64, u32)> = std::iter::from_fn(|| h.pop())
            .map(|(c, n)| (c >> 32, n))
            .collect();
        assert_eq!(
            order,
            vec![(5, 5), (10, 4), (40, 1), (40, 2), (40, 6), (50, 0), (70, 3)]
        );
        assert!(h.is_empty());
    }
}
