//! Match plans in domain ids: assignments with score breakdowns, unmet needs with reasons,
//! explanations (blocking providers, verified relaxations, runner-ups), metrics, and the
//! independent checker.

mod apply;
mod build;
mod check;
mod churn;
mod display;
pub mod explain;
mod levels;
mod match_plan;
mod metrics;
mod price;
mod travel;
mod violation;

pub use check::check_plan;
pub use churn::{ChangeOutcome, Churn, OngoingChange};
pub use levels::NeedLevel;
pub use match_plan::{Assignment, MatchPlan, RejectionCount, UnmetNeed, UnmetReason};
pub use metrics::{Coverage, LoadBalance, PlanMetrics, Travel, UnmetKind, tier_weight};
pub use price::{PolicyPrice, is_plain_weighted, policy_price};
pub use violation::{CapacityUnit, Violation};
