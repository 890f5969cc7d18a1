//! Min-cost-flow solver cores on compact arrays.
//!
//! All cores read a [`FlowNetwork`] and return a [`FlowSolution`] whose potentials certify
//! optimality ([`certificate`]). They know nothing of the domain.
//!
//! [`FlowAlgorithm::Automatic`] (the default, [`automatic::Automatic`]) picks successive
//! shortest paths on transport networks (supply → transshipment → demand, see
//! [`automatic::is_transport`]) of at least [`automatic::SMALL_TRANSPORT_NODES`] nodes, cost
//! scaling on source-heavy networks of at least
//! [`automatic::LARGE_NETWORK_NODES`] nodes (the escalation hierarchy at a million needs, see
//! [`automatic::is_source_heavy`]) and the network simplex on every other network.
//!
//! | core | choose it when |
//! |---|---|
//! | [`network_simplex::NetworkSimplex`] | any network (lower bounds, transshipment, parallel arcs, self-loops, uncapacitated arcs); exact with a potential certificate; warm starts from a previous flow or potentials |
//! | [`successive_shortest_path::SuccessiveShortestPath`] | needs → providers → sink transport problems with many small supplies and an unmet-demand penalty (short augmenting paths, bounded searches, breadth-first sweep); fastest on the peer benchmark's needs → nearest providers family; correct on any network, warm starts from previous potentials |
//! | [`cost_scaling::CostScaling`] | any network; push–relabel with `ε`-scaling, whose work grows with `log(n·C)` phases instead of pivots or augmenting paths; exact with a potential certificate; faster than the network simplex on the escalation hierarchy from about 400,000 nodes |

mod algorithm;
pub mod automatic;
pub mod certificate;
pub mod cost_scaling;
pub mod families;
pub mod network;
pub mod network_simplex;
pub mod primal_dual;
pub mod successive_shortest_path;

pub use algorithm::{FlowAlgorithm, UnknownAlgorithm};
pub use network::{
    ArcIndex, FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError,
    UNCAPACITATED, WarmStart,
};
