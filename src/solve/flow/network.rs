//! The input of every min-cost-flow core: a directed network on compact arrays.

use crate::error::Result;

/// Largest number of nodes a [`FlowNetwork`] accepts (indices are stored as `u32`).
pub const MAX_NODES: usize = (u32::MAX - 2) as usize;
/// Largest number of arcs a [`FlowNetwork`] accepts.
pub const MAX_ARCS: usize = (u32::MAX - 2) as usize;
/// Largest absolute arc cost accepted, so that path lengths over every node fit in `i64`
/// after scaling by the number of nodes.
pub const MAX_ABS_COST: i64 = 1 << 40;
/// Largest absolute capacity, lower bound or supply accepted.
pub const MAX_ABS_AMOUNT: i64 = 1 << 52;

/// Why a [`FlowNetwork`] was rejected. Each variant names the node or arc index (0-based) and
/// the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// An arc endpoint is not a node of the network.
    #[error("arc {arc}: endpoint {node} is not a node (network has {node_count} nodes)")]
    EndpointOutOfRange {
        /// Arc index.
        arc: usize,
        /// The endpoint given.
        node: usize,
        /// Number of nodes in the network.
        node_count: usize,
    },
    /// A node index passed to a setter is out of range.
    #[error("node {node} is not a node (network has {node_count} nodes)")]
    NodeOutOfRange {
        /// The node given.
        node: usize,
        /// Number of nodes in the network.
        node_count: usize,
    },
    /// An arc's lower bound exceeds its capacity.
    #[error("arc {arc}: lower bound {lower} exceeds capacity {upper}")]
    LowerAboveUpper {
        /// Arc index.
        arc: usize,
        /// Lower bound.
        lower: i64,
        /// Capacity.
        upper: i64,
    },
    /// A number is outside the accepted range (see [`MAX_ABS_COST`], [`MAX_ABS_AMOUNT`]).
    #[error("{field} {value} at index {index} is out of range (limit {limit})")]
    OutOfRange {
        /// Which field: `"cost"`, `"lower"`, `"capacity"`, `"supply"`.
        field: &'static str,
        /// Arc or node index.
        index: usize,
        /// The value given.
        value: i64,
        /// The absolute limit.
        limit: i64,
    },
    /// The network has more nodes or arcs than [`MAX_NODES`] / [`MAX_ARCS`].
    #[error("too many {what}: {count} (limit {limit})")]
    TooLarge {
        /// `"nodes"` or `"arcs"`.
        what: &'static str,
        /// Count requested.
        count: usize,
        /// Limit.
        limit: usize,
    },
    /// A warm start does not fit the network (wrong length).
    #[error("warm start {field} has length {len}, expected {expected}")]
    WarmStartShape {
        /// `"flow"` or `"potential"`.
        field: &'static str,
        /// Length given.
        len: usize,
        /// Length expected.
        expected: usize,
    },
}

/// Capacity meaning "no upper bound". It is the only capacity that may exceed
/// [`MAX_ABS_AMOUNT`]; a negative cycle of such arcs makes a problem
/// [`FlowStatus::Unbounded`].
pub const UNCAPACITATED: i64 = i64::MAX;

/// Index of an arc in a [`FlowNetwork`], in insertion order.
pub type ArcIndex = usize;

/// A directed network with node supplies and arcs `(tail, head, lower, capacity, cost)`.
///
/// Node `v` has supply `b(v)`: positive at sources, negative at sinks. A feasible flow `x`
/// satisfies `lower ≤ x ≤ capacity` on every arc and `out(v) − in(v) = b(v)` at every node.
/// Arcs are stored as parallel arrays (structure of arrays) so a solver core can build its
/// own layout quickly; parallel arcs, self-loops and transshipment nodes are all allowed.
///
/// # Example
/// ```
/// use wushe::solve::flow::FlowNetwork;
/// # fn main() -> Result<(), wushe::Error> {
/// let mut net = FlowNetwork::new(3);
/// net.set_supply(0, 2)?;
/// net.set_supply(2, -2)?;
/// net.add_arc(0, 1, 0, 2, 3)?;
/// net.add_arc(1, 2, 0, 2, 1)?;
/// assert_eq!(net.arc_count(), 2);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowNetwork {
    supply: Vec<i64>,
    tail: Vec<u32>,
    head: Vec<u32>,
    lower: Vec<i64>,
    upper: Vec<i64>,
    cost: Vec<i64>,
}

impl FlowNetwork {
    /// A network with `node_count` nodes of supply 0 and no arcs.
    ///
    /// Sizes above [`MAX_NODES`] are reported by [`FlowNetwork::validate`] (and by every
    /// solver), not by a panic here.
    pub fn new(node_count: usize) -> Self {
        FlowNetwork {
            supply: vec![0; node_count],
            ..Self::default()
        }
    }

    /// Like [`FlowNetwork::new`] with room reserved for `arc_count` arcs.
    pub fn with_capacity(node_count: usize, arc_count: usize) -> Self {
        FlowNetwork {
            supply: vec![0; node_count],
            tail: Vec::with_capacity(arc_count),
            head: Vec::with_capacity(arc_count),
            lower: Vec::with_capacity(arc_count),
            upper: Vec::with_capacity(arc_count),
            cost: Vec::with_capacity(arc_count),
        }
    }

    /// Sets the supply of `node` (positive: source, negative: sink).
    ///
    /// # Errors
    /// [`NetworkError::NodeOutOfRange`] or [`NetworkError::OutOfRange`].
    pub fn set_supply(&mut self, node: usize, supply: i64) -> Result<()> {
        let node_count = self.supply.len();
        let slot = self
            .supply
            .get_mut(node)
            .ok_or(NetworkError::NodeOutOfRange { node, node_count })?;
        if supply.unsigned_abs() > MAX_ABS_AMOUNT as u64 {
            return Err(NetworkError::OutOfRange {
                field: "supply",
                index: node,
                value: supply,
                limit: MAX_ABS_AMOUNT,
            }
            .into());
        }
        *slot = supply;
        Ok(())
    }

    /// Appends an arc and returns its index.
    ///
    /// # Errors
    /// [`NetworkError`] when an endpoint is not a node, `lower > capacity`, a number is out of
    /// range, or the arc limit is reached.
    pub fn add_arc(
        &mut self,
        tail: usize,
        head: usize,
        lower: i64,
        capacity: i64,
        cost: i64,
    ) -> Result<ArcIndex> {
        let arc = self.tail.len();
        let node_count = self.supply.len();
        if arc >= MAX_ARCS {
            return Err(NetworkError::TooLarge {
                what: "arcs",
                count: arc + 1,
                limit: MAX_ARCS,
            }
            .into());
        }
        for node in [tail, head] {
            if node >= node_count || node > MAX_NODES {
                return Err(NetworkError::EndpointOutOfRange {
                    arc,
                    node,
                    node_count,
                }
                .into());
            }
        }
        check_arc_numbers(arc, lower, capacity, cost)?;
        self.tail.push(tail as u32);
        self.head.push(head as u32);
        self.lower.push(lower);
        self.upper.push(capacity);
        self.cost.push(cost);
        Ok(arc)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.supply.len()
    }

    /// Number of arcs.
    pub fn arc_count(&self) -> usize {
        self.tail.len()
    }

    /// Node supplies, indexed by node.
    pub fn supplies(&self) -> &[i64] {
        &self.supply
    }

    /// Arc tails, indexed by arc.
    pub fn tails(&self) -> &[u32] {
        &self.tail
    }

    /// Arc heads, indexed by arc.
    pub fn heads(&self) -> &[u32] {
        &self.head
    }

    /// Arc lower bounds, indexed by arc.
    pub fn lowers(&self) -> &[i64] {
        &self.lower
    }

    /// Arc capacities (upper bounds), indexed by arc; [`UNCAPACITATED`] means no bound.
    pub fn capacities(&self) -> &[i64] {
        &self.upper
    }

    /// Arc unit costs, indexed by arc.
    pub fn costs(&self) -> &[i64] {
        &self.cost
    }

    /// Checks sizes and every number again (useful after building through the setters of
    /// another layer, and called by every solver).
    ///
    /// # Errors
    /// The first [`NetworkError`] found.
    pub fn validate(&self) -> Result<()> {
        if self.supply.len() > MAX_NODES {
            return Err(NetworkError::TooLarge {
                what: "nodes",
                count: self.supply.len(),
                limit: MAX_NODES,
            }
            .into());
        }
        for (node, &b) in self.supply.iter().enumerate() {
            if b.unsigned_abs() > MAX_ABS_AMOUNT as u64 {
                return Err(NetworkError::OutOfRange {
                    field: "supply",
                    index: node,
                    value: b,
                    limit: MAX_ABS_AMOUNT,
                }
                .into());
            }
        }
        for arc in 0..self.arc_count() {
            let node_count = self.supply.len();
            for node in [self.tail[arc] as usize, self.head[arc] as usize] {
                if node >= node_count {
                    return Err(NetworkError::EndpointOutOfRange {
                        arc,
                        node,
                        node_count,
                    }
                    .into());
                }
            }
            check_arc_numbers(arc, self.lower[arc], self.upper[arc], self.cost[arc])?;
        }
        Ok(())
    }

    /// `Σ cost·flow` in `i128`, or `None` on overflow or when `flow` has the wrong length.
    pub fn objective_of(&self, flow: &[i64]) -> Option<i128> {
        if flow.len() != self.arc_count() {
            return None;
        }
        self.cost.iter().zip(flow).try_fold(0i128, |acc, (&c, &x)| {
            acc.checked_add(i128::from(c).checked_mul(i128::from(x))?)
        })
    }
}

fn check_arc_numbers(arc: usize, lower: i64, capacity: i64, cost: i64) -> Result<()> {
    if cost.unsigned_abs() > MAX_ABS_COST as u64 {
        return Err(NetworkError::OutOfRange {
            field: "cost",
            index: arc,
            value: cost,
            limit: MAX_ABS_COST,
        }
        .into());
    }
    if lower.unsigned_abs() > MAX_ABS_AMOUNT as u64 {
        return Err(NetworkError::OutOfRange {
            field: "lower",
            index: arc,
            value: lower,
            limit: MAX_ABS_AMOUNT,
        }
        .into());
    }
    if capacity != UNCAPACITATED && capacity.unsigned_abs() > MAX_ABS_AMOUNT as u64 {
        return Err(NetworkError::OutOfRange {
            field: "capacity",
            index: arc,
            value: capacity,
            limit: MAX_ABS_AMOUNT,
        }
        .into());
    }
    if lower > capacity {
        return Err(NetworkError::LowerAboveUpper {
            arc,
            lower,
            upper: capacity,
        }
        .into());
    }
    Ok(())
}

/// Outcome of a min-cost-flow solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FlowStatus {
    /// An optimal flow was found; [`FlowSolution::flow`] and [`FlowSolution::potential`] form a
    /// certificate (see [`crate::solve::flow::certificate`]).
    Optimal,
    /// No flow satisfies the bounds and supplies (or supplies do not sum to zero).
    Infeasible,
    /// A negative-cost cycle of [`UNCAPACITATED`] arcs exists in a feasible problem.
    Unbounded,
    /// An intermediate value (objective, potential, path length) left the `i64`/`i128` range;
    /// no number was silently wrapped or capped.
    Overflow,
    /// The solver's work limit (`work_limit` of
    /// [`SuccessiveShortestPath`](super::successive_shortest_path::SuccessiveShortestPath) and
    /// [`NetworkSimplex`](super::network_simplex::NetworkSimplex)) was reached before the
    /// solve finished; no flow is returned. Only a solve given a limit ends so.
    WorkLimit,
}

/// Result of a min-cost-flow solve.
///
/// When `status` is [`FlowStatus::Optimal`], `flow[a]` is the flow on arc `a`, `potential[v]`
/// is a node potential `π` such that every arc with reduced cost `c(a) + π(tail) − π(head)`
/// negative is at capacity and every arc with positive reduced cost is at its lower bound,
/// and `objective = Σ cost·flow`. For other statuses the vectors are empty and `objective` 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSolution {
    /// Outcome.
    pub status: FlowStatus,
    /// Flow per arc (empty unless optimal).
    pub flow: Vec<i64>,
    /// Node potentials (dual values), empty unless optimal.
    pub potential: Vec<i64>,
    /// `Σ cost·flow` (0 unless optimal).
    pub objective: i128,
    /// Work units the core spent, in the unit of its `work_limit` (0 when the core does not
    /// count, or for a solution built by hand).
    pub work: u64,
}

impl FlowSolution {
    /// A solution with a non-optimal status and no vectors.
    pub fn without_flow(status: FlowStatus) -> Self {
        FlowSolution {
            status,
            flow: Vec::new(),
            potential: Vec::new(),
            objective: 0,
            work: 0,
        }
    }
}

/// A previous flow and/or potentials to start from (online re-matching). Either part may be
/// absent; a flow that is not feasible for the new network is repaired, never trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarmStart {
    /// Flow per arc of a previous solve on a network with the same arcs.
    pub flow: Option<Vec<i64>>,
    /// Potential per node from a previous solve.
    pub potential: Option<Vec<i64>>,
}

impl WarmStart {
    /// Checks that the flow has one entry per arc and the potentials one per node of
    /// `network`.
    ///
    /// # Errors
    /// [`NetworkError::WarmStartShape`] for the first part of the wrong length.
    pub(crate) fn check_shape(&self, network: &FlowNetwork) -> Result<()> {
        let parts = [
            (
                "flow",
                self.flow.as_ref().map(Vec::len),
                network.arc_count(),
            ),
            (
                "potential",
                self.potential.as_ref().map(Vec::len),
                network.node_count(),
            ),
        ];
        for (field, len, expected) in parts {
            if let Some(len) = len.filter(|&len| len != expected) {
                return Err(NetworkError::WarmStartShape {
                    field,
                    len,
                    expected,
                }
                .into());
            }
        }
        Ok(())
    }
}

/// A min-cost-flow algorithm. Object safe, `Send + Sync`.
pub trait MinCostFlowSolver: Send + Sync {
    /// Short stable name, e.g. `"network_simplex"`.
    fn name(&self) -> &'static str;

    /// Solves `network` to optimality or reports why not.
    ///
    /// # Errors
    /// [`NetworkError`] when the network fails [`FlowNetwork::validate`].
    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution>;

    /// Solves starting from a previous flow and/or potentials. The result is identical in
    /// objective to [`MinCostFlowSolver::solve`]; only the work differs.
    ///
    /// # Errors
    /// As [`MinCostFlowSolver::solve`], plus [`NetworkError::WarmStartShape`].
    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution>;
}
