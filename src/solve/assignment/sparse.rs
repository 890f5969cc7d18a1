//! Sparse assignment costs in compressed sparse row (CSR) form.

use super::matrix::{CostMatrix, MatrixError, check_dimensions};
use crate::error::{Error, Result};

/// Allowed pairs and their costs, row by row (CSR): the entries of row `r` are
/// `col[row_start[r]..row_start[r + 1]]` with costs `cost[...]` at the same positions, columns
/// strictly increasing. A pair that is not listed is forbidden.
///
/// # Example
/// ```
/// use wushe::solve::assignment::SparseCosts;
/// // row 0: (0, 4), (2, 1); row 1: (1, 7)
/// let s = SparseCosts::new(2, 3, vec![0, 2, 3], vec![0, 2, 1], vec![4, 1, 7])?;
/// assert_eq!(s.row(0), (&[0u32, 2][..], &[4i64, 1][..]));
/// assert_eq!(s.nnz(), 3);
/// # Ok::<(), wushe::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparseCosts {
    rows: usize,
    cols: usize,
    row_start: Vec<usize>,
    col: Vec<u32>,
    cost: Vec<i64>,
}

impl SparseCosts {
    /// Builds and validates a CSR cost structure.
    ///
    /// # Errors
    /// [`MatrixError::TooLarge`] when a dimension exceeds `u32::MAX`;
    /// [`MatrixError::Shape`] when `col` and `cost` differ in length;
    /// [`MatrixError::RowStart`] when `row_start` does not have `rows + 1` non-decreasing
    /// offsets from 0 to the entry count; [`MatrixError::ColumnOutOfRange`] and
    /// [`MatrixError::UnsortedRow`] for a bad column index.
    pub fn new(
        rows: usize,
        cols: usize,
        row_start: Vec<usize>,
        col: Vec<u32>,
        cost: Vec<i64>,
    ) -> Result<Self> {
        check_dimensions(rows, cols)?;
        if col.len() != cost.len() {
            return Err(MatrixError::Shape {
                rows,
                cols,
                len: cost.len(),
            }
            .into());
        }
        check_row_start(&row_start, rows, col.len())?;
        for r in 0..rows {
            check_row(r, &col[row_start[r]..row_start[r + 1]], cols)?;
        }
        Ok(SparseCosts {
            rows,
            cols,
            row_start,
            col,
            cost,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of allowed pairs.
    pub fn nnz(&self) -> usize {
        self.col.len()
    }

    /// Columns and costs of row `r` (empty when out of range).
    pub fn row(&self, r: usize) -> (&[u32], &[i64]) {
        match (self.row_start.get(r), self.row_start.get(r + 1)) {
            (Some(&a), Some(&b)) => (&self.col[a..b], &self.cost[a..b]),
            _ => (&[], &[]),
        }
    }

    /// Row offsets (`rows + 1` entries).
    pub fn row_start(&self) -> &[usize] {
        &self.row_start
    }

    /// Column of every entry.
    pub fn col(&self) -> &[u32] {
        &self.col
    }

    /// Cost of every entry.
    pub fn cost(&self) -> &[i64] {
        &self.cost
    }

    /// Largest absolute cost (0 when there is no entry).
    pub fn max_abs_cost(&self) -> u64 {
        self.cost
            .iter()
            .map(|c| c.unsigned_abs())
            .max()
            .unwrap_or(0)
    }

    /// The same pattern with other costs (same length as [`cost`](Self::cost)).
    pub(crate) fn with_costs(&self, cost: Vec<i64>) -> SparseCosts {
        debug_assert_eq!(cost.len(), self.cost.len());
        SparseCosts {
            rows: self.rows,
            cols: self.cols,
            row_start: self.row_start.clone(),
            col: self.col.clone(),
            cost,
        }
    }

    /// The transposed structure (columns become rows), still sorted.
    ///
    /// # Complexity
    /// O(rows + cols + nnz).
    pub fn transposed(&self) -> SparseCosts {
        let mut row_start = vec![0usize; self.cols + 1];
        for &c in &self.col {
            row_start[c as usize + 1] += 1;
        }
        for c in 0..self.cols {
            row_start[c + 1] += row_start[c];
        }
        let mut next = row_start.clone();
        let mut col = vec![0u32; self.nnz()];
        let mut cost = vec![0i64; self.nnz()];
        for r in 0..self.rows {
            let (cs, ws) = self.row(r);
            for (&c, &w) in cs.iter().zip(ws) {
                let slot = &mut next[c as usize];
                col[*slot] = r as u32;
                cost[*slot] = w;
                *slot += 1;
            }
        }
        SparseCosts {
            rows: self.cols,
            cols: self.rows,
            row_start,
            col,
            cost,
        }
    }
}

impl TryFrom<&CostMatrix> for SparseCosts {
    type Error = Error;

    /// Lists the allowed pairs of a dense matrix row by row.
    ///
    /// # Errors
    /// [`MatrixError::TooLarge`] when a dimension exceeds `u32::MAX`.
    fn try_from(matrix: &CostMatrix) -> Result<Self> {
        matrix.check_dimensions()?;
        let (rows, cols) = (matrix.rows(), matrix.cols());
        let mut row_start = Vec::with_capacity(rows + 1);
        row_start.push(0);
        let mut col = Vec::new();
        let mut cost = Vec::new();
        for r in 0..rows {
            for (c, &w) in matrix.costs()[r * cols..(r + 1) * cols].iter().enumerate() {
                if matrix.is_allowed(r, c) {
                    col.push(c as u32);
                    cost.push(w);
                }
            }
            row_start.push(col.len());
        }
        Ok(SparseCosts {
            rows,
            cols,
            row_start,
            col,
            cost,
        })
    }
}

/// `rows + 1` non-decreasing offsets from 0 to `nnz`.
fn check_row_start(row_start: &[usize], rows: usize, nnz: usize) -> Result<()> {
    if row_start.len() != rows + 1 || row_start.first() != Some(&0) {
        return Err(MatrixError::RowStart { row: 0 }.into());
    }
    if let Some(row) = row_start.windows(2).position(|w| w[0] > w[1]) {
        return Err(MatrixError::RowStart { row }.into());
    }
    if row_start.last() != Some(&nnz) {
        return Err(MatrixError::RowStart { row: rows }.into());
    }
    Ok(())
}

/// Columns of one row are in range and strictly increasing.
fn check_row(row: usize, cols_of_row: &[u32], cols: usize) -> Result<()> {
    let mut previous: Option<u32> = None;
    for &col in cols_of_row {
        if col as usize >= cols {
            return Err(MatrixError::ColumnOutOfRange { row, col, cols }.into());
        }
        if previous.is_some_and(|p| p >= col) {
            return Err(MatrixError::UnsortedRow { row, col }.into());
        }
        previous = Some(col);
    }
    Ok(())
}
