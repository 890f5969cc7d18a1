//! Knobs of the explanations: how many providers to list, the work budget of the relaxation
//! search and the cost model that ranks relaxations. Plain values with by-value setters.

use serde::{Deserialize, Serialize};

/// What an explanation lists and how much re-solving the relaxation search may do.
///
/// # Example
/// ```
/// use wushe::plan::explain::ExplainOptions;
/// let options = ExplainOptions::default().with_nearest(3).with_tries_per_need(2);
/// assert_eq!(options.nearest, 3);
/// assert_eq!(options.budget.tries_per_need, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExplainOptions {
    /// Providers listed per role of an unmet need: the `nearest` eligible ones and the
    /// `nearest` rejected ones (default 5).
    pub nearest: u32,
    /// Needs listed per eligible provider whose capacity the plan used up (default 10; the
    /// total count is always given).
    pub max_takers: u32,
    /// The work budget of the relaxation search.
    pub budget: ExplainBudget,
    /// The cost model ranking relaxations.
    pub costs: RelaxationCosts,
}

impl Default for ExplainOptions {
    fn default() -> Self {
        ExplainOptions {
            nearest: 5,
            max_takers: 10,
            budget: ExplainBudget::default(),
            costs: RelaxationCosts::default(),
        }
    }
}

impl ExplainOptions {
    /// Sets [`ExplainOptions::nearest`].
    pub fn with_nearest(mut self, nearest: u32) -> Self {
        self.nearest = nearest;
        self
    }

    /// Sets [`ExplainOptions::max_takers`].
    pub fn with_max_takers(mut self, max_takers: u32) -> Self {
        self.max_takers = max_takers;
        self
    }

    /// Sets [`ExplainBudget::tries_per_need`].
    pub fn with_tries_per_need(mut self, tries: u32) -> Self {
        self.budget.tries_per_need = tries;
        self
    }

    /// Sets [`ExplainBudget::reported`].
    pub fn with_reported(mut self, reported: u32) -> Self {
        self.budget.reported = reported;
        self
    }

    /// Sets both totals of re-solves ([`ExplainBudget::max_resolves`] and
    /// [`ExplainBudget::max_whole_resolves`]).
    pub fn with_max_resolves(mut self, resolves: u64) -> Self {
        self.budget.max_resolves = resolves;
        self.budget.max_whole_resolves = resolves;
        self
    }

    /// Sets the cost model.
    pub fn with_costs(mut self, costs: RelaxationCosts) -> Self {
        self.costs = costs;
        self
    }
}

/// How much the relaxation search may re-solve (see the module docs, "Work budget").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExplainBudget {
    /// Candidate relaxations verified per unmet need, cheapest first (default 4).
    pub tries_per_need: u32,
    /// Verified relaxations reported per unmet need (default 3).
    pub reported: u32,
    /// Total re-solves of restricted sub-problems (the greedy strategy, default 12,000).
    pub max_resolves: u64,
    /// Total re-solves of the whole problem (every other strategy, default 4: one re-solve
    /// of the default county takes about a second under the default strategy).
    pub max_whole_resolves: u64,
}

impl Default for ExplainBudget {
    fn default() -> Self {
        ExplainBudget {
            tries_per_need: 4,
            reported: 3,
            max_resolves: 12_000,
            max_whole_resolves: 4,
        }
    }
}

/// The cost of each kind of change, in points (see the module docs, "Cost model"). A
/// relaxation costs the sum of its changes; the cheapest is reported first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RelaxationCosts {
    /// Per kilometre of extra travel radius (default 2).
    pub per_km: u32,
    /// Per extra case of a worker or organization (default 20).
    pub per_case: u32,
    /// Per started 10 minutes a week of extra volunteer time (default 1).
    pub per_10_minutes: u32,
    /// A vetting renewal or completion (default 15).
    pub vetting: u32,
    /// Accident insurance for a volunteer (default 5).
    pub insurance: u32,
    /// Relaxing one earmark axis of a fund: category, region or group (default 40).
    pub earmark: u32,
    /// Per started ¥100 (10,000 fen) of extra fund balance (default 1).
    pub per_100_yuan: u32,
    /// Per extra unit of goods (default 1).
    pub per_goods_unit: u32,
}

impl Default for RelaxationCosts {
    fn default() -> Self {
        RelaxationCosts {
            per_km: 2,
            per_case: 20,
            per_10_minutes: 1,
            vetting: 15,
            insurance: 5,
            earmark: 40,
            per_100_yuan: 1,
            per_goods_unit: 1,
        }
    }
}
