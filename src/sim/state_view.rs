//! The simulation's state as a scenario and a plan: the open cases' needs and residents, the
//! providers as they stand, and the active assignments. The checker and
//! [`crate::plan::PlanMetrics`] read it like any plan.

use std::collections::BTreeSet;

use super::round::Simulation;
use crate::model::Scenario;
use crate::plan::{MatchPlan, PlanMetrics};
use crate::problem::{SolveStats, SolveStatus};

/// The open cases as a scenario and the active cases as a plan.
pub(super) fn snapshot(sim: &Simulation) -> (Scenario, MatchPlan) {
    let mut scenario = sim.world.clone();
    let mut seen = BTreeSet::new();
    let mut plan = MatchPlan {
        scenario: scenario.name.clone(),
        strategy: "ongoing cases".to_owned(),
        status: SolveStatus::Feasible,
        objective: 0,
        weighted_objective: 0,
        policy_price: None,
        bound: None,
        assignments: Vec::new(),
        served: Vec::new(),
        unmet: Vec::new(),
        stats: SolveStats::default(),
    };
    for case in sim.cases.values().filter(|c| c.is_open()) {
        scenario.needs.push(case.need.clone());
        if seen.insert(case.resident.id) {
            scenario.residents.push(case.resident.clone());
        }
        if case.state == super::CaseState::Active {
            plan.served.push(case.id());
            plan.assignments.extend(case.assignments.iter().cloned());
        }
    }
    (scenario, plan)
}

/// [`PlanMetrics`] of the open cases (coverage = share active).
pub(super) fn open_case_metrics(sim: &Simulation) -> PlanMetrics {
    let (scenario, plan) = snapshot(sim);
    PlanMetrics::compute(&scenario, &plan)
}
