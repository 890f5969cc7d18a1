//! Primal network simplex with block-search pivoting.
//!
//! The solver works on the network with lower bounds shifted out (`x' = x − lower`), plus one
//! artificial root node joined to every node by an artificial arc. The starting basis is the
//! star of artificial arcs, which carries each node's imbalance; it is strongly feasible.
//!
//! **Artificial phase without sentinels.** The artificial arc of a node with negative excess
//! runs root → node and costs `K = (2n + 1)·C + 1` per unit, where `C` is the largest absolute
//! arc cost and `n` the node count; that of every other node runs node → root and costs 0.
//! Every unit through the root leaves it by a costly arc, so `K` is paid once per unit of
//! artificial flow; a tree path passes the root at most once, so its artificial arcs add `−K`,
//! `0` or `K`, and its fewer than `n` real arcs less than `K` in absolute value: the single run
//! minimises the pair (artificial flow, cost) *lexicographically*, exactly as a two-phase
//! method would, and no "infinite" number is ever stored. (Costing the node → root arcs `K`
//! as well gives the same optimum; measured on the grid families, their zero cost, as in
//! LEMON, halves the pivoting time: potentials of transshipment nodes start at 0 instead of
//! `−K`.) When pivoting stops, artificial flow left on the tree
//! proves infeasibility (the potentials divided by `K` are then an optimal phase-1 dual);
//! otherwise the flow is optimal and the node potentials are returned as its certificate. If
//! `K` does not fit the `i64` range with room for every potential, the status is
//! [`FlowStatus::Overflow`] (this needs `n·C` above about `2^60`).
//!
//! **Unbounded problems.** A pivot whose cycle consists only of [`UNCAPACITATED`] forward arcs
//! is a negative-cost cycle. Whether the problem is feasible is then settled by continuing with
//! all real costs set to zero (a pure phase 1 that cannot be unbounded): no artificial flow
//! left means [`FlowStatus::Unbounded`], otherwise [`FlowStatus::Infeasible`].
//!
//! **Tree layout.** The basis is kept in dense per-node arrays (potential, parent, tree arc,
//! subtree size) plus the preorder thread of all nodes and each subtree's last node in it
//! (`tree.rs`), so a basis change relinks `O(stem length)` stretches of the thread and shifts
//! the potentials of one side of the leaving arc by one walk along it: the re-hung subtree,
//! or every other node when the subtree holds more than half of them (the stored potentials
//! are then exact up to a common offset, kept in wrapping `i64` arithmetic, and normalised to
//! a root potential of 0 in the answer). Measured at size M, this cuts the node updates of
//! the walk 2.4× on the GRIDGEN-like grid, 1.4× on the GOTO-like torus and 1.25× on NETGEN;
//! on the escalation hierarchy, where `perf` puts 60% of the solve in this walk, only 5%, its
//! moved subtrees being small but many. (A first version kept one 32-byte record per node
//! with child lists; profiling the grid families showed its potential walks, at 58% of the
//! time, 4–5× slower than the thread over dense arrays for the same pivots.)
//!
//! **Pricing.** Block search (Grigoriadis): the most violating arc of the first block of `B`
//! arcs that holds one enters, with `B = ⌈√m⌉`. On sparse networks the arcs are copied once
//! into a strided order (`j, j + s, j + 2s, …` with `s = 4⌈√m⌉`), so each block samples the
//! whole network in short runs instead of the out-arcs of a few consecutive nodes while the
//! scan stays sequential in memory; dense networks keep the input order (borrowed, not
//! copied).
//!
//! **Node numbering.** Where the arcs are copied in strided order and the network is not
//! numbered locally already, the solver also renumbers the nodes (`locality.rs`): the
//! preorder of the forest in which each node points to the other end of its cheapest arc, so
//! that the subtrees the basis changes move, whose potentials are walked, lie in neighbouring
//! memory. The pivots are exactly those of the input numbering (a unit test compares work,
//! flow and potentials); only the memory traffic changes. [`NodeOrder`] overrides the choice
//! (the proof tests run every network both ways). Measured at size M on the same
//! files, one process after the other (2026-12-04, 1 thread): the escalation hierarchy
//! 2.60–2.69 s → 1.82–1.89 s, where the walk was 55% of the solve and is now about a third;
//! NETGEN 1.49–1.67 s → 1.28–1.61 s; the road-like network is numbered locally and kept as it
//! is (renumbering it measured 5–10% slower).
//!
//! **Renumbering while pivoting** (`relayout.rs`). Pivots move subtrees, so the preorder
//! the potential walks follow drifts away from the memory order, and the walk becomes a
//! chain of cache misses: `perf` put 75% of the exchange, 30% of the solve, on NETGEN_M in
//! that one loop. Each time the exchanges have walked 100 times the node count, the nodes
//! are renumbered in the current preorder (every node array and the arcs' ends rewritten,
//! `O(n + m)`), so that each subtree is again one run of consecutive numbers. The pivots
//! are unchanged. Measured at size M, median of five in one run (2026-12-05): NETGEN
//! 1.28 → 0.93 s, the GOTO-like torus 1.29 → 1.03 s (with the crash below), the road-like
//! network 0.37 → 0.34 s; the GRIDGEN-like grid unchanged.
//!
//! **Crash start.** Before block search, a few arcs likely to be basic at the optimum are
//! pivoted in (`crash.rs`): along wide arcs from the sink when there is one source and one
//! sink, else the arcs of a shortest-path forest into the demand nodes.
//!
//! **Files.** `state.rs` holds the solver state, its construction and the pivot loop,
//! `pricing.rs` the block search, `crash.rs` the crash start, `pivot.rs` the cycle, ratio test
//! and flow change of one pivot, `tree.rs` the basis tree and its exchange step,
//! `locality.rs` the starting node order and `relayout.rs` the renumbering while pivoting.
//!
//! [`UNCAPACITATED`]: super::UNCAPACITATED

mod crash;
mod grouping;
mod locality;
mod pivot;
mod pricing;
mod relayout;
mod state;
mod tree;

use super::network::{FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, WarmStart};
use crate::error::Result;
use pricing::{default_block, is_locally_numbered, pricing_stride};
use state::{Layout, Simplex};

/// The nodes are renumbered in the basis tree's preorder each time the exchanges have
/// walked this many times the node count (see the module documentation). Measured at size
/// M, median of five (2026-12-05): 30 gives NETGEN 1.06 s, 100 gives 0.93 s, 300 0.99 s,
/// never 1.28 s; on the road-like network 0.34, 0.34, 0.38 and 0.37 s.
const RELAYOUT_WALK: u64 = 100;

/// Primal network simplex for general min-cost flow.
///
/// Accepts every valid [`FlowNetwork`]: transshipment nodes, parallel arcs, self-loops,
/// lower bounds, zero capacities and [`UNCAPACITATED`] arcs.
///
/// # Guarantee
/// Exact. The status is [`FlowStatus::Optimal`] with a flow and potentials that pass
/// [`check_certificate`](super::certificate::check_certificate), or
/// [`FlowStatus::Infeasible`] (supplies do not sum to zero, or no flow meets the bounds),
/// [`FlowStatus::Unbounded`] (a feasible problem with a negative cycle of uncapacitated arcs),
/// or [`FlowStatus::Overflow`] (a number would leave `i64`). Deterministic: ties in pricing
/// go to the first arc scanned in the block, ties in the ratio test follow the
/// strongly-feasible-tree rule.
///
/// Termination: the entering arc always has a strictly negative reduced cost and the leaving
/// arc is the last blocking arc of the cycle met from its apex, which keeps every basis
/// strongly feasible; then a non-degenerate pivot strictly lowers the integer objective and a
/// degenerate one strictly moves the integer sum of potentials in one direction (AMO §11.5),
/// so no basis repeats. The pivot count is therefore at most (number of objective values) ×
/// (number of potential-sum values): pseudo-polynomial, `O(m·U · n²·K)` for the largest
/// capacity or supply `U` and the artificial cost `K` below.
///
/// The potentials are the duals of the final basis, not normalised: a part of the network
/// that the basis reaches only through the artificial root keeps an offset of a multiple of
/// `K` (see the module documentation). They still certify the flow exactly.
///
/// # Complexity
/// Each pivot costs `O(B + L + S)` for a block size `B` (default `⌈√m⌉`), a cycle length `L`
/// and `S` the smaller of the re-hung subtree and the rest of the tree. Extra space
/// `O(n + m)`: 17 bytes per arc (37 when the arcs are copied in strided order, see the module
/// documentation) and about 50 per node (58 when the nodes are renumbered).
///
/// # Warm start
/// [`MinCostFlowSolver::solve_warm`] uses a previous flow (arcs at their capacity start at
/// the upper bound) and/or previous potentials (arcs with negative reduced cost start at the
/// upper bound) to choose the starting states of the non-tree arcs. The artificial star then
/// absorbs whatever imbalance this leaves, so an infeasible or stale warm start is repaired,
/// never trusted, and the optimum objective is the same as a cold solve.
///
/// # References
/// - R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall 1993, ch. 11.
/// - W. H. Cunningham, "A network simplex method", *Math. Programming* 11 (1976) — strongly
///   feasible trees.
/// - D. J. Kelly, G. M. O'Neill, "The minimum cost flow problem and the network simplex
///   solution method", M.Sc. dissertation, University College Dublin, 1991.
/// - M. D. Grigoriadis, "An efficient implementation of the network simplex method",
///   *Math. Programming Study* 26 (1986) — block pricing.
///
/// # Example
/// ```
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// use wushe::solve::flow::certificate::check_certificate;
/// use wushe::solve::flow::network_simplex::NetworkSimplex;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // Two units from 0 to 3: path 0-1-3 costs 2 per unit but holds one unit,
/// // path 0-2-3 costs 5 per unit.
/// let mut net = FlowNetwork::new(4);
/// net.set_supply(0, 2)?;
/// net.set_supply(3, -2)?;
/// net.add_arc(0, 1, 0, 1, 1)?;
/// net.add_arc(1, 3, 0, 2, 1)?;
/// net.add_arc(0, 2, 0, 2, 2)?;
/// net.add_arc(2, 3, 0, 2, 3)?;
/// let solution = NetworkSimplex::default().solve(&net)?;
/// assert_eq!(solution.status, FlowStatus::Optimal);
/// assert_eq!(solution.objective, 7);
/// assert_eq!(solution.flow, vec![1, 1, 1, 1]);
/// check_certificate(&net, &solution)?;
/// # Ok(()) }
/// ```
///
/// [`UNCAPACITATED`]: super::UNCAPACITATED
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkSimplex {
    /// Arcs priced per block; `None` picks `⌈√m⌉`, at least 10. A value of 0 is treated as 1.
    pub block_size: Option<usize>,
    /// Pricing order: with stride `s > 1` the arcs are copied and scanned as `j, j + s,
    /// j + 2s, …` for each residue `j`. `None` picks `1` (input order, no copy) for dense
    /// networks and for networks numbered locally (nearly every arc joins nodes close in the
    /// numbering), `4·⌈√m⌉` for other sparse ones (see the module documentation); values are
    /// clamped to `[1, m]`.
    pub pricing_stride: Option<usize>,
    /// Most work units (arcs priced, plus per pivot the tree nodes the basis change touched;
    /// the renumbering while pivoting, `O(n + m)` once per `100·n` such nodes, is not counted)
    /// before the solve gives up with [`FlowStatus::WorkLimit`]; `None`: no limit. The
    /// count is deterministic.
    pub work_limit: Option<u64>,
    /// How the solver numbers the nodes in its own arrays, at the start and while pivoting
    /// (see the module documentation). It never changes the pivots or the answer, only the
    /// memory traffic.
    pub node_order: NodeOrder,
}

/// How [`NetworkSimplex`] numbers the nodes in its own arrays.
///
/// The pivots, the flow, the potentials and the work count are the same under every order
/// (the answer is always in the input's numbering); only where the solver keeps each node's
/// records changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NodeOrder {
    /// At the start, the cheapest-arc-forest preorder where the arcs are copied in strided
    /// order and the network is not numbered locally (see the module documentation), else
    /// the input's; while pivoting, the basis tree's preorder, renewed periodically.
    #[default]
    Automatic,
    /// The input's numbering throughout.
    Input,
    /// At the start always the cheapest-arc-forest preorder (the arcs are then copied even
    /// in input order); while pivoting as [`NodeOrder::Automatic`].
    CheapestArcForest,
}

impl NetworkSimplex {
    /// A solver with the default knobs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the pricing block size (`None`: automatic).
    pub fn with_block_size(mut self, block_size: Option<usize>) -> Self {
        self.block_size = block_size;
        self
    }

    /// Sets [`NetworkSimplex::work_limit`].
    pub fn with_work_limit(mut self, limit: Option<u64>) -> Self {
        self.work_limit = limit;
        self
    }

    /// Sets [`NetworkSimplex::node_order`].
    pub fn with_node_order(mut self, order: NodeOrder) -> Self {
        self.node_order = order;
        self
    }

    /// Sets the pricing stride (`None`: automatic).
    pub fn with_pricing_stride(mut self, stride: Option<usize>) -> Self {
        self.pricing_stride = stride;
        self
    }

    fn run(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        network.validate()?;
        warm.check_shape(network)?;
        let total: i128 = network.supplies().iter().map(|&b| i128::from(b)).sum();
        if total != 0 {
            return Ok(FlowSolution::without_flow(FlowStatus::Infeasible));
        }
        let block = self
            .block_size
            .map_or_else(|| default_block(network), |b| b.max(1));
        let m = network.arc_count();
        let local = is_locally_numbered(network);
        let stride = self
            .pricing_stride
            .unwrap_or_else(|| pricing_stride(network, local))
            .clamp(1, m.max(1));
        let layout = Layout {
            block,
            stride,
            renumber: match self.node_order {
                NodeOrder::Automatic => stride > 1 && !local,
                NodeOrder::Input => false,
                NodeOrder::CheapestArcForest => true,
            },
            relayout_walk: match self.node_order {
                NodeOrder::Input => u64::MAX,
                NodeOrder::Automatic | NodeOrder::CheapestArcForest => RELAYOUT_WALK,
            },
        };
        let solution = match Simplex::new(network, warm, layout) {
            Ok(mut simplex) => {
                simplex.work_limit = self.work_limit.unwrap_or(u64::MAX);
                simplex.solve(network)
            }
            Err(status) => FlowSolution::without_flow(status),
        };
        Ok(solution)
    }
}

impl MinCostFlowSolver for NetworkSimplex {
    fn name(&self) -> &'static str {
        "network_simplex"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        self.run(network, &WarmStart::default())
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        self.run(network, warm)
    }
}
