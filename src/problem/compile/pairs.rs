//! The per-pair step of the compile: one (role, provider) pair judged by the rules of
//! `docs/rules.md` and, when it passes, turned into a candidate edge; and each provider's
//! capacity in problem units.

use crate::graph::LinkageGraph;
use crate::model::{
    CharityResource, Licence, ResourceKind, Service, SocialOrganization, SocialWorker, Volunteer,
};
use crate::problem::{CandidateEdge, MAX_AMOUNT, ProblemProvider};
use crate::rules::eligibility::{NeedFacts, VolunteerTask};
use crate::rules::{
    MatchPolicy, Rejection, ScoreBreakdown, check_lead_worker, check_material,
    check_organization_for, check_volunteer, scoring,
};

/// A candidate edge and the travel distance it was scored with (metres, 0 for organizations
/// and funds).
pub(crate) struct Pair {
    pub(crate) edge: CandidateEdge,
    pub(crate) travel: u32,
}

/// A pair's edge, or the first rule of `docs/rules.md` it fails.
pub(crate) type Verdict = std::result::Result<Pair, Rejection>;

/// The per-pair step of the compile, shared with [`super::patch`]: the candidate edge of one
/// (role, provider) pair, or the first rule the pair fails.
pub(crate) struct Pairs<'a> {
    pub(crate) policy: &'a MatchPolicy,
    pub(crate) graph: &'a LinkageGraph,
}

impl Pairs<'_> {
    /// Worker `w` (provider `provider`) leading role `role`; `dist = d(w.station, c)`.
    pub(crate) fn worker(
        &self,
        role: usize,
        provider: usize,
        (w, min_licence): (&SocialWorker, Licence),
        facts: NeedFacts<'_>,
        dist: Option<u64>,
    ) -> Verdict {
        check_lead_worker(min_licence, w, facts, dist)?;
        let dist = dist.unwrap_or(0);
        let score = scoring::worker_score(self.policy, w, facts, dist, self.graph);
        Ok(person_pair(role, provider, (1, dist), score))
    }

    /// Volunteer `v` (provider `provider`) taking a place of role `role`; `dist =
    /// d(v.community, c)`.
    pub(crate) fn volunteer(
        &self,
        role: usize,
        provider: usize,
        (v, task): (&Volunteer, &VolunteerTask<'_>),
        facts: NeedFacts<'_>,
        dist: Option<u64>,
    ) -> Verdict {
        check_volunteer(task, v, facts, dist)?;
        let dist = dist.unwrap_or(0);
        let score = scoring::volunteer_score(self.policy, task, v, facts, dist, self.graph);
        let usage = i64::from(task.weekly_minutes.max(1));
        Ok(person_pair(role, provider, (usage, dist), score))
    }

    /// Organization `o` (provider `provider`) delivering role `role`.
    pub(crate) fn organization(
        &self,
        role: usize,
        provider: usize,
        (o, service): (&SocialOrganization, Option<Service>),
        facts: NeedFacts<'_>,
    ) -> Verdict {
        check_organization_for(service, o, facts, self.graph)?;
        let score = scoring::organization_score(self.policy, o, facts, self.graph);
        Ok(person_pair(role, provider, (1, 0), score))
    }

    /// Fund `f` (provider `provider`) contributing to material role `role` of `kind` and
    /// `amount`.
    pub(crate) fn fund(
        &self,
        role: usize,
        provider: usize,
        (f, kind, amount): (&CharityResource, ResourceKind, i64),
        facts: NeedFacts<'_>,
    ) -> Verdict {
        check_material(kind, f, facts, self.graph)?;
        let edge = CandidateEdge {
            role: role as u32,
            provider: provider as u32,
            max_units: amount.min(f.remaining).min(MAX_AMOUNT),
            usage_per_unit: 1,
            score_per_unit: 0,
        };
        Ok(Pair { edge, travel: 0 })
    }
}

/// A person's edge: one unit using `usage` of its capacity, scored with travel `travel_m`.
pub(super) fn person_pair(
    role: usize,
    provider: usize,
    (usage, travel_m): (i64, u64),
    score: ScoreBreakdown,
) -> Pair {
    let edge = CandidateEdge {
        role: role as u32,
        provider: provider as u32,
        max_units: 1,
        usage_per_unit: usage,
        score_per_unit: score.total(),
    };
    Pair {
        edge,
        travel: u32::try_from(travel_m).unwrap_or(u32::MAX),
    }
}

/// A worker's capacity: free cases.
pub(crate) fn worker_capacity(w: &SocialWorker) -> ProblemProvider {
    person_capacity(w.caseload_capacity.saturating_sub(w.current_load))
}

/// A volunteer's capacity: free weekly minutes.
pub(crate) fn volunteer_capacity(v: &Volunteer) -> ProblemProvider {
    person_capacity(v.weekly_minutes.saturating_sub(v.committed_minutes))
}

/// An organization's capacity: free cases.
pub(crate) fn organization_capacity(o: &SocialOrganization) -> ProblemProvider {
    person_capacity(o.case_capacity.saturating_sub(o.active_cases))
}

/// A fund's capacity: the amount remaining.
pub(crate) fn fund_capacity(f: &CharityResource) -> ProblemProvider {
    ProblemProvider {
        capacity: f.remaining.clamp(0, MAX_AMOUNT),
        one_role_per_need: false,
    }
}

fn person_capacity(free: u32) -> ProblemProvider {
    ProblemProvider {
        capacity: i64::from(free),
        one_role_per_need: true,
    }
}
