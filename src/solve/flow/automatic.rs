//! The automatic choice of a min-cost-flow core from the network's shape and size.

use super::algorithm::FlowAlgorithm;
use super::network::{FlowNetwork, FlowSolution, MinCostFlowSolver, WarmStart};
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

/// Node count below which a transport network goes to the network simplex instead of
/// successive shortest paths (see [`Automatic`]).
pub const SMALL_TRANSPORT_NODES: usize = 16_000;

/// Node count from which a source-heavy network ([`is_source_heavy`]) goes to cost scaling
/// (see [`Automatic`]).
pub const LARGE_NETWORK_NODES: usize = 500_000;

/// Node count below which a source-heavy network ([`is_source_heavy`]) goes to the
/// primal–dual method with contracted sources (see [`Automatic`]).
pub const CONTRACTED_NETWORK_NODES: usize = 250_000;

/// Whether at least half of the nodes are pure sources: positive supply and no arc that can
/// carry flow into them (the needs of the escalation hierarchy, each with arcs to a few
/// places of a much smaller network above them).
///
/// # Complexity
/// O(nodes + arcs).
pub fn is_source_heavy(network: &FlowNetwork) -> bool {
    let mut entered = vec![false; network.node_count()];
    for (&h, &cap) in network.heads().iter().zip(network.capacities()) {
        if cap != 0 {
            entered[h as usize] = true;
        }
    }
    let sources = network
        .supplies()
        .iter()
        .zip(&entered)
        .filter(|&(&b, &e)| b > 0 && !e)
        .count();
    2 * sources >= network.node_count()
}

/// The core [`Automatic`] picks. On transport networks ([`is_transport`]):
/// [`FlowAlgorithm::SuccessiveShortestPath`] from [`SMALL_TRANSPORT_NODES`] nodes, the
/// network simplex below. On other source-heavy networks ([`is_source_heavy`]):
/// [`FlowAlgorithm::PrimalDual`] below [`CONTRACTED_NETWORK_NODES`] nodes,
/// [`FlowAlgorithm::CostScaling`] from [`LARGE_NETWORK_NODES`], the network simplex between.
/// [`FlowAlgorithm::NetworkSimplex`] on every other network (see [`Automatic`] for the
/// measurements). Never [`FlowAlgorithm::Automatic`].
pub fn chosen_core(network: &FlowNetwork) -> FlowAlgorithm {
    let n = network.node_count();
    if is_transport(network) {
        if n >= SMALL_TRANSPORT_NODES {
            FlowAlgorithm::SuccessiveShortestPath
        } else {
            FlowAlgorithm::NetworkSimplex
        }
    } else if n < CONTRACTED_NETWORK_NODES && is_source_heavy(network) {
        FlowAlgorithm::PrimalDual
    } else if n >= LARGE_NETWORK_NODES && is_source_heavy(network) {
        FlowAlgorithm::CostScaling
    } else {
        FlowAlgorithm::NetworkSimplex
    }
}

/// The solver of the core [`chosen_core`] picks, with default knobs.
pub fn choose(network: &FlowNetwork) -> Box<dyn MinCostFlowSolver> {
    chosen_core(network).solver()
}

/// Picks the core per network from its shape (see [`choose`]), then solves with it.
///
/// The rule, measured side by side with LEMON and OR-Tools on the generated families
/// ([`super::families`]): on the needs → providers transport family successive shortest
/// paths is 3–10× faster than the network simplex at size M and above (short augmenting
/// paths, bounded searches), but slower on small networks: measured on the transport
/// generator at growing sizes, best of 3 in one process (2026-12-04), network simplex
/// against successive shortest paths: 6,084 nodes 0.032 s against 0.056 s, 12,152 (size S)
/// 0.076 s against 0.113 s, 15,860 0.107 s against 0.117 s, 19,530 0.143 s against 0.144 s,
/// 24,450 0.150 s against 0.118 s, 48,854 0.48 s against 0.24 s; hence the network simplex
/// below [`SMALL_TRANSPORT_NODES`] nodes. On every family with transshipment between
/// transshipment nodes (NETGEN-, GRIDGEN-, GOTO-, road-like, the escalation hierarchy) its
/// searches grow with the network and it is 10–80× slower than the network simplex.
///
/// [`PrimalDual`](super::primal_dual::PrimalDual) (pure sources contracted into hops, a
/// coarse start from sampled sources) is picked for source-heavy networks that are not
/// transport networks, below [`CONTRACTED_NETWORK_NODES`] nodes. Measured one after the
/// other in one process on `Family::Escalation` (2026-12-04, 1 thread, primal–dual against
/// the network simplex): 10,113 nodes 0.045 s against 0.066 s; 101,118 nodes 1.30 s against
/// 2.73 s (a loaded moment; 1.85 s on a quiet one); 202,235 nodes 4.59 s against 5.65 s (cost
/// scaling 7.80 s); 404,468 nodes 20.2 s against 15.0 s. Its searches grow with the network
/// above the sources (about 4,000 nodes at 400,000 needs), hence the network simplex from
/// there. On transport networks, where the places above the needs are thousands of small
/// providers, it loses badly (transport_S 1.76 s against the network simplex's 0.072 s), so
/// they keep their own rule.
///
/// [`CostScaling`](super::cost_scaling::CostScaling) is picked only for large source-heavy
/// networks. On the escalation hierarchy the network simplex's time grows faster with size
/// than cost scaling's (its re-hung subtrees grow with the hierarchy); measured one after the
/// other in one process on `Family::Escalation` (2026-12-04, 1 thread): 200,000 needs
/// (202,235 nodes) network simplex 4.7 s against cost scaling 6.6 s; 404,468 nodes 20.4 s
/// against 20.7 s; 707,818 nodes 64.7 s against 43.1 s; the escalation_L file (1,011,168
/// nodes, 9.0 M arcs) 102 s against 64 s. Hence cost scaling from [`LARGE_NETWORK_NODES`]
/// nodes on source-heavy networks; the other generated families stay under that size at L
/// (at most 262,144 nodes). Below that size the network simplex is faster on every family:
/// on escalation_M (101,118 nodes) 1.82 s against cost scaling's 3.4 s (2026-12-04), and
/// side by side on every family at size M (2026-12-02 20:00–20:08 UTC, load average 1.1–3.0,
/// median of 3 runs, `benches/peers/run.sh`; discharges by single pushes, partial
/// augment–relabel measured up to 20% faster afterwards) cost scaling took 1.6× the network
/// simplex's time on the escalation hierarchy (4.68 s against 3.00 s), 2.6× on NETGEN, 4.1× on the GOTO-like torus, 13× on the
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
