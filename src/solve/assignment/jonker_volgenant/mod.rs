//! Dense Jonker–Volgenant (LAPJV) shortest-augmenting-path assignment.
//!
//! Square instances run the full LAPJV: column reduction, reduction transfer, two passes of
//! augmenting row reduction, then a Dijkstra-like shortest augmenting path per remaining free
//! row. Without forbidden pairs the search keeps its columns in a list split into *ready |
//! pending* and settles one column at a time: the scan of a row relaxes the pending columns
//! and finds the next minimum in the same pass. With forbidden pairs every phase looks at
//! allowed pairs only and the path search (*ready | at minimum | pending*) lists only the
//! columns reached so far. Rectangular instances (rows < cols; taller ones are transposed)
//! skip column reduction and reduction transfer and start from zero prices; since prices only ever
//! decrease, and only on columns being assigned, unassigned columns keep a zero price and all
//! column prices stay `<= 0`, as the rectangular dual certificate requires.

use super::AssignmentSolver;
use super::matrix::{CostMatrix, cost_limit};
use super::solution::{AssignmentSolution, AssignmentStatus};
use crate::error::Result;

mod dense;

use dense::{ColumnMinima, DenseOrder};

/// Smallest all-allowed instance (entries) copied to `i32` costs when they fit.
const NARROW_MIN_ENTRIES: usize = 1 << 16;

/// Marks an unassigned row or column in the internal index arrays.
const FREE: usize = usize::MAX;

/// Dense Jonker–Volgenant linear assignment solver (no knobs).
///
/// # Guarantee
/// Exact: a minimum-cost matching of size `min(rows, cols)` with integer duals satisfying
/// [`check_assignment_duals`](super::check_assignment_duals), or `Infeasible` when none exists,
/// or `Overflow` when an allowed `|cost|` exceeds [`cost_limit`]`(max(rows, cols))` (within it
/// every potential and path length stays far inside `i64`).
///
/// # Complexity
/// O(n² · min(rows, cols)) worst case time with n = max(rows, cols); much less on random
/// costs, where the reduction phases assign most rows. Extra space O(cols) (plus a transposed
/// copy when rows > cols).
///
/// # References
/// R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
/// assignment problems", Computing 38 (1987) 325–340.
///
/// # Example
/// ```
/// use wushe::solve::assignment::{AssignmentSolver, CostMatrix, JonkerVolgenant};
/// let m = CostMatrix::new(2, 3, vec![5, 1, 9, 4, 2, 8])?;
/// let s = JonkerVolgenant::default().solve(&m)?;
/// assert_eq!(s.row_to_col, vec![Some(1), Some(0)]);
/// assert_eq!(s.objective, 5);
/// # Ok::<(), wushe::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JonkerVolgenant;

/// Scratch memory a caller may keep between [`JonkerVolgenant::solve_with`] calls.
///
/// Large all-allowed matrices are solved on a 32-bit copy of their costs (half the memory
/// traffic of `i64`). Keeping the workspace lets repeated solves (online re-matching, sweeps,
/// timed benchmark runs) reuse that buffer instead of faulting fresh pages in every time; the
/// copy itself is still made from the input on every solve. It holds up to `rows × cols × 4`
/// bytes after a solve; drop it to release them.
///
/// # Example
/// ```
/// use wushe::solve::assignment::{CostMatrix, JonkerVolgenant, JvWorkspace};
/// let mut workspace = JvWorkspace::default();
/// for shift in 0..3 {
///     let m = CostMatrix::new(2, 2, vec![4 + shift, 1, 2, 8])?;
///     let s = JonkerVolgenant.solve_with(&m, &mut workspace)?;
///     assert_eq!(s.objective, 3);
/// }
/// # Ok::<(), wushe::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct JvWorkspace {
    narrow: Vec<i32>,
}

impl JonkerVolgenant {
    /// Solves like [`AssignmentSolver::solve`], reusing `workspace`'s memory.
    ///
    /// # Errors
    /// As [`AssignmentSolver::solve`].
    pub fn solve_with(
        &self,
        matrix: &CostMatrix,
        workspace: &mut JvWorkspace,
    ) -> Result<AssignmentSolution> {
        solve_dense(matrix, &mut workspace.narrow)
    }
}

impl AssignmentSolver for JonkerVolgenant {
    fn name(&self) -> &'static str {
        "jonker_volgenant"
    }

    fn solve(&self, matrix: &CostMatrix) -> Result<AssignmentSolution> {
        solve_dense(matrix, &mut Vec::new())
    }
}

/// The solve behind both entry points; `narrow` is the reusable 32-bit cost buffer.
fn solve_dense(matrix: &CostMatrix, narrow: &mut Vec<i32>) -> Result<AssignmentSolution> {
    matrix.check_dimensions()?;
    let (rows, cols) = (matrix.rows(), matrix.cols());
    if rows.min(cols) == 0 {
        return Ok(AssignmentSolution::empty(rows, cols));
    }
    if let Some(solution) = solve_narrow(matrix, narrow) {
        return Ok(solution);
    }
    if matrix.max_abs_allowed_cost() > cost_limit(rows.max(cols)) {
        return Ok(AssignmentSolution::unsolved(
            AssignmentStatus::Overflow,
            rows,
        ));
    }
    if rows > cols {
        let solution = solve_wide(&matrix.transposed());
        return Ok(solution.untransposed(rows, cols));
    }
    Ok(solve_wide(matrix))
}

/// Fast path for large all-allowed instances with `rows <= cols` whose costs all fit in
/// `i32` (then they are also within [`cost_limit`]): one pass copies and checks the costs
/// and, for square instances, gathers the column minima of the column reduction while each
/// row is still in cache. `None` when the path does not apply (it stops at the first row with
/// a cost outside `i32`).
fn solve_narrow(matrix: &CostMatrix, small: &mut Vec<i32>) -> Option<AssignmentSolution> {
    let (rows, cols) = (matrix.rows(), matrix.cols());
    let costs = matrix.costs();
    if rows > cols
        || matrix.allowed().is_some()
        || costs.len() < NARROW_MIN_ENTRIES
        || cost_limit(cols) < i32::MAX as u64
    {
        return None;
    }
    small.clear();
    small.reserve(costs.len());
    let mut minima: Option<ColumnMinima> = None;
    for (i, row) in costs.chunks_exact(cols).enumerate() {
        let start = small.len();
        let mut lost = 0i64;
        small.extend(row.iter().map(|&c| {
            let narrow = c as i32;
            lost |= i64::from(narrow) ^ c;
            narrow
        }));
        if lost != 0 {
            return None;
        }
        if rows == cols {
            let narrow = &small[start..];
            match &mut minima {
                None => minima = Some(ColumnMinima::first(narrow)),
                Some(found) => found.add_row(i as u32, narrow),
            }
        }
    }
    let solved = Jv::new(rows, cols, &small[..], AllAllowed).run(minima);
    Some(match solved {
        Some((x, v)) => finish(matrix, &x, v),
        None => AssignmentSolution::unsolved(AssignmentStatus::Infeasible, rows),
    })
}

/// Solves an instance with `rows <= cols`.
fn solve_wide(matrix: &CostMatrix) -> AssignmentSolution {
    let (rows, cols) = (matrix.rows(), matrix.cols());
    let costs = matrix.costs();
    let solved = match matrix.allowed() {
        None => Jv::new(rows, cols, costs, AllAllowed).run(None),
        Some(mask) => Jv::new(rows, cols, costs, Mask(mask)).run(None),
    };
    match solved {
        Some((x, v)) => finish(matrix, &x, v),
        None => AssignmentSolution::unsolved(AssignmentStatus::Infeasible, rows),
    }
}

/// Builds the solution from the row assignment and column prices: `u_i = c(i, x_i) - v(x_i)`.
fn finish(matrix: &CostMatrix, x: &[usize], col_dual: Vec<i64>) -> AssignmentSolution {
    let cols = matrix.cols();
    let costs = matrix.costs();
    let mut objective: i128 = 0;
    let mut row_dual = Vec::with_capacity(x.len());
    let mut row_to_col = Vec::with_capacity(x.len());
    for (i, &j) in x.iter().enumerate() {
        let c = costs[i * cols + j];
        objective += i128::from(c);
        row_dual.push(c - col_dual[j]);
        row_to_col.push(u32::try_from(j).ok());
    }
    AssignmentSolution {
        status: AssignmentStatus::Optimal,
        row_to_col,
        objective,
        row_dual,
        col_dual,
    }
}

/// A cost entry as stored for the solve: `i64`, or `i32` when every cost fits (halves the
/// memory traffic of the row scans, which dominate on large dense instances).
trait Cost: Copy {
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
trait Allow: Copy {
    /// True for the all-allowed case (enables the dense fast paths).
    const ALL: bool;
    /// Whether the row-major entry `index` is allowed.
    fn ok(self, index: usize) -> bool;
}

/// Every pair is allowed.
#[derive(Clone, Copy)]
struct AllAllowed;

impl Allow for AllAllowed {
    const ALL: bool = true;
    #[inline(always)]
    fn ok(self, _: usize) -> bool {
        true
    }
}

/// Row-major allowed mask.
#[derive(Clone, Copy)]
struct Mask<'a>(&'a [bool]);

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
struct Jv<'a, T, A> {
    n: usize,
    m: usize,
    c: &'a [T],
    allow: A,
    /// Column prices.
    v: Vec<i64>,
    /// Column of each row, or `FREE`.
    x: Vec<usize>,
    /// Row of each column, or `FREE`.
    y: Vec<usize>,
    /// Free rows still to assign.
    free: Vec<usize>,
    /// Shortest path scratch: distances, predecessors, column order.
    d: Vec<i64>,
    pred: Vec<usize>,
    collist: Vec<usize>,
    /// Masked search scratch: position of a column in `collist` and its state (0 unreached,
    /// 1 pending, 2 at minimum or ready).
    pos: Vec<usize>,
    state: Vec<u8>,
    /// Dense search scratch, ordered by list position.
    order: DenseOrder,
}

impl<'a, T: Cost, A: Allow> Jv<'a, T, A> {
    fn new(n: usize, m: usize, c: &'a [T], allow: A) -> Self {
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
    fn run(mut self, minima: Option<ColumnMinima>) -> Option<(Vec<usize>, Vec<i64>)> {
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
    fn flip_path(&mut self, f: usize, end: usize) {
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
