//! All-allowed fast paths of the Jonker–Volgenant core: column minima gathered while the
//! costs are copied, the augmenting row reduction's row scan, and the shortest augmenting
//! path search over a position-ordered column list.

use super::FREE;
use super::phases::{Allow, Cost, Jv};

/// Column minima of an all-allowed `i32` matrix gathered row by row: the smallest cost of
/// each column and the first row attaining it.
pub(super) struct ColumnMinima {
    pub(super) value: Vec<i32>,
    pub(super) row: Vec<u32>,
}

impl ColumnMinima {
    /// The minima of the first row alone.
    pub(super) fn first(row: &[i32]) -> Self {
        ColumnMinima {
            value: row.to_vec(),
            row: vec![0; row.len()],
        }
    }

    /// Takes row `i` (after all earlier rows) into account; branch-free so it vectorises.
    #[inline(never)]
    pub(super) fn add_row(&mut self, i: u32, row: &[i32]) {
        for ((&c, value), r) in row.iter().zip(&mut self.value).zip(&mut self.row) {
            *r = if c < *value { i } else { *r };
            *value = c.min(*value);
        }
    }
}

/// Columns per block of the augmenting row reduction's row scan.
const ARR_BLOCK: usize = 16;

/// The two smallest reduced costs of a row seen so far, with their columns (first minimum
/// first; ties keep the earlier column).
struct TwoSmallest {
    umin: i64,
    j1: usize,
    usub: i64,
    j2: usize,
}

impl TwoSmallest {
    fn new(umin: i64, j1: usize, usub: i64, j2: usize) -> Self {
        TwoSmallest { umin, j1, usub, j2 }
    }

    /// Takes the columns `base..` with costs `c` and prices `v` into account, in order.
    fn offer<T: Cost>(&mut self, base: usize, c: &[T], v: &[i64]) {
        for (k, (cij, &vj)) in c.iter().zip(v).enumerate() {
            let h = cij.wide() - vj;
            if h < self.usub {
                let j = base + k;
                if h >= self.umin {
                    (self.usub, self.j2) = (h, j);
                } else {
                    (self.usub, self.j2) = (self.umin, self.j1);
                    (self.umin, self.j1) = (h, j);
                }
            }
        }
    }
}

/// One row scan of the dense search over the pending positions (indices relative to the
/// first pending position).
struct RowScan<'s, T> {
    /// Cost row of the scanned row `i`.
    row: &'s [T],
    /// Offset: the new distance of the column at position `k` is `row[col[k]] - vk[k] - h`.
    h: i64,
    /// Distance of the column being settled.
    min: i64,
    i: usize,
    col: &'s [u32],
    dk: &'s mut [i64],
    vk: &'s [i64],
    pred: &'s mut [usize],
    y: &'s [usize],
    /// Smallest pending distance so far and its first position.
    best: (i64, usize),
}

impl<T: Cost> RowScan<'_, T> {
    /// Distance to position `k` through row `i`.
    #[inline(always)]
    fn distance(&self, k: usize) -> i64 {
        self.row[self.col[k] as usize].wide() - self.vk[k] - self.h
    }

    /// Relaxes positions `k` and `k + 1` with one branch for both; returns a free column
    /// reached at distance `min`.
    #[inline(always)]
    fn pair(&mut self, k: usize) -> Option<usize> {
        let (a, b) = (self.distance(k), self.distance(k + 1));
        if (a < self.dk[k]) | (b < self.dk[k + 1]) {
            if let Some(j) = self.relax(k, a).or_else(|| self.relax(k + 1, b)) {
                return Some(j);
            }
        }
        self.offer(k);
        self.offer(k + 1);
        None
    }

    /// Lowers the distance at position `k` to `d` if smaller; returns its column if it is
    /// free and now at distance `min`.
    #[inline(always)]
    fn relax(&mut self, k: usize, d: i64) -> Option<usize> {
        if d >= self.dk[k] {
            return None;
        }
        self.dk[k] = d;
        let j = self.col[k] as usize;
        self.pred[j] = self.i;
        (d == self.min && self.y[j] == FREE).then_some(j)
    }

    /// Keeps position `k` if its distance is the smallest so far.
    #[inline(always)]
    fn offer(&mut self, k: usize) {
        if self.dk[k] < self.best.0 {
            self.best = (self.dk[k], k);
        }
    }
}

/// Column list of the dense search with distances and prices stored by list position, so the
/// scan over pending columns reads three arrays sequentially. Positions `..low` hold the ready
/// (scanned) columns, `low..` the pending ones. Reset to the identity order (and the current
/// prices) by every augmentation, which keeps the cost-row reads nearly in order.
#[derive(Default)]
pub(super) struct DenseOrder {
    /// Column at each position (a permutation of `0..m`).
    col: Vec<u32>,
    /// Distance of the column at each position.
    dk: Vec<i64>,
    /// Price of the column at each position.
    vk: Vec<i64>,
}

/// Outcome of scanning one row in the dense search.
enum Scan {
    /// A free column reached at the current minimum distance: the path ends there.
    Free(usize),
    /// No free column at the minimum yet: the smallest pending distance and its first position.
    Next(i64, usize),
    /// No pending column is left.
    Exhausted,
}

impl DenseOrder {
    /// Scratch for `m` columns (filled by each augmentation).
    pub(super) fn new(m: usize) -> Self {
        DenseOrder {
            col: vec![0; m],
            dk: vec![0; m],
            vk: vec![0; m],
        }
    }

    /// Identity order with distances `row[j] - v[j]` from a free row; returns the smallest
    /// distance and its first position (`None` when there is no column).
    fn start<T: Cost>(&mut self, row: &[T], v: &[i64]) -> Option<(i64, usize)> {
        let mut best: Option<(i64, usize)> = None;
        let slots = self.col.iter_mut().zip(&mut self.dk).zip(&mut self.vk);
        for (j, ((c, &vj), ((col, dk), vk))) in row.iter().zip(v).zip(slots).enumerate() {
            let d = c.wide() - vj;
            *col = j as u32;
            *dk = d;
            *vk = vj;
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, j));
            }
        }
        best
    }

    /// Swaps the entries at positions `a` and `b`.
    fn swap(&mut self, a: usize, b: usize) {
        self.col.swap(a, b);
        self.dk.swap(a, b);
        self.vk.swap(a, b);
    }
}

impl<T: Cost, A: Allow> Jv<'_, T, A> {
    /// Smallest and second smallest `c(i, j) - v[j]` of a row (`m >= 2`) with their columns
    /// `(umin, j1, usub, j2)`: `j1` the first minimum, `j2` the first minimum of the others.
    ///
    /// Blocks of [`ARR_BLOCK`] columns are first reduced to their smallest value without
    /// branches; only a block holding a value below the current second minimum is scanned
    /// entry by entry (rare once the two minima are small).
    #[inline(never)]
    pub(super) fn dense_two_smallest(&self, i: usize) -> (i64, usize, i64, usize) {
        let m = self.m;
        let (row, v) = (&self.c[i * m..(i + 1) * m], &self.v[..m]);
        let (h0, h1) = (row[0].wide() - v[0], row[1].wide() - v[1]);
        let mut two = if h1 < h0 {
            TwoSmallest::new(h1, 1, h0, 0)
        } else {
            TwoSmallest::new(h0, 0, h1, 1)
        };
        let mut costs = row[2..].chunks_exact(ARR_BLOCK);
        let mut prices = v[2..].chunks_exact(ARR_BLOCK);
        let mut base = 2;
        for (c, p) in (&mut costs).zip(&mut prices) {
            let low = c
                .iter()
                .zip(p)
                .fold(two.usub, |a, (cij, &vj)| a.min(cij.wide() - vj));
            if low < two.usub {
                two.offer(base, c, p);
            }
            base += ARR_BLOCK;
        }
        two.offer(base, costs.remainder(), prices.remainder());
        (two.umin, two.j1, two.usub, two.j2)
    }

    /// Shortest augmenting path from free row `f` over all columns, price update and
    /// augmentation. Returns false only if no free column is reachable (impossible here).
    ///
    /// Dijkstra one column at a time: each scan of a row also finds the smallest pending
    /// distance, so no separate pass looks for the next minimum. Works on the position-ordered
    /// arrays of [`DenseOrder`] so the hot scan reads them sequentially; only the cost row is
    /// gathered.
    pub(super) fn augment_dense(&mut self, f: usize) -> bool {
        let m = self.m;
        let Some((mut min, mut pos)) = self.order.start(&self.c[f * m..(f + 1) * m], &self.v)
        else {
            return false;
        };
        self.pred.fill(f);
        let mut low = 0;
        let end = loop {
            self.order.swap(low, pos);
            let j = self.order.col[low] as usize;
            low += 1;
            if self.y[j] == FREE {
                break j;
            }
            match self.scan_dense(low - 1, min) {
                Scan::Free(j) => break j,
                Scan::Next(next, at) => {
                    debug_assert!(next >= min);
                    (min, pos) = (next, at);
                }
                Scan::Exhausted => return false,
            }
        };
        let o = &self.order;
        for k in 0..low {
            self.v[o.col[k] as usize] = o.vk[k] + o.dk[k] - min;
        }
        self.flip_path(f, end);
        true
    }

    /// Scans the row assigned to the ready column at position `p` (at distance `min`),
    /// relaxing the pending positions `p + 1..m` and tracking their new minimum, two
    /// positions per step (improvements are rare, about 1% of the entries on random costs).
    #[inline]
    fn scan_dense(&mut self, p: usize, min: i64) -> Scan {
        let m = self.m;
        let o = &mut self.order;
        let j1 = o.col[p] as usize;
        let i = self.y[j1];
        let row = &self.c[i * m..(i + 1) * m];
        let start = p + 1;
        let Some(&first) = o.dk.get(start) else {
            return Scan::Exhausted;
        };
        let mut scan = RowScan {
            row,
            h: row[j1].wide() - o.vk[p] - min,
            min,
            i,
            col: &o.col[start..m],
            dk: &mut o.dk[start..m],
            vk: &o.vk[start..m],
            pred: &mut self.pred[..m],
            y: &self.y[..m],
            best: (first, 0),
        };
        let len = scan.col.len();
        let mut k = 0;
        while k + 1 < len {
            if let Some(j) = scan.pair(k) {
                return Scan::Free(j);
            }
            k += 2;
        }
        if k < len {
            if let Some(j) = scan.relax(k, scan.distance(k)) {
                return Scan::Free(j);
            }
            scan.offer(k);
        }
        Scan::Next(scan.best.0, start + scan.best.1)
    }
}
