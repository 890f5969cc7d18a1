//! Deferred acceptance on score-derived preferences, then repair.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::problem::{Problem, RoleKind, Solution, SolveStats, SolveStatus};
use crate::solve::WorkBudget;
use crate::solve::budget::core_price;
use crate::solve::stable::{
    AgentPrefs, DeferredAcceptance, ProposingSide, StableInstance, StableMatching, blocking_pairs,
};
use crate::solve::strategy::{Guarantee, Strategy};

use super::relaxation::{edge_usable, role_reach, unit_capacities, usable_needs};
use super::repair::Repair;

/// Which side makes the offers in [`StableStrategy`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StableSide {
    /// Roles propose (role-optimal stable matching).
    #[default]
    Roles,
    /// Providers propose (provider-optimal stable matching).
    Providers,
}

/// Capacitated deferred acceptance between person roles and providers, then repair.
///
/// Preferences come from the edge scores: a role ranks the providers of its usable edges by
/// score per unit (descending, ties by provider index); a provider ranks the roles it may
/// fill by the same score (descending, ties by role index). A role's capacity is its demand
/// (each pair is one unit, a person fills a role at most once); a provider's capacity is its
/// capacity in units of its smallest usage. Material roles and needs that can never be served
/// are left out; the shared repair then drops incomplete teams, resolves `one_role_per_need`
/// conflicts, fills material roles and the remaining capacity.
///
/// # Guarantee
/// Feasible on every problem. The deferred-acceptance matching is pairwise stable for these
/// preferences and optimal for the proposing side among stable matchings; the status
/// `Stable` refers to that matching, *before* repair. The repair may leave blocking pairs in
/// the final solution (a dropped team frees a provider its other roles wanted);
/// [`blocking_pair_count`] counts them for metrics. No objective bound.
///
/// # Complexity
/// `O(L log c)` for total preference-list length `L` (twice the number of person edges) and
/// largest capacity `c`, plus `O(m log m)` for building the lists and the repair.
///
/// # Budget
/// Deferred acceptance runs only when its admission price, `m · (1 + ⌈log2 P⌉) + m` for `m`
/// edges and `P` providers, fits the budget; otherwise the repair's greedy fill alone runs
/// (within what is left). Either way a budget that ran out gives status `BudgetReached`
/// instead of `Stable`.
///
/// # References
/// - D. Gale, L. S. Shapley, "College admissions and the stability of marriage", *American
///   Mathematical Monthly* 69 (1962) 9–15.
/// - A. E. Roth, M. Sotomayor, *Two-Sided Matching*, Cambridge University Press 1990, ch. 5
///   (many-to-many, responsive preferences).
///
/// # Example
/// ```
/// use wushe::problem::Problem;
/// use wushe::problem::SolveStatus;
/// use wushe::solve::team::{StableStrategy, blocking_pair_count};
/// use wushe::solve::Strategy;
/// # fn main() -> Result<(), wushe::Error> {
/// let mut problem = Problem::default();
/// problem.index_edges();
/// let solution = StableStrategy::default().solve(&problem)?;
/// assert_eq!(solution.status, Some(SolveStatus::Stable));
/// assert_eq!(blocking_pair_count(&problem, &solution)?, 0);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StableStrategy {
    /// The side that proposes.
    pub proposing: StableSide,
}

impl StableStrategy {
    /// Sets the proposing side.
    pub fn with_proposing(mut self, side: StableSide) -> Self {
        self.proposing = side;
        self
    }
}

impl Strategy for StableStrategy {
    fn name(&self) -> &'static str {
        "stable"
    }

    fn guarantee(&self) -> Guarantee {
        Guarantee::Stable
    }

    fn solve_within(&self, problem: &Problem, budget: &mut WorkBudget) -> Result<Solution> {
        problem.validate()?;
        let mut repair = Repair::new(problem);
        let mut iterations = 0;
        // Deferred acceptance proposes along each ranking at most once: linear in the edges.
        let price = core_price(problem.edges.len(), problem.providers.len())
            .saturating_add(problem.edges.len() as u64);
        if budget.try_charge(price) {
            let prefs = Preferences::new(problem)?;
            let proposing = match self.proposing {
                StableSide::Roles => ProposingSide::Proposers,
                StableSide::Providers => ProposingSide::Receivers,
            };
            let matching = DeferredAcceptance { proposing }.solve(&prefs.instance);
            let mut units = vec![0i64; problem.edges.len()];
            for &(i, p) in matching.pairs() {
                if let Some(e) = prefs.edge(problem, i, p) {
                    units[e] += 1;
                }
            }
            repair.propose(&units);
            iterations = matching.len() as u64;
        }
        repair.fill(budget);
        let stats = SolveStats {
            iterations,
            subproblems: 1,
            work: 0,
        };
        let mut solution = repair.finish(None, SolveStatus::Stable, stats);
        budget.stamp(&mut solution);
        Ok(solution)
    }
}

/// Number of blocking pairs of `solution` for the score-derived preferences of
/// [`StableStrategy`] (0: the person-role part of the solution is pairwise stable). Works for
/// the solution of any strategy.
///
/// # Errors
/// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
pub fn blocking_pair_count(problem: &Problem, solution: &Solution) -> Result<usize> {
    problem.validate()?;
    let prefs = Preferences::new(problem)?;
    let mut pairs = Vec::new();
    for u in &solution.uses {
        let Some(edge) = problem.edges.get(u.edge as usize) else {
            continue;
        };
        if let Some(&Some(i)) = prefs.agent_of_role.get(edge.role as usize) {
            pairs.push((i as usize, edge.provider as usize));
        }
    }
    let matching = StableMatching::from_pairs(
        prefs.instance.proposers(),
        prefs.instance.receivers(),
        pairs,
    )?;
    Ok(blocking_pairs(&prefs.instance, &matching).len())
}

/// The preference instance: proposers are the participating roles, receivers all providers.
struct Preferences {
    instance: StableInstance,
    /// Role of each proposer.
    role_of_agent: Vec<u32>,
    /// Proposer of each role, if it takes part.
    agent_of_role: Vec<Option<u32>>,
}

impl Preferences {
    fn new(problem: &Problem) -> Result<Self> {
        let units = unit_capacities(problem);
        let usable = usable_needs(problem, &units);
        let mut role_of_agent = Vec::new();
        let mut agent_of_role = vec![None; problem.roles.len()];
        let mut proposers = Vec::new();
        let mut by_provider: Vec<(u32, Reverse<i64>, u32)> = Vec::new();
        for (r, role) in problem.roles.iter().enumerate() {
            let takes_part = role.kind != RoleKind::Material
                && usable[role.need as usize]
                && role_reach(problem, &units, r) > 0;
            if !takes_part {
                continue;
            }
            let agent = role_of_agent.len() as u32;
            let ranked = ranked_providers(problem, &units, r);
            by_provider.extend(ranked.iter().map(|&(s, p)| (p, s, agent)));
            let capacity = usize::try_from(role.demand).unwrap_or(usize::MAX);
            proposers.push(AgentPrefs::new(
                capacity,
                ranked.iter().map(|&(_, p)| p as usize).collect(),
            ));
            agent_of_role[r] = Some(agent);
            role_of_agent.push(r as u32);
        }
        by_provider.sort_unstable();
        let mut receivers: Vec<AgentPrefs> = units
            .iter()
            .map(|&u| AgentPrefs::new(usize::try_from(u).unwrap_or(usize::MAX), Vec::new()))
            .collect();
        for &(p, _, agent) in &by_provider {
            receivers[p as usize].ranking.push(agent as usize);
        }
        Ok(Preferences {
            instance: StableInstance::new(&proposers, &receivers)?,
            role_of_agent,
            agent_of_role,
        })
    }

    /// The candidate edge of proposer `agent` and provider `p`.
    fn edge(&self, problem: &Problem, agent: usize, p: usize) -> Option<usize> {
        let r = *self.role_of_agent.get(agent)? as usize;
        let range = problem.role_edge_range(r);
        let i = problem.edges[range.clone()]
            .binary_search_by_key(&(p as u32), |e| e.provider)
            .ok()?;
        Some(range.start + i)
    }
}

/// The providers role `r` may use, as `(Reverse(score), provider)` best first (ties by
/// provider index).
fn ranked_providers(problem: &Problem, units: &[i64], r: usize) -> Vec<(Reverse<i64>, u32)> {
    let mut ranked: Vec<(Reverse<i64>, u32)> = problem
        .role_edge_range(r)
        .filter(|&e| edge_usable(problem, e) && units[problem.edges[e].provider as usize] > 0)
        .map(|e| {
            let edge = &problem.edges[e];
            (Reverse(edge.score_per_unit), edge.provider)
        })
        .collect();
    ranked.sort_unstable();
    ranked
}
