//! Supervision: a junior worker leads a case above their licence with their mentor attached
//! (the source article's 传帮带, professional workers pairing with local ones).
//!
//! A worker whose only failing lead-worker rule is the licence gets a candidate edge when
//! their [`crate::model::SocialWorker::mentor`] may supervise the case
//! ([`check_supervisor`]) and has a free supervision place. After the edges are laid out, each
//! mentor's free places (`supervision_capacity − supervising`, plus the places of switchable
//! ongoing cases handed back to them) become one [`SharedResource`], and every supervised
//! edge draws one place from it. A pinned ongoing supervised case keeps its place (it is
//! counted in `supervising` already, as its worker's case is in `current_load`), so its
//! reserved edge draws nothing.

use std::collections::HashMap;

use crate::model::{Licence, ProviderId, RoleSpec, SocialWorker, WorkerId};
use crate::problem::{SharedResource, SharedUse};
use crate::rules::eligibility::NeedFacts;
use crate::rules::{OngoingPolicy, Rejection, check_supervisor, lead_worker_failures, scoring};

use super::ongoing::{OngoingFate, origin};
use super::{Compiled, Compiler, Verdict, person_pair};
use crate::error::Result;

/// Per mentor (worker index), supervision places handed back to it.
pub(super) type HandedBack = HashMap<usize, u32>;

impl Compiler<'_> {
    /// Worker `j`'s verdict for lead role `role` after its own check failed with `failure`:
    /// supervised by its mentor when the licence is the only rule it fails and the mentor
    /// may supervise the case with a place free (`handed_back` places counted as free).
    pub(super) fn supervised_verdict(
        &self,
        (role, j): (usize, usize),
        (w, min_licence): (&SocialWorker, Licence),
        facts: NeedFacts<'_>,
        dist: Option<u64>,
        failure: Rejection,
        handed_back: u32,
    ) -> Verdict {
        if failure != Rejection::LicenceTooLow {
            return Err(failure);
        }
        let Some(m) = self.mentor_index(w) else {
            return Err(failure);
        };
        let mentor = &self.scenario.workers[m];
        let free = mentor
            .supervision_capacity
            .saturating_sub(mentor.supervising)
            .saturating_add(handed_back);
        if free == 0 || check_supervisor(min_licence, mentor, facts).is_err() {
            return Err(failure);
        }
        if lead_worker_failures(min_licence, w, facts, dist) != [Rejection::LicenceTooLow] {
            return Err(failure);
        }
        let travel = dist.unwrap_or(0);
        let score = scoring::worker_score(self.policy, w, facts, travel, &self.graph);
        Ok(person_pair(role, j, (1, travel), score))
    }

    /// The index of `w`'s mentor, if it has one in the scenario.
    fn mentor_index(&self, w: &SocialWorker) -> Option<usize> {
        self.worker_index.get(&w.mentor?).copied()
    }

    /// Supervision places handed back by switchable ongoing cases whose worker still needs
    /// its mentor (see the module docs).
    pub(super) fn handed_back_supervision(&self) -> HandedBack {
        let mut back = HandedBack::new();
        if !matches!(self.policy.ongoing, OngoingPolicy::Switchable { .. }) {
            return back;
        }
        for (o, fate) in self.scenario.ongoing.iter().zip(&self.ongoing_fates) {
            let (Some(supervisor), ProviderId::Worker(_), OngoingFate::Switchable) =
                (o.supervisor, o.provider, fate)
            else {
                continue;
            };
            if let Some(&m) = self.worker_index.get(&supervisor) {
                *back.entry(m).or_insert(0) += 1;
            }
        }
        back
    }

    /// One shared resource per mentor with supervised edges, each supervised edge drawing one
    /// place (see the module docs).
    pub(super) fn add_supervision(&mut self) -> Result<()> {
        if self.worker_index.is_empty() {
            return Ok(());
        }
        let back = self.handed_back_supervision();
        let mut resource_of: HashMap<usize, u32> = HashMap::new();
        let mut added: Vec<(usize, SharedUse)> = Vec::new();
        for e in 0..self.problem.edges.len() {
            let edge = &self.problem.edges[e];
            let p = edge.provider as usize;
            if p >= self.base_providers {
                continue; // a pinned case keeps its place
            }
            let Some(m) = supervisor_index(self, edge.role as usize, p) else {
                continue;
            };
            let resource = *resource_of.entry(m).or_insert_with(|| {
                let mentor = &self.scenario.workers[m];
                let free = mentor
                    .supervision_capacity
                    .saturating_sub(mentor.supervising)
                    .saturating_add(back.get(&m).copied().unwrap_or(0));
                self.problem.shared.push(SharedResource {
                    capacity: i64::from(free),
                });
                self.problem.shared.len() as u32 - 1
            });
            added.push((
                e,
                SharedUse {
                    resource,
                    per_unit: 1,
                },
            ));
        }
        if !added.is_empty() {
            self.budget.draws(added.len())?;
            self.problem.add_edge_shared(added);
        }
        Ok(())
    }
}

/// The mentor (worker index) supervising provider `p` on role `role`, when `p` is a worker
/// below the role's licence with a mentor.
fn supervisor_index(c: &Compiler<'_>, role: usize, p: usize) -> Option<usize> {
    let w = c.scenario.workers.get(p)?;
    let r = c.problem.roles.get(role)?;
    let need = c.scenario.needs.get(r.need as usize)?;
    match need.team.roles.get(r.team_index as usize)?.spec {
        RoleSpec::LeadWorker { min_licence } if w.licence < min_licence => c.mentor_index(w),
        _ => None,
    }
}

impl Compiled<'_> {
    /// The mentor supervising edge `edge`'s assignment: a worker leading a case above their
    /// licence (reserved copies of pinned cases included).
    pub(crate) fn edge_supervisor(&self, edge: usize) -> Option<WorkerId> {
        let e = self.problem.edges.get(edge)?;
        let p = origin(
            &self.reserved_origin,
            self.base_providers,
            e.provider as usize,
        );
        let w = self.scenario.workers.get(p)?;
        let r = self.problem.roles.get(e.role as usize)?;
        let need = self.scenario.needs.get(r.need as usize)?;
        match need.team.roles.get(r.team_index as usize)?.spec {
            RoleSpec::LeadWorker { min_licence } if w.licence < min_licence => w.mentor,
            _ => None,
        }
    }
}
