//! What every part of an explanation reads: the compiled problem, the plan's solution, the
//! capacity it left free, who used each provider, and the rules of each (role, provider) pair.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

use crate::graph::RegionSlot;
use crate::model::{NeedId, ProviderId, RegionId, RiskTier, RoleSpec, TeamRule};
use crate::problem::{
    CandidateEdge, Compiled, NeedDistances, Problem, ProviderEdges, RoleKind, Solution,
    candidate_components,
};
use crate::rules::{
    NeedFacts, Rejection, VolunteerTask, check_lead_worker, check_material, check_organization_for,
    check_volunteer, lead_worker_failures, material_failures, organization_failures,
    volunteer_failures,
};
use crate::solve::StrategyKind;

use super::change::Entity;
use super::options::ExplainOptions;
use super::reasons::Reasons;

/// The shared state of one explainer.
pub(super) struct Context<'c, 's> {
    pub(super) compiled: &'c Compiled<'s>,
    pub(super) strategy: StrategyKind,
    pub(super) options: ExplainOptions,
    pub(super) reasons: Reasons<'c>,
    pub(super) served: Vec<bool>,
    /// Per provider: `(need, capacity used)` of the plan's uses, by need index.
    pub(super) uses_of: Vec<Vec<(u32, i64)>>,
    /// Per role: `(provider, units)` of the plan's uses, by provider index.
    pub(super) role_uses: Vec<Vec<(u32, i64)>>,
    /// Provider index of every provider id (the first when an id repeats).
    pub(super) provider_index: HashMap<ProviderId, usize>,
    /// Need index of every need id (the first when an id repeats).
    pub(super) need_index: HashMap<NeedId, usize>,
    pub(super) distances: NeedDistances,
    /// Per provider: the road-network slot of its home (workers and volunteers).
    home_slots: Vec<Option<RegionSlot>>,
    pub(super) by_provider: ProviderEdges,
    /// Per provider: `(rank, Σ usage)` over its edges by need rank, the usage summed over
    /// all ranks up to this one (see [`Self::competition`]).
    pub(super) claims: Vec<Vec<(u32, i64)>>,
    /// The candidate components of the base problem.
    pub(super) components: Components,
    /// Per need: its position when needs are ordered by value descending, ties by index (the
    /// priority order of the budget, and the greedy strategy's processing order).
    pub(super) rank: Vec<u32>,
}

impl<'c, 's> Context<'c, 's> {
    pub(super) fn new(
        compiled: &'c Compiled<'s>,
        solution: &Solution,
        strategy: StrategyKind,
        options: ExplainOptions,
    ) -> Self {
        let problem = &compiled.problem;
        let mut uses_of = vec![Vec::new(); problem.providers.len()];
        let mut role_uses = vec![Vec::new(); problem.roles.len()];
        for u in &solution.uses {
            let Some(e) = problem.edges.get(u.edge as usize) else {
                continue;
            };
            let Some(role) = problem.roles.get(e.role as usize) else {
                continue;
            };
            if let Some(list) = uses_of.get_mut(e.provider as usize) {
                list.push((role.need, u.units.saturating_mul(e.usage_per_unit)));
            }
            if let Some(list) = role_uses.get_mut(e.role as usize) {
                list.push((e.provider, u.units));
            }
        }
        for list in uses_of.iter_mut().chain(role_uses.iter_mut()) {
            list.sort_unstable();
        }
        let mut order: Vec<usize> = (0..problem.needs.len()).collect();
        order.sort_by_key(|&i| (Reverse(problem.needs[i].value), i));
        let mut rank = vec![0u32; order.len()];
        for (k, &i) in order.iter().enumerate() {
            rank[i] = k as u32;
        }
        let served: Vec<bool> = (0..problem.needs.len())
            .map(|i| solution.served.get(i).copied().unwrap_or(false))
            .collect();
        let claims = claims(problem, &rank);
        let s = compiled.scenario;
        let home_slots = (s.workers.iter().map(|w| Some(w.station)))
            .chain(s.volunteers.iter().map(|v| Some(v.community)))
            .chain(std::iter::repeat_n(
                None,
                s.organizations.len() + s.funds.len(),
            ))
            .map(|home| home.and_then(|h| compiled.graph.region_slot(h)))
            .collect();
        Context {
            compiled,
            home_slots,
            strategy,
            options,
            reasons: Reasons::new(compiled, solution),
            served,
            uses_of,
            role_uses,
            provider_index: first_positions(&problem.provider_ids),
            need_index: first_positions(&problem.need_ids),
            distances: NeedDistances::new(compiled),
            by_provider: ProviderEdges::new(problem),
            components: Components::new(problem),
            claims,
            rank,
        }
    }

    pub(super) fn problem(&self) -> &'c Problem {
        &self.compiled.problem
    }

    /// The risk tier of need `need`.
    pub(super) fn risk(&self, need: usize) -> RiskTier {
        self.compiled
            .scenario
            .needs
            .get(need)
            .map_or(RiskTier::General, |n| n.risk)
    }

    /// The roles of need `need` that must be complete for it to be served.
    pub(super) fn core_roles(&self, need: usize) -> Vec<usize> {
        let problem = self.problem();
        let Some(n) = problem.needs.get(need) else {
            return Vec::new();
        };
        n.roles()
            .filter(|&r| {
                let optional = problem.roles.get(r).is_some_and(|role| role.optional);
                !(optional && n.rule == TeamRule::CoreThenOptional)
            })
            .collect()
    }

    /// The facts and the domain role behind problem role `r`.
    pub(super) fn role_facts(&self, r: usize) -> Option<(NeedFacts<'s>, &'s RoleSpec)> {
        let role = self.problem().roles.get(r)?;
        let facts = self.compiled.need_facts(role.need as usize)?;
        let spec = &facts.need.team.roles.get(role.team_index as usize)?.spec;
        Some((facts, spec))
    }

    /// Provider indices of the kind that fills role `r`.
    pub(super) fn kind_range(&self, r: usize) -> Range<usize> {
        let s = self.compiled.scenario;
        let (w, v, o) = (s.workers.len(), s.volunteers.len(), s.organizations.len());
        match self.problem().roles.get(r).map(|role| role.kind) {
            Some(RoleKind::LeadWorker) => 0..w,
            Some(RoleKind::Volunteers) => w..w + v,
            Some(RoleKind::Organization) => w + v..w + v + o,
            Some(RoleKind::Material) => w + v + o..w + v + o + s.funds.len(),
            None => 0..0,
        }
    }

    /// Capacity of provider `p` that the needs tried before need `need` (in priority
    /// order) could claim: the sum over their edges to `p` of one unit's usage (persons) or
    /// the draw limit (funds).
    pub(super) fn competition(&self, p: usize, need: usize) -> i64 {
        let (Some(list), Some(&limit)) = (self.claims.get(p), self.rank.get(need)) else {
            return 0;
        };
        let before = list.partition_point(|&(rank, _)| rank < limit);
        before
            .checked_sub(1)
            .and_then(|i| list.get(i))
            .map_or(0, |&(_, sum)| sum)
    }

    /// A copy of the entity of provider `p`.
    pub(super) fn entity(&self, p: usize) -> Option<Entity> {
        let s = self.compiled.scenario;
        let (w, v, o) = (s.workers.len(), s.volunteers.len(), s.organizations.len());
        if p < w {
            s.workers.get(p).cloned().map(Entity::Worker)
        } else if p < w + v {
            s.volunteers.get(p - w).cloned().map(Entity::Volunteer)
        } else if p < w + v + o {
            s.organizations
                .get(p - w - v)
                .cloned()
                .map(Entity::Organization)
        } else {
            s.funds.get(p - w - v - o).cloned().map(Entity::Fund)
        }
    }

    /// The candidate edge of role `r` and provider `p`, if the pair is eligible.
    pub(super) fn edge(&self, r: usize, p: usize) -> Option<&'c CandidateEdge> {
        self.problem().edges.get(self.edge_index(r, p)?)
    }

    /// The index of that edge in the problem.
    pub(super) fn edge_index(&self, r: usize, p: usize) -> Option<usize> {
        let range = self.problem().role_edge_range(r);
        let edges = self.problem().edges.get(range.clone())?;
        let at = edges
            .binary_search_by_key(&(p as u32), |e| e.provider)
            .ok()?;
        Some(range.start + at)
    }

    /// Capacity one unit of role `r` uses: 1 case or unit, or the task's weekly minutes.
    pub(super) fn usage(&self, r: usize) -> i64 {
        match self.role_facts(r).map(|(_, spec)| spec) {
            Some(RoleSpec::Volunteers { weekly_minutes, .. }) => {
                i64::from((*weekly_minutes).max(1))
            }
            _ => 1,
        }
    }

    /// Capacity provider `p` had left after the plan.
    pub(super) fn free(&self, p: usize) -> i64 {
        i64::try_from(self.reasons.free(p as u32)).unwrap_or(i64::MAX)
    }

    /// The home of worker or volunteer `p` (station or community); `None` for organizations
    /// and funds, which do not travel from one place.
    pub(super) fn home(&self, p: usize) -> Option<RegionId> {
        let s = self.compiled.scenario;
        match s.workers.get(p) {
            Some(w) => Some(w.station),
            None => s.volunteers.get(p - s.workers.len()).map(|v| v.community),
        }
    }

    /// `d(home of p, c)` for the community of role `r`'s need.
    pub(super) fn distance(&self, r: usize, p: usize) -> Option<u64> {
        let need = self.problem().roles.get(r)?.need as usize;
        self.distances.get(need, *self.home_slots.get(p)?)
    }

    /// The first rule of `docs/rules.md` provider `p` fails for role `r` (`Ok` when eligible;
    /// `None` when `p` is not of the role's kind).
    pub(super) fn first_failure(&self, r: usize, p: usize) -> Option<Result<(), Rejection>> {
        self.verdict(r, p, Verdict::First).map(|v| match v {
            Rules::First(first) => first,
            Rules::All(all) => all.first().map_or(Ok(()), |&f| Err(f)),
        })
    }

    /// Every rule provider `p` fails for role `r`, in specification order.
    pub(super) fn failures(&self, r: usize, p: usize) -> Option<Vec<Rejection>> {
        self.verdict(r, p, Verdict::All).map(|v| match v {
            Rules::All(all) => all,
            Rules::First(first) => first.err().into_iter().collect(),
        })
    }

    fn verdict(&self, r: usize, p: usize, which: Verdict) -> Option<Rules> {
        let (facts, spec) = self.role_facts(r)?;
        let s = self.compiled.scenario;
        let graph = &self.compiled.graph;
        let range = self.kind_range(r);
        let j = p.checked_sub(range.start).filter(|_| range.contains(&p))?;
        let all = which == Verdict::All;
        Some(match spec {
            RoleSpec::LeadWorker { min_licence } => {
                let w = s.workers.get(j)?;
                let d = self.distance(r, p);
                if all {
                    Rules::All(lead_worker_failures(*min_licence, w, facts, d))
                } else {
                    Rules::First(check_lead_worker(*min_licence, w, facts, d))
                }
            }
            RoleSpec::Volunteers { .. } => {
                let v = s.volunteers.get(j)?;
                let task = VolunteerTask::from_spec(spec)?;
                let d = self.distance(r, p);
                if all {
                    Rules::All(volunteer_failures(&task, v, facts, d))
                } else {
                    Rules::First(check_volunteer(&task, v, facts, d))
                }
            }
            RoleSpec::Organization | RoleSpec::Service { .. } => {
                let o = s.organizations.get(j)?;
                let service = spec.service();
                if all {
                    Rules::All(organization_failures(service, o, facts, graph))
                } else {
                    Rules::First(check_organization_for(service, o, facts, graph))
                }
            }
            RoleSpec::Material { kind, .. } => {
                let f = s.funds.get(j)?;
                if all {
                    Rules::All(material_failures(*kind, f, facts, graph))
                } else {
                    Rules::First(check_material(*kind, f, facts, graph))
                }
            }
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    First,
    All,
}

enum Rules {
    First(Result<(), Rejection>),
    All(Vec<Rejection>),
}

/// Per provider, the cumulative usage of its edges by need rank.
fn claims(problem: &Problem, rank: &[u32]) -> Vec<Vec<(u32, i64)>> {
    let mut lists: Vec<Vec<(u32, i64)>> = vec![Vec::new(); problem.providers.len()];
    for e in &problem.edges {
        let Some(need) = problem.roles.get(e.role as usize).map(|r| r.need as usize) else {
            continue;
        };
        let usage = e.max_units.saturating_mul(e.usage_per_unit);
        if let (Some(list), Some(&k)) = (lists.get_mut(e.provider as usize), rank.get(need)) {
            list.push((k, usage));
        }
    }
    for list in &mut lists {
        list.sort_unstable();
        let mut sum = 0i64;
        for entry in list.iter_mut() {
            sum = sum.saturating_add(entry.1);
            entry.1 = sum;
        }
    }
    lists
}

/// The component of every need and provider in the base problem's candidate graph.
pub(super) struct Components {
    pub(super) count: usize,
    pub(super) of_need: Vec<u32>,
    /// `None` for providers without a candidate edge.
    pub(super) of_provider: Vec<Option<u32>>,
}

impl Components {
    fn new(problem: &Problem) -> Self {
        let components = candidate_components(problem);
        let mut of_need = vec![0u32; problem.needs.len()];
        let mut of_provider = vec![None; problem.providers.len()];
        for (c, component) in components.iter().enumerate() {
            for &n in &component.needs {
                if let Some(slot) = of_need.get_mut(n as usize) {
                    *slot = c as u32;
                }
            }
            for &p in &component.providers {
                if let Some(slot) = of_provider.get_mut(p as usize) {
                    *slot = Some(c as u32);
                }
            }
        }
        Components {
            count: components.len(),
            of_need,
            of_provider,
        }
    }
}

/// Position of the first occurrence of every id.
fn first_positions<K: Copy + Eq + Hash>(ids: &[K]) -> HashMap<K, usize> {
    let mut map = HashMap::with_capacity(ids.len());
    for (i, &id) in ids.iter().enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}
