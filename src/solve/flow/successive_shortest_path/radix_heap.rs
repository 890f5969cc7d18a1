//! A radix heap: the monotone priority queue of the searches.

/// Monotone priority queue of `(distance, node)` for Dijkstra (keys never below the last one
/// popped): bucket `i` holds keys whose highest bit differing from the last popped key is
/// bit `i − 1`. Push is `O(1)`, pop amortised `O(log C)`; equal keys leave in a fixed,
/// input-determined order.
#[derive(Default)]
pub(super) struct RadixHeap {
    last: i64,
    len: usize,
    buckets: Vec<Vec<(i64, u32)>>,
}

impl RadixHeap {
    fn bucket(&self, key: i64) -> usize {
        debug_assert!(key >= self.last);
        let diff = (key ^ self.last) as u64;
        (u64::BITS - diff.leading_zeros()) as usize
    }

    pub fn clear(&mut self) {
        if self.buckets.is_empty() {
            self.buckets = vec![Vec::new(); u64::BITS as usize + 1];
        }
        if self.len > 0 {
            self.buckets.iter_mut().for_each(Vec::clear);
        }
        self.last = 0;
        self.len = 0;
    }

    pub fn push(&mut self, key: i64, node: u32) {
        let b = self.bucket(key);
        self.buckets[b].push((key, node));
        self.len += 1;
    }

    pub fn pop(&mut self) -> Option<(i64, u32)> {
        if self.len == 0 {
            return None;
        }
        if self.buckets[0].is_empty() {
            let i = self.buckets.iter().position(|b| !b.is_empty())?;
            let moved = std::mem::take(&mut self.buckets[i]);
            self.last = moved.iter().map(|&(k, _)| k).min()?;
            for &(k, v) in &moved {
                let b = self.bucket(k);
                self.buckets[b].push((k, v));
            }
            // keep the emptied bucket's allocation
            let mut moved = moved;
            moved.clear();
            if self.buckets[i].is_empty() {
                self.buckets[i] = moved;
            }
        }
        self.len -= 1;
        self.buckets[0].pop()
    }
}
