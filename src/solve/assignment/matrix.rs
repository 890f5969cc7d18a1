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
}
