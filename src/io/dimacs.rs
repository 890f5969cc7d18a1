//! DIMACS `p min` / `p asn` files, the compact `.mat` matrix and solution files.
//!
//! | file | reader | writer | in memory |
//! |---|---|---|---|
//! | `p min` (min-cost flow) | [`parse_min`] | [`write_min`] | [`FlowNetwork`] |
//! | `p asn` (assignment) | [`parse_asn`] | [`write_asn`] | [`CostMatrix`] |
//! | `.mat` (`rows cols` then one row per line) | [`parse_matrix`] | [`write_matrix`] | [`CostMatrix`] |
//! | any of the three | [`parse_instance`] (sniffs), [`read_path`] (extension, then sniff) | | [`Instance`] |
//! | solutions (`s`, `f`, `m` lines) | | [`write_flow_solution`], [`write_assignment_solution`] | |
//!
//! Node ids are 1-based in files and 0-based in memory: DIMACS node `i` is node `i - 1` of the
//! [`FlowNetwork`].
//!
//! # Reading untrusted files
//! The readers never panic and never allocate in proportion to a number written in the file
//! beyond documented caps: they read the input in 1 MiB chunks, parse integers on bytes without
//! allocating per line, reserve arc storage for at most [`RESERVE_CAP`] arcs up front (more
//! grows with the actual input), and reject headers above [`MAX_FILE_NODES`] nodes (a `p min`
//! header also above `2 × arcs +` [`MAX_UNTOUCHED_NODES`]) or [`MAX_MATRIX_ENTRIES`] matrix
//! entries, and lines longer than [`MAX_LINE_BYTES`]. Every malformed input is a
//! [`DimacsError`] naming the 1-based line and what was wrong; "end of file" errors name the
//! line after the last one. Text quoted from the file in an error is a short escaped
//! [`crate::excerpt`].
//!
//! Accepted syntax: fields are separated by any ASCII whitespace (`\r\n` line ends work), blank
//! lines are ignored, a line whose first non-blank byte is `c` is a comment (DIMACS files only;
//! `.mat` files have none), integers are decimal with an optional sign.
//!
//! # Example
//! ```
//! use wushe::io::dimacs::{parse_min, write_min};
//! # fn main() -> Result<(), wushe::Error> {
//! let text = "c two nodes\np min 2 1\nn 1 3\nn 2 -3\na 1 2 0 5 7\n";
//! let net = parse_min(text.as_bytes())?;
//! assert_eq!(net.node_count(), 2);
//! assert_eq!(net.supplies(), &[3, -3]);
//! assert_eq!((net.tails()[0], net.heads()[0], net.costs()[0]), (0, 1, 7));
//! let mut out = Vec::new();
//! write_min(&net, &mut out)?;
//! assert_eq!(parse_min(out.as_slice())?, net);
//! # Ok(()) }
//! ```

mod asn;
mod lines;
mod min;
mod write;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::error::Result;
use crate::solve::assignment::CostMatrix;
use crate::solve::flow::FlowNetwork;

pub use lines::MAX_LINE_BYTES;
pub use write::{
    write_asn, write_assignment_solution, write_flow_solution, write_matrix, write_min,
};

/// Largest node count a file header may declare (the readers allocate per node); also the
/// largest row or column count of a `.mat` file.
pub const MAX_FILE_NODES: usize = 1 << 26;
/// Largest `rows × cols` of an assignment read from a file (the matrix is dense).
pub const MAX_MATRIX_ENTRIES: usize = 1 << 27;
/// At most this many arcs (or matrix entries) are reserved from a header before they are read;
/// storage beyond it grows with the lines actually read.
pub const RESERVE_CAP: usize = 1 << 20;
/// A `p min` header may declare at most `2 × arcs + MAX_UNTOUCHED_NODES` nodes: every node
/// beyond what its arcs can touch is isolated, and a header declaring millions of them (a
/// 17-byte file asking for 2^26 nodes) is refused before any per-node storage exists.
pub const MAX_UNTOUCHED_NODES: usize = 1 << 20;

/// Why a DIMACS, matrix or solution file was rejected; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DimacsError {
    /// The file has no problem line (`p ...`, or the `rows cols` line of a `.mat` file), or a
    /// data line comes before it.
    #[error("line {line}: missing 'p' line")]
    MissingProblemLine {
        /// Line number where the problem line was expected.
        line: usize,
    },
    /// A second problem line.
    #[error("line {line}: second 'p' line (the first is on line {first})")]
    DuplicateProblemLine {
        /// Line of the second problem line.
        line: usize,
        /// Line of the first one.
        first: usize,
    },
    /// The problem line names another problem kind (`p max` where `p min` is expected).
    #[error("line {line}: problem kind '{found}', expected '{expected}'")]
    WrongProblemKind {
        /// Line number.
        line: usize,
        /// The kind this reader accepts.
        expected: &'static str,
        /// The kind found (an escaped excerpt of it, see [`crate::excerpt`]).
        found: String,
    },
    /// A line starts with something other than `c`, `p`, `n` or `a`.
    #[error("line {line}: unknown line kind '{found}'")]
    UnknownLineKind {
        /// Line number.
        line: usize,
        /// The first field of the line (an escaped excerpt of it, see [`crate::excerpt`]).
        found: String,
    },
    /// A line has the wrong number of fields (not counting the line kind).
    #[error("line {line}: '{kind}' line has {found} fields, expected {expected}")]
    FieldCount {
        /// Line number.
        line: usize,
        /// Line kind: `"p"`, `"n"`, `"a"`, `"matrix header"` or `"matrix row"`.
        kind: &'static str,
        /// Fields expected.
        expected: usize,
        /// Fields found.
        found: usize,
    },
    /// A field is not a decimal integer.
    #[error("line {line}: {field} '{found}' is not an integer")]
    NotAnInteger {
        /// Line number.
        line: usize,
        /// Field name (`"tail"`, `"cost"`, ...).
        field: &'static str,
        /// The text found (an escaped excerpt of it, see [`crate::excerpt`]).
        found: String,
    },
    /// A field is an integer outside the `i64` range.
    #[error("line {line}: {field} does not fit in a 64-bit integer")]
    IntegerOverflow {
        /// Line number.
        line: usize,
        /// Field name.
        field: &'static str,
    },
    /// A number is outside the accepted range (negative counts, costs above
    /// [`crate::solve::flow::network::MAX_ABS_COST`], amounts above
    /// [`crate::solve::flow::network::MAX_ABS_AMOUNT`], ...).
    #[error("line {line}: {field} {value} is out of range [{min}, {max}]")]
    ValueOutOfRange {
        /// Line number.
        line: usize,
        /// Field name.
        field: &'static str,
        /// The value found.
        value: i64,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// A node id is not in `1..=nodes` of the problem line.
    #[error("line {line}: {field} node {node} is not in 1..={node_count}")]
    UnknownNode {
        /// Line number.
        line: usize,
        /// Field name (`"tail"`, `"head"`, `"node"`, `"row"`, `"column"`).
        field: &'static str,
        /// The id found.
        node: i64,
        /// Nodes declared on the problem line.
        node_count: usize,
    },
    /// A second `n` line for the same node.
    #[error("line {line}: second 'n' line for node {node}")]
    DuplicateNode {
        /// Line number.
        line: usize,
        /// The 1-based node id.
        node: i64,
    },
    /// An arc's lower bound exceeds its capacity.
    #[error("line {line}: lower bound {lower} exceeds capacity {capacity}")]
    LowerAboveCapacity {
        /// Line number.
        line: usize,
        /// Lower bound.
        lower: i64,
        /// Capacity.
        capacity: i64,
    },
    /// The number of arcs (or matrix rows) differs from the header.
    #[error("line {line}: {found} {what} found, the header declares {declared}")]
    CountMismatch {
        /// The first line beyond the declared count, or the line after the last (end of file).
        line: usize,
        /// `"arcs"` or `"rows"`.
        what: &'static str,
        /// Count declared by the header.
        declared: usize,
        /// Count found (when too many: the count so far, one above the declaration).
        found: usize,
    },
    /// A header declares more than the readers accept ([`MAX_FILE_NODES`] nodes, or rows or
    /// columns of a `.mat` file; for `p min`, more nodes than `2 × arcs +`
    /// [`MAX_UNTOUCHED_NODES`]; [`MAX_MATRIX_ENTRIES`];
    /// [`crate::solve::flow::network::MAX_ARCS`]).
    #[error("line {line}: {count} {what} exceed the limit {limit}")]
    TooLarge {
        /// Line number of the header.
        line: usize,
        /// `"nodes"`, `"arcs"`, `"rows"`, `"cols"` or `"matrix entries"`.
        what: &'static str,
        /// Count declared.
        count: u128,
        /// Limit.
        limit: u128,
    },
    /// A line is longer than [`MAX_LINE_BYTES`].
    #[error("line {line}: longer than {limit} bytes")]
    LineTooLong {
        /// Line number.
        line: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// `p asn` without `n` lines splits nodes into rows `1..=k` and columns `k+1..=2k`, which
    /// needs an even node count.
    #[error("line {line}: 'p asn' without 'n' lines needs an even node count, found {nodes}")]
    OddNodeCount {
        /// Line where the split was needed (first `a` line or end of file).
        line: usize,
        /// Nodes declared.
        nodes: usize,
    },
    /// An `n` line of a `p asn` file after its first `a` line.
    #[error("line {line}: 'n' line after the first 'a' line")]
    NodeAfterArc {
        /// Line number.
        line: usize,
    },
    /// A `p asn` arc does not go from a row node to a column node.
    #[error("line {line}: arc {tail} -> {head} does not go from a row to a column")]
    NotRowToColumn {
        /// Line number.
        line: usize,
        /// Tail id.
        tail: i64,
        /// Head id.
        head: i64,
    },
    /// A `.mat` file cannot express a forbidden pair; [`write_matrix`] refuses it.
    #[error("matrix entry ({row}, {col}) is forbidden; use write_asn")]
    ForbiddenInMatrix {
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
    },
    /// A solution vector does not match the instance (flow per arc, column per row).
    #[error("solution has {found} entries, the instance needs {expected}")]
    SolutionLength {
        /// Entries expected.
        expected: usize,
        /// Entries given.
        found: usize,
    },
}

/// An instance read by [`parse_instance`] or [`read_path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instance {
    /// A `p min` file.
    MinCostFlow(FlowNetwork),
    /// A `p asn` or `.mat` file.
    Assignment(CostMatrix),
}

/// Reads a DIMACS `p min` file into a [`FlowNetwork`] (node `i` of the file is node `i - 1`).
///
/// `n id supply` lines set supplies (nodes without one have supply 0; total supply need not be
/// 0, a solver reports such a network infeasible); `a tail head lower capacity cost` lines
/// append arcs in file order. Capacity `i64::MAX` means
/// [`crate::solve::flow::UNCAPACITATED`]; other numbers must respect the limits of
/// [`FlowNetwork`].
///
/// # Errors
/// [`DimacsError`] for any malformed line (see the variants), `Io` when reading fails.
///
/// # Complexity
/// O(file size) time; O(nodes + arcs) memory.
pub fn parse_min(reader: impl BufRead) -> Result<FlowNetwork> {
    let mut parser = min::MinParser::default();
    let end = lines::drive(reader, &mut parser)?;
    Ok(parser.finish(end)?)
}

/// Reads a DIMACS `p asn` file into a [`CostMatrix`] (rows × columns).
///
/// Rows are the nodes listed by `n` lines (in increasing id), columns the other nodes (in
/// increasing id). Without `n` lines, nodes `1..=k` are rows and `k+1..=2k` columns (`2k`
/// nodes declared). `n` lines must precede the `a` lines. Each `a row column cost` line allows a
/// pair; pairs not listed are forbidden (the matrix then carries an allowed mask, their cost is
/// stored as 0). When a pair is listed twice the cheapest cost is kept. When every pair is
/// listed the matrix has no mask ([`CostMatrix::allowed`] is `None`).
///
/// # Errors
/// [`DimacsError`] for any malformed line, `Io` when reading fails.
///
/// # Complexity
/// O(file size + rows × columns) time and O(rows × columns) memory.
///
/// # Example
/// ```
/// use wushe::io::dimacs::parse_asn;
/// # fn main() -> Result<(), wushe::Error> {
/// // Rows are nodes 1 and 2, columns 3 and 4; the pair (row 2, column 4) is not listed.
/// let text = "p asn 4 3\nn 1\nn 2\na 1 3 5\na 1 4 2\na 2 3 7\n";
/// let m = parse_asn(text.as_bytes())?;
/// assert_eq!((m.rows(), m.cols()), (2, 2));
/// assert_eq!(m.costs()[..3], [5, 2, 7]);
/// assert!(!m.is_allowed(1, 1));
/// # Ok(()) }
/// ```
pub fn parse_asn(reader: impl BufRead) -> Result<CostMatrix> {
    let mut parser = asn::AsnParser::default();
    let end = lines::drive(reader, &mut parser)?;
    parser.finish(end)
}

/// Reads a `.mat` file: a `rows cols` line, then `rows` lines of `cols` integer costs.
///
/// Every pair is allowed. Blank lines are ignored, so a matrix with 0 columns has no row lines.
///
/// # Errors
/// [`DimacsError`] for any malformed line, `Io` when reading fails.
///
/// # Complexity
/// O(file size) time, O(rows × columns) memory.
pub fn parse_matrix(reader: impl BufRead) -> Result<CostMatrix> {
    let mut parser = asn::MatParser::default();
    let end = lines::drive(reader, &mut parser)?;
    parser.finish(end)
}

/// Reads any of the three formats, recognised by the first line that is neither blank nor a
/// comment: `p min`, `p asn`, or a line starting with a number (`.mat`).
///
/// # Errors
/// As the chosen reader; [`DimacsError::WrongProblemKind`] for another `p` kind,
/// [`DimacsError::MissingProblemLine`] for an empty file.
pub fn parse_instance(reader: impl BufRead) -> Result<Instance> {
    let mut parser = Sniffer::Undecided;
    let end = lines::drive(reader, &mut parser)?;
    parser.finish(end)
}

/// Opens `path` and reads it by extension (`.min`, `.asn`, `.mat`), sniffing otherwise.
///
/// # Errors
/// [`crate::ErrorKind::File`] naming the path when the file cannot be opened or read,
/// otherwise as the chosen reader.
pub fn read_path(path: impl AsRef<Path>) -> Result<Instance> {
    let path = path.as_ref();
    let read = || -> Result<Instance> {
        let reader = BufReader::with_capacity(1 << 16, File::open(path)?);
        match path.extension().and_then(|e| e.to_str()) {
            Some("min") => Ok(Instance::MinCostFlow(parse_min(reader)?)),
            Some("asn") => Ok(Instance::Assignment(parse_asn(reader)?)),
            Some("mat") => Ok(Instance::Assignment(parse_matrix(reader)?)),
            _ => parse_instance(reader),
        }
    };
    read().map_err(|e| e.in_file(path))
}

/// Chooses a reader from the first significant line, then forwards every line to it.
enum Sniffer {
    Undecided,
    Min(min::MinParser),
    Asn(asn::AsnParser),
    Mat(asn::MatParser),
}

impl lines::LineSink for Sniffer {
    fn line(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        if let Sniffer::Undecided = self {
            let mut fields = lines::Fields::new(bytes);
            let Some(first) = fields.next() else {
                return Ok(());
            };
            *self = match first.first() {
                Some(b'c') => return Ok(()),
                Some(b'p') if first.len() == 1 => match fields.next() {
                    Some(b"min") => Sniffer::Min(min::MinParser::default()),
                    Some(b"asn") => Sniffer::Asn(asn::AsnParser::default()),
                    other => {
                        return Err(DimacsError::WrongProblemKind {
                            line,
                            expected: "min or asn",
                            found: lines::shown(other.unwrap_or_default()),
                        });
                    }
                },
                Some(b'0'..=b'9' | b'-' | b'+') => Sniffer::Mat(asn::MatParser::default()),
                _ => {
                    return Err(DimacsError::UnknownLineKind {
                        line,
                        found: lines::shown(first),
                    });
                }
            };
        }
        match self {
            Sniffer::Undecided => Ok(()),
            Sniffer::Min(p) => p.line(line, bytes),
            Sniffer::Asn(p) => p.line(line, bytes),
            Sniffer::Mat(p) => p.line(line, bytes),
        }
    }
}

impl Sniffer {
    fn finish(self, end: usize) -> Result<Instance> {
        match self {
            Sniffer::Undecided => Err(DimacsError::MissingProblemLine { line: end }.into()),
            Sniffer::Min(p) => Ok(Instance::MinCostFlow(p.finish(end)?)),
            Sniffer::Asn(p) => p.finish(end).map(Instance::Assignment),
            Sniffer::Mat(p) => p.finish(end).map(Instance::Assignment),
        }
    }
}
