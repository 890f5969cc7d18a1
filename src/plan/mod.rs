//! Match plans in domain ids: assignments with score breakdowns, unmet needs with reasons,
//! metrics, and the independent checker.

mod build;
mod explain;
mod match_plan;

pub use match_plan::{Assignment, MatchPlan, RejectionCount, UnmetNeed, UnmetReason};
