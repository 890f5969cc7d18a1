//! Writers: instances (`p min`, `p asn`, `.mat`) and solutions (`s objective`, then `f` lines
//! for flows or `m` lines for assignments, as the peer benchmark's checker reads them).

use std::io::{BufWriter, Write};

use super::DimacsError;
use crate::error::Result;
use crate::solve::assignment::CostMatrix;
use crate::solve::flow::FlowNetwork;

/// Buffer used by every writer (callers may pass an unbuffered `File`).
const WRITE_BUFFER: usize = 1 << 16;

/// Writes `network` as a DIMACS `p min` file that [`super::parse_min`] reads back equal.
///
/// Node `v` is written as id `v + 1`; one `n` line per node with non-zero supply, then one `a`
/// line per arc in index order.
///
/// # Errors
/// `Io` when writing fails.
///
/// # Complexity
/// O(nodes + arcs).
pub fn write_min(network: &FlowNetwork, w: impl Write) -> Result<()> {
    let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
    writeln!(w, "c written by wushe")?;
    writeln!(w, "p min {} {}", network.node_count(), network.arc_count())?;
    for (v, &b) in network.supplies().iter().enumerate() {
        if b != 0 {
            writeln!(w, "n {} {}", v + 1, b)?;
        }
    }
    let arcs = network
        .tails()
        .iter()
        .zip(network.heads())
        .zip(network.lowers())
        .zip(network.capacities())
        .zip(network.costs());
    for ((((&t, &h), &l), &u), &c) in arcs {
        writeln!(w, "a {} {} {} {} {}", t as u64 + 1, h as u64 + 1, l, u, c)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `matrix` as a DIMACS `p asn` file that [`super::parse_asn`] reads back equal.
///
/// Row `r` is node `r + 1` (listed by an `n` line), column `c` is node `rows + c + 1`; one `a`
/// line per allowed pair, row-major. Costs of forbidden pairs are not written, so a matrix
/// whose forbidden pairs carry non-zero costs reads back with those costs 0, and a mask that
/// allows every pair reads back as no mask. A matrix with no rows but some columns has no
/// `p asn` form (without `n` lines the reader splits the nodes in halves); use [`write_matrix`].
///
/// # Errors
/// `Io` when writing fails.
///
/// # Complexity
/// O(rows × columns).
pub fn write_asn(matrix: &CostMatrix, w: impl Write) -> Result<()> {
    let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
    let (rows, cols) = (matrix.rows(), matrix.cols());
    let arcs = match matrix.allowed() {
        Some(mask) => mask.iter().filter(|&&a| a).count(),
        None => rows * cols,
    };
    writeln!(w, "c written by wushe")?;
    writeln!(w, "p asn {} {}", rows + cols, arcs)?;
    for r in 1..=rows {
        writeln!(w, "n {r}")?;
    }
    if cols > 0 {
        for (r, row) in matrix.costs().chunks(cols).enumerate() {
            for (c, &cost) in row.iter().enumerate() {
                if matrix.is_allowed(r, c) {
                    writeln!(w, "a {} {} {}", r + 1, rows + c + 1, cost)?;
                }
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes `matrix` as a `.mat` file (`rows cols`, then one line of costs per row).
///
/// # Errors
/// [`DimacsError::ForbiddenInMatrix`] when the matrix forbids a pair (use [`write_asn`]);
/// `Io` when writing fails.
pub fn write_matrix(matrix: &CostMatrix, w: impl Write) -> Result<()> {
    if let Some(at) = matrix.allowed().and_then(|m| m.iter().position(|&a| !a)) {
        let cols = matrix.cols().max(1);
        return Err(DimacsError::ForbiddenInMatrix {
            row: at / cols,
            col: at % cols,
        }
        .into());
    }
    let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
    writeln!(w, "{} {}", matrix.rows(), matrix.cols())?;
    if matrix.cols() > 0 {
        for row in matrix.costs().chunks(matrix.cols()) {
            let mut sep = "";
            for cost in row {
                write!(w, "{sep}{cost}")?;
                sep = " ";
            }
            writeln!(w)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes a min-cost-flow solution: `s objective`, then `f tail head flow` for
/// every arc with positive flow, 1-based ids, in arc order.
///
/// # Errors
/// [`DimacsError::SolutionLength`] when `flow` does not have one entry per arc; `Io` when
/// writing fails.
///
/// # Example
/// ```
/// use wushe::io::dimacs::{parse_min, write_flow_solution};
/// # fn main() -> Result<(), wushe::Error> {
/// let net = parse_min("p min 2 1\nn 1 4\nn 2 -4\na 1 2 0 9 3\n".as_bytes())?;
/// let mut out = Vec::new();
/// write_flow_solution(&net, &[4], 12, &mut out)?;
/// assert_eq!(out, b"s 12\nf 1 2 4\n");
/// # Ok(()) }
/// ```
pub fn write_flow_solution(
    network: &FlowNetwork,
    flow: &[i64],
    objective: i128,
    w: impl Write,
) -> Result<()> {
    if flow.len() != network.arc_count() {
        return Err(DimacsError::SolutionLength {
            expected: network.arc_count(),
            found: flow.len(),
        }
        .into());
    }
    let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
    writeln!(w, "s {objective}")?;
    for ((&t, &h), &x) in network.tails().iter().zip(network.heads()).zip(flow) {
        if x > 0 {
            writeln!(w, "f {} {} {}", t as u64 + 1, h as u64 + 1, x)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes an assignment solution: `s objective`, then `m row column` per
/// assigned row, where `row` is `r + 1` and `column` the column node id `rows + c + 1`.
///
/// `row_to_col[r]` is the column of row `r` (`None`: unassigned, no line).
///
/// # Errors
/// [`DimacsError::SolutionLength`] when `row_to_col` does not have `rows` entries; `Io` when
/// writing fails.
pub fn write_assignment_solution(
    rows: usize,
    row_to_col: &[Option<usize>],
    objective: i128,
    w: impl Write,
) -> Result<()> {
    if row_to_col.len() != rows {
        return Err(DimacsError::SolutionLength {
            expected: rows,
            found: row_to_col.len(),
        }
        .into());
    }
    let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
    writeln!(w, "s {objective}")?;
    for (r, c) in row_to_col.iter().enumerate() {
        if let Some(c) = c {
            writeln!(w, "m {} {}", r + 1, rows + c + 1)?;
        }
    }
    w.flush()?;
    Ok(())
}
