//! Result of an assignment solve and its independent optimality certificate.

use super::matrix::CostMatrix;

/// How an assignment solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AssignmentStatus {
    /// A minimum-cost matching of size `min(rows, cols)` was found, with optimal duals.
    Optimal,
    /// No matching of size `min(rows, cols)` exists among the allowed pairs.
    Infeasible,
    /// Some allowed cost exceeds [`cost_limit`](super::cost_limit) for the instance size, or an
    /// internal potential left the `i64` range; nothing was solved.
    Overflow,
}

/// A minimum-cost matching with the dual prices that prove it optimal.
///
/// Domain meaning: `row_to_col[r]` is the column (provider) that row (need) `r` got. When the
/// status is not [`AssignmentStatus::Optimal`] every row is `None`, the objective is 0 and both
/// dual vectors are empty.
///
/// Dual convention (the linear-programming dual): `row_dual[r] + col_dual[c] <= cost(r, c)` on
/// every allowed pair, with equality on the assigned pairs. The duals of the *larger* side are
/// `<= 0`, and `0` on its unassigned vertices (square: no sign condition).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AssignmentSolution {
    /// How the solve ended.
    pub status: AssignmentStatus,
    /// Column assigned to each row (`None`: the row is unassigned).
    pub row_to_col: Vec<Option<u32>>,
    /// Total cost of the assigned pairs.
    pub objective: i128,
    /// Dual price of each row.
    pub row_dual: Vec<i64>,
    /// Dual price of each column.
    pub col_dual: Vec<i64>,
}

impl AssignmentSolution {
    /// The optimal (empty) solution of an instance with no row or no column: nothing to assign,
    /// all duals 0.
    pub fn empty(rows: usize, cols: usize) -> Self {
        AssignmentSolution {
            status: AssignmentStatus::Optimal,
            row_to_col: vec![None; rows],
            objective: 0,
            row_dual: vec![0; rows],
            col_dual: vec![0; cols],
        }
    }

    /// A solution without assignment for `rows` rows, with the given non-optimal status.
    pub fn unsolved(status: AssignmentStatus, rows: usize) -> Self {
        AssignmentSolution {
            status,
            row_to_col: vec![None; rows],
            objective: 0,
            row_dual: Vec::new(),
            col_dual: Vec::new(),
        }
    }

    /// Maps a solution of the transposed instance back to the original `rows × cols`
    /// orientation (rows and columns, and their duals, swap roles).
    pub(crate) fn untransposed(self, rows: usize, cols: usize) -> AssignmentSolution {
        if self.status != AssignmentStatus::Optimal {
            return AssignmentSolution::unsolved(self.status, rows);
        }
        let mut row_to_col = vec![None; rows];
        for (c, r) in self.row_to_col.iter().enumerate() {
            if let (Some(r), Ok(c)) = (r, u32::try_from(c)) {
                row_to_col[*r as usize] = Some(c);
            }
        }
        debug_assert_eq!(self.col_dual.len(), rows);
        debug_assert_eq!(self.row_dual.len(), cols);
        AssignmentSolution {
            status: self.status,
            row_to_col,
            objective: self.objective,
            row_dual: self.col_dual,
            col_dual: self.row_dual,
        }
    }

    /// The assigned `(row, column)` pairs in row order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.row_to_col
            .iter()
            .enumerate()
            .filter_map(|(r, c)| c.map(|c| (r, c as usize)))
    }
}

impl std::fmt::Display for AssignmentSolution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?}: {} pairs, objective {}",
            self.status,
            self.pairs().count(),
            self.objective
        )
    }
}

/// Why [`check_assignment_duals`] rejected a solution.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateViolation {
    /// The status is not [`AssignmentStatus::Optimal`]; there is nothing to certify.
    #[error("status {0:?} carries no certificate")]
    NotOptimal(AssignmentStatus),
    /// A vector has the wrong length.
    #[error("{what} has length {len}, expected {expected}")]
    Length {
        /// Which vector.
        what: &'static str,
        /// Its length.
        len: usize,
        /// The expected length.
        expected: usize,
    },
    /// A row is assigned to a forbidden or out-of-range column.
    #[error("row {row} is assigned to forbidden column {col}")]
    Forbidden {
        /// The row.
        row: usize,
        /// The column.
        col: usize,
    },
    /// Two rows share a column.
    #[error("column {col} is assigned twice")]
    ColumnTwice {
        /// The column.
        col: usize,
    },
    /// The matching does not have `min(rows, cols)` pairs.
    #[error("matching has {size} pairs, expected {expected}")]
    Size {
        /// Pairs found.
        size: usize,
        /// `min(rows, cols)`.
        expected: usize,
    },
    /// The objective is not the sum of the assigned costs.
    #[error("objective {reported} differs from the recomputed {recomputed}")]
    Objective {
        /// Reported objective.
        reported: i128,
        /// Sum of the assigned costs.
        recomputed: i128,
    },
    /// `row_dual[row] + col_dual[col] > cost(row, col)` on an allowed pair.
    #[error("dual infeasible at ({row}, {col})")]
    DualInfeasible {
        /// The row.
        row: usize,
        /// The column.
        col: usize,
    },
    /// An assigned pair is not tight: `row_dual + col_dual < cost`.
    #[error("assigned pair ({row}, {col}) is not tight")]
    NotTight {
        /// The row.
        row: usize,
        /// The column.
        col: usize,
    },
    /// A dual of the larger side is positive, or nonzero on an unassigned vertex.
    #[error("dual of unmatched-side vertex {index} (is_row = {is_row}) breaks the sign condition")]
    Sign {
        /// Whether the vertex is a row (else a column).
        is_row: bool,
        /// Its index.
        index: usize,
    },
}

/// Checks that `solution` is an optimal assignment of `matrix` by its dual certificate.
///
/// Verifies: lengths; every row assigned to an allowed column, no column twice, exactly
/// `min(rows, cols)` pairs; the objective; `u_r + v_c <= cost` on every allowed pair, with
/// equality on assigned pairs; on the larger side every dual `<= 0` and `0` where unassigned.
/// Together these prove optimality by weak duality, independently of the solver.
///
/// # Errors
/// The first [`CertificateViolation`] found.
///
/// # Complexity
/// O(rows · cols) time, O(cols) extra space; sums in `i128`.
///
/// # Example
/// ```
/// use wushe::solve::assignment::{
///     check_assignment_duals, AssignmentSolver, CostMatrix, JonkerVolgenant,
/// };
/// let m = CostMatrix::new(2, 2, vec![4, 1, 2, 8])?;
/// let s = JonkerVolgenant::default().solve(&m)?;
/// assert_eq!(s.objective, 3);
/// assert!(check_assignment_duals(&m, &s).is_ok());
/// # Ok::<(), wushe::Error>(())
/// ```
pub fn check_assignment_duals(
    matrix: &CostMatrix,
    solution: &AssignmentSolution,
) -> Result<(), CertificateViolation> {
    if solution.status != AssignmentStatus::Optimal {
        return Err(CertificateViolation::NotOptimal(solution.status));
    }
    let (rows, cols) = (matrix.rows(), matrix.cols());
    check_len("row_to_col", solution.row_to_col.len(), rows)?;
    check_len("row_dual", solution.row_dual.len(), rows)?;
    check_len("col_dual", solution.col_dual.len(), cols)?;
    let col_used = check_matching(matrix, solution)?;
    check_duals(matrix, solution)?;
    check_signs(matrix, solution, &col_used)
}

fn check_len(what: &'static str, len: usize, expected: usize) -> Result<(), CertificateViolation> {
    if len != expected {
        return Err(CertificateViolation::Length {
            what,
            len,
            expected,
        });
    }
    Ok(())
}

/// Primal feasibility, size and objective; returns which columns are used.
fn check_matching(
    matrix: &CostMatrix,
    solution: &AssignmentSolution,
) -> Result<Vec<bool>, CertificateViolation> {
    let cols = matrix.cols();
    let mut used = vec![false; cols];
    let mut total: i128 = 0;
    let mut size = 0;
    for (row, col) in solution.pairs() {
        if !matrix.is_allowed(row, col) {
            return Err(CertificateViolation::Forbidden { row, col });
        }
        if std::mem::replace(&mut used[col], true) {
            return Err(CertificateViolation::ColumnTwice { col });
        }
        total += i128::from(matrix.costs()[row * cols + col]);
        size += 1;
    }
    let expected = matrix.rows().min(cols);
    if size != expected {
        return Err(CertificateViolation::Size { size, expected });
    }
    if total != solution.objective {
        return Err(CertificateViolation::Objective {
            reported: solution.objective,
            recomputed: total,
        });
    }
    Ok(used)
}

/// Dual feasibility on allowed pairs and tightness on assigned pairs.
fn check_duals(
    matrix: &CostMatrix,
    solution: &AssignmentSolution,
) -> Result<(), CertificateViolation> {
    let cols = matrix.cols();
    for (row, &u) in solution.row_dual.iter().enumerate() {
        let assigned = solution.row_to_col[row].map(|c| c as usize);
        for (col, &v) in solution.col_dual.iter().enumerate() {
            if !matrix.is_allowed(row, col) {
                continue;
            }
            let slack =
                i128::from(matrix.costs()[row * cols + col]) - i128::from(u) - i128::from(v);
            if slack < 0 {
                return Err(CertificateViolation::DualInfeasible { row, col });
            }
            if slack != 0 && assigned == Some(col) {
                return Err(CertificateViolation::NotTight { row, col });
            }
        }
    }
    Ok(())
}

/// Sign conditions on the larger side: duals `<= 0`, and `0` on unassigned vertices.
fn check_signs(
    matrix: &CostMatrix,
    solution: &AssignmentSolution,
    col_used: &[bool],
) -> Result<(), CertificateViolation> {
    let (rows, cols) = (matrix.rows(), matrix.cols());
    if cols > rows {
        for (index, (&v, &used)) in solution.col_dual.iter().zip(col_used).enumerate() {
            if v > 0 || (!used && v != 0) {
                return Err(CertificateViolation::Sign {
                    is_row: false,
                    index,
                });
            }
        }
    } else if rows > cols {
        for (index, (&u, c)) in solution
            .row_dual
            .iter()
            .zip(&solution.row_to_col)
            .enumerate()
        {
            if u > 0 || (c.is_none() && u != 0) {
                return Err(CertificateViolation::Sign {
                    is_row: true,
                    index,
                });
            }
        }
    }
    Ok(())
}
