//! Primal–dual (successive shortest paths) with the pure sources contracted into hops
//! between the nodes above them.
//!
//! On the escalation hierarchy nine nodes in ten are needs: pure sources (a positive supply,
//! no arc that can carry flow in, here at most [`MAX_SOURCE_ARCS`] arcs out) with arcs to a
//! few places of a network a hundred times smaller. A residual path can pass through a need only as `a → need → b`: back along the
//! arc `α = (need, a)` that carries its flow, out along an arc `β = (need, b)` with room.
//! This core never puts a need in a search. It keeps, for each pair of upper nodes `(a, b)`,
//! a queue of such *hops* ordered by `c(β) − c(α)` (`hops.rs`), and runs successive shortest
//! paths on the upper nodes alone, hops counting as arcs. A need's potential is never
//! stored: `π(need) = min π(a) − c(α)` over its arcs with flow follows from the upper
//! potentials, and is written out with the certificate.
//!
//! **Searches.** Each augmentation runs Dijkstra on reduced costs *backwards* from a deficit
//! until the nearest node with an excess is labelled and nothing shorter is left, raises the
//! potentials of the settled nodes (the others keep theirs: a search costs what it touches)
//! and sends what the path allows. On these networks every deficit is one sink with an arc
//! from every place and a penalty arc from every need; such a *hub* (`hubs.rs`) keeps its
//! entering edges in a persistent queue keyed by `c + π(tail)`, which does not depend on its
//! own potential, so a search reads them in order instead of labelling thousands of nodes.
//!
//! **Start.** Lower bounds are shifted out; every arc between upper nodes whose reduced
//! cost (under the starting potentials) is negative is saturated; each pure source pours its
//! supply into its arcs by increasing `c − π(head)`. Reduced costs of every residual arc and
//! hop are then non-negative, and stay so (Ahuja, Magnanti, Orlin 1993, Lemma 9.11). An
//! uncapacitated arc of negative reduced cost cannot be saturated: such networks are handed
//! to the [`NetworkSimplex`]. The starting potentials
//! are the warm start's, or come from the *coarse start* (`coarse.rs`): the same network with
//! one pure source in 4 (then 16, …, while at least [`PrimalDual::coarsest_sources`] are
//! kept), capacities and supplies above scaled to match, solved coarsest first, each level
//! starting from the previous one's potentials. Prices of a quarter of the needs with a
//! quarter of the room are close to the full network's, so the full solve has little left
//! to move: on the escalation hierarchy at 100,000 needs it halves the time (1.30 s against
//! 2.25 s cold, in one process).
//!
//! **Files.** `start.rs` the starting state, `hops.rs` the contracted sources, `hubs.rs` the
//! hub queues, `search.rs` one search and its augmentation, `coarse.rs` the coarse start,
//! `engine.rs` the state, the order of the searches and the certificate.

mod coarse;
mod engine;
mod hops;
mod hubs;
mod search;
mod start;

use super::network::{FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, WarmStart};
use super::network_simplex::NetworkSimplex;
use crate::error::Result;
pub use coarse::COARSE_FACTOR;
use engine::Engine;
pub use start::MAX_SOURCE_ARCS;

/// Exact min-cost flow by successive shortest paths with pure sources contracted (see the
/// module documentation): fastest where most nodes are needs with a few arcs each into a
/// much smaller network, as on the escalation hierarchy up to a few hundred thousand needs.
///
/// Accepts every valid [`FlowNetwork`]. On a network without pure sources it is plain
/// successive shortest paths, correct but not fast; on transport networks (thousands of
/// small providers above the needs) it is slow: [`Automatic`](super::automatic::Automatic)
/// picks it only for other source-heavy networks below
/// [`CONTRACTED_NETWORK_NODES`](super::automatic::CONTRACTED_NETWORK_NODES) nodes.
///
/// # Guarantee
/// Exact. The status is [`FlowStatus::Optimal`] with an integral flow and integral
/// potentials that pass [`check_certificate`](super::certificate::check_certificate), or
/// [`FlowStatus::Infeasible`], [`FlowStatus::Overflow`] (a potential, distance or shifted
/// supply left `i64`: every sum is checked as it is made, so a network whose numbers stay in
/// range solves even when `n · C` does not fit) or [`FlowStatus::WorkLimit`]; networks with
/// an uncapacitated arc of negative cost between upper nodes are solved by the network
/// simplex (with what is left of the work limit), which also reports
/// [`FlowStatus::Unbounded`]. Deterministic: the same network gives the same flow and
/// potentials bit for bit.
///
/// # Complexity
/// `O(B · (u + h) · log(u + h))` time in the worst case for `B` augmentations (at most the
/// total supply plus the capacity of negative-cost arcs), `u` upper nodes and `h` hop queues;
/// in practice a search touches the nodes closer than its target. Moving a unit of a source
/// of `d` arcs along a hop costs `O(d · log q)` queue work for queues of length `q`. Extra
/// space `O(n + m)` plus the hop entries, at most `d` per arc with flow (16 bytes each) and
/// the coarse levels' copies (a quarter of the source arcs, then a sixteenth, …).
///
/// # Warm start
/// [`MinCostFlowSolver::solve_warm`] starts from the warm potentials instead of the coarse
/// start (the flow part is not used: the starting flow follows from the potentials); the
/// answer has the objective of a cold solve.
///
/// # References
/// - R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows* (1993), §9.7 (successive
///   shortest paths), §9.8 (primal–dual).
/// - R. Jonker, A. Volgenant, *Computing* 38 (1987) (updating only the scanned nodes'
///   potentials).
/// - D. P. Bertsekas, *Linear Network Optimization* (1991), ch. 3 (shortest augmenting paths
///   on a contracted problem).
///
/// # Example
/// ```
/// use wushe::solve::flow::certificate::check_certificate;
/// use wushe::solve::flow::primal_dual::PrimalDual;
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // Needs 0 and 1 (one unit each) → communities 2, 3 → sink 4; community 2 serves one.
/// let mut net = FlowNetwork::new(5);
/// net.set_supply(0, 1)?;
/// net.set_supply(1, 1)?;
/// net.set_supply(4, -2)?;
/// net.add_arc(0, 2, 0, 1, 1)?;
/// net.add_arc(0, 3, 0, 1, 5)?;
/// net.add_arc(1, 2, 0, 1, 2)?;
/// net.add_arc(1, 3, 0, 1, 3)?;
/// net.add_arc(2, 4, 0, 1, 0)?;
/// net.add_arc(3, 4, 0, 2, 0)?;
/// let solution = PrimalDual::default().solve(&net)?;
/// assert_eq!(solution.status, FlowStatus::Optimal);
/// assert_eq!(solution.objective, 1 + 3); // need 1 hops over to community 3
/// check_certificate(&net, &solution)?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimalDual {
    /// Most work units (residual entries, hop queues and hub entries read by the searches,
    /// path steps, and the same on the coarse levels) before the solve gives up with
    /// [`FlowStatus::WorkLimit`]; `None`: no limit. The count is deterministic.
    pub work_limit: Option<u64>,
    /// Fewest pure sources a coarse level keeps (see the module documentation): levels keep
    /// one source in [`COARSE_FACTOR`], [`COARSE_FACTOR`]², … while they keep at least this
    /// many; `None`: no coarse start. Default 2,000, so networks of 8,000 pure sources or
    /// more start coarse. Ignored when the warm start gives potentials.
    pub coarsest_sources: Option<usize>,
}

impl Default for PrimalDual {
    fn default() -> Self {
        PrimalDual {
            work_limit: None,
            coarsest_sources: Some(2_000),
        }
    }
}

impl PrimalDual {
    /// Sets [`PrimalDual::work_limit`].
    pub fn with_work_limit(mut self, limit: Option<u64>) -> Self {
        self.work_limit = limit;
        self
    }

    /// Sets [`PrimalDual::coarsest_sources`].
    pub fn with_coarsest_sources(mut self, sources: Option<usize>) -> Self {
        self.coarsest_sources = sources;
        self
    }
}

impl MinCostFlowSolver for PrimalDual {
    fn name(&self) -> &'static str {
        "primal_dual"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        self.solve_warm(network, &WarmStart::default())
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        network.validate()?;
        warm.check_shape(network)?;
        let limit = self.work_limit.unwrap_or(u64::MAX);
        let total: i128 = network.supplies().iter().map(|&b| i128::from(b)).sum();
        if total != 0 {
            return Ok(FlowSolution::without_flow(FlowStatus::Infeasible));
        }
        let zero = || vec![0i64; network.node_count()];
        let (start, spent) = match (&warm.potential, self.coarsest_sources) {
            (Some(potential), _) => (Some(potential.clone()), 0),
            (None, Some(coarsest)) => match coarse::coarse_potentials(network, coarsest, limit) {
                Ok(start) => start,
                Err(spent) => return Ok(stopped(Stop::WorkLimit, spent)),
            },
            (None, None) => (None, 0),
        };
        let from_zero = start.is_none();
        let (mut run, mut spent) = {
            let (run, work) = solve_from(network, start.unwrap_or_else(zero), limit - spent);
            (run, spent.saturating_add(work))
        };
        // Starting potentials far off (a meaningless warm start) can make an uncapacitated
        // arc's reduced cost negative or a distance leave `i64`; from zero they cannot do
        // either unless the network itself does.
        if matches!(run, Err(Stop::Fallback | Stop::Overflow)) && !from_zero {
            let (again, work) = solve_from(network, zero(), limit.saturating_sub(spent));
            run = again;
            spent = spent.saturating_add(work);
        }
        Ok(match run {
            Ok(mut solution) => {
                solution.work = spent;
                solution
            }
            Err(Stop::Fallback) => {
                let mut solution = NetworkSimplex::default()
                    .with_work_limit(self.work_limit.map(|l| l.saturating_sub(spent)))
                    .solve(network)?;
                solution.work = solution.work.saturating_add(spent);
                solution
            }
            Err(stop) => stopped(stop, spent),
        })
    }
}

/// The solution of a solve that stopped for `stop` after `work` units.
fn stopped(stop: Stop, work: u64) -> FlowSolution {
    FlowSolution {
        work,
        ..FlowSolution::without_flow(stop.status())
    }
}

/// Why a solve stopped before optimality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Infeasible,
    Overflow,
    WorkLimit,
    /// An uncapacitated arc of negative reduced cost between upper nodes.
    Fallback,
}

impl Stop {
    fn status(self) -> FlowStatus {
        match self {
            Stop::Infeasible => FlowStatus::Infeasible,
            Stop::Overflow => FlowStatus::Overflow,
            Stop::WorkLimit => FlowStatus::WorkLimit,
            // Never reported: a fallback hands the network to the network simplex.
            Stop::Fallback => FlowStatus::Unbounded,
        }
    }
}

type Step<T> = std::result::Result<T, Stop>;

/// One solve from starting potentials `potential`, and the work it spent (also when it
/// stopped early).
fn solve_from(
    network: &FlowNetwork,
    potential: Vec<i64>,
    work_limit: u64,
) -> (Step<FlowSolution>, u64) {
    match Engine::new(network, potential) {
        Ok(mut engine) => {
            engine.work_limit = work_limit;
            let run = engine.run();
            (run, engine.work)
        }
        Err(stop) => (Err(stop), 0),
    }
}
