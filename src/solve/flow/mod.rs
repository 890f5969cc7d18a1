//! Min-cost-flow solver cores on compact arrays.
//!
//! All cores read a [`FlowNetwork`] and return a [`FlowSolution`] whose potentials certify
//! optimality ([`certificate`]). They know nothing of the domain.
//!
//! [`FlowAlgorithm::Automatic`] (the default, [`automatic::Automatic`]) picks successive
//! shortest paths on transport networks (supply → transshipment → demand, see
//! [`automatic::is_transport`]) of at least [`automatic::SMALL_TRANSPORT_NODES`] nodes; on
//! other source-heavy networks ([`automatic::is_source_heavy`], the escalation hierarchy) the
//! primal–dual method with contracted sources below
//! [`automatic::CONTRACTED_NETWORK_NODES`] nodes and cost scaling from
//! [`automatic::LARGE_NETWORK_NODES`]; and the network simplex on every other network.
//!
//! | core | choose it when |
//! |---|---|
//! | [`network_simplex::NetworkSimplex`] | any network (lower bounds, transshipment, parallel arcs, self-loops, uncapacitated arcs); exact with a potential certificate; warm starts from a previous flow or potentials |
//! | [`successive_shortest_path::SuccessiveShortestPath`] | needs → providers → sink transport problems with many small supplies and an unmet-demand penalty (short augmenting paths, bounded searches, breadth-first sweep); fastest on the peer benchmark's needs → nearest providers family; correct on any network, warm starts from previous potentials |
//! | [`primal_dual::PrimalDual`] | many pure sources (needs) with a few arcs each into a much smaller network, as in the escalation hierarchy; exact with a potential certificate; warm starts from previous potentials; about 0.5× the network simplex's time on the escalation hierarchy at 100,000 needs |
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
