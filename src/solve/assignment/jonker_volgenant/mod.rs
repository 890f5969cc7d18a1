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
mod phases;

use dense::ColumnMinima;
use phases::{AllAllowed, Jv, Mask};

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
