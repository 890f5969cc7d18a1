//! Soft scoring: the value of serving a need and the score of each assignment, term by term
//! (`docs/rules.md`, "Soft scoring").
//!
//! All arithmetic is integer. Edge scores are small (bounded by the policy weights, see
//! [`EdgeScoreBound`]); need values are scaled so that serving a need always beats leaving it
//! and a need of higher priority always beats one of lower priority, whatever the edge scores:
//! edge scores only break ties among ways to serve.

use crate::graph::LinkageGraph;
use crate::model::{
    AbilityLevel, Category, ChildCause, Resident, RiskTier, Skill, SocialOrganization,
    SocialWorker, Volunteer, Vulnerability,
};
use crate::problem::MAX_VALUE;

use super::eligibility::{NeedFacts, VolunteerTask};
use super::policy::{MatchPolicy, PolicyError};
use super::{OngoingPolicy, ScoreBreakdown, ServiceLevel};

/// The volunteer skills that count as relevant to a category for the skill-fit term.
///
/// # Example
/// ```
/// use wushe::model::{Category, Skill};
/// use wushe::rules::relevant_skills;
/// assert!(relevant_skills(Category::ElderlyCare).contains(&Skill::Caregiving));
/// ```
pub fn relevant_skills(category: Category) -> &'static [Skill] {
    use Skill::*;
    match category {
        Category::SocialAssistance => &[LegalAid, Counselling, Driving],
        Category::ElderlyCare => &[Companionship, Caregiving, FirstAid, Rehabilitation, Driving],
        Category::ChildProtection => &[Tutoring, Companionship, Counselling, FirstAid],
        Category::DisabilitySupport => &[Rehabilitation, Caregiving, SignLanguage, Driving],
        Category::CommunityGovernance => &[LegalAid, Counselling],
        Category::MarriageFamily => &[Counselling, LegalAid],
        Category::DisasterResponse => &[FirstAid, HomeRepair, Driving],
    }
}

/// Whether a vulnerability counts as severe for [`MatchPolicy::severe_vulnerability`].
pub fn is_severe(vulnerability: Vulnerability) -> bool {
    match vulnerability {
        Vulnerability::ElderlyInDifficulty { ability } => ability >= AbilityLevel::Severe,
        Vulnerability::Disabled { grade } => grade <= 2,
        Vulnerability::ChildInDifficulty { cause } => cause == ChildCause::OwnDisability,
        _ => false,
    }
}

/// Priority of a need: `tier weight × (vulnerability_base + per_vulnerability·|V| +
/// severe_vulnerability·|severe V|)` for the resident's vulnerabilities `V`; at least 1 under a
/// valid policy.
pub fn need_priority(policy: &MatchPolicy, risk: RiskTier, resident: &Resident) -> u64 {
    let tier = match risk {
        RiskTier::High => policy.tier_high,
        RiskTier::Key => policy.tier_key,
        RiskTier::General => policy.tier_general,
    };
    let all = resident.vulnerabilities.len() as u128;
    let severe = resident
        .vulnerabilities
        .iter()
        .filter(|&&v| is_severe(v))
        .count() as u128;
    let factor = u128::from(policy.vulnerability_base)
        + u128::from(policy.per_vulnerability) * all
        + u128::from(policy.severe_vulnerability) * severe;
    u64::try_from(u128::from(tier) * factor).unwrap_or(u64::MAX)
}

/// Bounds on one person assignment's score under a policy: every breakdown total lies in
/// `-loss..=gain`. Material assignments score 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeScoreBound {
    /// Largest total (≥ 0).
    pub gain: i64,
    /// Largest loss, as a positive number (≥ 0).
    pub loss: i64,
}

impl EdgeScoreBound {
    /// The bound of `policy`: the terms of [`ScoreBreakdown`] at their extremes, plus what an
    /// ongoing pairing may gain in the problem ([`EdgeScoreBound::continuing_preference`]
    /// under [`OngoingPolicy::Pinned`], the switching cost under
    /// [`OngoingPolicy::Switchable`]).
    pub fn of(policy: &MatchPolicy) -> Self {
        let terms = Self::of_terms(policy);
        let ongoing = match policy.ongoing {
            OngoingPolicy::Pinned => Self::continuing_preference(policy),
            OngoingPolicy::Switchable { switching_cost } => i64::from(switching_cost),
        };
        EdgeScoreBound {
            gain: terms.gain.saturating_add(ongoing),
            loss: terms.loss,
        }
    }

    /// The extremes of the score terms alone.
    fn of_terms(policy: &MatchPolicy) -> Self {
        let extra = i64::from(policy.max_extra_skills.min(Skill::ALL.len() as u32));
        let shared = i64::from(policy.continuity) + i64::from(policy.affinity);
        let worker = i64::from(policy.specialty_match) + shared;
        let volunteer = i64::from(policy.extra_skill) * extra + shared;
        let coordination = policy.township_coordination.max(policy.county_coordination);
        EdgeScoreBound {
            gain: worker.max(volunteer),
            loss: i64::from(policy.travel_cap)
                + i64::from(policy.load_penalty)
                + i64::from(coordination),
        }
    }

    /// The preference of a pinned pairing in a role it fills only in part (one of two
    /// volunteers continues): `gain + loss + 1` of the score terms, more than any newcomer
    /// can score above it.
    pub fn continuing_preference(policy: &MatchPolicy) -> i64 {
        let terms = Self::of_terms(policy);
        terms.gain.saturating_add(terms.loss).saturating_add(1)
    }

    /// The value of one priority point when no team has more than `max_persons` person
    /// places: `(gain + loss) · max_persons + 1`. Larger than the spread of any team's total
    /// edge score, so priority decides who is served and serving beats leaving.
    pub fn value_unit(&self, max_persons: u64) -> i128 {
        (i128::from(self.gain) + i128::from(self.loss)) * i128::from(max_persons.max(1)) + 1
    }
}

/// The value of serving a need: `priority × unit`, where `unit` comes from
/// [`EdgeScoreBound::value_unit`].
///
/// # Errors
/// [`PolicyError::ValueTooLarge`] when the value exceeds [`MAX_VALUE`].
pub fn need_value(
    priority: u64,
    unit: i128,
    need: crate::model::NeedId,
) -> Result<i64, PolicyError> {
    let value = i128::from(priority) * unit;
    if (1..=i128::from(MAX_VALUE)).contains(&value) {
        Ok(value as i64)
    } else {
        Err(PolicyError::ValueTooLarge {
            need,
            max: MAX_VALUE,
        })
    }
}

/// Points lost to travel: `min(⌊distance_m · travel_per_km / 1000⌋, travel_cap)`, negated.
pub fn travel_term(policy: &MatchPolicy, distance_m: u64) -> i64 {
    let points = u128::from(distance_m) * u128::from(policy.travel_per_km) / 1000;
    -(points.min(u128::from(policy.travel_cap)) as i64)
}

/// Points lost to load: `⌊load_penalty · load / capacity⌋`, negated (the full penalty when the
/// capacity is 0).
pub fn load_term(policy: &MatchPolicy, load: u32, capacity: u32) -> i64 {
    let penalty = u64::from(policy.load_penalty);
    if capacity == 0 {
        return -(penalty as i64);
    }
    let points = penalty * u64::from(load.min(capacity)) / u64::from(capacity);
    -(points as i64)
}

/// The breakdown of worker `w` leading the need's team; `distance_m = d(w.station, c)`.
pub fn worker_score(
    policy: &MatchPolicy,
    worker: &SocialWorker,
    facts: NeedFacts<'_>,
    distance_m: u64,
    graph: &LinkageGraph,
) -> ScoreBreakdown {
    let points = |yes: bool, p: u32| if yes { i64::from(p) } else { 0 };
    let own_station = graph.township_of(facts.community()) == Some(worker.station);
    ScoreBreakdown {
        travel: travel_term(policy, distance_m),
        skill_fit: points(
            worker.specialties.iter().any(|&c| facts.has_category(c)),
            policy.specialty_match,
        ),
        continuity: points(
            facts.resident.prior_workers.contains(&worker.id),
            policy.continuity,
        ),
        affinity: points(own_station, policy.affinity),
        load: load_term(policy, worker.current_load, worker.caseload_capacity),
        coordination: coordination_term(
            policy,
            ServiceLevel::of_worker(worker, facts.community(), graph),
        ),
    }
}

/// Points lost to escalation: 0 in the need's own community, the township or county
/// coordination cost of the policy above it, negated.
pub fn coordination_term(policy: &MatchPolicy, level: ServiceLevel) -> i64 {
    -i64::from(match level {
        ServiceLevel::Community => 0,
        ServiceLevel::Township => policy.township_coordination,
        ServiceLevel::County => policy.county_coordination,
    })
}

/// The breakdown of volunteer `v` taking a place of a volunteer role; `distance_m =
/// d(v.community, c)`.
pub fn volunteer_score(
    policy: &MatchPolicy,
    task: &VolunteerTask<'_>,
    volunteer: &Volunteer,
    facts: NeedFacts<'_>,
    distance_m: u64,
    graph: &LinkageGraph,
) -> ScoreBreakdown {
    // skills relevant to any of the need's categories, each counted once
    let extra = Skill::ALL
        .iter()
        .filter(|s| facts.categories().any(|c| relevant_skills(c).contains(s)))
        .filter(|s| volunteer.skills.contains(s) && !task.skills.contains(s))
        .count() as u32;
    let extra = extra.min(policy.max_extra_skills);
    let linked = volunteer.organizations.iter().any(|&o| {
        graph.serves(o, facts.community()) || facts.categories().any(|c| graph.delivers(o, c))
    });
    let prior = facts.resident.prior_volunteers.contains(&volunteer.id);
    ScoreBreakdown {
        travel: travel_term(policy, distance_m),
        skill_fit: i64::from(policy.extra_skill) * i64::from(extra),
        continuity: if prior {
            i64::from(policy.continuity)
        } else {
            0
        },
        affinity: if linked {
            i64::from(policy.affinity)
        } else {
            0
        },
        load: load_term(
            policy,
            volunteer.committed_minutes,
            volunteer.weekly_minutes,
        ),
        coordination: coordination_term(
            policy,
            ServiceLevel::of_volunteer(volunteer, facts.community(), graph),
        ),
    }
}

/// The breakdown of organization `o` delivering the need: the load term and the coordination
/// term of its level (its category and service area are hard constraints, and it does not
/// travel from one place).
pub fn organization_score(
    policy: &MatchPolicy,
    organization: &SocialOrganization,
    facts: NeedFacts<'_>,
    graph: &LinkageGraph,
) -> ScoreBreakdown {
    ScoreBreakdown {
        load: load_term(
            policy,
            organization.active_cases,
            organization.case_capacity,
        ),
        coordination: coordination_term(
            policy,
            ServiceLevel::of_organization(organization, facts.community(), graph),
        ),
        ..ScoreBreakdown::default()
    }
}
