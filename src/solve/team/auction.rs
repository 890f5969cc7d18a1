//! Sparse ε-scaling auction on role and provider copies, then repair.

use crate::error::Result;
use crate::problem::{Problem, Solution};
use crate::solve::assignment::{Auction, Bidding};
use crate::solve::strategy::{Guarantee, Strategy};

use super::class::ExactClass;
use super::components::{CopyCore, match_and_repair};
use crate::solve::WorkBudget;

/// Forward ε-scaling auction on role and provider copies (sparse), then repair.
///
/// The copies are those of [`super::AssignmentStrategy`]; each connected component becomes a
/// *square* sparse instance without padding (role copies + one row per provider copy,
/// provider copies + one column per role copy, see the module docs of the components), so
/// only allowed pairs are stored. Components are solved in parallel and merged in component
/// order; with [`Bidding::Parallel`] (the default) the bids of a round are computed on the
/// current rayon pool and resolved in row order, so the result is identical to sequential
/// bidding and to any thread count.
///
/// # Guarantee
/// Feasible on every problem; optimal (status `Optimal`) on [`ExactClass::UnitDemand`];
/// `bound` as for [`super::AssignmentStrategy`].
///
/// # Complexity
/// Per component with `n` rows and `z` allowed pairs: `O(n · z · log(n C))` worst-case time,
/// `O(z)` space; plus `O(m log m)` for the repair.
///
/// # Budget
/// Each connected component's core runs only when its admission price (instance size ×
/// (1 + ⌈log2 size⌉)) fits what is left of the budget, in component order; the rest goes to
/// the repair's greedy fill (within what is left) and no bound is reported. A budget that ran
/// out gives status `BudgetReached`.
///
/// # References
/// - D. P. Bertsekas, "The auction algorithm: a distributed relaxation method for the
///   assignment problem", *Annals of Operations Research* 14 (1988) 105–123.
/// - D. P. Bertsekas, D. A. Castañón, "Parallel synchronous and asynchronous implementations
///   of the auction algorithm", *Parallel Computing* 17 (1991) 707–732.
///
/// # Example
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, VolunteerId};
/// use wushe::problem::*;
/// use wushe::solve::assignment::Bidding;
/// use wushe::solve::team::AuctionStrategy;
/// use wushe::solve::Strategy;
/// # fn main() -> Result<(), wushe::Error> {
/// // One need asking for 2 volunteers (value 6); three volunteers with scores 1, 4, 2.
/// let mut problem = Problem {
///     needs: vec![ProblemNeed { value: 6, rule: TeamRule::AllOrNothing, first_role: 0, role_count: 1 }],
///     roles: vec![ProblemRole { need: 0, team_index: 0, kind: RoleKind::Volunteers, demand: 2, optional: false }],
///     providers: vec![ProblemProvider { capacity: 120, one_role_per_need: true }; 3],
///     edges: (0..3)
///         .map(|p| CandidateEdge { role: 0, provider: p, max_units: 1, usage_per_unit: 120, score_per_unit: [1, 4, 2][p as usize] })
///         .collect(),
///     need_ids: vec![NeedId(0)],
///     provider_ids: (0..3).map(|i| ProviderId::Volunteer(VolunteerId(i))).collect(),
///     ..Problem::default()
/// };
/// problem.index_edges();
/// let parallel = AuctionStrategy::default().solve(&problem)?;
/// let sequential = AuctionStrategy::default().with_bidding(Bidding::Sequential).solve(&problem)?;
/// assert_eq!(parallel, sequential);
/// assert_eq!(problem.objective(&parallel), 6 + 4 + 2);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuctionStrategy {
    /// Sequential or parallel bidding (same result). Default parallel.
    pub bidding: Bidding,
    /// ε is divided by this factor between phases. Default 5.
    pub scaling_factor: i64,
    /// Person roles with a larger demand are not expanded (left to the repair). Default 64.
    pub max_role_copies: i64,
}

impl Default for AuctionStrategy {
    fn default() -> Self {
        AuctionStrategy {
            bidding: Bidding::Parallel,
            scaling_factor: 5,
            max_role_copies: 64,
        }
    }
}

impl AuctionStrategy {
    /// Sets [`AuctionStrategy::bidding`].
    pub fn with_bidding(mut self, bidding: Bidding) -> Self {
        self.bidding = bidding;
        self
    }

    /// Sets [`AuctionStrategy::scaling_factor`].
    pub fn with_scaling_factor(mut self, factor: i64) -> Self {
        self.scaling_factor = factor;
        self
    }

    /// Sets [`AuctionStrategy::max_role_copies`].
    pub fn with_max_role_copies(mut self, copies: i64) -> Self {
        self.max_role_copies = copies;
        self
    }
}

impl Strategy for AuctionStrategy {
    fn name(&self) -> &'static str {
        "auction"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::OptimalOn(ExactClass::UnitDemand)
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let auction = Auction::default()
            .with_bidding(self.bidding)
            .with_scaling_factor(self.scaling_factor);
        match_and_repair(
            problem,
            self.max_role_copies,
            CopyCore::Sparse(auction),
            budget,
        )
    }
}
