//! Connected components of the copy graph, their assignment instances, and the driver that
//! solves them in parallel with a deterministic merge.
//!
//! Two instance shapes:
//! - **dense rectangular** (Jonker–Volgenant): rows = role copies, columns = provider copies
//!   followed by one dummy column per row (cost 0, the "unmet" choice);
//! - **sparse square** (auction, no padding): rows = role copies, then one row per provider
//!   copy; columns = provider copies, then one per role copy. A role copy takes a provider
//!   copy (cost `−B_e`) or its own dummy column; the row of a provider copy takes that copy
//!   (cost 0, "idle") or the dummy column of a role copy adjacent to the provider (cost 0).
//!   Perfect matchings of this instance are exactly the matchings of the copy graph (the
//!   matched pairs transposed close every one), with the same cost.

use rayon::prelude::*;

use crate::error::Result;
use crate::problem::{Problem, Solution, SolveStats, SolveStatus};
use crate::solve::WorkBudget;
use crate::solve::assignment::{
    AssignmentSolution, AssignmentSolver, AssignmentStatus, Auction, CostMatrix, JonkerVolgenant,
    SparseCosts, cost_limit,
};
use crate::solve::budget::core_price;

use super::dominance::Ties;
use super::expand::Copies;
use super::relaxation::{Benefits, standalone_benefit, unit_capacities};
use super::repair::Repair;

/// Which assignment core solves a component.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CopyCore {
    /// Dense JV while `rows × (cols + rows)` stays within `max_cells`, auction above.
    Dense {
        /// Largest dense matrix (cells).
        max_cells: usize,
        /// The auction used above it.
        fallback: Auction,
    },
    /// Sparse auction on the square instance.
    Sparse(Auction),
}

/// The matching found on the copies, as units per edge.
pub(crate) struct CopyMatching {
    /// Units per candidate edge.
    pub(crate) units: Vec<i64>,
    /// Upper bound on the problem's objective (when every component reached its optimum).
    pub(crate) bound: Option<i64>,
    /// Components solved.
    pub(crate) components: u64,
}

/// Real `(row copy, provider copy)` pairs of one component and their total cost, or `None`
/// when its core did not reach an optimum.
type ComponentResult = Option<(Vec<(usize, usize)>, i128)>;

/// One connected component: its roles and providers (index order) and its copies in local
/// order (row `i` is global row copy `rows[i]`, column `j` is global column copy `cols[j]`).
struct Component {
    roles: Vec<u32>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    /// `(local column copies of the provider, role)` adjacency for the sparse shape, sorted.
    pairs: Vec<(u32, u32)>,
}

/// The whole assignment-family strategy: expand roles and providers into unit copies (at most
/// `max_role_copies` per role), match them with `core` component by component, then repair
/// the matching into a feasible solution with the relaxation's bound.
///
/// Budget: each component is admitted, in component order, when its core's price
/// ([`Component::price`]) fits what is left; the others are left to the repair's greedy fill
/// (and the bound is then unknown). One unit per candidate edge is charged for the repair.
pub(crate) fn match_and_repair(
    problem: &Problem,
    max_role_copies: i64,
    core: CopyCore,
    budget: &mut WorkBudget,
) -> Result<Solution> {
    let ties = match core {
        CopyCore::Dense { .. } => Ties::LowestProvider,
        CopyCore::Sparse(_) => Ties::Spread,
    };
    let copies = Copies::new(problem, max_role_copies, ties);
    let matching = solve_copies(problem, &copies, core, budget)?;
    let mut repair = Repair::new(problem);
    repair.propose(&matching.units);
    repair.fill(budget);
    let stats = SolveStats {
        iterations: 0,
        subproblems: matching.components,
        work: 0,
    };
    let mut solution = repair.finish(matching.bound, SolveStatus::Feasible, stats);
    budget.stamp(&mut solution);
    Ok(solution)
}

/// Solves the copies component by component (in parallel, merged in component order); a
/// component whose price does not fit `budget` is not solved.
pub(crate) fn solve_copies(
    problem: &Problem,
    copies: &Copies,
    core: CopyCore,
    budget: &mut WorkBudget,
) -> Result<CopyMatching> {
    let (mut components, local_col) = partition(problem, copies);
    // Admission in component order, before the parallel part: the same components are
    // solved whatever the thread count.
    let repair_price = problem.edges.len() as u64;
    let mut admitted = budget.try_charge(repair_price);
    let before = components.len();
    components.retain(|c| {
        admitted = admitted && budget.try_charge(c.price(copies, core));
        admitted
    });
    let skipped = components.len() < before;
    let largest = components
        .iter()
        .map(|c| c.rows.len() + c.cols.len())
        .max()
        .unwrap_or(0);
    let limit = i64::try_from(cost_limit(largest)).unwrap_or(i64::MAX);
    let benefits = Benefits::new(problem, limit);
    let solved: Vec<Result<ComponentResult>> = components
        .par_iter()
        .map(|c| c.solve(problem, copies, &benefits, &local_col, core))
        .collect();
    let mut pairs = Vec::new();
    let mut optimum = (!skipped).then_some(0i128);
    for result in solved {
        match result? {
            Some((p, objective)) => {
                pairs.extend(p);
                optimum = optimum.map(|o| o - objective);
            }
            None => optimum = None,
        }
    }
    let units = unit_capacities(problem);
    let left_out: i128 = copies
        .left_out
        .iter()
        .map(|&(r, supply)| standalone_benefit(problem, &benefits, &units, r as usize, supply))
        .sum();
    let bound = optimum.and_then(|o| benefits.bound(o + left_out));
    Ok(CopyMatching {
        units: copies.edge_units(problem, pairs.into_iter()),
        bound,
        components: components.len() as u64,
    })
}

/// Components of the copy graph (roles joined to providers by usable edges) in order of
/// their smallest role, and each provider's first column within its component.
fn partition(problem: &Problem, copies: &Copies) -> (Vec<Component>, Vec<usize>) {
    let n_roles = problem.roles.len();
    let root = roots(problem, copies);
    let mut index_of_root: Vec<Option<usize>> = vec![None; root.len()];
    let mut components: Vec<Component> = Vec::new();
    for r in (0..n_roles).filter(|&r| !copies.role_rows(r).is_empty()) {
        let index = *index_of_root[root[r]].get_or_insert(components.len());
        if index == components.len() {
            components.push(Component {
                roles: Vec::new(),
                rows: Vec::new(),
                cols: Vec::new(),
                pairs: Vec::new(),
            });
        }
        components[index].roles.push(r as u32);
        components[index].rows.extend(copies.role_rows(r));
    }
    let mut local_col = vec![0usize; problem.providers.len()];
    for (p, local) in local_col.iter_mut().enumerate() {
        if let Some(c) = index_of_root[root[n_roles + p]].and_then(|i| components.get_mut(i)) {
            *local = c.cols.len();
            c.cols.extend(copies.provider_cols(p));
        }
    }
    for c in &mut components {
        for &r in &c.roles {
            for e in copies.row_edges(problem, r as usize) {
                c.pairs.push((problem.edges[e].provider, r));
            }
        }
        c.pairs.sort_unstable();
    }
    (components, local_col)
}

/// Union–find over roles (`0..R`) and providers (`R..R + P`) joined by the expanded roles'
/// usable edges; returns the root of every node (the smallest node of its component).
fn roots(problem: &Problem, copies: &Copies) -> Vec<usize> {
    let n_roles = problem.roles.len();
    let mut parent: Vec<usize> = (0..n_roles + problem.providers.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for r in (0..n_roles).filter(|&r| !copies.role_rows(r).is_empty()) {
        for e in copies.row_edges(problem, r) {
            let a = find(&mut parent, r);
            let b = find(&mut parent, n_roles + problem.edges[e].provider as usize);
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..parent.len()).map(|x| find(&mut parent, x)).collect()
}

impl Component {
    /// Admission price of the component's core: `cells · (1 + ⌈log2 cells⌉)` for the dense
    /// instance, `entries · (1 + ⌈log2 (rows + cols)⌉)` for the sparse one.
    fn price(&self, copies: &Copies, core: CopyCore) -> u64 {
        let rows = self.rows.len();
        let cells = rows.saturating_mul(self.cols.len() + rows);
        match core {
            CopyCore::Dense { max_cells, .. } if cells <= max_cells => core_price(cells, cells),
            _ => {
                let pairs: usize = self
                    .pairs
                    .iter()
                    .map(|&(p, r)| {
                        copies.role_rows(r as usize).len() * copies.provider_cols(p as usize).len()
                    })
                    .sum();
                let n = rows + self.cols.len();
                core_price(2 * pairs + 2 * n, n)
            }
        }
    }

    /// Solves the component; `None` when the core did not reach an optimum.
    fn solve(
        &self,
        problem: &Problem,
        copies: &Copies,
        benefits: &Benefits,
        local_col: &[usize],
        core: CopyCore,
    ) -> Result<ComponentResult> {
        let rows = self.rows.len();
        let cells = rows.saturating_mul(self.cols.len() + rows);
        let solution = match core {
            CopyCore::Dense { max_cells, .. } if cells <= max_cells => {
                JonkerVolgenant.solve(&self.dense(problem, copies, benefits, local_col)?)?
            }
            CopyCore::Dense { fallback, .. } | CopyCore::Sparse(fallback) => {
                fallback.solve_sparse(&self.sparse(problem, copies, benefits, local_col)?)?
            }
        };
        Ok(self.global_pairs(&solution))
    }

    /// Local row of the first copy of each role, in the order of `self.roles`.
    fn role_offsets<'a>(&'a self, copies: &'a Copies) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut offset = 0;
        self.roles.iter().map(move |&r| {
            let start = offset;
            offset += copies.role_rows(r as usize).len();
            (r as usize, start)
        })
    }

    /// The dense rectangular instance.
    fn dense(
        &self,
        problem: &Problem,
        copies: &Copies,
        benefits: &Benefits,
        local_col: &[usize],
    ) -> Result<CostMatrix> {
        let (rows, real) = (self.rows.len(), self.cols.len());
        let width = real + rows;
        let mut costs = vec![0i64; rows * width];
        let mut allowed = vec![false; rows * width];
        for (r, start) in self.role_offsets(copies) {
            for i in start..start + copies.role_rows(r).len() {
                for e in copies.row_edges(problem, r) {
                    let p = problem.edges[e].provider as usize;
                    let first = local_col[p];
                    for j in first..first + copies.provider_cols(p).len() {
                        costs[i * width + j] = -benefits.per_edge[e];
                        allowed[i * width + j] = true;
                    }
                }
                allowed[i * width + real + i] = true;
            }
        }
        CostMatrix::with_allowed(rows, width, costs, allowed)
    }

    /// The sparse square instance.
    fn sparse(
        &self,
        problem: &Problem,
        copies: &Copies,
        benefits: &Benefits,
        local_col: &[usize],
    ) -> Result<SparseCosts> {
        let (rows, real) = (self.rows.len(), self.cols.len());
        let mut csr = Csr::default();
        let offsets: Vec<(usize, usize)> = self.role_offsets(copies).collect();
        for &(r, offset) in &offsets {
            for i in offset..offset + copies.role_rows(r).len() {
                for e in copies.row_edges(problem, r) {
                    let p = problem.edges[e].provider as usize;
                    for j in local_col[p]..local_col[p] + copies.provider_cols(p).len() {
                        csr.push(j, -benefits.per_edge[e]);
                    }
                }
                csr.push(real + i, 0);
                csr.end_row();
            }
        }
        self.provider_rows(copies, &offsets, &mut csr);
        SparseCosts::new(rows + real, real + rows, csr.start, csr.col, csr.cost)
    }

    /// Rows of the provider copies in the square instance: idle (own column) or the dummy
    /// column of any role copy adjacent to the provider.
    fn provider_rows(&self, copies: &Copies, offsets: &[(usize, usize)], csr: &mut Csr) {
        let real = self.cols.len();
        let mut k = 0;
        for j in 0..real {
            let p = copies.col_provider(self.cols[j]) as u32;
            csr.push(j, 0);
            while self.pairs.get(k).is_some_and(|&(q, _)| q < p) {
                k += 1;
            }
            for &(_, r) in self.pairs[k..].iter().take_while(|&&(q, _)| q == p) {
                let Ok(at) = offsets.binary_search_by_key(&(r as usize), |o| o.0) else {
                    continue;
                };
                let first = offsets[at].1;
                for i in first..first + copies.role_rows(r as usize).len() {
                    csr.push(real + i, 0);
                }
            }
            csr.end_row();
        }
    }

    /// Real `(row copy, provider copy)` pairs in global indices and the objective, when optimal.
    fn global_pairs(&self, solution: &AssignmentSolution) -> ComponentResult {
        if solution.status != AssignmentStatus::Optimal {
            return None;
        }
        let pairs = solution
            .pairs()
            .filter_map(|(i, j)| Some((*self.rows.get(i)?, *self.cols.get(j)?)))
            .collect();
        Some((pairs, solution.objective))
    }
}

/// A CSR cost structure under construction.
struct Csr {
    start: Vec<usize>,
    col: Vec<u32>,
    cost: Vec<i64>,
}

impl Default for Csr {
    fn default() -> Self {
        Csr {
            start: vec![0],
            col: Vec::new(),
            cost: Vec::new(),
        }
    }
}

impl Csr {
    fn push(&mut self, col: usize, cost: i64) {
        self.col.push(col as u32);
        self.cost.push(cost);
    }

    fn end_row(&mut self) {
        self.start.push(self.col.len());
    }
}
