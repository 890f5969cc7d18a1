//! Verifying relaxations: apply the changes to copies of the providers, patch the problem as
//! the compile step would, re-solve with the plan's strategy and look at the need.

use std::collections::HashMap;

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
        Ok(self.serves_all(&[need], relaxation)?.first() == Some(&true))
    }

    /// [`Self::serves`] for several needs, from one re-solve.
    fn serves_all(&self, needs: &[usize], relaxation: &Relaxation) -> Result<Vec<bool>> {
        let patches = self.patches(relaxation)?;
        let changed: Vec<u32> = patches.iter().map(|p| p.index).collect();
        let patched = Patched::new(self.problem(), &self.by_provider, patches);
        let (problem, local): (Problem, Vec<usize>) = match self.verification() {
            Verification::GreedyPrefix => {
                let kept = self.influencing_needs(&patched, &changed, needs);
                let local = needs
                    .iter()
                    .map(|&n| kept.binary_search(&(n as u32)).unwrap_or(usize::MAX))
                    .collect();
                (patched.restricted(&kept), local)
            }
            Verification::WholeProblem => (patched.whole(), needs.to_vec()),
        };
        let solution = self.strategy.build().solve(&problem)?;
        Ok(local
            .iter()
            .map(|&i| solution.served.get(i).copied().unwrap_or(false))
            .collect())
    }

    /// The needs that can change whether the greedy strategy serves any of `targets`,
    /// ascending: those it tries no later than the last target (higher value, or equal value
    /// and lower index) in the candidate components of the changed problem that hold a
    /// target.
    ///
    /// Those components are found without recomputing any: the changed problem differs from
    /// the base only by edges of the changed providers, so the base components of the
    /// targets, of each changed provider and of each need a changed provider now has an edge
    /// to form a set of needs and providers that no edge of the changed problem leaves.
    ///
    /// Greedy commits or rejects each need at its turn from the capacity left by the needs
    /// tried before; needs of other components never touch that capacity, and needs tried
    /// later come too late. So greedy on these needs (same values, same relative order of
    /// needs and of providers) decides every target exactly as greedy on the whole changed
    /// problem.
    fn influencing_needs(
        &self,
        patched: &Patched<'_>,
        patches: &[u32],
        targets: &[usize],
    ) -> Vec<u32> {
        let problem = patched.base();
        let mut keep = vec![false; self.components.count];
        let mut mark = |c: Option<u32>| {
            if let Some(slot) = c.and_then(|c| keep.get_mut(c as usize)) {
                *slot = true;
            }
        };
        for &need in targets {
            mark(self.components.of_need.get(need).copied());
        }
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
        let limit = targets
            .iter()
            .filter_map(|&n| self.rank.get(n).copied())
            .max()
            .unwrap_or(0);
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
    /// per need; then, in priority order, each need's first `tries_per_need` candidates are
    /// scheduled, a candidate already scheduled for another need for free, a new one for one
    /// re-solve of the total; then every scheduled re-solve runs in parallel, each answering
    /// all the needs waiting on it (collected in order, so the answer does not depend on the
    /// thread count).
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
        let mut tried = vec![0u32; needs.len()];
        let mut cut = vec![false; needs.len()];
        // Each job: a relaxation and the (need, candidate) pairs waiting on it.
        let mut jobs: Vec<(&Relaxation, Vec<(usize, usize)>)> = Vec::new();
        let mut job_of: HashMap<&Relaxation, usize> = HashMap::new();
        for k in order {
            let wanted = candidates[k].len().min(budget.tries_per_need as usize);
            for (c, r) in candidates[k].iter().enumerate().take(wanted) {
                let job = match job_of.get(r) {
                    Some(&j) => j,
                    None if left == 0 => {
                        cut[k] = true;
                        continue;
                    }
                    None => {
                        left -= 1;
                        job_of.insert(r, jobs.len());
                        jobs.push((r, Vec::new()));
                        jobs.len() - 1
                    }
                };
                jobs[job].1.push((k, c));
                tried[k] += 1;
            }
        }
        let verdicts: Vec<Result<Vec<bool>>> = jobs
            .par_iter()
            .map(|(r, waiting)| {
                let targets: Vec<usize> = waiting.iter().map(|&(k, _)| needs[k]).collect();
                self.serves_all(&targets, r)
            })
            .collect();
        let mut verified: Vec<Vec<&Relaxation>> = vec![Vec::new(); needs.len()];
        for ((r, waiting), verdict) in jobs.iter().zip(verdicts) {
            for (&(k, _), served) in waiting.iter().zip(verdict?) {
                if served {
                    verified[k].push(r);
                }
            }
        }
        let found = verified
            .into_iter()
            .enumerate()
            .map(|(k, mut list)| {
                let search = RelaxationSearch {
                    candidates: candidates[k].len() as u32,
                    tried: tried[k],
                    verified: list.len() as u32,
                    cut_by_budget: cut[k],
                };
                list.sort_by(|a, b| a.cost.cmp(&b.cost).then_with(|| a.changes.cmp(&b.changes)));
                let mut relaxations: Vec<Relaxation> = Vec::new();
                for r in list {
                    let more_of_the_same = relaxations.iter().any(|kept| r.includes(kept));
                    if !more_of_the_same && relaxations.len() < budget.reported as usize {
                        relaxations.push(r.clone());
                    }
                }
                Found {
                    relaxations,
                    search,
                }
            })
            .collect();
        let work = ExplainWork {
            verification: self.verification(),
            resolves: jobs.len() as u64,
            needs_cut_by_budget: cut.iter().filter(|&&c| c).count() as u32,
        };
        Ok((found, work))
    }
}
