//! The simulation's state read as one plan: the world's ongoing assignments are the running
//! cases, so the checker and [`crate::plan::PlanMetrics`] read it like any plan.

use std::collections::BTreeSet;

use crate::model::Scenario;
use crate::plan::{Assignment, MatchPlan, PlanMetrics, UnmetNeed};
use crate::problem::{SolveStats, SolveStatus};
use crate::rules::ScoreBreakdown;

/// The world's ongoing assignments as a plan: needs with one are served, the others unmet.
pub(super) fn ongoing_plan(world: &Scenario) -> MatchPlan {
    let assignments = ongoing_assignments(world);
    world_plan(
        world,
        "ongoing cases",
        SolveStatus::Feasible,
        assignments,
        SolveStats::default(),
    )
}

/// The world's ongoing assignments as plan assignments (score breakdowns left empty: the plan
/// is read for its pairings, not its scores).
pub(super) fn ongoing_assignments(world: &Scenario) -> Vec<Assignment> {
    world
        .ongoing
        .iter()
        .map(|o| Assignment {
            need: o.need,
            role: o.role,
            provider: o.provider,
            amount: o.amount,
            score: ScoreBreakdown::default(),
            supervisor: o.supervisor,
        })
        .collect()
}

/// A plan of the whole `world` made of `assignments` (sorted here): the needs they name are
/// served, every other need of the world is unmet without reasons.
pub(super) fn world_plan(
    world: &Scenario,
    strategy: &str,
    status: SolveStatus,
    mut assignments: Vec<Assignment>,
    stats: SolveStats,
) -> MatchPlan {
    assignments.sort_by_key(|a| (a.need, a.role, a.provider));
    let served: BTreeSet<_> = assignments.iter().map(|a| a.need).collect();
    MatchPlan {
        scenario: world.name.clone(),
        strategy: strategy.to_owned(),
        status,
        objective: 0,
        weighted_objective: 0,
        policy_price: None,
        bound: None,
        assignments,
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
        stats,
        churn: Default::default(),
        levels: Vec::new(),
    }
}

/// [`PlanMetrics`] of the open cases (coverage = share running).
pub(super) fn open_case_metrics(world: &Scenario) -> PlanMetrics {
    PlanMetrics::compute(world, &ongoing_plan(world))
}
