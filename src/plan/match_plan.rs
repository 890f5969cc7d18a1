//! The `MatchPlan`: a strategy's answer in domain terms.

use serde::{Deserialize, Serialize};

use crate::model::{NeedId, ProviderId, WorkerId};
use crate::problem::{RoleKind, SolveStats, SolveStatus};
use crate::rules::{Rejection, ScoreBreakdown};

/// One provider filling (part of) one role of a need's team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The need.
    pub need: NeedId,
    /// Index of the role in the need's team.
    pub role: u32,
    /// The provider.
    pub provider: ProviderId,
    /// Units: 1 for a person, fen or goods units for material.
    pub amount: i64,
    /// Soft score of this assignment per unit, term by term.
    pub score: ScoreBreakdown,
    /// The mentor supervising a worker who leads a case above their own licence (see
    /// [`crate::model::SocialWorker::mentor`]); `None` for every other assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<WorkerId>,
}

/// How many candidates of a role were rejected for one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectionCount {
    /// The reason.
    pub reason: Rejection,
    /// How many providers of the role's kind it excluded.
    pub count: u32,
}

/// Why a need was not served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnmetReason {
    /// No provider is eligible for a core role; the counts say why, most frequent first.
    NoEligibleProvider {
        /// Role index in the team.
        role: u32,
        /// Rejections of the providers of the role's kind.
        rejections: Vec<RejectionCount>,
    },
    /// Some providers are eligible for a core person role, but fewer than it asks for (a
    /// volunteer role with `count` above the eligible volunteers); the counts say why the
    /// others were excluded, most frequent first.
    TooFewEligible {
        /// Role index in the team.
        role: u32,
        /// Eligible providers.
        eligible: u32,
        /// Persons the role needs.
        demand: i64,
        /// Rejections of the other providers of the role's kind.
        rejections: Vec<RejectionCount>,
    },
    /// Eligible providers exist for a core role, but too few had capacity left after the plan
    /// served other needs.
    CapacityTaken {
        /// Role index in the team.
        role: u32,
        /// Eligible providers.
        eligible: u32,
        /// Units the role needs.
        demand: i64,
        /// Units its eligible providers still had free after the plan.
        free: i64,
    },
    /// Even with every eligible resource unspent, the material role could not be covered.
    InsufficientMaterial {
        /// Role index in the team.
        role: u32,
        /// Amount required.
        required: i64,
        /// Amount all eligible resources hold together.
        available: i64,
    },
    /// Every role could still be filled from what the plan left free, but the strategy did not
    /// serve the need (a heuristic's choice; exact strategies only leave such needs when
    /// serving them would lower the objective).
    NotSelected,
}

/// A need that was not served, with every reason found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetNeed {
    /// The need.
    pub need: NeedId,
    /// Reasons, by role order.
    pub reasons: Vec<UnmetReason>,
}

/// A strategy's answer in domain ids.
///
/// Assignments are sorted by `(need, role, provider)`, served and unmet needs by id, so equal
/// inputs give byte-identical JSON. `Debug` redacts the scenario's name (free text).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchPlan {
    /// Name of the scenario matched.
    pub scenario: String,
    /// Strategy name.
    pub strategy: String,
    /// Status of the solve.
    pub status: SolveStatus,
    /// Objective (see [`crate::problem::Problem`]), tier bonuses included.
    pub objective: i128,
    /// The plain weighted objective: `objective` without the lexicographic tier bonuses
    /// ([`crate::problem::Problem::weighted_objective`]); equal to it under
    /// [`crate::rules::TierOrder::Weighted`].
    #[serde(default)]
    pub weighted_objective: i128,
    /// What the tier and fairness policies cost against the plain weighted optimum, where it
    /// was computed ([`crate::match_scenario`] does; [`crate::problem::Compiled::plan`]
    /// leaves `None`).
    #[serde(default)]
    pub policy_price: Option<super::PolicyPrice>,
    /// Upper bound on the optimal objective, where the strategy has one.
    pub bound: Option<i128>,
    /// Assignments.
    pub assignments: Vec<Assignment>,
    /// Needs served.
    pub served: Vec<NeedId>,
    /// Needs not served, with reasons.
    pub unmet: Vec<UnmetNeed>,
    /// Work counters of the strategy.
    pub stats: SolveStats,
    /// Against the scenario's ongoing assignments: kept, switched, released, new.
    #[serde(default)]
    pub churn: super::Churn,
    /// The level that met each served need (community, township or county pool), by need.
    #[serde(default)]
    pub levels: Vec<super::NeedLevel>,
}

crate::model::redact::redacted_debug!(MatchPlan {
    strategy, status, objective, weighted_objective, policy_price, bound, assignments, served,
    unmet, stats, churn, levels,
} redact { scenario });

impl Assignment {
    /// The kind of role this assignment fills, named by the provider's kind: a worker leads, a
    /// volunteer fills a volunteers role, an organization delivers, a fund gives material (the
    /// checker reports any other pairing as [`super::Violation::KindMismatch`]).
    ///
    /// ```
    /// use wushe::model::{NeedId, ProviderId, WorkerId};
    /// use wushe::plan::Assignment;
    /// use wushe::problem::RoleKind;
    /// use wushe::rules::ScoreBreakdown;
    /// let a = Assignment {
    ///     need: NeedId(1), role: 0, provider: ProviderId::Worker(WorkerId(1)), amount: 1,
    ///     score: ScoreBreakdown::default(),
    ///     supervisor: None,
    /// };
    /// assert_eq!(a.role_kind(), RoleKind::LeadWorker);
    /// ```
    pub fn role_kind(&self) -> RoleKind {
        match self.provider {
            ProviderId::Worker(_) => RoleKind::LeadWorker,
            ProviderId::Volunteer(_) => RoleKind::Volunteers,
            ProviderId::Organization(_) => RoleKind::Organization,
            ProviderId::Fund(_) => RoleKind::Material,
        }
    }
}
