//! Exact team assembly: depth-first branch and bound on the Lagrangian bound.
//!
//! # Algorithm
//! 1. Run [`LagrangianDecomposition`]: its plan is the first incumbent, its prices `μ` give
//!    the bound. If the plan already meets the bound, it is returned as proven optimal.
//! 2. Split the problem into its candidate components (no edge joins two, so their optima
//!    add up) and search each one whose incumbent is below its share of the bound.
//! 3. The search visits the component's needs by value (highest first). At need `i` it
//!    first tries every way of serving it — for each role every split of its units over the
//!    role's edges that capacity and the one-role-per-person rule allow (core roles exactly
//!    their demand, optional roles at most), largest units on the best edges first — and then
//!    leaves it unserved.
//! 4. A node is cut when `z + Σ_p μ_p·free_p + Σ_{j ≥ i} max(0, π_j(μ)) + margin` cannot beat
//!    the incumbent by 1: that is the Lagrangian bound of the residual problem (needs `i..`
//!    on the capacity left), valid for every `μ ≥ 0` by the argument in the decomposition's
//!    `prices` module (the residual problem is a team problem of its own; `π_j` computed
//!    with the full capacities is at least its residual value).
//!
//! # Guarantee
//! When every component's search finishes within [`BranchAndBound::node_budget`], the plan
//! is optimal (status [`SolveStatus::Optimal`], bound = objective). Otherwise the best plan
//! found, status [`SolveStatus::BudgetReached`] and a valid bound: proven optima for the
//! finished components plus the Lagrangian bound of the others.
//!
//! # References
//! Land and Doig, "An automatic method of solving discrete programming problems",
//! Econometrica 28 (1960); Fisher (1981) for Lagrangian bounds in branch and bound.

use crate::error::Result;
use crate::problem::{EdgeUse, Problem, Solution, SolveStatus, candidate_components};

use super::decomposition::LagrangianDecomposition;
use super::decomposition::prices::{CapacityRelaxation, Evaluation};
use super::strategy::{Guarantee, Strategy};
use super::team::is_core_role;

/// Branch and bound, exact within a node budget; see the module docs.
///
/// # Example
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
/// use wushe::problem::*;
/// use wushe::solve::{Strategy, exact::BranchAndBound};
/// # fn main() -> Result<(), wushe::Error> {
/// // One worker with 2 cases; three needs of one case each, worth 4, 3 and 5.
/// let mut p = Problem {
///     providers: vec![ProblemProvider { capacity: 2, one_role_per_need: true }],
///     provider_ids: vec![ProviderId::Worker(WorkerId(1))],
///     ..Problem::default()
/// };
/// for (n, value) in [4, 3, 5].into_iter().enumerate() {
///     p.needs.push(ProblemNeed { value, rule: TeamRule::AllOrNothing, first_role: n as u32, role_count: 1 });
///     p.roles.push(ProblemRole { need: n as u32, team_index: 0, kind: RoleKind::LeadWorker, demand: 1, optional: false });
///     p.edges.push(CandidateEdge { role: n as u32, provider: 0, max_units: 1, usage_per_unit: 1, score_per_unit: 0 });
///     p.need_ids.push(NeedId(n as u32));
/// }
/// p.index_edges();
/// let solution = BranchAndBound::default().solve(&p)?;
/// assert_eq!(solution.served, vec![true, false, true]);
/// assert_eq!(solution.status, Some(SolveStatus::Optimal));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BranchAndBound {
    /// Most search nodes (needs visited plus unit splits tried) over all components.
    pub node_budget: u64,
    /// The decomposition that supplies the first plan and the prices.
    pub decomposition: LagrangianDecomposition,
}

impl Default for BranchAndBound {
    fn default() -> Self {
        BranchAndBound {
            node_budget: 5_000_000,
            decomposition: LagrangianDecomposition::default(),
        }
    }
}

impl BranchAndBound {
    /// Sets [`BranchAndBound::node_budget`].
    pub fn with_node_budget(mut self, nodes: u64) -> Self {
        self.node_budget = nodes;
        self
    }
}

impl Strategy for BranchAndBound {
    fn name(&self) -> &'static str {
        "branch_and_bound"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::OptimalWithinBudget
    }

    fn solve(&self, problem: &Problem) -> Result<Solution> {
        problem.validate()?;
        let decomposition = LagrangianDecomposition {
            polish_nodes: 0,
            ..self.decomposition.clone()
        };
        let (start, mu) = decomposition.solve_with_prices(problem);
        if start.status == Some(SolveStatus::Optimal) {
            return Ok(start);
        }
        Ok(search_components(problem, start, &mu, self.node_budget))
    }
}

/// Searches every component whose incumbent is below its bound, smallest first, within
/// `budget` nodes in all; returns the merged plan with status `Optimal` when every search
/// finished, `BudgetReached` otherwise.
pub(crate) fn search_components(
    problem: &Problem,
    start: Solution,
    mu: &[f64],
    budget: u64,
) -> Solution {
    // Prices on a grid of 2^-PRICE_BITS, so the search keeps Σ μ_p·free_p exactly in integers;
    // rounded prices are prices too, so the relaxation is evaluated again at them.
    let units: Vec<i128> = mu
        .iter()
        .map(|&m| (m * PRICE_SCALE).round().clamp(0.0, MAX_PRICE_UNITS) as i128)
        .collect();
    let mu: Vec<f64> = units.iter().map(|&u| u as f64 / PRICE_SCALE).collect();
    let mu = &mu[..];
    let mut relaxation = CapacityRelaxation::new(problem);
    let mut eval = Evaluation::default();
    relaxation.evaluate(mu, &mut eval);
    let mut need_uses: Vec<Vec<EdgeUse>> = vec![Vec::new(); problem.needs.len()];
    for u in &start.uses {
        let role = problem.edges[u.edge as usize].role as usize;
        need_uses[problem.roles[role].need as usize].push(*u);
    }
    let mut served = start.served.clone();
    let start_bound = start.bound.map_or(i128::MAX, i128::from);
    let mut search = Search::new(problem, &units, &eval, budget);
    let mut bound = 0i128;
    let mut proven = true;
    let mut components = candidate_components(problem);
    components.sort_by_key(|c| (c.needs.len(), c.needs.first().copied()));
    for component in components {
        let needs: Vec<usize> = component.needs.iter().map(|&n| n as usize).collect();
        let incumbent: i128 = needs
            .iter()
            .filter(|&&n| served[n])
            .map(|&n| contribution(problem, n, &need_uses[n]))
            .sum();
        let lagrangian = component_bound(
            &relaxation.capacity,
            &component.providers,
            &needs,
            mu,
            &eval,
        );
        if lagrangian <= incumbent {
            bound += incumbent;
            continue;
        }
        match search.run(&needs, incumbent) {
            Outcome::Improved {
                objective,
                teams,
                complete,
            } => {
                for &n in &needs {
                    need_uses[n].clear();
                    served[n] = false;
                }
                for (n, uses) in teams {
                    served[n] = true;
                    need_uses[n] = uses;
                }
                bound += if complete { objective } else { lagrangian };
                proven &= complete;
            }
            Outcome::Unchanged { complete } => {
                bound += if complete { incumbent } else { lagrangian };
                proven &= complete;
            }
        }
    }
    let mut uses: Vec<EdgeUse> = need_uses.into_iter().flatten().collect();
    uses.sort_unstable_by_key(|u| u.edge);
    let mut stats = start.stats;
    stats.iterations += search.nodes;
    let objective = problem.objective(&Solution {
        uses: uses.clone(),
        served: served.clone(),
        ..Solution::default()
    });
    Solution {
        uses,
        served,
        status: Some(if proven {
            SolveStatus::Optimal
        } else {
            SolveStatus::BudgetReached
        }),
        bound: i64::try_from(if proven {
            objective
        } else {
            bound.min(start_bound).max(objective)
        })
        .ok(),
        stats,
    }
}

/// Prices are multiples of `2^-PRICE_BITS`.
const PRICE_BITS: i32 = 10;
const PRICE_SCALE: f64 = (1u64 << PRICE_BITS) as f64;
/// Largest price in grid units (2^52: exact in `f64`).
const MAX_PRICE_UNITS: f64 = (1u64 << 52) as f64;

fn contribution(problem: &Problem, need: usize, uses: &[EdgeUse]) -> i128 {
    let scores: i128 = uses
        .iter()
        .map(|u| i128::from(u.units) * i128::from(problem.edges[u.edge as usize].score_per_unit))
        .sum();
    i128::from(problem.needs[need].value) + scores
}

/// The Lagrangian bound of one component: its providers' priced capacity plus its needs'
/// positive profits, rounded down after the whole problem's margin.
fn component_bound(
    capacity: &[i64],
    providers: &[u32],
    needs: &[usize],
    mu: &[f64],
    eval: &Evaluation,
) -> i128 {
    let priced: f64 = providers
        .iter()
        .map(|&p| mu[p as usize] * capacity[p as usize] as f64)
        .sum();
    let profits: f64 = needs.iter().map(|&n| eval.profit[n].max(0.0)).sum();
    (priced + profits + eval.margin).floor() as i128
}

enum Outcome {
    Improved {
        objective: i128,
        teams: Vec<(usize, Vec<EdgeUse>)>,
        complete: bool,
    },
    Unchanged {
        complete: bool,
    },
}

/// The depth-first search over one component at a time.
struct Search<'a> {
    problem: &'a Problem,
    /// Prices in units of 2^-PRICE_BITS.
    mu: &'a [i128],
    profit: &'a [f64],
    margin: f64,
    free: Vec<i64>,
    /// Per provider: 1 + the need whose team it joined (persons).
    stamp: Vec<u32>,
    /// Σ μ_p·free_p over the component's providers, in units of 2^-PRICE_BITS.
    priced_free: i128,
    /// Per position in the component's order: Σ of the later needs' positive profits plus
    /// the rounding margin, rounded up to units of 2^-PRICE_BITS.
    suffix: Vec<i128>,
    order: Vec<usize>,
    /// Uses of the current path, and the needs served on it.
    path: Vec<EdgeUse>,
    path_needs: Vec<(usize, usize)>,
    best_objective: i128,
    best: Option<Vec<(usize, Vec<EdgeUse>)>>,
    nodes: u64,
    budget: u64,
    aborted: bool,
}

impl<'a> Search<'a> {
    fn new(problem: &'a Problem, mu: &'a [i128], eval: &'a Evaluation, budget: u64) -> Self {
        Search {
            problem,
            mu,
            profit: &eval.profit,
            margin: eval.margin,
            free: problem.providers.iter().map(|p| p.capacity).collect(),
            stamp: vec![0; problem.providers.len()],
            priced_free: 0,
            suffix: Vec::new(),
            order: Vec::new(),
            path: Vec::new(),
            path_needs: Vec::new(),
            best_objective: 0,
            best: None,
            nodes: 0,
            budget,
            aborted: false,
        }
    }

    fn run(&mut self, needs: &[usize], incumbent: i128) -> Outcome {
        let problem = self.problem;
        self.order = needs.to_vec();
        self.order
            .sort_by_key(|&n| (std::cmp::Reverse(problem.needs[n].value), n));
        let mut sums = vec![0.0f64; self.order.len() + 1];
        for i in (0..self.order.len()).rev() {
            sums[i] = sums[i + 1] + self.profit[self.order[i]].max(0.0);
        }
        self.suffix = sums
            .iter()
            .map(|&s| ((s + self.margin) * PRICE_SCALE).ceil() as i128)
            .collect();
        let mut providers: Vec<usize> = needs
            .iter()
            .flat_map(|&n| problem.needs[n].roles())
            .flat_map(|r| problem.role_edges(r).iter().map(|e| e.provider as usize))
            .collect();
        providers.sort_unstable();
        providers.dedup();
        self.priced_free = providers
            .iter()
            .map(|&p| self.mu[p] * i128::from(self.free[p]))
            .sum();
        self.best_objective = incumbent;
        self.best = None;
        self.aborted = self.nodes >= self.budget;
        if !self.aborted {
            self.visit(0, 0);
        }
        let complete = !self.aborted;
        match self.best.take() {
            Some(teams) => Outcome::Improved {
                objective: self.best_objective,
                teams,
                complete,
            },
            None => Outcome::Unchanged { complete },
        }
    }

    fn tick(&mut self) -> bool {
        self.nodes += 1;
        if self.nodes > self.budget {
            self.aborted = true;
        }
        self.aborted
    }

    /// Decides the need at position `i` of the order; `z` is the path's objective.
    fn visit(&mut self, i: usize, z: i128) {
        if self.tick() {
            return;
        }
        if i == self.order.len() {
            if z > self.best_objective {
                self.record(z);
            }
            return;
        }
        let scale = 1i128 << PRICE_BITS;
        let reach = (z - self.best_objective - 1) * scale + self.priced_free + self.suffix[i];
        if reach < 0 {
            return;
        }
        let need = self.order[i];
        let value = i128::from(self.problem.needs[need].value);
        self.path_needs.push((need, self.path.len()));
        let first = self.problem.needs[need].first_role as usize;
        let demand = self.role_demand(first);
        self.role(i, need, first, 0, demand, z + value);
        self.path_needs.pop();
        if !self.aborted {
            self.visit(i + 1, z);
        }
    }

    fn role_demand(&self, role: usize) -> i64 {
        self.problem.roles.get(role).map_or(0, |r| r.demand)
    }

    /// Splits the `missing` units of role `role` over its edges from the `j`-th on, then
    /// moves to the next role of `need` (or the next need).
    fn role(&mut self, i: usize, need: usize, role: usize, j: usize, missing: i64, z: i128) {
        let problem = self.problem;
        let roles = problem.needs[need].roles();
        if role >= roles.end {
            self.visit(i + 1, z);
            return;
        }
        if self.tick() {
            return;
        }
        let range = problem.role_edge_range(role);
        let core = is_core_role(problem, &problem.roles[role]);
        if j == range.len() || missing == 0 {
            if missing == 0 || !core {
                let next = role + 1;
                self.role(i, need, next, 0, self.role_demand(next), z);
            }
            return;
        }
        let e = range.start + j;
        let edge = &problem.edges[e];
        let p = edge.provider as usize;
        let person = problem.providers[p].one_role_per_need;
        let stamp = need as u32 + 1;
        let most = if person && self.stamp[p] == stamp {
            0
        } else {
            edge.max_units
                .min(missing)
                .min(self.free[p] / edge.usage_per_unit)
        };
        for x in (0..=most.max(0)).rev() {
            if x > 0 {
                let old = self.stamp[p];
                let used = x * edge.usage_per_unit;
                self.free[p] -= used;
                self.priced_free -= self.mu[p] * i128::from(used);
                if person {
                    self.stamp[p] = stamp;
                }
                self.path.push(EdgeUse {
                    edge: e as u32,
                    units: x,
                });
                let gain = i128::from(x) * i128::from(edge.score_per_unit);
                self.role(i, need, role, j + 1, missing - x, z + gain);
                self.path.pop();
                self.stamp[p] = old;
                self.free[p] += used;
                self.priced_free += self.mu[p] * i128::from(used);
            } else {
                self.role(i, need, role, j + 1, missing, z);
            }
            if self.aborted {
                return;
            }
        }
    }

    /// Records the current path as the best plan of the component.
    fn record(&mut self, z: i128) {
        self.best_objective = z;
        let mut teams = Vec::with_capacity(self.path_needs.len());
        for (k, &(need, start)) in self.path_needs.iter().enumerate() {
            let end = self
                .path_needs
                .get(k + 1)
                .map_or(self.path.len(), |&(_, s)| s);
            let mut uses = self.path[start..end].to_vec();
            uses.sort_unstable_by_key(|u| u.edge);
            teams.push((need, uses));
        }
        self.best = Some(teams);
    }
}
