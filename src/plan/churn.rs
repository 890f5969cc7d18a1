//! Churn: how a plan treats the pairings already in place ([`crate::model::OngoingAssignment`]).

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{NeedId, OngoingAssignment, ProviderId, Scenario};
use crate::problem::OngoingFate;
use crate::rules::Rejection;

use super::match_plan::MatchPlan;

/// A plan against the scenario's ongoing assignments: how many continue, change or end, and
/// how many assignments are new. Every [`MatchPlan`] carries one ([`MatchPlan::churn`]).
///
/// # Example
/// ```
/// use wushe::{demo, match_scenario, MatchPolicy, StrategyKind};
/// # fn main() -> Result<(), wushe::Error> {
/// let scenario = demo::left_behind_child();
/// let plan = match_scenario(&scenario, &MatchPolicy::default(), StrategyKind::Greedy)?;
/// let next = scenario.apply(&plan)?; // the plan's pairings are now ongoing
/// let again = match_scenario(&next, &MatchPolicy::default(), StrategyKind::Greedy)?;
/// assert_eq!(again.churn.kept as usize, plan.assignments.len());
/// assert_eq!((again.churn.new, again.churn.switched, again.churn.released), (0, 0, 0));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Churn {
    /// Ongoing pairings the plan continues (same need, role and provider).
    pub kept: u32,
    /// Ongoing pairings whose role the plan gives to another provider.
    pub switched: u32,
    /// Ongoing pairings that end: the need is unmet, the role left unfilled, or the pairing
    /// breaks a hard rule.
    pub released: u32,
    /// Assignments of the plan that are not ongoing pairings.
    pub new: u32,
    /// Every ongoing pairing that does not continue, with what happened to it, in scenario
    /// order.
    pub changes: Vec<OngoingChange>,
}

/// An ongoing pairing that a plan does not continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OngoingChange {
    /// The pairing.
    pub ongoing: OngoingAssignment,
    /// What happened to it.
    pub outcome: ChangeOutcome,
}

/// What happened to an ongoing pairing a plan does not continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ChangeOutcome {
    /// The role is filled by another provider.
    Switched,
    /// The pairing now breaks this hard rule (capacity aside: a pairing's capacity is its
    /// own), so it cannot continue.
    Ineligible {
        /// The first rule it breaks.
        rule: Rejection,
    },
    /// The need is not served by the plan.
    NeedUnmet,
    /// The need is served without this (optional) role.
    RoleUnfilled,
}

impl Churn {
    /// The churn of `plan` against `scenario.ongoing`; `fates` (one per ongoing assignment,
    /// from the compile) names the rule of pairings released as ineligible.
    pub fn of(scenario: &Scenario, plan: &MatchPlan, fates: &[OngoingFate]) -> Churn {
        let pairs: BTreeSet<(NeedId, u32, ProviderId)> = plan
            .assignments
            .iter()
            .map(|a| (a.need, a.role, a.provider))
            .collect();
        let roles: BTreeSet<(NeedId, u32)> =
            plan.assignments.iter().map(|a| (a.need, a.role)).collect();
        let served: BTreeSet<NeedId> = plan.served.iter().copied().collect();
        let mut churn = Churn::default();
        let mut continuing = BTreeSet::new();
        for (i, o) in scenario.ongoing.iter().enumerate() {
            let key = (o.need, o.role, o.provider);
            if pairs.contains(&key) {
                churn.kept += 1;
                continuing.insert(key);
                continue;
            }
            let outcome = match fates.get(i) {
                Some(OngoingFate::Released(rule)) => ChangeOutcome::Ineligible { rule: *rule },
                _ if !served.contains(&o.need) => ChangeOutcome::NeedUnmet,
                _ if roles.contains(&(o.need, o.role)) => ChangeOutcome::Switched,
                _ => ChangeOutcome::RoleUnfilled,
            };
            if outcome == ChangeOutcome::Switched {
                churn.switched += 1;
            } else {
                churn.released += 1;
            }
            churn.changes.push(OngoingChange {
                ongoing: *o,
                outcome,
            });
        }
        churn.new = (pairs.len() - continuing.len()) as u32;
        churn
    }
}

impl fmt::Display for Churn {
    /// `churn: 12 kept, 1 switched, 2 released, 30 new`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "churn: {} kept, {} switched, {} released, {} new",
            self.kept, self.switched, self.released, self.new
        )
    }
}

impl fmt::Display for ChangeOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeOutcome::Switched => f.write_str("switched to another provider"),
            ChangeOutcome::Ineligible { rule } => write!(f, "released: {rule}"),
            ChangeOutcome::NeedUnmet => f.write_str("released: the need is not served"),
            ChangeOutcome::RoleUnfilled => f.write_str("released: the role is left unfilled"),
        }
    }
}
