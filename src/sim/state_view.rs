//! The simulation's state read as one plan: the world's ongoing assignments are the running
//! cases, so the checker and [`crate::plan::PlanMetrics`] read it like any plan.

use std::collections::BTreeSet;

use crate::model::Scenario;
use crate::plan::{Assignment, MatchPlan, PlanMetrics, UnmetNeed};
use crate::problem::{SolveStats, SolveStatus};
use crate::rules::ScoreBreakdown;

/// The world's ongoing assignments as a plan: needs with one are served, the others unmet.
pub(super) fn ongoing_plan(world: &Scenario) -> MatchPlan {
    let served: BTreeSet<_> = world.ongoing.iter().map(|o| o.need).collect();
    MatchPlan {
        scenario: world.name.clone(),
        strategy: "ongoing cases".to_owned(),
        status: SolveStatus::Feasible,
        objective: 0,
        weighted_objective: 0,
        policy_price: None,
        bound: None,
        assignments: world
            .ongoing
            .iter()
            .map(|o| Assignment {
                need: o.need,
                role: o.role,
                provider: o.provider,
                amount: o.amount,
                score: ScoreBreakdown::default(),
            })
            .collect(),
        unmet: world
            .needs
            .iter()
            .filter(|n| !served.contains(&n.id))
            .map(|n| UnmetNeed {
                need: n.id,
                reasons: Vec::new(),
            })
            .collect(),
        served: served.into_iter().collect(),
        stats: SolveStats::default(),
        churn: Default::default(),
        levels: Vec::new(),
    }
}

/// [`PlanMetrics`] of the open cases (coverage = share running).
pub(super) fn open_case_metrics(world: &Scenario) -> PlanMetrics {
    PlanMetrics::compute(world, &ongoing_plan(world))
}
