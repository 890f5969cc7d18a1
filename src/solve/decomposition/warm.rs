//! Warm starts: re-solving a slightly changed problem from the prices and the plan of the
//! previous solve.
//!
//! After a small change (needs added or closed, a volunteer leaving, a fund topped up) the
//! previous prices are still close to good ones and most of the previous plan still fits. A
//! warm solve therefore (1) keeps the previous plan's teams that still exist and fit, by
//! domain ids (need, role, provider), so re-indexing does not matter; (2) starts the
//! subgradient loop at the previous prices with a small step factor and at most
//! [`WarmStart::ITERATIONS`] steps; (3) builds plans at the prices, the kept plan completed by
//! value among them, and runs the local search. The bound stays valid: `L(μ)` bounds the new
//! problem for any prices `μ ≥ 0` (`prices.rs`), whichever problem they came from. What is
//! given up against a cold solve is the staged lexicographic bound and the exact polish, so
//! the reported gap can be wider; the plans are as good in the measurements of the crate's
//! re-matching bench.

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{NeedId, ProviderId, TeamRule};
use crate::problem::{EdgeUse, Ledger, Problem, Solution, SolveStatus};

use super::improve::LocalSearch;
use super::prices::CapacityRelaxation;
use super::state::{ProviderEdges, TeamState};
use super::{LagrangianDecomposition, Run, reduced_score};

/// What a decomposition solve leaves for the next one: its prices and its plan, keyed by
/// domain ids. Made by [`LagrangianDecomposition::solve_keeping_warm`] and
/// [`LagrangianDecomposition::solve_warm`].
#[derive(Debug, Clone, Default)]
pub struct WarmStart {
    /// Price per provider (the first problem provider of each id: reserved copies of pinned
    /// pairings start from 0).
    prices: HashMap<ProviderId, f64>,
    /// Coverage-group multipliers, by group position.
    groups: Vec<f64>,
    /// The plan's uses: need, role index in the team, provider, units.
    uses: Vec<(NeedId, u32, ProviderId, i64)>,
}

impl WarmStart {
    /// Most subgradient steps of a warm solve.
    pub const ITERATIONS: u32 = 12;

    /// The prices and plan of `solution` on `problem`.
    pub(crate) fn of(problem: &Problem, solution: &Solution, mu: &[f64]) -> Self {
        let providers = problem.providers.len();
        let mut prices = HashMap::with_capacity(providers);
        for (p, &id) in problem.provider_ids.iter().enumerate() {
            prices
                .entry(id)
                .or_insert(mu.get(p).copied().unwrap_or(0.0));
        }
        let groups = mu
            .get(providers..providers + problem.groups.len())
            .map(<[f64]>::to_vec)
            .unwrap_or_default();
        let uses = solution
            .uses
            .iter()
            .filter_map(|u| {
                let e = problem.edges.get(u.edge as usize)?;
                let role = problem.roles.get(e.role as usize)?;
                let need = *problem.need_ids.get(role.need as usize)?;
                let provider = *problem.provider_ids.get(e.provider as usize)?;
                Some((need, role.team_index, provider, u.units))
            })
            .collect();
        WarmStart {
            prices,
            groups,
            uses,
        }
    }

    /// The prices on `problem`'s providers and groups.
    pub(crate) fn prices_for(&self, problem: &Problem) -> Vec<f64> {
        let mut mu: Vec<f64> = problem
            .provider_ids
            .iter()
            .map(|id| self.prices.get(id).copied().unwrap_or(0.0).max(0.0))
            .collect();
        mu.extend((0..problem.groups.len()).map(|g| self.groups.get(g).copied().unwrap_or(0.0)));
        // shared resources have no domain ids to carry prices by: they start at 0
        mu.resize(super::prices::multiplier_count(problem), 0.0);
        mu
    }

    /// The previous plan on `problem`: the teams whose edges all still exist, whose required
    /// roles they still fill and that still fit the capacities, by need value; without their
    /// optional roles, which the solve fills again last.
    fn seed_for(&self, problem: &Problem) -> Solution {
        let mut edge_of: HashMap<(NeedId, u32, ProviderId), u32> = HashMap::new();
        for (i, e) in problem.edges.iter().enumerate() {
            let role = &problem.roles[e.role as usize];
            let key = (
                problem.need_ids[role.need as usize],
                role.team_index,
                problem.provider_ids[e.provider as usize],
            );
            // the last edge of a key wins: a pinned pairing's reserved copy comes after the
            // real provider's edge in its role
            edge_of.insert(key, i as u32);
        }
        let need_index: HashMap<NeedId, usize> = problem
            .need_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        let mut by_need: Vec<Vec<EdgeUse>> = vec![Vec::new(); problem.needs.len()];
        let mut lost = vec![false; problem.needs.len()];
        for &(need, role, provider, units) in &self.uses {
            let Some(&n) = need_index.get(&need) else {
                continue;
            };
            match edge_of.get(&(need, role, provider)) {
                // optional roles are filled again at the end of the solve
                Some(&edge) if !is_optional(problem, edge) => {
                    by_need[n].push(EdgeUse { edge, units })
                }
                Some(_) => {}
                None => lost[n] = true,
            }
        }
        let mut order: Vec<usize> = (0..problem.needs.len()).collect();
        order.sort_by_key(|&n| (std::cmp::Reverse(problem.needs[n].value), n));
        let mut ledger = Ledger::new(problem);
        let mut seed = Solution {
            served: vec![false; problem.needs.len()],
            status: Some(SolveStatus::Feasible),
            ..Solution::default()
        };
        for n in order {
            let uses = &by_need[n];
            if lost[n] || uses.is_empty() || !completes(problem, n, uses) {
                continue;
            }
            if !ledger.take_if_fits(problem, uses) {
                continue;
            }
            seed.served[n] = true;
            seed.uses.extend_from_slice(uses);
        }
        seed.uses.sort_by_key(|u| u.edge);
        if problem.check(&seed).is_err() {
            // cannot happen with the checks above; an empty seed is always safe
            seed.uses.clear();
            seed.served.iter_mut().for_each(|s| *s = false);
        }
        seed
    }
}

/// Whether edge `edge` fills an optional role of a `CoreThenOptional` need.
fn is_optional(problem: &Problem, edge: u32) -> bool {
    let role = &problem.roles[problem.edges[edge as usize].role as usize];
    role.optional && problem.needs[role.need as usize].rule == TeamRule::CoreThenOptional
}

/// Whether `uses` fill need `n`'s team as its rule requires (capacities are the ledger's).
fn completes(problem: &Problem, n: usize, uses: &[EdgeUse]) -> bool {
    let need = &problem.needs[n];
    let mut filled: HashMap<u32, i64> = HashMap::new();
    for u in uses {
        let e = &problem.edges[u.edge as usize];
        if u.units < 1 || u.units > e.max_units {
            return false;
        }
        *filled.entry(e.role).or_insert(0) += u.units;
    }
    need.roles().all(|r| {
        let role = &problem.roles[r];
        let got = filled.get(&(r as u32)).copied().unwrap_or(0);
        let required = need.rule == TeamRule::AllOrNothing || !role.optional;
        got <= role.demand && (!required || got == role.demand)
    })
}

impl LagrangianDecomposition {
    /// [`crate::solve::Strategy::solve`], also returning what a warm re-solve needs.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    pub fn solve_keeping_warm(&self, problem: &Problem) -> Result<(Solution, WarmStart)> {
        self.solve_keeping_warm_capped(problem)
            .map(|(solution, warm, _)| (solution, warm))
    }

    /// [`LagrangianDecomposition::solve_keeping_warm`], also returning whether a work limit
    /// of the knobs stopped some part of the solve.
    pub(crate) fn solve_keeping_warm_capped(
        &self,
        problem: &Problem,
    ) -> Result<(Solution, WarmStart, bool)> {
        problem.validate()?;
        let priced = self.solve_priced(problem);
        let (solution, polish_capped) = self.polish_exactly(problem, priced.solution, &priced.mu);
        let warm = WarmStart::of(problem, &solution, &priced.mu);
        Ok((solution, warm, priced.capped || polish_capped))
    }

    /// Re-solves `problem` from a previous solve's `warm` start (see the module docs of
    /// `warm.rs`): feasible, with a valid bound; far fewer subgradient steps and no exact
    /// polish.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Problem`] when the problem is inconsistent.
    pub fn solve_warm(&self, problem: &Problem, warm: &WarmStart) -> Result<(Solution, WarmStart)> {
        self.solve_warm_capped(problem, warm)
            .map(|(solution, next, _)| (solution, next))
    }

    /// [`LagrangianDecomposition::solve_warm`], also returning whether a work limit of the
    /// knobs stopped some part of the solve.
    pub(crate) fn solve_warm_capped(
        &self,
        problem: &Problem,
        warm: &WarmStart,
    ) -> Result<(Solution, WarmStart, bool)> {
        problem.validate()?;
        let knobs = LagrangianDecomposition {
            max_iterations: self.max_iterations.min(WarmStart::ITERATIONS),
            ..self.clone()
        };
        let mu0 = warm.prices_for(problem);
        let mut by_value: Vec<usize> = (0..problem.needs.len()).collect();
        by_value.sort_by_key(|&n| (std::cmp::Reverse(problem.needs[n].value), n));
        let mut run = Run {
            knobs,
            problem,
            relaxation: CapacityRelaxation::new(problem),
            provider_edges: ProviderEdges::new(problem),
            best: TeamState::new(problem),
            bound: i128::MAX,
            best_mu: mu0.clone(),
            by_value,
            steps: 0,
            // the kept plan is the incumbent: no plans are built during the short loop
            plans: u64::MAX,
            work: 0,
            capped: false,
        };
        // the kept teams, completed by value at the previous prices, then better prices
        let seed = warm.seed_for(problem);
        run.seed(&seed);
        run.prices_from(mu0, WARM_THETA);
        let best_mu = run.best_mu.clone();
        run.best.order_roles(reduced_score(problem, &best_mu));
        let mut search = LocalSearch {
            state: &mut run.best,
            provider_edges: &run.provider_edges,
            budget: run.knobs.work_budget,
            work: 0,
            shift_depth: 1,
        };
        search.settle(&run.by_value, WARM_SEARCH_PASSES);
        let budget = search.budget;
        run.capped |= budget > 0 && search.work >= budget;
        run.work = run.work.saturating_add(search.work);
        run.best.begin();
        let by_value = run.by_value.clone();
        run.best.fill_optional(&by_value);
        let capped = run.capped;
        let solution = run.finish();
        let next = WarmStart::of(problem, &solution, &best_mu);
        Ok((solution, next, capped))
    }
}

/// The step factor of a warm loop: the prices start close, so the steps start small.
const WARM_THETA: f64 = 0.25;

/// Local-search passes of a warm solve: the kept plan needs few moves (on the default county
/// after a 1 % change, a second and third pass found nothing the first had not).
const WARM_SEARCH_PASSES: u32 = 1;
