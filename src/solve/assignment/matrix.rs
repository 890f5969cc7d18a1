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
        Ok(CostMatrix { rows, cols, costs })
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
