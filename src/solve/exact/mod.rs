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
//! # Budget
//! The decomposition of step 1 runs with its knobs fitted to the solve's work budget
//! ([`LagrangianDecomposition::fitted`]); the search then gets at most
//! [`BranchAndBound::node_budget`] nodes and no more than what is left at one node per mean
//! need degree. A budget that cut either short gives status `BudgetReached` (a proven
//! optimum keeps `Optimal`), with the valid bound above.
//!
//! # References
//! Land and Doig, "An automatic method of solving discrete programming problems",
//! Econometrica 28 (1960); Fisher (1981) for Lagrangian bounds in branch and bound.

mod warm;

use crate::error::Result;

use crate::problem::{EdgeUse, Ledger, Problem, Solution, SolveStatus, candidate_components};

use super::budget::WorkBudget;
use super::decomposition::LagrangianDecomposition;
use super::decomposition::cuts::strengthened;
use super::decomposition::node_work;
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

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let (decomposition, scaled) = LagrangianDecomposition {
            polish_nodes: 0,
            ..self.decomposition.clone()
        }
        .fit(problem, budget);
        // The rounded capacity rows tighten every bound of the search; the copy has the
        // original's plans.
        let strengthened = strengthened(problem);
        let problem = strengthened.as_ref().unwrap_or(problem);
        let priced = decomposition.solve_priced(problem);
        let (start, mu) = (priced.solution, priced.mu);
        if scaled && priced.capped {
            budget.mark_reached();
        }
        budget.charge(start.stats.work);
        let mut solution = self.search_within(problem, start, &mu, budget);
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

impl BranchAndBound {
    /// The search from the plan `start` at prices `mu`, within the node budget cut to what
    /// is left of `budget` (one node costs about a mean need degree of work).
    fn search_within(
        &self,
        problem: &Problem,
        start: Solution,
        mu: &[f64],
        budget: &mut WorkBudget,
    ) -> Solution {
        if start.status == Some(SolveStatus::Optimal) {
            return start;
        }
        let per_node = node_work(problem);
        let nodes = self.node_budget.min(budget.remaining() / per_node);
        if nodes < self.node_budget {
            budget.mark_reached();
        }
        let before = start.stats.iterations;
        let solution = search_components(problem, start, mu, nodes);
        let searched = solution.stats.iterations.saturating_sub(before);
        budget.charge(searched.saturating_mul(per_node));
        solution
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
    // The search prices providers and groups only: shared resources' prices are dropped (0
    // is a valid price), so the node bound below and this evaluation agree.
    let providers = problem.providers.len();
    let priced = providers + problem.groups.len();
    let units: Vec<i128> = mu
        .iter()
        .take(priced)
        .enumerate()
        .map(|(i, &m)| {
            let low = if i < providers { 0.0 } else { -MAX_PRICE_UNITS };
            (m * PRICE_SCALE).round().clamp(low, MAX_PRICE_UNITS) as i128
        })
        .collect();
    let mu: Vec<f64> = units.iter().map(|&u| u as f64 / PRICE_SCALE).collect();
    let mu = &mu[..];
    let mut relaxation = CapacityRelaxation::new(problem);
    let mut eval = Evaluation::default();
    relaxation.evaluate(mu, &mut eval);
    let mut need_uses = start.uses_by_need(problem);
    let mut served = start.served.clone();
    let start_bound = start.bound.map_or(i128::MAX, i128::from);
    let mut search = Search::new(problem, &units, &eval, budget);
    let mut bound = 0i128;
    let mut proven = true;
    for part in independent_parts(problem) {
        let needs = &part.needs;
        let incumbent = part_objective(problem, &part, &served, &need_uses);
        let lagrangian = part_bound(problem, &relaxation.capacity, &part, mu, &eval);
        if lagrangian <= incumbent {
            bound += incumbent;
            continue;
        }
        match search.run(&part, incumbent) {
            Outcome::Improved {
                objective,
                teams,
                complete,
            } => {
                for &n in needs {
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

/// Needs, providers and coverage groups that no edge or group links to the rest: their
/// optima add up.
pub(crate) struct Part {
    pub(crate) needs: Vec<usize>,
    pub(crate) providers: Vec<u32>,
    pub(crate) groups: Vec<usize>,
}

/// The candidate components, merged where a coverage group spans several; smallest first.
pub(crate) fn independent_parts(problem: &Problem) -> Vec<Part> {
    let components = candidate_components(problem);
    let mut part_of_need = vec![0usize; problem.needs.len()];
    for (c, component) in components.iter().enumerate() {
        for &n in &component.needs {
            part_of_need[n as usize] = c;
        }
    }
    let mut parent: Vec<usize> = (0..components.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for group in &problem.groups {
        let mut members = group.needs.iter().map(|&n| part_of_need[n as usize]);
        if let Some(first) = members.next() {
            for other in members {
                let (a, b) = (root(&mut parent, first), root(&mut parent, other));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut parts: Vec<Option<Part>> = (0..components.len()).map(|_| None).collect();
    for (c, component) in components.into_iter().enumerate() {
        let r = root(&mut parent, c);
        let part = parts[r].get_or_insert_with(|| Part {
            needs: Vec::new(),
            providers: Vec::new(),
            groups: Vec::new(),
        });
        part.needs
            .extend(component.needs.iter().map(|&n| n as usize));
        part.providers.extend(component.providers);
    }
    for (g, group) in problem.groups.iter().enumerate() {
        if let Some(&n) = group.needs.first() {
            let r = root(&mut parent, part_of_need[n as usize]);
            if let Some(part) = parts[r].as_mut() {
                part.groups.push(g);
            }
        }
    }
    let mut parts: Vec<Part> = parts.into_iter().flatten().collect();
    for part in &mut parts {
        part.needs.sort_unstable();
        part.providers.sort_unstable();
    }
    parts.sort_by_key(|p| (p.needs.len(), p.needs.first().copied()));
    parts
}

/// The objective a plan earns within `part`: its served needs' values and scores plus its
/// groups' rewards.
fn part_objective(problem: &Problem, part: &Part, served: &[bool], uses: &[Vec<EdgeUse>]) -> i128 {
    let needs: i128 = part
        .needs
        .iter()
        .filter(|&&n| served[n])
        .map(|&n| {
            let scores: i128 = uses[n]
                .iter()
                .map(|u| {
                    i128::from(u.units) * i128::from(problem.edges[u.edge as usize].score_per_unit)
                })
                .sum();
            i128::from(problem.needs[n].value) + scores
        })
        .sum();
    let groups: i128 = part
        .groups
        .iter()
        .map(|&g| {
            let group = &problem.groups[g];
            let k = group.needs.iter().filter(|&&n| served[n as usize]).count();
            group
                .steps
                .iter()
                .take(k)
                .map(|&s| i128::from(s))
                .sum::<i128>()
        })
        .sum();
    needs + groups
}

/// The Lagrangian bound of one part: its providers' priced (effective) capacity, its shared
/// resources' priced capacity, its needs' positive profits and its groups' priced steps,
/// rounded down after the whole problem's margin.
pub(crate) fn part_bound(
    problem: &Problem,
    capacity: &[i64],
    part: &Part,
    lambda: &[f64],
    eval: &Evaluation,
) -> i128 {
    let priced: f64 = part
        .providers
        .iter()
        .map(|&p| lambda[p as usize] * capacity[p as usize] as f64)
        .sum();
    let profits: f64 = part.needs.iter().map(|&n| eval.profit[n].max(0.0)).sum();
    let providers = problem.providers.len();
    let shared = part_shared_resources(problem, part);
    let shared_offset = providers + problem.groups.len();
    let priced_shared: f64 = shared
        .iter()
        .map(|&s| {
            let sigma = lambda.get(shared_offset + s).copied().unwrap_or(0.0);
            sigma * problem.shared[s].capacity as f64
        })
        .sum();
    let groups: f64 = part
        .groups
        .iter()
        .filter_map(|&g| {
            let eta = lambda.get(providers + g)?;
            let group = problem.groups.get(g)?;
            Some(
                group
                    .steps
                    .iter()
                    .map(|&s| (s as f64 - eta).max(0.0))
                    .sum::<f64>(),
            )
        })
        .sum();
    (priced + priced_shared + profits + groups + eval.margin).floor() as i128
}

/// The shared resources the edges of `part`'s needs draw on, ascending.
fn part_shared_resources(problem: &Problem, part: &Part) -> Vec<usize> {
    if !problem.has_shared() {
        return Vec::new();
    }
    let mut shared: Vec<usize> = part
        .needs
        .iter()
        .flat_map(|&n| problem.needs[n].roles())
        .flat_map(|r| problem.role_edge_range(r))
        .flat_map(|e| problem.edge_shared(e).iter().map(|d| d.resource as usize))
        .collect();
    shared.sort_unstable();
    shared.dedup();
    shared
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
    /// Provider prices, then group multipliers, in units of 2^-PRICE_BITS.
    mu: &'a [i128],
    profit: &'a [f64],
    margin: f64,
    /// Free capacity of providers and shared resources on the current path.
    ledger: Ledger,
    /// Per provider: 1 + the need whose team it joined (persons).
    stamp: Vec<u32>,
    /// Σ μ_p·free_p over the component's providers, in units of 2^-PRICE_BITS.
    priced_free: i128,
    /// Per need: its coverage group; per group: its needs served on the current path.
    need_group: Vec<Option<u32>>,
    group_served: Vec<usize>,
    /// Σ over the part's groups of `max(0, step_k − η_g)` for the steps not yet taken, in
    /// units of 2^-PRICE_BITS.
    group_side: i128,
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
            ledger: Ledger::new(problem),
            stamp: vec![0; problem.providers.len()],
            priced_free: 0,
            need_group: problem.need_groups(),
            group_served: vec![0; problem.groups.len()],
            group_side: 0,
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

    fn run(&mut self, part: &Part, incumbent: i128) -> Outcome {
        let problem = self.problem;
        let needs = &part.needs;
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
            .map(|&p| self.mu[p] * i128::from(self.ledger.provider_free(p)))
            .sum();
        let providers_count = problem.providers.len();
        self.group_side = part
            .groups
            .iter()
            .map(|&g| {
                self.group_served[g] = 0;
                let eta = self.mu[providers_count + g];
                problem.groups[g]
                    .steps
                    .iter()
                    .map(|&step| (i128::from(step) * (1 << PRICE_BITS) - eta).max(0))
                    .sum::<i128>()
            })
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
        let reach = (z - self.best_objective - 1) * scale
            + self.priced_free
            + self.suffix[i]
            + self.group_side;
        if reach < 0 {
            return;
        }
        let need = self.order[i];
        let mut value = i128::from(self.problem.needs[need].value);
        // Serving the need takes its group's next step, which leaves the residual bound.
        let group = self.need_group[need].map(|g| g as usize);
        let mut taken = 0i128;
        if let Some(g) = group {
            let k = self.group_served[g];
            let step = self.problem.groups[g]
                .steps
                .get(k)
                .map_or(0, |&s| i128::from(s));
            let eta = self.mu[self.problem.providers.len() + g];
            value += step;
            taken = (step * (1 << PRICE_BITS) - eta).max(0);
            self.group_served[g] += 1;
            self.group_side -= taken;
        }
        self.path_needs.push((need, self.path.len()));
        let first = self.problem.needs[need].first_role as usize;
        let demand = self.role_demand(first);
        self.role(i, need, first, 0, demand, z + value);
        self.path_needs.pop();
        if let Some(g) = group {
            self.group_served[g] -= 1;
            self.group_side += taken;
        }
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
            edge.max_units.min(missing).min(self.ledger.fit(problem, e))
        };
        for x in (0..=most.max(0)).rev() {
            if x > 0 {
                let old = self.stamp[p];
                let used = x * edge.usage_per_unit;
                self.ledger.take(problem, e, x);
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
                self.ledger.give(problem, e, x);
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
