//! The Jonker–Volgenant phases on one instance: column reduction, reduction transfer,
//! augmenting row reduction and shortest augmenting paths, generic over the stored cost type
//! and over whether a mask of allowed pairs applies.

use super::FREE;
use super::dense::{ColumnMinima, DenseOrder};

/// A cost entry as stored for the solve: `i64`, or `i32` when every cost fits (halves the
/// memory traffic of the row scans, which dominate on large dense instances).
pub(super) trait Cost: Copy {
    /// The cost as `i64`.
    fn wide(self) -> i64;
}

impl Cost for i64 {
    #[inline(always)]
    fn wide(self) -> i64 {
        self
    }
}

impl Cost for i32 {
    #[inline(always)]
    fn wide(self) -> i64 {
        i64::from(self)
    }
}

/// Which pairs may be assigned; monomorphised so the all-allowed case has no test at all.
pub(super) trait Allow: Copy {
    /// True for the all-allowed case (enables the dense fast paths).
    const ALL: bool;
    /// Whether the row-major entry `index` is allowed.
    fn ok(self, index: usize) -> bool;
}

/// Every pair is allowed.
#[derive(Clone, Copy)]
pub(super) struct AllAllowed;

impl Allow for AllAllowed {
    const ALL: bool = true;
    #[inline(always)]
    fn ok(self, _: usize) -> bool {
        true
    }
}

/// Row-major allowed mask.
#[derive(Clone, Copy)]
pub(super) struct Mask<'a>(pub(super) &'a [bool]);

impl Allow for Mask<'_> {
    const ALL: bool = false;
    #[inline(always)]
    fn ok(self, index: usize) -> bool {
        self.0[index]
    }
}

/// State of one LAPJV solve on `n` rows and `m >= n` columns.
///
/// Invariant between phases: every assigned row `i` has its column `x[i]` among the minima of
/// `c(i, j) - v[j]` over its allowed `j`; this keeps the reduced costs used by the shortest
/// path search non-negative.
pub(super) struct Jv<'a, T, A> {
    pub(super) n: usize,
    pub(super) m: usize,
    pub(super) c: &'a [T],
    pub(super) allow: A,
    /// Column prices.
    pub(super) v: Vec<i64>,
    /// Column of each row, or `FREE`.
    pub(super) x: Vec<usize>,
    /// Row of each column, or `FREE`.
    pub(super) y: Vec<usize>,
    /// Free rows still to assign.
    pub(super) free: Vec<usize>,
    /// Shortest path scratch: distances, predecessors, column order.
    pub(super) d: Vec<i64>,
    pub(super) pred: Vec<usize>,
    pub(super) collist: Vec<usize>,
    /// Masked search scratch: position of a column in `collist` and its state (0 unreached,
    /// 1 pending, 2 at minimum or ready).
    pub(super) pos: Vec<usize>,
    pub(super) state: Vec<u8>,
    /// Dense search scratch, ordered by list position.
    pub(super) order: DenseOrder,
}

impl<'a, T: Cost, A: Allow> Jv<'a, T, A> {
    pub(super) fn new(n: usize, m: usize, c: &'a [T], allow: A) -> Self {
        debug_assert!(n <= m && c.len() == n * m);
        Jv {
            n,
            m,
            c,
            allow,
            v: vec![0; m],
            x: vec![FREE; n],
            y: vec![FREE; m],
            free: Vec::with_capacity(n),
            d: if A::ALL { Vec::new() } else { vec![0; m] },
            pred: vec![0; m],
            collist: if A::ALL { Vec::new() } else { (0..m).collect() },
            pos: Vec::new(),
            state: Vec::new(),
            order: DenseOrder::default(),
        }
    }

    /// Runs all phases (with the column minima when already known); `None` when no matching
    /// saturates the rows.
    pub(super) fn run(mut self, minima: Option<ColumnMinima>) -> Option<(Vec<usize>, Vec<i64>)> {
        let dense = A::ALL;
        if self.n == self.m {
            let count = self.column_reduction(minima)?;
            self.reduction_transfer(&count);
        } else {
            self.free.extend(0..self.n);
        }
        if self.m >= 2 {
            for _ in 0..2 {
                self.augmenting_row_reduction();
            }
        }
        let free = std::mem::take(&mut self.free);
        if dense {
            self.order = DenseOrder::new(self.m);
        }
        for &f in &free {
            let found = if dense {
                self.augment_dense(f)
            } else {
                self.augment_masked(f)
            };
            if !found {
                return None;
            }
        }
        Some((self.x, self.v))
    }

    /// `v[j] = min_i c(i, j)`; each row takes the last column (in index order) of which it is
    /// the first minimum; rows that took none become free. Returns how many columns chose
    /// each row, `None` when a column has no allowed row.
    fn column_reduction(&mut self, minima: Option<ColumnMinima>) -> Option<Vec<u32>> {
        let (n, m) = (self.n, self.m);
        let mut argmin = vec![FREE; m];
        if let Some(found) = minima {
            for ((v, a), (&value, &row)) in self
                .v
                .iter_mut()
                .zip(&mut argmin)
                .zip(found.value.iter().zip(&found.row))
            {
                *v = i64::from(value);
                *a = row as usize;
            }
        } else if A::ALL {
            self.dense_column_minima(&mut argmin);
        } else {
            self.masked_column_minima(&mut argmin);
        }
        let mut count = vec![0u32; n];
        for j in (0..m).rev() {
            let i = argmin[j];
            if i == FREE {
                return None;
            }
            if count[i] == 0 {
                self.x[i] = j;
                self.y[j] = i;
            }
            count[i] += 1;
        }
        self.free.extend((0..n).filter(|&i| count[i] == 0));
        Some(count)
    }

    /// Column minima of an all-allowed matrix (first row attaining each), one row at a time.
    fn dense_column_minima(&mut self, argmin: &mut [usize]) {
        let m = self.m;
        for (j, c) in self.c[..m].iter().enumerate() {
            self.v[j] = c.wide();
            argmin[j] = 0;
        }
        for i in 1..self.n {
            let row = &self.c[i * m..(i + 1) * m];
            for ((c, vj), aj) in row.iter().zip(&mut self.v).zip(argmin.iter_mut()) {
                let c = c.wide();
                if c < *vj {
                    *vj = c;
                    *aj = i;
                }
            }
        }
    }

    /// Column minima over the allowed rows (first row attaining each; `FREE` if none).
    fn masked_column_minima(&mut self, argmin: &mut [usize]) {
        let m = self.m;
        for i in 0..self.n {
            let row = &self.c[i * m..(i + 1) * m];
            for (j, cij) in row.iter().enumerate() {
                if self.allow.ok(i * m + j) && (argmin[j] == FREE || cij.wide() < self.v[j]) {
                    self.v[j] = cij.wide();
                    argmin[j] = i;
                }
            }
        }
    }

    /// For rows assigned exactly once, lowers the price of their column by the gap to their
    /// second best reduced cost, so later rows are less drawn to it.
    fn reduction_transfer(&mut self, count: &[u32]) {
        let m = self.m;
        for (i, &times) in count.iter().enumerate() {
            if times != 1 {
                continue;
            }
            let j1 = self.x[i];
            let row = &self.c[i * m..(i + 1) * m];
            let mut best: Option<i64> = None;
            for (j, cij) in row.iter().enumerate() {
                if j != j1 && self.allow.ok(i * m + j) {
                    let h = cij.wide() - self.v[j];
                    best = Some(best.map_or(h, |b| b.min(h)));
                }
            }
            if let Some(mu) = best {
                self.v[j1] -= mu;
            }
        }
    }

    /// One pass of augmenting row reduction over the free rows, bounded to `8 n` steps; rows left over (or with fewer than two allowed columns) stay free for the
    /// augmentation phase.
    fn augmenting_row_reduction(&mut self) {
        let old = std::mem::take(&mut self.free);
        let mut budget = 8 * self.n;
        for &start in &old {
            let mut current = Some(start);
            while let Some(i) = current {
                if budget == 0 {
                    self.free.push(i);
                    break;
                }
                budget -= 1;
                current = self.arr_step(i);
            }
        }
    }

    /// Row `i` takes its best column, displacing its owner; returns the displaced row when it
    /// must be processed at once (the price dropped), else queues it as free.
    fn arr_step(&mut self, i: usize) -> Option<usize> {
        let two = if A::ALL {
            Some(self.dense_two_smallest(i))
        } else {
            self.masked_two_smallest(i)
        };
        let Some((umin, mut j1, usub, j2)) = two else {
            self.free.push(i);
            return None;
        };
        let mut i0 = self.y[j1];
        let dropped = umin < usub;
        if dropped {
            self.v[j1] -= usub - umin;
        } else if i0 != FREE {
            j1 = j2;
            i0 = self.y[j2];
        }
        self.x[i] = j1;
        self.y[j1] = i;
        if i0 == FREE {
            return None;
        }
        self.x[i0] = FREE;
        if dropped {
            Some(i0)
        } else {
            self.free.push(i0);
            None
        }
    }

    /// As [`dense_two_smallest`](Self::dense_two_smallest) over the allowed columns; `None`
    /// when the row has fewer than two.
    fn masked_two_smallest(&self, i: usize) -> Option<(i64, usize, i64, usize)> {
        let m = self.m;
        let row = &self.c[i * m..(i + 1) * m];
        let mut first: Option<(i64, usize)> = None;
        let mut second: Option<(i64, usize)> = None;
        for (j, (cij, &vj)) in row.iter().zip(&self.v).enumerate() {
            if !self.allow.ok(i * m + j) {
                continue;
            }
            let h = cij.wide() - vj;
            match (first, second) {
                (Some((u, _)), _) if h >= u => {
                    if second.is_none_or(|(s, _)| h < s) {
                        second = Some((h, j));
                    }
                }
                _ => {
                    second = first;
                    first = Some((h, j));
                }
            }
        }
        let ((umin, j1), (usub, j2)) = (first?, second?);
        Some((umin, j1, usub, j2))
    }

    /// Flips the alternating path ending at column `end` back to free row `f`.
    pub(super) fn flip_path(&mut self, f: usize, end: usize) {
        let mut j = end;
        loop {
            let i = self.pred[j];
            self.y[j] = i;
            let previous = std::mem::replace(&mut self.x[i], j);
            if i == f {
                break;
            }
            j = previous;
        }
    }

    /// Moves the columns of minimum distance among `collist[low..len]` to `collist[low..up]`;
    /// returns `(up, min)`.
    fn collect_minimum(&mut self, low: usize, len: usize) -> (usize, i64) {
        let mut up = low + 1;
        let mut min = self.d[self.collist[low]];
        for k in low + 1..len {
            let j = self.collist[k];
            let h = self.d[j];
            if h <= min {
                if h < min {
                    up = low;
                    min = h;
                }
                self.collist.swap(k, up);
                up += 1;
            }
        }
        (up, min)
    }

    /// The first unassigned column in `collist[low..up]`.
    fn free_column(&self, low: usize, up: usize) -> Option<usize> {
        self.collist[low..up]
            .iter()
            .copied()
            .find(|&j| self.y[j] == FREE)
    }

    /// Lowers the prices of the ready columns `collist[..ready]` and flips the path to `end`.
    fn update_and_augment(&mut self, f: usize, end: usize, ready: usize, min: i64) {
        for &j in &self.collist[..ready] {
            self.v[j] += self.d[j] - min;
        }
        self.flip_path(f, end);
    }

    /// Shortest augmenting path from free row `f` over allowed pairs only: `collist[..len]`
    /// holds the columns reached so far (ready, at minimum, then pending).
    fn augment_masked(&mut self, f: usize) -> bool {
        if self.state.is_empty() {
            self.state = vec![0; self.m];
            self.pos = vec![0; self.m];
        }
        let mut len = 0;
        let (mut low, mut up, mut min) = (0, 0, 0);
        let mut found = self.scan_masked(f, 0, &mut up, &mut len);
        while found.is_none() {
            if up == low {
                if up >= len {
                    break;
                }
                (up, min) = self.collect_minimum(low, len);
                for k in low..len {
                    let j = self.collist[k];
                    self.pos[j] = k;
                    if k < up {
                        self.state[j] = 2;
                    }
                }
                found = self.free_column(low, up);
                if found.is_some() {
                    break;
                }
            }
            let j1 = self.collist[low];
            low += 1;
            found = self.scan_masked(self.y[j1], min, &mut up, &mut len);
        }
        for &j in &self.collist[..len] {
            self.state[j] = 0;
        }
        match found {
            Some(end) => {
                self.update_and_augment(f, end, low, min);
                true
            }
            None => false,
        }
    }

    /// Relaxes the allowed columns of row `i` (reached at distance `min` through its column,
    /// or the root when `i` is free); newly reached columns join `collist[..len]`. Returns a
    /// free column reached at distance `min` (only for non-root rows, as in the dense scan).
    fn scan_masked(
        &mut self,
        i: usize,
        min: i64,
        up: &mut usize,
        len: &mut usize,
    ) -> Option<usize> {
        let m = self.m;
        let row = &self.c[i * m..(i + 1) * m];
        let root = self.x[i] == FREE;
        let h = if root {
            0
        } else {
            row[self.x[i]].wide() - self.v[self.x[i]] - min
        };
        for (j, cij) in row.iter().enumerate() {
            if !self.allow.ok(i * m + j) || self.state[j] == 2 {
                continue;
            }
            let v2 = cij.wide() - self.v[j] - h;
            if self.state[j] == 0 {
                self.state[j] = 1;
                self.pos[j] = *len;
                self.collist[*len] = j;
                *len += 1;
            } else if v2 >= self.d[j] {
                continue;
            }
            self.d[j] = v2;
            self.pred[j] = i;
            if !root && v2 == min {
                if self.y[j] == FREE {
                    return Some(j);
                }
                self.move_to_minimum(j, up);
            }
        }
        None
    }

    /// Swaps pending column `j` into the at-minimum block `collist[..up]`.
    fn move_to_minimum(&mut self, j: usize, up: &mut usize) {
        let k = self.pos[j];
        let other = self.collist[*up];
        self.collist.swap(k, *up);
        self.pos[other] = k;
        self.pos[j] = *up;
        self.state[j] = 2;
        *up += 1;
    }
}
