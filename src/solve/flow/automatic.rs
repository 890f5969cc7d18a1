//! The automatic choice of a min-cost-flow core from the network's shape.

use super::network::{FlowNetwork, FlowSolution, MinCostFlowSolver, WarmStart};
use super::network_simplex::NetworkSimplex;
use super::successive_shortest_path::SuccessiveShortestPath;
use crate::error::Result;

/// Whether `network` is a transport network: every arc that can carry flow leaves a supply
/// node or enters a demand node, and none leaves a demand node or enters a supply node.
/// Nodes are then in at most three layers (supply → transshipment → demand, with direct
/// supply → demand arcs allowed), the needs → providers → sink shape whose augmenting paths
/// are short.
///
/// # Complexity
/// O(arcs).
pub fn is_transport(network: &FlowNetwork) -> bool {
    let supply = network.supplies();
    let sign = |v: u32| supply.get(v as usize).map_or(0, |&b| b.signum());
    network
        .tails()
        .iter()
        .zip(network.heads())
        .zip(network.capacities())
        .all(|((&t, &h), &cap)| {
            let (from, to) = (sign(t), sign(h));
            cap == 0 || (from >= 0 && to <= 0 && (from > 0 || to < 0))
        })
}

/// The core [`Automatic`] picks: [`SuccessiveShortestPath`] on transport networks
/// ([`is_transport`]), [`NetworkSimplex`] on every other network (cost scaling, measured
/// slower on every family, is not picked; see [`Automatic`]).
pub fn choose(network: &FlowNetwork) -> Box<dyn MinCostFlowSolver> {
    if is_transport(network) {
        Box::new(SuccessiveShortestPath::default())
    } else {
        Box::new(NetworkSimplex::default())
    }
}

/// Picks the core per network from its shape (see [`choose`]), then solves with it.
///
/// The rule, measured side by side with LEMON and OR-Tools on the generated families
/// ([`super::families`]): on the needs → providers transport family successive shortest
/// paths is 3–10× faster than the network simplex at size M and above (short augmenting
/// paths, bounded searches; at size S, 12,000 nodes, the network simplex is the faster by
/// about a third, both under 0.3 s), while on every family with transshipment between transshipment nodes (NETGEN-,
/// GRIDGEN-, GOTO-, road-like, the escalation hierarchy) its searches grow with the network
/// and it is 10–80× slower than the network simplex.
///
/// [`CostScaling`](super::cost_scaling::CostScaling) is never picked: measured side by side
/// on every family at size M (2026-12-02 20:00–20:08 UTC, load average 1.1–3.0, median of 3
/// runs, `benches/peers/run.sh`; discharges by single pushes, partial augment–relabel
/// measured up to 20% faster afterwards), it took 1.6× the network simplex's time on the escalation
/// hierarchy (4.68 s against 3.00 s), 2.6× on NETGEN, 4.1× on the GOTO-like torus, 13× on the
/// GRIDGEN-like grid, 14× on the road-like network, and 15× successive shortest paths' time
/// on transport. It beats LEMON's cost scaling on escalation (0.39×) and OR-Tools' on the
/// road-like network (0.40×), but never the fastest peer.
///
/// # Guarantee
/// That of the core it picks: exact, with a potential certificate.
///
/// # Example
/// ```
/// use wushe::solve::flow::automatic::{Automatic, is_transport};
/// use wushe::solve::flow::{FlowNetwork, FlowStatus, MinCostFlowSolver};
/// # fn main() -> Result<(), wushe::Error> {
/// let mut net = FlowNetwork::new(3);
/// net.set_supply(0, 2)?;
/// net.set_supply(2, -2)?;
/// net.add_arc(0, 1, 0, 2, 1)?; // supply → transshipment
/// net.add_arc(1, 2, 0, 2, 1)?; // transshipment → demand
/// assert!(is_transport(&net));
/// let solution = Automatic.solve(&net)?;
/// assert_eq!((solution.status, solution.objective), (FlowStatus::Optimal, 4));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Automatic;

impl MinCostFlowSolver for Automatic {
    fn name(&self) -> &'static str {
        "automatic"
    }

    fn solve(&self, network: &FlowNetwork) -> Result<FlowSolution> {
        choose(network).solve(network)
    }

    fn solve_warm(&self, network: &FlowNetwork, warm: &WarmStart) -> Result<FlowSolution> {
        choose(network).solve_warm(network, warm)
    }
}
