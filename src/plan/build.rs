//! Mapping a strategy's [`Solution`] back to a [`MatchPlan`] in domain ids.

use crate::problem::{Compiled, Solution, SolveStatus};

use super::churn::Churn;
use super::explain::unmet_needs;
use super::levels::need_levels;
use super::match_plan::{Assignment, MatchPlan};

impl Compiled<'_> {
    /// The [`MatchPlan`] of `solution`, found by the strategy named `strategy_name`.
    ///
    /// - Assignments in domain ids, one per used edge, with the edge's
    ///   [`crate::rules::ScoreBreakdown`], sorted by `(need, role, provider)`.
    /// - Served needs sorted by id; unmet needs sorted by id with their reasons (see
    ///   [`UnmetReason`](super::UnmetReason)).
    /// - Objective [`crate::problem::Problem::objective`]; the bound as given; status as given
    ///   (`Feasible` when the solution has none).
    ///
    /// The solution should pass [`crate::problem::Problem::check`]; uses naming missing edges
    /// and `served` flags beyond the needs are ignored, so a malformed solution cannot panic.
    ///
    /// # Example
    /// ```
    /// use wushe::model::{Date, Scenario};
    /// use wushe::problem::{compile, Solution};
    /// use wushe::rules::MatchPolicy;
    /// # fn main() -> Result<(), wushe::Error> {
    /// let scenario = Scenario::new("empty", Date::from_ymd(2026, 11, 28).expect("date"));
    /// let compiled = compile(&scenario, &MatchPolicy::default())?;
    /// let plan = compiled.plan(&Solution::default(), "none");
    /// assert_eq!(plan.objective, 0);
    /// assert!(plan.unmet.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn plan(&self, solution: &Solution, strategy_name: &str) -> MatchPlan {
        let problem = &self.problem;
        let mut assignments: Vec<Assignment> = solution
            .uses
            .iter()
            .filter_map(|u| {
                let e = problem.edges.get(u.edge as usize)?;
                let role = problem.roles.get(e.role as usize)?;
                Some(Assignment {
                    need: *problem.need_ids.get(role.need as usize)?,
                    role: role.team_index,
                    provider: *problem.provider_ids.get(e.provider as usize)?,
                    amount: u.units,
                    score: self.edge_score(u.edge as usize)?,
                    supervisor: self.edge_supervisor(u.edge as usize),
                })
            })
            .collect();
        assignments.sort_by_key(|a| (a.need, a.role, a.provider));
        let mut served: Vec<_> = problem
            .need_ids
            .iter()
            .zip(&solution.served)
            .filter(|(_, s)| **s)
            .map(|(id, _)| *id)
            .collect();
        served.sort_unstable();
        let mut plan = MatchPlan {
            scenario: self.scenario.name.clone(),
            strategy: strategy_name.to_owned(),
            status: solution.status.unwrap_or(SolveStatus::Feasible),
            objective: problem.objective(solution),
            weighted_objective: problem.weighted_objective(solution),
            policy_price: None,
            bound: solution.bound.map(i128::from),
            assignments,
            served,
            unmet: unmet_needs(self, solution),
            stats: solution.stats.clone(),
            churn: Churn::default(),
            levels: Vec::new(),
        };
        plan.churn = Churn::of(self.scenario, &plan, &self.ongoing_fates);
        plan.levels = need_levels(self.scenario, &self.graph, &plan.assignments, &plan.served);
        plan
    }
}
