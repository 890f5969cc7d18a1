//! Min-cost-flow solver cores on compact arrays.
//!
//! All cores read a [`FlowNetwork`] and return a [`FlowSolution`] whose potentials certify
//! optimality ([`certificate`]). They know nothing of the domain.
//!
//! | core | choose it when |
//! |---|---|
//! | [`network_simplex::NetworkSimplex`] | general networks; warm starts from a previous basis |

pub mod certificate;
pub mod network;
pub mod network_simplex;

pub use network::{
    ArcIndex, FlowNetwork, FlowSolution, FlowStatus, MinCostFlowSolver, NetworkError,
    UNCAPACITATED, WarmStart,
};
