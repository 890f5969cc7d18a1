//! Verifying relaxations: apply the changes to copies of the providers, patch the problem as
//! the compile step would, re-solve with the plan's strategy and look at the need.

use std::cmp::Reverse;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::error::Result;
use crate::problem::{Patched, Problem, ProviderEdges, ProviderPatch, compile};
use crate::rules::TierOrder::Lexicographic;
use crate::solve::StrategyKind;

use super::change::{Entity, ExplainError, Relaxation};
use super::context::Context;
use super::types::{ExplainWork, RelaxationSearch, Verification};

/// The base components a change touches.
struct Touched {
    /// Per base component: whether it is part of the changed components of interest.
    keep: Vec<bool>,
    /// Whether a changed provider reaches two base components.
    merged: bool,
}

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
        if self.problem().has_shared() {
            return self.recompiled_problem(relaxation);
        }
        let patches = self.patches(relaxation)?;
        self.compiled
            .patched_problem(&Patched::new(self.problem(), &self.by_provider, patches))
    }

    /// The changed scenario compiled afresh. A problem with shared resources (time windows,
    /// supervision places) is not patched provider by provider: a provider's window sets
    /// depend on all its edges and a mentor's places on other workers' edges, so the whole
    /// scenario is compiled again with the changed entities.
    fn recompiled_problem(&self, relaxation: &Relaxation) -> Result<Problem> {
        let mut scenario = self.compiled.scenario.clone();
        let (w, v, o) = (
            scenario.workers.len(),
            scenario.volunteers.len(),
            scenario.organizations.len(),
        );
        for id in relaxation.providers() {
            let unknown = ExplainError::UnknownProvider { provider: id };
            let index = *self.provider_index.get(&id).ok_or(unknown.clone())?;
            let mut entity = self.entity(index).ok_or(unknown.clone())?;
            for change in relaxation.changes.iter().filter(|c| c.provider() == id) {
                change.apply_to(&mut entity)?;
            }
            let slot = match entity {
                Entity::Worker(e) => scenario.workers.get_mut(index).map(|x| *x = e),
                Entity::Volunteer(e) => scenario.volunteers.get_mut(index - w).map(|x| *x = e),
                Entity::Organization(e) => scenario
                    .organizations
                    .get_mut(index - w - v)
                    .map(|x| *x = e),
                Entity::Fund(e) => scenario.funds.get_mut(index - w - v - o).map(|x| *x = e),
            };
            slot.ok_or(unknown)?;
        }
        Ok(compile(&scenario, &self.compiled.policy)?.problem().clone())
    }

    /// Whether need `need` is served when the plan is recomputed with the strategy after
    /// applying `relaxation` to the scenario.
    pub(super) fn serves(&self, need: usize, relaxation: &Relaxation) -> Result<bool> {
        Ok(self.serves_all(&[need], relaxation)?.first() == Some(&true))
    }

    /// [`Self::serves`] for several needs, from one re-solve. A change whose scenario would
    /// not compile (a need value beyond the limit) serves nothing.
    fn serves_all(&self, needs: &[usize], relaxation: &Relaxation) -> Result<Vec<bool>> {
        if self.problem().has_shared() {
            let Ok(problem) = self.recompiled_problem(relaxation) else {
                return Ok(vec![false; needs.len()]);
            };
            let solution = self.strategy.build().solve(&problem)?;
            return Ok(needs
                .iter()
                .map(|&i| solution.served.get(i).copied().unwrap_or(false))
                .collect());
        }
        let patches = self.patches(relaxation)?;
        let changed: Vec<u32> = patches.iter().map(|p| p.index).collect();
        let patched = Patched::new(self.problem(), &self.by_provider, patches);
        let (problem, local): (Problem, Vec<usize>) = match self.verification() {
            Verification::GreedyPrefix => {
                let touched = self.touched_components(&patched, &changed, needs);
                // Base values order each changed component as the changed values do unless
                // the change merges components (see `influencing_needs`).
                let merged = touched.merged && self.compiled.policy.tier_order == Lexicographic;
                let whole = match merged {
                    true => match self.compiled.patched_problem(&patched) {
                        Ok(whole) => Some(whole),
                        Err(_) => return Ok(vec![false; needs.len()]),
                    },
                    false => None,
                };
                let values = whole.as_ref().unwrap_or(patched.base());
                let kept = self.influencing_needs(&touched.keep, values, needs);
                let local = needs
                    .iter()
                    .map(|&n| kept.binary_search(&(n as u32)).unwrap_or(usize::MAX))
                    .collect();
                let sub = match &whole {
                    Some(whole) => {
                        Patched::new(whole, &ProviderEdges::default(), Vec::new()).restricted(&kept)
                    }
                    None => patched.restricted(&kept),
                };
                (sub, local)
            }
            Verification::WholeProblem => match self.compiled.patched_problem(&patched) {
                Ok(whole) => (whole, needs.to_vec()),
                Err(_) => return Ok(vec![false; needs.len()]),
            },
        };
        let solution = self.strategy.build().solve(&problem)?;
        Ok(local
            .iter()
            .map(|&i| solution.served.get(i).copied().unwrap_or(false))
            .collect())
    }

    /// The base components that the changed problem's components holding `targets` are made
    /// of, and whether a change merges two of them.
    ///
    /// The changed problem differs from the base only by edges of the changed providers, so
    /// the base components of the targets, of each changed provider and of each need a
    /// changed provider now has an edge to form a set of needs and providers that no edge of
    /// the changed problem leaves; a changed component is a merge when one changed provider
    /// reaches two base components.
    fn touched_components(
        &self,
        patched: &Patched<'_>,
        changed: &[u32],
        targets: &[usize],
    ) -> Touched {
        let problem = patched.base();
        let mut keep = vec![false; self.components.count];
        let mut merged = false;
        for &need in targets {
            if let Some(&c) = self.components.of_need.get(need) {
                keep[c as usize] = true;
            }
        }
        for &p in changed {
            let mut reached: Vec<u32> = Vec::new();
            reached.extend(
                self.components
                    .of_provider
                    .get(p as usize)
                    .copied()
                    .flatten(),
            );
            patched.for_each_provider_role(p, |role| {
                let need = problem.roles.get(role as usize).map(|r| r.need as usize);
                reached.extend(need.and_then(|n| self.components.of_need.get(n).copied()));
            });
            reached.sort_unstable();
            reached.dedup();
            merged |= reached.len() > 1;
            for c in reached {
                keep[c as usize] = true;
            }
        }
        Touched { keep, merged }
    }

    /// The needs that can change whether the greedy strategy serves any of `targets`,
    /// ascending: those of the kept base components that greedy tries no later than the last
    /// target, by the values of `values` (value descending, ties by index).
    ///
    /// Greedy commits or rejects each need at its turn from the capacity left by the needs
    /// tried before (optional money and goods, filled after every need is decided, never
    /// decide one); needs of other components never touch that capacity, and needs tried
    /// later come too late. So greedy on these needs decides every target exactly as greedy
    /// on the whole changed problem, provided the values order the needs of each changed
    /// component as the changed problem's do. The changed values do. So do the base values
    /// when no component merged: need values differ from the base only by the lexicographic
    /// tier bonuses, which within one component are one per tier and put every High need
    /// before every Key need before every General need whatever their size, so both order a
    /// component by tier, then value without bonus, then index.
    fn influencing_needs(&self, keep: &[bool], values: &Problem, targets: &[usize]) -> Vec<u32> {
        let turn = |m: usize| (Reverse(values.needs.get(m).map_or(0, |n| n.value)), m);
        let Some(last) = targets.iter().map(|&t| turn(t)).max() else {
            return Vec::new();
        };
        (0..values.needs.len())
            .filter(|&m| {
                let kept = self
                    .components
                    .of_need
                    .get(m)
                    .is_some_and(|&c| keep[c as usize]);
                kept && turn(m) <= last
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
