//! Dense Jonker–Volgenant on role and provider copies, then repair.

use crate::error::Result;
use crate::problem::{Problem, Solution};
use crate::solve::assignment::Auction;
use crate::solve::strategy::{Guarantee, Strategy};

use super::class::ExactClass;
use super::components::{CopyCore, match_and_repair};
use crate::solve::WorkBudget;

/// Linear assignment (Jonker–Volgenant, dense) on role and provider copies, then repair.
///
/// Every person role of demand `d` (up to [`AssignmentStrategy::max_role_copies`]) becomes
/// `d` rows, every provider as many columns as its capacity allows (no more than the rows
/// that can use it), cost `−B_e` (scaled score plus the role's value share, see
/// [`super`]), one zero-cost dummy column per row for "unmet"; forbidden pairs are not
/// allowed entries. Connected components are solved separately and in parallel (rayon,
/// merged in component order); a component whose dense matrix would exceed
/// [`AssignmentStrategy::max_dense_cells`] is solved by the sparse auction instead (same
/// optimum). Material roles, roles with more copies than the limit, team completeness and
/// `one_role_per_need` are left to the shared repair.
///
/// # Guarantee
/// Feasible on every problem; optimal (status `Optimal`) on [`ExactClass::UnitDemand`].
/// `bound`: the assignment optimum (a relaxation of the expanded roles) plus, for each role
/// left out, the most it could collect on its own.
///
/// # Complexity
/// Per component of `n` row copies and `c` provider copies: `O(n²(n + c))` worst-case time
/// and `O(n (n + c))` space for the dense matrix; plus `O(m log m)` for the repair.
///
/// # Budget
/// Each connected component's core runs only when its admission price (instance size ×
/// (1 + ⌈log2 size⌉)) fits what is left of the budget, in component order; the rest goes to
/// the repair's greedy fill (within what is left) and no bound is reported. A budget that ran
/// out gives status `BudgetReached`.
///
/// # References
/// - R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and sparse
///   linear assignment problems", *Computing* 38 (1987) 325–340.
/// - R. Burkard, M. Dell'Amico, S. Martello, *Assignment Problems*, SIAM 2009, §4.4 and §5.4
///   (b-matching by copies, rectangular problems with dummies).
///
/// # Example
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
/// use wushe::problem::*;
/// use wushe::solve::team::AssignmentStrategy;
/// use wushe::solve::Strategy;
/// # fn main() -> Result<(), wushe::Error> {
/// // Two needs (values 10 and 4), one worker who can take one case.
/// let role = |need| ProblemRole { need, team_index: 0, kind: RoleKind::LeadWorker, demand: 1, optional: false };
/// let mut problem = Problem {
///     needs: vec![
///         ProblemNeed { value: 10, rule: TeamRule::AllOrNothing, first_role: 0, role_count: 1 },
///         ProblemNeed { value: 4, rule: TeamRule::AllOrNothing, first_role: 1, role_count: 1 },
///     ],
///     roles: vec![role(0), role(1)],
///     providers: vec![ProblemProvider { capacity: 1, one_role_per_need: true }],
///     edges: vec![
///         CandidateEdge { role: 0, provider: 0, max_units: 1, usage_per_unit: 1, score_per_unit: 0 },
///         CandidateEdge { role: 1, provider: 0, max_units: 1, usage_per_unit: 1, score_per_unit: 5 },
///     ],
///     need_ids: vec![NeedId(0), NeedId(1)],
///     provider_ids: vec![ProviderId::Worker(WorkerId(0))],
///     ..Problem::default()
/// };
/// problem.index_edges();
/// let solution = AssignmentStrategy::default().solve(&problem)?;
/// assert_eq!(solution.served, vec![true, false]);
/// assert_eq!(solution.status, Some(SolveStatus::Optimal));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AssignmentStrategy {
    /// Person roles with a larger demand are not expanded (left to the repair). Default 64.
    pub max_role_copies: i64,
    /// Largest dense matrix per component, in cells (8 bytes of cost + 1 of mask each);
    /// larger components go to the sparse auction. Default 2^25 (about 300 MB: the dense
    /// 3,000 × 3,000 case needs 3,000 × 6,024 cells after dominated edges are dropped).
    pub max_dense_cells: usize,
}

impl Default for AssignmentStrategy {
    fn default() -> Self {
        AssignmentStrategy {
            max_role_copies: 64,
            max_dense_cells: 1 << 25,
        }
    }
}

impl AssignmentStrategy {
    /// Sets [`AssignmentStrategy::max_role_copies`].
    pub fn with_max_role_copies(mut self, copies: i64) -> Self {
        self.max_role_copies = copies;
        self
    }

    /// Sets [`AssignmentStrategy::max_dense_cells`].
    pub fn with_max_dense_cells(mut self, cells: usize) -> Self {
        self.max_dense_cells = cells;
        self
    }
}

impl Strategy for AssignmentStrategy {
    fn name(&self) -> &'static str {
        "assignment"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::OptimalOn(ExactClass::UnitDemand)
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let core = CopyCore::Dense {
            max_cells: self.max_dense_cells,
            fallback: Auction::default(),
        };
        match_and_repair(problem, self.max_role_copies, core, budget)
    }
}
