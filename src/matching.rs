//! The one-call entry point: scenario → compiled problem → strategy → plan.

use std::borrow::Cow;

use crate::error::Result;
use crate::model::{Limits, Scenario};
use crate::plan::MatchPlan;
use crate::problem::compile_with_limits;
use crate::rules::MatchPolicy;
use crate::solve::{StrategyKind, WorkBudget};

/// Matches `scenario` under `policy` with the strategy `strategy` and returns the plan in
/// domain ids, with score breakdowns and unmet-need reasons.
///
/// This is [`crate::problem::compile`] + [`crate::solve::Strategy::solve`] +
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
    match_scenario_within(scenario, policy, strategy, &Limits::default())
}

/// [`match_scenario`] within `limits`: the compile stops at the compile limits
/// ([`compile_with_limits`]) and the solve within [`Limits::max_solve_work`] work units
/// ([`crate::solve::Strategy::solve_within`]); a solve cut short by it has status
/// [`crate::problem::SolveStatus::BudgetReached`] and a feasible plan. The policy price
/// ([`crate::plan::policy_price`]) is computed under the default limits.
///
/// # Errors
/// As [`match_scenario`], and [`crate::ErrorKind::Limit`] when a compile limit is reached.
///
/// # Example
/// ```
/// use wushe::model::Limits;
/// use wushe::problem::SolveStatus;
/// use wushe::{demo, match_scenario_within, MatchPolicy, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let scenario = demo::left_behind_child();
/// let tight = Limits { max_solve_work: 0, ..Limits::default() };
/// let plan = match_scenario_within(&scenario, &MatchPolicy::default(), StrategyKind::Greedy, &tight)?;
/// assert_eq!(plan.status, SolveStatus::BudgetReached);
/// assert!(wushe::plan::check_plan(&scenario, &plan).is_ok());
/// # Ok(()) }
/// ```
pub fn match_scenario_within(
    scenario: &Scenario,
    policy: &MatchPolicy,
    strategy: StrategyKind,
    limits: &Limits,
) -> Result<MatchPlan> {
    let scenario = in_id_order(scenario);
    let compiled = compile_with_limits(&scenario, policy, limits)?;
    let mut budget = WorkBudget::new(limits.max_solve_work);
    let solution = strategy
        .build()
        .solve_within(compiled.problem(), &mut budget)?;
    let mut plan = compiled.plan(&solution, strategy.name());
    plan.policy_price = crate::plan::policy_price(&scenario, policy, &plan)?;
    Ok(plan)
}

/// `scenario` with every entity list in id order (regions, organizations, workers,
/// volunteers, funds, residents and needs by id; roads and ongoing cases by all their
/// fields), borrowed when it already is.
///
/// The compile numbers entities in list order and the strategies break ties by those
/// numbers, so two files listing the same entities in different orders could otherwise get
/// different plans of equal standing. [`match_scenario`], [`match_scenario_within`] and
/// [`crate::Rematcher`] match `in_id_order(scenario)`: their plans do not depend on the
/// order of the input. Call it before [`crate::problem::compile`] for the same guarantee.
///
/// # Example
/// ```
/// use wushe::{demo, in_id_order};
/// let mut scenario = demo::left_behind_child();
/// assert!(matches!(in_id_order(&scenario), std::borrow::Cow::Borrowed(_)));
/// scenario.volunteers.reverse();
/// let sorted = in_id_order(&scenario);
/// assert!(sorted.volunteers.windows(2).all(|w| w[0].id < w[1].id));
/// ```
pub fn in_id_order(scenario: &Scenario) -> Cow<'_, Scenario> {
    fn sorted<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> bool {
        items.windows(2).all(|w| key(&w[0]) <= key(&w[1]))
    }
    let road = |r: &crate::model::Road| (r.a, r.b, r.distance_m);
    let ongoing =
        |o: &crate::model::OngoingAssignment| (o.need, o.role, o.provider, o.amount, o.since);
    let s = scenario;
    let ordered = sorted(&s.regions, |r| r.id)
        && sorted(&s.roads, road)
        && sorted(&s.organizations, |o| o.id)
        && sorted(&s.workers, |w| w.id)
        && sorted(&s.volunteers, |v| v.id)
        && sorted(&s.funds, |f| f.id)
        && sorted(&s.residents, |r| r.id)
        && sorted(&s.needs, |n| n.id)
        && sorted(&s.ongoing, ongoing);
    if ordered {
        return Cow::Borrowed(scenario);
    }
    let mut s = scenario.clone();
    s.regions.sort_by_key(|r| r.id);
    s.roads.sort_by_key(road);
    s.organizations.sort_by_key(|o| o.id);
    s.workers.sort_by_key(|w| w.id);
    s.volunteers.sort_by_key(|v| v.id);
    s.funds.sort_by_key(|f| f.id);
    s.residents.sort_by_key(|r| r.id);
    s.needs.sort_by_key(|n| n.id);
    s.ongoing.sort_by_key(ongoing);
    Cow::Owned(s)
}
