//! Matching rules: hard eligibility predicates (each rejection has a named reason) and the soft
//! scoring policy (each score has a per-term breakdown).
//!
//! - [`eligibility`]: one check per role kind, in the order of `docs/rules.md`, returning the
//!   first failure as a [`Rejection`], and its counterpart returning every failure.
//! - [`MatchPolicy`]: the scoring weights (plain values).
//! - [`scoring`]: need values and per-assignment [`ScoreBreakdown`]s.

pub mod eligibility;
mod level;
mod policy;
mod rejection;
mod score;
pub mod scoring;

pub use eligibility::{
    NeedFacts, VolunteerTask, check_lead_worker, check_material, check_organization,
    check_organization_for, check_supervisor, check_travel, check_vetting, check_volunteer,
    lead_worker_failures, material_failures, organization_failures, volunteer_failures,
};
pub use level::ServiceLevel;
pub use policy::{MatchPolicy, OngoingPolicy, PolicyError, TierOrder};
pub use rejection::{Rejection, RejectionTally};
pub use score::ScoreBreakdown;
pub use scoring::{EdgeScoreBound, relevant_skills};
