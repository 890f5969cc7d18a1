//! Incremental re-matching: a solver state kept between calls, so that a small change of the
//! scenario is re-solved from the previous solution rather than from scratch.

use crate::error::Result;
use crate::model::Scenario;
use crate::plan::MatchPlan;
use crate::problem::{Problem, Solution, compile};
use crate::rules::MatchPolicy;
use crate::solve::StrategyKind;
use crate::solve::decomposition::{LagrangianDecomposition, WarmStart};
use crate::solve::exact::BranchAndBound;

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
    warm: Option<WarmStart>,
}

impl Rematcher {
    /// A re-matcher with nothing kept yet.
    pub fn new(policy: MatchPolicy, strategy: StrategyKind) -> Self {
        Rematcher {
            policy,
            strategy,
            warm: None,
        }
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
    /// As [`crate::match_scenario`]: an invalid scenario or policy.
    pub fn rematch(&mut self, scenario: &Scenario) -> Result<MatchPlan> {
        let compiled = compile(scenario, &self.policy)?;
        let problem = compiled.problem();
        let solution: Solution = match self.strategy {
            StrategyKind::Decomposition => {
                let knobs = LagrangianDecomposition::default();
                let (solution, warm) = match &self.warm {
                    Some(warm) => knobs.solve_warm(problem, warm)?,
                    None => knobs.solve_keeping_warm(problem)?,
                };
                self.keep(problem, solution, warm)
            }
            StrategyKind::BranchAndBound => {
                let knobs = BranchAndBound::default();
                let (solution, warm) = match &self.warm {
                    Some(warm) => knobs.solve_warm(problem, warm)?,
                    None => knobs.solve_keeping_warm(problem)?,
                };
                self.keep(problem, solution, warm)
            }
            other => other.build().solve(problem)?,
        };
        Ok(compiled.plan(&solution, self.strategy.name()))
    }

    /// Keeps `warm` for the next call and gives `solution` the final pass of every strategy.
    fn keep(&mut self, problem: &Problem, mut solution: Solution, warm: WarmStart) -> Solution {
        self.warm = Some(warm);
        crate::solve::upgrade::upgrade_persons(problem, &mut solution);
        solution
    }
}
