//! The `Strategy` trait every matching strategy implements, and the run-time choice of one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::problem::{Problem, Solution};

use super::budget::WorkBudget;

/// What a strategy promises about its solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Guarantee {
    /// Feasible (every hard constraint holds); no optimality claim.
    Feasible,
    /// Optimal when every need has a single role; feasible otherwise.
    OptimalForSingleRole,
    /// Optimal for every problem it accepts.
    Optimal,
    /// Feasible, with a valid upper bound on the optimum (hence a gap); optimal when the
    /// solution reaches the bound.
    FeasibleWithBound,
    /// Optimal when it finishes within its work budget; otherwise feasible with a valid
    /// bound and status [`crate::problem::SolveStatus::BudgetReached`].
    OptimalWithinBudget,
    /// Stable for the two-sided preferences derived from the scores (no blocking pair).
    Stable,
    /// Optimal on the given class of problems ([`super::team::ExactClass::contains`]);
    /// feasible, with an upper bound, otherwise.
    OptimalOn(super::team::ExactClass),
}

/// A matching strategy: reads a [`Problem`], returns a feasible [`Solution`].
///
/// Object safe and `Send + Sync`, so strategies can be chosen at run time
/// ([`StrategyKind`]) and shared between threads.
pub trait Strategy: Send + Sync {
    /// Short stable name (`"greedy"`, `"min_cost_flow"`...).
    fn name(&self) -> &'static str;

    /// What it guarantees.
    fn guarantee(&self) -> Guarantee;

    /// Solves `problem` within the default work budget ([`WorkBudget::default`], that is
    /// [`crate::model::Limits::max_solve_work`]). The solution satisfies every hard
    /// constraint of [`Problem`].
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    fn solve(&self, problem: &Problem) -> Result<Solution> {
        self.solve_within(problem, &mut WorkBudget::default())
    }

    /// Solves `problem` spending at most what is left of `budget` (in deterministic work
    /// units, see [`WorkBudget`]). When the budget runs out the strategy stops and returns
    /// the best feasible solution it has, with status
    /// [`crate::problem::SolveStatus::BudgetReached`] (unless it is proven optimal) and a
    /// bound only where the strategy still has a valid one. `stats.work` is what the budget
    /// has spent in all.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    ///
    /// # Example
    /// ```
    /// use wushe::problem::{SolveStatus, compile};
    /// use wushe::solve::{StrategyKind, WorkBudget};
    /// use wushe::{demo, MatchPolicy};
    /// # fn main() -> Result<(), wushe::Error> {
    /// let scenario = demo::left_behind_child();
    /// let compiled = compile(&scenario, &MatchPolicy::default())?;
    /// let problem = compiled.problem();
    /// let tight = StrategyKind::Greedy.build().solve_within(problem, &mut WorkBudget::new(0))?;
    /// assert_eq!(tight.status, Some(SolveStatus::BudgetReached));
    /// assert!(problem.check(&tight).is_ok());
    /// # Ok(()) }
    /// ```
    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution>;
}

/// The strategies available by name (configs, CLIs, sweeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StrategyKind {
    /// Priority greedy that assembles whole teams ([`super::greedy::PriorityGreedy`]).
    Greedy,
    /// Min-cost flow on the transportation relaxation, then repair
    /// ([`super::team::MinCostFlowStrategy`]).
    MinCostFlow,
    /// Dense Jonker–Volgenant assignment on role and provider copies, then repair
    /// ([`super::team::AssignmentStrategy`]).
    Assignment,
    /// Sparse ε-scaling auction on role and provider copies, then repair
    /// ([`super::team::AuctionStrategy`]).
    Auction,
    /// Deferred acceptance on score-derived preferences, then repair
    /// ([`super::team::StableStrategy`]).
    Stable,
    /// Lagrangian decomposition with capacity prices, a valid bound and local search
    /// ([`super::decomposition::LagrangianDecomposition`]); the default: the best plans with
    /// a proven gap.
    #[default]
    Decomposition,
    /// Branch and bound on the Lagrangian bound, exact within a work budget
    /// ([`super::exact::BranchAndBound`]).
    BranchAndBound,
}

impl StrategyKind {
    /// Every kind, in a stable order.
    pub const ALL: &'static [StrategyKind] = &[
        StrategyKind::Greedy,
        StrategyKind::MinCostFlow,
        StrategyKind::Assignment,
        StrategyKind::Auction,
        StrategyKind::Stable,
        StrategyKind::Decomposition,
        StrategyKind::BranchAndBound,
    ];

    /// The name used on command lines and in files.
    pub fn name(self) -> &'static str {
        match self {
            StrategyKind::Greedy => "greedy",
            StrategyKind::MinCostFlow => "min_cost_flow",
            StrategyKind::Assignment => "assignment",
            StrategyKind::Auction => "auction",
            StrategyKind::Stable => "stable",
            StrategyKind::Decomposition => "decomposition",
            StrategyKind::BranchAndBound => "branch_and_bound",
        }
    }

    /// A strategy of this kind with default knobs, followed by
    /// [`super::upgrade::upgrade_persons`] (each person moves to a better-scoring free
    /// candidate of its role while one exists).
    pub fn build(self) -> Box<dyn Strategy> {
        Box::new(Upgraded(self.build_alone()))
    }

    /// A strategy of this kind with default knobs, without the final upgrade pass.
    pub fn build_alone(self) -> Box<dyn Strategy> {
        match self {
            StrategyKind::Greedy => Box::new(super::greedy::PriorityGreedy::default()),
            StrategyKind::MinCostFlow => Box::new(super::team::MinCostFlowStrategy::default()),
            StrategyKind::Assignment => Box::new(super::team::AssignmentStrategy::default()),
            StrategyKind::Auction => Box::new(super::team::AuctionStrategy::default()),
            StrategyKind::Stable => Box::new(super::team::StableStrategy::default()),
            StrategyKind::Decomposition => {
                Box::new(super::decomposition::LagrangianDecomposition::default())
            }
            StrategyKind::BranchAndBound => Box::new(super::exact::BranchAndBound::default()),
        }
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A strategy followed by [`super::upgrade::upgrade_persons`].
struct Upgraded(Box<dyn Strategy>);

impl Strategy for Upgraded {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn guarantee(&self) -> Guarantee {
        self.0.guarantee()
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        let mut solution = self.0.solve_within(problem, budget)?;
        super::upgrade::upgrade_persons_within(problem, &mut solution, budget);
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

/// A strategy name that is not one of [`StrategyKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown strategy \"{name}\" (known: {known})")]
pub struct UnknownStrategy {
    /// The name given (an escaped excerpt, see [`crate::excerpt`]).
    pub name: String,
    /// Comma-separated known names.
    pub known: String,
}

impl FromStr for StrategyKind {
    type Err = UnknownStrategy;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        StrategyKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownStrategy {
                name: crate::excerpt::excerpt(s),
                known: StrategyKind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
