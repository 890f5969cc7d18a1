//! The `k` nearest points of a fixed set, by a bucket grid over the unit square.

/// Points of the unit square bucketed in a `side × side` grid (about two points per cell).
pub(super) struct Buckets<'a> {
    points: &'a [(f64, f64)],
    side: usize,
    /// Point indices by cell, `start[c]..start[c + 1]` in `members`.
    start: Vec<usize>,
    members: Vec<usize>,
}

impl<'a> Buckets<'a> {
    pub(super) fn new(points: &'a [(f64, f64)]) -> Self {
        let side = ((points.len() as f64 / 2.0).sqrt().ceil() as usize).max(1);
        let cell_of = |&(x, y): &(f64, f64)| cell_index(x, side) * side + cell_index(y, side);
        let mut start = vec![0usize; side * side + 1];
        for p in points {
            start[cell_of(p) + 1] += 1;
        }
        for c in 0..side * side {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut members = vec![0usize; points.len()];
        for (i, p) in points.iter().enumerate() {
            let c = cell_of(p);
            members[fill[c]] = i;
            fill[c] += 1;
        }
        Buckets {
            points,
            side,
            start,
            members,
        }
    }

    /// The `k` nearest points to `(x, y)` as `(distance, index)`, nearest first (ties: lower
    /// index first); fewer when the set is smaller.
    pub(super) fn nearest(&self, (x, y): (f64, f64), k: usize, out: &mut Vec<(f64, usize)>) {
        out.clear();
        let k = k.min(self.points.len());
        if k == 0 {
            return;
        }
        let side = self.side;
        let (cx, cy) = (cell_index(x, side), cell_index(y, side));
        let cell = 1.0 / side as f64;
        let mut ring = 0usize;
        loop {
            self.visit_ring((cx, cy), ring, (x, y), out);
            // Every point outside rings 0..=ring is farther than `ring · cell`.
            if out.len() >= k {
                out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                if out[k - 1].0 < ring as f64 * cell || ring >= side {
                    out.truncate(k);
                    return;
                }
            }
            ring += 1;
        }
    }

    /// Appends the points of the cells at Chebyshev distance exactly `ring` from `(cx, cy)`.
    fn visit_ring(
        &self,
        (cx, cy): (usize, usize),
        ring: usize,
        (x, y): (f64, f64),
        out: &mut Vec<(f64, usize)>,
    ) {
        let side = self.side as isize;
        let (cx, cy, r) = (cx as isize, cy as isize, ring as isize);
        for i in (cx - r).max(0)..=(cx + r).min(side - 1) {
            for j in (cy - r).max(0)..=(cy + r).min(side - 1) {
                if (i - cx).abs() != r && (j - cy).abs() != r {
                    continue;
                }
                let c = (i * side + j) as usize;
                for &p in &self.members[self.start[c]..self.start[c + 1]] {
                    let (px, py) = self.points[p];
                    out.push(((px - x).hypot(py - y), p));
                }
            }
        }
    }
}

fn cell_index(x: f64, side: usize) -> usize {
    ((x * side as f64) as usize).min(side - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_full_scan() {
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let points: Vec<(f64, f64)> = (0..300).map(|_| (next(), next())).collect();
        let buckets = Buckets::new(&points);
        let mut got = Vec::new();
        for _ in 0..50 {
            let q = (next(), next());
            buckets.nearest(q, 7, &mut got);
            let mut all: Vec<(f64, usize)> = points
                .iter()
                .enumerate()
                .map(|(i, &(px, py))| ((px - q.0).hypot(py - q.1), i))
                .collect();
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            all.truncate(7);
            assert_eq!(got, all);
        }
    }
}
