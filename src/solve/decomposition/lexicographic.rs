//! A tighter bound, and a better start, under the lexicographic tier policy.
//!
//! The tier bonuses make need values differ by many orders of magnitude, and one subgradient
//! run on the scalarised objective converges slowly at the smaller scales. Split the
//! objective instead: within each candidate component `c` every need's bonus is one of at
//! most two values `b_{c,1} > b_{c,2} > 0` (High, Key) or 0, so for every feasible plan
//!
//! `objective = Σ_c Σ_k b_{c,k}·count_{c,k} + weighted`,
//!
//! where `count_{c,k}` is the number of served needs of component `c` with bonus `b_{c,k}` and
//! `weighted` the plain objective (values without bonuses, scores, group rewards). Each term
//! is bounded on its own by a well-scaled Lagrangian run: a *count problem* per rank `k`
//! (the needs of rank `k` in every component, each worth 1, no scores) and the plain
//! weighted problem, each bound split by part ([`crate::solve::exact`]'s part bounds: a
//! count problem's parts lie within one component each, the weighted problem's are the
//! components merged where a coverage group spans several) and a count's rounded down
//! (counts are integers). The sum of valid bounds is a valid bound. The plan of the top-rank
//! count problem (the most High-risk needs the decomposition finds) seeds the primal side.

use crate::problem::{
    CandidateEdge, EdgeUse, Problem, ProblemNeed, ProblemRole, SharedUse, Solution,
    candidate_components,
};
use crate::solve::exact::{Part, independent_parts, part_bound};

use super::LagrangianDecomposition;
use super::prices::{CapacityRelaxation, Evaluation};

/// The staged bound and the top-rank count plan.
pub(crate) struct Staged {
    /// A valid upper bound on the scalarised objective.
    pub(crate) bound: i128,
    /// Whether a work limit of the knobs stopped some part of a staged run.
    pub(crate) capped: bool,
    /// Served needs and their edges from the top-rank count problem (a feasible plan).
    pub(crate) seed: Solution,
    /// Edge visits of the staged runs.
    pub(crate) work: u64,
}

/// The staged runs of a problem with tier bonuses: its independent parts (for the weighted
/// run's bound), each need's bonus rank within its candidate component and the knobs of the
/// count runs.
pub(crate) struct Stages {
    parts: Vec<Part>,
    /// Per need: the rank of its bonus within its candidate component (0 = largest), `None`
    /// for no bonus.
    rank: Vec<Option<usize>>,
    /// Per rank: the largest bonus of its needs.
    heaviest: Vec<i64>,
    /// Knobs of the top-rank count run (its plan seeds the primal side).
    counting: LagrangianDecomposition,
    /// Knobs of the other runs, which only bound.
    bounding: LagrangianDecomposition,
}

/// What one staged run adds: its share of the bound, its work, and (top rank) its plan.
pub(crate) struct StageRun {
    bound: i128,
    capped: bool,
    work: u64,
    seed: Option<Solution>,
}

impl Stages {
    /// The stages of `problem` under `knobs` (`None` without tier bonuses).
    pub(crate) fn of(problem: &Problem, knobs: &LagrangianDecomposition) -> Option<Self> {
        if !has_tiers(problem) {
            return None;
        }
        // Ranks are taken within each candidate component, where every need of a tier has
        // the same bonus, and not within the independent parts (components merged where a
        // coverage group spans several): a fairness policy's groups merge the whole default
        // county into one part, where the High bonuses of the small components would rank
        // below the large component's Key bonus and their needs drop out of the High-count run.
        let mut rank: Vec<Option<usize>> = vec![None; problem.needs.len()];
        let mut heaviest: Vec<i64> = Vec::new();
        for component in candidate_components(problem) {
            let mut values: Vec<i64> = component
                .needs
                .iter()
                .map(|&n| problem.tier_bonus_of(n as usize))
                .filter(|&b| b > 0)
                .collect();
            values.sort_unstable_by(|a, b| b.cmp(a));
            values.dedup();
            if heaviest.len() < values.len() {
                heaviest.resize(values.len(), 0);
            }
            for (k, &b) in values.iter().enumerate() {
                heaviest[k] = heaviest[k].max(b);
            }
            for &n in &component.needs {
                let b = problem.tier_bonus_of(n as usize);
                rank[n as usize] = values.iter().position(|&v| v == b);
            }
        }
        // The count runs need a good plan only for the top rank (the seed); the others only
        // their bounds. A count problem's bound is an integer that the subgradient steps
        // reach only when the step factor halves slowly; its steps are cheap (only the
        // rank's needs). With three times the stall limit and the steps, the High-count
        // bounds of the default county and seeds 1 and 2 are 498, 458 and 448 High-risk
        // needs (with the default knobs 503, 460 and 451; the LP optima with the rounded
        // capacity rows are 498.5, 459.25 and 447, the integer optima 495, 456 and 445).
        // Their plans come twice as often as the main run's: with a plan every 20 steps
        // instead of 10, seed 2's count plan serves 444 High-risk needs instead of 445.
        let counting = LagrangianDecomposition {
            polish_nodes: 0,
            search_passes: knobs.search_passes.min(3),
            stall_limit: knobs.stall_limit.saturating_mul(3),
            max_iterations: knobs.max_iterations.saturating_mul(3),
            primal_every: (knobs.primal_every / 2).max(1),
            ..knobs.clone()
        };
        let bounding = LagrangianDecomposition {
            work_budget: 0,
            ..counting.clone()
        };
        Some(Stages {
            parts: independent_parts(problem),
            rank,
            heaviest,
            counting,
            bounding,
        })
    }

    /// Per bonus rank, the candidate edges of its needs (the edges of its count problem).
    pub(crate) fn rank_edges(&self, problem: &Problem) -> Vec<u64> {
        let mut edges = vec![0u64; self.heaviest.len()];
        for (n, need) in problem.needs.iter().enumerate() {
            if let Some(slot) = self.rank[n].and_then(|k| edges.get_mut(k)) {
                *slot += need
                    .roles()
                    .map(|r| problem.role_edge_range(r).len() as u64)
                    .sum::<u64>();
            }
        }
        edges
    }

    /// The top-rank count run (the most High-risk needs): it needs nothing from the
    /// scalarised run, so the two may run side by side.
    pub(crate) fn top(&self, problem: &Problem) -> StageRun {
        self.rank_run(problem, 0, &self.counting)
    }

    /// The runs of the lower ranks and of the plain weighted problem (they only bound);
    /// `total` is the best scalarised objective known (it sets how closely they must bound).
    /// They need nothing from the top-rank run, so they may run beside it.
    pub(crate) fn lower(&self, problem: &Problem, total: i128) -> StageRun {
        let mut lower = StageRun {
            bound: 0,
            capped: false,
            work: 0,
            seed: None,
        };
        for k in 1..self.heaviest.len() {
            let weight = self.heaviest[k];
            let needs = self.rank.iter().filter(|&&r| r == Some(k)).count();
            let most = i128::from(weight) * needs as i128;
            let run = self.rank_run(problem, k, &loosened(&self.bounding, total, most));
            lower.bound += run.bound;
            lower.capped |= run.capped;
            lower.work = lower.work.saturating_add(run.work);
        }
        let mut weighted = problem.clone();
        for (n, need) in weighted.needs.iter_mut().enumerate() {
            need.value -= problem.tier_bonus_of(n);
        }
        weighted.tier_bonus.clear();
        weighted.tier_cap = None;
        let knobs = loosened(&self.bounding, total, weighted_range(&weighted));
        let priced = knobs.solve_priced(&weighted);
        lower.capped |= priced.capped;
        lower.work = lower.work.saturating_add(priced.solution.stats.work);
        lower.bound += part_bounds(&weighted, &self.parts, &priced.mu)
            .iter()
            .sum::<i128>();
        lower
    }

    /// The staged bound and seed from the top-rank run `top` and the `lower` runs.
    pub(crate) fn finish(top: StageRun, lower: StageRun) -> Staged {
        Staged {
            bound: top.bound + lower.bound,
            capped: top.capped || lower.capped,
            seed: top.seed.unwrap_or_default(),
            work: top.work.saturating_add(lower.work),
        }
    }

    /// The count run of bonus rank `k` under `knobs`: its bound weighted by each part's
    /// rank-`k` bonus, and (rank 0) its plan lifted to `problem`.
    fn rank_run(&self, problem: &Problem, k: usize, knobs: &LagrangianDecomposition) -> StageRun {
        let count = CountProblem::of(problem, &self.rank, k);
        let priced = knobs.solve_priced(&count.problem);
        // Each part of the count problem lies within one candidate component of the problem
        // (its edges and shared resources are the problem's, without groups), where every
        // rank-k need has the same bonus: the one its count earns.
        let count_parts = independent_parts(&count.problem);
        let per_part = part_bounds(&count.problem, &count_parts, &priced.mu);
        let mut bound = 0i128;
        for (part, part_bound) in count_parts.iter().zip(per_part) {
            let Some(&first) = part.needs.first() else {
                continue;
            };
            let b = problem.tier_bonus_of(count.needs[first]);
            let most = part_bound.min(part.needs.len() as i128).max(0);
            bound += i128::from(b) * most;
        }
        StageRun {
            bound,
            capped: priced.capped,
            work: priced.solution.stats.work,
            seed: (k == 0).then(|| count.lift(problem, &priced.solution)),
        }
    }
}

/// The count problem of one bonus rank: only the needs of that rank, each worth 1, no edge
/// scores, no groups, every provider and shared resource of the problem. The needs of other
/// ranks would be worth 0 in it and never served, so leaving them out changes neither its
/// optimum nor its bound, and makes every subgradient step and plan cheaper (on the default
/// county the High-count problem keeps 600 of 3,000 needs).
struct CountProblem {
    problem: Problem,
    /// Per need of the count problem, its index in the problem.
    needs: Vec<usize>,
    /// Per edge of the count problem, its index in the problem.
    edges: Vec<u32>,
}

impl CountProblem {
    fn of(problem: &Problem, rank: &[Option<usize>], k: usize) -> Self {
        let mut count = Problem {
            providers: problem.providers.clone(),
            provider_ids: problem.provider_ids.clone(),
            shared: problem.shared.clone(),
            ..Problem::default()
        };
        let mut needs = Vec::new();
        let mut edges = Vec::new();
        let mut draws: Vec<Vec<SharedUse>> = Vec::new();
        for (n, need) in problem.needs.iter().enumerate() {
            if rank[n] != Some(k) {
                continue;
            }
            let local = count.needs.len() as u32;
            let first_role = count.roles.len() as u32;
            for r in need.roles() {
                let role = count.roles.len() as u32;
                count.roles.push(ProblemRole {
                    need: local,
                    ..problem.roles[r].clone()
                });
                for e in problem.role_edge_range(r) {
                    count.edges.push(CandidateEdge {
                        role,
                        score_per_unit: 0,
                        ..problem.edges[e].clone()
                    });
                    edges.push(e as u32);
                    draws.push(problem.edge_shared(e).to_vec());
                }
            }
            count.needs.push(ProblemNeed {
                value: 1,
                first_role,
                ..need.clone()
            });
            count.need_ids.push(problem.need_ids[n]);
            needs.push(n);
        }
        if problem.has_shared() {
            count.set_edge_shared(&draws);
        }
        count.index_edges();
        CountProblem {
            problem: count,
            needs,
            edges,
        }
    }

    /// A plan of the count problem as a plan of the problem.
    fn lift(&self, problem: &Problem, plan: &Solution) -> Solution {
        let mut served = vec![false; problem.needs.len()];
        for (local, &s) in plan.served.iter().enumerate() {
            if let (true, Some(&n)) = (s, self.needs.get(local)) {
                served[n] = true;
            }
        }
        let uses = plan
            .uses
            .iter()
            .filter_map(|u| {
                let edge = *self.edges.get(u.edge as usize)?;
                Some(EdgeUse { edge, ..*u })
            })
            .collect();
        Solution {
            uses,
            served,
            ..Solution::default()
        }
    }
}

/// `knobs` with an eighth of the subgradient steps (at least one): the knobs of the
/// scalarised run under tier bonuses, whose bound the staged runs replace and whose plans the
/// top-rank seed and the local search overtake.
pub(crate) fn scalarised(knobs: &LagrangianDecomposition) -> LagrangianDecomposition {
    LagrangianDecomposition {
        max_iterations: (knobs.max_iterations / 8).max(1),
        ..knobs.clone()
    }
}

/// Whether `problem` has a positive tier bonus (the lexicographic tier policy).
pub(crate) fn has_tiers(problem: &Problem) -> bool {
    problem.tier_bonus.iter().any(|&b| b > 0)
}

/// `knobs` for a level whose objective is at most `most` in a problem whose best objective is
/// `total`: its run may stop at a relative gap `most / total` times larger than
/// [`LagrangianDecomposition::gap_ppm`] (at most 100 %), since its remaining gap then adds at
/// most `gap_ppm` of `total` to the staged bound. A level that is small against the whole
/// (the plain weighted objective under bonuses of 10¹¹ per High need) is bounded in a few
/// steps instead of hundreds.
fn loosened(knobs: &LagrangianDecomposition, total: i128, most: i128) -> LagrangianDecomposition {
    let scale = if most <= 0 {
        f64::INFINITY
    } else {
        total.max(0) as f64 / most as f64
    };
    let ppm = (f64::from(knobs.gap_ppm) * scale.max(1.0)).min(1e6);
    LagrangianDecomposition {
        gap_ppm: ppm as u32,
        ..knobs.clone()
    }
}

/// An upper bound on the plain weighted objective of `problem`: every positive value and every
/// positive edge score at its most units.
fn weighted_range(problem: &Problem) -> i128 {
    let values: i128 = problem
        .needs
        .iter()
        .map(|n| i128::from(n.value.max(0)))
        .sum();
    let scores: i128 = problem
        .edges
        .iter()
        .map(|e| i128::from(e.score_per_unit.max(0)) * i128::from(e.max_units.max(0)))
        .sum();
    let groups: i128 = problem
        .groups
        .iter()
        .flat_map(|g| g.steps.iter())
        .map(|&s| i128::from(s.max(0)))
        .sum();
    values + scores + groups
}

/// The Lagrangian bound of `problem` at `lambda`, split by part.
fn part_bounds(problem: &Problem, parts: &[Part], lambda: &[f64]) -> Vec<i128> {
    let mut relaxation = CapacityRelaxation::new(problem);
    let mut eval = Evaluation::default();
    relaxation.evaluate(lambda, &mut eval);
    parts
        .iter()
        .map(|part| part_bound(problem, &relaxation.capacity, part, lambda, &eval))
        .collect()
}
