//! Incremental re-matching: a solver state kept between calls, so that a small change of the
//! scenario is re-solved from the previous solution rather than from scratch.

use crate::error::Result;
use crate::model::{Limits, Scenario};
use crate::plan::MatchPlan;
use crate::problem::{Problem, Solution, compile_with_limits};
use crate::rules::MatchPolicy;
use crate::solve::decomposition::{LagrangianDecomposition, WarmStart};
use crate::solve::exact::BranchAndBound;
use crate::solve::{StrategyKind, WorkBudget};

/// Keeps what one match leaves for the next: for the decomposition (the default strategy)
/// its capacity prices and its plan ([`WarmStart`]), so the next [`Rematcher::rematch`] on a
/// slightly changed scenario — needs added or closed, a volunteer leaving, a fund topped up,
/// the previous plan applied ([`Scenario::apply`]) — starts from them: the kept plan's teams
/// that still exist and fit, prices that are already close, a dozen subgradient steps
/// instead of hundreds, then the local search. The bound stays valid (a Lagrangian bound
/// holds at any prices); the staged lexicographic bound and the exact polish of a cold solve
/// are skipped, so the reported gap may be wider.
///
/// Branch and bound keeps the same and starts its search from the decomposition's warm
/// re-solve ([`BranchAndBound::solve_warm`]): its answer is as exact as a cold solve's (the
/// same objective whenever both finish within the node budget), only the start is cheaper.
/// Other strategies are re-solved cold on every call (greedy and `min_cost_flow` take tens of
/// milliseconds on a county).
/// No policy price is computed ([`crate::plan::policy_price`] does it on request).
///
/// Every call compiles within [`Rematcher::limits`] and solves within its
/// [`Limits::max_solve_work`] ([`Rematcher::with_limits`]); the warm decomposition fits its
/// knobs to that budget as a cold one does.
///
/// # Example
/// ```
/// use wushe::model::NeedId;
/// use wushe::{demo, MatchPolicy, Rematcher, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let mut matcher = Rematcher::new(MatchPolicy::default(), StrategyKind::Decomposition);
/// let today = demo::left_behind_child();
/// let plan = matcher.rematch(&today)?; // cold: nothing kept yet
/// let mut tomorrow = today.apply(&plan)?;
/// tomorrow.close_need(NeedId(1))?;
/// let next = matcher.rematch(&tomorrow)?; // warm
/// assert!(wushe::plan::check_plan(&tomorrow, &next).is_ok());
/// assert!(matcher.is_warm());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Rematcher {
    policy: MatchPolicy,
    strategy: StrategyKind,
    limits: Limits,
    warm: Option<WarmStart>,
}

impl Rematcher {
    /// A re-matcher with nothing kept yet.
    pub fn new(policy: MatchPolicy, strategy: StrategyKind) -> Self {
        Rematcher {
            policy,
            strategy,
            limits: Limits::default(),
            warm: None,
        }
    }

    /// Sets the limits every call compiles and solves within (default [`Limits::default`]).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits every call compiles and solves within.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Whether the next call starts from a kept solution.
    pub fn is_warm(&self) -> bool {
        self.warm.is_some()
    }

    /// Forgets the kept solution (the next call solves cold).
    pub fn reset(&mut self) {
        self.warm = None;
    }

    /// The policy.
    pub fn policy(&self) -> &MatchPolicy {
        &self.policy
    }

    /// Matches `scenario`, from the kept solution when there is one, and keeps this one.
    ///
    /// # Errors
    /// As [`crate::match_scenario_within`]: an invalid scenario or policy, a compile limit.
    pub fn rematch(&mut self, scenario: &Scenario) -> Result<MatchPlan> {
        let scenario = crate::matching::in_id_order(scenario);
        let compiled = compile_with_limits(&scenario, &self.policy, &self.limits)?;
        let problem = compiled.problem();
        let mut budget = WorkBudget::new(self.limits.max_solve_work);
        let solution: Solution = match self.strategy {
            StrategyKind::Decomposition => {
                let (knobs, scaled) = LagrangianDecomposition::default().fit(problem, &budget);
                let (solution, warm, capped) = match &self.warm {
                    Some(warm) => knobs.solve_warm_capped(problem, warm)?,
                    None => knobs.solve_keeping_warm_capped(problem)?,
                };
                if scaled && capped {
                    budget.mark_reached();
                }
                budget.charge(solution.stats.work);
                self.keep(problem, solution, warm, &mut budget)
            }
            StrategyKind::BranchAndBound => {
                let knobs = BranchAndBound::default();
                let (solution, warm) = match &self.warm {
                    Some(warm) => knobs.solve_warm(problem, warm, &mut budget)?,
                    None => knobs.solve_keeping_warm(problem, &mut budget)?,
                };
                self.keep(problem, solution, warm, &mut budget)
            }
            other => other.build().solve_within(problem, &mut budget)?,
        };
        Ok(compiled.plan(&solution, self.strategy.name()))
    }

    /// Keeps `warm` for the next call and gives `solution` the final pass of every strategy,
    /// within what is left of `budget`.
    fn keep(
        &mut self,
        problem: &Problem,
        mut solution: Solution,
        warm: WarmStart,
        budget: &mut WorkBudget,
    ) -> Solution {
        self.warm = Some(warm);
        crate::solve::upgrade::upgrade_persons_within(problem, &mut solution, budget);
        budget.stamp(&mut solution);
        solution
    }
}
