//! The work budget of one solve: a meter of deterministic work units.
//!
//! A solve is bounded by counting, never by a clock: a clock would make the plan depend on the
//! machine and its load. Every strategy charges the meter for the loops whose length is not
//! fixed by the size of the problem (needs tried, edges scanned, relaxation steps, search
//! nodes) and asks it before each one; once a charge is refused the strategy stops and returns
//! the best feasible solution it has, with status
//! [`SolveStatus::BudgetReached`](crate::problem::SolveStatus::BudgetReached). One unit is
//! about one visit of a candidate edge (a few nanoseconds).
//!
//! A strategy charges a solver core's admission price — its instance size, see each
//! strategy's `# Budget` section — before running it, and skips the core (falling back to its
//! bounded greedy fill) when the price does not fit what is left. The min-cost-flow cores
//! then run with what is left as their own work limit (`work_limit` of
//! [`SuccessiveShortestPath`](crate::solve::flow::successive_shortest_path::SuccessiveShortestPath)
//! and [`NetworkSimplex`](crate::solve::flow::network_simplex::NetworkSimplex), counted in
//! the same unit: arcs scanned or priced) and are charged what they spent; one that reaches
//! it gives up and the fill serves what it can. The assignment cores and deferred acceptance
//! are not interrupted; their work is polynomial in the instance they were admitted with:
//! deferred acceptance makes at most one proposal per candidate pair, Jonker–Volgenant at
//! most one shortest-path search over the instance per row, and the auction at most
//! `O(n·Δ)` bids in each of its `O(log nC)` ε-scaling phases (see each core's
//! `# Complexity`).

use crate::model::Limits;
use crate::problem::{Solution, SolveStatus};

/// What is left of a solve's work budget, and what was spent.
///
/// # Example
/// ```
/// use wushe::solve::WorkBudget;
/// let mut budget = WorkBudget::new(10);
/// assert!(budget.try_charge(7));
/// assert!(!budget.try_charge(7)); // refused: 3 left
/// assert!(budget.reached());
/// assert_eq!(budget.spent(), 7);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkBudget {
    limit: u64,
    spent: u64,
    reached: bool,
}

impl Default for WorkBudget {
    /// [`Limits::max_solve_work`] of the default limits.
    fn default() -> Self {
        WorkBudget::new(Limits::default().max_solve_work)
    }
}

impl WorkBudget {
    /// A budget of `limit` units, none spent.
    pub fn new(limit: u64) -> Self {
        WorkBudget {
            limit,
            spent: 0,
            reached: false,
        }
    }

    /// A budget that never runs out (`u64::MAX` units).
    pub fn unlimited() -> Self {
        WorkBudget::new(u64::MAX)
    }

    /// The budget's size.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Units spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// Units left.
    pub fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.spent)
    }

    /// Whether some work was refused (the solve stopped early somewhere).
    pub fn reached(&self) -> bool {
        self.reached
    }

    /// Spends `units` if they fit in what is left and returns `true`; otherwise spends
    /// nothing, records that the budget was reached and returns `false`.
    pub fn try_charge(&mut self, units: u64) -> bool {
        if units <= self.remaining() {
            self.spent += units;
            true
        } else {
            self.reached = true;
            false
        }
    }

    /// Spends `units` that were done without asking first (work bounded by the problem's
    /// size, or by knobs already fitted to the budget); the total may then pass the limit.
    pub fn charge(&mut self, units: u64) {
        self.spent = self.spent.saturating_add(units);
    }

    /// Records that a strategy stopped early for lack of budget (a derived limit, such as a
    /// scaled knob, was what stopped it).
    pub fn mark_reached(&mut self) {
        self.reached = true;
    }

    /// Writes the work spent into `solution`'s stats and, when the budget was reached and
    /// the solution is not proven optimal, sets its status to
    /// [`SolveStatus::BudgetReached`].
    pub fn stamp(&self, solution: &mut Solution) {
        solution.stats.work = self.spent;
        if self.reached && solution.status != Some(SolveStatus::Optimal) {
            solution.status = Some(SolveStatus::BudgetReached);
        }
    }
}

/// Admission price of a solver core on an instance of `entries` arcs or cost entries over
/// `nodes` nodes: `entries · (1 + ⌈log2 nodes⌉)`, the size of one shortest-path or bidding
/// sweep over the instance with its heap. Charged before the core runs.
pub(crate) fn core_price(entries: usize, nodes: usize) -> u64 {
    let log = u64::from(usize::BITS - nodes.leading_zeros());
    (entries as u64).saturating_mul(1 + log)
}
