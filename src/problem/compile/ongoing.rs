//! The compile step for ongoing assignments ([`crate::model::OngoingAssignment`]).
//!
//! The scenario's loads already count every ongoing pairing, so each pairing is first
//! re-judged with its own usage handed back to its provider (a worker at full caseload
//! because of this very case is not "full" for it). A pairing that then fails a hard rule is
//! released ([`OngoingFate::Released`]). One that passes is compiled by the policy:
//!
//! - [`OngoingPolicy::Pinned`] (and material under any policy): the pairing gets a provider
//!   of its own in the problem — a reserved copy of the real provider with exactly the
//!   capacity the pairing holds, so no other need can take it and it is never charged twice
//!   (the real provider keeps `capacity − load`, which excludes it already). The role's other
//!   candidates are dropped when the pairings fill it; when they fill part of it (one of two
//!   volunteers continues) the rest stay and the continuing provider gets a preference larger
//!   than the spread of the score terms ([`EdgeScoreBound::continuing_preference`]), so a plan
//!   never trades it for a newcomer. A reserved pairing scores at least 1 point, so an optional role it fills is
//!   always worth keeping. The person's real candidate edges to every role of that need are dropped (a
//!   person fills at most one role of a need).
//! - [`OngoingPolicy::Switchable`]: the real provider gets the held capacity back and the
//!   pairing's edge `switching_cost` extra points; every other candidate competes.

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{NeedId, OngoingAssignment, ProviderId, RoleSpec};
use crate::rules::eligibility::{NeedFacts, VolunteerTask};
use crate::rules::{EdgeScoreBound, OngoingPolicy, Rejection};

use super::{Compiler, Pair, Verdict};
use crate::problem::ProblemProvider;

/// What the compile made of one ongoing assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OngoingFate {
    /// Reserved for the pairing ([`OngoingPolicy::Pinned`], or material).
    Pinned,
    /// Competing with the other candidates at its switching cost.
    Switchable,
    /// Released: the pairing breaks this hard rule (capacity aside) and cannot continue.
    Released(Rejection),
}

impl<'s> Compiler<'s> {
    /// Applies the ongoing assignments to the per-role edges (before they are flattened).
    pub(super) fn add_ongoing(&mut self) -> Result<()> {
        let s = self.scenario;
        if s.ongoing.is_empty() {
            return Ok(());
        }
        let mut need_index: HashMap<NeedId, usize> = HashMap::with_capacity(s.needs.len());
        for (i, n) in s.needs.iter().enumerate() {
            need_index.entry(n.id).or_insert(i);
        }
        let mut provider_index: HashMap<ProviderId, usize> = HashMap::new();
        for (i, &id) in self.problem.provider_ids.iter().enumerate() {
            provider_index.entry(id).or_insert(i);
        }
        // per role: the reserved edges (with their travel) of its pinned pairings
        let mut reserved: HashMap<usize, Vec<Pair>> = HashMap::new();
        for o in &s.ongoing {
            let (Some(&need), Some(&p)) =
                (need_index.get(&o.need), provider_index.get(&o.provider))
            else {
                // validation refuses these; nothing to compile
                self.ongoing_fates
                    .push(OngoingFate::Released(Rejection::Unreachable));
                continue;
            };
            let role = self.problem.needs[need].first_role as usize + o.role as usize;
            let usage = s.ongoing_usage(o).unwrap_or(0).max(0);
            let pair = match self.released_verdict(need, role, p, o, usage) {
                Ok(pair) => pair,
                Err(rule) => {
                    self.ongoing_fates.push(OngoingFate::Released(rule));
                    continue;
                }
            };
            let material = matches!(o.provider, ProviderId::Fund(_));
            match self.policy.ongoing {
                OngoingPolicy::Switchable { switching_cost } if !material => {
                    self.ongoing_fates.push(OngoingFate::Switchable);
                    self.problem.providers[p].capacity += usage;
                    let mut pair = pair;
                    pair.edge.score_per_unit += i64::from(switching_cost);
                    self.put_edge(role, pair)?;
                }
                _ => {
                    self.ongoing_fates.push(OngoingFate::Pinned);
                    let q = self.problem.providers.len();
                    self.problem.providers.push(ProblemProvider {
                        capacity: usage,
                        one_role_per_need: !material,
                    });
                    self.problem.provider_ids.push(o.provider);
                    self.reserved_origin.push(p as u32);
                    let mut pair = pair;
                    pair.edge.provider = q as u32;
                    if material {
                        pair.edge.max_units = o.amount;
                    }
                    if !material {
                        self.drop_person_from_need(need, p);
                    }
                    reserved.entry(role).or_default().push(pair);
                }
            }
        }
        let mut roles: Vec<usize> = reserved.keys().copied().collect();
        roles.sort_unstable();
        for role in roles {
            let pairs = reserved.remove(&role).unwrap_or_default();
            self.reserve_role(role, pairs);
        }
        Ok(())
    }

    /// The pair's verdict with the pairing's own usage handed back to its provider.
    fn released_verdict(
        &self,
        need: usize,
        role: usize,
        p: usize,
        o: &OngoingAssignment,
        usage: i64,
    ) -> Verdict {
        let s = self.scenario;
        let n = &s.needs[need];
        let facts = NeedFacts::new(n, &s.residents[self.residents[need]]);
        let spec = &n.team.roles[o.role as usize].spec;
        let c = facts.community();
        let held = u32::try_from(usage).unwrap_or(u32::MAX);
        let pairs = self.pairs();
        let (w, v, org) = (s.workers.len(), s.volunteers.len(), s.organizations.len());
        match *spec {
            RoleSpec::LeadWorker { min_licence } => {
                let mut worker = s.workers.get(p).ok_or(Rejection::Unreachable)?.clone();
                worker.current_load = worker.current_load.saturating_sub(held);
                let dist = self.graph.travel_distance_m(worker.station, c);
                // a supervised case holds its place with the mentor it names
                let place = u32::from(o.supervisor.is_some() && o.supervisor == worker.mentor);
                pairs
                    .worker(role, p, (&worker, min_licence), facts, dist)
                    .or_else(|failure| {
                        let lead = (&worker, min_licence);
                        self.supervised_verdict((role, p), lead, facts, dist, failure, place)
                    })
            }
            RoleSpec::Volunteers { .. } => {
                let task = VolunteerTask::from_spec(spec).ok_or(Rejection::MissingSkill)?;
                let mut volunteer = s
                    .volunteers
                    .get(p - w)
                    .ok_or(Rejection::Unreachable)?
                    .clone();
                volunteer.committed_minutes = volunteer.committed_minutes.saturating_sub(held);
                let dist = self.graph.travel_distance_m(volunteer.community, c);
                pairs.volunteer(role, p, (&volunteer, &task), facts, dist)
            }
            RoleSpec::Organization | RoleSpec::Service { .. } => {
                let index = p.checked_sub(w + v).ok_or(Rejection::Unreachable)?;
                let mut o = s
                    .organizations
                    .get(index)
                    .ok_or(Rejection::Unreachable)?
                    .clone();
                o.active_cases = o.active_cases.saturating_sub(held);
                pairs.organization(role, p, (&o, spec.service()), facts)
            }
            RoleSpec::Material { kind, amount } => {
                let index = p.checked_sub(w + v + org).ok_or(Rejection::Unreachable)?;
                let mut f = s.funds.get(index).ok_or(Rejection::Unreachable)?.clone();
                f.remaining = f.remaining.saturating_add(usage);
                pairs.fund(role, p, (&f, kind, amount), facts)
            }
        }
    }

    /// Puts `pair`'s edge into its role, replacing that provider's edge if it has one.
    fn put_edge(&mut self, role: usize, pair: Pair) -> Result<()> {
        let found = self.role_edges[role].binary_search_by_key(&pair.edge.provider, |e| e.provider);
        match found {
            Ok(i) => {
                self.role_edges[role][i] = pair.edge;
                self.role_travel[role][i] = pair.travel;
            }
            Err(i) => {
                self.count_edge(pair.edge.provider as usize)?;
                self.role_edges[role].insert(i, pair.edge);
                self.role_travel[role].insert(i, pair.travel);
            }
        }
        Ok(())
    }

    /// Drops person `p`'s real edges to every role of need `need`.
    fn drop_person_from_need(&mut self, need: usize, p: usize) {
        let roles = self.problem.needs[need].roles();
        for r in roles {
            let edges = &mut self.role_edges[r];
            if let Ok(i) = edges.binary_search_by_key(&(p as u32), |e| e.provider) {
                edges.remove(i);
                self.role_travel[r].remove(i);
            }
        }
    }

    /// Role `role` with its reserved edges: alone when they fill it, else after the other
    /// candidates with a preference no newcomer can beat.
    fn reserve_role(&mut self, role: usize, pairs: Vec<Pair>) {
        let demand = self.problem.roles[role].demand;
        let held: i64 = pairs.iter().map(|p| p.edge.max_units).sum();
        if held >= demand {
            self.role_edges[role].clear();
            self.role_travel[role].clear();
        }
        let preference = if held >= demand {
            0
        } else {
            EdgeScoreBound::continuing_preference(self.policy)
        };
        for mut pair in pairs {
            // at least 1 point, so an optional role the pairing fills is always worth keeping
            let score = pair.edge.score_per_unit.max(1);
            pair.edge.score_per_unit = score.saturating_add(preference);
            self.role_edges[role].push(pair.edge);
            self.role_travel[role].push(pair.travel);
        }
    }
}

/// The reserved edge's provider index mapped to the scenario's provider index.
pub(super) fn origin(reserved_origin: &[u32], base: usize, p: usize) -> usize {
    match p.checked_sub(base) {
        Some(k) => reserved_origin.get(k).map_or(p, |&o| o as usize),
        None => p,
    }
}
