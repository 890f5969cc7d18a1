//! Forward ε-scaling auction (Bertsekas) on sparse costs, with Jacobi bidding that can run on
//! rayon and gives the same result bit for bit.
//!
//! Rows bid for columns (rows ≤ cols; taller instances are transposed). Costs are multiplied by
//! `n + 1` (n = cols), so the final phase with ε = 1 is exactly optimal: an ε-optimal matching
//! is within `rows · ε < n + 1` of the optimum and every matching cost is a multiple of
//! `n + 1`. Each phase runs forward bidding until every row is assigned; when rows < cols a
//! reverse pass follows in which unassigned columns priced above λ (the lowest assigned price)
//! lower their prices and bid for rows, until every unassigned column is priced at most λ —
//! the extra optimality condition of asymmetric problems. Before bidding, a Hopcroft–Karp
//! matching proves that all rows can be matched; otherwise the status is `Infeasible` and no
//! bid is made. Exact integer duals are then recovered from the optimal matching by
//! label-correcting shortest paths started from the final prices.

use rayon::prelude::*;

use super::AssignmentSolver;
use super::hopcroft_karp::maximum_matching;
use super::matrix::{CostMatrix, cost_limit};
use super::solution::{AssignmentSolution, AssignmentStatus};
use super::sparse::SparseCosts;
use crate::error::Result;

/// Marks an unassigned row or column in the internal index arrays.
const FREE: usize = usize::MAX;

/// Prices above this are treated as an overflow (so `cost + price` never leaves `i64`).
const PRICE_CAP: i64 = i64::MAX / 2;

/// How the bids of a round are computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Bidding {
    /// One thread.
    #[default]
    Sequential,
    /// All unassigned rows bid in parallel on the current rayon pool; the bids are collected in
    /// row order and resolved sequentially, so the result equals the sequential one.
    Parallel,
}

/// ε-scaling auction assignment solver on sparse costs.
///
/// # Guarantee
/// Exact: a minimum-cost matching of size `min(rows, cols)` with integer duals satisfying
/// [`check_assignment_duals`](super::check_assignment_duals), `Infeasible` when none exists,
/// `Overflow` when an allowed `|cost|` exceeds [`cost_limit`]`(max(rows, cols))`. Same output
/// for [`Bidding::Sequential`] and [`Bidding::Parallel`] and for any thread count.
///
/// # Complexity
/// Pseudo-polynomial: each phase makes O(n · Δ) bids in the worst case (Δ = scaled cost
/// span / ε), over O(log_{factor}(n C)) phases; a forward bid scans one row, a reverse bid one
/// column. Extra space O(nnz + rows + cols) (a column-wise copy when rows < cols). Dual
/// recovery is O(n · nnz) worst case, typically a few passes.
///
/// # References
/// D. P. Bertsekas, "The auction algorithm: a distributed relaxation method for the assignment
/// problem", Annals of Operations Research 14 (1988) 105–123; D. P. Bertsekas, D. A. Castañón,
/// "Parallel synchronous and asynchronous implementations of the auction algorithm", Parallel
/// Computing 17 (1991) 707–732; D. P. Bertsekas, D. A. Castañón, "A forward/reverse auction
/// algorithm for asymmetric assignment problems", Computational Optimization and Applications
/// 1 (1992) 277–297.
///
/// # Example
/// ```
/// use wushe::solve::assignment::{Auction, Bidding, SparseCosts};
/// let s = SparseCosts::new(2, 2, vec![0, 2, 3], vec![0, 1, 0], vec![3, 5, 2])?;
/// let solution = Auction::default().with_bidding(Bidding::Parallel).solve_sparse(&s)?;
/// assert_eq!(solution.row_to_col, vec![Some(1), Some(0)]);
/// assert_eq!(solution.objective, 7);
/// # Ok::<(), wushe::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Auction {
    /// ε is divided by this factor between phases (values below 2 act as 2). Default 5.
    pub scaling_factor: i64,
    /// Sequential or parallel bidding. Default sequential.
    pub bidding: Bidding,
}

impl Default for Auction {
    fn default() -> Self {
        Auction {
            scaling_factor: 5,
            bidding: Bidding::Sequential,
        }
    }
}

impl Auction {
    /// Sets the ε-scaling factor.
    pub fn with_scaling_factor(mut self, factor: i64) -> Self {
        self.scaling_factor = factor;
        self
    }

    /// Sets the bidding mode.
    pub fn with_bidding(mut self, bidding: Bidding) -> Self {
        self.bidding = bidding;
        self
    }

    /// Solves sparse costs (unlisted pairs are forbidden).
    ///
    /// # Errors
    /// None beyond those of building [`SparseCosts`]; the result is always `Ok`.
    pub fn solve_sparse(&self, costs: &SparseCosts) -> Result<AssignmentSolution> {
        let (rows, cols) = (costs.rows(), costs.cols());
        if rows.min(cols) == 0 {
            return Ok(AssignmentSolution::empty(rows, cols));
        }
        if costs.max_abs_cost() > cost_limit(rows.max(cols)) {
            return Ok(AssignmentSolution::unsolved(
                AssignmentStatus::Overflow,
                rows,
            ));
        }
        if rows > cols {
            let solution = self.solve_wide(&costs.transposed());
            return Ok(solution.untransposed(rows, cols));
        }
        Ok(self.solve_wide(costs))
    }

    /// Solves an instance with `rows <= cols`.
    fn solve_wide(&self, costs: &SparseCosts) -> AssignmentSolution {
        let rows = costs.rows();
        if maximum_matching(costs).iter().flatten().count() < rows {
            return AssignmentSolution::unsolved(AssignmentStatus::Infeasible, rows);
        }
        let mut state = State::new(costs, self.bidding);
        let factor = self.scaling_factor.max(2);
        let mut eps = (state.span / factor).max(1);
        loop {
            if state.phase(eps).is_none() {
                return AssignmentSolution::unsolved(AssignmentStatus::Overflow, rows);
            }
            if eps == 1 {
                break;
            }
            eps = (eps / factor).max(1);
        }
        state
            .solution()
            .unwrap_or_else(|| AssignmentSolution::unsolved(AssignmentStatus::Overflow, rows))
    }
}

impl AssignmentSolver for Auction {
    fn name(&self) -> &'static str {
        "auction"
    }

    fn solve(&self, matrix: &CostMatrix) -> Result<AssignmentSolution> {
        self.solve_sparse(&SparseCosts::try_from(matrix)?)
    }
}

/// One bid: the column and the price offered.
#[derive(Debug, Clone, Copy)]
struct Bid {
    col: u32,
    price: i64,
}

/// Read-only view used to compute forward bids (shared by the rayon workers).
struct Bidder<'a> {
    /// Costs multiplied by `n + 1`.
    scaled: &'a SparseCosts,
    price: &'a [i64],
    /// Price step of a row with a single entry (the scaled cost span).
    span: i64,
    eps: i64,
}

impl Bidder<'_> {
    /// Row `i` bids for its cheapest column (ties: lowest column), raising its price by the
    /// gap to the second cheapest plus ε. `None` on price overflow or an empty row.
    fn bid(&self, i: usize) -> Option<Bid> {
        let (cols, ws) = self.scaled.row(i);
        let (&c0, &w0) = (cols.first()?, ws.first()?);
        let (mut best, mut best_col) = (w0 + self.price[c0 as usize], c0);
        let mut second: Option<i64> = None;
        for (&c, &w) in cols.iter().zip(ws).skip(1) {
            let value = w + self.price[c as usize];
            if value < best {
                second = Some(best);
                (best, best_col) = (value, c);
            } else if second.is_none_or(|s| value < s) {
                second = Some(value);
            }
        }
        let gap = second.map_or(self.span, |s| s - best);
        let price = self.price[best_col as usize]
            .checked_add(gap)?
            .checked_add(self.eps)?;
        (price <= PRICE_CAP).then_some(Bid {
            col: best_col,
            price,
        })
    }
}

/// State of one auction with `m = g.rows() <= n = g.cols()`.
///
/// Invariant (ε-complementary slackness, scaled costs `c'`): every assigned row `i` has
/// `c'(i, σ(i)) + p(σ(i)) <= c'(i, j) + p(j) + ε` for all its entries `j`.
struct State<'a> {
    g: &'a SparseCosts,
    m: usize,
    n: usize,
    scale: i64,
    scaled: SparseCosts,
    /// Column-wise scaled costs (only when `m < n`, for the reverse pass).
    scaled_t: Option<SparseCosts>,
    span: i64,
    bidding: Bidding,
    price: Vec<i64>,
    /// Column of each row and row of each column, or `FREE`.
    assigned: Vec<usize>,
    owner: Vec<usize>,
    /// Best bid per column in the current round.
    best: Vec<Option<(i64, usize)>>,
}

impl<'a> State<'a> {
    fn new(g: &'a SparseCosts, bidding: Bidding) -> Self {
        let (m, n) = (g.rows(), g.cols());
        let scale = n as i64 + 1;
        let scaled = g.with_costs(g.cost().iter().map(|&c| c * scale).collect());
        let lo = scaled.cost().iter().copied().min().unwrap_or(0);
        let hi = scaled.cost().iter().copied().max().unwrap_or(0);
        State {
            g,
            m,
            n,
            scale,
            scaled_t: (m < n).then(|| scaled.transposed()),
            scaled,
            span: (hi - lo).max(1),
            bidding,
            price: vec![0; n],
            assigned: vec![FREE; m],
            owner: vec![FREE; n],
            best: vec![None; n],
        }
    }

    /// One ε-phase: prices are kept (shifted so the lowest is 0, which changes no decision),
    /// every row starts unassigned; rounds of Jacobi bidding until all rows are assigned, then
    /// the reverse pass when `m < n`. `None` on price overflow.
    ///
    /// Terminates because a matching of all rows exists (checked by Hopcroft–Karp): every bid
    /// raises a price by at least ε, and a column that keeps receiving bids eventually becomes
    /// dearer than some column no row holds, which ends the bidding.
    fn phase(&mut self, eps: i64) -> Option<()> {
        let lowest = self.price.iter().copied().min().unwrap_or(0);
        for p in &mut self.price {
            *p -= lowest;
        }
        self.assigned.fill(FREE);
        self.owner.fill(FREE);
        let mut unassigned: Vec<usize> = (0..self.m).collect();
        while !unassigned.is_empty() {
            let bids = self.bids(&unassigned, eps)?;
            unassigned = self.resolve(&unassigned, &bids);
        }
        if self.m < self.n {
            self.reverse(eps);
        }
        Some(())
    }

    /// Bids of the given rows, in their order.
    fn bids(&self, rows: &[usize], eps: i64) -> Option<Vec<Bid>> {
        let bidder = Bidder {
            scaled: &self.scaled,
            price: &self.price,
            span: self.span,
            eps,
        };
        match self.bidding {
            Bidding::Sequential => rows.iter().map(|&i| bidder.bid(i)).collect(),
            Bidding::Parallel => rows
                .par_iter()
                .with_min_len(64)
                .map(|&i| bidder.bid(i))
                .collect(),
        }
    }

    /// Each column goes to its highest bid (ties: first bidder, i.e. lowest row); returns the
    /// rows unassigned afterwards, sorted.
    fn resolve(&mut self, rows: &[usize], bids: &[Bid]) -> Vec<usize> {
        let mut touched = Vec::new();
        for (&i, bid) in rows.iter().zip(bids) {
            let j = bid.col as usize;
            match self.best[j] {
                None => {
                    self.best[j] = Some((bid.price, i));
                    touched.push(j);
                }
                Some((p, _)) if bid.price > p => self.best[j] = Some((bid.price, i)),
                Some(_) => {}
            }
        }
        let mut next = Vec::new();
        for &j in &touched {
            if let Some((price, i)) = self.best[j].take() {
                self.price[j] = price;
                let previous = std::mem::replace(&mut self.owner[j], i);
                if previous != FREE {
                    self.assigned[previous] = FREE;
                    next.push(previous);
                }
                self.assigned[i] = j;
            }
        }
        next.extend(rows.iter().copied().filter(|&i| self.assigned[i] == FREE));
        next.sort_unstable();
        next
    }

    /// Lowest price of an assigned column (λ).
    fn lambda(&self) -> i64 {
        self.assigned
            .iter()
            .filter(|&&j| j != FREE)
            .map(|&j| self.price[j])
            .min()
            .unwrap_or(0)
    }

    /// Scaled cost of row `i` at its column plus that column's price (the row's level `u_i`).
    fn level(&self, i: usize) -> i64 {
        let j = self.assigned[i];
        let (cols, ws) = self.scaled.row(i);
        let k = cols.partition_point(|&c| (c as usize) < j);
        ws.get(k).copied().unwrap_or(0) + self.price[j]
    }

    /// Reverse pass: every unassigned column priced above λ lowers its price to attract its
    /// best row (ties: lowest row), or settles at λ. Keeps ε-CS; each reassignment lowers the
    /// level of a row by at least ε and levels are bounded below, so it terminates.
    fn reverse(&mut self, eps: i64) {
        let lambda = self.lambda();
        let mut level: Vec<i64> = (0..self.m).map(|i| self.level(i)).collect();
        let mut queue: std::collections::VecDeque<usize> = (0..self.n)
            .filter(|&j| self.owner[j] == FREE && self.price[j] > lambda)
            .collect();
        while let Some(j) = queue.pop_front() {
            let Some((i, best, second)) = self.best_row(j, &level) else {
                self.price[j] = lambda;
                continue;
            };
            if lambda >= best - eps {
                self.price[j] = lambda;
                continue;
            }
            let price = second.map_or(lambda, |s| lambda.max(s - eps));
            let old = self.assigned[i];
            self.price[j] = price;
            level[i] = level[i] - best + price;
            self.assigned[i] = j;
            self.owner[j] = i;
            self.owner[old] = FREE;
            if self.price[old] > lambda {
                queue.push_back(old);
            }
        }
    }

    /// For column `j`: the row maximising `level_i - c'(i, j)` (ties: lowest row), that value
    /// and the second best value. `None` for an empty column.
    fn best_row(&self, j: usize, level: &[i64]) -> Option<(usize, i64, Option<i64>)> {
        let (rows, ws) = self.scaled_t.as_ref()?.row(j);
        let mut best: Option<(usize, i64)> = None;
        let mut second: Option<i64> = None;
        for (&i, &w) in rows.iter().zip(ws) {
            let value = level[i as usize] - w;
            match best {
                Some((_, b)) if value <= b => {
                    if second.is_none_or(|s| value > s) {
                        second = Some(value);
                    }
                }
                _ => {
                    second = best.map(|(_, b)| b);
                    best = Some((i as usize, value));
                }
            }
        }
        best.map(|(i, b)| (i, b, second))
    }

    /// Unscaled cost of row `i` at its column.
    fn assigned_cost(&self, i: usize) -> Option<i64> {
        let (cols, ws) = self.g.row(i);
        let j = u32::try_from(self.assigned[i]).ok()?;
        cols.binary_search(&j).ok().and_then(|k| ws.get(k).copied())
    }

    /// Starting labels for the dual recovery: `-floor((p_j - λ) / scale)` on assigned columns
    /// (`<= 0`), 0 on unassigned ones (whose price is at most λ).
    fn initial_labels(&self) -> Vec<i64> {
        let lambda = self.lambda();
        (0..self.n)
            .map(|j| {
                if self.owner[j] == FREE {
                    0
                } else {
                    -(self.price[j] - lambda).div_euclid(self.scale)
                }
            })
            .collect()
    }

    /// Exact column duals: the greatest `v <= v0` with `v_j <= v_k + c(i, j) - c(i, k)` for
    /// every row `i` assigned to `k` and entry `j`, by FIFO label correcting. It terminates as
    /// the matching is optimal (no negative cycle). From the labels of
    /// [`initial_labels`](Self::initial_labels), ε-CS with `rows · ε < scale` makes every path
    /// into an unassigned column non-negative, so those keep `v = 0` and all `v <= 0`.
    /// `None` if the work bound or `i64` is exceeded.
    fn column_duals(&self, own_cost: &[i64], mut v: Vec<i64>) -> Option<Vec<i64>> {
        let n = self.n;
        let mut queue: std::collections::VecDeque<usize> = (0..n).collect();
        let mut queued = vec![true; n];
        let mut budget = n.saturating_mul(n + 1).max(1);
        while let Some(k) = queue.pop_front() {
            queued[k] = false;
            budget = budget.checked_sub(1)?;
            let i = self.owner[k];
            if i == FREE {
                continue;
            }
            let base = v[k].checked_sub(own_cost[i])?;
            let (cols, ws) = self.g.row(i);
            for (&j, &w) in cols.iter().zip(ws) {
                let candidate = base.checked_add(w)?;
                let j = j as usize;
                if candidate < v[j] {
                    v[j] = candidate;
                    if !queued[j] {
                        queued[j] = true;
                        queue.push_back(j);
                    }
                }
            }
        }
        Some(v)
    }

    /// The optimal solution with exact duals.
    fn solution(&self) -> Option<AssignmentSolution> {
        let own_cost: Vec<i64> = (0..self.m)
            .map(|i| self.assigned_cost(i))
            .collect::<Option<_>>()?;
        let col_dual = self.column_duals(&own_cost, self.initial_labels())?;
        debug_assert!(
            self.m == self.n
                || (0..self.n)
                    .all(|j| col_dual[j] <= 0 && (self.owner[j] != FREE || col_dual[j] == 0))
        );
        let mut objective: i128 = 0;
        let mut row_dual = Vec::with_capacity(self.m);
        let mut row_to_col = Vec::with_capacity(self.m);
        for (&j, &cost) in self.assigned.iter().zip(&own_cost) {
            objective += i128::from(cost);
            row_dual.push(cost.checked_sub(col_dual[j])?);
            row_to_col.push(u32::try_from(j).ok());
        }
        Some(AssignmentSolution {
            status: AssignmentStatus::Optimal,
            row_to_col,
            objective,
            row_dual,
            col_dual,
        })
    }
}
