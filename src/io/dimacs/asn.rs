//! The `p asn` and `.mat` readers.

use super::lines::{self, Fields, LineSink, NodeSet, int, int_in, ints};
use super::min::{check_limit, node_index};
use super::{DimacsError, MAX_FILE_NODES, MAX_MATRIX_ENTRIES, RESERVE_CAP};
use crate::error::Result;
use crate::solve::assignment::CostMatrix;

/// Marks a row in [`Layout::Listed`].
const ROW: u32 = 1 << 31;

/// How node ids map to rows and columns.
#[derive(Debug)]
enum Layout {
    /// No `n` lines: ids `1..=k` are rows, `k+1..=2k` columns.
    Halves { k: usize },
    /// `slot[id - 1]` is `ROW | row` or `column`.
    Listed { slot: Vec<u32> },
}

/// The matrix being filled once the layout is fixed.
#[derive(Debug)]
struct Dense {
    layout: Layout,
    rows: usize,
    cols: usize,
    costs: Vec<i64>,
    allowed: Vec<bool>,
    distinct: usize,
}

/// State of a `p asn` read.
#[derive(Debug, Default)]
pub(super) struct AsnParser {
    /// `(line, nodes, arcs)` of the problem line.
    header: Option<(usize, usize, usize)>,
    /// 0-based ids from `n` lines, in file order.
    listed: Vec<u32>,
    listed_set: NodeSet,
    dense: Option<Dense>,
    arcs_read: usize,
}

impl LineSink for AsnParser {
    fn line(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let Some(kind) = Fields::new(bytes).next() else {
            return Ok(());
        };
        match (kind, self.header) {
            ([b'c', ..], _) => Ok(()),
            (b"p", None) => self.problem(line, bytes),
            (b"p", Some((first, _, _))) => Err(DimacsError::DuplicateProblemLine { line, first }),
            (b"n" | b"a", None) => Err(DimacsError::MissingProblemLine { line }),
            (b"n", Some((_, nodes, _))) => self.row_node(line, bytes, nodes),
            (b"a", Some(_)) => self.arc(line, bytes),
            _ => Err(DimacsError::UnknownLineKind {
                line,
                found: lines::shown(kind),
            }),
        }
    }
}

impl AsnParser {
    fn problem(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let (nodes, arcs) = lines::problem_line(bytes, line, "asn")?;
        check_limit(line, "nodes", nodes, MAX_FILE_NODES)?;
        check_limit(line, "arcs", arcs, usize::MAX)?;
        self.header = Some((line, nodes as usize, arcs as usize));
        Ok(())
    }

    fn row_node(&mut self, line: usize, bytes: &[u8], nodes: usize) -> Result<(), DimacsError> {
        if self.dense.is_some() {
            return Err(DimacsError::NodeAfterArc { line });
        }
        let [id] = ints(bytes, line, "n", ["node"])?;
        let node = node_index(id, line, "node", nodes)?;
        if !self.listed_set.insert(node, nodes) {
            return Err(DimacsError::DuplicateNode {
                line,
                node: node as i64 + 1,
            });
        }
        self.listed.push(node as u32);
        Ok(())
    }

    /// Fixes rows and columns (at the first `a` line or at the end) and allocates the matrix.
    fn layout(&mut self, line: usize) -> Result<Dense, DimacsError> {
        let (header_line, nodes, _) = self.header.unwrap_or((line, 0, 0));
        let (layout, rows) = if self.listed.is_empty() {
            if nodes % 2 != 0 {
                return Err(DimacsError::OddNodeCount { line, nodes });
            }
            (Layout::Halves { k: nodes / 2 }, nodes / 2)
        } else {
            (Layout::Listed { slot: Vec::new() }, self.listed.len())
        };
        let cols = nodes - rows;
        let entries = (rows as u128) * (cols as u128);
        if entries > MAX_MATRIX_ENTRIES as u128 {
            return Err(DimacsError::TooLarge {
                line: header_line,
                what: "matrix entries",
                count: entries,
                limit: MAX_MATRIX_ENTRIES as u128,
            });
        }
        let layout = match layout {
            Layout::Listed { .. } => Layout::Listed {
                slot: self.slots(nodes),
            },
            halves => halves,
        };
        let entries = rows * cols;
        Ok(Dense {
            layout,
            rows,
            cols,
            costs: vec![0; entries],
            allowed: vec![false; entries],
            distinct: 0,
        })
    }

    /// Row/column slot per node: listed nodes in increasing id are rows, the others columns.
    fn slots(&mut self, nodes: usize) -> Vec<u32> {
        self.listed.sort_unstable();
        let mut slot = vec![0u32; nodes];
        let (mut row, mut col) = (0u32, 0u32);
        let mut listed = self.listed.iter().peekable();
        for (id, s) in slot.iter_mut().enumerate() {
            if listed.next_if(|&&l| l as usize == id).is_some() {
                *s = ROW | row;
                row += 1;
            } else {
                *s = col;
                col += 1;
            }
        }
        slot
    }

    fn arc(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let (_, nodes, arcs) = self.header.unwrap_or((line, 0, 0));
        let [tail, head, cost] = ints(bytes, line, "a", ["tail", "head", "cost"])?;
        if self.arcs_read >= arcs {
            return Err(DimacsError::CountMismatch {
                line,
                what: "arcs",
                declared: arcs,
                found: self.arcs_read + 1,
            });
        }
        if self.dense.is_none() {
            self.dense = Some(self.layout(line)?);
        }
        let Some(dense) = self.dense.as_mut() else {
            return Ok(());
        };
        let t = node_index(tail, line, "tail", nodes)?;
        let h = node_index(head, line, "head", nodes)?;
        let Some((r, c)) = dense.cell(t, h) else {
            return Err(DimacsError::NotRowToColumn {
                line,
                tail: t as i64 + 1,
                head: h as i64 + 1,
            });
        };
        dense.set(r * dense.cols + c, cost);
        self.arcs_read += 1;
        Ok(())
    }

    /// Final checks at the end of the file (`end` = line after the last).
    pub(super) fn finish(mut self, end: usize) -> Result<CostMatrix> {
        let Some((_, _, arcs)) = self.header else {
            return Err(DimacsError::MissingProblemLine { line: end }.into());
        };
        if self.arcs_read != arcs {
            return Err(DimacsError::CountMismatch {
                line: end,
                what: "arcs",
                declared: arcs,
                found: self.arcs_read,
            }
            .into());
        }
        let dense = match self.dense.take() {
            Some(d) => d,
            None => self.layout(end)?,
        };
        dense.into_matrix()
    }
}

impl Dense {
    /// `(row, column)` of an arc `tail -> head` (0-based ids), `None` unless row to column.
    #[inline]
    fn cell(&self, tail: usize, head: usize) -> Option<(usize, usize)> {
        match &self.layout {
            Layout::Halves { k } => (tail < *k && head >= *k).then(|| (tail, head - k)),
            Layout::Listed { slot } => {
                let (t, h) = (*slot.get(tail)?, *slot.get(head)?);
                (t & ROW != 0 && h & ROW == 0).then_some(((t & !ROW) as usize, h as usize))
            }
        }
    }

    /// Allows entry `at` with `cost`, keeping the cheaper cost of a listed-twice pair.
    #[inline]
    fn set(&mut self, at: usize, cost: i64) {
        if let (Some(a), Some(c)) = (self.allowed.get_mut(at), self.costs.get_mut(at)) {
            if !*a {
                *a = true;
                *c = cost;
                self.distinct += 1;
            } else if cost < *c {
                *c = cost;
            }
        }
    }

    fn into_matrix(self) -> Result<CostMatrix> {
        let (rows, cols) = (self.rows, self.cols);
        if self.distinct == self.costs.len() {
            CostMatrix::new(rows, cols, self.costs)
        } else {
            CostMatrix::with_allowed(rows, cols, self.costs, self.allowed)
        }
    }
}

/// State of a `.mat` read.
#[derive(Debug, Default)]
pub(super) struct MatParser {
    /// `(rows, cols)` from the first line.
    shape: Option<(usize, usize)>,
    costs: Vec<i64>,
    rows_read: usize,
}

impl LineSink for MatParser {
    fn line(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let mut fields = Fields::new(bytes);
        let Some(first) = fields.next() else {
            return Ok(());
        };
        let Some((rows, cols)) = self.shape else {
            return self.header(line, bytes, first);
        };
        if self.rows_read >= row_lines(rows, cols) {
            return Err(DimacsError::CountMismatch {
                line,
                what: "rows",
                declared: rows,
                found: self.rows_read + 1,
            });
        }
        let before = self.costs.len();
        for field in std::iter::once(first).chain(fields) {
            if self.costs.len() - before == cols {
                let found = cols + 1 + Fields::new(bytes).skip(cols + 1).count();
                return Err(row_length(line, cols, found));
            }
            self.costs.push(int(field, line, "cost")?);
        }
        let found = self.costs.len() - before;
        if found != cols {
            return Err(row_length(line, cols, found));
        }
        self.rows_read += 1;
        Ok(())
    }
}

/// Row lines a `rows × cols` file has: none when `cols == 0` (they would be blank).
fn row_lines(rows: usize, cols: usize) -> usize {
    if cols == 0 { 0 } else { rows }
}

fn row_length(line: usize, expected: usize, found: usize) -> DimacsError {
    DimacsError::FieldCount {
        line,
        kind: "matrix row",
        expected,
        found,
    }
}

impl MatParser {
    fn header(&mut self, line: usize, bytes: &[u8], first: &[u8]) -> Result<(), DimacsError> {
        let found = Fields::new(bytes).count();
        let second = Fields::new(bytes).nth(1);
        let (Some(second), 2) = (second, found) else {
            return Err(DimacsError::FieldCount {
                line,
                kind: "matrix header",
                expected: 2,
                found,
            });
        };
        let rows = int_in(first, line, "rows", 0, i64::MAX)? as u64;
        let cols = int_in(second, line, "cols", 0, i64::MAX)? as u64;
        // Each side is bounded too, so an empty matrix cannot claim 10^12 rows.
        check_limit(line, "rows", rows, MAX_FILE_NODES)?;
        check_limit(line, "cols", cols, MAX_FILE_NODES)?;
        let entries = u128::from(rows) * u128::from(cols);
        if entries > MAX_MATRIX_ENTRIES as u128 {
            return Err(DimacsError::TooLarge {
                line,
                what: "matrix entries",
                count: entries,
                limit: MAX_MATRIX_ENTRIES as u128,
            });
        }
        let (rows, cols) = (rows as usize, cols as usize);
        self.shape = Some((rows, cols));
        self.costs = Vec::with_capacity((rows * cols).min(RESERVE_CAP));
        Ok(())
    }

    /// Final checks at the end of the file (`end` = line after the last).
    pub(super) fn finish(self, end: usize) -> Result<CostMatrix> {
        let Some((rows, cols)) = self.shape else {
            return Err(DimacsError::MissingProblemLine { line: end }.into());
        };
        if self.rows_read != row_lines(rows, cols) {
            return Err(DimacsError::CountMismatch {
                line: end,
                what: "rows",
                declared: rows,
                found: self.rows_read,
            }
            .into());
        }
        CostMatrix::new(rows, cols, self.costs)
    }
}
