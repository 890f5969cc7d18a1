//! A compiled problem with some providers' entities replaced, without recompiling the rest.
//!
//! Changing one provider of a scenario (a larger travel radius, one more case, a renewed
//! vetting, a relaxed earmark...) changes only that provider's capacity and candidate edges:
//! need values depend on the needs alone, and every other pair's verdict and score read only
//! the need, its resident and the other provider. So the problem compiled from the changed
//! scenario is the base problem with that provider's capacity and edges recomputed by the
//! compile's own per-pair step ([`super::compile::Pairs`]) — which is what this module does,
//! for the whole problem or for a set of needs (the explanations' what-if re-solves).

use std::borrow::Cow;

use crate::error::Result;
use crate::graph::{RegionDistances, RegionSlot};
use crate::model::{
    CharityResource, RegionId, RoleSpec, SocialOrganization, SocialWorker, Volunteer,
};
use crate::rules::{TierOrder, VolunteerTask};

use super::compile::{
    Pairs, apply_tier_bonuses, fund_capacity, organization_capacity, skill_mask,
    volunteer_capacity, worker_capacity,
};
use super::provider_edges::ProviderEdges;
use super::{
    CandidateEdge, Compiled, CoverageGroup, Problem, ProblemNeed, ProblemProvider, ProblemRole,
};

/// A provider's entity, possibly changed, standing in for the scenario's.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ProviderEntity<'a> {
    /// A social worker.
    Worker(&'a SocialWorker),
    /// A volunteer.
    Volunteer(&'a Volunteer),
    /// A social organization.
    Organization(&'a SocialOrganization),
    /// A charity resource.
    Fund(&'a CharityResource),
}

/// Road distances from the community of every need, computed once (one exact table per
/// distinct community). The compile's search stops at the largest travel radius; beyond it
/// every pair fails its travel check whatever the exact distance, so both give the same
/// verdicts and scores.
#[derive(Debug, Clone)]
pub(crate) struct NeedDistances {
    tables: Vec<RegionDistances>,
    of_need: Vec<usize>,
}

impl NeedDistances {
    /// The tables of every need of `compiled`.
    pub(crate) fn new(compiled: &Compiled<'_>) -> Self {
        let mut communities: Vec<RegionId> = (0..compiled.problem.needs.len())
            .filter_map(|i| compiled.need_facts(i).map(|f| f.community()))
            .collect();
        communities.sort_unstable();
        communities.dedup();
        let tables: Vec<RegionDistances> = communities
            .iter()
            .map(|&c| compiled.graph.distances_from(c))
            .collect();
        let of_need = (0..compiled.problem.needs.len())
            .map(|i| {
                compiled
                    .need_facts(i)
                    .and_then(|f| communities.binary_search(&f.community()).ok())
                    .unwrap_or(usize::MAX)
            })
            .collect();
        NeedDistances { tables, of_need }
    }

    /// `d(home, c)` for the community `c` of need `need` (`None`: no road path, or no home in
    /// the road network); `home` is the slot of [`crate::graph::LinkageGraph::region_slot`].
    pub(crate) fn get(&self, need: usize, home: Option<RegionSlot>) -> Option<u64> {
        let table = self.tables.get(*self.of_need.get(need)?)?;
        table.get_slot(home?)
    }
}

/// The capacity and candidate edges of one provider after a change to its entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProviderPatch {
    /// Provider index.
    pub(crate) index: u32,
    /// Its capacity.
    pub(crate) provider: ProblemProvider,
    /// Its candidate edges, sorted by role.
    pub(crate) edges: Vec<CandidateEdge>,
}

impl Compiled<'_> {
    /// The whole problem of `patched` as compiling the changed scenario gives it: its need
    /// values carry the tier bonuses recomputed for the changed candidate graph (under
    /// [`TierOrder::Lexicographic`] they depend on the components and the edge scores).
    ///
    /// # Errors
    /// [`crate::ErrorKind::Policy`] when a value with its new bonus exceeds the limit (the
    /// changed scenario would not compile).
    pub(crate) fn patched_problem(&self, patched: &Patched<'_>) -> Result<Problem> {
        let mut whole = patched.whole();
        if self.policy.tier_order == TierOrder::Lexicographic {
            let old = std::mem::take(&mut whole.tier_bonus);
            for (need, b) in whole.needs.iter_mut().zip(old) {
                need.value -= b;
            }
            apply_tier_bonuses(&mut whole, self.scenario)?;
        }
        Ok(whole)
    }

    /// What compiling the scenario with provider `index`'s entity replaced by `entity` would
    /// give for that provider (same rules, same scores, same edge layout).
    pub(crate) fn provider_patch(
        &self,
        index: usize,
        entity: ProviderEntity<'_>,
        distances: &NeedDistances,
    ) -> ProviderPatch {
        let pairs = Pairs {
            policy: &self.policy,
            graph: &self.graph,
        };
        let mut edges = Vec::new();
        let skills = match entity {
            ProviderEntity::Volunteer(v) => skill_mask(&v.skills),
            _ => 0,
        };
        let home = match entity {
            ProviderEntity::Worker(w) => self.graph.region_slot(w.station),
            ProviderEntity::Volunteer(v) => self.graph.region_slot(v.community),
            _ => None,
        };
        for (r, role) in self.problem.roles.iter().enumerate() {
            let need = role.need as usize;
            let Some(facts) = self.need_facts(need) else {
                continue;
            };
            let Some(spec) = facts.need.team.roles.get(role.team_index as usize) else {
                continue;
            };
            let verdict = match (entity, &spec.spec) {
                (ProviderEntity::Worker(w), RoleSpec::LeadWorker { min_licence }) => {
                    let d = distances.get(need, home);
                    pairs.worker(r, index, (w, *min_licence), facts, d)
                }
                (ProviderEntity::Volunteer(v), RoleSpec::Volunteers { skills: needed, .. }) => {
                    // The compile's fast path for the first rule (skills), on bit masks.
                    let Some(task) = VolunteerTask::from_spec(&spec.spec)
                        .filter(|_| skill_mask(needed) & !skills == 0)
                    else {
                        continue;
                    };
                    let d = distances.get(need, home);
                    pairs.volunteer(r, index, (v, &task), facts, d)
                }
                (
                    ProviderEntity::Organization(o),
                    RoleSpec::Organization | RoleSpec::Service { .. },
                ) => pairs.organization(r, index, (o, spec.spec.service()), facts),
                (ProviderEntity::Fund(f), RoleSpec::Material { kind, amount }) => {
                    pairs.fund(r, index, (f, *kind, *amount), facts)
                }
                _ => continue,
            };
            edges.extend(verdict.ok().map(|pair| pair.edge));
        }
        let provider = match entity {
            ProviderEntity::Worker(w) => worker_capacity(w),
            ProviderEntity::Volunteer(v) => volunteer_capacity(v),
            ProviderEntity::Organization(o) => organization_capacity(o),
            ProviderEntity::Fund(f) => fund_capacity(f),
        };
        ProviderPatch {
            index: index as u32,
            provider,
            edges,
        }
    }
}

/// A base problem with some providers patched: the problem of the changed scenario, read
/// lazily.
#[derive(Debug, Clone)]
pub(crate) struct Patched<'p> {
    base: &'p Problem,
    by_provider: &'p ProviderEdges,
    /// Sorted by provider index, at most one per provider.
    patches: Vec<ProviderPatch>,
    /// Roles with an edge to a patched provider, before or after the patch, ascending.
    touched: Vec<u32>,
}

impl<'p> Patched<'p> {
    /// `base` with `patches` applied (a later patch of the same provider wins).
    pub(crate) fn new(
        base: &'p Problem,
        by_provider: &'p ProviderEdges,
        mut patches: Vec<ProviderPatch>,
    ) -> Self {
        patches.reverse();
        patches.sort_by_key(|p| p.index);
        patches.dedup_by_key(|p| p.index);
        let mut touched: Vec<u32> = Vec::new();
        for patch in &patches {
            touched.extend(patch.edges.iter().map(|e| e.role));
            let before = by_provider.of(patch.index as usize);
            touched.extend(
                before
                    .iter()
                    .filter_map(|&e| base.edges.get(e as usize))
                    .map(|e| e.role),
            );
        }
        touched.sort_unstable();
        touched.dedup();
        Patched {
            base,
            by_provider,
            patches,
            touched,
        }
    }

    fn patch(&self, provider: u32) -> Option<&ProviderPatch> {
        self.patches
            .binary_search_by_key(&provider, |p| p.index)
            .ok()
            .and_then(|i| self.patches.get(i))
    }

    /// The base problem.
    pub(crate) fn base(&self) -> &'p Problem {
        self.base
    }

    /// Capacity of provider `p`.
    pub(crate) fn capacity(&self, p: u32) -> Option<ProblemProvider> {
        match self.patch(p) {
            Some(patch) => Some(patch.provider.clone()),
            None => self.base.providers.get(p as usize).cloned(),
        }
    }

    /// The edges of role `r`, sorted by provider (borrowed when no patch touches the role).
    pub(crate) fn role_edges(&self, r: usize) -> Cow<'_, [CandidateEdge]> {
        let base = self.base.role_edges(r);
        if self.touched.binary_search(&(r as u32)).is_err() {
            return Cow::Borrowed(base);
        }
        fn added(patch: &ProviderPatch, r: usize) -> impl Iterator<Item = &CandidateEdge> {
            let at = patch.edges.partition_point(|e| (e.role as usize) < r);
            patch.edges[at..]
                .iter()
                .take_while(move |e| e.role as usize == r)
        }
        let mut edges: Vec<CandidateEdge> = base
            .iter()
            .filter(|e| self.patch(e.provider).is_none())
            .cloned()
            .collect();
        for patch in &self.patches {
            edges.extend(added(patch, r).cloned());
        }
        edges.sort_by_key(|e| e.provider);
        Cow::Owned(edges)
    }

    /// Calls `visit` with every role provider `p` has an edge to.
    pub(crate) fn for_each_provider_role(&self, p: u32, mut visit: impl FnMut(u32)) {
        match self.patch(p) {
            Some(patch) => patch.edges.iter().for_each(|e| visit(e.role)),
            None => {
                for &e in self.by_provider.of(p as usize) {
                    if let Some(edge) = self.base.edges.get(e as usize) {
                        visit(edge.role);
                    }
                }
            }
        }
    }

    /// The whole patched problem: every need and every provider, as compiling the changed
    /// scenario gives it but for the tier bonuses ([`Compiled::patched_problem`] recomputes
    /// them).
    pub(crate) fn whole(&self) -> Problem {
        let needs: Vec<u32> = (0..self.base.needs.len() as u32).collect();
        let providers: Vec<u32> = (0..self.base.providers.len() as u32).collect();
        let edges = self.needs_edges(&needs);
        self.build(&needs, &providers, edges)
    }

    /// The sub-problem of `needs` (ascending need indices) and the providers they have edges
    /// to, in base order (so every tie broken by index is broken the same way).
    pub(crate) fn restricted(&self, needs: &[u32]) -> Problem {
        let edges = self.needs_edges(needs);
        let mut used = vec![false; self.base.providers.len()];
        for e in edges.iter().flat_map(|edges| edges.iter()) {
            if let Some(u) = used.get_mut(e.provider as usize) {
                *u = true;
            }
        }
        let providers: Vec<u32> = (0..used.len() as u32)
            .filter(|&p| used[p as usize])
            .collect();
        self.build(needs, &providers, edges)
    }

    /// The edges of every role of `needs`, role by role.
    fn needs_edges(&self, needs: &[u32]) -> Vec<Cow<'_, [CandidateEdge]>> {
        needs
            .iter()
            .filter_map(|&i| self.base.needs.get(i as usize))
            .flat_map(|n| n.roles())
            .map(|r| self.role_edges(r))
            .collect()
    }

    /// The problem of `needs` and `providers` (both ascending); `edges` holds the edges of
    /// the needs' roles in order.
    fn build(
        &self,
        needs: &[u32],
        providers: &[u32],
        edges: Vec<Cow<'_, [CandidateEdge]>>,
    ) -> Problem {
        let mut problem = Problem::default();
        let mut local_provider = vec![u32::MAX; self.base.providers.len()];
        for (local, &p) in providers.iter().enumerate() {
            if let Some(slot) = local_provider.get_mut(p as usize) {
                *slot = local as u32;
            }
        }
        for &p in providers {
            let (Some(id), Some(capacity)) =
                (self.base.provider_ids.get(p as usize), self.capacity(p))
            else {
                continue;
            };
            problem.provider_ids.push(*id);
            problem.providers.push(capacity);
        }
        let mut role_edges = edges.into_iter();
        for &i in needs {
            let (Some(n), Some(&id)) = (
                self.base.needs.get(i as usize),
                self.base.need_ids.get(i as usize),
            ) else {
                continue;
            };
            let local = problem.needs.len() as u32;
            let first_role = problem.roles.len() as u32;
            for r in n.roles() {
                let (Some(role), Some(edges)) = (self.base.roles.get(r), role_edges.next()) else {
                    continue;
                };
                let local_role = problem.roles.len() as u32;
                problem.roles.push(ProblemRole {
                    need: local,
                    ..role.clone()
                });
                for e in edges.iter() {
                    match local_provider.get(e.provider as usize) {
                        Some(&p) if p != u32::MAX => problem.edges.push(CandidateEdge {
                            role: local_role,
                            provider: p,
                            ..e.clone()
                        }),
                        _ => {}
                    }
                }
            }
            problem.needs.push(ProblemNeed {
                first_role,
                role_count: problem.roles.len() as u32 - first_role,
                ..n.clone()
            });
            problem.need_ids.push(id);
            if !self.base.tier_bonus.is_empty() {
                problem.tier_bonus.push(self.base.tier_bonus_of(i as usize));
            }
        }
        problem.tier_cap = self.base.tier_cap;
        problem.groups = self.groups(needs);
        problem.index_edges();
        problem
    }

    /// The coverage groups restricted to `needs` (ascending), in local indices: each keeps
    /// its needs that are present and its first steps, one per need kept (all of them for
    /// the whole problem).
    fn groups(&self, needs: &[u32]) -> Vec<CoverageGroup> {
        self.base
            .groups
            .iter()
            .filter_map(|g| {
                let kept: Vec<u32> = g
                    .needs
                    .iter()
                    .filter_map(|n| needs.binary_search(n).ok().map(|i| i as u32))
                    .collect();
                let steps = g.steps.iter().take(kept.len()).copied().collect();
                (!kept.is_empty()).then_some(CoverageGroup { needs: kept, steps })
            })
            .collect()
    }
}
