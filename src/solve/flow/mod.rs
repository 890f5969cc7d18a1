//! Min-cost-flow solver cores on compact arrays.
//!
//! All cores read a [`FlowNetwork`] and return a [`FlowSolution`] whose potentials certify
//! optimality ([`certificate`]). They know nothing of the domain.
//!
//! | core | choose it when |
//! |---|---|
//! | [`network_simplex::NetworkSimplex`] | general networks; warm starts from a previous basis |
//! | [`successive_shortest_path::SuccessiveShortestPath`] | needs → providers → sink transport problems with many small supplies and an unmet-demand penalty (short augmenting paths); correct on any network |

mod algorithm;
pub mod certificate;
pub mod network;
pub mod network_simplex;
pub mod successive_shortest_path;

pub use algorithm::{FlowAlgorithm, UnknownAlgorithm};
pub use network::{
    ArcIndex, FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError,
    UNCAPACITATED, WarmStart,
};
