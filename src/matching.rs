//! The one-call entry point: scenario → compiled problem → strategy → plan.

use crate::error::Result;
use crate::model::Scenario;
use crate::plan::MatchPlan;
use crate::problem::compile;
use crate::rules::MatchPolicy;
use crate::solve::StrategyKind;

/// Matches `scenario` under `policy` with the strategy `strategy` and returns the plan in
/// domain ids, with score breakdowns and unmet-need reasons.
///
/// This is [`compile`] + [`crate::solve::Strategy::solve`] +
/// [`crate::problem::Compiled::plan`], plus [`crate::plan::policy_price`] when the policy is
/// not plain weighted (lexicographic tiers, the default, or fairness): one more solve of the
/// plain weighted problem says what the policy costs. Call those directly to reuse a compiled
/// problem across strategies or to skip the price.
///
/// # Errors
/// [`crate::ErrorKind::Validation`] with every problem of an invalid scenario;
/// [`crate::ErrorKind::Policy`] for an invalid policy.
///
/// # Example
/// ```
/// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let scenario = demo::scarce_worker();
/// let plan = match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy)?;
/// assert_eq!(plan.served.len(), 1);
/// assert!(wushe::plan::check_plan(&scenario, &plan).is_ok());
/// # Ok(()) }
/// ```
pub fn match_scenario(
    scenario: &Scenario,
    policy: &MatchPolicy,
    strategy: StrategyKind,
) -> Result<MatchPlan> {
    let compiled = compile(scenario, policy)?;
    let solution = strategy.build().solve(compiled.problem())?;
    let mut plan = compiled.plan(&solution, strategy.name());
    plan.policy_price = crate::plan::policy_price(scenario, policy, &plan)?;
    Ok(plan)
}
