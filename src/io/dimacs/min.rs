//! The `p min` reader.

use super::lines::{self, LineSink, NodeSet, ints};
use super::{DimacsError, MAX_FILE_NODES, MAX_UNTOUCHED_NODES, RESERVE_CAP};
use crate::ErrorKind;
use crate::solve::flow::FlowNetwork;
use crate::solve::flow::UNCAPACITATED;
use crate::solve::flow::network::{MAX_ABS_AMOUNT, MAX_ABS_COST, MAX_ARCS};

/// The problem line's numbers.
#[derive(Debug, Clone, Copy)]
struct Header {
    line: usize,
    nodes: usize,
    arcs: usize,
}

/// State of a `p min` read.
#[derive(Debug, Default)]
pub(super) struct MinParser {
    header: Option<Header>,
    network: FlowNetwork,
    supplied: NodeSet,
}

impl LineSink for MinParser {
    fn line(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let Some(kind) = lines::Fields::new(bytes).next() else {
            return Ok(());
        };
        match (kind, self.header) {
            ([b'c', ..], _) => Ok(()),
            (b"p", None) => self.problem(line, bytes),
            (b"p", Some(h)) => Err(DimacsError::DuplicateProblemLine {
                line,
                first: h.line,
            }),
            (b"n" | b"a", None) => Err(DimacsError::MissingProblemLine { line }),
            (b"n", Some(h)) => self.supply(line, bytes, h),
            (b"a", Some(h)) => self.arc(line, bytes, h),
            _ => Err(DimacsError::UnknownLineKind {
                line,
                found: lines::shown(kind),
            }),
        }
    }
}

impl MinParser {
    fn problem(&mut self, line: usize, bytes: &[u8]) -> Result<(), DimacsError> {
        let (nodes, arcs) = lines::problem_line(bytes, line, "min")?;
        check_limit(line, "nodes", nodes, MAX_FILE_NODES)?;
        check_limit(line, "arcs", arcs, MAX_ARCS)?;
        let (nodes, arcs) = (nodes as usize, arcs as usize);
        let touchable = arcs.saturating_mul(2).saturating_add(MAX_UNTOUCHED_NODES);
        check_limit(line, "nodes", nodes as u64, touchable)?;
        self.network = FlowNetwork::with_capacity(nodes, arcs.min(RESERVE_CAP));
        self.header = Some(Header { line, nodes, arcs });
        Ok(())
    }

    fn supply(&mut self, line: usize, bytes: &[u8], h: Header) -> Result<(), DimacsError> {
        let [id, supply] = ints(bytes, line, "n", ["node", "supply"])?;
        let node = node_index(id, line, "node", h.nodes)?;
        let supply = in_range(supply, line, "supply", MAX_ABS_AMOUNT)?;
        if !self.supplied.insert(node, h.nodes) {
            return Err(DimacsError::DuplicateNode {
                line,
                node: node as i64 + 1,
            });
        }
        self.network
            .set_supply(node, supply)
            .map_err(|e| network_error(line, e))
    }

    fn arc(&mut self, line: usize, bytes: &[u8], h: Header) -> Result<(), DimacsError> {
        let names = ["tail", "head", "lower", "capacity", "cost"];
        let [tail, head, lower, capacity, cost] = ints(bytes, line, "a", names)?;
        let found = self.network.arc_count();
        if found >= h.arcs {
            return Err(DimacsError::CountMismatch {
                line,
                what: "arcs",
                declared: h.arcs,
                found: found + 1,
            });
        }
        let tail = node_index(tail, line, "tail", h.nodes)?;
        let head = node_index(head, line, "head", h.nodes)?;
        let lower = in_range(lower, line, "lower", MAX_ABS_AMOUNT)?;
        if capacity != UNCAPACITATED && capacity.unsigned_abs() > MAX_ABS_AMOUNT as u64 {
            return Err(DimacsError::ValueOutOfRange {
                line,
                field: "capacity",
                value: capacity,
                min: -MAX_ABS_AMOUNT,
                max: MAX_ABS_AMOUNT,
            });
        }
        let cost = in_range(cost, line, "cost", MAX_ABS_COST)?;
        if lower > capacity {
            return Err(DimacsError::LowerAboveCapacity {
                line,
                lower,
                capacity,
            });
        }
        self.network
            .add_arc(tail, head, lower, capacity, cost)
            .map(|_| ())
            .map_err(|e| network_error(line, e))
    }

    /// Final checks at the end of the file (`end` = line after the last).
    pub(super) fn finish(self, end: usize) -> Result<FlowNetwork, DimacsError> {
        let Some(h) = self.header else {
            return Err(DimacsError::MissingProblemLine { line: end });
        };
        let found = self.network.arc_count();
        if found != h.arcs {
            return Err(DimacsError::CountMismatch {
                line: end,
                what: "arcs",
                declared: h.arcs,
                found,
            });
        }
        Ok(self.network)
    }
}

/// Rejects a header count above `limit`.
pub(super) fn check_limit(
    line: usize,
    what: &'static str,
    count: u64,
    limit: usize,
) -> Result<(), DimacsError> {
    if count > limit as u64 {
        return Err(DimacsError::TooLarge {
            line,
            what,
            count: u128::from(count),
            limit: limit as u128,
        });
    }
    Ok(())
}

/// Checks `|value| <= limit`.
#[inline]
fn in_range(value: i64, line: usize, field: &'static str, limit: i64) -> Result<i64, DimacsError> {
    if value.unsigned_abs() > limit as u64 {
        return Err(DimacsError::ValueOutOfRange {
            line,
            field,
            value,
            min: -limit,
            max: limit,
        });
    }
    Ok(value)
}

/// Checks a 1-based node id and returns the 0-based index.
#[inline]
pub(super) fn node_index(
    id: i64,
    line: usize,
    name: &'static str,
    nodes: usize,
) -> Result<usize, DimacsError> {
    if id < 1 || id as u64 > nodes as u64 {
        return Err(DimacsError::UnknownNode {
            line,
            field: name,
            node: id,
            node_count: nodes,
        });
    }
    Ok(id as usize - 1)
}

/// A [`crate::Error`] from the network setters, which the checks above make unreachable, kept
/// as a typed error rather than a panic: a range error with the line number.
fn network_error(line: usize, error: crate::Error) -> DimacsError {
    let (field, value, limit) = match error.into_kind() {
        ErrorKind::Network(crate::solve::flow::NetworkError::OutOfRange {
            field,
            value,
            limit,
            ..
        }) => (field, value, limit),
        _ => ("network", 0, 0),
    };
    DimacsError::ValueOutOfRange {
        line,
        field,
        value,
        min: -limit,
        max: limit,
    }
}
