//! Lagrangian decomposition for team assembly: capacity prices driven by subgradient steps,
//! a valid upper bound, and a primal side that turns prices into strong feasible plans.
//!
//! # Algorithm
//! 1. **Dual side.** Provider capacities are priced with multipliers `μ_p ≥ 0`; what is left
//!    decomposes by need: each need independently takes its best team at the prices, or
//!    nothing (`prices.rs` states the relaxation and proves that its value `L(μ)` bounds every
//!    feasible plan from above). The prices move by projected subgradient steps
//!    `μ_p ← max(0, μ_p − t·(c_p − use_p(μ)) / σ_p²)` with Polyak's step
//!    `t = θ·(L(μ) − z*) / Σ_p ((c_p − use_p)/σ_p)²`, where `z*` is the best plan found so far
//!    and `σ_p` the size of the provider's typical use (a diagonal scaling, so that cases,
//!    minutes and fen are comparable). `θ` starts at 2 and halves after
//!    [`LagrangianDecomposition::stall_limit`] steps without a better bound.
//! 2. **Primal side.** Every [`LagrangianDecomposition::primal_every`] steps (further apart
//!    when [`LagrangianDecomposition::primal_work`] affords fewer plans, so that the plans
//!    span the whole loop and see its late prices) two plans are built at the current prices
//!    (`plans.rs`):
//!    needs by value and by relaxed profit, each served with its best team where providers are
//!    ranked by reduced score `s_e − μ_p·w_e` (scarce providers are left to those who need them
//!    most) and committed only when every core role is complete (High-risk teams stay whole)
//!    and the team adds value. Under coverage groups a need's worth depends on how many of its
//!    group are served, so needs go by their current worth, plus (in the second plan) the
//!    reduced score of their best team at the prices. The best plan then goes through a local search
//!    (`improve.rs`): re-insertion of unserved needs, provider swaps that make room, and
//!    ejection chains that trade up to five less valuable needs for a more valuable one, and
//!    trades of one served need for several unserved ones that share its providers. On a
//!    problem that only counts served needs (the tier counts below), where many plans tie,
//!    a tabu *plateau walk* then lets an unserved need take the place of one or more served
//!    ones worth no more, keeping moves that do not lower the objective, and the search
//!    runs again. There the provider swaps also go two deep: a served team leaves the
//!    provider the unserved need is blocked on for one whose occupant first moves on to a
//!    third provider with room (on seed 1 of the default county this found the 456th
//!    High-risk team, the proven maximum, that no other move reached; on the weighted
//!    problems it doubled the solve time for under 0.02 % of objective, so they keep swaps
//!    one deep).
//!    Optional roles are filled last with positive-score edges from what is left.
//! 3. **Lexicographic tiers.** With tier bonuses the bound is also computed by stages
//!    (`lexicographic.rs`: one well-scaled run per bonus level and one on the plain weighted
//!    problem, a valid bound as the sum of their bounds, each lower level bounded only as
//!    closely as its share of the objective requires; a count run keeps only its rank's
//!    needs), and the plan of the most High-risk needs seeds one more primal plan. The
//!    scalarised run then only prices plans and takes an eighth of
//!    [`LagrangianDecomposition::max_iterations`]; the top-rank count run, which needs
//!    nothing from it, runs beside it on a second thread when the pool has one.
//! 4. **Polish.** Components whose plan is still below their share of the bound go, smallest
//!    first, through the exact branch and bound of [`crate::solve::exact`] within
//!    [`LagrangianDecomposition::polish_nodes`] search nodes: small problems end proven
//!    optimal, and a larger component keeps its plan unless the search finds a better one.
//! 5. **Rounded capacity rows.** On problems of up to a million candidate edges the solve
//!    runs on a copy with the Chvátal–Gomory roundings of the capacity rows as extra priced
//!    resources (`cuts.rs`): the same feasible plans, a tighter bound (the High-count bound
//!    of the default county falls from 507 to 498 High-risk needs).
//!
//! # Stopping rule
//! The subgradient loop stops at the first of: the bound meets the best plan (proven
//! optimal); the relative gap `(bound − z*)/|z*|` is at most
//! [`LagrangianDecomposition::gap_ppm`] parts per million; `θ < 2⁻¹⁰`; five halvings of `θ` in
//! a row without a better bound;
//! [`LagrangianDecomposition::max_iterations`] steps, or fewer on large problems so that the
//! steps visit at most [`LagrangianDecomposition::relaxation_work`] edges in all. The local
//! search stops when a pass keeps no move or after
//! [`LagrangianDecomposition::work_budget`] edge visits.
//!
//! # Budget
//! The knobs above bound the work of a solve; their worst case, in edge visits, is
//! [`LagrangianDecomposition::worst_work`]. When it does not fit the solve's
//! [`WorkBudget`], [`LagrangianDecomposition::fitted`] scales the relaxation, primal,
//! local-search and polish knobs down in proportion (at least one subgradient step and the
//! final plans always run: about six visits per edge). The solution reports
//! [`SolveStatus::BudgetReached`] when one of the scaled limits then stops a part of the
//! solve before its own stopping rule (the worst case is rarely met: scaled knobs that no
//! part of the solve reaches change nothing) and the plan is not proven optimal; its bound
//! stays valid (a Lagrangian bound holds at any prices). The work spent is counted as the run goes (one
//! unit per edge per relaxation step and per plan built, the local search's edge visits, the
//! polish's nodes times the mean need degree).
//!
//! # Guarantee
//! Feasible, with a valid upper bound ([`crate::problem::Solution::bound`]); status
//! [`SolveStatus::Optimal`] when the plan reaches the bound. Deterministic: no randomness, no
//! thread-dependent order (what runs side by side — the two plans of a primal step, the
//! top-rank count run beside the scalarised run, the relaxation's fixed chunks of needs — is
//! combined in a fixed order, so 1 and 2 threads give the same plan and bound).
//!
//! # References
//! Fisher, "The Lagrangian relaxation method for solving integer programming problems",
//! Management Science 27 (1981); Held, Wolfe and Crowder, "Validation of subgradient
//! optimization", Math. Programming 6 (1974) (Polyak steps with a halving factor); Ahuja,
//! Ergun, Orlin and Punnen, "A survey of very large-scale neighborhood search techniques",
//! Discrete Applied Math. 123 (2002) (ejection chains).

pub(crate) mod cuts;
mod improve;
mod lexicographic;
mod plans;
pub(crate) mod prices;
pub(crate) mod state;
mod warm;

pub use warm::WarmStart;

use crate::error::Result;
use crate::problem::{Problem, Solution, SolveStatus};

use super::budget::WorkBudget;
use super::strategy::{Guarantee, Strategy};
use improve::LocalSearch;
use plans::reduced_score;
use prices::{CapacityRelaxation, Evaluation};
use state::{ProviderEdges, TeamState};

/// Lagrangian decomposition with a primal heuristic and local search; see the module docs.
///
/// # Example
/// Two needs compete for one worker's single free case; the more valuable one is served and
/// the bound proves it optimal:
/// ```
/// use wushe::model::{NeedId, ProviderId, TeamRule, WorkerId};
/// use wushe::problem::*;
/// use wushe::solve::{Strategy, decomposition::LagrangianDecomposition};
/// # fn main() -> Result<(), wushe::Error> {
/// let need = |value, first_role| ProblemNeed { value, rule: TeamRule::AllOrNothing, first_role, role_count: 1 };
/// let role = |need| ProblemRole { need, team_index: 0, kind: RoleKind::LeadWorker, demand: 1, optional: false };
/// let edge = |role| CandidateEdge { role, provider: 0, max_units: 1, usage_per_unit: 1, score_per_unit: 0 };
/// let mut p = Problem {
///     needs: vec![need(5, 0), need(9, 1)],
///     roles: vec![role(0), role(1)],
///     providers: vec![ProblemProvider { capacity: 1, one_role_per_need: true }],
///     edges: vec![edge(0), edge(1)],
///     need_ids: vec![NeedId(1), NeedId(2)],
///     provider_ids: vec![ProviderId::Worker(WorkerId(1))],
///     ..Problem::default()
/// };
/// p.index_edges();
/// let solution = LagrangianDecomposition::default().solve(&p)?;
/// assert_eq!(solution.served, vec![false, true]);
/// assert_eq!(solution.bound, Some(9));
/// assert_eq!(solution.status, Some(SolveStatus::Optimal));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LagrangianDecomposition {
    /// Most subgradient steps.
    pub max_iterations: u32,
    /// Steps without a better bound before the step factor halves.
    pub stall_limit: u32,
    /// A plan is built at the current prices every this many steps (≥ 1), within
    /// [`LagrangianDecomposition::primal_work`].
    pub primal_every: u32,
    /// Stop when the relative gap is at most this many parts per million.
    pub gap_ppm: u32,
    /// Most edge visits of the local search (scans of role and provider edge lists).
    pub work_budget: u64,
    /// Most edge visits of the subgradient loop in all: it takes at most
    /// `relaxation_work / edges` steps (and at most `max_iterations`).
    pub relaxation_work: u64,
    /// Most edge visits of the plans built during the subgradient loop (each visits every
    /// edge about once); the final plans are always built.
    pub primal_work: u64,
    /// Most local-search passes (each: insertions and ejection chains over the unserved
    /// needs, then trades over the served ones).
    pub search_passes: u32,
    /// Search nodes of the final polish: the exact branch and bound
    /// ([`crate::solve::exact`]) on the components whose gap is still open, smallest first;
    /// 0 turns it off. Small problems are thereby solved exactly.
    pub polish_nodes: u64,
}

impl Default for LagrangianDecomposition {
    fn default() -> Self {
        // A plan every 20 steps (the count runs of the lexicographic policy: every 10, their
        // plans are cheap): measured against every 10 on the default county and seeds 1 and 2,
        // weighted policy, plans 0.54 / 0.88 / 0.69 % below HiGHS's optima (were 0.42 /
        // 0.97 / 0.75 %), bounds 0.25 / 0.69 / 0.17 % above them (were 0.36 / 0.59 / 0.21 %),
        // half the plan work (a plan costs about four relaxation steps); the lexicographic
        // plans, bounds and High counts are unchanged.
        LagrangianDecomposition {
            max_iterations: 400,
            stall_limit: 15,
            primal_every: 20,
            gap_ppm: 50,
            work_budget: 300_000_000,
            relaxation_work: 2_000_000_000,
            primal_work: 40_000_000,
            search_passes: 10,
            polish_nodes: 20_000,
        }
    }
}

impl LagrangianDecomposition {
    /// Sets [`LagrangianDecomposition::max_iterations`].
    pub fn with_max_iterations(mut self, n: u32) -> Self {
        self.max_iterations = n;
        self
    }

    /// Sets [`LagrangianDecomposition::work_budget`].
    pub fn with_work_budget(mut self, n: u64) -> Self {
        self.work_budget = n;
        self
    }
}

impl Strategy for LagrangianDecomposition {
    fn name(&self) -> &'static str {
        "decomposition"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::FeasibleWithBound
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let (knobs, scaled) = self.fit(problem, budget);
        let (mut solution, capped) = knobs.solve_polished(problem, budget);
        if scaled && capped {
            budget.mark_reached();
        }
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

impl LagrangianDecomposition {
    /// The most edge visits a solve of `problem` with these knobs can make: the subgradient
    /// steps (at most [`LagrangianDecomposition::relaxation_work`], at least one step) and
    /// the plans (at most [`LagrangianDecomposition::primal_work`] plus the final ones) of each
    /// run, the local search ([`LagrangianDecomposition::work_budget`]) of the main run and of
    /// the staged top level (the other staged runs only bound), and the polish nodes at the
    /// mean need degree. Under tier bonuses the runs are the scalarised one (an eighth of the
    /// steps), one count run per bonus rank on that rank's edges and one weighted run (three
    /// times the steps each; see the module docs); without them, the main run alone.
    pub fn worst_work(&self, problem: &Problem) -> u64 {
        let edges = problem.edges.len().max(1) as u64;
        let run = |iterations: u32, edges: u64| -> u64 {
            let edges = edges.max(1);
            let steps = u64::from(iterations).saturating_mul(edges);
            let relax = self.relaxation_work.min(steps).max(edges);
            let primal = self.primal_work.saturating_add(edges).saturating_mul(2) + 4 * edges;
            relax.saturating_add(primal)
        };
        let (runs, searches) = match lexicographic::Stages::of(problem, self) {
            None => (run(self.max_iterations, edges), 1),
            Some(stages) => {
                let many = self.max_iterations.saturating_mul(3);
                let scalarised = lexicographic::scalarised(self).max_iterations;
                let counts = stages
                    .rank_edges(problem)
                    .into_iter()
                    .fold(0u64, |sum, e| sum.saturating_add(run(many, e)));
                let all = run(scalarised, edges)
                    .saturating_add(counts)
                    .saturating_add(run(many, edges));
                (all, 2)
            }
        };
        runs.saturating_add(self.work_budget.saturating_mul(searches))
            .saturating_add(self.polish_nodes.saturating_mul(node_work(problem)))
    }

    /// These knobs, scaled down so that [`LagrangianDecomposition::worst_work`] fits what is
    /// left of `budget` (unchanged when it fits). The strategy marks `budget` reached only
    /// when one of the scaled limits then stops the solve (a scaled limit that a solve never
    /// meets changes nothing: the worst case is rarely met).
    pub fn fitted(&self, problem: &Problem, budget: &WorkBudget) -> Self {
        self.fit(problem, budget).0
    }

    /// [`LagrangianDecomposition::fitted`] and whether the knobs had to be scaled.
    pub(crate) fn fit(&self, problem: &Problem, budget: &WorkBudget) -> (Self, bool) {
        let worst = self.worst_work(problem);
        let left = budget.remaining();
        if worst <= left {
            return (self.clone(), false);
        }
        let scale = |knob: u64| -> u64 {
            u64::try_from(u128::from(knob) * u128::from(left) / u128::from(worst.max(1)))
                .unwrap_or(knob)
        };
        let knobs = LagrangianDecomposition {
            relaxation_work: scale(self.relaxation_work),
            primal_work: scale(self.primal_work),
            work_budget: scale(self.work_budget),
            polish_nodes: scale(self.polish_nodes),
            ..self.clone()
        };
        (knobs, true)
    }

    /// Relaxation, plans, local search and polish, charging `budget` with the work done
    /// (the knobs are already fitted to it); also whether one of the knobs' limits stopped
    /// some part of it.
    fn solve_polished(&self, problem: &Problem, budget: &mut WorkBudget) -> (Solution, bool) {
        let strengthened = cuts::strengthened(problem);
        let problem = strengthened.as_ref().unwrap_or(problem);
        let priced = self.solve_priced(problem);
        budget.charge(priced.solution.stats.work);
        let (solution, polish_capped) = self.polish_exactly(problem, priced.solution, &priced.mu);
        let nodes = solution.stats.iterations.saturating_sub(priced.iterations);
        budget.charge(nodes.saturating_mul(node_work(problem)));
        (solution, priced.capped || polish_capped)
    }

    /// The exact polish of [`LagrangianDecomposition::polish_nodes`] search nodes on a plan
    /// not proven optimal; also whether the nodes ran out.
    pub(crate) fn polish_exactly(
        &self,
        problem: &Problem,
        solution: Solution,
        mu: &[f64],
    ) -> (Solution, bool) {
        if self.polish_nodes == 0 || solution.status == Some(SolveStatus::Optimal) {
            return (solution, false);
        }
        let mut polished =
            super::exact::search_components(problem, solution, mu, self.polish_nodes);
        let capped = polished.status == Some(SolveStatus::BudgetReached);
        if capped {
            polished.status = Some(SolveStatus::Feasible);
        }
        (polished, capped)
    }

    /// Solves a validated problem: the solution, the prices of the best bound and whether a
    /// work limit of the knobs stopped some part of the solve.
    pub(crate) fn solve_priced(&self, problem: &Problem) -> Priced {
        // The staged runs carry the bound under tier bonuses; the scalarised run only prices
        // the plans, and an eighth of its steps does that as well (measured on the default
        // county and seeds 1 and 2: the same bounds and High-risk counts, objectives within
        // 0.001 % of those with half the steps, 0.1–0.3 s less time).
        let knobs = if lexicographic::has_tiers(problem) {
            lexicographic::scalarised(self)
        } else {
            self.clone()
        };
        // The top-rank count run needs nothing from the scalarised run and the lower staged
        // runs that follow it: the two sides go side by side (each is deterministic, so the
        // result does not depend on the thread count).
        let stages = lexicographic::Stages::of(problem, self);
        let ((mut run, lower), top) = rayon::join(
            || {
                let mut run = Run::new(problem, &knobs);
                run.prices();
                let lower = stages
                    .as_ref()
                    .map(|stages| stages.lower(problem, run.best.objective));
                (run, lower)
            },
            || stages.as_ref().map(|stages| stages.top(problem)),
        );
        if let (Some(top), Some(lower)) = (top, lower) {
            let staged = lexicographic::Stages::finish(top, lower);
            run.work = run.work.saturating_add(staged.work);
            run.bound = run.bound.min(staged.bound);
            run.capped |= staged.capped;
            run.seed(&staged.seed);
        }
        run.polish();
        let mu = run.best_mu.clone();
        let capped = run.capped;
        let solution = run.finish();
        Priced {
            iterations: solution.stats.iterations,
            solution,
            mu,
            capped,
        }
    }
}

/// What [`LagrangianDecomposition::solve_priced`] returns.
pub(crate) struct Priced {
    pub(crate) solution: Solution,
    /// Prices of the best bound.
    pub(crate) mu: Vec<f64>,
    /// Whether a work limit of the knobs (relaxation, primal or local-search work) stopped
    /// some part of the solve before its own stopping rule did.
    pub(crate) capped: bool,
    /// The solution's iteration count before any polish.
    pub(crate) iterations: u64,
}

/// Halvings of the step factor in a row without a better bound after which the subgradient
/// loop stops. The bound of a problem that counts needs is an integer and stays flat for
/// hundreds of steps once it is reached: measured on the default county and seeds 1 and 2,
/// the High-count runs then stop after 543 / 634 / 593 steps instead of 678 / 634 / 683 with
/// the same bounds, plans and High counts (4 loosened seed 1's High-count bound from 458 to
/// 459); the weighted runs, whose bound keeps improving a little, are not affected.
const FRUITLESS_HALVINGS: u32 = 5;

/// Passes of the plateau walk on a counting problem: on the default county and seeds 1 and 2
/// the walk finds nothing more after the third.
const PLATEAU_ROUNDS: u32 = 3;

/// Whether `problem` only counts served needs: every need worth 0 or one common value, no
/// edge score and no coverage group (the tier counts of the lexicographic policy), so that
/// many plans tie and the plateau walk of the local search applies.
fn counts_needs(problem: &Problem) -> bool {
    let mut worth = None;
    problem.groups.is_empty()
        && problem.edges.iter().all(|e| e.score_per_unit == 0)
        && problem
            .needs
            .iter()
            .all(|n| n.value == 0 || *worth.get_or_insert(n.value) == n.value)
}

/// Work of one branch-and-bound node: the mean candidate edges per need, rounded up.
pub(crate) fn node_work(problem: &Problem) -> u64 {
    let needs = problem.needs.len().max(1) as u64;
    1 + (problem.edges.len() as u64).div_ceil(needs)
}

/// One solve: relaxation, prices, the best plan and the best bound.
struct Run<'p> {
    knobs: LagrangianDecomposition,
    problem: &'p Problem,
    relaxation: CapacityRelaxation<'p>,
    provider_edges: ProviderEdges,
    best: TeamState<'p>,
    bound: i128,
    best_mu: Vec<f64>,
    /// Needs by value descending, ties by index.
    by_value: Vec<usize>,
    steps: u64,
    /// Plans built during the subgradient loop.
    plans: u64,
    /// Edge visits so far (relaxation steps, plans, local search, staged runs).
    work: u64,
    /// Whether a work limit of the knobs stopped some part of the run.
    capped: bool,
}

impl<'p> Run<'p> {
    fn new(problem: &'p Problem, knobs: &LagrangianDecomposition) -> Self {
        let mut by_value: Vec<usize> = (0..problem.needs.len()).collect();
        by_value.sort_by_key(|&n| (std::cmp::Reverse(problem.needs[n].value), n));
        let mut run = Run {
            knobs: knobs.clone(),
            problem,
            relaxation: CapacityRelaxation::new(problem),
            provider_edges: ProviderEdges::new(problem),
            best: TeamState::new(problem),
            bound: i128::MAX,
            best_mu: vec![0.0; prices::multiplier_count(problem)],
            by_value,
            steps: 0,
            plans: 0,
            work: 0,
            capped: false,
        };
        let zero = run.best_mu.clone();
        let order = std::mem::take(&mut run.by_value);
        let plan = run.construct(&zero, &order);
        run.by_value = order;
        run.offer(plan);
        run
    }

    fn gap_closed(&self) -> bool {
        let z = self.best.objective;
        if self.bound <= z {
            return true;
        }
        let gap = (self.bound - z) as f64;
        gap * 1e6 <= f64::from(self.knobs.gap_ppm) * (z.unsigned_abs() as f64).max(1.0)
    }

    /// The subgradient loop from zero prices.
    fn prices(&mut self) {
        let zero = vec![0.0f64; prices::multiplier_count(self.problem)];
        self.prices_from(zero, 2.0);
    }

    /// The subgradient loop from prices `mu` with step factor `theta`.
    fn prices_from(&mut self, mut mu: Vec<f64>, mut theta: f64) {
        let problem = self.problem;
        let mut eval = Evaluation::default();
        let mut stall = 0u32;
        let edges = problem.edges.len().max(1) as u64;
        let by_work = self.knobs.relaxation_work / edges;
        let steps = by_work.clamp(1, u64::from(self.knobs.max_iterations));
        let mut converged = false;
        let mut fruitless = 0u32;
        for step in 0..steps as u32 {
            self.steps += 1;
            self.work = self.work.saturating_add(edges);
            self.relaxation.evaluate(&mu, &mut eval);
            if eval.bound < self.bound {
                self.bound = eval.bound;
                self.best_mu.clone_from(&mu);
                stall = 0;
                fruitless = 0;
            } else {
                stall += 1;
                if stall >= self.knobs.stall_limit {
                    theta /= 2.0;
                    stall = 0;
                    fruitless += 1;
                }
            }
            if self.primal_due(step, steps) {
                self.plans += 1;
                let profit = std::mem::take(&mut eval.profit);
                self.construct_both(&mu, &profit);
                eval.profit = profit;
            }
            if self.gap_closed() || theta < 1.0 / 1024.0 || fruitless >= FRUITLESS_HALVINGS {
                converged = true;
                break;
            }
            let scale = &self.relaxation.scale;
            let mut norm = 0.0f64;
            for (i, &g) in eval.gradient.iter().enumerate() {
                let g = g / scale[i];
                if !prices::is_price(problem, i) || mu[i] > 0.0 || g < 0.0 {
                    norm += g * g;
                }
            }
            if norm == 0.0 {
                converged = true;
                break;
            }
            let target = self.best.objective as f64;
            let t = theta * (eval.value - target).max(0.0) / norm;
            for (i, m) in mu.iter_mut().enumerate() {
                let step = *m - t * eval.gradient[i] / (scale[i] * scale[i]);
                *m = if prices::is_price(problem, i) {
                    step.max(0.0)
                } else {
                    step
                };
            }
        }
        if !converged && by_work < u64::from(self.knobs.max_iterations) {
            self.capped = true;
        }
    }

    /// A plan at the best prices, then local search on the best plan, then optional roles.
    fn polish(&mut self) {
        let best_mu = self.best_mu.clone();
        let mut eval = Evaluation::default();
        self.relaxation.evaluate(&best_mu, &mut eval);
        self.construct_both(&best_mu, &eval.profit);
        let problem = self.problem;
        self.best.order_roles(reduced_score(problem, &best_mu));
        let budget = self.knobs.work_budget;
        let mut search = LocalSearch {
            state: &mut self.best,
            provider_edges: &self.provider_edges,
            budget,
            work: 0,
            shift_depth: if counts_needs(problem) { 2 } else { 1 },
        };
        search.settle(&self.by_value, self.knobs.search_passes);
        if counts_needs(problem) {
            search.plateau_walk(&self.by_value, PLATEAU_ROUNDS);
            search.settle(&self.by_value, self.knobs.search_passes);
        }
        self.capped |= budget > 0 && search.work >= budget;
        self.work = self.work.saturating_add(search.work);
        self.best.begin();
        let by_value = self.by_value.clone();
        self.best.fill_optional(&by_value);
    }

    fn finish(mut self) -> Solution {
        let bound = self.bound.max(self.best.objective);
        let status = if bound <= self.best.objective {
            SolveStatus::Optimal
        } else {
            SolveStatus::Feasible
        };
        self.best.stats.subproblems = self.steps;
        let mut solution = self.best.to_solution(status, i64::try_from(bound).ok());
        solution.stats.work = self.work;
        solution
    }
}
