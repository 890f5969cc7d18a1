//! The numeric problem every strategy reads, and the compile step that builds it.
//!
//! A [`Problem`] is scenario + eligibility rules + scoring policy turned into numbers: dense
//! indices for needs, roles and providers, a sparse list of candidate edges (the only pairs
//! allowed to match: *forbidden is a missing edge*), capacities and integer scores. Strategies
//! read only a `Problem` and return a [`Solution`] in problem indices; [`crate::plan`] maps it
//! back to domain ids (the model is built first and the backend picked after).
//!
//! ```text
//!  need 0 (value 900) ── role 0 (lead worker, demand 1) ──edge──> provider 0 (worker, cap 3)
//!                      └─ role 1 (2 volunteers, 120 min) ──edge──> provider 1 (volunteer, cap 240 min)
//!                                                        └─edge──> provider 2 (volunteer, cap 180 min)
//! ```

mod budget;
mod compile;
mod compiled;
mod components;
mod nearby;
mod patch;
mod provider_edges;
mod shared;
mod solution;
mod tiers;

pub use budget::LimitError;
pub use compile::{Compiled, OngoingFate, compile, compile_with_limits};
pub use compiled::{
    CandidateEdge, CoverageGroup, Problem, ProblemError, ProblemNeed, ProblemProvider, ProblemRole,
    RoleKind,
};
pub use components::{CandidateComponent, candidate_components};
pub(crate) use patch::{NeedDistances, Patched, ProviderEntity, ProviderPatch};
pub(crate) use provider_edges::ProviderEdges;
pub use shared::{Ledger, SharedResource, SharedUse};
pub use solution::{
    EdgeUse, Infeasibility, MAX_AMOUNT, MAX_VALUE, Solution, SolveStats, SolveStatus,
};
pub use tiers::TierCap;
