//! Verifying relaxations: apply the changes to copies of the providers, patch the problem as
//! the compile step would, re-solve with the plan's strategy and look at the need.

use rayon::prelude::*;

use crate::error::Result;
use crate::problem::{Patched, Problem, ProviderPatch};
use crate::solve::StrategyKind;

use super::change::{ExplainError, Relaxation};
use super::context::Context;
use super::types::{ExplainWork, RelaxationSearch, Verification};

/// The relaxation search's answer for one need.
pub(super) struct Found {
    pub(super) relaxations: Vec<Relaxation>,
    pub(super) search: RelaxationSearch,
}

impl Context<'_, '_> {
    /// How this explainer's re-solves are restricted.
    pub(super) fn verification(&self) -> Verification {
        match self.strategy {
            StrategyKind::Greedy => Verification::GreedyPrefix,
            _ => Verification::WholeProblem,
        }
    }

    /// The capacity and edges of every provider `relaxation` changes.
    fn patches(&self, relaxation: &Relaxation) -> Result<Vec<ProviderPatch>> {
        let mut patches = Vec::new();
        for id in relaxation.providers() {
            let unknown = ExplainError::UnknownProvider { provider: id };
            let index = *self.provider_index.get(&id).ok_or(unknown.clone())?;
            let mut entity = self.entity(index).ok_or(unknown)?;
            for change in relaxation.changes.iter().filter(|c| c.provider() == id) {
                change.apply_to(&mut entity)?;
            }
            patches.push(self.compiled.provider_patch(
                index,
                entity.as_provider(),
                &self.distances,
            ));
        }
        Ok(patches)
    }

    /// The whole problem of the scenario with `relaxation` applied.
    pub(super) fn relaxed_problem(&self, relaxation: &Relaxation) -> Result<Problem> {
        let patches = self.patches(relaxation)?;
        Ok(Patched::new(self.problem(), &self.by_provider, patches).whole())
    }

    /// Whether need `need` is served when the plan is recomputed with the strategy after
    /// applying `relaxation` to the scenario.
    pub(super) fn serves(&self, need: usize, relaxation: &Relaxation) -> Result<bool> {
        let patches = self.patches(relaxation)?;
        let changed: Vec<u32> = patches.iter().map(|p| p.index).collect();
        let patched = Patched::new(self.problem(), &self.by_provider, patches);
        let (problem, local) = match self.verification() {
            Verification::GreedyPrefix => {
                let needs = self.influencing_needs(&patched, &changed, need);
                let local = needs.binary_search(&(need as u32)).unwrap_or(usize::MAX);
                (patched.restricted(&needs), local)
            }
            Verification::WholeProblem => (patched.whole(), need),
        };
        let solution = self.strategy.build().solve(&problem)?;
        Ok(solution.served.get(local).copied().unwrap_or(false))
    }

    /// The needs that can change whether the greedy strategy serves `need`, ascending: those
    /// it tries no later than `need` (higher value, or equal value and lower index) in the
    /// candidate components of the changed problem that hold `need`.
    ///
    /// Those components are found without recomputing any: the changed problem differs from
    /// the base only by edges of the changed providers, so the base components of `need`, of
    /// each changed provider and of each need a changed provider now has an edge to form a
    /// set of needs and providers that no edge of the changed problem leaves.
    ///
    /// Greedy commits or rejects each need at its turn from the capacity left by the needs
    /// tried before; needs of other components never touch that capacity, and needs tried
    /// later come too late. So greedy on these needs (same values, same relative order of
    /// needs and of providers) decides `need` exactly as greedy on the whole changed problem.
    fn influencing_needs(&self, patched: &Patched<'_>, patches: &[u32], need: usize) -> Vec<u32> {
        let problem = patched.base();
        let mut keep = vec![false; self.components.count];
        let mut mark = |c: Option<u32>| {
            if let Some(slot) = c.and_then(|c| keep.get_mut(c as usize)) {
                *slot = true;
            }
        };
        mark(self.components.of_need.get(need).copied());
        for &p in patches {
            mark(
                self.components
                    .of_provider
                    .get(p as usize)
                    .copied()
                    .flatten(),
            );
            patched.for_each_provider_role(p, |role| {
                let n = problem.roles.get(role as usize).map(|r| r.need as usize);
                mark(n.and_then(|n| self.components.of_need.get(n).copied()));
            });
        }
        let limit = self.rank.get(need).copied().unwrap_or(0);
        (0..problem.needs.len())
            .filter(|&m| {
                self.rank[m] <= limit
                    && self
                        .components
                        .of_need
                        .get(m)
                        .is_some_and(|&c| keep[c as usize])
            })
            .map(|m| m as u32)
            .collect()
    }

    /// Searches relaxations for `needs` (unmet need indices) within the budget: candidates
    /// per need, then a sequential allocation of the total re-solves in priority order, then
    /// every allocated re-solve in parallel (collected in order, so the answer does not
    /// depend on the thread count).
    pub(super) fn search(&self, needs: &[usize]) -> Result<(Vec<Found>, ExplainWork)> {
        let candidates: Vec<Vec<Relaxation>> =
            needs.par_iter().map(|&i| self.candidates(i)).collect();
        let budget = &self.options.budget;
        let mut left = match self.verification() {
            Verification::GreedyPrefix => budget.max_resolves,
            Verification::WholeProblem => budget.max_whole_resolves,
        };
        let mut order: Vec<usize> = (0..needs.len()).collect();
        order.sort_by_key(|&k| self.rank.get(needs[k]).copied().unwrap_or(u32::MAX));
        let mut allowed = vec![0usize; needs.len()];
        let mut cut = vec![false; needs.len()];
        for k in order {
            let wanted = candidates[k].len().min(budget.tries_per_need as usize);
            let take = wanted.min(usize::try_from(left).unwrap_or(usize::MAX));
            allowed[k] = take;
            cut[k] = take < wanted;
            left -= take as u64;
        }
        let jobs: Vec<(usize, usize)> = (0..needs.len())
            .flat_map(|k| (0..allowed[k]).map(move |c| (k, c)))
            .collect();
        let verdicts: Vec<Result<bool>> = jobs
            .par_iter()
            .map(|&(k, c)| self.serves(needs[k], &candidates[k][c]))
            .collect();
        let mut found: Vec<Found> = (0..needs.len())
            .map(|k| Found {
                relaxations: Vec::new(),
                search: RelaxationSearch {
                    candidates: candidates[k].len() as u32,
                    tried: allowed[k] as u32,
                    verified: 0,
                    cut_by_budget: cut[k],
                },
            })
            .collect();
        let mut verified: Vec<Vec<&Relaxation>> = vec![Vec::new(); needs.len()];
        for (&(k, c), verdict) in jobs.iter().zip(verdicts) {
            if verdict? {
                verified[k].push(&candidates[k][c]);
            }
        }
        for (f, mut list) in found.iter_mut().zip(verified) {
            f.search.verified = list.len() as u32;
            list.sort_by(|a, b| a.cost.cmp(&b.cost).then_with(|| a.changes.cmp(&b.changes)));
            for r in list {
                let more_of_the_same = f.relaxations.iter().any(|kept| r.includes(kept));
                if !more_of_the_same && f.relaxations.len() < budget.reported as usize {
                    f.relaxations.push(r.clone());
                }
            }
        }
        let work = ExplainWork {
            verification: self.verification(),
            resolves: jobs.len() as u64,
            needs_cut_by_budget: cut.iter().filter(|&&c| c).count() as u32,
        };
        Ok((found, work))
    }
}
