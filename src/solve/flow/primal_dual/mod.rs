//! Primal–dual with the pure sources contracted into hops between the nodes above them.
//!
//! On the escalation hierarchy nine nodes in ten are needs: pure sources (a positive supply,
//! no arc that can carry flow in) with arcs to a few places of a network a hundred times
//! smaller. A shortest residual path can pass through a need only as `a → need → b`: back
//! along the arc `α = (need, a)` that carries its flow, out along an arc `β = (need, b)`
//! with room. This core never puts a need in a search. It keeps, for each pair of upper
//! nodes `(a, b)`, a queue of such *hops* ordered by `c(β) − c(α)`, and runs the primal–dual
//! method (successive shortest paths by phases) on the upper nodes alone, hops counting as
//! arcs: a phase runs Dijkstra on reduced costs from every node with an excess until the
//! nearest deficit is settled, raises the settled potentials, then pushes flow depth-first
//! along paths of tight arcs and hops until none is left. Moving a need's flow along a hop
//! costs a few queue operations (`hops.rs`); a need's potential is never stored, since
//! `π(need) = min π(a) − c(α)` over its arcs with flow follows from the upper potentials.
//!
//! **Start.** Lower bounds are shifted out; every arc between upper nodes whose reduced
//! cost (under the warm potentials, or zero) is negative is saturated; each pure source
//! pours its supply into its arcs by increasing `c − π(head)`. Reduced costs of every
//! residual arc and hop are then non-negative, and stay so (Ahuja, Magnanti, Orlin 1993,
//! Lemma 9.11). An uncapacitated arc of negative reduced cost cannot be saturated: such
//! networks are handed to the [`NetworkSimplex`](super::network_simplex::NetworkSimplex).
//!
//! **Files.** `start.rs` the starting state, `hops.rs` the contracted sources, `phase.rs`
//! one search and its pushes, `engine.rs` the state, the phases and the certificate.

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

/// Exact min-cost flow by the primal–dual method with pure sources contracted (see the
/// module documentation): fastest where most nodes are needs with a few arcs each into a
/// much smaller network, as on the escalation hierarchy.
///
/// Accepts every valid [`FlowNetwork`]. On a network without pure sources it is the plain
/// primal–dual method, correct but not fast: [`Automatic`](super::automatic::Automatic)
/// picks it only for source-heavy networks.
///
/// # Guarantee
/// Exact. The status is [`FlowStatus::Optimal`] with an integral flow and integral
/// potentials that pass [`check_certificate`](super::certificate::check_certificate), or
/// [`FlowStatus::Infeasible`], [`FlowStatus::Overflow`] (a potential, distance or shifted
/// supply left `i64`) or [`FlowStatus::WorkLimit`]; networks with an uncapacitated arc of
/// negative cost are solved by the network simplex (with what is left of the work limit),
/// which also reports [`FlowStatus::Unbounded`]. Deterministic: the same network gives the
/// same flow and potentials bit for bit.
///
/// # Complexity
/// Each phase costs `O((u + h) · log u)` for `u` upper nodes and `h` hop queues plus the
/// pushes, and there are at most as many phases as distinct shortest-path lengths; each unit
/// of flow moved along a hop costs `O(d · log q)` queue work for a source of `d` arcs and
/// queues of length `q`. Extra space `O(n + m)` plus the hop entries: at most `d` per source
/// and arc with flow, 16 bytes each.
///
/// # Warm start
/// [`MinCostFlowSolver::solve_warm`] starts from the warm potentials (the flow part is not
/// used: the starting flow follows from the potentials); the answer has the objective of a
/// cold solve.
///
/// # References
/// - R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows* (1993), §9.7–9.8 (successive
///   shortest paths, primal–dual).
/// - D. P. Bertsekas, *Linear Network Optimization* (1991), ch. 3 (primal–dual methods and
///   contracted searches).
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
            (run, spent + work)
        };
        if matches!(run, Err(Stop::Fallback)) && !from_zero {
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
