//! Successive shortest paths with Dijkstra on reduced costs (primal–dual), tuned for sparse
//! bipartite "many small supplies → capacitated middle → sink" networks.
//!
//! The core keeps node potentials `π` such that every residual arc has a non-negative reduced
//! cost `c(a) + π(tail) − π(head)`. It repeatedly takes a node with excess, runs Dijkstra on
//! reduced costs from it until the nearest node with a deficit is known, augments along
//! that path and lowers the potentials of the settled nodes only (nodes never reached keep
//! theirs), so a search costs what it touches, not the size of the network. The search is
//! bounded: deficit nodes are never queued, and once one is labelled nothing at or beyond its
//! distance is queued either, so when the cheapest way out of a saturated region is an
//! expensive "give up" arc (an unmet-demand penalty), nothing farther is ever explored. The
//! queue is a radix heap (distances only grow within a search).
//!
//! Before the first search every node without in-arcs (a pure supply node, such as a need)
//! gets the potential that makes its cheapest out-arc tight, then every arc whose reduced
//! cost is still negative is saturated, so the invariant holds from the start; potentials for
//! [`UNCAPACITATED`] arcs of negative cost come from Bellman–Ford restricted to those arcs,
//! which also detects unboundedness. In-arcs that carry flow are kept at the front of each
//! node's list, so a provider with eighty candidate needs and four assigned scans four.
//!
//! Nodes are renumbered internally in breadth-first order of the undirected network (never
//! expanding through hubs such as a common sink), and excess nodes are processed in that
//! order. On geometric networks this is a sweep across the plane: each search works next to
//! the previous one, in memory and in the graph, and regions fill up one after another. On
//! the peer benchmark's instance `mcf_M` (100,000 needs → 16 nearest providers) it cut the solve's CPU time from about 4 s to about
//! 0.7 s (input order is spatially random there).
//!
//! A warm start ([`MinCostFlowSolver::solve_warm`]) takes the previous potentials as the
//! starting ones and keeps the previous flow on every arc whose reduced cost is zero; arcs
//! whose reduced cost says otherwise are set to the bound it asks for, and the resulting
//! imbalances are routed by the same searches, so any warm input (even an infeasible or
//! meaningless one) ends at the cold optimum. With the exact previous potentials of a
//! slightly changed network the searches are short: on `mcf_S` a warm start from the
//! optimal potentials takes about a tenth of a cold solve.
//!
//! **Files.** `engine.rs` holds the solver state and the order of the phases, `start.rs` the
//! starting potentials and flow, `search.rs` one search and augmentation, `layout.rs` the
//! numbering and residual-graph layout, `radix_heap.rs` the search queue.
//!
//! [`UNCAPACITATED`]: super::UNCAPACITATED

mod engine;
mod layout;
mod radix_heap;
mod search;
mod start;

use crate::error::Result;

use engine::Engine;

use super::network::{FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, WarmStart};

/// Exact min-cost flow by successive shortest paths (Dijkstra with potentials).
///
/// Best on networks where most supplies are small and most shortest augmenting paths are
/// short: needs → providers → sink transport problems with an unmet-demand penalty arc per
/// need. It is correct on every valid [`FlowNetwork`]: transshipment nodes, parallel arcs,
/// self-loops, lower bounds, infeasible and unbounded problems.
///
/// # Guarantee
/// Returns [`FlowStatus::Optimal`] with an integral optimal flow and integral potentials
/// forming a reduced-cost certificate, or [`FlowStatus::Infeasible`],
/// [`FlowStatus::Unbounded`] (a negative-cost cycle of [`UNCAPACITATED`] arcs in a feasible
/// problem) or [`FlowStatus::Overflow`] (a potential, distance or flow left `i64`, or the
/// network has `2^31` arcs or more, beyond the `u32` entry indices). The result is
/// deterministic: the same network gives the same flow and potentials bit for bit.
///
/// # Complexity
/// `O(B · (m + n · log C))` time in the worst case (radix heap; `C` the largest distance),
/// where `B` is the number of augmentations
/// (at most the total positive supply plus the capacity of negative-cost arcs); in practice a
/// search only scans the nodes closer than its target. Bellman–Ford on the uncapacitated
/// negative-cost arcs adds `O(n · m)` only when such arcs exist. Extra space: `O(n + m)` —
/// 52 bytes per arc (two residual entries of `u32` target and slot; flow, residual capacity
/// and cost as `i64`; the in-entry position, network arc and head as `u32`) plus about 90
/// bytes per node; while numbering, a temporary 8 bytes per arc.
///
/// # References
/// Ahuja, Magnanti, Orlin, *Network Flows* (1993), §9.7 (successive shortest paths) and §9.8
/// (primal–dual); Edmonds, Karp, *J. ACM* 19 (1972) (potentials / reduced costs);
/// Jonker, Volgenant, *Computing* 38 (1987) (augmenting from one source at a time, updating
/// only scanned nodes); Ahuja, Mehlhorn, Orlin, Tarjan, *Faster algorithms for the
/// shortest path problem*, J. ACM 37 (1990) (radix heap).
///
/// # Example
/// ```
/// use wushe::solve::flow::successive_shortest_path::SuccessiveShortestPath;
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// # fn main() -> Result<(), wushe::Error> {
/// // two needs (supply 1), one provider with capacity 1, a sink; penalty 50 for unmet demand
/// let mut net = FlowNetwork::new(4);
/// net.set_supply(0, 1)?;
/// net.set_supply(1, 1)?;
/// net.set_supply(3, -2)?;
/// net.add_arc(0, 2, 0, 1, 10)?; // need 0 -> provider
/// net.add_arc(1, 2, 0, 1, 20)?; // need 1 -> provider
/// net.add_arc(0, 3, 0, 1, 50)?; // penalty arcs
/// net.add_arc(1, 3, 0, 1, 50)?;
/// net.add_arc(2, 3, 0, 1, 0)?; // provider capacity 1
/// let sol = SuccessiveShortestPath::default().solve(&net)?;
/// assert_eq!(sol.status, FlowStatus::Optimal);
/// assert_eq!(sol.objective, 10 + 50); // need 0 served, need 1 unmet
/// # Ok(()) }
/// ```
///
/// [`UNCAPACITATED`]: super::UNCAPACITATED
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuccessiveShortestPath {
    /// Order in which nodes are numbered internally and excess nodes are processed.
    pub order: NodeOrder,
    /// Most work units (residual arcs scanned, plus one per node scanned, plus the
    /// Bellman–Ford passes) before the solve gives up with [`FlowStatus::WorkLimit`];
    /// `None`: no limit. The count is deterministic (the same network stops at the same
    /// point on every machine).
    pub work_limit: Option<u64>,
}

impl SuccessiveShortestPath {
    /// Sets [`SuccessiveShortestPath::work_limit`].
    pub fn with_work_limit(mut self, limit: Option<u64>) -> Self {
        self.work_limit = limit;
        self
    }
}

/// Internal node order of [`SuccessiveShortestPath`]. It changes only the work done and,
/// among several optimal solutions, which one is returned — never the objective.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NodeOrder {
    /// Breadth-first over the undirected network, roots by index, hubs (more than
    /// `√(2m) + 16` arcs) not expanded: a sweep across geometric networks, with neighbours
    /// close in memory. Costs one pass and `8·m` bytes of scratch.
    #[default]
    BreadthFirst,
    /// The network's own node order.
    Input,
}

impl MinCostFlowSolver for SuccessiveShortestPath {
    fn name(&self) -> &'static str {
        "successive_shortest_path"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        self.solve_warm(network, &WarmStart::default())
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        network.validate()?;
        warm.check_shape(network)?;
        Ok(solve_validated(
            network,
            warm,
            self.order,
            self.work_limit.unwrap_or(u64::MAX),
        ))
    }
}

/// Why a solve stopped before optimality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Infeasible,
    Overflow,
    NegativeCycle,
    WorkLimit,
}

impl Stop {
    fn status(self) -> FlowStatus {
        match self {
            Stop::Infeasible => FlowStatus::Infeasible,
            Stop::Overflow => FlowStatus::Overflow,
            Stop::NegativeCycle => FlowStatus::Unbounded,
            Stop::WorkLimit => FlowStatus::WorkLimit,
        }
    }
}

type Step<T> = std::result::Result<T, Stop>;

fn solve_validated(
    network: &FlowNetwork,
    warm: &WarmStart,
    order: NodeOrder,
    work_limit: u64,
) -> FlowSolution {
    let total: i128 = network.supplies().iter().map(|&b| i128::from(b)).sum();
    if total != 0 {
        return FlowSolution::without_flow(FlowStatus::Infeasible);
    }
    let mut spent = 0u64;
    let first = Engine::new(network, network.costs(), order).and_then(|mut e| {
        e.work_limit = work_limit;
        let run = e.run(warm);
        spent = e.work;
        run
    });
    let mut solution = match first {
        Ok(sol) => sol,
        Err(Stop::NegativeCycle) => {
            // Unbounded only if some feasible flow exists: decide it with all costs zero.
            let zeros = vec![0i64; network.arc_count()];
            let feasible = Engine::new(network, &zeros, order)
                .and_then(|mut e| {
                    e.work_limit = work_limit.saturating_sub(spent);
                    let run = e.run(&WarmStart::default());
                    spent = spent.saturating_add(e.work);
                    run
                })
                .map(|sol| sol.status == FlowStatus::Optimal);
            match feasible {
                Ok(true) => FlowSolution::without_flow(FlowStatus::Unbounded),
                Ok(false) | Err(Stop::Infeasible) => {
                    FlowSolution::without_flow(FlowStatus::Infeasible)
                }
                Err(stop) => FlowSolution::without_flow(stop.status()),
            }
        }
        Err(stop) => FlowSolution::without_flow(stop.status()),
    };
    solution.work = spent;
    solution
}
