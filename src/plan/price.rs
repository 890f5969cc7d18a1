//! The price of a policy: what a plan gives up against the plain weighted optimum.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::Scenario;
use crate::problem::compile;
use crate::rules::{MatchPolicy, TierOrder};
use crate::solve::Strategy;
use crate::solve::decomposition::LagrangianDecomposition;

use super::MatchPlan;

/// The plain weighted objective a plan reaches under its policy (lexicographic tiers,
/// fairness), against the best plain weighted plan of the same scenario.
///
/// The reference is the [`LagrangianDecomposition`] on the scenario compiled with the same
/// policy but [`TierOrder::Weighted`] and no fairness term: its objective is a plan that
/// exists (so `price` may even be negative when the policy's plan happens to beat it), its
/// bound caps the optimum (so the true price is at most `price_at_most`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyPrice {
    /// The plan's plain weighted objective.
    pub weighted_objective: i128,
    /// Objective of the reference plan under the plain weighted policy.
    pub reference_objective: i128,
    /// The reference's upper bound on the plain weighted optimum.
    pub reference_bound: Option<i128>,
    /// `reference_objective − weighted_objective`: objective given up for the policy.
    pub price: i128,
    /// `reference_bound − weighted_objective`: the most the policy can cost.
    pub price_at_most: Option<i128>,
}

impl PolicyPrice {
    /// `price` as a share of the reference objective (0 when the reference is 0).
    pub fn relative(&self) -> f64 {
        if self.reference_objective == 0 {
            0.0
        } else {
            self.price as f64 / self.reference_objective as f64
        }
    }
}

/// Whether `policy` is the plain weighted policy (nothing to price).
pub fn is_plain_weighted(policy: &MatchPolicy) -> bool {
    policy.tier_order == TierOrder::Weighted && policy.fairness == 0
}

/// The price of `policy` for `plan` (a plan of `scenario` under `policy`): `None` when the
/// policy is plain weighted.
///
/// # Errors
/// As [`compile`].
///
/// # Example
/// ```
/// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let scenario = demo::scarce_worker();
/// let plan = match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Decomposition)?;
/// let price = plan.policy_price.expect("lexicographic tiers are priced");
/// assert!(price.price_at_most.is_some_and(|most| most >= price.price));
/// # Ok(()) }
/// ```
pub fn policy_price(
    scenario: &Scenario,
    policy: &MatchPolicy,
    plan: &MatchPlan,
) -> Result<Option<PolicyPrice>> {
    if is_plain_weighted(policy) {
        return Ok(None);
    }
    let plain = MatchPolicy {
        tier_order: TierOrder::Weighted,
        fairness: 0,
        ..policy.clone()
    };
    let compiled = compile(scenario, &plain)?;
    let problem = compiled.problem();
    let reference = LagrangianDecomposition::default().solve(problem)?;
    let reference_objective = problem.objective(&reference);
    let reference_bound = reference.bound.map(i128::from);
    Ok(Some(PolicyPrice {
        weighted_objective: plan.weighted_objective,
        reference_objective,
        reference_bound,
        price: reference_objective - plan.weighted_objective,
        price_at_most: reference_bound.map(|b| b - plan.weighted_objective),
    }))
}
