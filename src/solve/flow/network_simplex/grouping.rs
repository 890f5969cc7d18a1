//! Items grouped by a node key in one compressed array (the crash start's arcs by head, the
//! node order's children by anchor).

/// The items of each key `0..keys`, in the order they were given, stored contiguously.
pub(super) struct Grouped {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Grouped {
    /// Groups the `(key, item)` pairs that `pairs` yields (called twice: once to count, once
    /// to place, so it must yield the same pairs both times); every key is below `keys`.
    ///
    /// # Complexity
    /// O(keys + pairs), 4 bytes per key and per item.
    pub(super) fn new<I>(keys: usize, pairs: impl Fn() -> I) -> Grouped
    where
        I: Iterator<Item = (u32, u32)>,
    {
        let mut start = vec![0u32; keys + 1];
        for (key, _) in pairs() {
            start[key as usize + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start[keys] as usize];
        for (key, item) in pairs() {
            let slot = &mut fill[key as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Grouped { start, items }
    }

    /// The items of `key`, in the order given.
    pub(super) fn of(&self, key: usize) -> &[u32] {
        &self.items[self.start[key] as usize..self.start[key + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Grouped;

    #[test]
    fn items_keep_their_order_within_each_key() {
        let pairs = [(2, 10), (0, 11), (2, 12), (0, 13)];
        let grouped = Grouped::new(3, || pairs.iter().copied());
        assert_eq!(grouped.of(0), &[11, 13]);
        assert_eq!(grouped.of(1), &[] as &[u32]);
        assert_eq!(grouped.of(2), &[10, 12]);
    }
}
