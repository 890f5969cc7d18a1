//! Input of the assignment cores.

use crate::error::Result;

/// Why an assignment input was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MatrixError {
    /// The cost vector does not have `rows × cols` entries.
    #[error("cost matrix has {len} entries, expected {rows} x {cols}")]
    Shape {
        /// Rows declared.
        rows: usize,
        /// Columns declared.
        cols: usize,
        /// Entries given.
        len: usize,
    },
    /// A dimension does not fit the `u32` indices the solvers return.
    #[error("matrix of {rows} x {cols} is too large for u32 indices")]
    TooLarge {
        /// Rows declared.
        rows: usize,
        /// Columns declared.
        cols: usize,
    },
    /// A sparse row has a column index out of range.
    #[error("row {row}: column {col} out of range (cols = {cols})")]
    ColumnOutOfRange {
        /// Row of the entry.
        row: usize,
        /// Offending column.
        col: u32,
        /// Number of columns.
        cols: usize,
    },
    /// A sparse row lists its columns out of strictly increasing order (or twice).
    #[error("row {row}: column {col} is not strictly after the previous entry")]
    UnsortedRow {
        /// Row of the entry.
        row: usize,
        /// Offending column.
        col: u32,
    },
    /// The CSR row offsets are not a non-decreasing sequence from 0 to the entry count.
    #[error("row offsets are invalid at row {row}")]
    RowStart {
        /// First row whose offsets are inconsistent.
        row: usize,
    },
}

/// A dense `rows × cols` cost matrix in row-major order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostMatrix {
    rows: usize,
    cols: usize,
    costs: Vec<i64>,
    /// Row-major allowed mask; `None` means every pair is allowed.
    allowed: Option<Vec<bool>>,
}

impl CostMatrix {
    /// Builds a matrix from row-major costs.
    ///
    /// # Errors
    /// [`MatrixError::Shape`] when `costs.len() != rows * cols`.
    pub fn new(rows: usize, cols: usize, costs: Vec<i64>) -> Result<Self> {
        if rows.checked_mul(cols) != Some(costs.len()) {
            return Err(MatrixError::Shape {
                rows,
                cols,
                len: costs.len(),
            }
            .into());
        }
        Ok(CostMatrix {
            rows,
            cols,
            costs,
            allowed: None,
        })
    }

    /// Builds a matrix where only pairs with `allowed[r * cols + c]` may be assigned; the cost
    /// of a forbidden pair is ignored (forbidden is a missing entry, never a huge cost).
    ///
    /// # Errors
    /// [`MatrixError::Shape`] when either vector does not have `rows * cols` entries.
    pub fn with_allowed(
        rows: usize,
        cols: usize,
        costs: Vec<i64>,
        allowed: Vec<bool>,
    ) -> Result<Self> {
        let mut matrix = Self::new(rows, cols, costs)?;
        if allowed.len() != matrix.costs.len() {
            return Err(MatrixError::Shape {
                rows,
                cols,
                len: allowed.len(),
            }
            .into());
        }
        matrix.allowed = Some(allowed);
        Ok(matrix)
    }

    /// Whether row `r` may be assigned to column `c` (false when out of range).
    pub fn is_allowed(&self, r: usize, c: usize) -> bool {
        r < self.rows && c < self.cols && self.allowed.as_ref().is_none_or(|a| a[r * self.cols + c])
    }

    /// The allowed mask, `None` when every pair is allowed.
    pub fn allowed(&self) -> Option<&[bool]> {
        self.allowed.as_deref()
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row-major costs.
    pub fn costs(&self) -> &[i64] {
        &self.costs
    }

    /// The transposed matrix (`cols × rows`), mask included.
    ///
    /// # Complexity
    /// O(rows · cols) time and a new matrix of the same size.
    pub fn transposed(&self) -> CostMatrix {
        let (rows, cols) = (self.rows, self.cols);
        let mut costs = Vec::with_capacity(self.costs.len());
        for c in 0..cols {
            costs.extend((0..rows).map(|r| self.costs[r * cols + c]));
        }
        let allowed = self.allowed.as_ref().map(|mask| {
            let mut t = Vec::with_capacity(mask.len());
            for c in 0..cols {
                t.extend((0..rows).map(|r| mask[r * cols + c]));
            }
            t
        });
        CostMatrix {
            rows: cols,
            cols: rows,
            costs,
            allowed,
        }
    }

    /// Largest absolute cost among the allowed pairs (0 when there is none).
    pub fn max_abs_allowed_cost(&self) -> u64 {
        match &self.allowed {
            None => self
                .costs
                .iter()
                .map(|c| c.unsigned_abs())
                .max()
                .unwrap_or(0),
            Some(mask) => self
                .costs
                .iter()
                .zip(mask)
                .filter(|(_, ok)| **ok)
                .map(|(c, _)| c.unsigned_abs())
                .max()
                .unwrap_or(0),
        }
    }

    /// Checks that both dimensions fit the `u32` indices of the solutions.
    ///
    /// # Errors
    /// [`MatrixError::TooLarge`] when `rows` or `cols` exceeds `u32::MAX`.
    pub fn check_dimensions(&self) -> Result<()> {
        check_dimensions(self.rows, self.cols)
    }
}

/// Largest absolute cost the assignment solvers accept for an instance whose larger side has
/// `k` vertices: `i64::MAX / (8 (k + 1)²)`.
///
/// Above it a solver returns [`AssignmentStatus::Overflow`](super::AssignmentStatus::Overflow)
/// instead of risking an overflow of its internal potentials (the auction scales costs by
/// `k + 1` and its prices grow by at most about `2 (k + 1)` times the scaled cost span). For
/// `k = 4000` the limit is about `7.2e10`; for `k = 7` about `1.8e16`.
///
/// # Example
/// ```
/// use wushe::solve::assignment::cost_limit;
/// assert_eq!(cost_limit(0), i64::MAX as u64 / 8);
/// assert!(cost_limit(4000) > 70_000_000_000);
/// ```
pub fn cost_limit(k: usize) -> u64 {
    let k1 = (k as u128).saturating_add(1);
    let denom = k1.saturating_mul(k1).saturating_mul(8);
    (i64::MAX as u128 / denom) as u64
}

/// [`MatrixError::TooLarge`] when a dimension exceeds `u32::MAX`.
pub(crate) fn check_dimensions(rows: usize, cols: usize) -> Result<()> {
    if u32::try_from(rows).is_err() || u32::try_from(cols).is_err() {
        return Err(MatrixError::TooLarge { rows, cols }.into());
    }
    Ok(())
}
