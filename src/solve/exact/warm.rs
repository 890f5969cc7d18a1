//! Branch and bound re-solved from a previous solve's prices and plan.

use crate::error::Result;
use crate::problem::{Problem, Solution};
use crate::solve::WorkBudget;
use crate::solve::decomposition::{LagrangianDecomposition, WarmStart};

use super::BranchAndBound;

impl BranchAndBound {
    /// [`crate::solve::Strategy::solve_within`], also returning what a warm re-solve needs.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    pub fn solve_keeping_warm(
        &self,
        problem: &Problem,
        budget: &mut WorkBudget,
    ) -> Result<(Solution, WarmStart)> {
        let (knobs, scaled) = self.start_knobs(problem, budget);
        let (solution, warm, capped) = knobs.solve_keeping_warm_capped(problem)?;
        if scaled && capped {
            budget.mark_reached();
        }
        Ok(self.search_from(problem, (solution, warm), budget))
    }

    /// Re-solves `problem` from a previous solve's `warm` start: the decomposition's warm
    /// re-solve (the kept teams, a few subgradient steps from the kept prices) gives the
    /// first plan and the prices, then the search runs as in a cold solve. So the answer is
    /// as exact as a cold one — the optimum when the search finishes within the node budget
    /// (status `Optimal`), the same objective as a cold solve — only the start is cheaper.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    ///
    /// # Example
    /// ```
    /// use wushe::problem::{SolveStatus, compile};
    /// use wushe::solve::WorkBudget;
    /// use wushe::solve::exact::BranchAndBound;
    /// use wushe::{demo, MatchPolicy};
    /// # fn main() -> Result<(), wushe::Error> {
    /// let scenario = demo::scarce_worker();
    /// let compiled = compile(&scenario, &MatchPolicy::default())?;
    /// let exact = BranchAndBound::default();
    /// let mut budget = WorkBudget::new(u64::MAX);
    /// let (cold, warm) = exact.solve_keeping_warm(compiled.problem(), &mut budget)?;
    /// let (again, _) = exact.solve_warm(compiled.problem(), &warm, &mut budget)?;
    /// assert_eq!(again.status, Some(SolveStatus::Optimal));
    /// let objective = |s| compiled.problem().objective(s);
    /// assert_eq!(objective(&again), objective(&cold));
    /// # Ok(()) }
    /// ```
    pub fn solve_warm(
        &self,
        problem: &Problem,
        warm: &WarmStart,
        budget: &mut WorkBudget,
    ) -> Result<(Solution, WarmStart)> {
        let (knobs, scaled) = self.start_knobs(problem, budget);
        let (solution, next, capped) = knobs.solve_warm_capped(problem, warm)?;
        if scaled && capped {
            budget.mark_reached();
        }
        Ok(self.search_from(problem, (solution, next), budget))
    }

    /// The decomposition that starts the search (no polish of its own: the search is one),
    /// fitted to `budget`, and whether it had to be scaled.
    fn start_knobs(
        &self,
        problem: &Problem,
        budget: &WorkBudget,
    ) -> (LagrangianDecomposition, bool) {
        LagrangianDecomposition {
            polish_nodes: 0,
            ..self.decomposition.clone()
        }
        .fit(problem, budget)
    }

    /// The search from a start plan and its warm state; the next warm state keeps the
    /// start's prices and the searched plan.
    fn search_from(
        &self,
        problem: &Problem,
        (start, warm): (Solution, WarmStart),
        budget: &mut WorkBudget,
    ) -> (Solution, WarmStart) {
        budget.charge(start.stats.work);
        let mu = warm.prices_for(problem);
        let mut solution = self.search_within(problem, start, &mu, budget);
        budget.stamp(&mut solution);
        let next = WarmStart::of(problem, &solution, &mu);
        (solution, next)
    }
}
